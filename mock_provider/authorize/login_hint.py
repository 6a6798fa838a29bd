"""An encrypted ``login_hint`` (deprecated): a JWE to a key from ``jwks_uri_enc`` whose plaintext is the hint
itself, e.g. ``BID:14025800177`` [S42][S43]. Whether API v4 still accepts it is not documented; the mock does,
since the nnin never travels in clear text, which is what v4 forbids [S50][S52].
"""

from __future__ import annotations

from mock_provider.authorize import encryption
from mock_provider.authorize.errors import invalid_request
from mock_provider.provider import Provider, Realm


def decrypted(provider: Provider, realm: Realm, params: dict[str, str]) -> tuple[dict[str, str], bool]:
    """``params`` with an encrypted ``login_hint`` replaced by its plaintext, and whether it was encrypted."""
    value = params.get("login_hint")
    if value is None or not encryption.is_jwe(value):
        return params, False
    algs, encs = encryption.LOGIN_HINT_ALGS, encryption.LOGIN_HINT_ENCS
    try:
        hint = encryption.decrypt(provider.keyring(realm.name), value, algs=algs, encs=encs).decode("utf-8")
    except (encryption.DecryptionError, UnicodeDecodeError) as exc:
        raise invalid_request(f"Encrypted login_hint: {exc}") from exc
    return {**params, "login_hint": hint}, True
