"""BankID provisioning rules as a small pure library [S1].

Shared by the mock's provisioning API and the harness's preflight checker, so an integrator's request file is
judged locally by exactly the code the mock provisions with. Imports neither ``harness`` nor
``mock_provider``.
"""

from bankid_provisioning.errors import Advice, ProvisioningError
from bankid_provisioning.identifiers import (
    complete_nnin,
    complete_organisation_number,
    is_valid_nnin,
    is_valid_organisation_number,
)
from bankid_provisioning.keystore import (
    ACTIVATED_POLICY_OID,
    PRESET_PASSWORD,
    KeystoreError,
    MerchantKeystore,
    read_bid,
    write_bid,
)
from bankid_provisioning.merchant_ca import PREPROD_MERCHANT_CA, MerchantCA, MerchantSubject
from bankid_provisioning.model import (
    CertificateKind,
    Channel,
    Contact,
    Environment,
    MerchantCertificateRequest,
    NninAccess,
    Organisation,
    Partner,
    ProvisioningRequest,
)
from bankid_provisioning.naming import client_id_for
from bankid_provisioning.parsing import parse_request
from bankid_provisioning.policy import Policy
from bankid_provisioning.subject_names import MAX_SUBJECT_NAME, subject_name_problem
from bankid_provisioning.validate import Report, check, validate_request

__all__ = [
    "ACTIVATED_POLICY_OID",
    "MAX_SUBJECT_NAME",
    "PREPROD_MERCHANT_CA",
    "PRESET_PASSWORD",
    "Advice",
    "CertificateKind",
    "Channel",
    "Contact",
    "Environment",
    "KeystoreError",
    "MerchantCA",
    "MerchantCertificateRequest",
    "MerchantKeystore",
    "MerchantSubject",
    "NninAccess",
    "Organisation",
    "Partner",
    "Policy",
    "ProvisioningError",
    "ProvisioningRequest",
    "Report",
    "check",
    "client_id_for",
    "complete_nnin",
    "complete_organisation_number",
    "is_valid_nnin",
    "is_valid_organisation_number",
    "parse_request",
    "read_bid",
    "subject_name_problem",
    "validate_request",
    "write_bid",
]
