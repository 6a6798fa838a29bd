"""A JWKS-caching relying party observes the mock's key rotation [S38]: the cache lives for the provider's
max-age; tokens signed before a rotation still verify during the overlap; tokens after it carry the new kid,
which the cache already holds because the key was published a period before it signed; a kid the cache lacks
makes it refetch once. Real HTTP through the harness's session, real ES256 signatures, a fake clock."""

from __future__ import annotations

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey

from harness.evidence import Evidence
from harness.http import HttpSession, wsgi_transport
from harness.rp.jose import VerificationFailed, peek
from harness.rp.jwks_cache import JwksCache, max_age
from mock_provider import Config, create_app
from mock_provider.config import ClientConfig
from mock_provider.faults import profile
from mock_provider.faults.keys import cache_control
from mock_provider.hooks import FaultProfile
from tests.conftest import FakeClock

PERIOD = 3600.0
REALM = "https://auth.current.bankid.no/auth/realms/current"
CLIENT = ClientConfig(client_id="rp-bankid-current", client_secret="rp-secret", scopes=("openid", "signdoc/read_write"))


def _session(clock: FakeClock, faults: FaultProfile | None = None) -> HttpSession:
    config = Config(clock=clock, clients=(CLIENT,), key_rotation_seconds=PERIOD, faults=faults or FaultProfile())
    return HttpSession(transport=wsgi_transport(create_app(config)), verify=True, evidence=Evidence())


def _token(http: HttpSession) -> str:
    reply = http.post(
        f"{REALM}/protocol/openid-connect/token",
        data={"grant_type": "client_credentials", "scope": "signdoc/read_write"},
        auth=(CLIENT.client_id, "rp-secret"),
    )
    assert reply.status == 200, reply.text
    return str(reply.json()["access_token"])


def _kid(token: str) -> str:
    return str(peek(token)[0]["kid"])


def test_a_caching_client_observes_a_rotation(clock: FakeClock) -> None:
    http = _session(clock)
    cache = JwksCache(http, f"{REALM}/protocol/openid-connect/certs", clock=clock)
    clock.advance(PERIOD - 100)
    old = _token(http)
    cache.verify(old)
    assert cache.fetches == ["first use"]  # max-age is 100 s: the keys are guaranteed only until the rotation

    clock.advance(150)  # rotated 50 s ago; the old token is still valid for 150 s
    assert cache.verify(old).claims["jti"]  # the old key stays published as "previous" during the overlap
    assert cache.fetches == ["first use", "expired"]
    new = _token(http)
    assert _kid(new) != _kid(old)
    cache.verify(new)
    assert len(cache.fetches) == 2  # the new kid was already cached: it was published a period before it signed

    clock.advance(PERIOD)  # the old key retires, and so does every token it signed
    cache.keys()
    assert _kid(old) not in cache.kids() and len(cache.fetches) == 3


def test_an_unknown_kid_makes_the_cache_refetch_once(clock: FakeClock) -> None:
    # A provider whose max-age outlives its keys: the cache alone would miss the rotation.
    http = _session(clock, cache_control("public, max-age=86400"))
    cache = JwksCache(http, f"{REALM}/protocol/openid-connect/certs", clock=clock)
    cache.verify(_token(http))
    clock.advance(2 * PERIOD)  # two rotations: the signing key is one the cached JWKS never held
    cache.verify(_token(http))
    assert cache.fetches[0] == "first use" and cache.fetches[1].startswith("unknown kid")
    with pytest.raises(VerificationFailed, match="not among the published"):
        cache.verify(_forged())
    assert len(cache.fetches) == 2  # no second refetch within refetch_interval: a forged kid cannot hammer it


def _forged() -> str:
    key = ECKey.generate_key("P-256", parameters={"kid": "forged"})
    return jwt.encode({"alg": "ES256", "kid": "forged"}, {"iss": REALM}, key)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("public, max-age=23269, must-revalidate, no-transform", 23269),
        ("max-age=0", 0),
        ("no-store", 0),
        ("public, max-age=60, no-cache", 0),
        ("", 0),
        ("s-maxage=100", 0),
    ],
)
def test_max_age(header: str, seconds: int) -> None:
    assert max_age(header) == seconds


def test_a_provider_that_drops_the_old_key_at_rotation_breaks_valid_tokens(clock: FakeClock) -> None:
    """The fault profile rotation-drops-previous-key: what the overlap period [S38] exists to prevent."""
    http = _session(clock, profile("rotation-drops-previous-key"))
    cache = JwksCache(http, f"{REALM}/protocol/openid-connect/certs", clock=clock)
    clock.advance(PERIOD - 100)
    old = _token(http)
    cache.verify(old)
    clock.advance(150)  # rotated; the old token has 150 s left
    with pytest.raises(VerificationFailed, match="not among the published"):
        cache.verify(old)
