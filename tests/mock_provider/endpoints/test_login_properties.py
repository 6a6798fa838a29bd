"""Arbitrary login form posts and token requests never produce a 500."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.mock_provider.mock_flow import ISSUER, Flow

FIELDS = ["session", "action", "idp", "nnin", "otp", "password", "outcome", "x"]
VALUES = st.one_of(
    st.sampled_from(["login", "cancel", "BIS", "otp", "qwer1234", "27034698436", "timeout", "bis_step_up"]),
    st.text(max_size=40),
)
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(fields=st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=8), real_session=st.booleans())
def test_login_posts_never_500(flow: Flow, fields: dict[str, str], real_session: bool) -> None:
    if real_session:
        fields["session"] = flow.session()
    response = flow.http.post(f"{ISSUER}/login-actions/authenticate", data=fields)
    assert response.status_code in (200, 303, 400)


@SETTINGS
@given(
    fields=st.dictionaries(
        st.sampled_from(["code", "redirect_uri", "code_verifier", "refresh_token", "scope"]), VALUES, max_size=5
    ),
    grant_type=st.sampled_from(["authorization_code", "refresh_token"]),
)
def test_code_and_refresh_requests_never_500(flow: Flow, fields: dict[str, str], grant_type: str) -> None:
    data = {**fields, "grant_type": grant_type}
    response = flow.http.post(f"{ISSUER}/protocol/openid-connect/token", data=data, auth=(flow.client_id, flow.secret))
    assert response.status_code == 400
    assert response.json()["error"] in ("invalid_grant", "invalid_request", "invalid_scope")
