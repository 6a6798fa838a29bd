"""Faults in how userinfo, introspection and PAR answer (BID-R26, R28..R30, R40)."""

from __future__ import annotations

import base64
import json

from werkzeug.wrappers import Request, Response

from mock_provider.faults.http import answer, as_get, ask, json_of, json_response, on
from mock_provider.hooks import FaultProfile

USERINFO = "/userinfo"
INTROSPECT = "/protocol/openid-connect/token/introspect"
PAR = "/protocol/openid-connect/ext/par/request"


def _userinfo_as_json(request: Request, response: Response) -> Response:
    if response.status_code != 200 or response.mimetype != "application/jwt":
        return response
    payload = response.get_data(as_text=True).split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return json_response(claims, 200, response)


def _garbage_is_400(request: Request, response: Response) -> Response:
    token = request.form.get("token", "")
    if response.status_code != 200 or token.count(".") == 2 or json_of(response).get("active") is not False:
        return response
    return json_response({"error": "invalid_request", "error_description": "injected fault: not a JWT"}, 400)


def _no_token_is_400(request: Request, response: Response) -> Response:
    """A missing bearer token answered as a malformed request instead of 401 (what BID-R28 catches)."""
    if request.headers.get("Authorization") or response.status_code != 401:
        return response
    return json_response({"error": "invalid_request", "error_description": "Token missing"}, 400)


def _created_as_ok(request: Request, response: Response) -> Response:
    if response.status_code == 201:
        response.status_code = 200
    return response


PROFILES = {
    "userinfo-json": FaultProfile(interceptor=answer(on(USERINFO), _userinfo_as_json)),
    "userinfo-post": FaultProfile(interceptor=ask(on(USERINFO, "POST"), as_get)),
    "introspect-garbage-400": FaultProfile(interceptor=answer(on(INTROSPECT, "POST"), _garbage_is_400)),
    "userinfo-no-token-400": FaultProfile(interceptor=answer(on(USERINFO), _no_token_is_400)),
    "par-200": FaultProfile(interceptor=answer(on(PAR, "POST"), _created_as_ok)),
}
