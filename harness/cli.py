"""``python -m harness run``: the main job. Runs every conformance scenario against a target and writes
the report: ``summary.txt``, ``findings.json``, ``certification.md``, ``allure-results/`` and
``html/index.html`` (when the Allure 3 generator is installed).

Exit status: 0 conformant (inconclusive scenarios are reported, not failed), 1 non-conformant, 2 usage or
configuration error, 3 harness error.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from harness.report.html import render_html
from harness.settings import ROOT

SUITE = Path(__file__).parent / "suite" / "test_features.py"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m harness", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the conformance scenarios and write the report")
    run.add_argument("--target", action="append", help="mock (default), mock-server, or a discovery URL")
    run.add_argument("--reports", type=Path, default=ROOT / "reports", help="report directory (default: reports/)")
    run.add_argument("--mock-fault", action="append", default=[], help="fault profile for mock targets")
    run.add_argument("-k", dest="keyword", help="only scenarios matching this pytest -k expression")
    run.add_argument("-m", dest="markers", help="only scenarios matching this marker expression, e.g. BID-R12")
    run.add_argument("--no-html", action="store_true", help="skip the Allure HTML report")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    reports: Path = args.reports
    results = reports / "allure-results"
    shutil.rmtree(results, ignore_errors=True)
    pytest_args = [
        str(SUITE),
        "-p",
        "no:cacheprovider",
        "-q",
        "--rootdir",
        str(ROOT),
        "--alluredir",
        str(results),
        "--bankid-reports",
        str(reports),
    ]
    for target in args.target or ["mock"]:
        pytest_args += ["--target", target]
    for fault in args.mock_fault:
        pytest_args += ["--mock-fault", fault]
    if args.keyword:
        pytest_args += ["-k", args.keyword]
    if args.markers:
        pytest_args += ["-m", args.markers]
    # A child process, so pytest can assertion-rewrite the harness (already imported here).
    code = subprocess.run([sys.executable, "-m", "pytest", *pytest_args], check=False).returncode  # noqa: S603
    if not args.no_html:
        print(render_html(results, reports / "html"), file=sys.stderr)
    return {0: 0, 1: 1, 4: 2, 5: 2}.get(code, 3)
