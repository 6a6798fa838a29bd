"""The mock's provisioning service, as a partner or the service desk would use it [S1][S27].

Routes (``/admin/provisioning/<environment>/clients``): submit a request; then, for a provisioned client,
read its configuration, rotate its secret, disable it, or register a public JWKS (the "separate request"
private_key_jwt needs [S27]). ``/admin/releases`` moves the provider to a new release, to see that
configurations are kept [S1].
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from harness.admin.session import AdminSession
from harness.http import HttpSession, Reply
from harness.secret import Secret
from harness.target import ClientCredentials, Target


@dataclass(frozen=True)
class Provisioned:
    """A provisioning answer. The one-time secret is wrapped at once so it can never be printed; the raw
    reply still holds it, so it is left out of the repr too."""

    reply: Reply = field(repr=False)
    body: Mapping[str, Any] = field(repr=False)
    secret: Secret | None = field(repr=False)

    @classmethod
    def of(cls, reply: Reply) -> Provisioned:
        body = dict(reply.json_object() or {})
        secret = body.pop("client_secret", None)
        return cls(reply, body, Secret(secret) if isinstance(secret, str) and secret else None)

    @property
    def client_id(self) -> str | None:
        value = self.body.get("client_id")
        return value if isinstance(value, str) else None

    @property
    def environment(self) -> str:
        return str(self.body.get("realm") or self.body.get("environment") or "current").lower()

    def credentials(self, *, redirect_uri: str | None = None, scope: str | None = None) -> ClientCredentials:
        return ClientCredentials(
            client_id=self.client_id or "", secret=self.secret, redirect_uri=redirect_uri, scope=scope
        )


class ProvisioningService:
    def __init__(self, admin: AdminSession) -> None:
        self.admin = admin

    @classmethod
    def of(cls, http: HttpSession, target: Target) -> ProvisioningService:
        return cls(AdminSession.of(http, target))

    def submit(self, environment: str, request: Mapping[str, Any], *, offered: bool = True) -> Provisioned:
        """``offered=False`` for an environment BankID does not have: its 404 is then the answer."""
        path = f"provisioning/{environment.lower()}/clients"
        answers = () if offered else (404,)
        return Provisioned.of(self.admin.call("POST", path, dict(request), answers=answers))

    def rotate_secret(self, environment: str, client_id: str) -> Provisioned:
        return Provisioned.of(self.admin.call("POST", f"{self._client(environment, client_id)}/secret"))

    def disable(self, environment: str, client_id: str) -> Reply:
        return self.admin.call("POST", f"{self._client(environment, client_id)}/disable")

    def register_jwks(self, environment: str, client_id: str, jwks: Mapping[str, Any]) -> Reply:
        return self.admin.call("PUT", f"{self._client(environment, client_id)}/jwks", {"jwks": dict(jwks)})

    def configuration(self, environment: str, client_id: str) -> Reply:
        return self.admin.call("GET", self._client(environment, client_id))

    def new_release(self, release: str) -> Reply:
        return self.admin.call("POST", "releases", {"release": release})

    @staticmethod
    def _client(environment: str, client_id: str) -> str:
        return f"provisioning/{environment.lower()}/clients/{client_id}"
