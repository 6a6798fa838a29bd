"""The UNCLEAR facts of PROVIDER-FACTS as named quirks: each has a name, its values, a default and a source.

A quirk is chosen with ``bankid-mock --quirk NAME=VALUE`` (repeatable), a ``[quirks]`` table in
``bankid-mock --config FILE.toml``, or the harness's ``--mock-quirk NAME=VALUE``; ``bankid-mock --list-quirks``
prints this table. Every quirk changes what the mock *does*, not only what its discovery document says.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from mock_provider.config import Quirks


class QuirkError(ValueError):
    """A quirk name or value that does not exist; the message lists the valid ones (and the file and key)."""


@dataclass(frozen=True)
class QuirkSpec:
    name: str
    field: str
    values: Mapping[str, object]
    sources: tuple[str, ...]
    fact: str

    @property
    def default(self) -> str:
        value = getattr(Quirks(), self.field)
        return next(text for text, typed in self.values.items() if typed == value)


def _spec(name: str, field: str, values: dict[str, object], sources: tuple[str, ...], fact: str) -> QuirkSpec:
    return QuirkSpec(name, field, MappingProxyType(values), sources, fact)


# Keycloak's default rotated-expiration-period (ClientSecretRotationExecutorFactory): 2 days, in seconds.
ROTATED_SECRET_GRACE = 2 * 24 * 3600
KEYCLOAK_RESPONSE_TYPES = ("code", "none", "id_token", "token", "id_token token", "code id_token", "code token")
QUIRKS: tuple[QuirkSpec, ...] = (
    _spec(
        "client-auth-error",
        "client_auth_error",
        {"invalid_client": "invalid_client", "unauthorized_client": "unauthorized_client"},
        ("S76",),
        "the error code for bad client credentials depends on the Keycloak version (§3.4)",
    ),
    _spec(
        "client-auth-status",
        "client_auth_status",
        {"401": 401, "400": 400},
        ("S76",),
        "the token endpoint's HTTP status for bad client credentials depends on the Keycloak version (§3.4)",
    ),
    _spec(
        "par-required",
        "require_pushed_authorization_requests",
        {"false": False, "true": True},
        ("S8", "S39"),
        "whether CURRENT requires PAR is not visible; true refuses a plain authorize URL (§2.8)",
    ),
    _spec(
        "pkce-methods",
        "code_challenge_methods",
        {"S256": ("S256",), "plain,S256": ("plain", "S256")},
        ("S16", "S8"),
        "'only S256 is supported', yet Keycloak lists plain; plain,S256 advertises and accepts plain (§6)",
    ),
    _spec(
        "par-status",
        "par_status",
        {"201": 201, "200": 200},
        ("S39",),
        "the PAR response status is not shown; RFC 9126 says 201 (§2.8)",
    ),
    _spec(
        "originator",
        "originator_claim",
        {"absent": False, "present": True},
        ("S44", "S50"),
        "originator is deprecated in v4; page versions disagree whether it is removed (§5.2)",
    ),
    _spec(
        "auth-time",
        "auth_time_always",
        {"when-max-age": False, "always": True},
        ("S44",),
        "auth_time is deprecated in v4: only when max_age is sent, or always as Keycloak does (§5.2)",
    ),
    _spec(
        "sso",
        "sso_with_id_token_hint",
        {"off": False, "id-token-hint": True},
        ("S49",),
        "'SSO is not supported', yet an id_token_hint may skip re-authentication in a live session (§6)",
    ),
    _spec(
        "bim",
        "bim_available",
        {"available": True, "phased-out": False},
        ("S20", "S21", "S66"),
        "BankID on mobile is absent from the G3 IDP tables and 'due to be phased out' (§6, §7)",
    ),
    _spec(
        "response-types",
        "response_types",
        {"code": ("code",), "keycloak": KEYCLOAK_RESPONSE_TYPES},
        ("S11", "S16", "S55"),
        "response_types_supported is not visible; the G1 CURRENT copy listed Keycloak's defaults (§1.2)",
    ),
    _spec(
        "jwt-client-auth",
        "advertise_jwt_client_auth",
        {"advertised": True, "per-client": False},
        ("S27", "S28"),
        "whether discovery lists private_key_jwt/client_secret_jwt, granted per client on request (§1.2, §3.1)",
    ),
    _spec(
        "bis-acr",
        "advertise_bis_acr",
        {"advertised": True, "login-hint-only": False},
        ("S20", "S21"),
        "acr_values_supported is not visible; BIS was selectable by login_hint only in G2 (§1.2, §6)",
    ),
    _spec(
        "untrusted-client-page",
        "untrusted_client_page_status",
        {"400": 400, "200": 200},
        ("S15", "S17"),
        "the first answer for an unknown client or a mismatched redirect_uri is not documented (§10)",
    ),
    _spec(
        "assertion-audiences",
        "several_assertion_audiences",
        {"single": False, "several": True},
        ("S14", "S25", "S76"),
        "a client assertion with several aud values: Keycloak >= 26.2 refuses it, older versions accept (§3.1, §3.4)",
    ),
    _spec(
        "newer-provisioning-items",
        "newer_provisioning_items_required",
        {"required": True, "optional": False},
        ("S1", "S3", "S4", "S6", "S47"),
        "the current request list is not visible; channel, organisation, client name and scopes are in no earlier "
        "one (§4)",
    ),
    _spec(
        "preprod",
        "preprod_offered",
        {"refused": False, "offered": True},
        ("S1", "S2", "S10", "S12"),
        "PREPROD is in connector configuration only; the provisioning pages list CURRENT and PROD; offered: a "
        "third realm provisioned as CURRENT is (§1.1)",
    ),
    _spec(
        "rotated-secret",
        "rotated_secret_grace_seconds",
        {"refused": 0, "grace": ROTATED_SECRET_GRACE},
        ("S1", "S3"),
        "rotation is not documented: the old secret refused at once, or kept 2 days as Keycloak's secret-rotation "
        "policy does (§3.3)",
    ),
)
BY_NAME: Mapping[str, QuirkSpec] = MappingProxyType({spec.name: spec for spec in QUIRKS})


def _lookup(name: str) -> QuirkSpec:
    spec = BY_NAME.get(name)
    if spec is None:
        raise QuirkError(f"unknown quirk {name!r}; known quirks: {', '.join(BY_NAME)}")
    return spec


def _value(spec: QuirkSpec, text: str) -> object:
    if text not in spec.values:
        raise QuirkError(f"quirk {spec.name!r} has no value {text!r}; valid values: {', '.join(spec.values)}")
    return spec.values[text]


def choose(assignments: Iterable[str], base: Quirks | None = None) -> Quirks:
    """``base`` (default: the conformant quirks) with each ``NAME=VALUE`` applied in order."""
    pairs = []
    for item in assignments:
        name, sep, text = item.partition("=")
        if not sep:
            raise QuirkError(f"quirk {item!r}: expected NAME=VALUE; known quirks: {', '.join(BY_NAME)}")
        pairs.append((name.strip(), text.strip()))
    return _apply(pairs, base)


def _apply(pairs: Iterable[tuple[str, str]], base: Quirks | None = None) -> Quirks:
    changes: dict[str, object] = {}
    for name, text in pairs:
        spec = _lookup(name)
        changes[spec.field] = _value(spec, text)
    return dataclasses.replace(base or Quirks(), **changes)  # type: ignore[arg-type]


def from_table(table: Mapping[str, Any], *, where: str) -> Quirks:
    """Quirks from a TOML ``[quirks]`` table; errors name ``where`` and the key."""
    pairs = []
    for key, raw in table.items():
        text = ("true" if raw else "false") if isinstance(raw, bool) else str(raw)
        try:
            _apply([(key, text)])
        except QuirkError as exc:
            raise QuirkError(f"{where}: quirks.{key}: {exc}") from exc
        pairs.append((key, text))
    return _apply(pairs)


def load_config(path: Path) -> Quirks:
    """A ``--config FILE.toml``: a ``[quirks]`` table, ``NAME = VALUE`` per line (the ``--list-quirks`` names)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, tomllib.TOMLDecodeError) as exc:
        raise QuirkError(f"{path}: {exc}") from exc
    unknown = sorted(set(data) - {"quirks"})
    if unknown:
        raise QuirkError(f"{path}: {unknown[0]}: unknown key; the file has one table, [quirks]")
    table = data.get("quirks", {})
    if not isinstance(table, dict):
        raise QuirkError(f"{path}: quirks: must be a table ([quirks])")
    return from_table(table, where=str(path))


def describe() -> str:
    """The ``--list-quirks`` text: one block per quirk with its values (default marked) and sources."""
    blocks = []
    for spec in QUIRKS:
        values = " | ".join(f"{v} (default)" if v == spec.default else v for v in spec.values)
        sources = "".join(f"[{s}]" for s in spec.sources)
        blocks.append(f"{spec.name} = {values}\n    {spec.fact} {sources}")
    return "\n".join(blocks)
