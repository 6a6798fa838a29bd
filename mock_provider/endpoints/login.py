"""The login page, ``{issuer}/login-actions/authenticate``: a BankID-style dialog with the client's display
name, the merchant name of its merchant certificate [S3][S62], an IDP choice and a TestBank login [S60].

It works in a browser and as a plain form POST (``application/x-www-form-urlencoded``). Fields:

- ``session`` (hidden): the login session from the authorize redirect's ``?session=``;
- ``action``: ``login`` (default) or ``cancel``;
- ``idp``: ``BID`` (BankID High), ``BIS`` (BankID with biometrics) or, unless the ``bim`` quirk says it is
  phased out, ``BIM`` (BankID on mobile);
- ``nnin``: the test user's 11-digit NNIN; ``otp``: the one-time code ``otp``; ``password``: ``qwer1234``;
- with ``scope=sign`` the dialog shows the text to sign (``id="sign-text"``) and the submit button signs it:
  logging in is the user's confirmation [S63];
- ``outcome`` (optional): ``cancel``, ``timeout``, ``blocked_certificate`` or ``bis_step_up``.

Outcome precedence: the ``outcome`` field, then an ``X-Mock-Outcome`` header on this POST, then one on the
authorize request, then the test user's own switch. A wrong user, code or password re-renders the page (200)
with an element ``id="login-error"``; the session stays usable.
"""

from __future__ import annotations

import functools

from flask import Response, current_app, request
from jinja2 import Template
from markupsafe import Markup, escape

from mock_provider.authorize.errors import PageError
from mock_provider.authorize.respond import error_page
from mock_provider.endpoints.realm import current_realm, realm_blueprint
from mock_provider.login import complete, outcome, session
from mock_provider.login.session import LoginSession
from mock_provider.provider import Provider, Realm, current_provider
from mock_provider.users import OUTCOMES, nnin
from mock_provider.users.model import DEFAULT_ERROR_CODES

PATH = "/login-actions/authenticate"
TEXTS = {
    "nb": {
        "title": "Logg inn med BankID",
        "wants": "ønsker å bekrefte identiteten din",
        "nnin": "Fødselsnummer",
        "otp": "Engangskode",
        "password": "Passord",
        "next": "Neste",
        "login": "Logg inn",
        "cancel": "Avbryt",
        "user_error": "Ukjent bruker. Sjekk fødselsnummeret.",
        "cred_error": "Feil engangskode eller passord.",
        "sign_title": "Signer med BankID",
        "sign_wants": "ber deg signere denne teksten",
        "sign": "Signer",
    },
    "en": {
        "title": "Log in with BankID",
        "wants": "wants to confirm your identity",
        "nnin": "National identity number",
        "otp": "One-time code",
        "password": "Password",
        "next": "Next",
        "login": "Log in",
        "cancel": "Cancel",
        "user_error": "Unknown user. Check the national identity number.",
        "cred_error": "Wrong one-time code or password.",
        "sign_title": "Sign with BankID",
        "sign_wants": "asks you to sign this text",
        "sign": "Sign",
    },
}


@realm_blueprint.get(PATH)
def login_page() -> Response:
    provider, realm = current_provider(), current_realm()
    found = session.load(provider, realm, request.args.get("session", ""))
    if found is None:
        return error_page(_expired())
    return _page(provider, realm, found, error=None)


@realm_blueprint.post(PATH)
def login_submit() -> Response:
    provider, realm, fields = current_provider(), current_realm(), request.form
    found = session.load(provider, realm, fields.get("session", ""))
    if found is None:
        return error_page(_expired())
    if fields.get("action", "login") == "cancel":
        return _deny(provider, found, DEFAULT_ERROR_CODES["cancel"])
    chosen = (
        outcome.parse_outcome(fields.get("outcome"))
        or outcome.parse_outcome(request.headers.get(outcome.OUTCOME_HEADER))
        or found.outcome
    )
    early = outcome.early_failure(chosen)
    if early is not None and early.error_codes:
        return _deny(provider, found, early.error_codes)
    return _authenticate(provider, realm, found, chosen)


def _authenticate(provider: Provider, realm: Realm, found: LoginSession, chosen: str | None) -> Response:
    fields, texts = request.form, TEXTS[found.request.ui_locale]
    number = "".join(fields.get("nnin", "").split())
    user = provider.users.get(number) if nnin.is_valid(number) else None
    if user is None:
        return _page(provider, realm, found, error=texts["user_error"])
    if not outcome.credentials_ok(fields.get("otp", ""), fields.get("password", "")):
        return _page(provider, realm, found, error=texts["cred_error"])
    idp = fields.get("idp", found.request.idp)
    bim = idp == "BIM" and provider.config.quirks.bim_available
    result = outcome.finish(
        user, chosen, wants_bis=idp == "BIS", bis_enabled=_bis_enabled(provider, realm, found), wants_bim=bim
    )
    if result.error_codes:
        return _deny(provider, found, result.error_codes)
    with provider.store.unit(durable=False):  # the session spent and the code stored: one commit
        if not session.finish(provider, found):
            return error_page(_expired())
        return complete.grant_code(provider, realm, found, user, result)


def _bis_enabled(provider: Provider, realm: Realm, found: LoginSession) -> bool:
    client = provider.clients.get(found.request.client_id, realm.name)
    return client is not None and provider.config.faults.registration(client.config).bis_enabled


def _deny(provider: Provider, found: LoginSession, codes: str) -> Response:
    if not session.finish(provider, found):
        return error_page(_expired())
    return complete.deny(provider, found, codes)


def _page(provider: Provider, realm: Realm, found: LoginSession, *, error: str | None) -> Response:
    record = provider.clients.get(found.request.client_id, realm.name)
    if record is None:
        return error_page(PageError("invalid_request", "Client not found."))
    config = provider.config.faults.registration(record.config)
    merchant_name = config.merchant_certificate_cn or provider.config.shared_merchant_certificate_cn
    page = _rendered(
        current_app.jinja_env.get_template("login.html"),
        locale=found.request.ui_locale,
        display_name=config.display_name,
        merchant_name=merchant_name,
        action=realm.url(PATH.lstrip("/")),
        idp=found.request.idp,
        nnin=request.form.get("nnin") or found.request.hinted_nnin or "",
        error=error,
        bis_enabled=config.bis_enabled,
        sign_text=found.request.sign_text,
        bim_available=provider.config.quirks.bim_available,
    )
    html = page.replace(_SESSION_SLOT, escape(found.handle))
    response = Response(html, status=200, content_type="text/html; charset=utf-8")
    response.headers["Cache-Control"] = "no-store"
    return response


# Where the session handle goes in a rendered page. Markup, so it is written as it is; every other value is
# autoescaped, so none can put a "<" (and so this slot) into the page: the slot marks only the session field.
_SESSION_SLOT = Markup("<session-slot>")


@functools.lru_cache(maxsize=128)
def _rendered(template: Template, *, locale: str, **values: object) -> str:
    """The page with a slot for the session handle, rendered once per distinct client, locale and state: the
    page is the same for every login of a client but its session, and Jinja's render was most of its cost. The
    template is part of the key, so a reloaded template renders afresh."""
    return template.render(texts=TEXTS[locale], locale=locale, outcomes=OUTCOMES, session=_SESSION_SLOT, **values)


def _expired() -> PageError:
    return PageError("expired_session", "The login session is unknown, expired or already finished.")
