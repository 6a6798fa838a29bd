"""Settings: one frozen object, the only place environment variables are read.

| variable | meaning |
|---|---|
| ``BANKID_TARGET`` | default ``--target``: ``mock``, ``mock-server`` or a discovery URL |
| ``BANKID_CLIENT_ID`` / ``BANKID_CLIENT_SECRET`` | a provisioned client for live runs |
| ``BANKID_REDIRECT_URI`` | a redirect URI registered for that client |
| ``BANKID_SCOPE`` | a scope the client may use with client_credentials |
| ``BANKID_AUTH_METHODS`` | the client's authentication methods, comma-separated (default: basic and post) |
| ``BANKID_PRIVATE_JWK_FILE`` | a JSON file with the client's private JWK, for ``private_key_jwt`` |
| ``BANKID_CA_BUNDLE`` | PEM file to verify the target's TLS certificate (default: system store) |
| ``BANKID_ADMIN_TOKEN`` / ``BANKID_ADMIN_URL`` | a mock's admin API, for mock-only scenarios against a served mock |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from harness.secret import Secret

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, kw_only=True)
class Settings:
    targets: tuple[str, ...] = ("mock",)
    client_id: str | None = None
    client_secret: Secret | None = None
    redirect_uri: str | None = None
    scope: str | None = None
    auth_methods: tuple[str, ...] = ("client_secret_basic", "client_secret_post")
    private_jwk_file: Path | None = None
    ca_bundle: Path | None = None
    admin_url: str | None = None
    admin_token: Secret | None = None
    reports_dir: Path = field(default_factory=lambda: ROOT / "reports")
    features_dir: Path = field(default_factory=lambda: ROOT / "features")
    timeout: float = 10.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if environ is None else environ

        def text(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        values: dict[str, object] = {
            "client_id": text("BANKID_CLIENT_ID"),
            "client_secret": Secret.wrap(text("BANKID_CLIENT_SECRET")),
            "redirect_uri": text("BANKID_REDIRECT_URI"),
            "scope": text("BANKID_SCOPE"),
            "ca_bundle": Path(p) if (p := text("BANKID_CA_BUNDLE")) else None,
            "private_jwk_file": Path(p) if (p := text("BANKID_PRIVATE_JWK_FILE")) else None,
            "admin_url": text("BANKID_ADMIN_URL"),
            "admin_token": Secret.wrap(text("BANKID_ADMIN_TOKEN")),
        }
        if methods := text("BANKID_AUTH_METHODS"):
            values["auth_methods"] = tuple(methods.replace(",", " ").split())
        if target := text("BANKID_TARGET"):
            values["targets"] = (target,)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
