"""The mock's discovery document: BankID's fields and quirks, per realm [S8]."""

from __future__ import annotations

import httpx
import pytest

from mock_provider import Config, create_app
from mock_provider.config import Quirks
from tests.conftest import ISSUER


def test_current_issuer_and_precheck_endpoint(provider_client: httpx.Client) -> None:
    document = provider_client.get("/auth/realms/current/.well-known/openid-configuration").json()
    assert document["issuer"] == ISSUER
    assert document["authorization_endpoint"] == f"{ISSUER}/precheck/auth"
    assert document["userinfo_endpoint"] == "https://userinfo.current.bankid.no/userinfo"
    assert document["code_challenge_methods_supported"] == ["S256"]


def test_prod_realm_has_its_own_issuer(provider_client: httpx.Client) -> None:
    document = provider_client.get("/auth/realms/prod/.well-known/openid-configuration").json()
    assert document["issuer"] == "https://auth.bankid.no/auth/realms/prod"


def test_unknown_realm_is_json_404(provider_client: httpx.Client) -> None:
    reply = provider_client.get("/auth/realms/preprod/.well-known/openid-configuration")
    assert reply.status_code == 404
    assert reply.json()["error"] == "not_found"


@pytest.mark.parametrize("required", [True, False])
def test_par_requirement_is_a_quirk(required: bool) -> None:
    app = create_app(Config(quirks=Quirks(require_pushed_authorization_requests=required)))
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url="https://x") as client:
        document = client.get("/auth/realms/current/.well-known/openid-configuration").json()
    assert document["require_pushed_authorization_requests"] is required


def test_local_config_keeps_userinfo_on_another_host() -> None:
    config = Config.local("https://127.0.0.1:8443")
    assert config.issuer_bases["current"] == "https://127.0.0.1:8443"
    assert config.userinfo_bases["current"] == "https://localhost:8443"
