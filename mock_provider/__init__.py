"""A faithful mock of the BankID Norge OpenID Connect Provider (Keycloak-based, realms ``current`` and ``prod``).

The mock never imports the conformance harness: it is a provider, and the harness is only ever its client.
"""

from mock_provider.app import create_app
from mock_provider.config import ClientConfig, Config, Quirks
from mock_provider.hooks import FaultProfile

__all__ = ["ClientConfig", "Config", "FaultProfile", "Quirks", "create_app"]
