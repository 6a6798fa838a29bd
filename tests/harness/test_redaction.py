"""Redaction at the HTTP seam: no secret survives into evidence, whatever its shape."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from hypothesis import given
from hypothesis import strategies as st

from harness import redaction
from harness.evidence import Evidence
from harness.http import HttpSession
from harness.redaction import SECRET_FIELDS, redact_body, redact_headers, redact_url

# A fixed prefix keeps generated values from coinciding with field names or masks in the output.
secret_values = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", min_size=8, max_size=60
).map(lambda s: f"SECRET-{s}")
fields = st.sampled_from(sorted(SECRET_FIELDS))


@given(field=fields, value=secret_values)
def test_form_bodies_lose_secret_fields(field: str, value: str) -> None:
    body = urlencode({field: value, "grant_type": "client_credentials"}).encode()
    redacted = redact_body(body, "application/x-www-form-urlencoded")
    assert value not in redacted
    assert "grant_type=client_credentials" in redacted


@given(field=fields, value=secret_values)
def test_json_bodies_lose_secret_fields_at_any_depth(field: str, value: str) -> None:
    body = json.dumps({"outer": [{field: value}], "active": True}).encode()
    redacted = redact_body(body, "application/json")
    assert value not in redacted
    assert '"active": true' in redacted


@given(field=fields, value=secret_values)
def test_urls_lose_secret_query_and_fragment_parameters(field: str, value: str) -> None:
    url = f"https://rp.example/cb?{urlencode({field: value, 'state': 'abc'})}#{urlencode({field: value})}"
    redacted = redact_url(url)
    assert value not in redacted and "state=abc" in redacted


def test_authorization_header_and_jwts_are_masked() -> None:
    jwt_like = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
    headers = redact_headers([("Authorization", "Basic Y2xpZW50OnNlY3JldA=="), ("X-Trace", jwt_like)])
    assert "Y2xpZW50" not in headers["Authorization"]
    assert jwt_like not in headers["X-Trace"]
    assert redact_body(jwt_like.encode(), "application/jwt").startswith("<redacted:jwt")


def test_session_evidence_never_holds_the_secret(provider_client: object) -> None:
    from harness.http import wsgi_transport
    from mock_provider import Config, create_app
    from tests.conftest import CLIENT_ID, CLIENT_SECRET, make_client

    app = create_app(Config(clients=(make_client(),)))
    evidence = Evidence()
    with HttpSession(transport=wsgi_transport(app), verify=True, evidence=evidence) as http:
        reply = http.post(
            "https://auth.current.bankid.no/auth/realms/current/protocol/openid-connect/token",
            data={"grant_type": "client_credentials"},
            auth=(CLIENT_ID, CLIENT_SECRET),
        )
    token = reply.json()["access_token"]
    rendered = evidence.render() + json.dumps(evidence.as_json())
    assert reply.status == 200
    assert CLIENT_SECRET not in rendered and token not in rendered
    assert "<redacted:access_token" in rendered and "<redacted:authorization" in rendered


@given(body=st.binary(min_size=1, max_size=200))
def test_binary_and_keystore_bodies_are_replaced_whole(body: bytes) -> None:
    redacted = redact_body(body, "application/x-pkcs12")
    assert redacted.startswith("<redacted:binary") and f"{len(body)} bytes" in redacted


def test_undecodable_bodies_are_binary_whatever_their_label() -> None:
    assert redact_body(b"\x30\x82\xff\xfe-private-key", "text/plain").startswith("<redacted:binary")


def test_a_repeated_body_is_redacted_the_same_and_the_cache_keeps_no_raw_body() -> None:
    body = b'{"access_token": "tok-0123456789", "issuer": "https://auth.current.bankid.no"}'
    first = redaction.redact_body(body, "application/json")
    assert "tok-0123456789" not in first
    assert redaction.redact_body(body, "application/json") == first
    # The same bytes under another content type are redacted as that type, not served from the JSON entry.
    assert redaction.redact_body(body, "text/plain") != first
    assert all(body not in key and isinstance(key[0], bytes) and len(key[0]) == 32 for key in redaction._REDACTED)
    assert all("tok-0123456789" not in value for value in redaction._REDACTED.values())


def test_the_redaction_cache_is_bounded() -> None:
    for n in range(redaction._REDACTED_MAX + 50):
        redaction.redact_body(f"password={n:06d}".encode(), "application/x-www-form-urlencoded")
    assert len(redaction._REDACTED) <= redaction._REDACTED_MAX
