"""The target seam: everything the harness knows about the provider under test, as one value.

An in-process mock is a ``Target`` whose ``transport`` is a WSGI transport; a served mock and BankID's CURRENT
are ``Target``s with no transport (the network). Harness code only ever sees this object, never asks what is
behind it. What a target lacks (credentials, an admin API, a way to log in) makes the scenarios that need it
inconclusive or not applicable, with the reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from harness.evidence import Evidence
from harness.http import BaseTransport, HttpSession
from harness.limits import Limits, RateLimit
from harness.profile import CredentialPolicy
from harness.rules.errors import Inconclusive, NotApplicable
from harness.secret import Secret

WELL_KNOWN = "/.well-known/openid-configuration"
# Roles another provisioned client plays, for rules that depend on how a client is provisioned [S47][S59].
CLIENT_ROLES: Mapping[str, str] = MappingProxyType(
    {
        "bis": "client with BankID with biometrics (BIS) enabled",
        "ineligible": "client that is not eligible for nnin_altsub",
    }
)


@dataclass(frozen=True, kw_only=True)
class ClientCredentials:
    """A provisioned client as the integrator received it [S1]."""

    client_id: str
    secret: Secret | None = None
    redirect_uri: str | None = None
    scope: str | None = None
    # The name the login dialog's header shows, as supplied at provisioning [S3][S62].
    display_name: str | None = None
    # What the client was provisioned for: the JWT methods need a separate request to BankID [S27].
    auth_methods: tuple[str, ...] = ("client_secret_basic", "client_secret_post")
    private_jwk: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def usable(self) -> bool:
        """Whether the client can authenticate at all: a secret, or a private JWK for ``private_key_jwt``
        (a client provisioned for that method only needs no secret [S27])."""
        return self.secret is not None or (self.private_jwk is not None and "private_key_jwt" in self.auth_methods)


@dataclass(frozen=True, kw_only=True)
class AdminAccess:
    """A mock's admin API (provisioning, test users). Real BankID offers none: scenarios needing it are
    not applicable there."""

    base_url: str
    token: Secret


LoginDriver = Callable[..., Any]


@dataclass(frozen=True, kw_only=True)
class Target:
    name: str
    discovery_url: str
    transport: BaseTransport | None = None
    verify: str | bool = True
    client: ClientCredentials | None = None
    # Further clients by role (``CLIENT_ROLES``); one client may play several roles.
    clients: Mapping[str, ClientCredentials] = field(default_factory=lambda: MappingProxyType({}))
    admin: AdminAccess | None = None
    login: LoginDriver | None = None
    timeout: float = 10.0
    limits: Limits | None = None
    # Origins besides the issuer's and its profile's that may receive credentials (a mock's admin API).
    credential_origins: tuple[str, ...] = ()
    allow_insecure_http: bool = False
    # Monotonic time after which no request is sent (the run's deadline), and each scenario's own budget.
    run_deadline: float | None = None
    scenario_timeout: float | None = None
    rate: RateLimit | None = None
    # Origins this run could not connect to (``HttpSession``): later requests there are not retried again.
    proxy: str | None = None
    unreachable: set[str] = field(default_factory=set, hash=False, compare=False, repr=False)

    @property
    def expected_issuer(self) -> str:
        """The issuer the discovery URL promises: the URL without the well-known suffix [S8]."""
        url = self.discovery_url
        return url[: -len(WELL_KNOWN)] if url.endswith(WELL_KNOWN) else url.rstrip("/")

    @property
    def policy(self) -> CredentialPolicy:
        return CredentialPolicy.for_issuer(
            self.expected_issuer, extra=self.credential_origins, allow_insecure_http=self.allow_insecure_http
        )

    def session(self, evidence: Evidence) -> HttpSession:
        return HttpSession(
            transport=self.transport,
            verify=self.verify,
            evidence=evidence,
            limits=self.limits or Limits(timeout=self.timeout),
            policy=self.policy,
            deadline_at=self._scenario_deadline(),
            rate=self.rate,
            unreachable=self.unreachable,
            proxy=self.proxy,
        )

    def _scenario_deadline(self) -> float | None:
        deadlines = [d for d in (self.run_deadline,) if d is not None]
        if self.scenario_timeout is not None:
            deadlines.append(time.monotonic() + self.scenario_timeout)
        return min(deadlines, default=None)

    def require_client(self, role: str | None = None) -> ClientCredentials:
        """The conformance client, or with ``role`` the client provisioned for that role."""
        if role is not None:
            return self._client_for(role)
        if self.client is None or not self.client.usable:
            raise Inconclusive(
                f"target {self.name} has no client credentials: set BANKID_CLIENT_ID and BANKID_CLIENT_SECRET "
                "(or a [clients.main] table in BANKID_CLIENTS_FILE)"
            )
        return self.client

    def _client_for(self, role: str) -> ClientCredentials:
        client = self.clients.get(role)
        if client is None or not client.usable or not client.redirect_uri:
            raise Inconclusive(
                f"target {self.name} has no {CLIENT_ROLES[role]} (client role {role!r}): this scenario needs a "
                f"second provisioned client, given as [clients.{role}] in BANKID_CLIENTS_FILE"
            )
        return client

    def require_redirect_uri(self) -> str:
        client = self.client
        if client is None or not client.redirect_uri:
            raise Inconclusive(
                f"target {self.name} has no known client with a registered redirect URI: set BANKID_CLIENT_ID "
                "and BANKID_REDIRECT_URI"
            )
        return client.redirect_uri

    def require_login(self) -> LoginDriver:
        if self.login is None:
            raise Inconclusive(
                f"target {self.name} has no login driver: this scenario needs a human to log in with a BankID "
                "test user (TestBank otp/qwer1234), so it cannot be judged unattended"
            )
        return self.login

    def require_admin(self) -> AdminAccess:
        if self.admin is None:
            raise NotApplicable(f"target {self.name} has no admin API; this scenario runs against a mock only")
        return self.admin
