"""Key material: the mock "BankID OIDC" CA, per-realm signing/encryption keys and their x5c chains."""

from mock_provider.keys.authority import CertificateAuthority
from mock_provider.keys.keyring import KeyRing, SigningKey

__all__ = ["CertificateAuthority", "KeyRing", "SigningKey"]
