"""Reading a request from plain data (a parsed TOML/YAML file or a JSON body) into a ``ProvisioningRequest``.

Reading is lenient: a field of the wrong type is reported and left unset, and unknown keys are reported (a
typo must not silently drop a requirement). The ``.bid`` arrives either as ``bid_file`` (a path, resolved by
the caller's ``load_attachment``) or as ``bid_base64`` (how the mock's JSON API takes it).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TypeVar

from bankid_provisioning.errors import ProvisioningError
from bankid_provisioning.model import (
    CertificateKind,
    Channel,
    Contact,
    Environment,
    MerchantCertificateRequest,
    NninAccess,
    Organisation,
    Partner,
    ProvisioningRequest,
)

AttachmentLoader = Callable[[str], bytes]
E = TypeVar("E", bound=StrEnum)

SCHEMA: Mapping[str, frozenset[str]] = {
    "": frozenset(
        {
            "environment",
            "channel",
            "partner",
            "organisation",
            "client_name",
            "description",
            "contacts",
            "flows",
            "client_auth_method",
            "idps",
            "scopes",
            "redirect_uris",
            "display_name",
            "nnin",
            "bis_enabled",
            "jwks",
            "jwks_uri",
            "merchant_certificate",
        }
    ),
    "partner": frozenset({"name", "commercial_agreement"}),
    "organisation": frozenset({"name", "number"}),
    "contacts": frozenset({"technical", "commercial"}),
    "contacts.technical": frozenset({"name", "email", "phone"}),
    "contacts.commercial": frozenset({"name", "email", "phone"}),
    "nnin": frozenset({"access", "justification"}),
    "merchant_certificate": frozenset({"kind", "bid_file", "bid_base64", "bid_password", "common_name"}),
}


class Reader:
    """Typed access to a nested mapping by dotted path, recording one error per badly typed field."""

    def __init__(self, data: Mapping[str, object]) -> None:
        self.data = data
        self.errors: list[ProvisioningError] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(ProvisioningError(path, message))

    def raw(self, path: str) -> object:
        node: object = self.data
        for part in path.split("."):
            if not isinstance(node, Mapping):
                return None
            node = node.get(part)
        return node

    def table(self, path: str) -> Mapping[str, object] | None:
        value = self.raw(path)
        if value is None or isinstance(value, Mapping):
            return value
        self.fail(path, "must be a table (a mapping of keys to values)")
        return None

    def text(self, path: str) -> str | None:
        value = self.raw(path)
        if value is None or isinstance(value, str):
            return value.strip() if isinstance(value, str) else None
        # TOML and YAML read an unquoted organisation number as an integer; the digits are what matter.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        self.fail(path, "must be a string")
        return None

    def flag(self, path: str, default: bool = False) -> bool:
        value = self.raw(path)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        self.fail(path, "must be true or false")
        return default

    def strings(self, path: str) -> tuple[str, ...]:
        value = self.raw(path)
        if value is None:
            return ()
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return tuple(v.strip() for v in value)
        self.fail(path, "must be a list of strings")
        return ()

    def choice(self, path: str, enum: type[E], *, normalise: Callable[[str], str] = str) -> E | None:
        value = self.text(path)
        if value is None:
            return None
        try:
            return enum(normalise(value))
        except ValueError:
            self.fail(path, f"must be one of {', '.join(e.value for e in enum)} (got {value!r})")
            return None

    def unknown_keys(self) -> None:
        for section, allowed in SCHEMA.items():
            table = self.data if section == "" else self.raw(section)
            if isinstance(table, Mapping):
                for key in table:
                    if key not in allowed:
                        where = f"{section}.{key}" if section else str(key)
                        self.fail(where, f"unknown field (expected one of: {', '.join(sorted(allowed))})")


def parse_request(
    data: Mapping[str, object], *, load_attachment: AttachmentLoader | None = None
) -> tuple[ProvisioningRequest, list[ProvisioningError]]:
    """The request in ``data`` and the reading errors (wrong types, unknown keys, unreadable attachments)."""
    reader = Reader(data)
    reader.unknown_keys()
    for section in ("partner", "organisation", "contacts", "nnin", "merchant_certificate"):
        reader.table(section)
    request = ProvisioningRequest(
        environment=reader.choice("environment", Environment, normalise=str.upper),
        channel=reader.choice("channel", Channel, normalise=str.lower),
        partner=_partner(reader),
        organisation=Organisation(name=reader.text("organisation.name"), number=reader.text("organisation.number")),
        client_name=reader.text("client_name"),
        description=reader.text("description"),
        contacts={role: _contact(reader, f"contacts.{role}") for role in ("technical", "commercial")},
        flows=reader.strings("flows"),
        client_auth_method=reader.text("client_auth_method") or "client_secret_basic",
        idps=tuple(i.upper() for i in reader.strings("idps")),
        scopes=reader.strings("scopes"),
        redirect_uris=reader.strings("redirect_uris"),
        display_name=reader.text("display_name"),
        nnin=NninAccess(requested=reader.flag("nnin.access"), justification=reader.text("nnin.justification")),
        bis_enabled=reader.flag("bis_enabled"),
        jwks=reader.table("jwks"),
        jwks_uri=reader.text("jwks_uri"),
        merchant_certificate=_merchant_certificate(reader, load_attachment),
    )
    return request, reader.errors


def _partner(reader: Reader) -> Partner | None:
    if reader.raw("partner") is None:
        return None
    return Partner(name=reader.text("partner.name"), commercial_agreement=reader.flag("partner.commercial_agreement"))


def _contact(reader: Reader, path: str) -> Contact:
    reader.table(path)
    return Contact(
        name=reader.text(f"{path}.name"),
        email=reader.text(f"{path}.email"),
        phone=reader.text(f"{path}.phone"),
    )


def _merchant_certificate(reader: Reader, load: AttachmentLoader | None) -> MerchantCertificateRequest:
    kind = reader.choice("merchant_certificate.kind", CertificateKind, normalise=str.lower)
    return MerchantCertificateRequest(
        kind=kind or CertificateKind.SHARED,
        bid=_bid(reader, load),
        bid_source="bid_base64" if reader.raw("merchant_certificate.bid_base64") is not None else "bid_file",
        bid_password=_raw_text(reader, "merchant_certificate.bid_password"),
        common_name=reader.text("merchant_certificate.common_name"),
    )


def _raw_text(reader: Reader, path: str) -> str | None:
    # A password is compared byte for byte, so it is not stripped like the other strings.
    value = reader.raw(path)
    if value is None or isinstance(value, str):
        return value
    reader.fail(path, "must be a string")
    return None


def _bid(reader: Reader, load: AttachmentLoader | None) -> bytes | None:
    file_name = reader.text("merchant_certificate.bid_file")
    encoded = reader.text("merchant_certificate.bid_base64")
    if file_name is not None and encoded is not None:
        reader.fail("merchant_certificate.bid_file", "give the .bid either as bid_file or as bid_base64, not both")
        return None
    if encoded is not None:
        return _decode(reader, encoded)
    if file_name is None:
        return None
    if load is None:
        reader.fail(
            "merchant_certificate.bid_file",
            "a file path cannot be resolved here; attach the .bid as bid_base64",
        )
        return None
    try:
        return load(file_name)
    except OSError as exc:
        reader.fail("merchant_certificate.bid_file", f"cannot read the .bid file {file_name!r}: {exc.strerror or exc}")
        return None


def _decode(reader: Reader, encoded: str) -> bytes | None:
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        reader.fail("merchant_certificate.bid_base64", "is not valid base64")
        return None
