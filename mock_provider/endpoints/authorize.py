"""``GET {issuer}/precheck/auth`` [S15][S16][S17]: BankID's authorization endpoint (GET only; a POST gets
the app's JSON 405). A trusted, valid request starts a login session and is sent (303) to the login page;
see ``mock_provider.authorize`` for the rules and ``mock_provider.endpoints.login`` for the page.

Per request, the header ``X-Mock-Outcome: cancel|timeout|blocked_certificate|bis_step_up`` chooses how the
login will end, whatever test user logs in.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from flask import Response, request
from werkzeug.exceptions import MethodNotAllowed

from mock_provider.authorize.errors import PageError, RedirectError
from mock_provider.authorize.id_token_hint import verified_hint
from mock_provider.authorize.request import AuthorizationRequest
from mock_provider.authorize.resolve import TargetedError, resolve
from mock_provider.authorize.respond import error_page, error_redirect
from mock_provider.endpoints.realm import current_realm, realm_blueprint
from mock_provider.login import complete, session, sso
from mock_provider.login.outcome import OUTCOME_HEADER, parse_outcome
from mock_provider.provider import Provider, Realm, current_provider

LOGIN_PATH = "login-actions/authenticate"


@realm_blueprint.get("/precheck/auth")
def authorize() -> Response:
    return _start(request.args.lists())


@realm_blueprint.post("/precheck/auth")
def authorize_post() -> Response:
    """ "POST is not supported" [S15][S17]: the same 405 as an unrouted method."""
    raise MethodNotAllowed(valid_methods=["GET", "HEAD", "OPTIONS"])


def _start(pairs: Iterable[tuple[str, list[str]]]) -> Response:
    provider, realm = current_provider(), current_realm()
    try:
        authorization = resolve(provider, realm, pairs)
    except PageError as error:
        return error_page(error)
    except TargetedError as targeted:
        return error_redirect(targeted.target, targeted.error)
    if authorization.id_token_hint:
        try:
            reused = _reuse(provider, realm, authorization, authorization.id_token_hint)
        except RedirectError as error:
            return error_redirect(complete.target_of_request(authorization), error)
        if reused is not None:
            return reused
    if "none" in authorization.prompt:
        # No login to reuse (SSO is not supported [S49], or the sso quirk found no live, fresh login): as
        # Keycloak's AuthorizationEndpoint answers prompt=none without a session.
        silent = RedirectError("login_required", "prompt=none: the user must authenticate")
        return error_redirect(complete.target_of_request(authorization), silent)
    outcome = parse_outcome(request.headers.get(OUTCOME_HEADER))
    handle = session.start(provider, realm, authorization, outcome)
    location = f"{realm.url(LOGIN_PATH)}?{urlencode({'session': handle})}"
    return Response(status=303, headers={"Location": location, "Cache-Control": "no-store"})


def _reuse(provider: Provider, realm: Realm, authorization: AuthorizationRequest, token: str) -> Response | None:
    """A code straight away when the hinted login may be reused (the sso quirk), else ``None``: log in."""
    hint = verified_hint(provider, realm, authorization.client_id, token)
    login = sso.reusable(provider, realm, authorization, hint)
    user = provider.users.get(login.nnin) if login else None
    if login is None or user is None:
        return None
    return complete.issue_code(provider, realm, authorization, login, user)
