"""The BankID merchant certificate: shared by default, or dedicated [S1].

"OIDC Clients requesting access to the BankID service will by default use a shared BankID merchant certificate
already hosted by the OIDC Provider unless a dedicated BankID merchant certificate is requested." CURRENT:
order a test certificate in the RA self-service for PRE-PROD, activate it, "download the resulting certificate
file (.bid file) and attach it to your provisioning request along with the pre-set password (qwer1234)". PROD:
"BankID Norge will need your organization number, organization name and the desired common name" [S1].
"""

from __future__ import annotations

from collections.abc import Iterator

from cryptography.exceptions import InvalidSignature

from bankid_provisioning.errors import Advice, ProvisioningError
from bankid_provisioning.keystore import (
    PREPROD_ISSUER_MARK,
    PRESET_PASSWORD,
    KeystoreError,
    MerchantKeystore,
    read_bid,
)
from bankid_provisioning.model import (
    CertificateKind,
    Environment,
    MerchantCertificateRequest,
    ProvisioningRequest,
)
from bankid_provisioning.policy import Policy
from bankid_provisioning.subject_names import subject_name_problem

Finding = ProvisioningError | Advice
FIELD = "merchant_certificate"


def check_merchant_certificate(request: ProvisioningRequest, policy: Policy) -> Iterator[Finding]:
    certificate = request.merchant_certificate
    if certificate.kind is CertificateKind.SHARED:
        if certificate.bid is not None:
            yield ProvisioningError(
                f"{FIELD}.{certificate.bid_source}",
                "a .bid is attached only for a dedicated certificate [S1]",
            )
    elif request.environment is not None and request.environment.is_test:
        yield from _dedicated_current(request, policy)
    elif request.environment is Environment.PROD:
        yield from _dedicated_prod(request, policy)


def _dedicated_current(request: ProvisioningRequest, policy: Policy) -> Iterator[Finding]:
    certificate = request.merchant_certificate
    if certificate.bid is None:
        yield ProvisioningError(
            f"{FIELD}.{certificate.bid_source}",
            "is required: attach the .bid downloaded from the RA self-service for PRE-PROD [S1]",
        )
    if certificate.bid_password is None:
        yield ProvisioningError(f"{FIELD}.bid_password", f"is required: the pre-set password ({PRESET_PASSWORD}) [S1]")
    elif certificate.bid_password != PRESET_PASSWORD:
        yield ProvisioningError(
            f"{FIELD}.bid_password",
            f"must be the pre-set password of the RA's .bid files ({PRESET_PASSWORD}) [S1]",
        )
    if certificate.bid is not None and certificate.bid_password == PRESET_PASSWORD:
        yield from _keystore(certificate, certificate.bid, policy)


def _keystore(certificate: MerchantCertificateRequest, data: bytes, policy: Policy) -> Iterator[Finding]:
    common_name = certificate.common_name
    try:
        keystore = read_bid(data, PRESET_PASSWORD)
    except KeystoreError as exc:
        yield ProvisioningError(f"{FIELD}.{certificate.bid_source}", f"the .bid {exc} [S1]")
        return
    if not keystore.activated:
        yield ProvisioningError(
            f"{FIELD}.{certificate.bid_source}",
            "the certificate was ordered but not activated; activate it in the RA first [S1][S61]",
        )
    if keystore.expired(policy.now):
        yield ProvisioningError(
            f"{FIELD}.{certificate.bid_source}",
            f"the certificate is not valid now (valid until {keystore.not_after:%Y-%m-%d}) [S1]",
        )
    if not chains_to_merchant_ca(keystore, policy):
        yield ProvisioningError(
            f"{FIELD}.{certificate.bid_source}",
            f"the certificate is not issued by the {PREPROD_ISSUER_MARK} merchant CA [S1][S61]",
        )
    if common_name is not None and common_name != keystore.common_name:
        yield ProvisioningError(
            f"{FIELD}.common_name",
            f"{common_name!r} differs from the .bid certificate's CN {keystore.common_name!r}",
        )


def chains_to_merchant_ca(keystore: MerchantKeystore, policy: Policy) -> bool:
    """Issued by a trust anchor; without anchors, by a ``BankID - PreProd`` CA carried in the ``.bid``."""
    issuers = policy.trust_anchors or tuple(
        c for c in keystore.chain if PREPROD_ISSUER_MARK in c.subject.rfc4514_string()
    )
    for issuer in issuers:
        try:
            keystore.certificate.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return True
    return False


def _dedicated_prod(request: ProvisioningRequest, policy: Policy) -> Iterator[Finding]:
    """PROD certificates are ordered, activated and installed by BankID Norge; nothing is attached [S1]."""
    certificate = request.merchant_certificate
    if certificate.bid is not None:
        yield ProvisioningError(
            f"{FIELD}.{certificate.bid_source}",
            "must not be attached for PROD: BankID Norge orders, activates and installs the certificate [S1]",
        )
    if not certificate.common_name:
        yield ProvisioningError(
            f"{FIELD}.common_name",
            "is required for a dedicated PROD certificate: the desired common name [S1]",
        )
    elif problem := subject_name_problem(certificate.common_name):
        yield ProvisioningError(f"{FIELD}.common_name", problem)
    if not policy.newer_items_required:
        # BankID orders a PROD certificate from "org number, org name and desired CN" [S1], whatever the
        # request list asks for (where the organisation is required, check_organisation says so already).
        for part in ("name", "number"):
            if not getattr(request.organisation, part):
                yield ProvisioningError(f"organisation.{part}", "is required for a dedicated PROD certificate [S1]")
    if request.organisation.name and (problem := subject_name_problem(request.organisation.name)):
        yield ProvisioningError("organisation.name", f"{problem}: it is the certificate's organisation (O)")
    yield Advice(FIELD, "inform salg@bankidnorge.no about the request for a dedicated PROD certificate [S1]")
