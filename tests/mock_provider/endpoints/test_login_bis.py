"""BankID with biometrics for a client that has it enabled, and the BIS→BID step-up switch [S59][S66][S67]."""

from __future__ import annotations

import dataclasses

import pytest

from mock_provider.config import ClientConfig
from tests.mock_provider.mock_flow import Flow, claims_of


@pytest.fixture
def client_config(client_config: ClientConfig) -> ClientConfig:
    return dataclasses.replace(client_config, bis_enabled=True)


@pytest.mark.parametrize("overrides", [{"acr_values": "urn:bankid:bis"}, {"login_hint": "BIS"}])
def test_bis_request_gives_bis_result(flow: Flow, overrides: dict[str, str]) -> None:
    claims = claims_of(flow.tokens(**overrides)["id_token"])
    assert claims["acr"] == "urn:bankid:bis;LOA=3"
    assert all(value.startswith("bis-") for value in claims["amr"])


def test_step_up_switch_gives_bankid_high(flow: Flow) -> None:
    session = flow.session(headers={"X-Mock-Outcome": "bis_step_up"}, acr_values="urn:bankid:bis")
    response = flow.token(_code(flow, session))
    assert claims_of(response.json()["id_token"])["acr"] == "urn:bankid:bid;LOA=4"


def test_idp_choice_on_the_page_wins(flow: Flow) -> None:
    session = flow.session(acr_values="urn:bankid:bis")
    claims = claims_of(flow.token(_code(flow, session, idp="BID")).json()["id_token"])
    assert claims["acr"] == "urn:bankid:bid;LOA=4"


def _code(flow: Flow, session: str, **fields: str) -> str:
    location = flow.submit(session, **fields).headers["Location"]
    return location.split("code=")[1].split("&")[0]
