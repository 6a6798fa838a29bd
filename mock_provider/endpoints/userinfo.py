"""Userinfo ("TINFO") on its own host, ``GET {userinfo_base}/userinfo`` [S31][S32][S33].

GET only, with a Bearer access token; 200 is a signed JWT (``Content-Type: application/jwt``) whose ``iss`` is
the userinfo base URL and ``aud`` the client. A missing, bad, expired or revoked token is 401 JSON; POST is
405.
The realm comes from the token's ``iss``; the request must arrive on that realm's userinfo host.
"""

from __future__ import annotations

import functools
import json
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, request
from joserfc import jws
from joserfc.errors import JoseError
from werkzeug.exceptions import MethodNotAllowed

from mock_provider.endpoints.introspection import issued_access_token, live_access_token
from mock_provider.grants.session_tokens import ACCESS_KIND
from mock_provider.hooks import TokenContext
from mock_provider.oauth.errors import NotFoundError, OAuth2Error
from mock_provider.provider import Provider, Realm, current_provider
from mock_provider.users.model import TestUser

userinfo_blueprint = Blueprint("userinfo", __name__)


class InvalidTokenError(OAuth2Error):
    error = "invalid_token"
    status_code = 401


@userinfo_blueprint.route("/userinfo", methods=["GET", "POST"])
def userinfo() -> Response:
    provider = current_provider()
    # The served realms' hosts, not the host map's: it names PREPROD's even where that realm is not offered.
    if not any(_host(realm.userinfo_base) == request.host.lower() for realm in provider.realms.values()):
        raise NotFoundError(description="Not found")
    if request.method == "POST":
        raise MethodNotAllowed(valid_methods=["GET"])
    token = _bearer(request.headers.get("Authorization"))
    unverified = _unverified(token)
    realm = _realm_of(provider, unverified)
    record = provider.grants.live(ACCESS_KIND, str(unverified.get("jti")))
    claims = issued_access_token(provider, realm, token, unverified, record) if record else None
    if claims is None:
        claims = live_access_token(provider, realm, token)  # same token, so the same jti and record
    user = provider.users.get(str(record.payload["nnin"])) if claims and record else None
    if claims is None or record is None or user is None:
        raise InvalidTokenError(description="Token verification failed")
    body = _claims(provider, realm, claims, record.payload["scope"], user)
    return Response(provider.sign(realm, body), status=200, content_type="application/jwt")


@functools.lru_cache(maxsize=64)
def _host(base: str) -> str:
    return urlsplit(base).netloc.lower()


def _bearer(header: str | None) -> str:
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidTokenError(description="Bearer token required")
    return token.strip()


def _unverified(token: str) -> dict[str, Any]:
    """The token's claims, not yet trusted: they name the realm and the access record to look at."""
    try:
        claims = json.loads(jws.extract_compact(token.encode()).payload)
    except (JoseError, ValueError, AttributeError, UnicodeError, RecursionError) as exc:
        raise InvalidTokenError(description="Token verification failed") from exc
    if not isinstance(claims, dict):
        raise InvalidTokenError(description="Token verification failed")
    return claims


def _realm_of(provider: Provider, claims: dict[str, Any]) -> Realm:
    issuer = claims.get("iss")
    realm = next((r for r in provider.realms.values() if r.issuer == issuer), None)
    if realm is None or _host(realm.userinfo_base) != request.host.lower():
        raise InvalidTokenError(description="Token verification failed")
    return realm


def _claims(
    provider: Provider, realm: Realm, token: dict[str, Any], scope: list[str], user: TestUser
) -> dict[str, Any]:
    now = int(provider.now())
    claims: dict[str, Any] = {
        "iss": realm.userinfo_base,
        "aud": token["azp"],
        "sub": token["sub"],
        "iat": now,
        "updated_at": now,
    }
    if "profile" in scope:
        claims.update(
            name=user.name, given_name=user.given_name, family_name=user.family_name, birthdate=user.birthdate
        )
    client = provider.clients.get(str(token["azp"]), realm.name)
    if "nnin" in scope and client is not None and client.config.nnin_eligible:
        claims["nnin"] = user.nnin
    return provider.config.faults.userinfo(claims, TokenContext(str(token["azp"]), tuple(scope), user))
