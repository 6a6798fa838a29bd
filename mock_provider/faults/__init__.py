"""Named fault profiles: the ways the mock can be made to misbehave, each a ``FaultProfile`` value built from
the hooks of ``mock_provider.hooks``. The detection table (``tests/harness/detection.toml``) says which rule
ids each one makes fail; the harness's own tests prove it over the whole suite.

One module per area; a new fault adds a profile there, never a branch in the provider.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType

from mock_provider.faults import (
    authentication_request,
    authorize,
    client_auth,
    discovery,
    encryption,
    endpoints,
    keys,
    provisioning,
    signing,
    tokens,
)
from mock_provider.hooks import FaultProfile

__all__ = ["PROFILES", "UnknownFault", "names", "profile"]


def _merged(*areas: Mapping[str, FaultProfile]) -> Mapping[str, FaultProfile]:
    merged: dict[str, FaultProfile] = {}
    for area in areas:
        for name, value in area.items():
            if name in merged:
                raise ValueError(f"fault profile {name!r} is defined twice")
            merged[name] = dataclasses.replace(value, names=(name,))
    return MappingProxyType(dict(sorted(merged.items())))


PROFILES: Mapping[str, FaultProfile] = _merged(
    discovery.PROFILES,
    keys.PROFILES,
    tokens.PROFILES,
    client_auth.PROFILES,
    authorize.PROFILES,
    endpoints.PROFILES,
    authentication_request.PROFILES,
    signing.PROFILES,
    encryption.PROFILES,
    provisioning.PROFILES,
)


class UnknownFault(KeyError):
    """A profile name that is not in ``PROFILES``; the message lists every known name."""

    def __str__(self) -> str:
        return str(self.args[0])


def names() -> tuple[str, ...]:
    return tuple(PROFILES)


def profile(*chosen: str) -> FaultProfile:
    """The named profiles composed in order (a later one applies on top of an earlier one)."""
    combined = FaultProfile()
    for name in chosen:
        if name not in PROFILES:
            raise UnknownFault(f"unknown fault profile {name!r}; known: {', '.join(PROFILES)}")
        combined = combined.then(PROFILES[name])
    return combined
