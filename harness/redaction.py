"""Redaction, applied once at the HTTP seam: nothing secret reaches evidence, reports or logs.

Credentials (client secrets, assertions, passwords, one-time codes), tokens (access, refresh, ID, codes,
verifiers) and session handles are replaced by ``<redacted:KIND sha256:xxxxxxxx>`` wherever they hide: headers
(``authorization``, cookies; the query and fragment of ``location``), URLs, form bodies (form_post included),
JSON, HTML form fields, and ``name=value`` or ``'name': 'value'`` pairs inside free text such as a rule's
"seen" value.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from harness.secret import fingerprint, fingerprint_bytes

SECRET_FIELDS = frozenset(
    {
        "client_secret",
        "client_assertion",
        "assertion",
        "password",
        "otp",
        "code",
        "code_verifier",
        "access_token",
        "refresh_token",
        "id_token",
        "token",
        "request",
        "login_hint",
        "secret",
        "admin_token",
        "bid_password",
        "keystore",
        "bid_file",
        "nnin",
        "nnin_altsub",
        "subject_token",
        "id_token_hint",
        "session",
        "session_state",
        "sid",
        "bid_base64",
        "bid_password_b64",
    }
)
SECRET_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization", "dpop"})
# Headers whose value is a URL: only its secret parameters go (the rest is what a reader needs to see).
URL_HEADERS = frozenset({"location", "content-location", "refresh", "link"})
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
_FIELD_NAMES = "|".join(sorted(SECRET_FIELDS, key=len, reverse=True))
# name=value after ?, &, #, ; (``&amp;``) or a space; and 'name': 'value' / "name": "value" as repr/JSON prints.
_PAIR = re.compile(rf"(?<![A-Za-z0-9_-])((?:{_FIELD_NAMES})=)([^&#\s\"'<>]+)")
_QUOTED = re.compile(rf"""(['"](?:{_FIELD_NAMES})['"]\s*:\s*)(['"])((?:(?!\2).)+)\2""")


def mask(value: str, kind: str = "value") -> str:
    return f"<redacted:{kind} sha256:{fingerprint(value)}>"


def redact_text(text: str) -> str:
    """Mask JWTs and secret ``name=value`` / ``'name': 'value'`` pairs in free text."""
    text = _JWT.sub(lambda m: mask(m.group(0), "jwt"), text)
    text = _PAIR.sub(lambda m: m.group(1) + _mask_pair(m.group(1)[:-1], m.group(2)), text)
    return _QUOTED.sub(lambda m: m.group(1) + m.group(2) + _mask_pair(_name(m.group(1)), m.group(3)) + m.group(2), text)


def _mask_pair(name: str, value: str) -> str:
    return value if value.startswith(("<redacted:", "%3Credacted")) else mask(value, name)


def _name(prefix: str) -> str:
    return prefix.strip().rstrip(":").strip().strip("'\"")


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {name: _redact_header(name.lower(), value) for name, value in headers}


def _redact_header(name: str, value: str) -> str:
    if name in SECRET_HEADERS:
        return mask(value, name)
    if name in URL_HEADERS:
        return redact_text(redact_url(value))
    return redact_text(value)


def redact_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(k, mask(v, k) if k in SECRET_FIELDS and v else redact_text(v)) for k, v in pairs]


def redact_url(url: str) -> str:
    parts = urlsplit(url)
    query = urlencode(redact_pairs(parse_qsl(parts.query, keep_blank_values=True)), safe="<>:")
    fragment = urlencode(redact_pairs(parse_qsl(parts.fragment, keep_blank_values=True)), safe="<>:")
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, fragment))


def redact_json(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {
            k: (mask(str(v), k) if k in SECRET_FIELDS and v not in (None, "") else redact_json(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact_json(v) for v in value]
    if isinstance(value, str):
        return redact_text(value)
    return value


_BINARY_TYPES = ("pkcs12", "octet-stream", "x-pem-file", "pkcs8", "x-x509")


# Redacted bodies by the SHA-256 of what was redacted: a suite run fetches the same discovery document, JWKS and
# login page in nearly every scenario (70% of the bodies repeat; redacting them was ~5% of a run's CPU). Keyed by
# digest, so the cache never holds a raw body; bounded, oldest out first.
_REDACTED: dict[tuple[bytes, str], str] = {}
_REDACTED_MAX = 512


def redact_body(body: bytes, content_type: str) -> str:
    """The body as text fit for evidence. Keystores and other binary bodies (a ``.bid`` holds a private key)
    are replaced whole: only their size and fingerprint are kept."""
    key = (hashlib.sha256(body).digest(), content_type)
    redacted = _REDACTED.get(key)
    if redacted is None:
        redacted = _redact_body(body, content_type)
        if len(_REDACTED) >= _REDACTED_MAX:
            # Another thread may change it meanwhile: then this eviction is skipped.
            with contextlib.suppress(KeyError, RuntimeError, StopIteration):
                del _REDACTED[next(iter(_REDACTED))]
        _REDACTED[key] = redacted
    return redacted


def _redact_body(body: bytes, content_type: str) -> str:
    if any(kind in content_type for kind in _BINARY_TYPES) or not _is_text(body):
        return f"<redacted:binary {len(body)} bytes sha256:{fingerprint_bytes(body)}>"
    text = body.decode("utf-8")
    if "json" in content_type:
        try:
            return json.dumps(redact_json(json.loads(text)), indent=2, ensure_ascii=False)
        except ValueError:
            return redact_text(text)
    if "x-www-form-urlencoded" in content_type:
        return urlencode(redact_pairs(parse_qsl(text, keep_blank_values=True)), safe="<>:")
    if "application/jwt" in content_type:
        return mask(text.strip(), "jwt")
    if "html" in content_type:
        return _redact_html(text)
    return redact_text(text)


def _is_text(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_HIDDEN_INPUT = re.compile(rf'(name="(?:{_FIELD_NAMES})"[^>]*value=")([^"]*)(")')
_VALUE_FIRST = re.compile(rf'(value=")([^"]*)("[^>]*name="(?:{_FIELD_NAMES})")')


def _redact_html(text: str) -> str:
    """form_post pages and login dialogs: secret form fields, in either attribute order, and URLs in the page."""
    text = _HIDDEN_INPUT.sub(lambda m: m.group(1) + mask(m.group(2), "field") + m.group(3), text)
    text = _VALUE_FIRST.sub(lambda m: m.group(1) + mask(m.group(2), "field") + m.group(3), text)
    return redact_text(text)
