"""What a finished BankID login established, carried from the code to every token issued from it."""

from __future__ import annotations

import dataclasses
import functools
import uuid
from dataclasses import dataclass
from typing import Any

from mock_provider.provider import Realm
from mock_provider.users.model import TestUser


@dataclass(frozen=True, kw_only=True)
class Authentication:
    sid: str
    nnin: str
    client_id: str
    scope: tuple[str, ...]
    nonce: str
    acr: str
    amr: tuple[str, ...]
    auth_time: int
    authorization_details: list[dict[str, Any]] | None = None
    permission_digest: str | None = None
    # The signatures of a simple text signing, carried to the ID token as ``sign_result`` [S63].
    sign_result: dict[str, str] | None = None
    # The request's max_age: OIDC Core §2 then requires auth_time in the ID token.
    max_age: int | None = None

    def payload(self) -> dict[str, Any]:
        # Shallow: the payload is only serialised, and asdict's deep copy cost more than the rest of a token.
        return {name: getattr(self, name) for name in _AUTHENTICATION_FIELDS}

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Authentication:
        return cls(**{**data, "scope": tuple(data["scope"]), "amr": tuple(data["amr"])})


_AUTHENTICATION_FIELDS = tuple(f.name for f in dataclasses.fields(Authentication))


def subject(realm: Realm, user: TestUser) -> str:
    """``sub``: a GUID, stable per user and realm; BankID promises only ``bankid_altsub`` is stable [S44]."""
    return _subject(realm.issuer, user.bankid_altsub)


@functools.lru_cache(maxsize=4096)
def _subject(issuer: str, altsub: str) -> str:
    # Three tokens of a flow name the same subject; a name-based UUID is a pure function of its inputs.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{issuer}/users/{altsub}"))
