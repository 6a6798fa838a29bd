"""OpenID Provider metadata at ``{issuer}/.well-known/openid-configuration`` [S8], with BankID's extensions.

Fields follow the G3 CURRENT example (PROVIDER-FACTS §1.2). Values the sources leave UNCLEAR follow the newest
documented behaviour: only the code flow, only S256, ES256 tokens. The document advertises only what the mock
does (``tests/mock_provider/test_advertised.py`` walks every key and scope): RS256 is not listed because no RS256
key exists; ``signdoc-baseurl``, ``aml-baseurl`` and ``fraud-data-baseurl`` are left out because their APIs
are not served. For document signing the facts name only the steps (``POST {signdoc-baseurl}/signdoc`` returns a
``sign_id``, then poll, download, delete [S63][S64][S72]), not the request, status or result formats, so a served
signdoc API would be invented, not mocked; the harness reports the absent keys as advisory (BID-R6a).
"""

from __future__ import annotations

from typing import Any

from flask import Response, json

from mock_provider.authorize import encryption
from mock_provider.config import Quirks
from mock_provider.endpoints.conditional import conditional, document
from mock_provider.endpoints.realm import current_realm, realm_blueprint
from mock_provider.provider import Provider, Realm, current_provider

# The scopes the mock serves [S47]. Provisioning knows more (bankid_provisioning.rules.scopes), but the mock does
# not advertise what it does not do: email, address and phone went with the Consent service at the end of 2025
# [S52]; bankid_proof is gone in API v4 [S50]; chgpwd's flow, the AML API (aml_person/basic), esign B2B and the
# biometrics permissions API live outside this realm's mock.
SCOPES = ("openid", "profile", "nnin_altsub", "nnin", "sign", "signdoc/read_write")
ACR_VALUES = ("urn:bankid:bid", "urn:bankid:bis")
BIM_ACR = "urn:bankid:bim"


def metadata(provider: Provider, realm: Realm) -> dict[str, Any]:
    quirks = provider.config.quirks
    issuer = realm.issuer
    algs = ["ES256"]  # the only signing keys the realm has [S50][S52]
    document: dict[str, Any] = {
        "issuer": issuer,
        "authorization_endpoint": realm.url("precheck/auth"),
        "token_endpoint": realm.url("protocol/openid-connect/token"),
        "introspection_endpoint": realm.url("protocol/openid-connect/token/introspect"),
        "token_introspection_endpoint": realm.url("protocol/openid-connect/token/introspect"),
        "userinfo_endpoint": realm.userinfo_endpoint,
        "end_session_endpoint": realm.url("protocol/openid-connect/logout"),
        "jwks_uri": realm.url("protocol/openid-connect/certs"),
        "jwks_uri_enc": realm.url("protocol/openid-connect/certs/enc"),
        "pushed_authorization_request_endpoint": realm.url("protocol/openid-connect/ext/par/request"),
        "require_pushed_authorization_requests": quirks.require_pushed_authorization_requests,
        "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
        "response_types_supported": list(quirks.response_types),
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": algs,
        "userinfo_signing_alg_values_supported": algs,
        "request_object_signing_alg_values_supported": ["ES256", "RS256", "PS256"],
        # Exactly what mock_provider.authorize.encryption decrypts [S42][S43].
        "request_object_encryption_alg_values_supported": list(encryption.REQUEST_OBJECT_ALGS),
        "request_object_encryption_enc_values_supported": list(encryption.REQUEST_OBJECT_ENCS),
        "token_endpoint_auth_methods_supported": _auth_methods(quirks),
        "token_endpoint_auth_signing_alg_values_supported": ["ES256", "RS256", "PS256", "HS256"],
        "introspection_endpoint_auth_methods_supported": _auth_methods(quirks),
        "code_challenge_methods_supported": list(quirks.code_challenge_methods),
        "acr_values_supported": _acr_values(quirks),
        "scopes_supported": list(SCOPES),
        "claims_supported": [
            "iss",
            "sub",
            "aud",
            "exp",
            "iat",
            "azp",
            "typ",
            "nonce",
            "acr",
            "amr",
            "at_hash",
            "sid",
            "auth_time",
            *(["originator"] if quirks.originator_claim else []),
            "api_ver",
            "bankid_altsub",
            "nnin_altsub",
            "name",
            "given_name",
            "family_name",
            "birthdate",
            "permission_digest",
            "sign_result",
            "nnin",
            "updated_at",
        ],
        "claims_parameter_supported": False,
        "request_parameter_supported": True,
        "request_uri_parameter_supported": True,
        "ui_locales_supported": ["nb", "en"],
        "tls_client_certificate_bound_access_tokens": False,
        "release": provider.config.release,
    }
    return provider.config.faults.discovery(document)


def _auth_methods(quirks: Quirks) -> list[str]:
    jwt = ["private_key_jwt", "client_secret_jwt"] if quirks.advertise_jwt_client_auth else []
    return ["client_secret_basic", "client_secret_post", *jwt]


def _acr_values(quirks: Quirks) -> list[str]:
    acrs = [acr for acr in ACR_VALUES if quirks.advertise_bis_acr or acr != "urn:bankid:bis"]
    return [*acrs, *([BIM_ACR] if quirks.bim_available else [])]


@realm_blueprint.get("/.well-known/openid-configuration")
def openid_configuration() -> Response:
    provider, realm = current_provider(), current_realm()
    # Built from the frozen config alone, so one version per realm for the app's lifetime.
    served = document(
        provider, ("discovery", realm.name), None, lambda: json.dumps(metadata(provider, realm)).encode("utf-8")
    )
    return conditional(served, "application/json")
