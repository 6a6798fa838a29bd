"""Faults in client authentication at token, introspection and PAR (BID-R17, R18, R24, R25, R39; BID-P9..P12).

Each wraps the provider's own policy: it asks it first and overrides only a refusal.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
from collections.abc import Mapping
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


def _any_secret(authenticate: Authenticate) -> Authenticate:
    """Any secret, for any client id, even one never provisioned."""

    def policy(
        provider: Provider, realm: Realm, *, form: Mapping[str, str], authorization: str | None, endpoint_url: str
    ) -> AuthenticatedClient:
        try:
            return authenticate(provider, realm, form=form, authorization=authorization, endpoint_url=endpoint_url)
        except ClientAuthError:
            attempt = _secret_client_id(form, authorization)
            if attempt is None:
                raise
            client_id, method = attempt
            record = provider.clients.get(client_id, realm.name)
            return AuthenticatedClient(record or _unknown(client_id, realm), method)

    return policy


def _unknown(client_id: str, realm: Realm) -> ClientRecord:
    return ClientRecord(ClientConfig(client_id=client_id, realm=realm.name), None, None)


def _open_at(path: str, *, known_only: bool) -> Any:
    """No client authentication at endpoints ending in ``path``: the claimed client (or nobody) is let in."""

    def wrap(authenticate: Authenticate) -> Authenticate:
        def policy(
            provider: Provider, realm: Realm, *, form: Mapping[str, str], authorization: str | None, endpoint_url: str
        ) -> AuthenticatedClient:
            try:
                return authenticate(provider, realm, form=form, authorization=authorization, endpoint_url=endpoint_url)
            except ClientAuthError:
                if not endpoint_url.endswith(path):
                    raise
                record = provider.clients.get(form.get("client_id", ""), realm.name)
                if record is None and known_only:
                    raise
                return AuthenticatedClient(record or _unknown("", realm), "none")

        return policy

    return wrap


def _assertion_claims(form: Mapping[str, str]) -> dict[str, Any]:
    try:
        payload = form.get("client_assertion", "").split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, binascii.Error):
        return {}
    return claims if isinstance(claims, dict) else {}


def _judged_at_issue_time(authenticate: Authenticate) -> Authenticate:
    """An expired assertion is judged by the clock at its ``iat``, so it never looks expired."""

    def policy(
        provider: Provider, realm: Realm, *, form: Mapping[str, str], authorization: str | None, endpoint_url: str
    ) -> AuthenticatedClient:
        try:
            return authenticate(provider, realm, form=form, authorization=authorization, endpoint_url=endpoint_url)
        except ClientAuthError:
            iat = _assertion_claims(form).get("iat")
            if not isinstance(iat, int | float) or isinstance(iat, bool):
                raise
            config = dataclasses.replace(provider.config, clock=lambda: float(iat))
            lagging = dataclasses.replace(provider, config=config)
            return authenticate(lagging, realm, form=form, authorization=authorization, endpoint_url=endpoint_url)

    return policy


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
