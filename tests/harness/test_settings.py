"""Settings come from the environment in one place, and secrets stay wrapped."""

from __future__ import annotations

from pathlib import Path

from harness.settings import Settings


def test_environment_variables_are_read() -> None:
    settings = Settings.from_env(
        {
            "BANKID_TARGET": "https://auth.current.bankid.no/auth/realms/current/.well-known/openid-configuration",
            "BANKID_CLIENT_ID": "myclient-bankid-current",
            "BANKID_CLIENT_SECRET": "s3cr3t-value",
            "BANKID_CA_BUNDLE": "/etc/ssl/ca.pem",
        }
    )
    assert settings.targets[0].startswith("https://auth.current.bankid.no")
    assert settings.client_id == "myclient-bankid-current"
    assert settings.client_secret is not None and settings.client_secret.reveal() == "s3cr3t-value"
    assert "s3cr3t-value" not in repr(settings)
    assert settings.ca_bundle == Path("/etc/ssl/ca.pem")


def test_empty_values_mean_unset_and_overrides_win() -> None:
    settings = Settings.from_env({"BANKID_CLIENT_ID": "  ", "BANKID_TARGET": "mock"}, targets=("mock-server",))
    assert settings.client_id is None
    assert settings.targets == ("mock-server",)


def test_auth_methods_and_private_key_file_are_read() -> None:
    settings = Settings.from_env(
        {
            "BANKID_AUTH_METHODS": "client_secret_basic, private_key_jwt",
            "BANKID_PRIVATE_JWK_FILE": "/keys/client.jwk.json",
        }
    )
    assert settings.auth_methods == ("client_secret_basic", "private_key_jwt")
    assert settings.private_jwk_file == Path("/keys/client.jwk.json")
    assert Settings.from_env({}).auth_methods == ("client_secret_basic", "client_secret_post")
