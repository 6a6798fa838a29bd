"""Steps for ``features/merchant_certificate`` (rules BID-P26…P36): the RA self-service, the ``.bid``, and
what a dedicated or shared certificate changes in the answer and the login dialog."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from typing import Any

from pytest_bdd import given, parsers, then, when

from harness.admin import MerchantOrder, Provisioned, RaSelfService
from harness.admin.ra import certificate_id
from harness.admin.requests import ORGANISATION
from harness.http import HttpSession, Reply
from harness.rules.bankid import merchant_certificate as rules
from harness.steps.provisioning import submit
from harness.target import Target


@dataclass(frozen=True)
class Ordered:
    order: MerchantOrder
    reply: Reply


@dataclass(frozen=True)
class Downloaded:
    order: MerchantOrder
    reply: Reply


def new_order() -> MerchantOrder:
    # A fresh CN per scenario, so the answer's certificate is provably the one this scenario ordered.
    return MerchantOrder(ORGANISATION["name"], ORGANISATION["number"], f"Konformitet Test {secrets.token_hex(3)}")


@given("a merchant test certificate ordered in the RA self-service for PRE-PROD", target_fixture="ordered")
@when("the integrator orders a merchant test certificate in the RA self-service for PRE-PROD", target_fixture="ordered")
def order(http: HttpSession, target: Target) -> Ordered:
    chosen = new_order()
    return Ordered(chosen, RaSelfService.of(http, target).order(chosen))


@given("the order is activated in the RA")
def activate(http: HttpSession, target: Target, ordered: Ordered) -> None:
    RaSelfService.of(http, target).activate(certificate_id(ordered.reply))


@when("the integrator downloads the .bid file", target_fixture="downloaded")
def download(http: HttpSession, target: Target, ordered: Ordered) -> Downloaded:
    return Downloaded(ordered.order, RaSelfService.of(http, target).download(certificate_id(ordered.reply)))


@given("an activated merchant test certificate downloaded from the RA self-service", target_fixture="downloaded")
def downloaded_bid(http: HttpSession, target: Target) -> Downloaded:
    ra, chosen = RaSelfService.of(http, target), new_order()
    number = certificate_id(ra.order(chosen))
    ra.activate(number)
    return Downloaded(chosen, ra.download(number))


@given(
    parsers.parse("the downloaded .bid is attached with the password {password}"), target_fixture="provisioning_request"
)
def attach(provisioning_request: dict[str, Any], downloaded: Downloaded, password: str) -> dict[str, Any]:
    certificate = {
        "kind": "dedicated",
        "bid_base64": base64.b64encode(downloaded.reply.body).decode(),
        "bid_password": password,
    }
    return {**provisioning_request, "merchant_certificate": certificate}


@given("the request asks for a dedicated certificate without attaching a .bid", target_fixture="provisioning_request")
def dedicated_without_bid(provisioning_request: dict[str, Any]) -> dict[str, Any]:
    certificate = {"kind": "dedicated", "bid_password": "qwer1234", "common_name": new_order().common_name}
    return {**provisioning_request, "merchant_certificate": certificate}


@given("the request asks BankID Norge for a dedicated certificate", target_fixture="provisioning_request")
def dedicated_prod(provisioning_request: dict[str, Any]) -> dict[str, Any]:
    certificate = {"kind": "dedicated", "common_name": new_order().common_name}
    return {**provisioning_request, "merchant_certificate": certificate}


@when("the integrator uses the certificate before activating it", target_fixture="early_use")
def use_before_activation(
    http: HttpSession, target: Target, ordered: Ordered, provisioning_request: dict[str, Any]
) -> Reply:
    """The RA may refuse the download, or hand out a ``.bid`` that provisioning must then refuse."""
    reply = RaSelfService.of(http, target).download(certificate_id(ordered.reply))
    if reply.status >= 300:
        return reply
    early = Downloaded(ordered.order, reply)
    return submit(http, target, "CURRENT", attach(provisioning_request, early, "qwer1234")).reply


@then("the client uses the dedicated certificate from the .bid")
def dedicated_from_bid(answer: Provisioned, downloaded: Downloaded) -> None:
    rules.dedicated_when_requested(answer.reply, downloaded.order.common_name)


@then("the client uses the dedicated certificate it asked for")
def dedicated_as_asked(answer: Provisioned, provisioning_request: dict[str, Any]) -> None:
    certificate = provisioning_request.get("merchant_certificate") or {}
    rules.dedicated_when_requested(answer.reply, str(certificate.get("common_name")))


@then("the client uses the shared merchant certificate")
def shared(answer: Provisioned) -> None:
    rules.shared_by_default(answer.reply)


@then(parsers.parse("the request is refused for following the wrong environment's procedure, naming {field}"))
def wrong_procedure(answer: Provisioned, field: str) -> None:
    rules.procedure_per_environment(answer.reply, field)


@then("BankID hosts the certificate and hands none of it back")
def hosted(answer: Provisioned) -> None:
    rules.bankid_hosts_dedicated(answer.reply)


@then("the RA takes the order")
def order_taken(ordered: Ordered) -> None:
    rules.ra_order_taken(ordered.reply)


@then("the certificate is not usable before activation")
def not_usable(early_use: Reply) -> None:
    rules.unactivated_unusable(early_use)


@then("the .bid opens with the pre-set password qwer1234 and holds the ordered certificate")
def opens(downloaded: Downloaded) -> None:
    rules.bid_opens_with_preset_password(downloaded.reply, downloaded.order.common_name)


@then("the request with the certificate is granted")
def bid_granted(answer: Provisioned) -> None:
    rules.bid_request_granted(answer.reply)


@then(parsers.parse("the certificate request is refused, naming {field}"))
def bid_refused(answer: Provisioned, field: str) -> None:
    rules.bid_request_incomplete(answer.reply, field)


@then("the request is granted and the answer says to inform salg@bankidnorge.no")
def via_sales(answer: Provisioned) -> None:
    rules.prod_via_sales(answer.reply)


@then(parsers.parse("the dedicated production certificate request is refused, naming {field}"))
def prod_details(answer: Provisioned, field: str) -> None:
    rules.prod_details_required(answer.reply, field)


@then("the dialog shows the shared merchant certificate's name")
def shows_shared(dialog: Reply, answer: Provisioned) -> None:
    certificate = answer.body.get("merchant_certificate") or {}
    rules.merchant_name_shown(dialog, str(certificate.get("common_name")))


@then("the dialog shows the dedicated certificate's common name")
def shows_dedicated(dialog: Reply, downloaded: Downloaded) -> None:
    rules.merchant_name_shown(dialog, downloaded.order.common_name)
