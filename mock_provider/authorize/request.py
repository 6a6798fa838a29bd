"""A validated authorization request, and the BankID API-v4 rules that build it [S16][S50][S52].

``build`` runs only once the client and its ``redirect_uri`` are trusted, so every failure here is a
``RedirectError`` (a 303 back to the client).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from mock_provider.authorize import rar
from mock_provider.authorize.errors import RedirectError, invalid_request
from mock_provider.authorize.params import is_valid_challenge, parse_login_hint
from mock_provider.config import ClientConfig, Faults, Quirks
from mock_provider.sign import SIGN_SCOPE, parse_sign_text

API_VERSION = 4
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
        data = dataclasses.asdict(self)
        data.pop("id_token_hint")
        return data

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> AuthorizationRequest:
        fields = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in fields}
        for name in ("scope", "acr_values", "prompt"):
            values[name] = tuple(values.get(name, ()))
        return cls(**values)


def build(
    params: dict[str, str],
    client: ClientConfig,
    redirect_uri: str,
    *,
    via_par: bool,
    faults: Faults,
    hint_protected: bool | None = None,
    quirks: Quirks | None = None,
) -> AuthorizationRequest:
    """``hint_protected``: the login_hint never travelled in clear (PAR, an encrypted request object or an
    encrypted login_hint), so it may carry a nnin [S50][S52]; it defaults to ``via_par``."""
    quirks = quirks or Quirks()
    _check_response_type(params)
    if quirks.require_pushed_authorization_requests and not via_par:
        # Keycloak's AuthorizationEndpointChecker.checkParRequired: the same error and text, redirected.
        raise invalid_request("Pushed Authorization Request is only allowed.")
    if not faults.authorize_accept_old_api_version:
        _check_api_version(params.get("api_version"))
    scope = _scope(params, client, faults)
    method, challenge = _pkce(params, faults, quirks)
    hint = parse_login_hint(params.get("login_hint"))
    protected = via_par if hint_protected is None else hint_protected
    if hint.has_clear_nnin and not protected and not faults.authorize_accept_clear_nnin:
        raise invalid_request("A clear-text nnin in login_hint is not supported in API v4; use PAR")
    acr = _acr_values(params, quirks)
    if faults.authorize_refuse_bid and ACR_VALUES[0] in acr:
        raise RedirectError("unauthorized_client", "The client may not use urn:bankid:bid")
    details, digest = _authorization_details(params, via_par=via_par, faults=faults)
    idp = _idp(acr, hint.idp, quirks)
    return AuthorizationRequest(
        client_id=client.client_id,
        redirect_uri=redirect_uri,
        scope=scope,
        state=_required(params, "state", optional=faults.authorize_optional_state_nonce),
        nonce=_required(params, "nonce", optional=faults.authorize_optional_state_nonce),
        code_challenge=challenge,
        code_challenge_method=method,
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


def _required(params: dict[str, str], name: str, *, optional: bool = False) -> str:
    value = params.get(name, "")
    if not value and not optional:
        raise invalid_request(f"Missing parameter: {name} (required from API version 4)")
    return value


def _check_response_type(params: dict[str, str]) -> None:
    value = params.get("response_type")
    if not value:
        raise invalid_request("Missing parameter: response_type")
    if value != "code":
        raise RedirectError("unsupported_response_type", "Only response_type=code is supported")


def _check_api_version(value: str | None) -> None:
    if value is None:
        return
    if not value.isascii() or not value.isdigit():
        raise invalid_request("api_version must be an integer")
    if int(value) != API_VERSION:
        raise invalid_request(f"api_version {value} is not supported; the only supported version is 4")


def _scope(params: dict[str, str], client: ClientConfig, faults: Faults) -> tuple[str, ...]:
    requested = params.get("scope", "").split()
    if "openid" not in requested and not faults.authorize_optional_openid:
        raise RedirectError("invalid_scope", "The openid scope is required")
    # Keycloak drops scopes the client may not use rather than failing the request.
    return tuple(dict.fromkeys(s for s in requested if s == "openid" or s in client.scopes))


def _pkce(params: dict[str, str], faults: Faults, quirks: Quirks) -> tuple[str, str]:
    challenge = params.get("code_challenge")
    if not challenge:
        raise invalid_request("Missing parameter: code_challenge (PKCE is required from API version 4)")
    method = params.get("code_challenge_method", "plain")
    # What discovery advertises is what is accepted (the pkce-methods quirk); the fault accepts plain unadvertised.
    accepted = method in quirks.code_challenge_methods or (faults.authorize_accept_plain_pkce and method == "plain")
    if not accepted:
        raise invalid_request("code_challenge_method must be S256")
    if not is_valid_challenge(challenge, method):
        raise invalid_request("Invalid code_challenge")
    return method, challenge


def _authorization_details(
    params: dict[str, str], *, via_par: bool, faults: Faults
) -> tuple[list[dict[str, Any]] | None, str | None]:
    value = params.get("authorization_details")
    if value is None:
        return None, None
    if not via_par and not faults.authorize_reflect_authorization_details:
        raise invalid_request("authorization_details is only accepted in a pushed authorization request")
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
