"""Provisioning requests the scenarios submit, written as data: one complete baseline and named variations.

The baseline carries everything the request lists ask for (environment, channel, organisation, description,
contacts, flows, IDPs, scopes, redirect URIs, display name [S1][S3][S4][S6]). Each scenario gets a fresh
client name so a session-long mock never sees the same client twice.
"""

from __future__ import annotations

import copy
import secrets
from typing import Any

ORGANISATION = {"name": "Konformitet Test AS", "number": "998877660"}
REDIRECT_URI = "https://rp.provisioning.example/callback"
DISPLAY_NAME = "Konformitet Test AS"

BASELINE: dict[str, Any] = {
    "environment": "CURRENT",
    "channel": "partner",
    "partner": {"name": "Demo Partner AS"},
    "organisation": ORGANISATION,
    "description": "Conformance harness: log-in and client_credentials for the provisioning scenarios.",
    "display_name": DISPLAY_NAME,
    "flows": ["authorization_code", "client_credentials"],
    "client_auth_method": "client_secret_basic",
    "idps": ["BID"],
    "scopes": ["openid", "profile"],
    "redirect_uris": [REDIRECT_URI],
    "contacts": {
        "technical": {"name": "Kari Nordmann", "email": "kari.nordmann@konformitet.example.no"},
        "commercial": {"name": "Ola Nordmann", "email": "ola.nordmann@konformitet.example.no"},
    },
    "merchant_certificate": {"kind": "shared"},
}

# How a channel is expressed in a request; PROD through a partner needs the commercial agreement [S1].
CHANNELS: dict[str, dict[str, Any]] = {
    "a partner": {"channel": "partner", "partner": {"name": "Demo Partner AS"}},
    "a partner with a commercial agreement": {
        "channel": "partner",
        "partner": {"name": "Demo Partner AS", "commercial_agreement": True},
    },
    "a partner without a commercial agreement": {
        "channel": "partner",
        "partner": {"name": "Demo Partner AS", "commercial_agreement": False},
    },
    "the service desk": {"channel": "service-desk", "partner": None},
}


def provisioning_request(environment: str = "CURRENT", channel: str = "a partner", **changes: Any) -> dict[str, Any]:
    """A complete request for ``environment`` through ``channel``; ``changes`` replace top-level fields."""
    request = copy.deepcopy(BASELINE)
    request.update(copy.deepcopy(CHANNELS[channel]))
    request["environment"] = environment
    request["client_name"] = f"conf{secrets.token_hex(4)}"
    request.update(changes)
    return {k: v for k, v in request.items() if v is not None}


def without(request: dict[str, Any], path: str) -> dict[str, Any]:
    """``request`` with the field at dotted ``path`` removed (the "required information" scenarios)."""
    trimmed = copy.deepcopy(request)
    node = trimmed
    *parents, leaf = path.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node.pop(leaf, None)
    return trimmed
