"""Provisioned clients: their configuration and (hashed) credentials, kept in the store."""

from mock_provider.clients.registry import ClientRecord, ClientRegistry

__all__ = ["ClientRecord", "ClientRegistry"]
