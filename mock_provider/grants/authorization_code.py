"""``grant_type=authorization_code`` [S23][S25]: the code is bound to its client, ``redirect_uri`` and PKCE
verifier (RFC 7636 §4.6), lives 60 s (Keycloak's default; BankID leaves it UNCLEAR, PROVIDER-FACTS §5.5) and
works once. Like Keycloak, a presented code is spent even when the exchange then fails; a second use is
``invalid_grant`` and revokes every token the first use issued (RFC 6749 §4.1.2).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from mock_provider.grants.registry import GrantRequest, grant
from mock_provider.grants.session_tokens import issue
from mock_provider.oauth.authentication import Authentication
from mock_provider.oauth.errors import InvalidGrantError, InvalidRequestError
from mock_provider.store.grants import Grant

CODE_KIND = "code"
CODE_SECONDS = 60


@grant("authorization_code")
def authorization_code(request: GrantRequest) -> dict[str, Any]:
    code = request.form.get("code")
    if not code:
        raise InvalidRequestError(description="Missing parameter: code")
    code_grant = _redeem(request, code)
    _check_binding(request, code_grant)
    auth = Authentication.from_payload(code_grant.payload["auth"])
    return issue(request.provider, request.realm, request.client.record.config, auth)


def _redeem(request: GrantRequest, code: str) -> Grant:
    grants = request.provider.grants
    if request.provider.config.faults.code_reusable:
        code_grant = grants.get(CODE_KIND, code)
        if code_grant is None or code_grant.expires_at <= request.provider.now():
            raise InvalidGrantError(description="Code not valid")
        return code_grant
    consumed = grants.consume(CODE_KIND, code)
    if consumed.grant is None:
        raise InvalidGrantError(description="Code not valid")
    if not consumed.first_use:
        if consumed.grant.family:
            grants.revoke_family(consumed.grant.family)
        raise InvalidGrantError(description="Code already used")
    if consumed.grant.expires_at <= request.provider.now():
        raise InvalidGrantError(description="Code is expired")
    return consumed.grant


def _check_binding(request: GrantRequest, code_grant: Grant) -> None:
    if code_grant.client_id != request.client.client_id or code_grant.realm != request.realm.name:
        raise InvalidGrantError(description="Code was issued to another client")
    if request.form.get("redirect_uri") != code_grant.payload["redirect_uri"]:
        raise InvalidGrantError(description="Incorrect redirect_uri")
    if not request.provider.config.faults.skip_pkce_verification:
        _check_verifier(request.form.get("code_verifier"), code_grant.payload)


def _check_verifier(verifier: str | None, payload: dict[str, Any]) -> None:
    if not verifier:
        raise InvalidGrantError(description="PKCE code verifier not specified")
    if payload["code_challenge_method"] == "S256":
        digest = hashlib.sha256(verifier.encode()).digest()
        computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    else:
        computed = verifier
    if not hmac.compare_digest(computed.encode(), str(payload["code_challenge"]).encode()):
        raise InvalidGrantError(description="PKCE verification failed: Code mismatch")
