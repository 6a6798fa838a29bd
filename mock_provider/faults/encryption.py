"""Faults in encrypted authorization requests [S42][S43] (BID-R55 MUST, R56 advisory)."""

from __future__ import annotations

from urllib.parse import urlencode

from werkzeug.wrappers import Request, Response

from mock_provider.faults.http import ask, instead
from mock_provider.hooks import FaultProfile, replayable

AUTHORIZE = "/precheck/auth"


def _is_jwe(value: str | None) -> bool:
    return value is not None and value.count(".") == 4


def _authorize_with_jwe_request(request: Request) -> bool:
    return request.method == "GET" and request.path.endswith(AUTHORIZE) and _is_jwe(request.args.get("request"))


def _refused(request: Request) -> Response:
    """What a provider without JWE support shows: an error page (the redirect_uri is inside the object)."""
    body = "<!doctype html><title>BankID</title><p>invalid_request_object: the request object cannot be read</p>"
    return Response(body, status=400, content_type="text/html; charset=utf-8")


def _authorize(request: Request) -> bool:
    return request.method == "GET" and request.path.endswith(AUTHORIZE)


def _hint_undecryptable(request: Request) -> Request:
    """The encrypted login_hint replaced by one the provider's keys cannot open."""
    if not _is_jwe(request.args.get("login_hint")):
        return request
    query = {**request.args, "login_hint": "e30.x.x.x.x"}
    return replayable(request.environ, QUERY_STRING=urlencode(query))


PROFILES = {
    "encrypted-request-object-refused": FaultProfile(interceptor=instead(_authorize_with_jwe_request, _refused)),
    "encrypted-login-hint-refused": FaultProfile(interceptor=ask(_authorize, _hint_undecryptable)),
}
