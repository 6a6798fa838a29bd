"""A client secret's rotation: the new secret replaces the old, which stays valid for a grace period or not at all.

BankID does not document rotation (PROVIDER-FACTS §3.3, UNCLEAR). Keycloak's client-secret rotation policy
(ClientSecretRotationExecutor, executor ``secret-rotation``) moves the replaced secret to
``client.secret.rotated`` with an expiry ``rotated-expiration-period`` seconds ahead (2 days by default; 0 removes
it at once), and ClientIdAndSecretAuthenticator tries it only after the current secret fails
(OIDCClientSecretConfigWrapper.validateRotatedSecret: present, not yet expired, equal in constant time); the
quirk ``rotated-secret`` picks 0 or that default. The rotated secret stays a salted hash (and, for
client_secret_jwt, a sealed copy); time comes from the provider's clock.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from mock_provider.clients.registry import ClientRecord, ClientRegistry
from mock_provider.clients.secrets import unseal, verify_secret
from mock_provider.store import Store, schema

TABLE = schema.rotated_client_secrets
# Migration 0007 created the table; a store still at an older revision keeps no rotated secrets.
REVISION = "0007"


def rotate(registry: ClientRegistry, record: ClientRecord, secret: str, *, grace: float) -> float | None:
    """Give ``record`` the new ``secret``; keep the one it replaces until now + ``grace`` (not at all for 0).
    Returns when the replaced secret stops working, or ``None`` when it already has."""
    now = registry.clock()
    keep = grace > 0 and _has_table(registry.store)
    with registry.store.begin() as connection:
        old_hash, old_sealed = registry.replace_secret(connection, record.config, secret)
        if not _has_table_on(connection):
            return None
        # Keycloak keeps one rotated secret: a second rotation replaces it (and ends it when grace is 0).
        connection.execute(sa.delete(TABLE).where(TABLE.c.client_id == record.client_id))
        if not keep or old_hash is None:
            return None
        values = {"secret_hash": old_hash, "secret_sealed": old_sealed, "rotated_at": now, "expires_at": now + grace}
        connection.execute(sa.insert(TABLE).values(client_id=record.client_id, **values))
    return now + grace


def invalidate(store: Store, client_id: str) -> bool:
    """End a rotated secret's grace now (Keycloak: DELETE .../client-secret/rotated); whether there was one."""
    if not _has_table(store):
        return False
    with store.begin() as connection:
        return bool(connection.execute(sa.delete(TABLE).where(TABLE.c.client_id == client_id)).rowcount)


def matches(store: Store, record: ClientRecord, secret: str, now: float) -> bool:
    """Whether ``secret`` is ``record``'s rotated secret, still in its grace period. Asked only after the
    current secret failed, so a request with the right secret never reads this table."""
    row = _live(store, record.client_id, now)
    # verify_secret hashes even without a stored hash, so a client with no rotated secret answers as slowly.
    return verify_secret(secret, None if row is None else str(row.secret_hash))


def hmac_secret(registry: ClientRegistry, record: ClientRecord, now: float) -> str | None:
    """The rotated secret as an HMAC key for client_secret_jwt (Keycloak's JWTClientSecretAuthenticator tries it
    after the current one), while its grace lasts."""
    row = _live(registry.store, record.client_id, now)
    return None if row is None or row.secret_sealed is None else unseal(str(row.secret_sealed), registry.sealing_key)


def _live(store: Store, client_id: str, now: float) -> sa.Row[Any, Any, Any] | None:
    if not _has_table(store):
        return None
    query = sa.select(TABLE.c.secret_hash, TABLE.c.secret_sealed, TABLE.c.expires_at).where(
        TABLE.c.client_id == client_id,
        TABLE.c.expires_at >= now,  # Keycloak: expired once expiry < now
    )
    with store.begin(durable=False) as connection:
        return connection.execute(query).first()


def _has_table(store: Store) -> bool:
    return (store.revision() or "") >= REVISION


def _has_table_on(connection: sa.Connection) -> bool:
    revision = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    return str(revision or "") >= REVISION
