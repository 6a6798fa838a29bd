"""The mock's provisioning service: BankID's per-environment client provisioning as an admin API [S1].

Requests are judged by ``bankid_provisioning`` (the same code as the integrators' preflight); accepted ones
become clients in one realm with freshly issued credentials. Routes live under ``/admin/provisioning``.
"""

from mock_provider.admin import admin_blueprint
from mock_provider.admin.problems import register
from mock_provider.provisioning import releases, routes  # noqa: F401  (register the admin routes)
from mock_provider.provisioning.service import Provisioned, RejectedError, provision

register(admin_blueprint)

__all__ = ["Provisioned", "RejectedError", "provision"]
