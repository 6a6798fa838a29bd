"""bankid-conformance: the main job and its reports.

  bankid-conformance run [options] [-- PYTEST_ARGS...]   run the scenarios, write reports/<target>-<UTC time>/
  bankid-conformance report verify DIR                     check a run's signed evidence pack (exit 0 intact, 1 not)
  bankid-conformance compare RUN_A RUN_B                   what changed per rule (exit 0 same, 1 changed)

Exit status of `run`:
  0  conformant: no MUST rule failed and no scenario was inconclusive (not applicable is fine)
  1  non-conformant: at least one MUST rule failed
  2  usage or configuration error: nothing ran and nothing was written
  3  harness error: a bug in this project stopped a scenario
  4  not judged: nothing failed, but a scenario was inconclusive (e.g. the target is unreachable or lacks
     credentials or a login) or nothing was judged at all

Settings for a live target come from the environment (secrets are never written anywhere):
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from harness import settings as settings_module
from harness.report import target_slug
from harness.report.html import start_html
from harness.report.judgement import HARNESS_ERROR, USAGE
from harness.settings import ROOT, Settings
from harness.suite.unused_plugins import blocking_args

SUITE = Path(__file__).parent / "suite" / "test_features.py"


def _help() -> str:
    """The module docstring plus the environment variables, read from ``harness.settings``'s own table so the
    two never drift apart."""
    rows = [line for line in (settings_module.__doc__ or "").splitlines() if line.startswith("| ``")]
    variables = []
    for row in rows:
        name, meaning = (cell.strip().replace("``", "") for cell in row.strip("|").split("|", 1))
        variables.append(f"  {name}\n      {meaning.rstrip(' |')}")
    return (__doc__ or "") + "\n".join(variables) + "\n"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bankid-conformance", description=_help(), formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run",
        help="run the conformance scenarios and write a run directory",
        description=_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("--target", action="append", help="mock (default), mock-server, or a discovery URL; repeatable")
    run.add_argument(
        "--reports", type=Path, default=Path("reports"), help="where run directories go (default: ./reports)"
    )
    run.add_argument("--mock-fault", action="append", default=[], help="fault profile for mock targets")
    run.add_argument(
        "--mock-quirk",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="how mock targets behave where BankID's docs are UNCLEAR (bankid-mock --list-quirks)",
    )
    run.add_argument(
        "--known-deviations",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="a target's known deviations (TOML: target, [[deviation]] rule/reason/link)",
    )
    run.add_argument("--signing-key", type=Path, help="private P-256 key (JWK or PEM) to sign the evidence pack")
    run.add_argument("-k", dest="keyword", help="only scenarios matching this pytest -k expression")
    run.add_argument("-m", dest="markers", help="only scenarios matching this marker expression, e.g. BID-R12")
    run.add_argument("--no-html", action="store_true", help="skip the Allure HTML report")
    run.add_argument("--debug", action="store_true", help="show Python tracebacks for failed scenarios")
    run.add_argument(
        "--allow-insecure-http", action="store_true", help="allow plain http to a target that is not loopback"
    )
    report = commands.add_parser("report", help="work with a finished run directory")
    report_commands = report.add_subparsers(dest="report_command", required=True)
    check = report_commands.add_parser("verify", help="verify a run's signed evidence pack")
    check.add_argument("directory", type=Path)
    check.add_argument("--public-key", type=Path, help="the signer's public JWK (default: the one beside the pack)")
    diff = commands.add_parser("compare", help="what changed between two runs, per rule")
    diff.add_argument("run_a", type=Path)
    diff.add_argument("run_b", type=Path)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ours, extra = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    args = _parser().parse_args(ours)
    if args.command == "report":
        return _verify(args.directory, args.public_key)
    if args.command == "compare":
        return _compare(args.run_a, args.run_b)
    return _run(args, extra, ["bankid-conformance", *argv])


def _run(args: argparse.Namespace, extra: list[str], command: list[str]) -> int:
    try:
        key = _pack().load_signing_key(args.signing_key) if args.signing_key else None
    except ValueError as exc:
        print(f"bankid-conformance: {exc}", file=sys.stderr)
        return USAGE
    targets = args.target or list(Settings.from_env().targets)
    run_dir = _new_run_dir(args.reports, targets)
    pytest_args = _pytest_args(args, targets, run_dir, extra, command)
    # Started now so that its loading overlaps the run; it generates the report only when told to (finish).
    html = None if args.no_html else start_html(run_dir / "allure-results", run_dir / "html")
    # A child process, so pytest can assertion-rewrite the harness (already imported here).
    with subprocess.Popen([sys.executable, "-m", "pytest", *pytest_args]) as child:  # noqa: S603
        try:
            pack = _pack()  # imported while the suite runs, not after it (joserfc, ~0.05 s)
            code = child.wait()
        except BaseException:  # as subprocess.run: the child goes with us
            child.kill()
            if html is not None:
                html.cancel()
            raise
    findings = run_dir / "findings.json"
    if not findings.exists():
        if html is not None:
            html.cancel()
        shutil.rmtree(run_dir, ignore_errors=True)
        if code == 4:  # pytest's usage error: it printed what was wrong
            return USAGE
        print(f"bankid-conformance: pytest stopped (exit {code}) before writing findings", file=sys.stderr)
        return HARNESS_ERROR
    status = int(json.loads(findings.read_text(encoding="utf-8"))["exit_status"])
    if html is not None and not (message := html.finish()).startswith("HTML report:"):
        print(message, file=sys.stderr)  # skipped or failed; a rendered report is printed with the others
    pack.sign(run_dir, key)
    _point_latest(args.reports, run_dir)
    _print_paths(run_dir)
    return HARNESS_ERROR if code in (2, 3) else status


def _pytest_args(
    args: argparse.Namespace, targets: list[str], run_dir: Path, extra: list[str], command: list[str]
) -> list[str]:
    pytest_args = [
        str(SUITE),
        "-c",
        str(SUITE.parent / "conformance.ini"),
        "-p",
        "bankid_conformance",  # the plugin is opt-in (installing the package changes no other pytest session)
        "-p",
        "no:cacheprovider",
        *blocking_args(),
        "-q",
        # Only failures in pytest's short summary: the harness's own summary says what was inconclusive, so an
        # unreachable target is one line, not one per skipped scenario.
        "-rfE",
        "--rootdir",
        str(ROOT),
        "--alluredir",
        str(run_dir / "allure-results"),
        "--bankid-reports",
        str(run_dir),
        "--bankid-command",
        shlex.join(command),
    ]
    if not any(a.startswith("--junitxml") or a.startswith("--junit-xml") for a in extra):
        pytest_args += ["--junitxml", str(run_dir / "junit.xml"), "-o", "junit_suite_name=bankid-conformance"]
    for target in targets:
        pytest_args += ["--bankid-target", target]
    for fault in args.mock_fault:
        pytest_args += ["--mock-fault", fault]
    for quirk in args.mock_quirk:
        pytest_args += ["--mock-quirk", quirk]
    for file in args.known_deviations:
        pytest_args += ["--known-deviations", str(file)]
    if args.allow_insecure_http:
        pytest_args.append("--allow-insecure-http")
    if args.keyword:
        pytest_args += ["-k", args.keyword]
    if args.markers:
        pytest_args += ["-m", args.markers]
    if args.debug:
        pytest_args += ["--bankid-debug"]
    return pytest_args + extra


def _new_run_dir(reports: Path, targets: list[str]) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    base = "+".join(target_slug(t) for t in targets) + f"-{stamp}"
    for n in range(100):
        candidate = reports / (base if n == 0 else f"{base}-{n}")
        try:
            candidate.mkdir(parents=True)
        except FileExistsError:
            continue
        return candidate
    raise RuntimeError(f"no free run directory name under {reports}")


def _point_latest(reports: Path, run_dir: Path) -> None:
    latest = reports / "latest"
    if latest.is_symlink() or latest.exists():
        latest.unlink()
    latest.symlink_to(run_dir.name)


def _print_paths(run_dir: Path) -> None:
    print(f"certification report: {run_dir / 'certification.md'}")
    print(f"certification HTML:   {run_dir / 'certification.html'}")
    if (run_dir / "html" / "index.html").exists():
        print(f"Allure HTML:          {run_dir / 'html' / 'index.html'}")
    print(f"findings:             {run_dir / 'findings.json'} (signed: {run_dir / 'evidence-pack.jws'})")


def _pack() -> ModuleType:
    """The evidence pack's module (joserfc): imported where it is needed, so ``run`` loads it during the suite."""
    return importlib.import_module("harness.report.pack")


def _verify(directory: Path, public_key: Path | None) -> int:
    problems = _pack().verify(directory, public_key)
    for problem in problems:
        print(f"{directory}: {problem}")
    if not problems:
        print(f"{directory}: evidence pack intact")
    return 1 if problems else 0


def _compare(run_a: Path, run_b: Path) -> int:
    try:
        from harness.report.compare import compare, load_run

        lines = compare(load_run(run_a), load_run(run_b))
    except ValueError as exc:
        print(f"bankid-conformance compare: {exc}", file=sys.stderr)
        return USAGE
    for line in lines or [f"no differences between {run_a} and {run_b}"]:
        print(line)
    return 1 if lines else 0
