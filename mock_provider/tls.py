"""A server certificate for the served mock, issued by the mock's own CA.

A client verifies the mock exactly as it verifies BankID: against a CA bundle (``DATA_DIR/ca.pem``), never with
verification switched off.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec
from flask import Flask

from mock_provider.keys.authority import chain_pem, private_key_pem
from mock_provider.provider import EXTENSION, Provider

HOSTNAMES = ("localhost", "127.0.0.1")


def write_server_tls(data_dir: Path, app: Flask) -> tuple[Path, Path]:
    """Write ``server.pem`` (chain), ``server.key`` (0600) and ``ca.pem`` into ``data_dir``."""
    provider: Provider = app.extensions[EXTENSION]
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.fromtimestamp(provider.now(), tz=dt.UTC)
    cert = provider.ca.issue(
        key.public_key(), common_name="localhost", organisation="Mock BankID", now=now, hostnames=HOSTNAMES
    )
    cert_path, key_path, ca_path = data_dir / "server.pem", data_dir / "server.key", data_dir / "ca.pem"
    _replace(cert_path, chain_pem(cert, provider.ca.certificate))
    # Created 0600 from the start: a chmod after writing leaves a window where the key is world-readable.
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(private_key_pem(key))
    # Clients poll for ca.pem to appear: it must never be seen half written.
    _replace(ca_path, chain_pem(provider.ca.certificate))
    return cert_path, key_path


def _replace(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text)
    partial.replace(path)
