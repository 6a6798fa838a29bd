"""The checks of an authorization request, as one named, ordered collection [S15][S16][S39][S50][S52].

Each check raises the error its rule prescribes: a ``PageError`` while the redirect URI is not yet trusted,
a ``RedirectError`` after. A fault profile edits the collection by name (``FaultProfile.authorize``); the
request is built from the parameters only once every check has passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mock_provider.authorize.errors import PageError, RedirectError, invalid_request
from mock_provider.authorize.params import is_valid_challenge, parse_login_hint
from mock_provider.config import ClientConfig, Quirks
from mock_provider.hooks import Checks

API_VERSION = 4


@dataclass(frozen=True)
class AuthorizeInput:
    """One authorization request under check: its parameters, the client, and whether it came via PAR."""

    params: dict[str, str]
    client: ClientConfig
    redirect_uri: str
    via_par: bool
    quirks: Quirks = field(default_factory=Quirks)
    # The login_hint never travelled in clear (PAR, an encrypted request object or an encrypted login_hint),
    # so it may carry a nnin [S50][S52]; None means: as ``via_par``.
    hint_protected: bool | None = None
    # An invalid request object, reported only once the redirect URI is trusted [S39].
    request_object_error: RedirectError | None = None


def redirect_uri_registered(request: AuthorizeInput) -> None:
    """The ``redirect_uri`` must match a registered one exactly [S15]; otherwise nothing is redirected."""
    if request.redirect_uri not in request.client.redirect_uris:
        status = request.quirks.untrusted_client_page_status
        raise PageError("invalid_request", "Invalid parameter: redirect_uri", status=status)


def request_object_valid(request: AuthorizeInput) -> None:
    if request.request_object_error is not None:
        raise request.request_object_error


def response_type_code(request: AuthorizeInput) -> None:
    value = request.params.get("response_type")
    if not value:
        raise invalid_request("Missing parameter: response_type")
    if value != "code":
        raise RedirectError("unsupported_response_type", "Only response_type=code is supported")


def par_when_required(request: AuthorizeInput) -> None:
    if request.quirks.require_pushed_authorization_requests and not request.via_par:
        # Keycloak's AuthorizationEndpointChecker.checkParRequired: the same error and text, redirected.
        raise invalid_request("Pushed Authorization Request is only allowed.")


def api_version_4(request: AuthorizeInput) -> None:
    value = request.params.get("api_version")
    if value is None:
        return
    if not value.isascii() or not value.isdigit():
        raise invalid_request("api_version must be an integer")
    if int(value) != API_VERSION:
        raise invalid_request(f"api_version {value} is not supported; the only supported version is 4")


def openid_scope(request: AuthorizeInput) -> None:
    if "openid" not in request.params.get("scope", "").split():
        raise RedirectError("invalid_scope", "The openid scope is required")


def code_challenge_present(request: AuthorizeInput) -> None:
    if not request.params.get("code_challenge"):
        raise invalid_request("Missing parameter: code_challenge (PKCE is required from API version 4)")


def code_challenge_method_advertised(request: AuthorizeInput) -> None:
    """What discovery advertises is what is accepted: S256 only [S16], unless the pkce-methods quirk says more."""
    if request.params.get("code_challenge_method", "plain") not in request.quirks.code_challenge_methods:
        raise invalid_request("code_challenge_method must be S256")


def code_challenge_well_formed(request: AuthorizeInput) -> None:
    challenge = request.params.get("code_challenge", "")
    if not is_valid_challenge(challenge, request.params.get("code_challenge_method", "plain")):
        raise invalid_request("Invalid code_challenge")


def no_clear_nnin_hint(request: AuthorizeInput) -> None:
    """A clear-text nnin may be hinted only where it never reaches the browser in clear [S18][S52]."""
    protected = request.via_par if request.hint_protected is None else request.hint_protected
    if parse_login_hint(request.params.get("login_hint")).has_clear_nnin and not protected:
        raise invalid_request("A clear-text nnin in login_hint is not supported in API v4; use PAR")


def authorization_details_only_via_par(request: AuthorizeInput) -> None:
    if "authorization_details" in request.params and not request.via_par:
        raise invalid_request("authorization_details is only accepted in a pushed authorization request")


def state_present(request: AuthorizeInput) -> None:
    if not request.params.get("state"):
        raise invalid_request("Missing parameter: state (required from API version 4)")


def nonce_present(request: AuthorizeInput) -> None:
    if not request.params.get("nonce"):
        raise invalid_request("Missing parameter: nonce (required from API version 4)")


VALIDATORS: Checks[AuthorizeInput] = Checks(
    (
        ("redirect_uri_registered", redirect_uri_registered),
        ("request_object_valid", request_object_valid),
        ("response_type_code", response_type_code),
        ("par_when_required", par_when_required),
        ("api_version_4", api_version_4),
        ("openid_scope", openid_scope),
        ("code_challenge_present", code_challenge_present),
        ("code_challenge_method_advertised", code_challenge_method_advertised),
        ("code_challenge_well_formed", code_challenge_well_formed),
        ("no_clear_nnin_hint", no_clear_nnin_hint),
        ("authorization_details_only_via_par", authorization_details_only_via_par),
        ("state_present", state_present),
        ("nonce_present", nonce_present),
    )
)
