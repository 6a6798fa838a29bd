"""From raw parameters to a trusted ``AuthorizationRequest``: client, PAR ``request_uri``, request object,
then ``redirect_uri``, which must match a registered one exactly [S15][S16][S39]. Until the redirect URI is
trusted every failure is a ``PageError``; after that a ``RedirectError`` that knows where to go."""

from __future__ import annotations

from collections.abc import Iterable

from mock_provider.authorize import login_hint, request_object
from mock_provider.authorize.errors import PageError, RedirectError
from mock_provider.authorize.params import single_values
from mock_provider.authorize.request import RESPONSE_MODES, AuthorizationRequest, build
from mock_provider.authorize.respond import Target
from mock_provider.authorize.validators import AuthorizeInput
from mock_provider.config import ClientConfig
from mock_provider.provider import Provider, Realm

PAR_KIND = "par"
REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:"


class TargetedError(Exception):
    """A ``RedirectError`` together with the trusted target it must be delivered to."""

    def __init__(self, error: RedirectError, target: Target) -> None:
        super().__init__(error.description)
        self.error = error
        self.target = target


def resolve(provider: Provider, realm: Realm, pairs: Iterable[tuple[str, list[str]]]) -> AuthorizationRequest:
    params = single_values(pairs)
    client = _client(provider, realm, params)
    params, via_par = _expand_par(provider, realm, client, params)
    deferred: RedirectError | None = None
    protected = via_par
    try:
        expanded = request_object.expand(provider, realm, client, params)
        params, hint_encrypted = login_hint.decrypted(provider, realm, expanded.params)
        protected = via_par or expanded.encrypted or hint_encrypted
    except RedirectError as error:
        deferred = error
    redirect_uri = supplied_redirect_uri(params)
    mode = params.get("response_mode", "query")
    target = Target(redirect_uri, params.get("state"), mode if mode in RESPONSE_MODES else "query")
    checked = AuthorizeInput(params, client, redirect_uri, via_par, provider.config.quirks, protected, deferred)
    try:
        return build(provider, checked)
    except RedirectError as error:
        raise TargetedError(error, target) from error


def trusted_client(provider: Provider, realm: Realm, client_id: str | None) -> ClientConfig:
    record = provider.clients.get(client_id, realm.name) if client_id else None
    if record is None or not record.config.enabled:
        raise PageError(
            "invalid_request", "Client not found.", status=provider.config.quirks.untrusted_client_page_status
        )
    return record.config


def _client(provider: Provider, realm: Realm, params: dict[str, str]) -> ClientConfig:
    return trusted_client(provider, realm, params.get("client_id"))


def supplied_redirect_uri(params: dict[str, str]) -> str:
    """The ``redirect_uri`` as supplied; the checks then decide whether it is registered."""
    redirect_uri = params.get("redirect_uri")
    if not redirect_uri:
        raise PageError("invalid_request", "Missing parameter: redirect_uri")
    return redirect_uri


def _expand_par(
    provider: Provider, realm: Realm, client: ClientConfig, params: dict[str, str]
) -> tuple[dict[str, str], bool]:
    """The pushed parameters behind a one-time ``request_uri`` (RFC 9126 §4)."""
    request_uri = params.get("request_uri")
    if request_uri is None:
        return params, False
    consumed = provider.grants.consume(PAR_KIND, request_uri)
    grant = consumed.grant
    fresh = consumed.first_use and grant is not None and grant.expires_at > provider.now()
    if not fresh or grant is None or grant.client_id != client.client_id or grant.realm != realm.name:
        raise PageError("invalid_request_uri", "The request_uri is unknown, expired or already used")
    pushed: dict[str, str] = dict(grant.payload["params"])
    return pushed, True
