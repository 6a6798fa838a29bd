"""The integrator's live run, complete: the suite against a served mock addressed only by its discovery URL,
clients by role from ``BANKID_CLIENTS_FILE`` (secrets only in the environment), and Chromium logging the test
user in through the TestBank dialog step by step (``BANKID_LOGIN=browser``). Nothing may be left unjudged:
no scenario inconclusive, every code-flow scenario judged, no secret in the report.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.server import served_mock
from harness.targets import MockClient
from tests.harness.suite_runner import outcomes, run_suite, suite_args

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
TEST_USER = "27034698436"  # the mock's seeded TestBank user (mock_provider/users/generate.py)
ROLES = {
    "main": MockClient.generate("integrator-bankid-current", display_name="Integrator AS"),
    "bis": MockClient.generate("integrator-bis-bankid-current", display_name="Integrator BIS", bis_enabled=True),
    "ineligible": MockClient.generate(
        "integrator-plain-bankid-current", display_name="Integrator Plain", nnin_eligible=False
    ),
}


def write_clients_file(directory: Path) -> tuple[Path, dict[str, str]]:
    """The TOML an integrator writes, and the environment holding the secrets it names."""
    lines, environ = [], {}
    for role, client in ROLES.items():
        credentials = client.credentials
        jwk_file = directory / f"{role}.jwk.json"
        jwk_file.write_text(json.dumps(credentials.private_jwk), encoding="utf-8")
        secret_env = f"INTEGRATOR_{role.upper()}_SECRET"
        environ[secret_env] = credentials.secret.reveal() if credentials.secret else ""
        lines += [
            f"[clients.{role}]",
            f'client_id = "{credentials.client_id}"',
            f'secret_env = "{secret_env}"',
            f'redirect_uri = "{credentials.redirect_uri}"',
            f'scope = "{credentials.scope}"',
            f"auth_methods = {json.dumps(list(credentials.auth_methods))}",
            f'private_jwk_file = "{jwk_file.name}"',
            f'display_name = "{credentials.display_name}"',
            "",
        ]
    path = directory / "clients.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, environ


@pytest.mark.heavy(50)
def test_browser_login_leaves_nothing_inconclusive(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's /usr/bin/chromium")
    clients_file, secrets = write_clients_file(tmp_path)
    with served_mock(*(client.client_config() for client in ROLES.values())) as served:
        for name, value in {
            **secrets,
            "BANKID_CLIENTS_FILE": str(clients_file),
            "BANKID_CA_BUNDLE": str(served.ca_file),
            "BANKID_LOGIN": "browser",
            "BANKID_TEST_USER_NNIN": TEST_USER,
        }.items():
            monkeypatch.setenv(name, value)
        # Two workers, as an integrator may run it (``-- -n 2``): a browser login is mostly waiting on Chromium
        # (~2 s wall, little CPU), so two at a time halve the run (75 -> 44 s); every scenario still runs.
        result, findings = run_suite(pytester, "--target", served.discovery_url, "-n", "2")
        code_flow = _needs_user(pytester, served.discovery_url)
    counts = outcomes(findings)
    scenarios = findings["scenarios"]
    unjudged = [
        (s["name"], str(s["reason"])[:300]) for s in scenarios if s["outcome"] in ("inconclusive", "harness-error")
    ]
    assert unjudged == []
    print(f"[live browser run] exit={result.ret} outcomes={counts} code_flow_scenarios={len(code_flow)}")
    assert len(code_flow) >= 10
    judged = {s["nodeid"]: s["outcome"] for s in scenarios}
    assert {nodeid: judged.get(nodeid) for nodeid in code_flow} == dict.fromkeys(code_flow, "conformant")
    assert counts.get("non-conformant", 0) == 0, [s["reason"] for s in scenarios if s["outcome"] == "non-conformant"]
    assert result.ret == 0
    report = (pytester.path / "reports" / "findings.json").read_text()
    assert not any(secret in report for secret in secrets.values())


def _needs_user(pytester: pytest.Pytester, discovery_url: str) -> list[str]:
    """Node ids of the code-flow scenarios a live target can run: a user logs in, no admin API needed."""
    result = pytester.runpytest_subprocess(
        *suite_args(),
        "--collect-only",
        "-q",
        "-m",
        "needs-user and not mock-only",
        "--target",
        discovery_url,
    )
    return [line.strip() for line in result.outlines if "::" in line]
