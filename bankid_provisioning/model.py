"""The provisioning request, as the numbered lists of [S3][S4][S6] and the provisioning page [S1] describe it.

Every field is optional at this level: a request is first read leniently (``parsing``) so that validation can
report everything that is missing or wrong at once. ``None`` means "not supplied".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Environment(StrEnum):
    """ "The provisioning process is separate for each supported environment" [S1]. PREPROD is in connector
    configuration only [S10][S12]: whether BankID still provisions it is UNCLEAR, so ``Policy.environments``
    leaves it out unless told otherwise."""

    CURRENT = "CURRENT"
    PROD = "PROD"
    PREPROD = "PREPROD"

    @property
    def realm(self) -> str:
        return self.value.lower()

    @property
    def is_test(self) -> bool:
        """CURRENT and PREPROD are test environments on the BankID PreProd user base and merchant CA
        [S1][S12]: provisioned the same way (a partner or the service desk, a .bid from the RA)."""
        return self is not Environment.PROD


class Channel(StrEnum):
    """How the request reaches BankID: through a BankID partner, or the test-environment service desk [S1]."""

    PARTNER = "partner"
    SERVICE_DESK = "service-desk"


class CertificateKind(StrEnum):
    """Shared merchant certificate hosted by the provider (the default), or a dedicated one [S1]."""

    SHARED = "shared"
    DEDICATED = "dedicated"


@dataclass(frozen=True, kw_only=True)
class Partner:
    name: str | None = None
    commercial_agreement: bool = False


@dataclass(frozen=True, kw_only=True)
class Organisation:
    name: str | None = None
    number: str | None = None


@dataclass(frozen=True, kw_only=True)
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, kw_only=True)
class NninAccess:
    """NNIN access is "for eligible applications only" and must be asked for [S3][S4][S47]."""

    requested: bool = False
    justification: str | None = None


@dataclass(frozen=True, kw_only=True)
class MerchantCertificateRequest:
    kind: CertificateKind = CertificateKind.SHARED
    bid: bytes | None = None
    # Which request field carried the .bid, so errors name the field the caller actually wrote.
    bid_source: str = "bid_file"
    bid_password: str | None = None
    common_name: str | None = None


@dataclass(frozen=True, kw_only=True)
class ProvisioningRequest:
    environment: Environment | None = None
    channel: Channel | None = None
    partner: Partner | None = None
    organisation: Organisation = field(default_factory=Organisation)
    client_name: str | None = None
    description: str | None = None
    contacts: Mapping[str, Contact] = field(default_factory=dict)
    flows: tuple[str, ...] = ()
    client_auth_method: str = "client_secret_basic"
    idps: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()
    redirect_uris: tuple[str, ...] = ()
    display_name: str | None = None
    nnin: NninAccess = field(default_factory=NninAccess)
    bis_enabled: bool = False
    jwks: Mapping[str, object] | None = None
    jwks_uri: str | None = None
    merchant_certificate: MerchantCertificateRequest = field(default_factory=MerchantCertificateRequest)
