"""The names that go into a merchant certificate's subject: organisation name (O) and common name (CN).

X.520 bounds both at 64 characters (``ub-organization-name``, ``ub-common-name``, RFC 5280 Appendix A); a
certificate cannot carry more. Control characters and line or paragraph separators are refused too: the CN
also names the downloaded ``.bid`` file, and a line break there could forge a header. Any other Unicode is a
valid UTF8String, so non-ASCII names (``Bærum Sykkel AS``) are fine.
"""

from __future__ import annotations

import unicodedata

MAX_SUBJECT_NAME = 64
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def subject_name_problem(value: object) -> str | None:
    """Why ``value`` cannot be an O or CN, or ``None`` when it can."""
    if not isinstance(value, str) or not value.strip():
        return "is required (a non-empty string)"
    if len(value) > MAX_SUBJECT_NAME:
        return f"must be at most {MAX_SUBJECT_NAME} characters (X.520), not {len(value)}"
    refused = sorted({f"U+{ord(c):04X}" for c in value if unicodedata.category(c) in _REFUSED_CATEGORIES})
    if refused:
        return f"must not contain control characters or line breaks ({', '.join(refused[:5])})"
    return None
