"""Every quirk changes what the mock does, both ways, and is chosen by name from the CLI or a config file."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mock_provider.__main__ import main
from mock_provider.config import ClientConfig, Quirks
from mock_provider.quirks import QUIRKS, QuirkError, choose, describe, from_table, load_config
from tests.conftest import FakeClock
from tests.mock_provider.mock_flow import ISSUER, Flow, callback_params, claims_of

DISCOVERY = f"{ISSUER}/.well-known/openid-configuration"
TOKEN = f"{ISSUER}/protocol/openid-connect/token"
PAR = f"{ISSUER}/protocol/openid-connect/ext/par/request"
INTROSPECT = f"{ISSUER}/protocol/openid-connect/token/introspect"


def _with(**changes: Any) -> Quirks:
    return dataclasses.replace(Quirks(), **changes)


def _id_token(flow: Flow, **overrides: str | None) -> dict[str, Any]:
    return claims_of(flow.tokens(**overrides)["id_token"])


# --- choosing quirks -------------------------------------------------------------------------------------------


def test_every_quirk_has_a_default_among_its_values_and_a_source() -> None:
    for spec in QUIRKS:
        assert spec.default in spec.values
        assert spec.sources and all(s.startswith("S") for s in spec.sources)
        assert len(spec.values) >= 2, spec.name


def test_list_quirks_prints_each_quirk_with_values_default_and_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-quirks"]) == 0
    out = capsys.readouterr().out
    assert out == describe() + "\n"
    for spec in QUIRKS:
        line = next(line for line in out.splitlines() if line.startswith(f"{spec.name} = "))
        assert f"{spec.default} (default)" in line
        assert all(value in line for value in spec.values)


def test_choose_applies_names_in_order() -> None:
    quirks = choose(["sso=id-token-hint", "client-auth-status=400", "sso=off"])
    assert quirks == _with(client_auth_status=400)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("nonsense", "expected NAME=VALUE"),
        ("no-such-quirk=1", "known quirks: client-auth-error, client-auth-status, par-required"),
        ("sso=maybe", "valid values: off, id-token-hint"),
    ],
)
def test_bad_quirk_names_the_valid_ones(item: str, message: str) -> None:
    with pytest.raises(QuirkError, match=message):
        choose([item])


def _outcome(parse: Callable[[], Quirks]) -> Quirks | QuirkError:
    """The parsed quirks, or the ``QuirkError`` (any other exception fails the test)."""
    try:
        return parse()
    except QuirkError as exc:
        return exc


ASSIGNMENT = st.one_of(
    st.text(max_size=40),
    st.builds(
        "{}={}".format,
        st.sampled_from([spec.name for spec in QUIRKS] + ["", "x"]),
        st.one_of(st.sampled_from([v for spec in QUIRKS for v in spec.values]), st.text(max_size=20)),
    ),
)


@settings(max_examples=300, deadline=None)
@given(items=st.lists(ASSIGNMENT, max_size=5))
def test_any_assignment_is_a_quirk_or_a_quirk_error(items: list[str]) -> None:
    result = _outcome(lambda: choose(items))
    assert isinstance(result, Quirks) or "quirk" in str(result)


TOML_VALUE = st.one_of(st.booleans(), st.integers(), st.text(max_size=15), st.sampled_from(["true", "200", "S256"]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.dictionaries(st.sampled_from([spec.name for spec in QUIRKS] + ["nope"]), TOML_VALUE, max_size=4))
def test_any_quirks_table_is_quirks_or_an_error_naming_file_and_key(table: dict[str, object]) -> None:
    result = _outcome(lambda: from_table(table, where="mock.toml"))
    assert isinstance(result, Quirks) or str(result).startswith("mock.toml: quirks.")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(max_age=st.text(max_size=12), prompt=st.sampled_from(["", "none", "login", "none login", "consent"]))
def test_max_age_and_prompt_proceed_or_are_refused_at_the_redirect_uri(flow: Flow, max_age: str, prompt: str) -> None:
    response = flow.authorize(max_age=max_age, prompt=prompt or None)
    assert response.status_code == 303
    if "login-actions/authenticate" not in response.headers["Location"]:
        assert callback_params(response)["error"] in ("invalid_request", "login_required")


def test_cli_refuses_a_bad_quirk_as_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--quirk", "bim=gone"])
    assert exited.value.code == 2
    assert "quirk 'bim' has no value 'gone'; valid values: available, phased-out" in capsys.readouterr().err


def test_config_file_sets_quirks_and_the_cli_wins(tmp_path: Path) -> None:
    path = tmp_path / "mock.toml"
    path.write_text('[quirks]\npar-required = true\nclient-auth-status = 400\nsso = "id-token-hint"\n')
    loaded = load_config(path)
    assert loaded == _with(
        require_pushed_authorization_requests=True, client_auth_status=400, sso_with_id_token_hint=True
    )
    assert choose(["client-auth-status=401"], loaded).client_auth_status == 401


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[quirks]\nsso = true\n", r"mock.toml: quirks.sso: .*valid values: off, id-token-hint"),
        ("[quirks]\nwhat = 1\n", r"mock.toml: quirks.what: unknown quirk"),
        ("[clients]\n", r"mock.toml: clients: unknown key"),
        ("quirks = 3\n", r"mock.toml: quirks: must be a table"),
        ("[quirks\n", r"mock.toml: "),
    ],
)
def test_config_file_errors_name_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "mock.toml"
    path.write_text(text)
    with pytest.raises(QuirkError, match=message):
        load_config(path)


# --- each quirk, both ways -------------------------------------------------------------------------------------


@pytest.mark.parametrize("quirks", [Quirks(), _with(client_auth_error="unauthorized_client", client_auth_status=400)])
def test_client_auth_failure_shape(http: httpx.Client, quirks: Quirks) -> None:
    response = http.post(TOKEN, data={"grant_type": "client_credentials"}, auth=("rp-bankid-current", "wrong"))
    assert (response.status_code, response.json()["error"]) == (quirks.client_auth_status, quirks.client_auth_error)


@pytest.mark.parametrize("quirks", [Quirks(), _with(require_pushed_authorization_requests=True)])
def test_par_required_refuses_a_plain_authorize_url(flow: Flow, quirks: Quirks) -> None:
    document = flow.http.get(DISCOVERY).json()
    assert document["require_pushed_authorization_requests"] is quirks.require_pushed_authorization_requests
    plain = flow.authorize()
    refused = parse_qs(urlsplit(plain.headers["Location"]).query).get("error") == ["invalid_request"]
    assert refused is quirks.require_pushed_authorization_requests
    pushed = flow.http.post(PAR, data=flow.params(), auth=(flow.client_id, flow.secret)).json()
    via_par = flow.http.get(f"{ISSUER}/precheck/auth", params={"client_id": flow.client_id, **pushed})
    assert "login-actions/authenticate" in via_par.headers["Location"]


@pytest.mark.parametrize("quirks", [Quirks(), _with(code_challenge_methods=("plain", "S256"))])
def test_pkce_methods_advertised_are_the_ones_accepted(flow: Flow, quirks: Quirks) -> None:
    assert flow.http.get(DISCOVERY).json()["code_challenge_methods_supported"] == list(quirks.code_challenge_methods)
    response = flow.authorize(code_challenge=flow.verifier, code_challenge_method="plain")
    accepted = "login-actions/authenticate" in response.headers["Location"]
    assert accepted is ("plain" in quirks.code_challenge_methods)
    if accepted:
        code = callback_params(flow.submit(parse_qs(urlsplit(response.headers["Location"]).query)["session"][0]))
        assert flow.token(code["code"]).status_code == 200


@pytest.mark.parametrize("quirks", [Quirks(), _with(par_status=200)])
def test_par_status(flow: Flow, quirks: Quirks) -> None:
    response = flow.http.post(PAR, data=flow.params(), auth=(flow.client_id, flow.secret))
    assert response.status_code == quirks.par_status
    assert set(response.json()) == {"request_uri", "expires_in"}


@pytest.mark.parametrize("quirks", [Quirks(), _with(originator_claim=True)])
def test_originator_claim(flow: Flow, quirks: Quirks) -> None:
    assert ("originator" in _id_token(flow)) is quirks.originator_claim
    assert ("originator" in flow.http.get(DISCOVERY).json()["claims_supported"]) is quirks.originator_claim


@pytest.mark.parametrize("quirks", [Quirks(), _with(auth_time_always=True)])
def test_auth_time_without_max_age_only_when_always(flow: Flow, clock: FakeClock, quirks: Quirks) -> None:
    assert ("auth_time" in _id_token(flow)) is quirks.auth_time_always
    claims = _id_token(flow, max_age="300")
    assert claims["auth_time"] == int(clock.now)


@pytest.mark.parametrize("quirks", [Quirks(), _with(bim_available=False)])
def test_bim_login(flow: Flow, quirks: Quirks) -> None:
    claims = _id_token(flow, login_hint="BIM")
    wanted = ("urn:bankid:bim;LOA=4", ["bim"]) if quirks.bim_available else ("urn:bankid:bid;LOA=4", ["bid"])
    assert (claims["acr"], claims["amr"]) == wanted
    advertised = flow.http.get(DISCOVERY).json()["acr_values_supported"]
    assert ("urn:bankid:bim" in advertised) is quirks.bim_available
    by_acr = _id_token(flow, acr_values="urn:bankid:bim urn:bankid:bid")
    assert by_acr["acr"] == wanted[0]


@pytest.mark.parametrize("quirks", [Quirks(), _with(sso_with_id_token_hint=True)])
def test_sso_reuses_a_hinted_login_only_with_the_quirk(flow: Flow, clock: FakeClock, quirks: Quirks) -> None:
    first = flow.tokens()["id_token"]
    clock.advance(30)
    second = flow.authorize(id_token_hint=first)
    reused = "code" in parse_qs(urlsplit(second.headers["Location"]).query)
    assert reused is quirks.sso_with_id_token_hint
    if reused:
        code = callback_params(second)["code"]
        claims = claims_of(flow.token(code).json()["id_token"])
        assert claims["sid"] == claims_of(first)["sid"]
        assert claims["iat"] == int(clock.now)


@pytest.mark.parametrize("quirks", [Quirks(), _with(sso_with_id_token_hint=True)])
def test_prompt_none_answers_silently_only_from_a_reusable_login(flow: Flow, quirks: Quirks) -> None:
    first = flow.tokens()["id_token"]
    silent = callback_params(flow.authorize(id_token_hint=first, prompt="none"))
    assert ("code" in silent) is quirks.sso_with_id_token_hint
    assert callback_params(flow.authorize(prompt="none"))["error"] == "login_required"
    assert callback_params(flow.authorize(prompt="none login"))["error"] == "invalid_request"


@pytest.mark.parametrize("quirks", [_with(sso_with_id_token_hint=True)])
def test_a_login_older_than_max_age_or_prompt_login_forces_a_new_login(
    flow: Flow, clock: FakeClock, quirks: Quirks
) -> None:
    first = flow.tokens()["id_token"]
    clock.advance(120)
    for params in ({"max_age": "60"}, {"prompt": "login"}):
        response = flow.authorize(id_token_hint=first, **params)
        assert "login-actions/authenticate" in response.headers["Location"], params
    within = callback_params(flow.authorize(id_token_hint=first, max_age="600"))
    claims = claims_of(flow.token(within["code"]).json()["id_token"])
    assert claims["auth_time"] == int(clock.now) - 120  # the remembered login's time, not now


# --- authorize parameters that need no quirk -------------------------------------------------------------------


OTHER_CLIENT = "other-bankid-current"


@pytest.fixture
def extra_clients(client_config: ClientConfig) -> tuple[ClientConfig, ...]:
    return (dataclasses.replace(client_config, client_id=OTHER_CLIENT),)


def test_id_token_hint_must_be_this_clients_id_token(flow: Flow) -> None:
    tokens = flow.tokens()
    others = Flow(flow.http, client_id=OTHER_CLIENT).tokens()["id_token"]
    for hint in ("not-a-jwt", tokens["access_token"], others):
        error = callback_params(flow.authorize(id_token_hint=hint))
        assert (error["error"], error["state"]) == ("invalid_request", "state-123")
    fine = flow.authorize(id_token_hint=tokens["id_token"])
    assert "login-actions/authenticate" in fine.headers["Location"]


@pytest.mark.parametrize("value", ["-1", "ten", "1.5"])
def test_max_age_must_be_a_non_negative_integer(flow: Flow, value: str) -> None:
    assert callback_params(flow.authorize(max_age=value))["error"] == "invalid_request"


def test_several_acr_values_preselect_the_first_the_realm_knows(flow: Flow) -> None:
    claims = _id_token(flow, acr_values="urn:example:unknown urn:bankid:bis urn:bankid:bid")
    # The client has no BIS, so the BIS preselection ends as BankID High [S59].
    assert claims["acr"] == "urn:bankid:bid;LOA=4"


@pytest.mark.parametrize(("hint", "active"), [(None, False), ("access_token", False), ("bid_access_token", True)])
def test_introspection_hint_must_be_bid_access_token(flow: Flow, hint: str | None, active: bool) -> None:
    token = flow.tokens()["access_token"]
    data = {"token": token, **({"token_type_hint": hint} if hint else {})}
    body = flow.http.post(INTROSPECT, data=data, auth=(flow.client_id, flow.secret)).json()
    assert body["active"] is active
