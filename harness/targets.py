"""Plugin wiring: turning a ``--target`` value into a ``Target``. The only module that may import the mock.

- ``mock``: the mock app in-process, through a WSGI transport (fast; the default);
- ``mock-server``: ``python -m mock_provider`` started on a free loopback port with TLS (the HTTP target);
- a discovery URL: any provider over the network, e.g. BankID's CURRENT, with credentials from ``Settings``.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from joserfc.jwk import ECKey

from harness.clients_file import ROLES
from harness.limits import Limits, RateLimit
from harness.login import check_browser, open_driver
from harness.profile import CredentialPolicy, is_loopback
from harness.secret import Secret
from harness.settings import ClientSettings, Settings
from harness.target import AdminAccess, ClientCredentials, LoginDriver, Target
from harness.testbank import TestBankLogin

MOCK_BASE = "https://auth.current.bankid.no"
MOCK_DISCOVERY = f"{MOCK_BASE}/auth/realms/current/.well-known/openid-configuration"
CONFORMANCE_CLIENT_ID = "conformance-bankid-current"
CONFORMANCE_REDIRECT = "https://rp.conformance.example/callback"
KEYWORDS = ("mock", "mock-server")
DISPLAY_NAME = "Conformance Harness"
AUTH_METHODS = ("client_secret_basic", "client_secret_post", "private_key_jwt", "client_secret_jwt")
SECOND_CLIENT_ID = "conformance-bis-bankid-current"
SECOND_DISPLAY_NAME = "Conformance Harness BIS"
SECOND_CLIENT_ROLES = ("bis", "ineligible")


@dataclass(frozen=True)
class MockClient:
    """A client the harness provisions in a mock it starts itself: random secret, fresh EC key."""

    credentials: ClientCredentials
    public_jwks: dict[str, Any]
    nnin_eligible: bool = True
    bis_enabled: bool = False

    @classmethod
    def generate(
        cls,
        client_id: str = CONFORMANCE_CLIENT_ID,
        *,
        display_name: str = DISPLAY_NAME,
        nnin_eligible: bool = True,
        bis_enabled: bool = False,
    ) -> MockClient:
        key = ECKey.generate_key("P-256", parameters={"alg": "ES256", "use": "sig"}, auto_kid=True)
        private = dict(key.as_dict(private=True))
        public = dict(key.as_dict(private=False))
        credentials = ClientCredentials(
            client_id=client_id,
            secret=Secret(secrets.token_urlsafe(24)),
            redirect_uri=CONFORMANCE_REDIRECT,
            scope="signdoc/read_write",
            display_name=display_name,
            auth_methods=AUTH_METHODS,
            private_jwk=private,
        )
        return cls(credentials, {"keys": [public]}, nnin_eligible=nnin_eligible, bis_enabled=bis_enabled)

    @classmethod
    def second(cls) -> MockClient:
        """The conformance client the other way round: not eligible for nnin_altsub, BIS enabled."""
        return cls.generate(SECOND_CLIENT_ID, display_name=SECOND_DISPLAY_NAME, nnin_eligible=False, bis_enabled=True)

    def client_config(self) -> dict[str, Any]:
        secret = self.credentials.secret.reveal() if self.credentials.secret else None
        return {
            "client_id": self.credentials.client_id,
            "realm": "current",
            "client_secret": secret,
            "redirect_uris": [CONFORMANCE_REDIRECT],
            # nnin_altsub is allowed for both, so only eligibility decides whether the claim is issued [S47].
            "scopes": ["openid", "profile", "nnin_altsub", "sign", "signdoc/read_write"],
            "display_name": self.credentials.display_name,
            "token_endpoint_auth_methods": list(AUTH_METHODS),
            "jwks": self.public_jwks,
            "nnin_eligible": self.nnin_eligible,
            "bis_enabled": self.bis_enabled,
        }


@dataclass(frozen=True)
class MockClients:
    """What a mock target is seeded with: the conformance client, and a second one for the client roles."""

    main: MockClient = field(default_factory=MockClient.generate)
    second: MockClient = field(default_factory=MockClient.second)

    def configs(self) -> list[dict[str, Any]]:
        return [self.main.client_config(), self.second.client_config()]

    def roles(self) -> Mapping[str, ClientCredentials]:
        return MappingProxyType(dict.fromkeys(SECOND_CLIENT_ROLES, self.second.credentials))


def split_spec(spec: str, faults: tuple[str, ...] = ()) -> tuple[str, tuple[str, ...]]:
    """``mock[PROFILE]`` is the mock with a fault profile, as ``--target mock --mock-fault PROFILE`` is: one
    session can then run the suite against several differently faulty mocks."""
    keyword, bracket, rest = spec.partition("[")
    if bracket and keyword in KEYWORDS and rest.endswith("]"):
        return keyword, (*faults, *rest[:-1].split("+"))
    return spec, faults


def target_id(spec: str) -> str:
    """What a target is called in test ids and findings: ``mock``, ``mock[PROFILE]``, ``mock-server`` or ``live``.

    A ``--mock-fault`` given for the whole run does not rename the target, so runs with and without it compare.
    """
    keyword, chosen = split_spec(spec)
    if keyword not in KEYWORDS:
        return "live"
    return f"{keyword}[{'+'.join(chosen)}]" if chosen else keyword


def check_spec(spec: str, settings: Settings, faults: tuple[str, ...] = (), quirks: tuple[str, ...] = ()) -> None:
    """Refuse a ``--target`` (or its settings) up front, with a message naming what is wrong."""
    spec, faults = split_spec(spec, faults)
    if spec not in KEYWORDS and not spec.startswith(("https://", "http://")):
        raise ValueError(f"--target must be one of {', '.join(KEYWORDS)} or a discovery URL, not {spec!r}")
    if spec in KEYWORDS and faults:
        from mock_provider.faults import UnknownFault, profile

        try:
            profile(*faults)
        except UnknownFault as exc:
            raise ValueError(f"--mock-fault: {exc}") from exc
    if spec in KEYWORDS and quirks:
        from mock_provider.quirks import QuirkError, choose

        try:
            choose(quirks)
        except QuirkError as exc:
            raise ValueError(f"--mock-quirk: {exc}") from exc
    if spec not in KEYWORDS:
        if CredentialPolicy.for_issuer(spec, allow_insecure_http=settings.allow_insecure_http).refuses_plain_http(spec):
            raise ValueError(
                f"--target {spec}: plain http to a host that is not loopback would expose the client's "
                "credentials; use https (or --allow-insecure-http)"
            )
        for role in ROLES:
            if (client := settings.client(role)) is not None:
                _private_jwk(client.private_jwk_file)
        if settings.ca_bundle is not None and not settings.ca_bundle.is_file():
            raise ValueError(f"BANKID_CA_BUNDLE {settings.ca_bundle}: no such file")
        if settings.login == "browser":
            check_browser()


@contextmanager
def open_target(
    spec: str, settings: Settings, *, faults: tuple[str, ...] = (), quirks: tuple[str, ...] = ()
) -> Iterator[Target]:
    name = target_id(spec)
    spec, faults = split_spec(spec, faults)
    if spec == "mock":
        yield _in_process(faults, quirks, name)
    elif spec == "mock-server":
        from harness.server import served_mock

        clients = MockClients()
        with served_mock(*clients.configs(), faults=faults, quirks=quirks) as served:
            admin = AdminAccess(base_url=served.admin_url, token=served.admin_token)
            yield Target(
                name=name,
                discovery_url=served.discovery_url,
                verify=str(served.ca_file),
                client=clients.main.credentials,
                clients=clients.roles(),
                admin=admin,
                login=TestBankLogin(admin),
            )
    elif spec.startswith(("https://", "http://")):
        with open_driver(settings, ca_bundle=settings.ca_bundle, loopback=is_loopback(spec)) as login:
            yield _live(spec, settings, login)
    else:
        raise ValueError(f"--target must be one of {', '.join(KEYWORDS)} or a discovery URL, not {spec!r}")


def _in_process(faults: tuple[str, ...], quirks: tuple[str, ...], name: str = "mock") -> Target:
    from mock_provider import Config, create_app
    from mock_provider.faults import profile
    from mock_provider.quirks import choose
    from mock_provider.seed import client_from_mapping

    clients = MockClients()
    admin_token = secrets.token_urlsafe(24)
    seeded = tuple(client_from_mapping(config) for config in clients.configs())
    config = Config(clients=seeded, admin_token=admin_token, faults=profile(*faults), quirks=choose(quirks))
    app = create_app(config)
    from harness.http import wsgi_transport

    admin = AdminAccess(base_url=f"{MOCK_BASE}/admin", token=Secret(admin_token))
    return Target(
        name=name,
        discovery_url=MOCK_DISCOVERY,
        transport=wsgi_transport(app),
        client=clients.main.credentials,
        clients=clients.roles(),
        admin=admin,
        login=TestBankLogin(admin),
    )


def _live(url: str, settings: Settings, login: LoginDriver | None) -> Target:
    main = settings.client("main")
    roles = {role: c for role in ROLES if role != "main" and (c := settings.client(role)) is not None}
    admin = None
    if settings.admin_url and settings.admin_token:
        admin = AdminAccess(base_url=settings.admin_url, token=settings.admin_token)
    verify: str | bool = str(settings.ca_bundle) if settings.ca_bundle else True
    return Target(
        name=url,
        discovery_url=url,
        verify=verify,
        client=_credentials(main) if main else None,
        clients=MappingProxyType({role: _credentials(c) for role, c in roles.items()}),
        admin=admin,
        login=login,
        limits=Limits(timeout=settings.timeout, max_bytes=settings.max_response_bytes),
        credential_origins=(settings.admin_url,) if admin and settings.admin_url else (),
        allow_insecure_http=settings.allow_insecure_http,
        run_deadline=time.monotonic() + settings.run_timeout,
        scenario_timeout=settings.scenario_timeout,
        # The cap is a courtesy to a remote provider (and the integrator's client there); loopback is our own.
        rate=None if is_loopback(url) else RateLimit(settings.max_rate),
        proxy=settings.https_proxy,
    )


def _credentials(client: ClientSettings) -> ClientCredentials:
    return ClientCredentials(
        client_id=client.client_id,
        secret=client.secret,
        redirect_uri=client.redirect_uri,
        scope=client.scope,
        auth_methods=client.auth_methods,
        private_jwk=_private_jwk(client.private_jwk_file),
        display_name=client.display_name,
    )


def _private_jwk(path: Path | None) -> dict[str, Any] | None:
    """The integrator's private JWK for private_key_jwt; a bad file is a usage error naming the file."""
    if path is None:
        return None
    try:
        jwk = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"private JWK file {path}: {exc}") from exc
    if not isinstance(jwk, dict) or "d" not in jwk:
        raise ValueError(f"private JWK file {path}: not a private JWK (a JSON object with 'd')")
    return jwk
