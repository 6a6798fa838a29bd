"""The mock's JWKS: three ES256 signing keys with x5c chains and the encryption keys (EC for ECDH-ES, RSA for
RSA-OAEP and RSA-OAEP-256) [S37][S38][S42]."""

from __future__ import annotations

import base64

import httpx
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from mock_provider import Config, create_app
from mock_provider.store import open_store


def _keys(client: httpx.Client, path: str = "certs") -> list[dict[str, object]]:
    return client.get(f"/auth/realms/current/protocol/openid-connect/{path}").json()["keys"]  # type: ignore[no-any-return]


def test_three_signing_keys_and_an_ec_and_an_rsa_encryption_key(provider_client: httpx.Client) -> None:
    keys = _keys(provider_client)
    assert [k["use"] for k in keys].count("sig") == 3
    assert sorted(str(k["kty"]) for k in keys if k["use"] == "enc") == ["EC", "RSA"]
    assert len({k["kid"] for k in keys}) == 5


def test_x5c_chain_is_issued_by_the_mock_ca(provider_client: httpx.Client) -> None:
    key = next(k for k in _keys(provider_client) if k["use"] == "sig")
    leaf, ca = (x509.load_der_x509_certificate(base64.b64decode(c)) for c in key["x5c"])  # type: ignore[union-attr]
    assert leaf.issuer == ca.subject
    assert "BankID OIDC Current" in leaf.subject.rfc4514_string()
    public = ca.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    public.verify(leaf.signature, leaf.tbs_certificate_bytes, ec.ECDSA(leaf.signature_hash_algorithm))


def test_cache_control_states_key_lifetime(provider_client: httpx.Client) -> None:
    reply = provider_client.get("/auth/realms/current/protocol/openid-connect/certs")
    assert reply.headers["cache-control"] == "public, max-age=23269, must-revalidate, no-transform"


def test_enc_endpoint_serves_only_encryption_keys(provider_client: httpx.Client) -> None:
    assert {k["use"] for k in _keys(provider_client, "certs/enc")} == {"enc"}


def test_realms_have_distinct_keys(provider_client: httpx.Client) -> None:
    current = {k["kid"] for k in _keys(provider_client)}
    prod = {k["kid"] for k in provider_client.get("/auth/realms/prod/protocol/openid-connect/certs").json()["keys"]}
    assert not current & prod


def test_keys_persist_in_the_store(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/mock.sqlite3"
    first = create_app(Config(database_url=url))
    second = create_app(Config(database_url=url))
    kids = []
    for app in (first, second):
        with httpx.Client(transport=httpx.WSGITransport(app=app), base_url="https://x") as client:
            kids.append({k["kid"] for k in _keys(client)})
    assert kids[0] == kids[1]
    assert open_store(url).revision() is not None
