"""The mock's admin API under ``/admin``: guarded by a bearer admin token and disabled when none is set.

Test users, provisioning and the RA self-service add their routes to ``admin_blueprint``.
"""

from mock_provider.admin.guard import admin_blueprint

__all__ = ["admin_blueprint"]
