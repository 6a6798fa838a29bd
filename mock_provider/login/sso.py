"""Reusing a live login for a later request carrying ``id_token_hint`` (the ``sso`` quirk).

BankID says both "single sign-on is not supported" and that an ``id_token_hint`` with an active session "can
start a new session without re-authentication" [S49]: UNCLEAR, so by default every request logs in again and
with ``--quirk sso=id-token-hint`` the login is remembered for the 10-minute session [S49] and reused.
Reuse follows Keycloak's ``OIDCLoginProtocol.requireReauthentication``: ``prompt=login`` or a login older than
``max_age`` forces a new login.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mock_provider.authorize.request import AuthorizationRequest
from mock_provider.login.session import SESSION_SECONDS
from mock_provider.provider import Provider, Realm

SSO_KIND = "sso"


@dataclass(frozen=True)
class LiveLogin:
    """What a remembered login established: who, how and when."""

    sid: str
    nnin: str
    acr: str
    amr: tuple[str, ...]
    auth_time: int


def remember(provider: Provider, realm: Realm, client_id: str, login: LiveLogin) -> None:
    if not provider.config.quirks.sso_with_id_token_hint:
        return
    payload: dict[str, Any] = {"nnin": login.nnin, "acr": login.acr, "amr": list(login.amr), "at": login.auth_time}
    provider.grants.put(
        SSO_KIND,
        login.sid,
        client_id=client_id,
        realm=realm.name,
        payload=payload,
        lifetime=SESSION_SECONDS,
        family=login.sid,
    )


def reusable(provider: Provider, realm: Realm, request: AuthorizationRequest, hint: dict[str, Any]) -> LiveLogin | None:
    """The hinted login, if the quirk allows reuse and Keycloak would not force a new login."""
    if not provider.config.quirks.sso_with_id_token_hint or "login" in request.prompt:
        return None
    if request.sign_text is not None:
        return None  # a signature needs the user's own confirmation on the dialog [S63]
    sid = hint.get("sid")
    grant = provider.grants.live(SSO_KIND, str(sid)) if sid else None
    if grant is None or grant.realm != realm.name:
        return None
    data = grant.payload
    login = LiveLogin(str(sid), str(data["nnin"]), str(data["acr"]), tuple(data["amr"]), int(data["at"]))
    if request.max_age is not None and provider.now() - login.auth_time > request.max_age:
        return None
    return login
