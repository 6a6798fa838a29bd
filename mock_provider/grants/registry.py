"""The grant-type registry the token endpoint dispatches on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mock_provider.oauth.client_auth import AuthenticatedClient
from mock_provider.provider import Provider, Realm


@dataclass(frozen=True)
class GrantRequest:
    provider: Provider
    realm: Realm
    client: AuthenticatedClient
    form: dict[str, str]


GrantHandler = Callable[[GrantRequest], dict[str, Any]]
GRANTS: dict[str, GrantHandler] = {}


def grant(name: str) -> Callable[[GrantHandler], GrantHandler]:
    def register(handler: GrantHandler) -> GrantHandler:
        GRANTS[name] = handler
        return handler

    return register
