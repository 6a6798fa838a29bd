"""What one operation is, per provider, over real HTTP: the full code flow (authorize, login form, login,
token, userinfo) and one client_credentials token. Each driver asserts every step's status, so a failure is
counted, never timed as a success. Runs with any Python that has httpx (ours or the peer's venv).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx

VERIFIER = "bench-verifier-" + "v" * 40
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=").decode()
REDIRECT = "https://rp.example.no/callback"
SECRET = "bench-secret"
NNIN = "27034698436"


class FlowError(AssertionError):
    """A step answered something other than what a conformant provider answers."""


def authorize_params(client_id: str) -> dict[str, str]:
    return {
        "client_id": client_id,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "openid profile",
        "state": "bench-state",
        "nonce": "bench-nonce",
        "code_challenge": CHALLENGE,
        "code_challenge_method": "S256",
    }


def token_form(code: str) -> dict[str, str]:
    return {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "code_verifier": VERIFIER}


def expect(response: httpx.Response, *statuses: int) -> httpx.Response:
    if response.status_code not in statuses:
        raise FlowError(f"{response.request.method} {response.request.url.path}: {response.status_code}")
    return response


def location(response: httpx.Response) -> str:
    return urljoin(str(response.request.url), response.headers["location"])


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def _token_and_userinfo(http: httpx.Client, token_url: str, userinfo_url: str, client_id: str, code: str) -> None:
    tokens = expect(http.post(token_url, data=token_form(code), auth=(client_id, SECRET)), 200).json()
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    expect(http.get(userinfo_url, headers=bearer), 200)


@dataclass(frozen=True)
class Driver:
    """One provider as the benchmark sees it: its two operations, or ``None`` where it has no such thing."""

    name: str
    code_flow: Callable[[httpx.Client], None]
    client_credentials: Callable[[httpx.Client], None] | None


def ours(base: str, client_id: str = "bench-bankid-current") -> Driver:
    issuer = f"{base}/auth/realms/current"
    userinfo = f"{base.replace('127.0.0.1', 'localhost')}/userinfo"
    token = f"{issuer}/protocol/openid-connect/token"

    def code_flow(http: httpx.Client) -> None:
        login_url = location(expect(http.get(f"{issuer}/precheck/auth", params=authorize_params(client_id)), 303))
        expect(http.get(login_url), 200)
        form = {"session": query(login_url)["session"], "nnin": NNIN, "otp": "otp", "password": "qwer1234"}
        code = query(location(expect(http.post(f"{issuer}/login-actions/authenticate", data=form), 302, 303)))
        _token_and_userinfo(http, token, userinfo, client_id, code["code"])

    def client_credentials(http: httpx.Client) -> None:
        expect(http.post(token, data={"grant_type": "client_credentials"}, auth=(client_id, SECRET)), 200)

    return Driver("ours", code_flow, client_credentials)


def node(base: str, token_format: str) -> Driver:
    """node oidc-provider (bench/peers/oidc_provider.mjs); ``token_format`` picks its client_credentials client."""

    def code_flow(http: httpx.Client) -> None:
        http.cookies.clear()  # one browser per flow: the interaction and session cookies start empty
        interaction = location(expect(http.get(f"{base}/auth", params=authorize_params("bench-code")), 303))
        expect(http.get(interaction), 200)
        resume = location(
            expect(http.post(f"{interaction}/login", data={"nnin": NNIN, "otp": "o", "password": "p"}), 303)
        )
        code = query(location(expect(http.get(resume), 303)))
        _token_and_userinfo(http, f"{base}/token", f"{base}/me", "bench-code", code["code"])

    def client_credentials(http: httpx.Client) -> None:
        form = {"grant_type": "client_credentials", "scope": "api"}
        expect(http.post(f"{base}/token", data=form, auth=(f"bench-cc-{token_format}", SECRET)), 200)

    return Driver(f"node-oidc-provider ({token_format})", code_flow, client_credentials)


def oidc_provider_mock(base: str) -> Driver:
    """oidc-provider-mock (PyPI): its authorize page is also its login form; no client_credentials grant."""

    def code_flow(http: httpx.Client) -> None:
        params = authorize_params("bench-client")
        expect(http.get(f"{base}/oauth2/authorize", params=params), 200)
        code = query(location(expect(http.post(f"{base}/oauth2/authorize", params=params, data={"sub": NNIN}), 302)))
        _token_and_userinfo(http, f"{base}/oauth2/token", f"{base}/userinfo", "bench-client", code["code"])

    return Driver("oidc-provider-mock", code_flow, None)
