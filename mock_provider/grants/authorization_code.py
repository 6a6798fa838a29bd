"""``grant_type=authorization_code`` [S23][S25]: the code is bound to its client, ``redirect_uri`` and PKCE
verifier (RFC 7636 §4.6), lives 60 s (Keycloak's default; BankID leaves it UNCLEAR, PROVIDER-FACTS §5.5) and
works once. Like Keycloak, a presented code is spent even when the exchange then fails; a second use is
``invalid_grant`` and revokes every token the first use issued (RFC 6749 §4.1.2).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from mock_provider.grants.registry import GrantRequest, grant
from mock_provider.grants.session_tokens import issue
from mock_provider.hooks import Checks
from mock_provider.oauth.authentication import Authentication
from mock_provider.oauth.errors import InvalidGrantError, InvalidRequestError
from mock_provider.store.grants import Grant

CODE_KIND = "code"
CODE_SECONDS = 60


@dataclass(frozen=True)
class Redemption:
    """A presented code and the grant it names, under check."""

    request: GrantRequest
    grant: Grant


@grant("authorization_code")
def authorization_code(request: GrantRequest) -> dict[str, Any]:
    code = request.form.get("code")
    if not code:
        raise InvalidRequestError(description="Missing parameter: code")
    code_grant = request.provider.grants.get(CODE_KIND, code)
    if code_grant is None:
        raise InvalidGrantError(description="Code not valid")
    # The code spent and the tokens recorded in one commit; a failed check still spends the code (the unit
    # commits what ran before the error).
    with request.provider.store.unit(durable=False):
        request.provider.config.faults.code_exchange(CODE_CHECKS).run(Redemption(request, code_grant))
        auth = Authentication.from_payload(code_grant.payload["auth"])
        return issue(request.provider, request.realm, request.client.record.config, auth)


def single_use(redemption: Redemption) -> None:
    """A presented code is spent even if the exchange then fails; a second use revokes the first's tokens."""
    grants = redemption.request.provider.grants
    consumed = grants.consume(CODE_KIND, redemption.request.form["code"])
    if not consumed.first_use:
        if redemption.grant.family:
            grants.revoke_family(redemption.grant.family)
        raise InvalidGrantError(description="Code already used")


def unexpired(redemption: Redemption) -> None:
    if redemption.grant.expires_at <= redemption.request.provider.now():
        raise InvalidGrantError(description="Code is expired")


def same_client(redemption: Redemption) -> None:
    request, code_grant = redemption.request, redemption.grant
    if code_grant.client_id != request.client.client_id or code_grant.realm != request.realm.name:
        raise InvalidGrantError(description="Code was issued to another client")


def same_redirect_uri(redemption: Redemption) -> None:
    if redemption.request.form.get("redirect_uri") != redemption.grant.payload["redirect_uri"]:
        raise InvalidGrantError(description="Incorrect redirect_uri")


def pkce_verifier(redemption: Redemption) -> None:
    _check_verifier(redemption.request.form.get("code_verifier"), redemption.grant.payload)


CODE_CHECKS: Checks[Redemption] = Checks(
    (
        ("single_use", single_use),
        ("unexpired", unexpired),
        ("same_client", same_client),
        ("same_redirect_uri", same_redirect_uri),
        ("pkce_verifier", pkce_verifier),
    )
)


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
