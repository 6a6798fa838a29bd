"""The pytest plugin (entry point ``bankid_conformance``): options, markers, targets, steps and reporting.

It is the only place that decides what ``--target`` means (``harness.targets``); scenarios and steps only
ever see the resulting ``Target``.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from harness import allure_results, allure_steps, step_lookup
from harness.evidence import Evidence
from harness.findings import Findings, Scenario, TargetInfo, scenario_from_json
from harness.http import HttpSession
from harness.report import write_reports
from harness.report.deviations import load_deviations
from harness.report.judgement import judge
from harness.report.outcome import Unjudged, classify, rule_verdict, strongest_level
from harness.report.run_info import run_info, utc_now
from harness.report.summary import failure_text, terminal_summary
from harness.report.target_info import snapshot, target_info_from_json
from harness.rules import REGISTRY, Inconclusive, NotApplicable, Verdict, collecting, load_all
from harness.settings import Settings
from harness.suite import gc_settings
from harness.suite.unused_plugins import skip_rewriting_blocked
from harness.target import Target
from harness.targets import KEYWORDS, check_spec, open_target, split_spec, target_id

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
TARGET_INFO = "bankid_target"
_VERDICTS = pytest.StashKey[list[Verdict]]()
_EVIDENCE = pytest.StashKey[Evidence]()
_TARGET = pytest.StashKey[str]()
_SCENARIO = pytest.StashKey[tuple[str, str, str]]()
_UNJUDGED = pytest.StashKey[Unjudged]()
# What this process saw of each target: all of it, and what it has not yet sent to the controller.
_TARGET_INFO_SEEN = pytest.StashKey[dict[str, TargetInfo]]()
_TARGET_INFO_PENDING = pytest.StashKey[dict[str, TargetInfo]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("bankid", "BankID OIDC conformance")
    group.addoption(
        "--bankid-target",
        "--target",
        dest="target",
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
    group.addoption(
        "--mock-quirk",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="how a mock target behaves where BankID's docs are UNCLEAR (bankid-mock --list-quirks); repeatable",
    )
    group.addoption(
        "--bankid-reports",
        default=None,
        metavar="DIR",
        help="write findings.json, summary.txt, certification.md/.html to DIR; exit with the harness's statuses",
    )
    group.addoption(
        "--known-deviations",
        action="append",
        default=[],
        metavar="FILE",
        help="TOML file of failures a target is known to show (rule, reason, link); see reports/README.md",
    )
    group.addoption(
        "--bankid-debug",
        action="store_true",
        help="show Python tracebacks for failed scenarios (default: rule, expected, seen and where the evidence is)",
    )
    group.addoption("--bankid-command", default=None, help=argparse.SUPPRESS)
    group.addoption(
        "--allow-insecure-http",
        action="store_true",
        default=False,
        help="allow plain http to a target that is not loopback (credentials would travel in clear text)",
    )


def pytest_configure(config: pytest.Config) -> None:
    skip_rewriting_blocked(config)  # before anything imports the mock (and with it Faker)
    _check_targets(config)
    for rule_id, rule in load_all().items():
        config.addinivalue_line("markers", f"{rule_id}: {rule.title}")
    for tag, meaning in APPLICABILITY_TAGS.items():
        config.addinivalue_line("markers", f"{tag}: {meaning}")
    for tag in AREA_TAGS:
        config.addinivalue_line("markers", f"{tag}: scenarios about {tag.replace('_', ' ')}")
    _register_step_modules(config)
    if step_lookup.install():
        config.add_cleanup(step_lookup.uninstall)
    config.pluginmanager.register(_Reporter(config), "bankid_reporter")


def pytest_collection_finish(session: pytest.Session) -> None:
    gc_settings.tune(session.items, _is_scenario)


def pytest_sessionstart(session: pytest.Session) -> None:
    # After every plugin's pytest_configure: allure-pytest has registered the file logger this replaces.
    allure_results.install(session.config)


def _check_targets(config: pytest.Config) -> None:
    try:
        load_deviations(config.getoption("--known-deviations"), [])
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc
    try:
        settings = _settings(config)
        if not any(config.getoption(name) for name in ("--target", "--mock-fault", "--mock-quirk")):
            return
        for spec in settings.targets:
            check_spec(spec, settings, tuple(config.getoption("--mock-fault")), tuple(config.getoption("--mock-quirk")))
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
    insecure = True if config.getoption("--allow-insecure-http") else None
    return Settings.from_env(targets=tuple(targets) if targets else None, allow_insecure_http=insecure)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "target" in metafunc.fixturenames:
        specs = _settings(metafunc.config).targets
        ids = [target_id(s) for s in specs]
        metafunc.parametrize("target", specs, indirect=True, scope="session", ids=ids)


@pytest.fixture(scope="session")
def settings(pytestconfig: pytest.Config) -> Settings:
    return _settings(pytestconfig)


@pytest.fixture(scope="session")
def target(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Target]:
    spec = getattr(request, "param", settings.targets[0])
    faults = tuple(request.config.getoption("--mock-fault"))
    quirks = tuple(request.config.getoption("--mock-quirk"))
    with open_target(spec, settings, faults=faults, quirks=quirks) as opened:
        info = snapshot(opened, kind="mock" if split_spec(spec)[0] in KEYWORDS else "live")
        request.config.stash.setdefault(_TARGET_INFO_SEEN, {})[opened.name] = info
        request.config.stash.setdefault(_TARGET_INFO_PENDING, {})[opened.name] = info
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
    with _unjudged(request.node):
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


@contextmanager
def _unjudged(item: pytest.Item) -> Iterator[None]:
    """Turn "could not judge" into a pytest skip, keeping its kind as data for the findings."""
    try:
        yield
    except NotApplicable as exc:
        item.stash[_UNJUDGED] = ("not-applicable", exc.reason)
        pytest.skip(f"not applicable: {exc.reason}")
    except Inconclusive as exc:
        item.stash[_UNJUDGED] = ("inconclusive", exc.reason)
        pytest.skip(f"inconclusive: {exc.reason}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    with _unjudged(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    with collecting() as verdicts:
        item.stash[_VERDICTS] = verdicts
        with _unjudged(item):
            return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    with _traceback_not_formatted(item, call):
        report: pytest.TestReport = yield
    if not _is_scenario(item) or report.when not in ("setup", "call"):
        return report
    if report.when == "setup" and report.passed:
        return report
    evidence = item.stash.get(_EVIDENCE, Evidence())
    scenario = scenario_record(item, report, call, evidence)
    report.user_properties.append((FINDING, json.dumps(asdict(scenario))))
    _send_target_info(item, report)
    if report.failed and not item.config.getoption("--bankid-debug"):
        report.longrepr = failure_text(scenario, item.config.getoption("--bankid-reports"))
    if evidence.exchanges and not report.passed:
        report.sections.append(("evidence (redacted)", evidence.render()))
    if (report.when == "call" or not report.passed) and allure_steps.reporting(item.config):
        allure_steps.attach_scenario(evidence.render() if evidence.exchanges else "", scenario)
    return report


@contextmanager
def _traceback_not_formatted(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failed scenario's report gets the rule's failure text (below) unless ``--bankid-debug``; pytest would
    first format the whole traceback (the source around every frame, ~25 ms a failure), only for it to be
    replaced: with five fault profiles, 92 failures took 2.4 s of a 7.6 s run. So while pytest builds this
    report, the item formats only the exception's own text."""
    if (
        call.when != "call"
        or call.excinfo is None
        or not _is_scenario(item)
        or item.config.getoption("--bankid-debug")
        or not isinstance(item, pytest.Function)
    ):
        yield
        return
    item.repr_failure = _exception_text  # type: ignore[method-assign]
    try:
        yield
    finally:
        del item.repr_failure


def _exception_text(excinfo: pytest.ExceptionInfo[BaseException]) -> str:
    return excinfo.exconly()


def _is_scenario(item: pytest.Item) -> bool:
    return "_pytest_bdd_example" in getattr(item, "fixturenames", ())


def scenario_record(
    item: pytest.Item, report: pytest.TestReport, call: pytest.CallInfo[None], evidence: Evidence
) -> Scenario:
    feature, feature_file, name = item.stash.get(_SCENARIO, ("?", "?", item.name))
    verdicts = [rule_verdict(v) for v in item.stash.get(_VERDICTS, [])]
    outcome, reason = classify(report, call, item.stash.get(_UNJUDGED, None), verdicts)
    rule_ids = sorted(m.name for m in item.iter_markers() if m.name in REGISTRY)
    return Scenario(
        nodeid=item.nodeid,
        feature=feature,
        feature_file=feature_file,
        name=name,
        target=item.stash.get(_TARGET, _param_target(item)),
        rule_ids=rule_ids,
        level=strongest_level(rule_ids),
        outcome=outcome,
        reason=reason,
        verdicts=verdicts,
        evidence=evidence.as_json() if outcome != "conformant" else [],
    )


def _param_target(item: pytest.Item) -> str:
    callspec = getattr(item, "callspec", None)
    spec = str(callspec.params.get("target", "?")) if callspec else "?"
    return spec


def _send_target_info(item: pytest.Item, report: pytest.TestReport) -> None:
    """Each process sends what it saw of each target once, in a report's ``user_properties`` (xdist-safe)."""
    pending = item.config.stash.get(_TARGET_INFO_PENDING, {})
    for name in list(pending):
        report.user_properties.append((TARGET_INFO, json.dumps(asdict(pending.pop(name)))))


class _Reporter:
    """Gathers findings (in the controller, under xdist too: they travel in ``user_properties``)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.scenarios: list[Scenario] = []
        self.targets: dict[str, TargetInfo] = {}
        self.started = utc_now()
        self.findings: Findings | None = None

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if hasattr(self.config, "workerinput"):
            return  # an xdist worker: the report, properties and all, goes to the controller, which collects
        # Taken out of user_properties so JUnit XML does not carry them as <property> elements.
        kept = []
        for name, value in report.user_properties:
            if name == FINDING:
                self.scenarios.append(scenario_from_json(json.loads(str(value))))
            elif name == TARGET_INFO:
                info = target_info_from_json(json.loads(str(value)))
                self.targets.setdefault(info.name, info)
            else:
                kept.append((name, value))
        report.user_properties[:] = kept

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        directory = self.config.getoption("--bankid-reports")
        if hasattr(self.config, "workerinput") or not directory:
            return
        local = self.config.stash.get(_TARGET_INFO_SEEN, {})
        for name, info in local.items():
            self.targets.setdefault(name, info)
        run = run_info(self.config.getoption("--bankid-command") or shlex.join(sys.argv), self.started)
        findings = Findings(run=run, targets=list(self.targets.values()), scenarios=self.scenarios)
        deviations = load_deviations(self.config.getoption("--known-deviations"), [t for t in self.targets])
        self.findings = judge(findings, deviations)
        write_reports(self.findings, Path(directory), allure_dir=self.config.getoption("allure_report_dir", None))
        session.exitstatus = self.findings.exit_status

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.findings is None:
            return
        terminalreporter.write_sep("=", "BankID conformance")
        for line in terminal_summary(self.findings):
            terminalreporter.write_line(line)
        directory = Path(self.config.getoption("--bankid-reports"))
        terminalreporter.write_line(f"findings: {directory / 'findings.json'}")


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    request.node.stash[_SCENARIO] = (feature.name, str(feature.rel_filename).replace("\\", "/"), scenario.name)
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
