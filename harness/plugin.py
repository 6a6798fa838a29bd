"""The pytest plugin (entry point ``bankid_conformance``): options, markers, targets, steps and reporting.

It is the only place that decides what ``--target`` means (``harness.targets``); scenarios and steps only
ever see the resulting ``Target``.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from harness import allure_steps
from harness.evidence import Evidence
from harness.findings import Findings
from harness.http import HttpSession
from harness.rules import REGISTRY, Inconclusive, NotApplicable, Outcome, Verdict, Violation, collecting, load_all
from harness.settings import Settings
from harness.target import Target
from harness.targets import check_spec, open_target

# Where a scenario can run and what it needs; every Gherkin tag must be one of these or a rule id.
APPLICABILITY_TAGS = {
    "mock-and-live": "runs against the mock and against a real provider",
    "mock-only": "needs a mock's admin API (fault injection, provisioning, test users)",
    "client-credentials": "needs a provisioned client's id and secret",
    "known-client": "needs a known client_id with one registered redirect_uri",
    "needs-user": "needs a test user to log in (the mock logs in headlessly; live runs need a human)",
    "browser": "drives a real browser (Playwright + Debian chromium)",
    "bis-client": "needs a second provisioned client with BankID with biometrics (BIS) enabled",
    "ineligible-client": "needs a second provisioned client that is not eligible for nnin_altsub",
}
# Tags that ask for a client in a role (``harness.target.CLIENT_ROLES``).
ROLE_TAGS = {"bis-client": "bis", "ineligible-client": "ineligible"}
AREA_TAGS = (
    "discovery",
    "jwks",
    "token",
    "introspection",
    "client_authentication",
    "authorization",
    "id_token",
    "userinfo",
    "par",
    "provisioning",
    "credentials",
    "merchant_certificate",
    "session",
)
FINDING = "bankid_finding"
_VERDICTS = pytest.StashKey[list[Verdict]]()
_EVIDENCE = pytest.StashKey[Evidence]()
_TARGET = pytest.StashKey[str]()
_SCENARIO = pytest.StashKey[tuple[str, str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("bankid", "BankID OIDC conformance")
    group.addoption(
        "--target",
        action="append",
        default=None,
        metavar="TARGET",
        help="mock (in-process, default), mock-server (spawned over HTTPS) or a discovery URL; repeatable",
    )
    group.addoption(
        "--mock-fault",
        action="append",
        default=[],
        metavar="PROFILE",
        help="apply a named fault profile to mock targets (mock_provider.faults)",
    )
    group.addoption("--bankid-reports", default=None, metavar="DIR", help="write findings.json and summary.txt to DIR")


def pytest_configure(config: pytest.Config) -> None:
    _check_targets(config)
    for rule_id, rule in load_all().items():
        config.addinivalue_line("markers", f"{rule_id}: {rule.title}")
    for tag, meaning in APPLICABILITY_TAGS.items():
        config.addinivalue_line("markers", f"{tag}: {meaning}")
    for tag in AREA_TAGS:
        config.addinivalue_line("markers", f"{tag}: scenarios about {tag.replace('_', ' ')}")
    _register_step_modules(config)
    config.pluginmanager.register(_Reporter(config), "bankid_reporter")


def _check_targets(config: pytest.Config) -> None:
    if not config.getoption("--target") and not config.getoption("--mock-fault"):
        return
    try:
        settings = _settings(config)
        for spec in settings.targets:
            check_spec(spec, settings, tuple(config.getoption("--mock-fault")))
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc


def _register_step_modules(config: pytest.Config) -> None:
    """Every module in ``harness.steps`` is a step plugin: adding an area needs no edit here."""
    import importlib
    import pkgutil

    import harness.steps

    for module in pkgutil.iter_modules(harness.steps.__path__, prefix="harness.steps."):
        config.pluginmanager.register(importlib.import_module(module.name), module.name)


def _settings(config: pytest.Config) -> Settings:
    targets = config.getoption("--target")
    return Settings.from_env(targets=tuple(targets) if targets else None)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "target" in metafunc.fixturenames:
        specs = _settings(metafunc.config).targets
        metafunc.parametrize("target", specs, indirect=True, scope="session", ids=[_target_id(s) for s in specs])


def _target_id(spec: str) -> str:
    return spec if spec in ("mock", "mock-server") else "live"


@pytest.fixture(scope="session")
def settings(pytestconfig: pytest.Config) -> Settings:
    return _settings(pytestconfig)


@pytest.fixture(scope="session")
def target(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Target]:
    spec = getattr(request, "param", settings.targets[0])
    faults = tuple(request.config.getoption("--mock-fault"))
    with open_target(spec, settings, faults=faults) as opened:
        yield opened


@pytest.fixture
def evidence(request: pytest.FixtureRequest) -> Evidence:
    found = Evidence()
    request.node.stash[_EVIDENCE] = found
    return found


@pytest.fixture
def http(target: Target, evidence: Evidence, request: pytest.FixtureRequest) -> Iterator[HttpSession]:
    request.node.stash[_TARGET] = target.name
    with target.session(evidence) as session:
        yield session


@pytest.fixture(autouse=True)
def _applicability(request: pytest.FixtureRequest) -> None:
    """Scenarios declare what they need by tag; a target that lacks it makes them inconclusive."""
    markers = {m.name for m in request.node.iter_markers()}
    if not markers & {"client-credentials", "known-client", "mock-only", "needs-user", *ROLE_TAGS}:
        return
    target: Target = request.getfixturevalue("target")
    try:
        if "mock-only" in markers:
            target.require_admin()
        if "client-credentials" in markers:
            target.require_client()
        for tag in markers & ROLE_TAGS.keys():
            target.require_client(ROLE_TAGS[tag])
        if "known-client" in markers:
            target.require_redirect_uri()
        if "needs-user" in markers:
            target.require_login()
    except NotApplicable as exc:
        pytest.skip(f"not applicable: {exc.reason}")
    except Inconclusive as exc:
        pytest.skip(f"inconclusive: {exc.reason}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    try:
        return (yield)
    except Inconclusive as exc:
        pytest.skip(f"inconclusive: {exc.reason}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    with collecting() as verdicts:
        item.stash[_VERDICTS] = verdicts
        try:
            return (yield)
        except Inconclusive as exc:
            pytest.skip(f"inconclusive: {exc.reason}")
        except NotApplicable as exc:
            pytest.skip(f"not applicable: {exc.reason}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report: pytest.TestReport = yield
    if not _is_scenario(item) or report.when not in ("setup", "call"):
        return report
    if report.when == "setup" and report.passed:
        return report
    evidence = item.stash.get(_EVIDENCE, Evidence())
    finding = _finding(item, report, call, evidence)
    report.user_properties.append((FINDING, json.dumps(finding)))
    if evidence.exchanges and not report.passed:
        report.sections.append(("evidence (redacted)", evidence.render()))
    if report.when == "call" or not report.passed:
        _attach(evidence, finding)
    return report


def _is_scenario(item: pytest.Item) -> bool:
    return "_pytest_bdd_example" in getattr(item, "fixturenames", ())


def _finding(
    item: pytest.Item, report: pytest.TestReport, call: pytest.CallInfo[None], evidence: Evidence
) -> dict[str, Any]:
    feature, scenario = item.stash.get(_SCENARIO, ("?", item.name))
    verdicts = item.stash.get(_VERDICTS, [])
    outcome, reason = _classify(report, call)
    return {
        "nodeid": item.nodeid,
        "feature": feature,
        "name": scenario,
        "rule_ids": sorted(m.name for m in item.iter_markers() if m.name in REGISTRY),
        "target": item.stash.get(_TARGET, _param_target(item)),
        "outcome": outcome,
        "reason": reason,
        "verdicts": [_verdict_json(v) for v in verdicts],
        "evidence": evidence.as_json() if outcome != "conformant" or _warned(verdicts) else [],
    }


def _param_target(item: pytest.Item) -> str:
    callspec = getattr(item, "callspec", None)
    return str(callspec.params.get("target", "?")) if callspec else "?"


def _classify(report: pytest.TestReport, call: pytest.CallInfo[None]) -> tuple[str, str]:
    if report.passed:
        return "conformant", ""
    if report.skipped:
        message = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        message = message.removeprefix("Skipped: ")
        kind = "not-applicable" if message.startswith("not applicable") else "inconclusive"
        return kind, message
    error = call.excinfo.value if call.excinfo else None
    if isinstance(error, Violation):
        return "non-conformant", f"{error.rule.id}: expected {error.expected!r}, seen {error.seen!r}"
    return "harness-error", f"{type(error).__name__}: {error}" if error else "unknown error"


def _warned(verdicts: list[Verdict]) -> bool:
    return any(v.outcome is Outcome.WARNING for v in verdicts)


def _verdict_json(verdict: Verdict) -> dict[str, Any]:
    return {
        "rule": verdict.rule.id,
        "level": verdict.rule.level.value,
        "sources": list(verdict.rule.sources),
        "outcome": verdict.outcome.value,
        "expected": _plain(verdict.expected),
        "seen": _plain(verdict.seen),
        "note": verdict.note,
    }


def _plain(value: Any) -> Any:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)
    return value


def _attach(evidence: Evidence, finding: dict[str, Any]) -> None:
    if evidence.exchanges:
        allure_steps.attach_text("evidence (redacted)", evidence.render())
    if finding["verdicts"]:
        allure_steps.attach_text("rule verdicts", json.dumps(finding["verdicts"], indent=2))


class _Reporter:
    """Gathers findings (in the controller, under xdist too: they travel in ``user_properties``)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.findings = Findings()
        self.summary: Path | None = None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        for name, value in report.user_properties:
            if name == FINDING:
                self.findings.add(json.loads(str(value)))

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        directory = self.config.getoption("--bankid-reports")
        if hasattr(self.config, "workerinput") or not directory or not self.findings.scenarios:
            return
        _, self.summary = self.findings.write(Path(directory))

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.summary is not None:
            terminalreporter.write_sep("=", "BankID conformance")
            terminalreporter.write_line(self.summary.read_text(encoding="utf-8").splitlines()[0])
            terminalreporter.write_line(f"findings: {self.summary.parent / 'findings.json'}  summary: {self.summary}")


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    request.node.stash[_SCENARIO] = (feature.name, scenario.name)
    allure_steps.before_scenario(request, feature, scenario)


def pytest_bdd_before_step(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any
) -> None:
    allure_steps.before_step(request, step)


def pytest_bdd_after_step(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any) -> None:
    allure_steps.after_step(request)


def pytest_bdd_step_error(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, exception: BaseException
) -> None:
    allure_steps.after_step(request, exception)
