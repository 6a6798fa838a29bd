"""Grant types of the token endpoint, one module each; importing a module registers its handler."""

from mock_provider.grants import authorization_code, client_credentials, refresh_token
from mock_provider.grants.registry import GRANTS, GrantRequest, grant

__all__ = ["GRANTS", "GrantRequest", "authorization_code", "client_credentials", "grant", "refresh_token"]
