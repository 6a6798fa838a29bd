"""Login sessions: the authorization request waiting for the user, kept in the shared store for the
10 minutes BankID keeps an authentication session active [S49]."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from mock_provider.authorize.request import AuthorizationRequest
from mock_provider.oauth.tokens import opaque_handle
from mock_provider.provider import Provider, Realm

LOGIN_KIND = "login"
SESSION_SECONDS = 600


@dataclass(frozen=True)
class LoginSession:
    handle: str
    request: AuthorizationRequest
    sid: str
    outcome: str | None


def start(provider: Provider, realm: Realm, request: AuthorizationRequest, outcome: str | None) -> str:
    handle, sid = opaque_handle(), str(uuid.uuid4())
    payload = {"request": request.payload(), "sid": sid, "outcome": outcome}
    provider.grants.put(
        LOGIN_KIND,
        handle,
        client_id=request.client_id,
        realm=realm.name,
        payload=payload,
        lifetime=SESSION_SECONDS,
        family=sid,
    )
    return handle


def load(provider: Provider, realm: Realm, handle: str) -> LoginSession | None:
    grant = provider.grants.live(LOGIN_KIND, handle) if handle else None
    if grant is None or grant.realm != realm.name:
        return None
    request = AuthorizationRequest.from_payload(grant.payload["request"])
    return LoginSession(handle, request, str(grant.payload["sid"]), grant.payload.get("outcome"))


def finish(provider: Provider, session: LoginSession) -> bool:
    """End the session; ``False`` if another request (a double submit) already ended it."""
    return provider.grants.consume(LOGIN_KIND, session.handle).first_use
