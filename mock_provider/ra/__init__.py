"""The mock RA self-service for PRE-PROD: order a merchant test certificate, activate it, download the
``.bid`` [S1][S61]. Routes live on the admin API (same bearer token) under ``/admin/ra``.
"""

from mock_provider.ra import routes  # noqa: F401  (registers the admin routes)
from mock_provider.ra.authority import merchant_ca
from mock_provider.ra.orders import MerchantCertificate, OrderError, activate, create_order, find

__all__ = ["MerchantCertificate", "OrderError", "activate", "create_order", "find", "merchant_ca"]
