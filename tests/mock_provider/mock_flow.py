"""A relying party for the mock's own tests: drives authorize, the login form and the token endpoint with a
plain httpx client, the way the harness does."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

ISSUER = "https://auth.current.bankid.no/auth/realms/current"
USERINFO = "https://userinfo.current.bankid.no/userinfo"
CLIENT_ID = "rp-bankid-current"
SECRET = "rp-secret-0123456789abcdefghijklmnop"
REDIRECT = "https://rp.example.no/callback"
USER_NNIN = "27034698436"
VERIFIER = "verifier-" + "x" * 50


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def claims_of(token: str) -> dict[str, Any]:
    """The payload of a compact JWS, unverified (signature checks have their own tests)."""
    payload = token.split(".")[1]
    data: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return data


def callback_params(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 303, response.text
    location = urlsplit(response.headers["Location"])
    return {k: v[0] for k, v in parse_qs(location.query or location.fragment).items()}


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("type") == "hidden" and found.get("name"):
            self.values[str(found["name"])] = found.get("value") or ""


def hidden_inputs(html: str) -> dict[str, str]:
    parser = _Inputs()
    parser.feed(html)
    return parser.values


@dataclass
class Flow:
    http: httpx.Client
    client_id: str = CLIENT_ID
    secret: str = SECRET
    redirect_uri: str = REDIRECT
    verifier: str = VERIFIER
    extra: dict[str, str] = field(default_factory=dict)

    def params(self, **overrides: str | None) -> dict[str, str]:
        params = {
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "response_type": "code",
            "scope": "openid profile",
            "state": "state-123",
            "nonce": "nonce-456",
            "code_challenge": s256(self.verifier),
            "code_challenge_method": "S256",
            "acr_values": "urn:bankid:bid",
        }
        params.update(overrides)  # type: ignore[arg-type]
        return {k: v for k, v in params.items() if v is not None}

    def authorize(self, headers: dict[str, str] | None = None, **overrides: str | None) -> httpx.Response:
        return self.http.get(f"{ISSUER}/precheck/auth", params=self.params(**overrides), headers=headers)

    def session(self, headers: dict[str, str] | None = None, **overrides: str | None) -> str:
        response = self.authorize(headers, **overrides)
        assert response.status_code == 303, response.text
        return parse_qs(urlsplit(response.headers["Location"]).query)["session"][0]

    def submit(self, session: str, **fields: str) -> httpx.Response:
        body = {"session": session, "nnin": USER_NNIN, "otp": "otp", "password": "qwer1234"}
        body.update(fields)
        return self.http.post(f"{ISSUER}/login-actions/authenticate", data=body)

    def login(self, fields: dict[str, str] | None = None, **overrides: str | None) -> dict[str, str]:
        return callback_params(self.submit(self.session(**overrides), **(fields or {})))

    def code(self, **overrides: str | None) -> str:
        return self.login(**overrides)["code"]

    def token(self, code: str, **overrides: str) -> httpx.Response:
        body = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
            "code_verifier": self.verifier,
        }
        body.update(overrides)
        return self.http.post(f"{ISSUER}/protocol/openid-connect/token", data=body, auth=(self.client_id, self.secret))

    def tokens(self, **overrides: str | None) -> dict[str, Any]:
        response = self.token(self.code(**overrides))
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body
