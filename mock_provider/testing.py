"""Driving the mock from an integrator's own tests: a provisioned client, a headless TestBank login, the tokens.

``MockHandle`` wraps one mock, in-process (``httpx.WSGITransport``: no socket, BankID's own host names) or served
(``mock_provider.running``), and offers what a relying party's test needs:

- ``client``: the client the mock provisioned for the test, with its secret;
- ``login(authorize_url, ...)``: what the user does on BankID's dialog (TestBank one-time code ``otp`` and
  password ``qwer1234`` [S60]), returning the callback the relying party receives;
- ``httpx_client()`` / ``requests_session()``: HTTP clients that reach the mock however it runs;
- ``tokens(...)``: the token endpoint, for tests that need tokens without a relying party.
"""

from __future__ import annotations

import secrets
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import httpx
from flask import Flask

from mock_provider.config import ClientConfig
from mock_provider.login.outcome import OTP, PASSWORD
from mock_provider.users.generate import DOCUMENTED_USER

MAX_HOPS = 10
DEFAULT_REDIRECT_URI = "http://localhost:5000/callback"


def new_client(**fields: Any) -> ClientConfig:
    """A client as BankID would provision it for an integrator's tests; ``fields`` override the defaults."""
    values: dict[str, Any] = {
        "client_id": "my-app-bankid-current",
        "client_secret": secrets.token_urlsafe(24),
        "redirect_uris": (DEFAULT_REDIRECT_URI,),
        "scopes": ("openid", "profile", "nnin_altsub"),
        "display_name": "My App AS",
        "nnin_eligible": True,
    }
    values.update(fields)
    for name in ("redirect_uris", "scopes", "token_endpoint_auth_methods", "grant_types"):
        if isinstance(values.get(name), list):
            values[name] = tuple(values[name])
    return ClientConfig(**values)


@dataclass(frozen=True)
class Callback:
    """What reached the client's ``redirect_uri``: its URL (or form_post target) and the parameters."""

    url: str
    params: Mapping[str, str]

    @property
    def code(self) -> str | None:
        return self.params.get("code")

    @property
    def error(self) -> str | None:
        return self.params.get("error")


class LoginError(AssertionError):
    """The login never reached the client's ``redirect_uri``."""


@dataclass
class MockHandle:
    """One mock and the client provisioned for the test."""

    base_url: str
    client: ClientConfig
    transport: httpx.BaseTransport | None = None
    verify: ssl.SSLContext | bool = True
    app: Flask | None = None
    realm: str = "current"
    ca_file: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def issuer(self) -> str:
        return f"{self.base_url}/auth/realms/{self.realm}"

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def httpx_client(self, **kwargs: Any) -> httpx.Client:
        """An ``httpx.Client`` that reaches this mock (in-process: through the WSGI app, no socket)."""
        if self.transport is not None:
            kwargs.setdefault("transport", self.transport)
        else:
            kwargs.setdefault("verify", self.verify)
        kwargs.setdefault("timeout", 10)
        return httpx.Client(**kwargs)

    def requests_session(self) -> Any:
        """A ``requests.Session`` that reaches this mock (needs ``requests``; in-process via a WSGI adapter)."""
        import requests

        from mock_provider.wsgi_requests import WSGIAdapter

        session = requests.Session()
        if self.app is not None:
            adapter = WSGIAdapter(self.app)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
        else:
            session.verify = self.ca_file or True
        return session

    def metadata(self) -> dict[str, Any]:
        with self.httpx_client() as http:
            document: dict[str, Any] = http.get(self.discovery_url).raise_for_status().json()
            return document

    def login(
        self,
        authorize_url: str,
        *,
        nnin: str = DOCUMENTED_USER.nnin,
        outcome: str | None = None,
        idp: str | None = None,
        cancel: bool = False,
        redirect_uri: str | None = None,
    ) -> Callback:
        """Log ``nnin`` in on the BankID dialog that ``authorize_url`` leads to; return the client's callback.

        ``outcome`` is ``cancel``, ``timeout``, ``blocked_certificate`` or ``bis_step_up``; ``idp="BIS"`` picks
        BankID with biometrics (a client without BIS gets BankID High, as BankID does [S59]).
        """
        target = redirect_uri or _redirect_uri_of(authorize_url) or self.client.redirect_uris[0]
        answers = {"nnin": nnin, "otp": OTP, "password": PASSWORD}
        if idp:
            answers["idp"] = idp
        if outcome:
            answers["outcome"] = outcome
        if cancel:
            answers["action"] = "cancel"
        with self.httpx_client(follow_redirects=False) as http:
            reply = http.get(authorize_url)
            for _ in range(MAX_HOPS):
                callback = _callback(reply, target)
                if callback is not None:
                    return callback
                location = reply.headers.get("location")
                if reply.is_redirect and location:
                    reply = http.get(urljoin(str(reply.url), location))
                    continue
                form = _first_form(reply)
                if form is None:
                    raise LoginError(f"no login form and no redirect at {reply.url} (HTTP {reply.status_code})")
                action, fields = form
                fields.update(answers)
                reply = http.post(urljoin(str(reply.url), action), data=fields)
        raise LoginError(f"the login took more than {MAX_HOPS} steps without reaching {target}")

    def tokens(self, code: str, *, code_verifier: str | None = None, redirect_uri: str | None = None) -> dict[str, Any]:
        """Exchange ``code`` at the token endpoint with the client's secret (client_secret_basic)."""
        form = {"grant_type": "authorization_code", "code": code}
        form["redirect_uri"] = redirect_uri or self.client.redirect_uris[0]
        if code_verifier:
            form["code_verifier"] = code_verifier
        secret = self.client.client_secret or ""
        with self.httpx_client() as http:
            reply = http.post(self.metadata()["token_endpoint"], data=form, auth=(self.client.client_id, secret))
            answer: dict[str, Any] = reply.json()
            return answer


def _redirect_uri_of(url: str) -> str | None:
    return dict(parse_qsl(urlsplit(url).query)).get("redirect_uri")


def _same_endpoint(url: str, redirect_uri: str) -> bool:
    a, b = urlsplit(url), urlsplit(redirect_uri)
    return (a.scheme, a.netloc, a.path) == (b.scheme, b.netloc, b.path)


def _callback(reply: httpx.Response, redirect_uri: str) -> Callback | None:
    location = reply.headers.get("location")
    if reply.is_redirect and location and _same_endpoint(location, redirect_uri):
        parts = urlsplit(location)
        params = dict(parse_qsl(parts.query)) | dict(parse_qsl(parts.fragment))
        return Callback(location, params)
    form = _first_form(reply)
    if form is not None and _same_endpoint(urljoin(str(reply.url), form[0]), redirect_uri):
        return Callback(form[0], form[1])  # response_mode=form_post: the page posts these fields
    return None


def _first_form(reply: httpx.Response) -> tuple[str, dict[str, str]] | None:
    if reply.status_code != 200 or "html" not in reply.headers.get("content-type", ""):
        return None
    parser = _Forms()
    parser.feed(reply.text)
    return next(iter(parser.forms), None)


class _Forms(HTMLParser):
    """The forms of a page: action and the default value of each named input (first of each name)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append((values.get("action", ""), {}))
        elif tag in {"input", "select", "textarea", "button"} and self.forms and values.get("name"):
            if tag == "button" or values.get("type") in {"submit", "radio", "checkbox"}:
                return  # a choice, not a default: the answers decide (action, idp, outcome)
            self.forms[-1][1].setdefault(values["name"], values.get("value", ""))
