"""Discovery document rules, PROVIDER-FACTS §10 rules 1–11 (source [S8] unless noted).

https://developer.bankid.no/bankid-oidc-provider/api/openid-configuration
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from harness.http import Reply
from harness.rules.registry import Level, expect, rule

BANKID_EXTENSIONS = (
    "jwks_uri_enc",
    "token_introspection_endpoint",
    "pushed_authorization_request_endpoint",
    "require_pushed_authorization_requests",
    "release",
)
# The extension keys that are base URLs of BankID's product APIs (document signing, AML, fraud data) [S8][S48]:
# judged apart (BID-R6a) so a provider that does not serve one of those APIs is told which key is absent without
# hiding whether the keys of the OpenID Connect surface itself are there.
PRODUCT_API_BASES = ("signdoc-baseurl", "aml-baseurl", "fraud-data-baseurl")
ISSUER_PATHS = {
    "token_endpoint": "/protocol/openid-connect/token",
    "introspection_endpoint": "/protocol/openid-connect/token/introspect",
    "jwks_uri": "/protocol/openid-connect/certs",
    "end_session_endpoint": "/protocol/openid-connect/logout",
}
Document = Mapping[str, Any]


@rule("BID-R1", title="Discovery is served as a JSON object", sources=("S8",))
def served_as_json(reply: Reply) -> None:
    """GET ``{issuer}/.well-known/openid-configuration`` → 200, ``Content-Type: application/json``,
    parseable JSON [S8]."""
    expect(reply.status == 200, expected=200, seen=reply.status, note="HTTP status")
    media = reply.content_type.split(";")[0].strip().lower()
    expect(media == "application/json", expected="application/json", seen=reply.content_type)
    expect(reply.json_object() is not None, expected="a JSON object", seen=reply.text[:200])


@rule("BID-R2", title="issuer equals the configured base exactly", sources=("S8",))
def issuer_exact(document: Document, expected_issuer: str) -> None:
    """``issuer`` equals the configured base exactly, e.g.
    ``https://auth.current.bankid.no/auth/realms/current`` (no trailing slash) [S8]."""
    expect(document.get("issuer") == expected_issuer, expected=expected_issuer, seen=document.get("issuer"))


@rule("BID-R3", title="authorization_endpoint is the BankID precheck front", sources=("S8", "S17"))
def precheck_authorize(document: Document, expected_issuer: str) -> None:
    """``authorization_endpoint`` == ``{issuer}/precheck/auth`` [S8][S17]."""
    wanted = f"{expected_issuer}/precheck/auth"
    seen = document.get("authorization_endpoint")
    expect(seen == wanted, expected=wanted, seen=seen)


@rule("BID-R4", title="Keycloak endpoints live under the issuer", sources=("S8", "S36"))
def keycloak_endpoints(document: Document, expected_issuer: str) -> None:
    """``token_endpoint`` == ``{issuer}/protocol/openid-connect/token``; ``introspection_endpoint`` ==
    ``…/token/introspect``; ``jwks_uri`` == ``…/protocol/openid-connect/certs``; ``end_session_endpoint`` ==
    ``…/protocol/openid-connect/logout`` [S8][S36]."""
    wanted = {key: expected_issuer + path for key, path in ISSUER_PATHS.items()}
    seen = {key: document.get(key) for key in ISSUER_PATHS}
    expect(seen == wanted, expected=wanted, seen=seen)


@rule("BID-R5", title="userinfo_endpoint is HTTPS on a different host", sources=("S8",))
def userinfo_elsewhere(document: Document) -> None:
    """``userinfo_endpoint`` is HTTPS and its host differs from the issuer host
    (``userinfo.current.bankid.no``) [S8]."""
    userinfo = urlsplit(str(document.get("userinfo_endpoint", "")))
    issuer = urlsplit(str(document.get("issuer", "")))
    seen = f"{userinfo.scheme}://{userinfo.hostname}"
    expect(userinfo.scheme == "https", expected="https scheme", seen=seen)
    expect(
        userinfo.hostname != issuer.hostname,
        expected=f"a host other than {issuer.hostname}",
        seen=userinfo.hostname,
    )


@rule("BID-R6", title="BankID extension keys are present", sources=("S8",), level=Level.ADVISORY)
def bankid_extensions(document: Document) -> None:
    """The BankID extension keys are present: ``jwks_uri_enc``, ``token_introspection_endpoint``,
    ``pushed_authorization_request_endpoint``, ``require_pushed_authorization_requests`` (boolean), ``release``
    (advisory per key) [S8]."""
    missing = [key for key in BANKID_EXTENSIONS if key not in document]
    expect(not missing, expected=list(BANKID_EXTENSIONS), seen=f"absent: {missing}")
    par_required = document.get("require_pushed_authorization_requests")
    expect(
        isinstance(par_required, bool),
        expected="a boolean",
        seen=par_required,
        note="require_pushed_authorization_requests",
    )


@rule(
    "BID-R6a",
    title="BankID product API base URLs are present",
    sources=("S8", "S48", "S63"),
    level=Level.ADVISORY,
)
def product_api_bases(document: Document) -> None:
    """The BankID extension keys ``signdoc-baseurl``, ``aml-baseurl`` and ``fraud-data-baseurl`` are present
    (advisory per key) [S8]. Each is the base of a product API (document signing, AML, fraud data) [S48][S63]
    whose request formats the facts leave UNCLEAR; an absent key says the provider does not offer that API here."""
    missing = [key for key in PRODUCT_API_BASES if key not in document]
    expect(
        not missing,
        expected=list(PRODUCT_API_BASES),
        seen=f"absent: {missing}",
        note="a provider that does not serve an API leaves its base URL out",
    )


@rule("BID-R7", title="PKCE S256 is supported", sources=("S8", "S16"))
def pkce_s256(document: Document) -> None:
    """``code_challenge_methods_supported`` contains ``S256`` [S8][S16]."""
    methods = document.get("code_challenge_methods_supported")
    expect(isinstance(methods, list) and "S256" in methods, expected="a list containing S256", seen=methods)


@rule("BID-R7a", title="Only PKCE S256 is advertised", sources=("S16",), level=Level.ADVISORY)
def pkce_only_s256(document: Document) -> None:
    """Advisory: ``code_challenge_methods_supported`` contains *only* S256 ("Only S256 is supported") [S16]."""
    methods = document.get("code_challenge_methods_supported")
    expect(methods == ["S256"], expected=["S256"], seen=methods)


@rule("BID-R8", title="The code response type is supported", sources=("S16",))
def code_flow(document: Document) -> None:
    """``response_types_supported`` contains ``code`` [S16]."""
    types = document.get("response_types_supported")
    expect(isinstance(types, list) and "code" in types, expected="a list containing 'code'", seen=types)


@rule("BID-R8a", title="No implicit or hybrid response types", sources=("S55",), level=Level.ADVISORY)
def no_implicit(document: Document) -> None:
    """Advisory warning if ``response_types_supported`` also lists implicit/hybrid types, which the docs
    forbid (R10) [S55]."""
    types = document.get("response_types_supported") or []
    extra = [t for t in types if t != "code"]
    expect(not extra, expected=["code"], seen=types)


@rule("BID-R9", title="Secret client authentication is advertised", sources=("S27", "S28"))
def auth_methods(document: Document) -> None:
    """``token_endpoint_auth_methods_supported`` ⊇ {``client_secret_basic``, ``client_secret_post``}: every
    client may use these by default [S27][S28] (CONFIRMED). An absent list means ``client_secret_basic``
    only (OpenID Connect Discovery 1.0 §3)."""
    wanted = {"client_secret_basic", "client_secret_post"}
    methods = document.get("token_endpoint_auth_methods_supported", ["client_secret_basic"])
    expect(isinstance(methods, list) and wanted <= set(methods), expected=sorted(wanted), seen=methods)


@rule("BID-R9a", title="private_key_jwt is advertised", sources=("S27", "S28"), level=Level.ADVISORY)
def jwt_auth_advertised(document: Document) -> None:
    """Advisory: ``private_key_jwt`` is granted per client on a separate request [S27][S28], and the discovery
    list is not visible in any stored copy (UNCLEAR, PROVIDER-FACTS §1.2), so whether it is listed is not
    known."""
    methods = document.get("token_endpoint_auth_methods_supported") or []
    expect("private_key_jwt" in methods, expected="a list containing private_key_jwt", seen=methods)


@rule("BID-R10", title="acr_values_supported is published", sources=("S21", "S67"))
def acr_values(document: Document) -> None:
    """``acr_values_supported`` exists: BankID's pages send readers there for the current list [S21][S67]."""
    values = document.get("acr_values_supported")
    expect(
        isinstance(values, list) and all(isinstance(v, str) for v in values),
        expected="a list of acr values",
        seen=values,
    )


@rule(
    "BID-R10a",
    title="acr_values_supported lists BankID High and Substantial",
    sources=("S21",),
    level=Level.ADVISORY,
)
def acr_values_bankid(document: Document) -> None:
    """Advisory: the list ⊇ {``urn:bankid:bid``, ``urn:bankid:bis``}; its values are not visible, this is only
    INFERRED from the IDP table [S21] (PROVIDER-FACTS §1.2)."""
    values = document.get("acr_values_supported") or []
    wanted = {"urn:bankid:bid", "urn:bankid:bis"}
    expect(wanted <= set(values), expected=sorted(wanted), seen=values)


@rule("BID-R11", title="ES256 is an ID token signing algorithm", sources=("S50", "S52"))
def es256_id_tokens(document: Document) -> None:
    """``id_token_signing_alg_values_supported`` contains ``ES256``: from API v3 tokens are ES256 [S50][S52]
    (CONFIRMED), and the list is REQUIRED metadata (OpenID Connect Discovery 1.0 §3)."""
    algs = document.get("id_token_signing_alg_values_supported")
    expect(isinstance(algs, list) and "ES256" in algs, expected="a list containing ES256", seen=algs)


@rule("BID-R11a", title="ES256 is the only ID token signing algorithm", sources=("S37", "S50"), level=Level.ADVISORY)
def es256_only(document: Document) -> None:
    """Advisory: whether RS256 is still listed (and its keys still served) is an open question; one JWKS page
    says "RS256 will be replaced by ES256" [S37][S50] (UNCLEAR, PROVIDER-FACTS §10 open questions)."""
    algs = document.get("id_token_signing_alg_values_supported")
    expect(algs == ["ES256"], expected=["ES256"], seen=algs)
