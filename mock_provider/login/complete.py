"""Ending a login: a code (60 s, single use) or a BankID error back to the client [S16][S56].

Both travel in the response mode the client asked for, with the client's ``state`` unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Response

from mock_provider.authorize.request import AuthorizationRequest
from mock_provider.authorize.respond import Target, redirect_response
from mock_provider.grants.authorization_code import CODE_KIND, CODE_SECONDS
from mock_provider.hooks import TokenContext
from mock_provider.login import sso
from mock_provider.login.outcome import Result
from mock_provider.login.session import LoginSession
from mock_provider.oauth.authentication import Authentication
from mock_provider.oauth.tokens import opaque_handle
from mock_provider.provider import Provider, Realm
from mock_provider.sign import sign_result
from mock_provider.users.model import TestUser


def target_of(session: LoginSession) -> Target:
    return target_of_request(session.request)


def target_of_request(request: AuthorizationRequest) -> Target:
    return Target(request.redirect_uri, request.state, request.response_mode)


def deny(provider: Provider, session: LoginSession, codes: str) -> Response:
    """``access_denied`` with ``bankid_error_codes:<codes>`` and the same ``state`` [S56][S57]."""
    request = session.request
    params = {"error": "access_denied", "error_description": f"bankid_error_codes:{codes}", "state": request.state}
    return _respond(provider, request, params, None)


def grant_code(provider: Provider, realm: Realm, session: LoginSession, user: TestUser, result: Result) -> Response:
    login = sso.LiveLogin(session.sid, user.nnin, result.acr, result.amr, int(provider.now()))
    sso.remember(provider, realm, session.request.client_id, login)
    return issue_code(provider, realm, session.request, login, user)


def issue_code(
    provider: Provider, realm: Realm, request: AuthorizationRequest, login: sso.LiveLogin, user: TestUser
) -> Response:
    """A code for ``request`` from ``login``: a login just finished, or a remembered one (the sso quirk)."""
    code = opaque_handle()
    auth = Authentication(
        sid=login.sid,
        nnin=login.nnin,
        client_id=request.client_id,
        scope=request.scope,
        nonce=request.nonce,
        acr=login.acr,
        amr=login.amr,
        auth_time=login.auth_time,
        authorization_details=request.authorization_details,
        permission_digest=request.permission_digest,
        sign_result=_signed(provider, realm, request, user),
        max_age=request.max_age,
    )
    payload = {
        "auth": auth.payload(),
        "redirect_uri": request.redirect_uri,
        "code_challenge": request.code_challenge,
        "code_challenge_method": request.code_challenge_method,
    }
    provider.grants.put(
        CODE_KIND,
        code,
        client_id=request.client_id,
        realm=realm.name,
        payload=payload,
        lifetime=CODE_SECONDS,
        family=login.sid,
    )
    return _respond(provider, request, {"code": code, "state": request.state}, user)


def _signed(provider: Provider, realm: Realm, request: AuthorizationRequest, user: TestUser) -> dict[str, str] | None:
    """The user confirmed the text by completing the dialog: sign it now, as the end user and the merchant."""
    text = request.sign_text
    if text is None:
        return None
    record = provider.clients.get(request.client_id, realm.name)
    merchant = record.config.merchant_certificate_cn if record else None
    now = dt.datetime.fromtimestamp(provider.now(), tz=dt.UTC)
    name = merchant or provider.config.shared_merchant_certificate_cn
    return sign_result(provider.ca, text, user=user, merchant_name=name, now=now)


def _respond(
    provider: Provider, request: AuthorizationRequest, params: dict[str, Any], user: TestUser | None
) -> Response:
    """The authorization response, through the fault profile's ``authorization_response`` hook."""
    context = TokenContext(request.client_id, request.scope, user)
    return redirect_response(target_of_request(request), provider.config.faults.authorization_response(params, context))
