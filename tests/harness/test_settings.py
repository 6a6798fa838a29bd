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
