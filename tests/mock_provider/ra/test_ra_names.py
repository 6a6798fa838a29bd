"""Names that cannot go into a merchant certificate are refused where they enter, naming the field, and any
stored common name downloads as a valid ``.bid`` attachment: never a 500 [S1][S61]."""

from __future__ import annotations

from urllib.parse import unquote

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.http import parse_options_header

from bankid_provisioning import PRESET_PASSWORD, read_bid
from mock_provider.ra.routes import attachment
from tests.mock_provider.provisioning_api import example

ORDERS = "/admin/ra/merchant-orders"
BAD_NAMES = {
    "crlf": "Merchant\r\nSet-Cookie: x=1",
    "lf": "Merchant\nAS",
    "tab": "Merchant\tAS",
    "line-separator": "Merchant\u2028AS",
    "nul": "Merchant\x00AS",
    "too-long": "M" * 65,
    "blank": "   ",
}


@pytest.mark.parametrize("field", ["common_name", "organisation_name"])
@pytest.mark.parametrize("name", BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_an_order_with_a_bad_name_is_refused_naming_the_field(admin: httpx.Client, field: str, name: str) -> None:
    body = {"organisation_name": "Nettbutikken Demo AS", "common_name": "Nettbutikken Demo", field: name}
    reply = admin.post(ORDERS, json=body)
    assert reply.status_code == 422, reply.text
    assert [e["field"] for e in reply.json()["errors"]] == [field]


@pytest.mark.parametrize("name", ["Bærum Sykkel AS", "日本 Merchant", "Ā-Ω shop", 'Quote "and" \\ slash'])
def test_any_printable_name_orders_activates_and_downloads(admin: httpx.Client, name: str) -> None:
    created = admin.post(ORDERS, json={"organisation_name": name, "common_name": name}).json()
    assert admin.post(f"{ORDERS}/{created['certificate_id']}/activate").status_code == 200
    reply = admin.get(f"{ORDERS}/{created['certificate_id']}/bid")
    assert reply.status_code == 200
    assert read_bid(reply.content, PRESET_PASSWORD).common_name == name
    _, params = parse_options_header(reply.headers["content-disposition"])
    assert params["filename"] == f"{name}.bid"  # from filename* (RFC 6266), as a browser reads it


@given(st.text(max_size=80))
def test_the_attachment_header_is_always_a_valid_single_header(common_name: str) -> None:
    header = attachment(common_name)
    header.encode("latin-1")  # what WSGI requires of a header value
    assert "\r" not in header and "\n" not in header
    encoded = header.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == f"{common_name.strip() or 'merchant'}.bid"


@pytest.mark.parametrize(("field", "name"), [("common_name", BAD_NAMES["crlf"]), ("common_name", "M" * 65)])
def test_a_prod_dedicated_request_with_a_bad_common_name_is_refused(admin: httpx.Client, field: str, name: str) -> None:
    body = example("prod-dedicated.toml")
    body["merchant_certificate"] = {**body["merchant_certificate"], field: name}
    reply = admin.post("/admin/provisioning/prod/clients", json=body)
    assert reply.status_code == 422, reply.text
    assert f"merchant_certificate.{field}" in [e["field"] for e in reply.json()["errors"]]


def test_a_prod_dedicated_request_with_an_overlong_organisation_name_is_refused(admin: httpx.Client) -> None:
    body = example("prod-dedicated.toml")
    body["organisation"] = {**body["organisation"], "name": "O" * 65}
    reply = admin.post("/admin/provisioning/prod/clients", json=body)
    assert reply.status_code == 422, reply.text
    assert "organisation.name" in [e["field"] for e in reply.json()["errors"]]
