"""Must show: the Allure HTML and the certification HTML of a real run, opened in headless Chromium, show the
scenarios and their verdicts on the rendered page (screenshots kept in the run directory)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[4]
UNREACHABLE = "https://127.0.0.1:9/auth/realms/current/.well-known/openid-configuration"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / "node_modules" / ".bin" / "allure").exists():
        pytest.skip("the Allure HTML needs npm's allure: scripts/bootstrap --html")
    reports = tmp_path_factory.mktemp("reports")
    done = subprocess.run(
        [sys.executable, "-m", "harness", "run", "--reports", str(reports), "--target", "mock",
         "--target", UNREACHABLE, "--mock-fault", "wrong-issuer", "-m", "BID-R1 or BID-R2"],
        capture_output=True, text=True, timeout=600, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout[-3000:]  # the mock's issuer is wrong: non-conformant wins
    return (reports / "latest").resolve()


def test_allure_html_shows_scenarios_and_their_verdicts(page: Page, run_dir: Path) -> None:
    findings = json.loads((run_dir / "findings.json").read_text())
    failed = next(s for s in findings["scenarios"] if s["outcome"] == "non-conformant")
    page.goto((run_dir / "html" / "index.html").as_uri())
    expect(page.get_by_text(failed["name"]).first).to_be_visible(timeout=20_000)
    expect(page.get_by_text("NON-CONFORMANT").first).to_be_visible()
    body = page.inner_text("body")
    assert "Failed" in body and "Skipped" in body  # the inconclusive live scenarios
    page.screenshot(path=str(run_dir / "screenshots" / "allure.png"), full_page=True)
    page.get_by_text(failed["name"]).first.click()
    expect(page.get_by_text("BID-R2").first).to_be_visible(timeout=10_000)
    page.screenshot(path=str(run_dir / "screenshots" / "allure-failed-scenario.png"), full_page=True)


def test_certification_html_shows_targets_side_by_side_with_verdicts(page: Page, run_dir: Path) -> None:
    page.goto((run_dir / "certification.html").as_uri())
    expect(page.get_by_role("heading", name="BankID OIDC conformance: certification report")).to_be_visible()
    expect(page.get_by_role("columnheader", name="mock [mock]").first).to_be_visible()
    expect(page.get_by_role("columnheader", name=f"{UNREACHABLE} [live]").first).to_be_visible()
    r2 = page.get_by_role("row").filter(has_text="issuer equals the configured base exactly")
    expect(r2.get_by_role("cell", name="failed")).to_be_visible()
    expect(r2.get_by_role("cell", name="inconclusive")).to_be_visible()
    expect(page.get_by_text("judged against this project's mock, not BankID").first).to_be_visible()
    expect(page.get_by_role("cell", name="NON-CONFORMANT (exit status 1)")).to_be_visible()
    page.screenshot(path=str(run_dir / "screenshots" / "certification.png"), full_page=True)
    assert (run_dir / "screenshots" / "certification.png").stat().st_size > 10_000
