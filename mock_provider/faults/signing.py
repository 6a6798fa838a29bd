"""Faults in BankID's simple text signing [S63][S65] (BID-R54, R54b, R54c; all advisory)."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

from werkzeug.wrappers import Request

from mock_provider.faults.http import ask
from mock_provider.hooks import FaultProfile, Json, TokenContext, replayable

AUTHORIZE = "/precheck/auth"


def _authorize(request: Request) -> bool:
    return request.method == "GET" and request.path.endswith(AUTHORIZE)


def _tampered_end_user_signature(claims: Json, context: TokenContext) -> Json:
    """The end user's CMS signature with its last byte (inside the ECDSA value) flipped: it no longer verifies."""
    result = claims.get("sign_result")
    if not isinstance(result, dict) or not isinstance(result.get("endUser"), str):
        return claims
    der = bytearray(base64.b64decode(result["endUser"]))
    der[-1] ^= 0x01
    return {**claims, "sign_result": {**result, "endUser": base64.b64encode(bytes(der)).decode()}}


def _without_sign_result(claims: Json, context: TokenContext) -> Json:
    return {k: v for k, v in claims.items() if k != "sign_result"}


def _bim_limit_ignored(request: Request) -> Request:
    """Signing with BankID on mobile treated as BankID: the 118-character BIM limit is never applied."""
    if "sign_txt" not in request.args or not request.args.get("login_hint", "").upper().startswith("BIM"):
        return request
    query = {k: v for k, v in request.args.items() if k != "login_hint"}
    return replayable(request.environ, QUERY_STRING=urlencode(query))


PROFILES = {
    "sign-result-tampered": FaultProfile(id_token=_tampered_end_user_signature),  # R54c
    "sign-result-missing": FaultProfile(id_token=_without_sign_result),  # R54b, R54c
    "sign-bim-limit-ignored": FaultProfile(interceptor=ask(_authorize, _bim_limit_ignored)),  # R54
}
