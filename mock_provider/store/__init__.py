"""Persistence: a real database (SQLite file by default) behind SQLAlchemy, its schema owned by Alembic.

Client configurations, hashed credentials, the CA and signing keys live here so that a restart or an upgrade
of the mock ("a new release") keeps them, as BankID promises for its provider [S1].
"""

from mock_provider.store.database import Store, open_store

__all__ = ["Store", "open_store"]
