"""Quirk ``newer-provisioning-items``: whether a request may leave out what no earlier request list asks for
(channel, organisation, client name, scopes [S1][S47]; PROVIDER-FACTS §4, UNCLEAR). Required by default;
optional provisions the client as the earlier lists would, and a client without a name gets one from BankID."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from mock_provider.config import Quirks
from tests.mock_provider.provisioning_api import example, token

CLIENTS = "/admin/provisioning/current/clients"
OPTIONAL = Quirks(newer_provisioning_items_required=False)
REQUIRED = Quirks()


def _body(*missing: str) -> dict[str, Any]:
    body = example(flows=["authorization_code", "client_credentials"])
    for path in missing:
        head, _, leaf = path.partition(".")
        (body[head].pop(leaf) if leaf else body.pop(head))
    return body


@pytest.mark.parametrize("admin_quirks", [REQUIRED])
@pytest.mark.parametrize("item", ["channel", "organisation.name", "organisation.number", "client_name", "scopes"])
def test_by_default_a_missing_newer_item_is_refused_naming_it(admin: httpx.Client, item: str) -> None:
    reply = admin.post(CLIENTS, json=_body(item))
    assert reply.status_code == 422, reply.text
    assert item in {e["field"] for e in reply.json()["errors"]}


@pytest.mark.parametrize("admin_quirks", [OPTIONAL])
@pytest.mark.parametrize("item", ["channel", "organisation.name", "organisation.number", "scopes"])
def test_optional_newer_items_may_be_left_out(admin: httpx.Client, public: httpx.Client, item: str) -> None:
    reply = admin.post(CLIENTS, json=_body(item))
    assert reply.status_code == 201, reply.text
    answer = reply.json()
    assert item in {a["field"] for a in answer["advice"]}
    assert token(public, "current", answer["client_id"], answer["client_secret"]).status_code == 200


@pytest.mark.parametrize("admin_quirks", [OPTIONAL])
def test_without_scopes_the_client_gets_openid_and_without_a_channel_its_partner(admin: httpx.Client) -> None:
    answer = admin.post(CLIENTS, json=_body("scopes", "channel")).json()
    assert answer["scopes"] == ["openid"]
    assert answer["provisioned_by"] == "partner:Demo Partner AS"


@pytest.mark.parametrize("admin_quirks", [OPTIONAL])
def test_a_client_without_a_name_gets_its_generated_id_as_client_id(admin: httpx.Client, public: httpx.Client) -> None:
    """How BankID names such a client is not documented; Keycloak, asked for a client without a clientId, uses the
    client's generated internal id, a random UUID (JpaRealmProvider.addClient, KeycloakModelUtils.generateId)."""
    first, second = (admin.post(CLIENTS, json=_body("client_name")) for _ in range(2))
    assert (first.status_code, second.status_code) == (201, 201), first.text
    ids = [reply.json()["client_id"] for reply in (first, second)]
    assert all(str(uuid.UUID(i, version=4)) == i for i in ids), ids
    assert ids[0] != ids[1]
    assert first.headers["Location"].endswith(f"/clients/{ids[0]}")
    assert token(public, "current", ids[0], first.json()["client_secret"]).status_code == 200


@pytest.mark.parametrize("admin_quirks", [OPTIONAL])
def test_items_every_earlier_list_asks_for_stay_required(admin: httpx.Client) -> None:
    reply = admin.post(CLIENTS, json=_body("display_name", "client_name"))
    assert reply.status_code == 422
    assert {e["field"] for e in reply.json()["errors"]} == {"display_name"}
