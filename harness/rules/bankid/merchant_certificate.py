"""The BankID merchant certificate: shared by default, dedicated on request, ordered per environment [S1].

CURRENT: the RA self-service for PRE-PROD (order, activate, download the ``.bid``, attach it with the
pre-set password ``qwer1234``) [S1][S61]. PROD: BankID Norge orders it from the organisation number, name and
desired common name (salg@bankidnorge.no) [S1]. What the end user sees is only partly documented [S62].
https://confluence.bankidnorge.no/confluence/display/pdoidclpp/Provisioning
"""

from __future__ import annotations

from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12

from harness.http import Reply
from harness.rp.dialog import visible_text
from harness.rules.bankid.provisioning import advice_mentions, body_keys, provisioned, refused_naming
from harness.rules.registry import Level, expect, rule

PRESET_PASSWORD = "qwer1234"
# Keys that would mean keystore material came back to the requester, which BankID hosts instead [S1].
KEYSTORE_KEYS = ("bid_base64", "bid", "keystore", "private_key", "bid_password", "pkcs12")


def _certificate(reply: Reply) -> dict[str, Any]:
    value = (reply.json_object() or {}).get("merchant_certificate")
    return value if isinstance(value, dict) else {}


@rule("BID-P26", title="A client uses the shared merchant certificate by default", sources=("S1", "S70", "S71"))
def shared_by_default(reply: Reply) -> None:
    """Requirement: "OIDC Clients requesting access to the BankID service will by default use a shared BankID merchant
    certificate already hosted by the OIDC Provider unless a dedicated BankID merchant certificate is
    requested." [S1]: a request that asks for no dedicated certificate is provisioned with the shared one."""
    provisioned(reply)
    expect(
        _certificate(reply).get("kind") == "shared",
        expected="merchant_certificate.kind = shared",
        seen=_certificate(reply) or None,
    )


@rule("BID-P27", title="A requested dedicated certificate is the one the client uses", sources=("S1",))
def dedicated_when_requested(reply: Reply, common_name: str) -> None:
    """Requirement: "[...] unless a dedicated BankID merchant certificate is requested" [S1]: a granted request for a
    dedicated certificate is provisioned with it, identified by its common name."""
    provisioned(reply)
    certificate = _certificate(reply)
    expect(
        certificate.get("kind") == "dedicated",
        expected="merchant_certificate.kind = dedicated",
        seen=certificate or None,
    )
    expect(certificate.get("common_name") == common_name, expected=common_name, seen=certificate.get("common_name"))


@rule("BID-P28", title="Dedicated certificates are obtained by a different procedure per environment", sources=("S1",))
def procedure_per_environment(reply: Reply, field: str) -> None:
    """Requirement: "See the below table for instructions on how to obtain dedicated certificates for each of the
    environments." [S1]: a CURRENT request must attach the RA's ``.bid``; a PROD request must not (BankID
    orders it). A request following the other environment's procedure is refused, naming the field."""
    refused_naming(reply, field)


@rule("BID-P29", title="BankID installs, hosts and manages the dedicated certificate", sources=("S1", "S2"))
def bankid_hosts_dedicated(reply: Reply) -> None:
    """Requirement: "BankID will be responsible for installation, hosting and management of the dedicated certificate on
    behalf of the requesting party." [S1]: the granted answer shows the certificate installed for the
    client and hands no keystore material back (the client never holds or presents it)."""
    provisioned(reply)
    returned = sorted(set(KEYSTORE_KEYS) & (set(_certificate(reply)) | set(body_keys(reply))))
    expect(not returned, expected="no keystore material in the answer", seen=returned)
    expect(
        _certificate(reply).get("kind") == "dedicated",
        expected="a dedicated certificate installed",
        seen=_certificate(reply) or None,
    )


@rule("BID-P30", title="CURRENT: the RA self-service takes a merchant test certificate order", sources=("S1", "S61"))
def ra_order_taken(reply: Reply) -> None:
    """Requirement: "Please use the RA self-service tool for PRE-PROD to order a test certificate for your
    organization." [S1]: Merchant tab, organisation name and number, common name, order [S61]."""
    expect(reply.status in (200, 201), expected="200 or 201", seen=reply.status, note=reply.text[:200])
    body = reply.json_object() or {}
    expect(body.get("certificate_id", body.get("id")) is not None, expected="an order id", seen=body_keys(reply))


@rule("BID-P31", title="CURRENT: a certificate that was ordered but not activated is not usable", sources=("S1", "S61"))
def unactivated_unusable(reply: Reply) -> None:
    """Requirement: "After an order is completed please use the tool to also activate the certificate in question."
    [S1]: before activation the RA offers no usable ``.bid``, or provisioning refuses the one it gave."""
    expect(400 <= reply.status < 500, expected="a 4xx refusal (download or provisioning)", seen=reply.status)
    expect("client_secret" not in (reply.json_object() or {}), expected="no credentials issued", seen=body_keys(reply))


def _open_bid(data: bytes, password: str) -> tuple[Any, x509.Certificate | None, str]:
    try:
        key, certificate, _ = pkcs12.load_key_and_certificates(data, password.encode())
    except ValueError as exc:
        return None, None, f"does not open: {exc}"
    return key, certificate, ""


@rule("BID-P32", title="CURRENT: the downloaded .bid opens with the pre-set password qwer1234", sources=("S1", "S61"))
def bid_opens_with_preset_password(reply: Reply, common_name: str) -> None:
    """Requirement: "Then download the resulting certificate file (.bid file) [...] along with the pre-set password
    (qwer1234) for the certificate file." [S1]: the download is a PKCS#12 keystore that opens with
    ``qwer1234`` and holds the key and the certificate ordered for ``common_name``."""
    expect(reply.status == 200, expected=200, seen=reply.status)
    key, certificate, problem = _open_bid(reply.body, PRESET_PASSWORD)
    expect(key is not None and certificate is not None, expected="a key and a certificate", seen=problem or "empty")
    assert certificate is not None
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    seen = str(names[0].value) if names else None
    expect(seen == common_name, expected=common_name, seen=seen, note="certificate CN")


@rule("BID-P33", title="CURRENT: a request with the .bid and the pre-set password is granted", sources=("S1",))
def bid_request_granted(reply: Reply) -> None:
    """Requirement: "[...] attach it to your provisioning request along with the pre-set password (qwer1234)" [S1]: such
    a request is granted."""
    provisioned(reply)


@rule("BID-P33a", title="CURRENT: a .bid request without the pre-set password or the file is refused", sources=("S1",))
def bid_request_incomplete(reply: Reply, field: str) -> None:
    """The ``.bid`` and "the pre-set password (qwer1234)" both go with the request [S1]: without the file,
    or with another password, it is refused naming the field."""
    refused_naming(reply, field)


@rule(
    "BID-P34", title="PROD: BankID Norge orders the dedicated certificate; the requester informs salg@", sources=("S1",)
)
def prod_via_sales(reply: Reply) -> None:
    """Requirement: "Inform salg@bankidnorge.no about your request for a dedicated certificate and BankID
    Norge will take care of ordering, activation and installation of the certificate." [S1]: a PROD dedicated request
    without any ``.bid`` is granted and the answer directs the requester to salg@bankidnorge.no."""
    provisioned(reply)
    advice_mentions(reply, "salg@bankidnorge.no", expected="advice naming salg@bankidnorge.no")


@rule("BID-P35", title="PROD: the organisation number, organisation name and common name are required", sources=("S1",))
def prod_details_required(reply: Reply, field: str) -> None:
    """Requirement: "BankID Norge will need your organization number, organization name and the desired common name of
    the certificate to fulfil the request." [S1]: a PROD dedicated request missing one is refused."""
    refused_naming(reply, field)


@rule(
    "BID-P36",
    title="The dialog shows the merchant certificate's name: the shared one, or the dedicated CN",
    sources=("S3", "S62"),
    level=Level.ADVISORY,
)
def merchant_name_shown(page: Reply, expected: str) -> None:
    """The dialog shows the client's display name and merchant name [S3][S62]. Which merchant name BankID
    shows with the shared certificate is not documented (UNCLEAR, PROVIDER-FACTS §7); the mock shows the
    shared certificate's name, and a dedicated certificate's CN. Judged on the dialog's visible text."""
    shown = visible_text(page)
    expect(expected in shown, expected=expected, seen=shown[:200] or "no visible text")
