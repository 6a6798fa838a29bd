"""Faults in client authentication at token, introspection and PAR (BID-R17, R18, R24, R25, R39; BID-P9..P12).

Each wraps the provider's own policy: it asks it first and overrides only a refusal.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote

import sqlalchemy as sa

from mock_provider.clients import ClientRecord
from mock_provider.config import ClientConfig
from mock_provider.hooks import Authenticate, FaultProfile
from mock_provider.oauth.client_auth import AuthenticatedClient, ClientAuthError
from mock_provider.provider import Provider, Realm
from mock_provider.provisioning import records
from mock_provider.store import schema


def _secret_client_id(form: Mapping[str, str], authorization: str | None) -> tuple[str, str] | None:
    """The client id of a client_secret_basic or _post attempt, and which method it was."""
    if authorization and authorization.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None
        return unquote(decoded.partition(":")[0]), "client_secret_basic"
    if form.get("client_id") and form.get("client_secret") is not None:
        return form["client_id"], "client_secret_post"
    return None


@dataclasses.dataclass(frozen=True)
class _Attempt:
    """One client-authentication call: what the provider's own policy was asked, and how to ask it again."""

    authenticate: Authenticate
    provider: Provider
    realm: Realm
    form: Mapping[str, str]
    authorization: str | None
    endpoint_url: str

    def ask(self, provider: Provider | None = None) -> AuthenticatedClient:
        return self.authenticate(
            provider or self.provider,
            self.realm,
            form=self.form,
            authorization=self.authorization,
            endpoint_url=self.endpoint_url,
        )


def _overriding_refusal(
    rescue: Callable[[_Attempt, ClientAuthError], AuthenticatedClient],
) -> Callable[[Authenticate], Authenticate]:
    """Ask the provider's own policy first; only a refusal reaches ``rescue``, which re-raises it to keep it."""

    def wrap(authenticate: Authenticate) -> Authenticate:
        def policy(
            provider: Provider, realm: Realm, *, form: Mapping[str, str], authorization: str | None, endpoint_url: str
        ) -> AuthenticatedClient:
            attempt = _Attempt(authenticate, provider, realm, form, authorization, endpoint_url)
            try:
                return attempt.ask()
            except ClientAuthError as refusal:
                return rescue(attempt, refusal)

        return policy

    return wrap


@_overriding_refusal
def _any_secret(attempt: _Attempt, refusal: ClientAuthError) -> AuthenticatedClient:
    """Any secret, for any client id, even one never provisioned."""
    claimed = _secret_client_id(attempt.form, attempt.authorization)
    if claimed is None:
        raise refusal
    client_id, method = claimed
    record = attempt.provider.clients.get(client_id, attempt.realm.name)
    return AuthenticatedClient(record or _unknown(client_id, attempt.realm), method)


def _unknown(client_id: str, realm: Realm) -> ClientRecord:
    return ClientRecord(ClientConfig(client_id=client_id, realm=realm.name), None, None)


def _open_at(path: str, *, known_only: bool) -> Callable[[Authenticate], Authenticate]:
    """No client authentication at endpoints ending in ``path``: the claimed client (or nobody) is let in."""

    @_overriding_refusal
    def rescue(attempt: _Attempt, refusal: ClientAuthError) -> AuthenticatedClient:
        if not attempt.endpoint_url.endswith(path):
            raise refusal
        record = attempt.provider.clients.get(attempt.form.get("client_id", ""), attempt.realm.name)
        if record is None and known_only:
            raise refusal
        return AuthenticatedClient(record or _unknown("", attempt.realm), "none")

    return rescue


def _assertion_claims(form: Mapping[str, str]) -> dict[str, Any]:
    try:
        payload = form.get("client_assertion", "").split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, binascii.Error):
        return {}
    return claims if isinstance(claims, dict) else {}


@_overriding_refusal
def _judged_at_issue_time(attempt: _Attempt, refusal: ClientAuthError) -> AuthenticatedClient:
    """An expired assertion is judged by the clock at its ``iat``, so it never looks expired."""
    iat = _assertion_claims(attempt.form).get("iat")
    if not isinstance(iat, int | float) or isinstance(iat, bool):
        raise refusal
    config = dataclasses.replace(attempt.provider.config, clock=lambda: float(iat))
    return attempt.ask(dataclasses.replace(attempt.provider, config=config))


def _forgets_assertions(authenticate: Authenticate) -> Authenticate:
    """The provider forgets which assertions a client already used, so a replay is accepted."""

    def policy(
        provider: Provider, realm: Realm, *, form: Mapping[str, str], authorization: str | None, endpoint_url: str
    ) -> AuthenticatedClient:
        issuer = _assertion_claims(form).get("iss")
        if isinstance(issuer, str):
            table = schema.used_assertions
            with provider.store.begin() as connection:
                connection.execute(sa.delete(table).where(table.c.client_id == issuer))
        return authenticate(provider, realm, form=form, authorization=authorization, endpoint_url=endpoint_url)

    return policy


def _refuses_at(path: str) -> Any:
    """Client authentication at endpoints ending in ``path`` refuses every client, whatever it presents."""

    def wrap(authenticate: Authenticate) -> Authenticate:
        def policy(
            provider: Provider, realm: Realm, *, form: Mapping[str, str], authorization: str | None, endpoint_url: str
        ) -> AuthenticatedClient:
            client = authenticate(provider, realm, form=form, authorization=authorization, endpoint_url=endpoint_url)
            if endpoint_url.endswith(path):
                raise ClientAuthError(provider, "Invalid client or Invalid client credentials")
            return client

        return policy

    return wrap


def _refuses_provisioned_at(path: str, *, younger_than: float) -> Any:
    """Refuse clients provisioned less than ``younger_than`` seconds ago at endpoints ending in ``path``: the
    issued credentials are "not yet active"."""

    def wrap(authenticate: Authenticate) -> Authenticate:
        def policy(
            provider: Provider, realm: Realm, *, form: Mapping[str, str], authorization: str | None, endpoint_url: str
        ) -> AuthenticatedClient:
            client = authenticate(provider, realm, form=form, authorization=authorization, endpoint_url=endpoint_url)
            origin = records.latest(provider, client.client_id)
            fresh = origin is not None and provider.now() - origin.submitted_at < younger_than
            if endpoint_url.endswith(path) and fresh:
                raise ClientAuthError(provider, "Invalid client or Invalid client credentials")
            return client

        return policy

    return wrap


PROFILES = {
    "any-secret": FaultProfile(client_authentication=_any_secret),
    "open-introspection": FaultProfile(client_authentication=_open_at("/token/introspect", known_only=False)),
    "par-without-client-auth": FaultProfile(client_authentication=_open_at("/ext/par/request", known_only=True)),
    "expired-assertion": FaultProfile(client_authentication=_judged_at_issue_time),
    "replayed-assertion": FaultProfile(client_authentication=_forgets_assertions),
    "introspection-refuses-every-client": FaultProfile(client_authentication=_refuses_at("/token/introspect")),
    "provisioned-credentials-not-yet-active": FaultProfile(
        client_authentication=_refuses_provisioned_at("", younger_than=60)
    ),
}
