"""Configuration of the mock: one frozen, keyword-only object built once and passed down.

Everything a test may want to vary (hosts, clock, seeded clients, documented-but-UNCLEAR behaviours and
a fault profile) is a field here, so no handler ever reads the environment or a global.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from mock_provider.hooks import FaultProfile
from mock_provider.users.generate import default_users
from mock_provider.users.model import TestUser

if TYPE_CHECKING:
    import httpx  # a type only: the mock serves HTTP, it loads an HTTP client only to fetch a client's jwks_uri

REALMS = ("current", "prod")
# A third realm only with the quirk preprod=offered: the issuer of the connector configuration [S10]; its
# userinfo host follows CURRENT's pattern (INFERRED).
PREPROD_REALM = "preprod"

BANKID_ISSUER_BASES: Mapping[str, str] = MappingProxyType(
    {
        "current": "https://auth.current.bankid.no",
        "prod": "https://auth.bankid.no",
        "preprod": "https://auth.preprod.bankid.no",
    }
)
BANKID_USERINFO_BASES: Mapping[str, str] = MappingProxyType(
    {
        "current": "https://userinfo.current.bankid.no",
        "prod": "https://userinfo.bankid.no",
        "preprod": "https://userinfo.preprod.bankid.no",
    }
)


@dataclass(frozen=True, kw_only=True)
class ClientConfig:
    """A client as BankID provisions it: credentials, redirect URIs, scopes and merchant certificate.

    ``merchant_certificate_cn`` is ``None`` for the shared merchant certificate hosted by the provider [S1].
    """

    client_id: str
    realm: str = "current"
    client_secret: str | None = None
    redirect_uris: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ("openid", "profile")
    display_name: str = "Mock Merchant"
    token_endpoint_auth_methods: tuple[str, ...] = ("client_secret_basic", "client_secret_post")
    grant_types: tuple[str, ...] = ("authorization_code", "refresh_token", "client_credentials")
    jwks: Mapping[str, object] | None = None
    jwks_uri: str | None = None
    nnin_eligible: bool = False
    bis_enabled: bool = False
    merchant_certificate_cn: str | None = None
    enabled: bool = True


@dataclass(frozen=True, kw_only=True)
class Quirks:
    """Behaviours the sources leave UNCLEAR: the mock follows the newest documented behaviour by default and lets
    each be switched, so advisory rules can be exercised both ways. ``mock_provider.quirks`` names each one, its
    values and its source, for ``--quirk NAME=VALUE``, ``--config FILE.toml`` and ``--list-quirks``.
    """

    # Bad client credentials: Keycloak versions disagree on status and code (PROVIDER-FACTS §3.4, [S76]).
    client_auth_error: str = "invalid_client"
    client_auth_status: int = 401
    # Whether CURRENT requires PAR is not visible [S8][S39]; when it does, a plain authorize URL is refused.
    require_pushed_authorization_requests: bool = False
    # "Only S256 is supported" [S16], but Keycloak's discovery lists plain too; both advertised and accepted.
    code_challenge_methods: tuple[str, ...] = ("S256",)
    # The PAR response status is not shown [S39]; RFC 9126 says 201.
    par_status: int = 201
    # ``originator`` is deprecated in v4; one page version lists it as removed, another does not [S44][S50].
    originator_claim: bool = False
    # ``auth_time`` is deprecated in v4 [S44]: only when max_age asks for it (OIDC Core §2), or always (Keycloak).
    auth_time_always: bool = False
    # "Single sign-on is not supported" [S49] versus an id_token_hint that skips re-authentication [S49].
    sso_with_id_token_hint: bool = False
    # BankID on mobile is absent from the G3 IDP tables and "due to be phased out" [S21][S66].
    bim_available: bool = True
    # The discovery lists below are not visible in any G3 copy (PROVIDER-FACTS §1.2): only the code flow [S16],
    # or Keycloak's default list as the G1 CURRENT copy showed [S11] (implicit and hybrid are still refused).
    response_types: tuple[str, ...] = ("code",)
    # private_key_jwt/client_secret_jwt are granted per client on request [S27][S28]: listed, or not.
    advertise_jwt_client_auth: bool = True
    # BIS was "selectable by login_hint only" in G2 [S20]; G3 prefers acr_values=urn:bankid:bis [S21].
    advertise_bis_acr: bool = True
    # The first answer for an unknown client or a mismatched redirect_uri is not documented; Keycloak's error
    # page is 400 (AuthorizationEndpointChecker), a front such as BankID's precheck may answer 200.
    untrusted_client_page_status: int = 400
    # A client assertion whose ``aud`` lists several values, one of them this realm: refused by Keycloak from 26.2
    # (AbstractBaseJWTValidator.validateTokenAudience: "Multiple audiences not allowed" unless the server option
    # allow-multiple-audiences-for-jwt-client-authentication is on), accepted before. BankID's version is unknown.
    several_assertion_audiences: bool = False
    # PREPROD is in connector configuration only [S10] and "might be unstable" [S12]; the G2/G3 provisioning pages
    # list CURRENT and PROD [S1][S2], so PROVIDER-FACTS §1.1 treats it as not offered. Offered: a third realm,
    # provisioned as CURRENT is.
    preprod_offered: bool = False
    # The current provisioning request list is not visible [S1]; no earlier one [S3][S4][S6] asks for the channel,
    # the organisation, the client's name or its scopes [S47] (PROVIDER-FACTS §4): required, or optional.
    newer_provisioning_items_required: bool = True
    # Rotation is not documented (PROVIDER-FACTS §3.3): the replaced secret is refused at once (0), or kept for
    # Keycloak's default rotated-expiration-period, 2 days (ClientSecretRotationExecutorFactory).
    rotated_secret_grace_seconds: int = 0


@dataclass(frozen=True, kw_only=True)
class Config:
    """The whole mock configuration. ``Config()`` is a conformant provider with BankID's own host names."""

    issuer_bases: Mapping[str, str] = field(default_factory=lambda: BANKID_ISSUER_BASES)
    userinfo_bases: Mapping[str, str] = field(default_factory=lambda: BANKID_USERINFO_BASES)
    database_url: str = "sqlite://"
    data_dir: Path | None = None
    clients: tuple[ClientConfig, ...] = ()
    admin_token: str | None = None
    token_lifetime: int = 300
    jwks_max_age: int = 23269
    # Signing-key rotation period [S38]: every period the next key starts signing and the previous one retires.
    # None keeps the three keys for ever. It must be at least token_lifetime, so a token outlives no key.
    key_rotation_seconds: float | None = None
    release: str = "mock-2026.11"
    shared_merchant_certificate_cn: str = "BankID OIDC Shared Merchant"
    # The store is migrated to this Alembic revision at start-up; an older one rehearses an upgrade.
    schema_revision: str = "head"
    clock: Callable[[], float] = time.time
    # Test users seeded into the store at start (Faker data from one seed); the admin API changes them later.
    users: tuple[TestUser, ...] = field(default_factory=default_users)
    # Transport for the mock's own outbound calls (a client's jwks_uri); a test double in tests.
    outbound_transport: httpx.BaseTransport | None = None
    quirks: Quirks = field(default_factory=Quirks)
    # Deliberate misbehaviour at the provider's seams (``mock_provider.hooks``); the default is conformant.
    faults: FaultProfile = field(default_factory=FaultProfile)

    @property
    def realms(self) -> tuple[str, ...]:
        """The realms this provider serves: CURRENT and PROD, and PREPROD where the quirk offers it."""
        return (*REALMS, PREPROD_REALM) if self.quirks.preprod_offered else REALMS

    @classmethod
    def local(cls, base_url: str, **kwargs: object) -> Config:
        """A config for a mock served at ``base_url`` (e.g. ``https://127.0.0.1:8443``).

        The userinfo endpoint is advertised under ``localhost`` instead of ``127.0.0.1`` (or vice versa) so it
        keeps living on a different host name than the issuer, as BankID's does [S8].
        """
        base = base_url.rstrip("/")
        other = (
            base.replace("127.0.0.1", "localhost") if "127.0.0.1" in base else base.replace("localhost", "127.0.0.1")
        )
        issuers = MappingProxyType(dict.fromkeys((*REALMS, PREPROD_REALM), base))
        userinfo = MappingProxyType(dict.fromkeys((*REALMS, PREPROD_REALM), other))
        return cls(issuer_bases=issuers, userinfo_bases=userinfo, **kwargs)  # type: ignore[arg-type]
