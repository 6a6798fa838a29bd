"""``validate_request`` on whole requests: examples pass; every problem is reported with its field."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from faker import Faker

from bankid_provisioning import MerchantCA, MerchantSubject, Policy, validate_request


def fields(report: Any) -> set[str]:
    return {e.field for e in report.errors}


@pytest.mark.parametrize("name", ["current-partner-shared.toml", "prod-dedicated.toml"])
def test_example_requests_are_valid(name: str, example: Callable[[str], dict[str, Any]], policy: Policy) -> None:
    report = validate_request(example(name), policy=policy)
    assert report.errors == ()


def test_faker_data_makes_valid_requests(shared_request: dict[str, Any], faker: Faker, policy: Policy) -> None:
    shared_request["organisation"]["name"] = faker.company()
    shared_request["display_name"] = faker.company()
    shared_request["contacts"]["technical"] = {"name": faker.name(), "email": faker.email()}
    assert validate_request(shared_request, policy=policy).ok


def test_every_problem_is_reported_not_just_the_first(policy: Policy) -> None:
    report = validate_request({}, policy=policy)
    assert {
        "environment",
        "channel",
        "client_name",
        "description",
        "display_name",
        "organisation.name",
        "organisation.number",
        "contacts.technical.email",
        "contacts.commercial.name",
        "flows",
        "redirect_uris",
        "scopes",
        "idps",
    } <= fields(report)


def test_a_wrongly_typed_field_is_reported_once(shared_request: dict[str, Any], policy: Policy) -> None:
    shared_request["redirect_uris"] = "https://localhost/cb"
    report = validate_request(shared_request, policy=policy)
    assert [e.field for e in report.errors] == ["redirect_uris"]
    assert "list of strings" in report.errors[0].message


def test_an_unknown_key_is_reported(shared_request: dict[str, Any], policy: Policy) -> None:
    shared_request["redirect_uri"] = ["https://localhost/cb"]
    assert fields(validate_request(shared_request, policy=policy)) == {"redirect_uri"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"environment": "PRE-PROD"}, "environment"),
        ({"client_name": "Web Shop"}, "client_name"),
        ({"client_name": "webshop-bankid-current"}, "client_name"),
        ({"display_name": ""}, "display_name"),
        ({"flows": ["implicit"]}, "flows[0]"),
        ({"flows": ["authorization_code", "password"]}, "flows[1]"),
        ({"client_auth_method": "tls_client_auth"}, "client_auth_method"),
        ({"client_auth_method": "private_key_jwt"}, "client_auth_method"),
        ({"idps": ["BIM"], "bis_enabled": False}, "idps[0]"),
        ({"idps": ["BID", "BIS"], "bis_enabled": False}, "bis_enabled"),
        ({"idps": ["BID"], "bis_enabled": True}, "idps"),
        ({"scopes": ["profile"]}, "scopes"),
        ({"scopes": ["openid", "offline_access"]}, "scopes[1]"),
        ({"scopes": ["openid", "nnin_altsub"]}, "scopes"),
        ({"scopes": ["openid", "nnin"]}, "scopes"),
        ({"nnin": {"access": True}}, "nnin.justification"),
        ({"redirect_uris": []}, "redirect_uris"),
        ({"redirect_uris": ["http://localhost:3000/cb"]}, "redirect_uris[0]"),
        ({"redirect_uris": ["https://localhost:3000/cb#frag"]}, "redirect_uris[0]"),
        ({"redirect_uris": ["https://*.example.no/cb"]}, "redirect_uris[0]"),
        ({"redirect_uris": ["/callback"]}, "redirect_uris[0]"),
        ({"redirect_uris": ["https://a.example.no/cb", "https://a.example.no/cb"]}, "redirect_uris[1]"),
        ({"jwks_uri": "http://keys.example.no/jwks"}, "jwks_uri"),
        ({"organisation": {"name": "Demo AS", "number": "998877661"}}, "organisation.number"),
        (
            {"contacts": {"technical": {"name": "Kari"}, "commercial": {"name": "Ola", "email": "ola"}}},
            "contacts.commercial.email",
        ),
        ({"partner": {}}, "partner.name"),
        ({"merchant_certificate": {"kind": "borrowed"}}, "merchant_certificate.kind"),
        (
            {"merchant_certificate": {"kind": "shared", "bid_base64": "AAAA"}},
            "merchant_certificate.bid_base64",
        ),
        ({"bis_enabled": "yes"}, "bis_enabled"),
    ],
)
def test_bad_field_is_named(change: dict[str, Any], field: str, shared_request: dict[str, Any], policy: Policy) -> None:
    shared_request.update(change)
    report = validate_request(shared_request, policy=policy)
    assert field in fields(report), report.errors


def test_https_localhost_redirects_are_allowed(shared_request: dict[str, Any], policy: Policy) -> None:
    shared_request["redirect_uris"] = ["https://localhost:3000/callback", "https://127.0.0.1:8443/cb?x=1"]
    assert validate_request(shared_request, policy=policy).ok


def test_nnin_scopes_pass_with_justified_eligibility(shared_request: dict[str, Any], policy: Policy) -> None:
    shared_request["scopes"] = ["openid", "nnin_altsub"]
    shared_request["nnin"] = {"access": True, "justification": "Existing-customer lookup (eligible)."}
    assert validate_request(shared_request, policy=policy).ok


def test_jwt_client_auth_passes_with_a_jwks(shared_request: dict[str, Any], policy: Policy) -> None:
    shared_request["client_auth_method"] = "client_secret_jwt"
    shared_request["jwks"] = {"keys": []}
    report = validate_request(shared_request, policy=policy)
    assert report.ok
    assert any("separate request" in a.message for a in report.advice)


class TestChannel:
    """CURRENT: partner or service desk; PROD: only a partner with a commercial agreement [S1]."""

    def test_service_desk_is_fine_for_current_with_advice(self, shared_request: dict[str, Any], policy: Policy) -> None:
        shared_request["channel"] = "service-desk"
        del shared_request["partner"]
        report = validate_request(shared_request, policy=policy)
        assert report.ok
        assert any("no customer support" in a.message for a in report.advice)

    def test_service_desk_is_invalid_for_prod(self, example: Callable[[str], dict[str, Any]], policy: Policy) -> None:
        request = example("prod-dedicated.toml")
        request["channel"] = "service-desk"
        assert "channel" in fields(validate_request(request, policy=policy))

    def test_prod_needs_a_commercial_agreement(self, example: Callable[[str], dict[str, Any]], policy: Policy) -> None:
        request = example("prod-dedicated.toml")
        request["partner"]["commercial_agreement"] = False
        assert fields(validate_request(request, policy=policy)) == {"partner.commercial_agreement"}

    def test_environment_is_case_insensitive(self, shared_request: dict[str, Any], policy: Policy) -> None:
        shared_request["environment"] = "current"
        assert validate_request(shared_request, policy=policy).ok


class TestDedicatedCurrentCertificate:
    """CURRENT dedicated: a .bid from the RA, activated, valid, with the pre-set password [S1]."""

    @pytest.fixture
    def request_with(self, shared_request: dict[str, Any]) -> Callable[[bytes | None, str | None], dict[str, Any]]:
        def build(bid: bytes | None, password: str | None = "qwer1234") -> dict[str, Any]:
            certificate: dict[str, Any] = {"kind": "dedicated"}
            if bid is not None:
                certificate["bid_base64"] = base64.b64encode(bid).decode()
            if password is not None:
                certificate["bid_password"] = password
            shared_request["merchant_certificate"] = certificate
            return shared_request

        return build

    def test_an_activated_valid_bid_passes(
        self,
        request_with: Any,
        merchant_ca: MerchantCA,
        subject: MerchantSubject,
        now: dt.datetime,
        policy: Policy,
    ) -> None:
        report = validate_request(request_with(merchant_ca.bid(subject, now=now)), policy=policy)
        assert report.ok, report.errors
        assert report.request.merchant_certificate.bid is not None

    def test_preflight_policy_trusts_a_preprod_ca_inside_the_bid(
        self, request_with: Any, merchant_ca: MerchantCA, subject: MerchantSubject, now: dt.datetime
    ) -> None:
        assert validate_request(request_with(merchant_ca.bid(subject, now=now)), policy=Policy(now=now)).ok

    @pytest.mark.parametrize(
        ("bid_kwargs", "message"),
        [
            ({"activated": False}, "not activated"),
            ({"now": dt.datetime(2020, 1, 1, tzinfo=dt.UTC)}, "not valid now"),
            ({"password": "other"}, "cannot be opened"),
        ],
    )
    def test_a_bad_bid_is_named(
        self,
        bid_kwargs: dict[str, Any],
        message: str,
        request_with: Any,
        merchant_ca: MerchantCA,
        subject: MerchantSubject,
        now: dt.datetime,
        policy: Policy,
    ) -> None:
        report = validate_request(request_with(merchant_ca.bid(subject, **{"now": now, **bid_kwargs})), policy=policy)
        assert [e.field for e in report.errors] == ["merchant_certificate.bid_base64"]
        assert message in report.errors[0].message

    def test_a_bid_from_another_ca_is_refused(
        self, request_with: Any, subject: MerchantSubject, now: dt.datetime, policy: Policy
    ) -> None:
        stranger = MerchantCA.generate("Evil CA", now=now)
        report = validate_request(request_with(stranger.bid(subject, now=now)), policy=policy)
        assert "merchant CA" in report.errors[0].message

    def test_missing_bid_and_wrong_password_are_both_reported(self, request_with: Any, policy: Policy) -> None:
        report = validate_request(request_with(None, "qwert1234"), policy=policy)
        assert fields(report) == {"merchant_certificate.bid_file", "merchant_certificate.bid_password"}

    def test_a_file_path_cannot_be_resolved_without_a_loader(
        self, shared_request: dict[str, Any], policy: Policy
    ) -> None:
        shared_request["merchant_certificate"] = {
            "kind": "dedicated",
            "bid_file": "x.bid",
            "bid_password": "qwer1234",
        }
        report = validate_request(shared_request, policy=policy)
        assert fields(report) == {"merchant_certificate.bid_file"}


class TestDedicatedProdCertificate:
    def test_prod_needs_a_common_name(self, example: Callable[[str], dict[str, Any]], policy: Policy) -> None:
        request = example("prod-dedicated.toml")
        del request["merchant_certificate"]["common_name"]
        assert fields(validate_request(request, policy=policy)) == {"merchant_certificate.common_name"}

    def test_prod_takes_no_bid(
        self,
        example: Callable[[str], dict[str, Any]],
        merchant_ca: MerchantCA,
        subject: MerchantSubject,
        now: dt.datetime,
        policy: Policy,
    ) -> None:
        request = example("prod-dedicated.toml")
        request["merchant_certificate"]["bid_base64"] = base64.b64encode(merchant_ca.bid(subject, now=now)).decode()
        assert fields(validate_request(request, policy=policy)) == {"merchant_certificate.bid_base64"}

    def test_prod_needs_a_valid_organisation_number(
        self, example: Callable[[str], dict[str, Any]], policy: Policy
    ) -> None:
        request = example("prod-dedicated.toml")
        request["organisation"]["number"] = "123456789"
        assert fields(validate_request(request, policy=policy)) == {"organisation.number"}

    def test_prod_dedicated_advises_mailing_sales(
        self, example: Callable[[str], dict[str, Any]], policy: Policy
    ) -> None:
        report = validate_request(example("prod-dedicated.toml"), policy=policy)
        assert any("salg@bankidnorge.no" in a.message for a in report.advice)
