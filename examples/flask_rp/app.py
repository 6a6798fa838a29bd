"""A small relying party: "Log in with BankID" for a Flask app, with authlib's OAuth 2.0 client.

It does what BankID asks of a client [S16]: the authorization code flow with S256 PKCE, ``state`` and ``nonce``,
the ID token verified against the provider's JWKS (ES256), then userinfo. Its tests
(``test_app.py``) run it against the BankID mock through the ``mock_provider.pytest_plugin`` fixtures.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from flask import Flask, jsonify, redirect, request, session
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from werkzeug.wrappers import Response


@dataclass(frozen=True)
class BankIDSettings:
    discovery_url: str
    client_id: str
    client_secret: str
    redirect_uri: str
    scope: str = "openid profile"


def create_app(
    settings: BankIDSettings,
    *,
    http: Callable[[], requests.Session] = requests.Session,
    clock: Callable[[], float] = time.time,
) -> Flask:
    app = Flask(__name__)
    app.secret_key = secrets.token_bytes(32)

    def metadata() -> dict[str, Any]:
        with http() as client:
            document: dict[str, Any] = client.get(settings.discovery_url, timeout=10).json()
            return document

    def oauth(document: dict[str, Any]) -> OAuth2Session:
        client = OAuth2Session(
            settings.client_id,
            settings.client_secret,
            scope=settings.scope,
            redirect_uri=settings.redirect_uri,
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_basic",
        )
        for prefix, adapter in http().adapters.items():
            client.mount(prefix, adapter)
        client.verify = http().verify
        return client

    @app.get("/login")
    def login() -> Response:
        document = metadata()
        verifier, nonce = generate_token(64), generate_token(32)
        url, state = oauth(document).create_authorization_url(
            document["authorization_endpoint"], code_verifier=verifier, nonce=nonce, acr_values="urn:bankid:bid"
        )
        session.update(state=state, verifier=verifier, nonce=nonce)
        return redirect(url)

    @app.get("/callback")
    def callback() -> Response | tuple[Response, int]:
        if request.args.get("state") != session.pop("state", None):
            return jsonify(error="state mismatch"), 400
        if request.args.get("error"):
            # BankID's reason rides in error_description as bankid_error_codes:<codes> [S56].
            return jsonify(error=request.args["error"], detail=request.args.get("error_description")), 401
        document = metadata()
        client = oauth(document)
        token = client.fetch_token(
            document["token_endpoint"], code=request.args["code"], code_verifier=session.pop("verifier")
        )
        try:
            claims = _verified_id_token(token["id_token"], document, settings, session.pop("nonce"), clock(), http)
        except (JoseError, ValueError) as exc:
            return jsonify(error="invalid id_token", detail=str(exc)), 401
        session.update(user=claims, access_token=token["access_token"])
        kid = _kid(token["id_token"])
        return jsonify(name=claims.get("name"), acr=claims.get("acr"), amr=claims.get("amr"), kid=kid, claims=claims)

    @app.get("/me")
    def me() -> Response | tuple[Response, int]:
        if "access_token" not in session:
            return jsonify(error="not logged in"), 401
        document = metadata()
        with http() as client:
            answer = client.get(
                document["userinfo_endpoint"],
                headers={"Authorization": f"Bearer {session['access_token']}"},
                timeout=10,
            )
        if answer.status_code == 401:
            session.clear()
            return jsonify(error="session expired, log in again"), 401
        # BankID's userinfo is a signed JWT (application/jwt) [S30]; verify it like the ID token.
        claims = jwt.decode(answer.text, _keys(document, http)).claims
        return jsonify(claims)

    return app


def _kid(token: str) -> str | None:
    """The key an ID token names (kept for display: rotation is the provider's business [S38])."""
    header = jws.extract_compact(token.encode()).headers()
    return str(header["kid"]) if "kid" in header else None


def _keys(document: dict[str, Any], http: Callable[[], requests.Session]) -> KeySet:
    with http() as client:
        return KeySet.import_key_set(client.get(document["jwks_uri"], timeout=10).json())


def _verified_id_token(
    token: str,
    document: dict[str, Any],
    settings: BankIDSettings,
    nonce: str,
    now: float,
    http: Callable[[], requests.Session],
) -> dict[str, Any]:
    """OIDC Core 3.1.3.7: signature by a published key with an allowed algorithm, issuer, audience, time, nonce."""
    decoded = jwt.decode(token, _keys(document, http), algorithms=["ES256"])
    claims: dict[str, Any] = dict(decoded.claims)
    if claims.get("iss") != document["issuer"]:
        raise ValueError("issuer mismatch")
    audience = claims.get("aud")
    if settings.client_id not in (audience if isinstance(audience, list) else [audience]):
        raise ValueError("audience mismatch")
    if not isinstance(claims.get("exp"), int | float) or claims["exp"] <= now:
        raise ValueError("expired")
    if claims.get("nonce") != nonce:
        raise ValueError("nonce mismatch")
    return claims
