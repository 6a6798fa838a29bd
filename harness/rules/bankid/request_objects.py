"""Rules for encrypted authorization requests [S42][S43] (https://developer.bankid.no/bankid-oidc-provider/
core-concepts/encryption): a request object may be encrypted to a ``use=enc`` key from ``jwks_uri``, and
(deprecated) a ``login_hint`` to a key from ``jwks_uri_enc``. Under API v4 this is how a nnin hint avoids the
clear-text refusal of BID-R38 [S50][S52].
"""

from __future__ import annotations

from harness.http import Reply
from harness.rp.callback import Callback
from harness.rp.dialog import asks_to_log_in
from harness.rules.bankid.authorization import describe
from harness.rules.registry import Level, expect, rule


def _accepted(callback: Callback, sent_state: str | None) -> None:
    expect(
        bool(callback.code) and callback.error is None,
        expected="a code (the encrypted request was read and the login completed)",
        seen=f"error {callback.error}: {callback.params.get('error_description', '')}" if callback.error else "no code",
    )
    same = callback.params.get("state") == sent_state
    expect(same, expected="the state sent", seen="the same state" if same else "a different or no state")


@rule("BID-R55", title="A signed request object encrypted to the provider's key is accepted", sources=("S42", "S43"))
def encrypted_request_object_accepted(landing: Reply, redirect_uri: str) -> None:
    """``request``: a signed and/or encrypted request object (JAR), encrypted RSA-OAEP(-256) with AES-GCM or
    AES-CBC-HMAC to a ``use=enc`` key from ``jwks_uri``; signed request objects need a registered client JWKS
    [S42][S43]. The browser lands on the login dialog, not on an error page or an error redirect: the provider
    decrypted the object and found in it what the URL no longer carries (``redirect_uri``, ``state``...)."""
    expect(asks_to_log_in(landing), expected="the login dialog", seen=describe(landing, redirect_uri))


@rule(
    "BID-R56",
    title="An encrypted nnin login_hint is accepted",
    sources=("S42", "S43"),
    level=Level.ADVISORY,
)
def encrypted_login_hint_accepted(callback: Callback, sent_state: str | None) -> None:
    """``login_hint`` may be JWE-encrypted (ECDH-ES / RSA-OAEP / RSA-OAEP-256, A128GCM / A128CBC-HS256) with a key
    from ``jwks_uri_enc`` [S42][S43]. Advisory: the encrypted hint is deprecated, and whether API v4 still takes
    it is not documented."""
    _accepted(callback, sent_state)
