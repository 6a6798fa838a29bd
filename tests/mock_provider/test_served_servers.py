"""Both HTTP servers ``bankid-mock --server`` offers (granian, the default, and gunicorn) serve the mock the same
way: TLS from the mock CA, an idle keep-alive connection kept past gunicorn's own 2 s default, the 10 MiB body
limit enforced before the body is read, a clean exit 0 on SIGTERM, and no request header that the client did not
send (granian copies the process environment into every WSGI environ)."""

from __future__ import annotations

import http.client
import os
import signal
import ssl
import time
from pathlib import Path

import httpx
import pytest

from mock_provider.limits import MAX_BODY_BYTES
from mock_provider.running import new_admin_token, serve_in_process
from mock_provider.serve import SERVERS

TOKEN_PATH = "/auth/realms/current/protocol/openid-connect/token"


@pytest.mark.parametrize("server", SERVERS)
def test_each_server_serves_tls_keeps_idle_connections_limits_bodies_and_stops_cleanly(
    tmp_path: Path, server: str
) -> None:
    with serve_in_process(data_dir=tmp_path, server=server, workers=1) as mock:
        assert mock.ca_file is not None and mock.process is not None
        context = ssl.create_default_context(cafile=str(mock.ca_file))
        port = int(mock.base_url.rsplit(":", 1)[1])
        connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
        try:
            connection.request("GET", "/health")
            first = connection.getresponse()
            assert first.status == 200 and b'"UP"' in first.read()
            socket_before = connection.sock
            time.sleep(2.5)  # past gunicorn's default keep-alive (2 s), which cut browser logins mid-flow
            connection.request("GET", "/health")
            again = connection.getresponse()
            again.read()
            assert again.status == 200
            assert connection.sock is socket_before  # the same connection, not a silent reconnect
        finally:
            connection.close()
        # httpx reads the early 413 that a server sends while the body is still on its way (http.client does not).
        body = b"grant_type=client_credentials&pad=" + b"a" * MAX_BODY_BYTES
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        refused = httpx.post(mock.base_url + TOKEN_PATH, content=body, headers=headers, verify=mock.verify)
        assert refused.status_code == 413
        assert refused.json()["error"] == "invalid_request"
        mock.process.send_signal(signal.SIGTERM)
        assert mock.process.wait(timeout=15) == 0


@pytest.mark.parametrize("server", SERVERS)
def test_a_header_variable_in_the_servers_environment_is_no_request_header(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = new_admin_token()
    monkeypatch.setenv("HTTP_AUTHORIZATION", f"Bearer {token}")  # inherited by the served process
    with serve_in_process(data_dir=tmp_path, server=server, workers=1, admin_token=token) as mock:
        anonymous = httpx.get(mock.admin_url + "/users", verify=mock.verify)
        assert anonymous.status_code == 401
        admin = httpx.get(mock.admin_url + "/users", headers={"Authorization": f"Bearer {token}"}, verify=mock.verify)
        assert admin.status_code == 200  # the header the client sends still counts


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # exited while we looked
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def test_a_worker_that_dies_is_replaced_and_the_mock_answers_on(tmp_path: Path) -> None:
    """A team's shared mock must survive a worker's crash or OOM kill, as it did under gunicorn's arbiter."""
    with serve_in_process(data_dir=tmp_path, server="granian", workers=1) as mock:
        assert mock.process is not None
        discovery = mock.base_url + "/auth/realms/current/.well-known/openid-configuration"
        before = httpx.get(discovery, verify=mock.verify)
        assert before.status_code == 200
        (worker,) = _children(mock.process.pid)
        os.kill(worker, signal.SIGKILL)
        deadline = time.monotonic() + 20
        after: httpx.Response | None = None
        while time.monotonic() < deadline:
            try:
                after = httpx.get(discovery, verify=mock.verify, timeout=2)
                if after.status_code == 200 and _children(mock.process.pid) not in ([], [worker]):
                    break
            except httpx.TransportError:
                pass  # between the old worker's death and the new one's start
            time.sleep(0.2)
        assert mock.process.poll() is None, "the server stopped instead of replacing its worker"
        assert after is not None and after.status_code == 200
        assert after.json() == before.json()  # the same provider: the replacement forked from the built app
        mock.process.send_signal(signal.SIGTERM)
        assert mock.process.wait(timeout=15) == 0
