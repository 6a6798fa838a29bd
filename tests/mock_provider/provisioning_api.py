"""Helpers for tests that provision clients through the mock's admin API (in-process or a served mock)."""

from __future__ import annotations

import base64
import copy
import tomllib
from pathlib import Path
from typing import Any

import httpx

EXAMPLES = Path(__file__).parents[2] / "examples" / "provisioning"
ADMIN_TOKEN = "admin-token-for-tests"


def example(name: str = "current-partner-shared.toml", **changes: Any) -> dict[str, Any]:
    """An example request file as a JSON body; ``changes`` replace top-level fields."""
    body = tomllib.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    body.update(copy.deepcopy(changes))
    return body


def provision(admin: httpx.Client, environment: str = "current", **changes: Any) -> dict[str, Any]:
    """Provision a client usable with client_credentials; the answer holds ``client_id`` and ``client_secret``."""
    name = "prod-dedicated.toml" if environment == "prod" else "current-partner-shared.toml"
    defaults: dict[str, Any] = {"flows": ["authorization_code", "client_credentials"]}
    if environment == "prod":
        defaults["client_auth_method"] = "client_secret_basic"
        defaults["jwks_uri"] = None
    body = {k: v for k, v in example(name, **{**defaults, **changes}).items() if v is not None}
    reply = admin.post(f"/admin/provisioning/{environment}/clients", json=body)
    assert reply.status_code == 201, reply.text
    answer: dict[str, Any] = reply.json()
    return answer


def with_bid(body: dict[str, Any], bid: bytes, password: str = "qwer1234") -> dict[str, Any]:
    body["merchant_certificate"] = {
        "kind": "dedicated",
        "bid_base64": base64.b64encode(bid).decode(),
        "bid_password": password,
    }
    return body


def token(public: httpx.Client, realm: str, client_id: str, secret: str) -> httpx.Response:
    """client_credentials with client_secret_basic, the way a provisioned client first uses its credentials."""
    return public.post(
        f"/auth/realms/{realm}/protocol/openid-connect/token",
        data={"grant_type": "client_credentials"},
        auth=(client_id, secret),
    )
