"""Grant types of the token endpoint, one module each; importing a module registers its handler."""

from mock_provider.grants import client_credentials
from mock_provider.grants.registry import GRANTS, GrantRequest, grant

__all__ = ["GRANTS", "GrantRequest", "client_credentials", "grant"]
