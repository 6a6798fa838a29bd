"""Over real HTTP: a realm name with any characters (percent-encoded UTF-8 outside Latin-1 included) is a JSON
404 whose description RFC 6749 allows, never a 500; the served mock's log never blocks its workers; its key
store and its log are private."""

from __future__ import annotations

import stat
from urllib.parse import quote, unquote

import httpx
import pytest

from harness.server import ServedMock
from tests.mock_provider.served.conftest import client_for

ALLOWED = {chr(c) for c in (*range(0x20, 0x22), *range(0x23, 0x5C), *range(0x5D, 0x7F))}


@pytest.mark.parametrize("realm", ["é", "日本", 'a"b', "a\\b", "\u2028", "Ā"])
def test_an_unknown_realm_with_any_name_is_a_json_404(public: httpx.Client, realm: str) -> None:
    response = public.get(f"/auth/realms/{quote(realm, safe='')}/.well-known/openid-configuration")
    assert response.status_code == 404, response.text
    description = response.json()["error_description"]
    assert set(description) <= ALLOWED
    assert realm in unquote(description)


PIPE_BUFFER = 64 * 1024  # what a pipe holds before a writer blocks (Linux default)


def test_a_flood_of_log_lines_does_not_block_the_workers(served: ServedMock) -> None:
    """Each refused client login is logged (as Keycloak's event log does), so ~10 pipe buffers of log lines
    would have blocked every worker of a mock started with an unread stderr pipe."""
    before = served.log_file.stat().st_size
    client_id, secret = "flood-" + "x" * 2000, "never-logged-secret-value"
    with client_for(served, timeout=10) as http:
        for _ in range(330):
            response = http.post(
                "/auth/realms/current/protocol/openid-connect/token",
                data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
            )
            assert response.status_code == 401
    log = served.log_file.read_text(errors="replace")
    assert served.log_file.stat().st_size - before > 10 * PIPE_BUFFER
    assert log.count("type=CLIENT_LOGIN_ERROR") >= 330
    assert secret not in log
    assert served.process.poll() is None


def test_the_served_mocks_key_store_is_private(served: ServedMock) -> None:
    database = served.data_dir / "mock-provider.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(served.log_file.stat().st_mode) == 0o600
