"""``GET {issuer}/precheck/auth`` [S15][S16][S17]: BankID's authorization endpoint (GET only; a POST gets
the app's JSON 405). A trusted, valid request starts a login session and is sent (303) to the login page;
see ``mock_provider.authorize`` for the rules and ``mock_provider.endpoints.login`` for the page.

Per request, the header ``X-Mock-Outcome: cancel|timeout|blocked_certificate|bis_step_up`` chooses how the
login will end, whatever test user logs in.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, request

from mock_provider.authorize.errors import PageError
from mock_provider.authorize.resolve import TargetedError, resolve
from mock_provider.authorize.respond import error_page, error_redirect
from mock_provider.endpoints.realm import current_realm, realm_blueprint
from mock_provider.login import session
from mock_provider.login.outcome import OUTCOME_HEADER, parse_outcome
from mock_provider.provider import current_provider

LOGIN_PATH = "login-actions/authenticate"


@realm_blueprint.get("/precheck/auth")
def authorize() -> Response:
    provider, realm = current_provider(), current_realm()
    try:
        authorization = resolve(provider, realm, request.args.lists())
    except PageError as error:
        return error_page(error)
    except TargetedError as targeted:
        return error_redirect(targeted.target, targeted.error)
    outcome = parse_outcome(request.headers.get(OUTCOME_HEADER))
    handle = session.start(provider, realm, authorization, outcome)
    location = f"{realm.url(LOGIN_PATH)}?{urlencode({'session': handle})}"
    return Response(status=303, headers={"Location": location, "Cache-Control": "no-store"})
