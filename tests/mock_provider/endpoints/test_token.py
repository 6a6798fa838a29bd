"""The mock's token endpoint: client_credentials, client authentication failures, never a 500 [S23][S26]."""

from __future__ import annotations

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from joserfc import jwt
from joserfc.jwk import KeySet

from mock_provider import ClientConfig, Config, Quirks, create_app
from tests.conftest import CLIENT_ID, CLIENT_SECRET, ISSUER, FakeClock, make_client

TOKEN = "/auth/realms/current/protocol/openid-connect/token"


def test_client_credentials_basic(provider_client: httpx.Client, clock: FakeClock) -> None:
    reply = provider_client.post(TOKEN, data={"grant_type": "client_credentials"}, auth=(CLIENT_ID, CLIENT_SECRET))
    body = reply.json()
    assert reply.status_code == 200
    assert (body["token_type"], body["expires_in"], body["refresh_expires_in"]) == ("Bearer", 300, 0)
    assert "id_token" not in body
    assert reply.headers["cache-control"] == "no-store"
    jwks = provider_client.get("/auth/realms/current/protocol/openid-connect/certs").json()
    claims = jwt.decode(body["access_token"], KeySet.import_key_set(jwks)).claims
    assert claims["iss"] == ISSUER and claims["azp"] == CLIENT_ID and claims["typ"] == "Bearer"
    assert claims["iat"] == int(clock.now) and claims["exp"] - claims["iat"] == 300


def test_client_secret_post(provider_client: httpx.Client) -> None:
    form = {"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
    assert provider_client.post(TOKEN, data=form).status_code == 200


def test_wrong_secret_is_invalid_client(provider_client: httpx.Client) -> None:
    reply = provider_client.post(TOKEN, data={"grant_type": "client_credentials"}, auth=(CLIENT_ID, "wrong"))
    assert reply.status_code == 401
    assert reply.json() == {
        "error": "invalid_client",
        "error_description": "Invalid client or Invalid client credentials",
    }


def test_client_auth_error_shape_is_a_quirk(clock: FakeClock) -> None:
    quirks = Quirks(client_auth_error="unauthorized_client", client_auth_status=400)
    app = create_app(Config(clients=(make_client(),), clock=clock, quirks=quirks))
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url="https://x") as client:
        reply = client.post(TOKEN, data={"grant_type": "client_credentials"})
    assert (reply.status_code, reply.json()["error"]) == (400, "unauthorized_client")


def test_method_not_registered_for_client_is_refused(clock: FakeClock) -> None:
    only_basic = make_client(token_endpoint_auth_methods=("client_secret_basic",))
    app = create_app(Config(clients=(only_basic,), clock=clock))
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url="https://x") as client:
        form = {"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
        assert client.post(TOKEN, data=form).status_code == 401


def test_disabled_client_cannot_authenticate(clock: FakeClock) -> None:
    app = create_app(Config(clients=(make_client(enabled=False),), clock=clock))
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url="https://x") as client:
        reply = client.post(TOKEN, data={"grant_type": "client_credentials"}, auth=(CLIENT_ID, CLIENT_SECRET))
    assert reply.status_code == 401


def test_current_client_is_unknown_in_prod(provider_client: httpx.Client) -> None:
    reply = provider_client.post(
        "/auth/realms/prod/protocol/openid-connect/token",
        data={"grant_type": "client_credentials"},
        auth=(CLIENT_ID, CLIENT_SECRET),
    )
    assert reply.status_code == 401


def test_unsupported_grant(provider_client: httpx.Client) -> None:
    reply = provider_client.post(TOKEN, data={"grant_type": "password"}, auth=(CLIENT_ID, CLIENT_SECRET))
    assert (reply.status_code, reply.json()["error"]) == (400, "unsupported_grant_type")


def test_scope_outside_client_configuration(provider_client: httpx.Client) -> None:
    form = {"grant_type": "client_credentials", "scope": "esign/b2b"}
    reply = provider_client.post(TOKEN, data=form, auth=(CLIENT_ID, CLIENT_SECRET))
    assert (reply.status_code, reply.json()["error"]) == (400, "invalid_scope")


def test_repeated_parameter_is_invalid_request(provider_client: httpx.Client) -> None:
    reply = provider_client.post(
        TOKEN,
        content=b"grant_type=client_credentials&grant_type=password",
        headers={"content-type": "application/x-www-form-urlencoded"},
        auth=(CLIENT_ID, CLIENT_SECRET),
    )
    assert (reply.status_code, reply.json()["error"]) == (400, "invalid_request")


def test_seeded_client_survives_in_store_without_plaintext_secret(mock_config: Config) -> None:
    app = create_app(mock_config)
    from mock_provider.provider import EXTENSION

    record = app.extensions[EXTENSION].clients.get(CLIENT_ID, "current")
    assert record is not None and record.secret_hash and CLIENT_SECRET not in record.secret_hash
    assert record.secret_sealed is None
    assert isinstance(record.config, ClientConfig)


_form_values = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    form=st.dictionaries(
        st.sampled_from(
            [
                "grant_type",
                "scope",
                "client_id",
                "client_secret",
                "code",
                "client_assertion",
                "client_assertion_type",
                "x",
            ]
        ),
        _form_values,
    ),
    basic=st.one_of(st.none(), st.tuples(_form_values, _form_values)),
)
def test_arbitrary_token_requests_never_500(
    provider_client: httpx.Client, form: dict[str, str], basic: tuple[str, str] | None
) -> None:
    reply = provider_client.post(TOKEN, data=form, auth=basic)
    assert reply.status_code in (200, 400, 401)
    assert "error" in reply.json() or reply.status_code == 200
