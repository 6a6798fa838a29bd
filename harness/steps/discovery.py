"""Steps for ``features/discovery``: each ``then`` applies one of rules BID-R1…R16."""

from __future__ import annotations

from pytest_bdd import given, then

from harness.http import HttpSession, Reply
from harness.rp.discovery import Discovery
from harness.rules.bankid import discovery as rules
from harness.rules.bankid import jwks as key_rules
from harness.target import Target


@then("the discovery response is a JSON object served as application/json")
def served_as_json(discovery: Discovery) -> None:
    rules.served_as_json(discovery.reply)


@then("the issuer is exactly the configured issuer")
def issuer_exact(discovery: Discovery, target: Target) -> None:
    rules.issuer_exact(discovery.document, target.expected_issuer)


@then("the authorization endpoint is the issuer's precheck front")
def precheck(discovery: Discovery, target: Target) -> None:
    rules.precheck_authorize(discovery.document, target.expected_issuer)


@then("the token, introspection, JWKS and end-session endpoints live under the issuer")
def keycloak_endpoints(discovery: Discovery, target: Target) -> None:
    rules.keycloak_endpoints(discovery.document, target.expected_issuer)


@then("the userinfo endpoint is HTTPS on a host other than the issuer's")
def userinfo_elsewhere(discovery: Discovery) -> None:
    rules.userinfo_elsewhere(discovery.document)


@then("the BankID extension keys are present")
def extensions(discovery: Discovery) -> None:
    rules.bankid_extensions(discovery.document)


@then("the BankID product API base URLs are present")
def product_api_bases(discovery: Discovery) -> None:
    rules.product_api_bases(discovery.document)


@then("PKCE S256 is advertised")
def pkce_s256(discovery: Discovery) -> None:
    rules.pkce_s256(discovery.document)


@then("only PKCE S256 is advertised")
def pkce_only_s256(discovery: Discovery) -> None:
    rules.pkce_only_s256(discovery.document)


@then("the code response type is advertised")
def code_flow(discovery: Discovery) -> None:
    rules.code_flow(discovery.document)


@then("no implicit or hybrid response type is advertised")
def no_implicit(discovery: Discovery) -> None:
    rules.no_implicit(discovery.document)


@then("client_secret_basic and client_secret_post are advertised")
def auth_methods(discovery: Discovery) -> None:
    rules.auth_methods(discovery.document)


@then("private_key_jwt is advertised")
def jwt_auth(discovery: Discovery) -> None:
    rules.jwt_auth_advertised(discovery.document)


@then("acr_values_supported is published")
def acr_values(discovery: Discovery) -> None:
    rules.acr_values(discovery.document)


@then("the BankID acr values are advertised")
def acr_values_bankid(discovery: Discovery) -> None:
    rules.acr_values_bankid(discovery.document)


@then("ES256 is advertised for ID tokens")
def es256(discovery: Discovery) -> None:
    rules.es256_id_tokens(discovery.document)


@then("ES256 is the only ID token signing algorithm advertised")
def es256_only(discovery: Discovery) -> None:
    rules.es256_only(discovery.document)


@then("every key has a kid, a kty and a use, and no kid repeats")
def well_formed(jwks_reply: Reply) -> None:
    key_rules.well_formed(jwks_reply)


@then("an ES256 P-256 signing key carries an x5c chain that certifies it")
def es256_x5c(jwks_reply: Reply) -> None:
    key_rules.es256_with_x5c(jwks_reply)


@then("the keys may be cached for a positive max-age")
def cache_control(jwks_reply: Reply) -> None:
    key_rules.cache_control(jwks_reply)


@then("there are three signing keys per algorithm")
def three_per_alg(jwks_reply: Reply) -> None:
    key_rules.three_per_alg(jwks_reply)


@given("the provider's login-hint encryption keys", target_fixture="enc_reply")
def enc_reply(http: HttpSession, discovery: Discovery) -> Reply:
    return http.get(discovery.endpoint("jwks_uri_enc"))


@then("only encryption keys are served there")
def enc_keys(enc_reply: Reply) -> None:
    key_rules.enc_keys(enc_reply)
