"""The admin client: the one-time secret is wrapped at once, and a missing admin route is inconclusive."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from harness.admin import Provisioned, ProvisioningService
from harness.admin.session import AdminSession
from harness.evidence import Evidence
from harness.http import HttpSession, Reply, wsgi_transport
from harness.rp.environments import other_environment
from harness.rules import Inconclusive
from harness.secret import Secret
from harness.target import AdminAccess

SECRET = "one-time-secret-0123456789abcdefgh"


def test_provisioned_wraps_the_secret_and_keeps_it_out_of_the_body() -> None:
    body = json.dumps({"client_id": "c-bankid-current", "client_secret": SECRET}).encode()
    answer = Provisioned.of(Reply(201, {"content-type": "application/json"}, body, "https://m/admin"))
    assert isinstance(answer.secret, Secret) and answer.secret.reveal() == SECRET
    assert "client_secret" not in answer.body
    assert SECRET not in repr(answer) and SECRET not in repr(answer.credentials())


def _not_found(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """A WSGI app with no admin routes at all: every path is a 404."""
    start_response("404 NOT FOUND", [("Content-Type", "application/json")])
    return [b'{"error": "not_found"}']


def _service() -> ProvisioningService:
    http = HttpSession(transport=wsgi_transport(_not_found), verify=True, evidence=Evidence())
    return ProvisioningService(AdminSession(http, AdminAccess(base_url="https://m/admin", token=Secret("t"))))


def test_a_missing_admin_route_is_inconclusive() -> None:
    service = _service()
    with pytest.raises(Inconclusive, match="does not offer POST /provisioning/current/clients"):
        service.submit("CURRENT", {})


def test_an_environment_bankid_does_not_offer_is_an_answer_not_a_missing_route() -> None:
    service = _service()
    assert service.submit("PREPROD", {}, offered=False).reply.status == 404


@pytest.mark.parametrize(
    ("mine", "other"),
    [
        (
            "https://auth.current.bankid.no/auth/realms/current/.well-known/openid-configuration",
            "https://auth.bankid.no/auth/realms/prod/.well-known/openid-configuration",
        ),
        (
            "https://127.0.0.1:8443/auth/realms/current/.well-known/openid-configuration",
            "https://127.0.0.1:8443/auth/realms/prod/.well-known/openid-configuration",
        ),
        ("https://idp.example/.well-known/openid-configuration", None),
    ],
)
def test_the_other_environment(mine: str, other: str | None) -> None:
    assert other_environment(mine) == other
