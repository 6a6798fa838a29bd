"""The text to sign: ``sign_txt`` is the base64 of a UTF-8 string [S63][S65].

Limits, from BankID's "Simple flow" implementation guide (the signing pages of [S63][S64]): at most 150
characters, and at most 118 with BankID on mobile [S65]. BIM's restricted character set is not published, so
the mock does not guess one.
"""

from __future__ import annotations

import base64
import binascii

from mock_provider.authorize.errors import invalid_request

SIGN_SCOPE = "sign"
MAX_CHARS = 150
MAX_BIM_CHARS = 118


def parse_sign_text(value: str | None, *, idp: str) -> str:
    """The decoded text, or ``invalid_request`` naming what is wrong with ``sign_txt``."""
    if not value:
        raise invalid_request("scope sign needs sign_txt (the base64 of the text to sign) or sign_id")
    text = _decode(value)
    if not text.strip():
        raise invalid_request("sign_txt is empty")
    limit = MAX_BIM_CHARS if idp == "BIM" else MAX_CHARS
    if len(text) > limit:
        raise invalid_request(f"sign_txt is {len(text)} characters; the limit is {limit}")
    return text


def _decode(value: str) -> str:
    # Both alphabets and missing padding are accepted: "base64encoded(utf8-string)" names no variant.
    padded = value.replace("-", "+").replace("_", "/") + "=" * (-len(value) % 4)
    try:
        return base64.b64decode(padded, validate=True).decode("utf-8")
    except (binascii.Error, ValueError) as exc:
        raise invalid_request("sign_txt must be the base64 of a UTF-8 text") from exc
