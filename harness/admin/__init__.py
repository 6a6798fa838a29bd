"""A mock's admin API, driven as a provisioning party would: submit requests, use the RA self-service.

Real BankID offers no such API (provisioning goes through a partner or the service desk [S1]), so everything
here starts with ``target.require_admin()`` and makes a scenario not applicable on a live target.
"""

from harness.admin.provisioning import Provisioned, ProvisioningService
from harness.admin.ra import MerchantOrder, RaSelfService
from harness.admin.requests import provisioning_request

__all__ = ["MerchantOrder", "Provisioned", "ProvisioningService", "RaSelfService", "provisioning_request"]
