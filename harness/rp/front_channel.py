"""How an authorization request reaches the provider: the one place the harness decides between the plain
authorize URL and a pushed authorization request.

A provider whose discovery says ``require_pushed_authorization_requests: true`` accepts authorization requests
only through PAR (RFC 9126 §5), as Keycloak's ``AuthorizationEndpointChecker.checkParRequired`` enforces: the
client pushes the parameters with its credentials and the authorize URL carries only ``client_id`` and the
returned ``request_uri`` (RFC 9126 §4). Otherwise the parameters travel in the URL, as BankID's documented
flow does [S15][S16]. The choice rests on what the provider publishes, never on which target it is, so a
verdict means the same against the mock and CURRENT.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from harness.http import HttpSession, Reply
from harness.rp import par
from harness.rp.authorize import AuthorizationRequest
from harness.rp.client_auth import client_auth
from harness.rp.discovery import Discovery
from harness.rules.errors import Inconclusive, NotApplicable
from harness.target import ClientCredentials


def requires_par(discovery: Discovery) -> bool:
    """RFC 9126 §5: only the boolean ``true`` makes PAR mandatory; absent or anything else means optional."""
    return discovery.document.get("require_pushed_authorization_requests") is True


@dataclass(frozen=True)
class Entry:
    """What the authorization endpoint is to receive, or the provider's refusal of the pushed request."""

    params: dict[str, str] | None
    refusal: Reply | None = None

    def url(self, authorization_endpoint: str) -> str:
        separator = "&" if "?" in authorization_endpoint else "?"
        return f"{authorization_endpoint}{separator}{urlencode(self.params or {})}"


def enter(
    http: HttpSession, discovery: Discovery, request: AuthorizationRequest, client: ClientCredentials | None
) -> Entry:
    """The request's own parameters, or, when the provider requires PAR, ``client_id`` and the ``request_uri``
    its PAR endpoint returned for the pushed request (the refusal instead when it returned none)."""
    if not requires_par(discovery):
        return Entry(request.query())
    if client is None or not client.usable:
        raise Inconclusive(
            f"the provider requires pushed authorization requests (RFC 9126 §5) and no credentials are known "
            f"for client {request.client_id!r} to push this one with"
        )
    endpoint = discovery.endpoint("pushed_authorization_request_endpoint")
    method = client.auth_methods[0] if client.auth_methods else "client_secret_basic"
    reply = par.push(http, endpoint, request, client_auth(method, client, audience=endpoint))
    request_uri = par.request_uri_of(reply)
    if request_uri is None:
        return Entry(None, reply)
    return Entry({"client_id": request.client_id, "request_uri": request_uri})


def first_answer(
    http: HttpSession, discovery: Discovery, request: AuthorizationRequest, client: ClientCredentials | None
) -> Reply:
    """The provider's first answer to ``request``: the authorize endpoint's, or a refused push's (its 400
    error JSON is how a PAR-only provider refuses a bad request, RFC 9126 §2.3)."""
    entry = enter(http, discovery, request, client)
    if entry.refusal is not None:
        return entry.refusal
    return http.get(entry.url(discovery.endpoint("authorization_endpoint")))


def authorization_url(
    http: HttpSession, discovery: Discovery, request: AuthorizationRequest, client: ClientCredentials | None
) -> str:
    """The URL a user's browser is sent to for a login; a refused push leaves no login to judge."""
    entry = enter(http, discovery, request, client)
    if entry.refusal is not None:
        raise Inconclusive(f"the provider requires PAR and refused the pushed request ({_refusal(entry.refusal)})")
    return entry.url(discovery.endpoint("authorization_endpoint"))


def plain_only(discovery: Discovery, what: str) -> None:
    """A rule about ``what`` a plain authorize URL carries cannot be judged where no plain URL is accepted."""
    if requires_par(discovery):
        raise NotApplicable(
            f"the provider requires pushed authorization requests (require_pushed_authorization_requests: true, "
            f"RFC 9126 §5), so {what} on a plain authorize URL is refused whatever it carries"
        )


def _refusal(reply: Reply) -> str:
    error = (reply.json_object() or {}).get("error")
    return f"HTTP {reply.status}" + (f", {error}" if isinstance(error, str) else "")
