"""Named fault profiles: the ways a provider can be made to misbehave, each breaking specific rules.

The harness's own tests start the mock with a profile and check that exactly the expected rule ids fail.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType

from mock_provider.config import Faults

# The provider surface of issue 4: each profile breaks the PROVIDER-FACTS §10 rule(s) named beside it.
SURFACE_PROFILES: Mapping[str, Faults] = MappingProxyType(
    {
        "authorize-plain-pkce": Faults(authorize_accept_plain_pkce=True),  # rule 35
        "authorize-unregistered-redirect": Faults(authorize_redirect_unregistered=True),  # rules 31-32
        "authorize-authorization-details": Faults(authorize_reflect_authorization_details=True),  # rule 41
        "cancel-drops-state": Faults(cancel_drops_state=True),  # rule 49
        "authorize-unknown-client-redirect": Faults(authorize_redirect_unknown_client=True),  # rule 31
        "authorize-post": Faults(authorize_accept_post=True),  # rule 33
        "authorize-implicit-token": Faults(authorize_implicit_leaks_token=True),  # rule 34
        "authorize-optional-state-nonce": Faults(authorize_optional_state_nonce=True),  # rule 36
        "authorize-optional-openid": Faults(authorize_optional_openid=True),  # rule 37
        "authorize-clear-nnin-hint": Faults(authorize_accept_clear_nnin=True),  # rule 38
        "authorize-refuses-bid": Faults(authorize_refuse_bid=True),  # rule 42 (and every login after it)
        "authorize-old-api-version": Faults(authorize_accept_old_api_version=True),  # rule 53
        "callback-leaks-nnin": Faults(callback_leaks_nnin=True),  # rule 43
        "callback-other-state": Faults(callback_changes_state=True),  # rule 43
        "login-hides-display-name": Faults(login_hides_display_name=True),  # rule 52
        "bis-for-every-client": Faults(bis_for_every_client=True),  # rule 51
        "bis-ignored": Faults(bis_ignored=True),  # rule 51
        "nnin-altsub-ignores-eligibility": Faults(nnin_altsub_ignores_eligibility=True),  # rule 48
        "code-reusable": Faults(code_reusable=True),  # rule 44
        "pkce-not-verified": Faults(skip_pkce_verification=True),  # rule 44
        "id-token-long-lived": Faults(id_token_lifetime=3600),  # rules 45, 50
        "id-token-tid": Faults(id_token_include_tid=True),  # rule 47
        "id-token-string-amr": Faults(id_token_string_amr=True),  # rule 46
        "id-token-profile-without-scope": Faults(id_token_profile_without_scope=True),  # rule 48
        "userinfo-json": Faults(userinfo_json_body=True),  # rule 30
        "userinfo-post": Faults(userinfo_accept_post=True),  # rule 29
        "introspect-garbage-400": Faults(introspect_garbage_400=True),  # rule 26
        "par-200": Faults(par_status_200=True),  # rule 40 (advisory)
        "par-without-client-auth": Faults(par_without_client_auth=True),  # rule 39
        "expired-assertion": Faults(accept_expired_assertion=True),  # rule 24
        "replayed-assertion": Faults(accept_replayed_assertion=True),  # rule 24
    }
)

PROFILES: Mapping[str, Faults] = MappingProxyType(
    {
        "wrong-issuer": Faults(
            discovery_overrides=MappingProxyType({"issuer": "https://evil.example/auth/realms/current"})
        ),
        "keycloak-authorize-path": Faults(
            discovery_overrides=MappingProxyType(
                {
                    "authorization_endpoint": "https://auth.current.bankid.no/auth/realms/current/protocol/openid-connect/auth"
                }
            )
        ),
        "html-discovery": Faults(discovery_content_type="text/html"),
        "no-bankid-extensions": Faults(discovery_drop=("jwks_uri_enc", "signdoc-baseurl", "release")),
        "plain-pkce": Faults(
            discovery_overrides=MappingProxyType({"code_challenge_methods_supported": ["plain", "S256"]})
        ),
        "duplicate-kid": Faults(jwks_duplicate_kid=True),
        "no-x5c": Faults(jwks_drop_x5c=True),
        "no-cache-control": Faults(jwks_cache_control="no-cache"),
        "one-signing-key": Faults(jwks_signing_keys=1),
        "long-tokens": Faults(access_token_lifetime=3600),
        "lowercase-bearer": Faults(token_type="bearer"),
        "unpublished-signing-key": Faults(sign_with_unpublished_key=True),
        "any-secret": Faults(accept_any_client_secret=True),
        "open-introspection": Faults(introspect_without_client_auth=True),
        "password-grant": Faults(grant_password=True),
        "token-500": Faults(server_error_on_token=True),
        **SURFACE_PROFILES,
    }
)


def profile(*names: str) -> Faults:
    """Combine named profiles into one ``Faults`` (later names win on the same field)."""
    merged: dict[str, object] = {}
    for name in names:
        if name not in PROFILES:
            raise KeyError(f"unknown fault profile {name!r}; known: {', '.join(sorted(PROFILES))}")
        base = PROFILES[name]
        for field in dataclasses.fields(Faults):
            value = getattr(base, field.name)
            if value != field.default and not (callable(field.default_factory) and value == field.default_factory()):
                merged[field.name] = value
    return Faults(**merged)  # type: ignore[arg-type]
