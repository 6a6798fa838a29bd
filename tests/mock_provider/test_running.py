"""The mock's public serving API: ready when the call returns, stopped cleanly, its log in a file."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from mock_provider.running import MockStartError, serve_in_process, serve_in_thread


@pytest.mark.parametrize("tls", [False, True])
def test_a_threaded_mock_answers_as_soon_as_it_returns_and_not_after_stop(tls: bool) -> None:
    with serve_in_thread(tls=tls) as mock:
        verify = mock.verify
        document = httpx.get(mock.discovery_url(), verify=verify).json()
        assert document["issuer"] == mock.issuer()
        assert mock.base_url.startswith("https://" if tls else "http://")
    with pytest.raises(httpx.TransportError):
        httpx.get(mock.base_url + "/health", verify=verify, timeout=2)


def test_the_data_dir_holding_the_keys_is_owner_only(tmp_path: Path) -> None:
    with serve_in_thread(data_dir=tmp_path / "data") as mock:
        assert (mock.data_dir.stat().st_mode & 0o777) == 0o700


def test_a_served_process_logs_to_a_file_and_prints_what_it_serves(tmp_path: Path) -> None:
    with serve_in_process(data_dir=tmp_path) as mock:
        health = httpx.get(mock.base_url + "/health", verify=mock.verify).json()
        assert health["status"] == "UP"
        assert mock.log_file is not None
        banner = mock.log_file.read_text(encoding="utf-8")
    assert f"listening on {mock.base_url}" in banner
    assert f"issuer:    {mock.issuer('prod')}" in banner
    assert "27034698436  Kari Nordmann" in banner
    assert "demo-bankid-current [current]" in banner
    assert "demo-secret" not in banner  # secrets are never printed
    assert mock.process is not None and mock.process.poll() is not None


def test_a_mock_that_cannot_start_says_why(tmp_path: Path) -> None:
    bad = tmp_path / "clients.toml"
    bad.write_text("clients = 3\n", encoding="utf-8")
    with pytest.raises(MockStartError, match="clients"):
        serve_in_process(data_dir=tmp_path, clients_file=bad, startup_timeout=20)
