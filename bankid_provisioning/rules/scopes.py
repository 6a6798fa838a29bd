"""Value-added services: scopes, NNIN eligibility and the identity providers (BID, BIS) [S4][S47][S59].

"The scopes and claims a client may use are configured per client at provisioning" [S47]. ``nnin_altsub`` and
``nnin`` are for "eligible clients only" [S47], so they need declared, justified NNIN access [S3][S4]. "BankID
Substantial (BIS) must be enabled per test client" [S59].
"""

from __future__ import annotations

from collections.abc import Iterator

from bankid_provisioning.errors import Advice, ProvisioningError
from bankid_provisioning.model import ProvisioningRequest
from bankid_provisioning.policy import Policy

Finding = ProvisioningError | Advice
NNIN_SCOPES = ("nnin_altsub", "nnin")
KNOWN_SCOPES = frozenset(
    {
        "openid",
        "profile",
        "nnin_altsub",
        "nnin",
        "email",
        "address",
        "phone",
        "sign",
        "chgpwd",
        "bankid_proof",
        "signdoc/read_write",
        "aml_person/basic",
        "esign/b2b",
        "permissions/client",
        "permissions/ciba",
    }
)
DISCONTINUED_SCOPES = {
    "email": "[S52]",
    "address": "[S52]",
    "phone": "[S52]",
    "bankid_proof": "(API v4) [S50]",
}
IDPS = ("BID", "BIS")


def check_scopes(request: ProvisioningRequest, _policy: Policy) -> Iterator[Finding]:
    if "openid" not in request.scopes:
        yield ProvisioningError("scopes", "must include openid, which is mandatory [S16]")
    for index, scope in enumerate(request.scopes):
        if scope == "offline_access":
            yield ProvisioningError(f"scopes[{index}]", "offline_access is not provided by BankID (R7) [S55]")
        elif scope in DISCONTINUED_SCOPES:
            yield Advice(f"scopes[{index}]", f"{scope} is discontinued {DISCONTINUED_SCOPES[scope]}")
        elif scope not in KNOWN_SCOPES:
            yield Advice(f"scopes[{index}]", f"{scope} is not a documented BankID scope; a product scope? [S26][S47]")


def check_nnin(request: ProvisioningRequest, _policy: Policy) -> Iterator[Finding]:
    wanted = [s for s in request.scopes if s in NNIN_SCOPES]
    if wanted and not request.nnin.requested:
        yield ProvisioningError(
            "scopes",
            f"{', '.join(wanted)} need NNIN access: set nnin.access = true with a justification (eligible "
            "clients only) [S4][S47]",
        )
    if request.nnin.requested and not request.nnin.justification:
        yield ProvisioningError(
            "nnin.justification",
            "is required with nnin.access: NNIN access is for eligible clients only [S4][S47]",
        )


def check_identity_providers(request: ProvisioningRequest, _policy: Policy) -> Iterator[Finding]:
    if not request.idps:
        yield ProvisioningError("idps", f"is required: one or more of {', '.join(IDPS)} [S4][S21]")
    for index, idp in enumerate(request.idps):
        if idp not in IDPS:
            yield ProvisioningError(
                f"idps[{index}]", f"{idp!r} is not offered; choose from {', '.join(IDPS)} [S21][S66]"
            )
    if "BIS" in request.idps and not request.bis_enabled:
        yield ProvisioningError("bis_enabled", "must be true for the BIS IDP: BIS is enabled per client [S59]")
    if request.bis_enabled and "BIS" not in request.idps:
        yield ProvisioningError("idps", "must include BIS when bis_enabled is true [S59]")
