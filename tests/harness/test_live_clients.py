"""A live target gets its clients by role from the settings; a private_key_jwt-only client needs no secret."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.rules.errors import Inconclusive
from harness.settings import Settings
from harness.targets import MockClient, open_target

DISCOVERY = "https://auth.current.bankid.no/auth/realms/current/.well-known/openid-configuration"


def test_roles_from_the_clients_file_reach_the_target(tmp_path: Path) -> None:
    key = MockClient.generate().credentials.private_jwk
    (tmp_path / "jwt.jwk.json").write_text(json.dumps(key), encoding="utf-8")
    (tmp_path / "clients.toml").write_text(
        """
[clients.main]
client_id = "jwt-only-bankid-current"
redirect_uri = "https://localhost:3000/callback"
auth_methods = ["private_key_jwt"]
private_jwk_file = "jwt.jwk.json"
display_name = "JWT Shop"

[clients.bis]
client_id = "bis-bankid-current"
secret_env = "BIS_SECRET"
redirect_uri = "https://localhost:3000/callback"
""",
        encoding="utf-8",
    )
    settings = Settings.from_env({"BANKID_CLIENTS_FILE": str(tmp_path / "clients.toml"), "BIS_SECRET": "b"})
    with open_target(DISCOVERY, settings) as target:
        main = target.require_client()
        assert (main.client_id, main.secret, main.display_name) == ("jwt-only-bankid-current", None, "JWT Shop")
        assert main.private_jwk == key
        assert target.require_client("bis").client_id == "bis-bankid-current"
        with pytest.raises(Inconclusive, match=r"\[clients\.ineligible\] in BANKID_CLIENTS_FILE"):
            target.require_client("ineligible")
        assert target.login is None
        assert target.rate is not None  # a remote target is rate-capped


def test_a_secret_client_without_its_secret_is_not_usable() -> None:
    settings = Settings.from_env({"BANKID_CLIENT_ID": "no-secret"})
    with open_target(DISCOVERY, settings) as target, pytest.raises(Inconclusive, match="BANKID_CLIENT_SECRET"):
        target.require_client()
