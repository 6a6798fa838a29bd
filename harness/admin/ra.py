"""The mock's RA self-service for PRE-PROD: order a merchant test certificate, activate it, download the
``.bid`` [S1][S61]. Routes live under ``/admin/ra/merchant-orders``.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.admin.session import AdminSession
from harness.http import HttpSession, Reply
from harness.rules.errors import Inconclusive
from harness.target import Target

BASE = "ra/merchant-orders"


@dataclass(frozen=True)
class MerchantOrder:
    """What the integrator puts in the RA's Merchant tab: organisation name and number, and the CN [S61]."""

    organisation_name: str
    organisation_number: str
    common_name: str

    def body(self) -> dict[str, str]:
        return {
            "organisation_name": self.organisation_name,
            "organisation_number": self.organisation_number,
            "common_name": self.common_name,
        }


class RaSelfService:
    def __init__(self, admin: AdminSession) -> None:
        self.admin = admin

    @classmethod
    def of(cls, http: HttpSession, target: Target) -> RaSelfService:
        return cls(AdminSession.of(http, target))

    def order(self, order: MerchantOrder) -> Reply:
        return self.admin.call("POST", BASE, order.body())

    def activate(self, certificate_id: str) -> Reply:
        return self.admin.call("POST", f"{BASE}/{certificate_id}/activate")

    def download(self, certificate_id: str) -> Reply:
        return self.admin.call("GET", f"{BASE}/{certificate_id}/bid")


def certificate_id(reply: Reply) -> str:
    """The id of an order; without one the scenario cannot go on (the order itself is judged by a rule)."""
    value = (reply.json_object() or {}).get("certificate_id")
    if reply.status >= 300 or not isinstance(value, (str, int)):
        raise Inconclusive(f"the RA returned no certificate order id (HTTP {reply.status})")
    return str(value)
