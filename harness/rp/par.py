"""Pushed authorization requests (RFC 9126) at BankID's ``pushed_authorization_request_endpoint`` [S39]:
the authorize parameters are POSTed with client authentication; authorize then gets only ``client_id`` and
the returned ``request_uri`` (RFC 9126 §4)."""

from __future__ import annotations

from urllib.parse import urlencode

from harness.http import HttpSession, Reply
from harness.rp.authorize import AuthorizationRequest
from harness.rp.client_auth import Authenticated
from harness.rp.token import post_form


def push(http: HttpSession, endpoint: str, request: AuthorizationRequest, auth: Authenticated | None) -> Reply:
    # ``query()``: a request object is pushed as such (RFC 9126 §3), plain parameters otherwise.
    return post_form(http, endpoint, request.query(), auth)


def request_uri_of(reply: Reply) -> str | None:
    value = (reply.json_object() or {}).get("request_uri")
    return value if isinstance(value, str) and value else None


def authorize_url(authorization_endpoint: str, client_id: str, request_uri: str) -> str:
    separator = "&" if "?" in authorization_endpoint else "?"
    query = urlencode({"client_id": client_id, "request_uri": request_uri})
    return f"{authorization_endpoint}{separator}{query}"
