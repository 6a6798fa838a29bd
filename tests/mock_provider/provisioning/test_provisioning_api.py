"""The provisioning admin API: credentials issued once, one realm per environment, every error listed [S1]."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from faker import Faker

from tests.conftest import FakeClock
from tests.mock_provider.provisioning_api import example, provision, token

CLIENTS = "/admin/provisioning/current/clients"


def test_provisioning_issues_a_client_id_and_a_32_character_secret(admin: httpx.Client) -> None:
    answer = provision(admin)
    assert answer["client_id"] == "webshop-bankid-current"
    assert re.fullmatch(r"[A-Za-z0-9]{32}", answer["client_secret"])
    assert answer["realm"] == "current"
    assert answer["provisioned_by"] == "partner:Demo Partner AS"


def test_the_new_client_authenticates_at_once(admin: httpx.Client, public: httpx.Client) -> None:
    answer = provision(admin)
    reply = token(public, "current", answer["client_id"], answer["client_secret"])
    assert reply.status_code == 200, reply.text
    assert reply.json()["token_type"] == "Bearer"


def test_the_client_can_introspect(admin: httpx.Client, public: httpx.Client) -> None:
    answer = provision(admin)
    access = token(public, "current", answer["client_id"], answer["client_secret"]).json()["access_token"]
    reply = public.post(
        "/auth/realms/current/protocol/openid-connect/token/introspect",
        data={"token": access, "token_type_hint": "bid_access_token"},
        auth=(answer["client_id"], answer["client_secret"]),
    )
    assert reply.json()["active"] is True


def test_a_current_client_is_unknown_in_prod(admin: httpx.Client, public: httpx.Client) -> None:
    answer = provision(admin)
    assert token(public, "prod", answer["client_id"], answer["client_secret"]).status_code in (400, 401)
    assert admin.get(f"/admin/provisioning/prod/clients/{answer['client_id']}").status_code == 404


def test_a_prod_client_lives_in_prod(admin: httpx.Client, public: httpx.Client) -> None:
    answer = provision(admin, "prod")
    assert answer["client_id"] == "webshop-bankid-prod"
    assert token(public, "prod", answer["client_id"], answer["client_secret"]).status_code == 200
    assert token(public, "current", answer["client_id"], answer["client_secret"]).status_code in (400, 401)


def test_reading_never_returns_the_secret(admin: httpx.Client) -> None:
    answer = provision(admin)
    for reply in (admin.get(f"{CLIENTS}/{answer['client_id']}"), admin.get(CLIENTS)):
        assert reply.status_code == 200
        assert answer["client_secret"] not in reply.text
        assert '"client_secret"' not in reply.text


def test_the_secret_is_stored_only_as_a_hash(admin: httpx.Client, empty_mock: Any) -> None:
    answer = provision(admin)
    store = empty_mock.extensions["bankid_mock"].store
    with store.begin() as connection:
        rows = connection.exec_driver_sql("SELECT * FROM clients").all()
    dump = "\n".join(str(value) for row in rows for value in row)
    assert answer["client_secret"] not in dump
    assert "sha256$" in dump


def test_rotating_the_secret_stops_the_old_one_at_once(admin: httpx.Client, public: httpx.Client) -> None:
    answer = provision(admin)
    rotated = admin.post(f"{CLIENTS}/{answer['client_id']}/secret")
    assert rotated.status_code == 200
    new = rotated.json()["client_secret"]
    assert new != answer["client_secret"]
    assert token(public, "current", answer["client_id"], answer["client_secret"]).status_code in (400, 401)
    assert token(public, "current", answer["client_id"], new).status_code == 200


def test_a_disabled_client_fails_client_authentication(admin: httpx.Client, public: httpx.Client) -> None:
    answer = provision(admin)
    assert admin.post(f"{CLIENTS}/{answer['client_id']}/disable").json()["enabled"] is False
    assert token(public, "current", answer["client_id"], answer["client_secret"]).status_code in (400, 401)
    admin.post(f"{CLIENTS}/{answer['client_id']}/enable")
    assert token(public, "current", answer["client_id"], answer["client_secret"]).status_code == 200


def test_listing_shows_the_provisioned_clients_of_one_environment(admin: httpx.Client) -> None:
    provision(admin)
    provision(admin, client_name="second")
    provision(admin, "prod")
    ids = [c["client_id"] for c in admin.get(CLIENTS).json()["clients"]]
    assert ids == ["second-bankid-current", "webshop-bankid-current"]


def test_the_same_client_cannot_be_provisioned_twice(admin: httpx.Client) -> None:
    provision(admin)
    reply = admin.post(CLIENTS, json=example())
    assert reply.status_code == 409
    assert reply.json()["error"] == "conflict"


class TestRejections:
    """Bad input gets 400/422 JSON naming every field, never a 500."""

    def test_every_field_error_is_listed(self, admin: httpx.Client) -> None:
        reply = admin.post(CLIENTS, json={"channel": "service-desk", "scopes": ["nnin"]})
        assert reply.status_code == 422
        body = reply.json()
        assert body["error"] == "invalid_request"
        fields = {e["field"] for e in body["errors"]}
        assert {"client_name", "display_name", "redirect_uris", "scopes", "organisation.number"} <= fields

    def test_service_desk_is_refused_for_prod(self, admin: httpx.Client) -> None:
        body = example("prod-dedicated.toml", channel="service-desk")
        reply = admin.post("/admin/provisioning/prod/clients", json=body)
        assert reply.status_code == 422
        assert "channel" in {e["field"] for e in reply.json()["errors"]}

    def test_the_environment_must_match_the_path(self, admin: httpx.Client) -> None:
        reply = admin.post("/admin/provisioning/prod/clients", json=example())
        assert reply.status_code == 422
        assert "environment" in {e["field"] for e in reply.json()["errors"]}

    @pytest.mark.parametrize(
        "content",
        [b"not json", b"[1, 2]", b'"a string"', b"{", b"null"],
        ids=["text", "array", "string", "cut", "null"],
    )
    def test_a_body_that_is_not_a_json_object_is_a_400(self, admin: httpx.Client, content: bytes) -> None:
        reply = admin.post(CLIENTS, content=content, headers={"Content-Type": "application/json"})
        assert reply.status_code == 400
        assert reply.json()["error"] == "invalid_request"

    @pytest.mark.parametrize(
        "body",
        [
            {"client_name": 7, "redirect_uris": {"a": 1}, "contacts": "x", "nnin": [], "merchant_certificate": 3},
            {"organisation": {"number": None}, "idps": [None], "jwks": "x", "bis_enabled": "yes"},
            {"merchant_certificate": {"kind": "dedicated", "bid_base64": "!!!", "bid_password": 1}},
        ],
    )
    def test_wrongly_typed_fields_are_422_not_500(self, admin: httpx.Client, body: dict[str, Any]) -> None:
        reply = admin.post(CLIENTS, json=body)
        assert reply.status_code == 422, reply.text
        assert reply.json()["errors"]

    def test_an_unknown_environment_is_a_404(self, admin: httpx.Client) -> None:
        assert admin.post("/admin/provisioning/preprod/clients", json=example()).status_code == 404

    def test_the_admin_token_is_required(self, public: httpx.Client) -> None:
        assert public.post(CLIENTS, json=example()).status_code == 401


class TestJwks:
    """private_key_jwt: a public JWKS registered on a separate request [S27]."""

    JWK = {
        "kty": "EC",
        "crv": "P-256",
        "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
        "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
        "kid": "k1",
    }

    def test_registering_a_jwks_enables_private_key_jwt(self, admin: httpx.Client) -> None:
        answer = provision(admin)
        reply = admin.put(f"{CLIENTS}/{answer['client_id']}/jwks", json={"jwks": {"keys": [self.JWK]}})
        assert reply.status_code == 200, reply.text
        assert "private_key_jwt" in reply.json()["token_endpoint_auth_methods"]
        assert reply.json()["jwks"] == {"keys": [self.JWK]}

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({}, "jwks"),
            ({"jwks": {"keys": []}}, "jwks"),
            ({"jwks": {"keys": [{**JWK, "d": "secret"}]}}, "jwks.keys[0]"),
            ({"jwks": {"keys": [{"kty": "EC"}]}}, "jwks"),
            ({"jwks_uri": "http://keys.example.no"}, "jwks_uri"),
        ],
    )
    def test_a_bad_jwks_is_named(self, admin: httpx.Client, body: dict[str, Any], field: str) -> None:
        answer = provision(admin)
        reply = admin.put(f"{CLIENTS}/{answer['client_id']}/jwks", json=body)
        assert reply.status_code == 422
        assert field in {e["field"] for e in reply.json()["errors"]}

    def test_a_private_key_jwt_client_gets_no_secret(self, admin: httpx.Client) -> None:
        answer = provision(admin, client_auth_method="private_key_jwt", jwks={"keys": [self.JWK]})
        assert "client_secret" not in answer
        assert answer["token_endpoint_auth_methods"] == ["private_key_jwt"]
        assert admin.post(f"{CLIENTS}/{answer['client_id']}/secret").status_code == 409


def test_faker_organisations_provision(admin: httpx.Client, faker: Faker, clock: FakeClock) -> None:
    company = faker.company()
    answer = provision(admin, display_name=company, organisation={"name": company, "number": "974760673"})
    assert answer["display_name"] == company
    assert answer["provisioned_at"] == clock.now


def test_a_new_release_keeps_every_client(admin: httpx.Client, public: httpx.Client) -> None:
    answer = provision(admin)
    reply = admin.post("/admin/releases", json={"release": "mock-2026.12"})
    assert reply.status_code == 200
    assert reply.json()["clients"]["current"] == 1
    assert token(public, "current", answer["client_id"], answer["client_secret"]).status_code == 200
