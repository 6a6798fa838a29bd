"""The main job's command line: a run directory per run, exit codes that tell conformant from not judged,
usage errors that say what is wrong and write nothing, and pytest arguments passed through after ``--``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from harness.report.html import strip_tracking
from tests.harness.suite_runner import read_findings

UNREACHABLE = "https://127.0.0.1:9/auth/realms/current/.well-known/openid-configuration"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harness", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )


@pytest.mark.heavy(4)
def test_conformant_run_writes_a_run_directory(tmp_path: Path) -> None:
    done = run("run", "--no-html", "--reports", str(tmp_path), "-m", "discovery")
    assert done.returncode == 0, done.stdout[-2000:]
    latest = tmp_path / "latest"
    assert latest.is_symlink() and latest.resolve().name.startswith("mock-")
    assert (latest / "summary.txt").read_text().startswith("BankID OIDC conformance: CONFORMANT (exit 0)")
    certification = (latest / "certification.md").read_text()
    assert "| BID-R2 | MUST | S8 | issuer equals the configured base exactly | passed |" in certification
    assert "judged against this project's mock, not BankID" in certification
    assert any((latest / "allure-results").glob("*-result.json"))
    assert "<testsuite" in (latest / "junit.xml").read_text()
    assert read_findings(latest / "findings.json")["exit_status"] == 0
    assert f"certification report: {latest.resolve() / 'certification.md'}" in done.stdout


def test_non_conformant_run_exits_1_with_rule_expected_seen_and_no_traceback(tmp_path: Path) -> None:
    done = run("run", "--no-html", "--reports", str(tmp_path), "-m", "BID-R2", "--mock-fault", "wrong-issuer")
    assert done.returncode == 1
    assert "NON-CONFORMANT" in (tmp_path / "latest" / "summary.txt").read_text()
    assert "expected: 'https://auth.current.bankid.no/auth/realms/current'" in done.stdout
    assert "evidence: " in done.stdout and "Traceback" not in done.stdout and "def " not in done.stdout


def test_unreachable_target_exits_4_with_one_clear_line(tmp_path: Path) -> None:
    done = run("run", "--no-html", "--reports", str(tmp_path), "--target", UNREACHABLE, "-m", "BID-R1 or BID-R2")
    assert done.returncode == 4
    [line] = [line for line in done.stdout.splitlines() if "UNREACHABLE" in line]
    assert "127.0.0.1" in line and "nothing judged" in line
    assert read_findings(tmp_path / "latest" / "findings.json")["verdict"] == "INCONCLUSIVE"


def test_a_run_that_judges_nothing_is_not_green(tmp_path: Path) -> None:
    done = run("run", "--no-html", "--reports", str(tmp_path), "-m", "no-such-marker-selects-nothing")
    assert done.returncode == 4
    assert read_findings(tmp_path / "latest" / "findings.json")["verdict"] == "NOTHING JUDGED"


def test_pytest_arguments_pass_through_after_double_dash(tmp_path: Path) -> None:
    junit = tmp_path / "elsewhere.xml"
    done = run("run", "--no-html", "--reports", str(tmp_path / "r"), "-m", "BID-R2", "--", f"--junitxml={junit}", "-rN")
    assert done.returncode == 0, done.stdout[-2000:]
    testcases = junit.read_text().count("<testcase ")
    judged = read_findings(tmp_path / "r" / "latest" / "findings.json")["scenarios"]
    assert testcases == len(judged) >= 1  # pytest wrote the JUnit XML where it was told, one case per scenario
    assert not (tmp_path / "r" / "latest" / "junit.xml").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--target", "current"), "--target must be one of mock, mock-server or a discovery URL, not 'current'"),
        (("--mock-fault", "nope"), "--mock-fault: unknown fault profile 'nope'"),
        (("--signing-key", "/nonexistent/key.jwk"), "--signing-key /nonexistent/key.jwk"),
    ],
)
def test_usage_errors_name_the_option_and_write_nothing(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    done = run("run", "--no-html", "--reports", str(tmp_path), *args)
    assert done.returncode == 2
    assert message in done.stdout + done.stderr
    assert list(tmp_path.iterdir()) == []


def test_known_deviation_is_reported_as_such_and_a_fixed_one_says_so(tmp_path: Path) -> None:
    deviations = tmp_path / "mock.toml"
    deviations.write_text(
        'target = "mock"\n'
        '[[deviation]]\nrule = "BID-R2"\nreason = "issuer differs"\nlink = "https://example.org/1"\n'
        '[[deviation]]\nrule = "BID-R1"\nreason = "fixed long ago"\n'
    )
    reports = tmp_path / "r"
    common = ("run", "--no-html", "--reports", str(reports), "--known-deviations", str(deviations))
    done = run(*common, "-m", "BID-R1 or BID-R2", "--mock-fault", "wrong-issuer")
    findings = read_findings(reports / "latest" / "findings.json")
    assert done.returncode == 0, done.stdout[-2000:]
    assert {s["outcome"] for s in findings["scenarios"] if "BID-R2" in s["rule_ids"]} == {"known-deviation"}
    status = {d["rule_id"]: d["still_happens"] for d in findings["deviations"]}
    assert status == {"BID-R2": True, "BID-R1": False}
    assert "no longer happen" in (reports / "latest" / "summary.txt").read_text()


def test_compare_lists_what_changed_per_rule(tmp_path: Path) -> None:
    run("run", "--no-html", "--reports", str(tmp_path / "a"), "-m", "BID-R2 or jwks")
    run("run", "--no-html", "--reports", str(tmp_path / "b"), "-m", "BID-R2 or jwks", "--mock-fault", "wrong-issuer")
    done = run("compare", str(tmp_path / "a" / "latest"), str(tmp_path / "b" / "latest"))
    assert done.returncode == 1
    assert "BID-R2 (mock): passed -> failed" in done.stdout
    assert "JWKS kids" in done.stdout  # every in-process mock makes fresh keys


def test_verify_passes_untouched_and_fails_after_one_outcome_is_edited(tmp_path: Path) -> None:
    run("run", "--no-html", "--reports", str(tmp_path), "-m", "BID-R2")
    run_dir = (tmp_path / "latest").resolve()
    assert run("report", "verify", str(run_dir)).returncode == 0
    findings = run_dir / "findings.json"
    data = json.loads(findings.read_text())
    data["scenarios"][0]["outcome"] = "non-conformant"
    findings.write_text(json.dumps(data, indent=2))
    done = run("report", "verify", str(run_dir))
    assert done.returncode == 1
    assert "changed: findings.json" in done.stdout


def test_help_documents_exit_statuses_and_settings() -> None:
    done = run("run", "--help")
    assert "4  not judged" in done.stdout and "BANKID_CLIENT_SECRET" in done.stdout


def test_html_report_loses_its_tracking_script() -> None:
    html = '<head><script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script><title>r</title></head>'
    assert strip_tracking(html) == "<head><title>r</title></head>"
