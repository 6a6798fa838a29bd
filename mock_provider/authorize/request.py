"""A validated authorization request, and the BankID API-v4 rules that build it [S16][S50][S52].

``build`` runs the checks of ``mock_provider.authorize.validators`` and then reads the request's values;
a value that fails to parse after the checks is a ``RedirectError`` (a 303 back to the client).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mock_provider.authorize import rar
from mock_provider.authorize.errors import invalid_request
from mock_provider.authorize.params import parse_login_hint
from mock_provider.authorize.validators import VALIDATORS, AuthorizeInput
from mock_provider.config import ClientConfig, Quirks
from mock_provider.sign import SIGN_SCOPE, parse_sign_text

if TYPE_CHECKING:
    from mock_provider.provider import Provider

RESPONSE_MODES = ("query", "fragment", "form_post")
PROMPTS = ("none", "login", "consent", "select_account")
ACR_VALUES = ("urn:bankid:bid", "urn:bankid:bis")
BIM_ACR = "urn:bankid:bim"
ACR_IDPS = {"urn:bankid:bid": "BID", "urn:bankid:bis": "BIS", BIM_ACR: "BIM"}
LOCALES = {"nb": "nb", "no": "nb", "nn": "nb", "en": "en"}


@dataclass(frozen=True, kw_only=True)
class AuthorizationRequest:
    client_id: str
    redirect_uri: str
    scope: tuple[str, ...]
    state: str
    nonce: str
    code_challenge: str
    code_challenge_method: str
    response_mode: str = "query"
    acr_values: tuple[str, ...] = ()
    idp: str = "BID"
    hinted_nnin: str | None = None
    ui_locale: str = "nb"
    prompt: tuple[str, ...] = ()
    authorization_details: list[dict[str, Any]] | None = None
    permission_digest: str | None = None
    # The decoded text of a simple text signing (scope sign + sign_txt) [S63]; None for a plain login.
    sign_text: str | None = None
    max_age: int | None = None
    id_token_hint: str | None = None

    def payload(self) -> dict[str, Any]:
        """What the login session stores: the hint is checked at authorize and is not kept."""
        # Shallow, as it is only serialised (asdict's deep copy was a visible share of the authorize request).
        return {name: getattr(self, name) for name in _STORED_FIELDS}

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> AuthorizationRequest:
        fields = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in fields}
        for name in ("scope", "acr_values", "prompt"):
            values[name] = tuple(values.get(name, ()))
        return cls(**values)


_STORED_FIELDS = tuple(f.name for f in dataclasses.fields(AuthorizationRequest) if f.name != "id_token_hint")


def build(provider: Provider, checked: AuthorizeInput) -> AuthorizationRequest:
    """Run the authorize checks (as the fault profile leaves them), then read the request's values."""
    provider.config.faults.authorize(VALIDATORS).run(checked)
    params, client, quirks = checked.params, checked.client, checked.quirks
    scope = _scope(params, client)
    hint = parse_login_hint(params.get("login_hint"))
    acr = _acr_values(params, quirks)
    details, digest = _authorization_details(params)
    idp = _idp(acr, hint.idp, quirks)
    return AuthorizationRequest(
        client_id=client.client_id,
        redirect_uri=checked.redirect_uri,
        scope=scope,
        state=params.get("state", ""),
        nonce=params.get("nonce", ""),
        code_challenge=params.get("code_challenge", ""),
        code_challenge_method=params.get("code_challenge_method", "plain"),
        response_mode=response_mode(params),
        acr_values=acr,
        idp=idp,
        hinted_nnin=hint.nnin,
        ui_locale=ui_locale(params),
        prompt=_prompt(params),
        authorization_details=details,
        permission_digest=digest,
        sign_text=_sign_text(params, scope, idp),
        max_age=_max_age(params),
        id_token_hint=params.get("id_token_hint") or None,
    )


def response_mode(params: dict[str, str]) -> str:
    mode = params.get("response_mode", "query")
    if mode not in RESPONSE_MODES:
        raise invalid_request(f"Unsupported response_mode: {mode}")
    return mode


def ui_locale(params: dict[str, str]) -> str:
    """The first supported of ``ui_locales`` (BankID supports nb and en [S10]); nb otherwise."""
    for tag in params.get("ui_locales", "").split():
        locale = LOCALES.get(tag.lower().split("-")[0])
        if locale:
            return locale
    return "nb"


def _scope(params: dict[str, str], client: ClientConfig) -> tuple[str, ...]:
    # Keycloak drops scopes the client may not use rather than failing the request.
    requested = params.get("scope", "").split()
    return tuple(dict.fromkeys(s for s in requested if s == "openid" or s in client.scopes))


def _authorization_details(params: dict[str, str]) -> tuple[list[dict[str, Any]] | None, str | None]:
    value = params.get("authorization_details")
    if value is None:
        return None, None
    details = rar.parse(value)
    return details, rar.permission_digest(details)


def _sign_text(params: dict[str, str], scope: tuple[str, ...], idp: str) -> str | None:
    """The text to sign when the (granted) scope asks for signing [S63]; without ``sign`` it is ignored, as
    Keycloak ignores parameters it does not know."""
    if SIGN_SCOPE not in scope:
        return None
    if "sign_id" in params:
        raise invalid_request("sign_id (document signing through signdoc) is not supported by this mock")
    return parse_sign_text(params.get("sign_txt"), idp=idp)


def _prompt(params: dict[str, str]) -> tuple[str, ...]:
    values = tuple(params.get("prompt", "").split())
    unknown = [v for v in values if v not in PROMPTS]
    if unknown:
        raise invalid_request(f"Unsupported prompt: {unknown[0]}")
    if "none" in values and len(values) > 1:
        raise invalid_request("prompt=none cannot be combined with other values")  # OIDC Core §3.1.2.1
    return values


def _acr_values(params: dict[str, str], quirks: Quirks) -> tuple[str, ...]:
    """Every requested acr value the realm knows, in the client's order of preference (several are allowed from
    API v3 [S21][S50]). Unknown values are voluntary claims and are ignored, as Keycloak's AcrUtils does for
    non-essential ``acr_values``; ``urn:bankid:bim`` is known only while BankID on mobile is offered."""
    known = (*ACR_VALUES, BIM_ACR) if quirks.bim_available else ACR_VALUES
    return tuple(dict.fromkeys(v for v in params.get("acr_values", "").split() if v in known))


def _max_age(params: dict[str, str]) -> int | None:
    """``max_age`` in seconds (OIDC Core §3.1.2.1); BankID documents none, so Keycloak's reading applies."""
    value = params.get("max_age")
    if value is None:
        return None
    if not value.isascii() or not value.isdigit():
        raise invalid_request("Invalid parameter: max_age")
    return int(value)


def _idp(acr: tuple[str, ...], hinted: str | None, quirks: Quirks) -> str:
    """The IDP the dialog preselects: a BIS/BIM login hint [S18][S20], else the first requested acr value.
    A phased-out BankID on mobile falls back to BankID High, as a disabled BIS does [S59]."""
    if hinted == "BIS" or (hinted == "BIM" and quirks.bim_available):
        return hinted
    return ACR_IDPS[acr[0]] if acr else "BID"
