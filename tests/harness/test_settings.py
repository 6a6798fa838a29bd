"""Settings come from the environment in one place, and secrets stay wrapped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.settings import Settings, SettingsError


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


def _clients_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "clients.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_clients_file_gives_a_client_per_role_with_secrets_from_the_environment(tmp_path: Path) -> None:
    (tmp_path / "bis.jwk.json").write_text("{}", encoding="utf-8")
    path = _clients_file(
        tmp_path,
        """
[clients.main]
client_id = "main-bankid-current"
secret_env = "MAIN_SECRET"
redirect_uri = "https://localhost:3000/callback"
scope = "openid profile"

[clients.bis]
client_id = "bis-bankid-current"
redirect_uri = "https://localhost:3000/callback"
auth_methods = ["private_key_jwt"]
private_jwk_file = "bis.jwk.json"
""",
    )
    settings = Settings.from_env({"BANKID_CLIENTS_FILE": str(path), "MAIN_SECRET": "main-secret-value"})
    main, bis = settings.client("main"), settings.client("bis")
    assert main is not None and main.secret is not None and main.secret.reveal() == "main-secret-value"
    assert main.auth_methods == ("client_secret_basic", "client_secret_post")
    # private_key_jwt only: no secret needed, the key file is found next to the clients file.
    assert bis is not None and bis.secret is None and bis.private_jwk_file == tmp_path / "bis.jwk.json"
    assert settings.client("ineligible") is None
    assert "main-secret-value" not in repr(settings)


def test_single_client_variables_are_the_main_role() -> None:
    settings = Settings.from_env({"BANKID_CLIENT_ID": "solo", "BANKID_CLIENT_SECRET": "solo-secret"})
    main = settings.client("main")
    assert main is not None and main.client_id == "solo"
    assert settings.client("bis") is None


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ('[clients.partner]\nclient_id = "x"\nsecret_env = "S"\n', ["'partner'", "clients.toml"]),
        (
            '[clients.main]\nclient_id = "x"\nsecret_env = "S"\nauth_methods = ["client_secret_magic"]\n',
            ["'client_secret_magic'", "clients.main.auth_methods"],
        ),
        ('[clients.main]\nclient_id = "x"\n', ["clients.main.secret_env", "client_secret_basic"]),
        ('[clients.main]\nclient_id = "x"\nsecret_env = "UNSET_VAR"\n', ["UNSET_VAR"]),
        ('[clients.main]\nclient_id = "x"\nsecret_env = "S"\nclient_secret = "inline"\n', ["'client_secret'"]),
        ("[clients.main\n", ["clients.toml"]),
    ],
)
def test_a_bad_clients_file_is_a_usage_error_naming_file_and_value(tmp_path: Path, body: str, names: list[str]) -> None:
    path = _clients_file(tmp_path, body)
    with pytest.raises(SettingsError) as error:
        Settings.from_env({"BANKID_CLIENTS_FILE": str(path), "S": "a-secret"})
    for name in names:
        assert name in str(error.value)
    assert "a-secret" not in str(error.value)


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"BANKID_AUTH_METHODS": "client_secret_basic,tls_client_auth"}, "'tls_client_auth'"),
        ({"BANKID_LOGIN": "robot"}, "BANKID_LOGIN='robot'"),
        ({"BANKID_LOGIN": "browser"}, "BANKID_TEST_USER_NNIN"),
        ({"BANKID_TIMEOUT": "soon"}, "BANKID_TIMEOUT"),
        ({"BANKID_MAX_RESPONSE_BYTES": "0"}, "BANKID_MAX_RESPONSE_BYTES"),
        ({"BANKID_HTTPS_PROXY": "proxy.corp:3128"}, "BANKID_HTTPS_PROXY='proxy.corp:3128'"),
    ],
)
def test_bad_variables_are_usage_errors_naming_the_value(environ: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(named)):
        Settings.from_env(environ)


def test_login_and_limits_are_read() -> None:
    settings = Settings.from_env(
        {
            "BANKID_LOGIN": "browser",
            "BANKID_TEST_USER_NNIN": "27034698436",
            "BANKID_LOGIN_TIMEOUT": "45",
            "BANKID_RUN_TIMEOUT": "600",
            "BANKID_MAX_RATE": "2.5",
        }
    )
    assert (settings.login, settings.login_timeout, settings.run_timeout, settings.max_rate) == (
        "browser",
        45.0,
        600.0,
        2.5,
    )
    assert Settings.from_env({}).login == "none"


def test_the_readme_example_clients_file_parses() -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "live" / "clients.toml"
    settings = Settings.from_env({"BANKID_CLIENTS_FILE": str(example), "MYSHOP_SECRET": "a", "MYSHOP_BIS_SECRET": "b"})
    assert set(settings.clients) == {"main", "bis", "ineligible"}
    ineligible = settings.client("ineligible")
    assert ineligible is not None and ineligible.secret is None
