"""The items only newer pages imply: required, or optional as in every earlier request list (UNCLEAR).

No earlier list asks for the channel [S1], the organisation, the client's name or its scopes [S47]
(PROVIDER-FACTS §4, versions A-C [S3][S4][S6]), and the current list is not visible [S1]. ``Policy`` says which
reading applies; by default they are required. Where they are optional, a request without one is judged as an
earlier list would take it: the channel follows from whether a partner is named, the scopes are the mandatory
``openid`` [S16], and the organisation and the client's name are simply not asked for (BankID then names the
client itself, as the earlier lists' "Result: client_id + client_secret" [S6] implies; how is not documented).
"""

from __future__ import annotations

import dataclasses

from bankid_provisioning.errors import Advice
from bankid_provisioning.model import Channel, ProvisioningRequest

NEWER_ITEMS = ("channel", "organisation.name", "organisation.number", "client_name", "scopes")


def missing(request: ProvisioningRequest, unreadable: set[str]) -> tuple[str, ...]:
    """The newer items ``request`` leaves out (not those it sent in a form that could not be read)."""
    values = {
        "channel": request.channel,
        "organisation.name": request.organisation.name,
        "organisation.number": request.organisation.number,
        "client_name": request.client_name,
        "scopes": request.scopes,
    }
    return tuple(name for name in NEWER_ITEMS if not values[name] and not _under(name, unreadable))


def _under(name: str, fields: set[str]) -> bool:
    return any(f == name or name.startswith(f"{f}.") or f.startswith((f"{name}.", f"{name}[")) for f in fields)


def as_earlier_lists_take_it(request: ProvisioningRequest, absent: tuple[str, ...]) -> ProvisioningRequest:
    """``request`` with the assumed items filled in where ``absent``."""
    changes: dict[str, object] = {}
    if "channel" in absent:
        changes["channel"] = Channel.PARTNER if request.partner is not None else Channel.SERVICE_DESK
    if "scopes" in absent:
        changes["scopes"] = ("openid",)
    return dataclasses.replace(request, **changes)  # type: ignore[arg-type]


def advice(absent: tuple[str, ...]) -> list[Advice]:
    return [
        Advice(name, "left out: no earlier request list asks for it [S3][S4][S6]; newer pages may [S1][S47]")
        for name in absent
    ]
