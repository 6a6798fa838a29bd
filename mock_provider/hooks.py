"""The seams where the mock can be made to misbehave: a few typed hooks, each the identity by default.

The provider calls one hook at each seam and never asks which fault is on (navikt mock-oauth2-server's
``OAuth2TokenCallback`` is the model). A ``FaultProfile`` is a value composed of hooks; the named profiles
live in ``mock_provider.faults``. The seams:

- ``discovery``: the OpenID Provider metadata document;
- ``jwks``: the keys a JWKS endpoint publishes; ``signing_key``: the key a token is signed with;
- ``access_token``, ``id_token``, ``userinfo``: the claims of each, and ``authorization_response``: the
  parameters a finished login sends back to the client;
- ``registration``: a client's registration as login and token issuance read it;
- ``authorize`` and ``code_exchange``: the named checks of an authorization request and of a code
  redemption, a collection a profile can drop from, replace in or add to;
- ``client_authentication``: wraps the client-authentication policy of token, introspection and PAR;
- ``interceptor``: sees every HTTP request and response (WSGI), and may rewrite either.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from werkzeug.wrappers import Request, Response

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

    from mock_provider.config import ClientConfig
    from mock_provider.keys.keyring import SigningKey
    from mock_provider.oauth.client_auth import AuthenticatedClient
    from mock_provider.provider import Provider, Realm
    from mock_provider.users.model import TestUser

T = TypeVar("T")
Json = dict[str, Any]


@dataclass(frozen=True)
class TokenContext:
    """What a claims hook may consult: the client, the granted scope and, for a user's token, the user."""

    client_id: str
    scope: tuple[str, ...]
    user: TestUser | None = None


@dataclass(frozen=True)
class JwksContext:
    """Which JWKS is being served (``sig`` at ``jwks_uri``, ``enc`` at ``jwks_uri_enc``) and the signing kid."""

    endpoint: str
    signing_kid: str


Check = Callable[[T], None]


@dataclass(frozen=True)
class Checks(Generic[T]):
    """Named checks run in order; each raises the error its rule prescribes. Profiles edit them by name."""

    items: tuple[tuple[str, Check[T]], ...]

    def run(self, subject: T) -> None:
        for _, check in self.items:
            check(subject)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.items)

    def without(self, *names: str) -> Checks[T]:
        self._known(names)
        return Checks(tuple(item for item in self.items if item[0] not in names))

    def replacing(self, name: str, check: Check[T]) -> Checks[T]:
        self._known((name,))
        return Checks(tuple((n, check if n == name else c) for n, c in self.items))

    def adding(self, name: str, check: Check[T]) -> Checks[T]:
        if name in self.names:
            raise KeyError(f"check {name!r} already exists")
        return Checks((*self.items, (name, check)))

    def _known(self, names: Iterable[str]) -> None:
        unknown = [n for n in names if n not in self.names]
        if unknown:
            raise KeyError(f"no check named {unknown[0]!r}; known: {', '.join(self.names)}")


def without(*names: str) -> Callable[[Checks[Any]], Checks[Any]]:
    """An edit for ``FaultProfile.authorize`` or ``code_exchange``: drop the named checks."""
    return lambda checks: checks.without(*names)


def replacing(name: str, check: Check[Any]) -> Callable[[Checks[Any]], Checks[Any]]:
    return lambda checks: checks.replacing(name, check)


def adding(name: str, check: Check[Any]) -> Callable[[Checks[Any]], Checks[Any]]:
    return lambda checks: checks.adding(name, check)


class Authenticate(Protocol):
    """The client-authentication policy of one endpoint (``mock_provider.oauth.client_auth``)."""

    def __call__(
        self, provider: Provider, realm: Realm, *, form: Mapping[str, str], authorization: str | None, endpoint_url: str
    ) -> AuthenticatedClient: ...


Handler = Callable[[Request], Response]
Interceptor = Callable[[Request, Handler], Response]


def _same(value: T, *_: object) -> T:
    return value


def _forward(request: Request, handler: Handler) -> Response:
    return handler(request)


@dataclass(frozen=True, kw_only=True)
class FaultProfile:
    """A provider's misbehaviour as a value. ``FaultProfile()`` is the conformant provider: every hook is the
    identity. Compose two with ``a.then(b)`` (``b`` applies on top of ``a``)."""

    discovery: Callable[[Json], Json] = _same
    jwks: Callable[[list[Json], JwksContext], list[Json]] = _same
    signing_key: Callable[[SigningKey], SigningKey] = _same
    access_token: Callable[[Json, TokenContext], Json] = _same
    id_token: Callable[[Json, TokenContext], Json] = _same
    userinfo: Callable[[Json, TokenContext], Json] = _same
    authorization_response: Callable[[Json, TokenContext], Json] = _same
    registration: Callable[[ClientConfig], ClientConfig] = _same
    authorize: Callable[[Checks[Any]], Checks[Any]] = _same
    code_exchange: Callable[[Checks[Any]], Checks[Any]] = _same
    client_authentication: Callable[[Authenticate], Authenticate] = _same
    interceptor: Interceptor = _forward
    # Only the names of the profiles this one was composed from, for messages; never read by the provider.
    names: tuple[str, ...] = field(default=(), compare=False)

    @property
    def intercepts(self) -> bool:
        return self.interceptor is not _forward

    def then(self, other: FaultProfile) -> FaultProfile:
        """This profile's hooks, then ``other``'s on their result."""
        return FaultProfile(
            discovery=_chain1(self.discovery, other.discovery),
            jwks=_chain2(self.jwks, other.jwks),
            signing_key=_chain1(self.signing_key, other.signing_key),
            access_token=_chain2(self.access_token, other.access_token),
            id_token=_chain2(self.id_token, other.id_token),
            userinfo=_chain2(self.userinfo, other.userinfo),
            authorization_response=_chain2(self.authorization_response, other.authorization_response),
            registration=_chain1(self.registration, other.registration),
            authorize=_chain1(self.authorize, other.authorize),
            code_exchange=_chain1(self.code_exchange, other.code_exchange),
            client_authentication=_chain1(self.client_authentication, other.client_authentication),
            interceptor=_nest(self.interceptor, other.interceptor),
            names=(*self.names, *other.names),
        )


A = TypeVar("A")
C = TypeVar("C")


def _chain1(first: Callable[[A], A], second: Callable[[A], A]) -> Callable[[A], A]:
    if first is _same:
        return second
    if second is _same:
        return first
    return lambda value: second(first(value))


def _chain2(first: Callable[[A, C], A], second: Callable[[A, C], A]) -> Callable[[A, C], A]:
    if first is _same:
        return second
    if second is _same:
        return first
    return lambda value, context: second(first(value, context), context)


def _nest(inner: Interceptor, outer: Interceptor) -> Interceptor:
    if inner is _forward:
        return outer
    if outer is _forward:
        return inner
    return lambda request, handler: outer(request, lambda forwarded: inner(forwarded, handler))


def intercepted(
    app: WSGIApplication, interceptor: Interceptor, *, max_body: int, broken: Callable[[Exception], WSGIApplication]
) -> WSGIApplication:
    """``app`` behind ``interceptor``: the request body is buffered so the interceptor may read it and still
    forward the request (or a rewritten one) to the app. Only up to ``max_body`` bytes: a larger body never
    reaches the interceptor, and the app refuses it as it refuses one with no profile (``mock_provider.limits``).
    An interceptor that raises runs outside the app's error handlers, so ``broken`` answers for them: the app's
    own answer to an unexpected error, never the server's bare 500 page or a stack trace."""
    from mock_provider.limits import read_body, too_large  # limits imports Flask; hooks stays importable alone

    def handler(request: Request) -> Response:
        # A fresh stream over the buffered body: the interceptor may have read the form already.
        environ = dict(request.environ)
        environ["wsgi.input"] = io.BytesIO(environ[_BODY])
        return Response.from_app(app, environ)

    def wsgi(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        body = read_body(environ, max_body)
        if body is None:
            return app(too_large(environ, max_body), start_response)
        try:
            response = interceptor(replayable(environ, body=body), handler)
        except Exception as error:  # a profile's bug must not take the HTTP answer with it
            return broken(error)(environ, start_response)
        return response(environ, start_response)

    return wsgi


def replayable(environ: WSGIEnvironment, *, body: bytes | None = None, **overrides: str) -> Request:
    """A request over a copy of ``environ`` whose body can be read more than once (optionally replaced)."""
    copy = dict(environ)
    copy.pop("HTTP_TRANSFER_ENCODING", None)  # the body is measured now; Werkzeug ignores Content-Length if chunked
    if body is None:
        body = Request(environ).get_data(cache=True)
    copy.update(overrides)
    copy[_BODY] = body
    copy["wsgi.input"] = io.BytesIO(body)
    copy["CONTENT_LENGTH"] = str(len(body))
    return Request(copy)


_BODY = "mock_provider.body"
