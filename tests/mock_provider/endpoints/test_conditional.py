"""Discovery and JWKS carry a strong ETag; ``If-None-Match`` with it is a 304 that repeats the validators and
``Cache-Control``; a key rotation is a new version (RFC 9110 §8.8.3, §13.1.2, §15.4.5)."""

from __future__ import annotations

import httpx
import pytest

from mock_provider import Config, create_app
from tests.conftest import FakeClock

PERIOD = 3600.0
REALM = "/auth/realms/current"
DOCUMENTS = (f"{REALM}/.well-known/openid-configuration", f"{REALM}/protocol/openid-connect/certs")


@pytest.fixture
def http(clock: FakeClock) -> httpx.Client:
    app = create_app(Config(clock=clock, key_rotation_seconds=PERIOD))
    return httpx.Client(transport=httpx.WSGITransport(app=app), base_url="https://auth.current.bankid.no")


@pytest.mark.parametrize("path", DOCUMENTS)
def test_the_etag_of_the_document_gets_a_304_without_a_body(http: httpx.Client, path: str) -> None:
    first = http.get(path)
    etag = first.headers["ETag"]
    again = http.get(path, headers={"If-None-Match": etag})
    assert first.status_code == 200 and etag.startswith('"')
    assert again.status_code == 304 and again.content == b""
    assert again.headers["ETag"] == etag
    assert again.headers.get("Cache-Control") == first.headers.get("Cache-Control")


@pytest.mark.parametrize("path", DOCUMENTS)
def test_another_etag_gets_the_document(http: httpx.Client, path: str) -> None:
    first = http.get(path)
    other = http.get(path, headers={"If-None-Match": '"not-this-one", W/"nor-this"'})
    assert other.status_code == 200 and other.content == first.content


def test_a_rotation_is_a_new_version_of_the_jwks(http: httpx.Client, clock: FakeClock) -> None:
    path = DOCUMENTS[1]
    before = http.get(path)
    clock.advance(PERIOD)
    after = http.get(path, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert after.json()["keys"] != before.json()["keys"]
