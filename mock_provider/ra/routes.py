"""``/admin/ra``: the RA self-service steps for a PRE-PROD merchant certificate, as HTTP [S1][S61].

Merchant tab → generate a number → organisation name and CN → order → activate → download the ``.bid``.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import quote

from cryptography.hazmat.primitives import serialization
from flask import Response, jsonify

from bankid_provisioning import Environment, MerchantSubject, complete_organisation_number, subject_name_problem
from bankid_provisioning import is_valid_organisation_number as valid_number
from mock_provider.admin import admin_blueprint
from mock_provider.admin.problems import conflict, invalid, json_body, not_found
from mock_provider.provider import current_provider
from mock_provider.ra import orders
from mock_provider.ra.authority import merchant_ca

MAX_VALIDITY_DAYS = 3650


@admin_blueprint.post("/ra/organisation-numbers")
def generate_organisation_number() -> tuple[Response, int]:
    """The RA's test-number generator: a fresh number with a valid mod-11 check digit."""
    return jsonify({"organisation_number": _new_organisation_number()}), 201


@admin_blueprint.post("/ra/merchant-orders")
def order() -> tuple[Response, int, dict[str, str]]:
    subject, validity_days = _order_from(json_body())
    created = orders.create_order(current_provider(), subject, validity_days=validity_days)
    location = f"/admin/ra/merchant-orders/{created.certificate_id}"
    return jsonify(created.summary()), 201, {"Location": location}


@admin_blueprint.get("/ra/merchant-orders/<order_id>")
def show_order(order_id: str) -> Response:
    return jsonify(_order(order_id).summary())


@admin_blueprint.post("/ra/merchant-orders/<order_id>/activate")
def activate(order_id: str) -> Response:
    found = _order(order_id)
    # An order stored before names were checked must not reach the certificate builder, which would raise.
    errors = _subject_errors(found.subject.organisation_name, found.subject.common_name)
    if errors:
        raise invalid(errors, "The order's names cannot go into a certificate")
    try:
        return jsonify(orders.activate(current_provider(), order_id).summary())
    except orders.OrderError as exc:
        raise conflict(str(exc)) from exc


@admin_blueprint.get("/ra/merchant-orders/<order_id>/bid")
def download(order_id: str) -> Response:
    found = _order(order_id)
    try:
        data = orders.download_bid(current_provider(), order_id)
    except orders.OrderError as exc:
        raise conflict(str(exc)) from exc
    return Response(
        data,
        mimetype="application/x-pkcs12",
        headers={"Content-Disposition": attachment(found.subject.common_name), "Cache-Control": "no-store"},
    )


def attachment(common_name: str) -> str:
    """``Content-Disposition`` for ``<CN>.bid`` whatever the CN holds (RFC 6266 §4.3): an ASCII ``filename``
    with anything unsafe replaced, and the exact name as UTF-8 in ``filename*``."""
    name = f"{common_name.strip() or 'merchant'}.bid"
    fallback = "".join(c if " " <= c <= "~" and c not in '"\\' else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@admin_blueprint.get("/ra/ca.pem")
def ca_certificate() -> Response:
    """The PRE-PROD merchant CA, so ``bankid-preflight --ca`` can verify a ``.bid`` against it."""
    certificate = merchant_ca(current_provider(), Environment.CURRENT).certificate
    return Response(certificate.public_bytes(serialization.Encoding.PEM), mimetype="application/x-pem-file")


def _order(order_id: str) -> orders.MerchantCertificate:
    found = orders.find(current_provider(), order_id)
    if found is None or found.source != "ra-order":
        raise not_found(f"Merchant order {order_id}")
    return found


def _order_from(body: dict[str, Any]) -> tuple[MerchantSubject, int]:
    errors = _subject_errors(body.get("organisation_name"), body.get("common_name"))
    number = body.get("organisation_number") or _new_organisation_number()
    if not isinstance(number, str) or not valid_number(number):
        errors.append({"field": "organisation_number", "message": "is not a valid organisation number"})
    validity = body.get("validity_days", 730)
    if not isinstance(validity, int) or isinstance(validity, bool) or not 1 <= validity <= MAX_VALIDITY_DAYS:
        errors.append({"field": "validity_days", "message": f"must be an integer from 1 to {MAX_VALIDITY_DAYS}"})
    unknown = set(body) - {"organisation_name", "common_name", "organisation_number", "validity_days"}
    errors.extend({"field": key, "message": "unknown field"} for key in sorted(unknown))
    if errors:
        raise invalid(errors, "The merchant certificate order is not valid")
    subject = MerchantSubject(body["organisation_name"].strip(), str(number), body["common_name"].strip())
    return subject, int(validity)


def _subject_errors(organisation_name: object, common_name: object) -> list[dict[str, str]]:
    named = {"organisation_name": organisation_name, "common_name": common_name}
    problems = {field: subject_name_problem(value) for field, value in named.items()}
    return [{"field": field, "message": f"{problem} [S61]"} for field, problem in problems.items() if problem]


def _new_organisation_number() -> str:
    while True:
        # Test numbers start with 9, like most Norwegian organisation numbers.
        number = complete_organisation_number(f"9{secrets.randbelow(10**7):07d}")
        if number is not None:
            return number
