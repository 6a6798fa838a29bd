"""Throughput of one provider, in-process (WSGI) so only the provider's own work is measured.

    python bench/flows.py ours   # this project's mock (run with .venv/bin/python)
    python bench/flows.py peer   # oidc-provider-mock, a Flask+authlib OIDC mock (run in bench's peer venv)

Prints one JSON line: operations per second for discovery, JWKS, a full authorization-code flow
(authorize -> login form -> token) and, for ours, client_credentials. Bounded: N iterations per operation.
Use bench/compare.sh to run both in the same session and get ratios.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

N = 300
VERIFIER = "bench-verifier-" + "v" * 40
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=").decode()
REDIRECT = "https://rp.example.no/callback"


def rate(operation: Callable[[], object], n: int = N) -> float:
    operation()  # warm-up: first-request costs (template compilation, imports) are not throughput
    start = time.perf_counter()
    for _ in range(n):
        operation()
    return round(n / (time.perf_counter() - start), 1)


def authorize_params(client_id: str) -> dict[str, str]:
    return {
        "client_id": client_id,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "openid profile",
        "state": "s",
        "nonce": "n",
        "code_challenge": CHALLENGE,
        "code_challenge_method": "S256",
    }


def token_form(code: str) -> dict[str, str]:
    return {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "code_verifier": VERIFIER}


def _query(response: httpx.Response) -> dict[str, str]:
    location = urlsplit(response.headers["location"])
    return {k: v[0] for k, v in parse_qs(location.query).items()}


def ours() -> dict[str, Any]:
    from mock_provider import ClientConfig, Config, create_app

    client = ClientConfig(client_id="bench-bankid-current", client_secret="bench-secret", redirect_uris=(REDIRECT,))
    app = create_app(Config(clients=(client,)))
    issuer = "https://auth.current.bankid.no/auth/realms/current"
    http = httpx.Client(transport=httpx.WSGITransport(app=app), base_url="https://auth.current.bankid.no")
    auth = ("bench-bankid-current", "bench-secret")

    def flow() -> None:
        params = authorize_params(auth[0])
        session = _query(http.get(f"{issuer}/precheck/auth", params=params))["session"]
        form = {"session": session, "action": "login", "nnin": "27034698436", "otp": "otp", "password": "qwer1234"}
        code = _query(http.post(f"{issuer}/login-actions/authenticate", data=form))["code"]
        assert http.post(f"{issuer}/protocol/openid-connect/token", data=token_form(code), auth=auth).status_code == 200

    return {
        "discovery": rate(lambda: http.get(f"{issuer}/.well-known/openid-configuration")),
        "jwks": rate(lambda: http.get(f"{issuer}/protocol/openid-connect/certs")),
        "code_flow": rate(flow, N // 3),
        "client_credentials": rate(
            lambda: http.post(
                f"{issuer}/protocol/openid-connect/token", data={"grant_type": "client_credentials"}, auth=auth
            )
        ),
    }


def peer() -> dict[str, Any]:
    import oidc_provider_mock

    app = oidc_provider_mock.app()
    http = httpx.Client(transport=httpx.WSGITransport(app=app), base_url="http://localhost")
    auth = ("bench-client", "bench-secret")

    def flow() -> None:
        params = authorize_params(auth[0])
        code = _query(http.post("/oauth2/authorize", params=params, data={"sub": "alice"}))["code"]
        assert http.post("/oauth2/token", data=token_form(code), auth=auth).status_code == 200

    return {
        "discovery": rate(lambda: http.get("/.well-known/openid-configuration")),
        "jwks": rate(lambda: http.get("/jwks")),
        "code_flow": rate(flow, N // 3),
    }


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "ours"
    print(json.dumps({"provider": which, **(ours() if which == "ours" else peer())}))
