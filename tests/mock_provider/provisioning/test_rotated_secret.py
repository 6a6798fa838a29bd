"""Quirk ``rotated-secret``: after a rotation the old secret is refused at once (default, PROVIDER-FACTS §3.3), or
kept for Keycloak's rotated-expiration-period, 2 days (ClientSecretRotationExecutor; tried only after the current
secret fails, as ClientIdAndSecretAuthenticator does). Time is the injected clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from flask import Flask
from joserfc import jwt
from joserfc.jwk import OctKey

from mock_provider.app import create_app
from mock_provider.config import ClientConfig, Config, Quirks
from mock_provider.quirks import ROTATED_SECRET_GRACE
from mock_provider.store import open_store
from tests.conftest import FakeClock
from tests.mock_provider.admin_fixtures import BASE_URL
from tests.mock_provider.oauth.assertions import claims_for, send
from tests.mock_provider.provisioning_api import ADMIN_TOKEN, provision, token

CLIENTS = "/admin/provisioning/current/clients"
GRACE = Quirks(rotated_secret_grace_seconds=ROTATED_SECRET_GRACE)


def _rotate(admin: httpx.Client, client_id: str) -> dict[str, Any]:
    reply = admin.post(f"{CLIENTS}/{client_id}/secret")
    assert reply.status_code == 200, reply.text
    assert reply.headers["Cache-Control"] == "no-store"
    answer: dict[str, Any] = reply.json()
    return answer


def _status(public: httpx.Client, client_id: str, secret: str) -> int:
    return token(public, "current", client_id, secret).status_code


def test_by_default_the_old_secret_is_refused_at_once(admin: httpx.Client, public: httpx.Client) -> None:
    answer = provision(admin)
    rotated = _rotate(admin, answer["client_id"])
    assert rotated["rotated_secret_expires_at"] is None
    assert _status(public, answer["client_id"], answer["client_secret"]) == 401
    assert _status(public, answer["client_id"], rotated["client_secret"]) == 200


@pytest.mark.parametrize("admin_quirks", [GRACE])
def test_under_grace_the_old_secret_works_until_its_expiry_and_not_after(
    admin: httpx.Client, public: httpx.Client, clock: FakeClock
) -> None:
    answer = provision(admin)
    client_id, old = answer["client_id"], answer["client_secret"]
    rotated = _rotate(admin, client_id)
    assert rotated["rotated_secret_expires_at"] == clock.now + ROTATED_SECRET_GRACE
    assert _status(public, client_id, rotated["client_secret"]) == 200
    assert _status(public, client_id, old) == 200
    assert _status(public, client_id, "not-" + old) == 401
    clock.advance(ROTATED_SECRET_GRACE)  # Keycloak: expired only once the expiry is in the past
    assert _status(public, client_id, old) == 200
    clock.advance(1)
    assert _status(public, client_id, old) == 401
    assert _status(public, client_id, rotated["client_secret"]) == 200


@pytest.mark.parametrize("admin_quirks", [GRACE])
def test_a_second_rotation_keeps_only_the_secret_it_replaces(admin: httpx.Client, public: httpx.Client) -> None:
    answer = provision(admin)
    first = _rotate(admin, answer["client_id"])
    second = _rotate(admin, answer["client_id"])
    assert _status(public, answer["client_id"], answer["client_secret"]) == 401
    assert _status(public, answer["client_id"], first["client_secret"]) == 200
    assert _status(public, answer["client_id"], second["client_secret"]) == 200


@pytest.mark.parametrize("admin_quirks", [GRACE])
def test_the_grace_period_can_be_ended_early(admin: httpx.Client, public: httpx.Client) -> None:
    """Keycloak's DELETE .../client-secret/rotated answers 204 whether or not there was a rotated secret
    (ClientResource.invalidateRotatedSecret); an unknown client is still a 404."""
    answer = provision(admin)
    _rotate(admin, answer["client_id"])
    assert admin.delete(f"{CLIENTS}/{answer['client_id']}/secret/rotated").status_code == 204
    assert _status(public, answer["client_id"], answer["client_secret"]) == 401
    assert admin.delete(f"{CLIENTS}/{answer['client_id']}/secret/rotated").status_code == 204
    unknown = admin.delete(f"{CLIENTS}/nobody-bankid-current/secret/rotated")
    assert unknown.status_code == 404 and unknown.json()["error"] == "not_found"


def test_a_secret_kept_under_grace_is_refused_once_the_mock_runs_with_refused(tmp_path: Path, clock: FakeClock) -> None:
    """A store keeps a rotated secret across restarts; started again with rotated-secret=refused (no rotation
    policy), the mock ignores it, as Keycloak ignores rotated secrets while its rotation feature is off (and
    removes them on invalidation even then, "so stale secrets cannot become valid again")."""
    store = open_store(f"sqlite:///{tmp_path / 'mock-provider.sqlite3'}")
    try:
        answers = []
        for quirks in (GRACE, Quirks()):
            app = create_app(Config(clock=clock, admin_token=ADMIN_TOKEN, clients=(), quirks=quirks), store=store)
            headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
            with httpx.Client(transport=httpx.WSGITransport(app=app), base_url=BASE_URL, headers=headers) as http:
                if not answers:
                    answers.append(provision(http))
                    answers.append(_rotate(http, answers[0]["client_id"]))
                    assert _status(http, answers[0]["client_id"], answers[0]["client_secret"]) == 200
                    continue
                assert _status(http, answers[0]["client_id"], answers[0]["client_secret"]) == 401
                assert _status(http, answers[0]["client_id"], answers[1]["client_secret"]) == 200
    finally:
        store.engine.dispose()


@pytest.mark.parametrize("admin_quirks", [GRACE])
def test_a_disabled_client_is_refused_with_its_rotated_secret_too(admin: httpx.Client, public: httpx.Client) -> None:
    """Keycloak refuses a disabled client before it looks at any secret; the grace period does not outlive that."""
    answer = provision(admin)
    client_id, old = answer["client_id"], answer["client_secret"]
    new = _rotate(admin, client_id)["client_secret"]
    assert admin.post(f"{CLIENTS}/{client_id}/disable").status_code == 200
    assert (_status(public, client_id, old), _status(public, client_id, new)) == (401, 401)
    assert admin.post(f"{CLIENTS}/{client_id}/enable").status_code == 200
    assert (_status(public, client_id, old), _status(public, client_id, new)) == (200, 200)


@pytest.mark.parametrize("admin_quirks", [GRACE])
def test_the_rotated_secret_works_in_its_clients_environment_only(admin: httpx.Client, public: httpx.Client) -> None:
    answer = provision(admin)
    client_id, old = answer["client_id"], answer["client_secret"]
    _rotate(admin, client_id)
    assert token(public, "prod", client_id, old).status_code == 401
    assert admin.delete(f"/admin/provisioning/prod/clients/{client_id}/secret/rotated").status_code == 404
    assert _status(public, client_id, old) == 200  # the other environment's admin API did not end it


@pytest.mark.parametrize("admin_quirks", [GRACE])
def test_the_rotated_secret_is_stored_only_as_a_hash(admin: httpx.Client, empty_mock: Flask) -> None:
    answer = provision(admin)
    _rotate(admin, answer["client_id"])
    store = empty_mock.extensions["bankid_mock"].store
    with store.begin() as connection:
        rows = connection.exec_driver_sql("SELECT * FROM rotated_client_secrets").all()
    assert len(rows) == 1
    dump = "\n".join(str(value) for value in rows[0])
    assert answer["client_secret"] not in dump and "sha256$" in dump


JWT_CLIENT = "hmac-bankid-current"
JWT_SECRET = "an-hmac-secret-of-32-characters!"


@pytest.fixture
def jwt_app(clock: FakeClock) -> Flask:
    client = ClientConfig(
        client_id=JWT_CLIENT, client_secret=JWT_SECRET, token_endpoint_auth_methods=("client_secret_jwt",)
    )
    return create_app(Config(clock=clock, clients=(client,), quirks=GRACE, admin_token=ADMIN_TOKEN))


def _hs256(secret: str, clock: FakeClock) -> str:
    return jwt.encode({"alg": "HS256"}, claims_for(JWT_CLIENT, clock.now), OctKey.import_key(secret))


def test_client_secret_jwt_is_verified_with_the_rotated_secret_in_its_grace(jwt_app: Flask, clock: FakeClock) -> None:
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    with httpx.Client(transport=httpx.WSGITransport(app=jwt_app), base_url="https://auth.current.bankid.no") as http:
        new = http.post(f"{CLIENTS}/{JWT_CLIENT}/secret", headers=headers).json()["client_secret"]
        assert send(http, _hs256(JWT_SECRET, clock)).status_code == 200
        assert send(http, _hs256(new, clock)).status_code == 200
        clock.advance(ROTATED_SECRET_GRACE + 1)
        refused = send(http, _hs256(JWT_SECRET, clock))
        assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"
        assert send(http, _hs256(new, clock)).status_code == 200
