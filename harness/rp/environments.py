"""BankID's two environments as an integrator meets them: CURRENT and PROD, one issuer each [S1][S8].

"The provisioning process is separate for each supported environment" [S1], so a client has credentials for
one of them only. Given the discovery URL of one environment, ``other_environment`` names the other's: the
published hosts for BankID (PROVIDER-FACTS §1.1), and the sibling realm on the same host for a local mock.
"""

from __future__ import annotations

# Each environment's issuer, as BankID publishes it [S8].
BANKID_ISSUERS = {
    "current": "https://auth.current.bankid.no/auth/realms/current",
    "prod": "https://auth.bankid.no/auth/realms/prod",
}
OTHER = {"current": "prod", "prod": "current"}


def environment_of(discovery_url: str) -> str | None:
    for name in BANKID_ISSUERS:
        if f"/realms/{name}/" in discovery_url or discovery_url.rstrip("/").endswith(f"/realms/{name}"):
            return name
    return None


def other_environment(discovery_url: str) -> str | None:
    """The discovery URL of the environment ``discovery_url`` is not, or ``None`` if it names neither."""
    mine = environment_of(discovery_url)
    if mine is None:
        return None
    other = OTHER[mine]
    if discovery_url.startswith(BANKID_ISSUERS[mine]):
        return BANKID_ISSUERS[other] + discovery_url[len(BANKID_ISSUERS[mine]) :]
    return discovery_url.replace(f"/realms/{mine}", f"/realms/{other}", 1)
