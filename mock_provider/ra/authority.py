"""The merchant CAs: one per environment, generated once and kept in the store like the mock's other keys.

CURRENT merchant certificates chain to "Mock BankID - PreProd - Merchant CA", the stand-in for the PRE-PROD CA
behind the RA self-service [S1][S61]; PROD ones (ordered by BankID Norge itself [S1]) to a separate CA.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import load_pem_x509_certificate

from bankid_provisioning import Environment, MerchantCA
from bankid_provisioning.merchant_ca import PREPROD_MERCHANT_CA, PROD_MERCHANT_CA
from mock_provider.keys.authority import private_key_pem
from mock_provider.provider import Provider
from mock_provider.store import schema

CA_NAMES = {Environment.CURRENT: PREPROD_MERCHANT_CA, Environment.PROD: PROD_MERCHANT_CA}


def merchant_ca(provider: Provider, environment: Environment) -> MerchantCA:
    if environment is Environment.PREPROD:
        environment = Environment.CURRENT  # both are issued by the PreProd merchant CA [S1][S61]
    existing = _stored(provider, environment)
    if existing is not None:
        return existing
    now = dt.datetime.fromtimestamp(provider.now(), dt.UTC)
    ca = MerchantCA.generate(CA_NAMES[environment], now=now)
    cert_pem = ca.certificate.public_bytes(serialization.Encoding.PEM).decode()
    values = {"environment": environment.value, "key_pem": private_key_pem(ca.key), "cert_pem": cert_pem}
    try:
        with provider.store.begin() as connection:
            connection.execute(sa.insert(schema.merchant_authorities).values(values))
    except sa.exc.IntegrityError:
        # Another worker created it first; everyone must use that one.
        return _stored(provider, environment) or ca
    return ca


def _stored(provider: Provider, environment: Environment) -> MerchantCA | None:
    table = schema.merchant_authorities
    with provider.store.begin() as connection:
        row = connection.execute(
            sa.select(table.c.key_pem, table.c.cert_pem).where(table.c.environment == environment.value)
        ).first()
    return None if row is None else _load(str(row.key_pem), str(row.cert_pem))


def _load(key_pem: str, cert_pem: str) -> MerchantCA:
    key = serialization.load_pem_private_key(key_pem.encode(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return MerchantCA(key, load_pem_x509_certificate(cert_pem.encode()))
