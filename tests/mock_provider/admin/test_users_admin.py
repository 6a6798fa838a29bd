"""Test users at runtime through the guarded admin API."""

from __future__ import annotations

import httpx
import pytest

from mock_provider.users import nnin
from tests.mock_provider.conftest import ADMIN_TOKEN
from tests.mock_provider.mock_flow import USER_NNIN, Flow

AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
NEW = {"nnin": "05104944835", "given_name": "Ola", "family_name": "Nordmann", "bankid_altsub": "9578-6000-4-111111"}


def test_requires_the_admin_token(http: httpx.Client) -> None:
    assert http.get("/admin/users").status_code == 401
    assert http.get("/admin/users", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_lists_the_seeded_users(http: httpx.Client) -> None:
    users = http.get("/admin/users", headers=AUTH).json()["users"]
    assert USER_NNIN in {u["nnin"] for u in users}
    assert len(users) == 6


def test_create_then_log_in_as_the_new_user(http: httpx.Client, flow: Flow) -> None:
    http.delete(f"/admin/users/{NEW['nnin']}", headers=AUTH)
    created = http.post("/admin/users", json=NEW, headers=AUTH)
    assert created.status_code == 201
    assert created.json()["birthdate"] == "1949-10-05"
    assert "code" in flow.login(fields={"nnin": NEW["nnin"]})
    assert http.post("/admin/users", json=NEW, headers=AUTH).status_code == 409


def test_create_without_nnin_generates_a_valid_one(http: httpx.Client) -> None:
    body = {"given_name": "Kari", "family_name": "Hansen", "birthdate": "1990-05-17"}
    created = http.post("/admin/users", json=body, headers=AUTH).json()
    assert nnin.is_valid(created["nnin"])
    assert created["nnin"].startswith("170590")


def test_patch_switches_the_outcome_at_runtime(http: httpx.Client, flow: Flow) -> None:
    changed = http.patch(f"/admin/users/{USER_NNIN}", json={"outcome": "timeout"}, headers=AUTH)
    assert changed.json()["outcome"] == "timeout"
    assert flow.login()["error_description"] == "bankid_error_codes:C302"
    http.patch(f"/admin/users/{USER_NNIN}", json={"outcome": None}, headers=AUTH)
    assert "code" in flow.login()


def test_delete_removes_the_user(http: httpx.Client) -> None:
    assert http.delete(f"/admin/users/{USER_NNIN}", headers=AUTH).status_code == 204
    assert http.get(f"/admin/users/{USER_NNIN}", headers=AUTH).status_code == 404
    assert http.delete(f"/admin/users/{USER_NNIN}", headers=AUTH).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {**NEW, "nnin": "12345678901"},
        {**NEW, "given_name": ""},
        {**NEW, "bankid_altsub": "1234"},
        {**NEW, "outcome": "explode"},
        {**NEW, "error_codes": "C301;drop"},
        {**NEW, "birthdate": "05.10.1949"},
        {**NEW, "given_name": 42},
    ],
)
def test_invalid_users_are_400(http: httpx.Client, body: dict[str, object]) -> None:
    response = http.post("/admin/users", json=body, headers=AUTH)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


def test_non_json_body_is_400(http: httpx.Client) -> None:
    assert http.post("/admin/users", content=b"[1]", headers=AUTH).status_code == 400


def test_altsub_of_another_user_is_409(http: httpx.Client) -> None:
    taken = {**NEW, "bankid_altsub": "9578-6000-4-351726"}
    assert http.post("/admin/users", json=taken, headers=AUTH).status_code == 409
