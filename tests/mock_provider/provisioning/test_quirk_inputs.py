"""Bad input to the provisioning admin API under the quirks that open its other paths (newer-provisioning-items=
optional, rotated-secret=grace, preprod=offered): a documented status and error JSON, never a 500. The route
fuzzing of test_never_500 runs on the default quirks only, where items left out are refused before these paths."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mock_provider.config import Quirks
from mock_provider.quirks import ROTATED_SECRET_GRACE
from tests.mock_provider.provisioning_api import example

ALL_OPEN = Quirks(
    newer_provisioning_items_required=False, rotated_secret_grace_seconds=ROTATED_SECRET_GRACE, preprod_offered=True
)
ITEMS = ("channel", "organisation", "organisation.name", "organisation.number", "client_name", "scopes", "partner")
ENVIRONMENTS = ("current", "prod", "preprod", "PREPROD", "staging", "pre%00prod")
TEXT = st.text(st.characters(codec="latin-1"), max_size=20)
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), TEXT, st.lists(TEXT, max_size=2), st.dictionaries(TEXT, TEXT)
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _documented(reply: httpx.Response) -> None:
    assert reply.status_code < 500, reply.text[:300]
    if reply.status_code >= 400:
        assert reply.json()["error"], reply.text[:300]


def _edit(body: dict[str, Any], path: str, value: object, *, remove: bool) -> None:
    head, _, leaf = path.partition(".")
    target = body.get(head) if leaf else body
    if isinstance(target, dict):
        key = leaf or head
        (target.pop(key, None) if remove else target.__setitem__(key, value))


@pytest.mark.parametrize("admin_quirks", [ALL_OPEN])
@FUZZ
@given(
    left_out=st.sets(st.sampled_from(ITEMS)),
    changed=st.dictionaries(st.sampled_from(ITEMS), VALUES, max_size=2),
    environment=st.sampled_from(ENVIRONMENTS),
)
def test_a_request_with_items_left_out_or_wrong_is_answered_not_crashed(
    admin: httpx.Client, left_out: set[str], changed: dict[str, object], environment: str
) -> None:
    body = example(environment=environment.upper(), flows=["authorization_code", "client_credentials"])
    for path in left_out:
        _edit(body, path, None, remove=True)
    for path, value in changed.items():
        _edit(body, path, value, remove=False)
    reply = admin.post(f"/admin/provisioning/{environment}/clients", json=body)
    _documented(reply)
    event(f"provisioning answered {reply.status_code}")
    if reply.status_code != 201:
        return
    client = f"/admin/provisioning/{environment}/clients/{quote(reply.json()['client_id'], safe='')}"
    rotated = admin.post(f"{client}/secret")
    assert rotated.status_code == 200 and isinstance(rotated.json()["rotated_secret_expires_at"], float)
    assert [admin.delete(f"{client}/secret/rotated").status_code for _ in range(2)] == [204, 204]


@pytest.mark.parametrize("admin_quirks", [ALL_OPEN])
@FUZZ
@given(
    client_id=TEXT.filter(bool),
    environment=st.sampled_from(ENVIRONMENTS),
    route=st.sampled_from([("POST", "/secret"), ("DELETE", "/secret/rotated"), ("GET", "")]),
)
def test_any_client_id_on_the_secret_routes_is_answered_not_crashed(
    admin: httpx.Client, client_id: str, environment: str, route: tuple[str, str]
) -> None:
    method, suffix = route
    _documented(admin.request(method, f"/admin/provisioning/{environment}/clients/{quote(client_id, safe='')}{suffix}"))
