"""The grouped Allure file logger (harness/allure_results.py): one container per test holding every
function-scoped fixture's set-up and tear-down, shared fixtures' containers as allure-pytest writes them, no
container that names no test, and results and attachments untouched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from harness.suite.unused_plugins import blocking_args

CONFTEST = """\
import allure
import pytest

from harness import allure_results


def pytest_sessionstart(session):
    if session.config.getoption("--group") == "yes":
        allure_results.install(session.config)


def pytest_addoption(parser):
    parser.addoption("--group", default="yes")


@pytest.fixture(scope="session")
def shared():
    yield "shared"


@pytest.fixture
def first():
    yield 1


@pytest.fixture
def second(first):
    return first + 1
"""

TESTS = """\
import allure
import pytest


def test_one(shared, second):
    allure.attach("evidence", name="evidence (redacted)", attachment_type=allure.attachment_type.TEXT)
    assert second == 2


def test_two(shared, first, request):
    request.getfixturevalue("second")  # resolved during the call, as pytest-bdd resolves step definitions
    assert first == 1


@pytest.mark.parametrize("n", [1, 2])
def test_three(first, n):
    assert first
"""


def _run(pytester: pytest.Pytester, group: str) -> dict[str, list[dict[str, Any]]]:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_fixtures=TESTS)
    results = pytester.path / f"results-{group}"
    run = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", *blocking_args(), "--alluredir", str(results), "--group", group
    )
    run.assert_outcomes(passed=4)
    files: dict[str, list[dict[str, Any]]] = {"result": [], "container": [], "attachment": []}
    for path in results.iterdir():
        kind = path.name.rsplit("-", 1)[-1].split(".")[0]
        files[kind].append(json.loads(path.read_text()) if path.suffix == ".json" else {"body": path.read_text()})
    assert not list(Path(results).glob("*.tmp"))
    return files


def _fixtures_per_test(files: dict[str, list[dict[str, Any]]]) -> dict[str, tuple[list[str], list[str]]]:
    """Per test name: the sorted names of the set-ups and tear-downs Allure attaches to it."""
    names = {r["uuid"]: r["name"] for r in files["result"]}
    seen: dict[str, tuple[list[str], list[str]]] = {name: ([], []) for name in names.values()}
    for container in files["container"]:
        for child in container.get("children", []):
            befores, afters = seen[names[child]]
            befores += [b["name"] for b in container.get("befores", [])]
            afters += [a["name"] for a in container.get("afters", [])]
    return {name: (sorted(b), sorted(a)) for name, (b, a) in seen.items()}


def test_one_container_per_test_with_the_same_fixtures_as_allure_pytest_writes(pytester: pytest.Pytester) -> None:
    grouped = _run(pytester, "yes")
    plain = _run(pytester, "no")
    assert _fixtures_per_test(grouped) == _fixtures_per_test(plain)
    assert _fixtures_per_test(grouped)["test_one"][0] == ["first", "second", "shared"]
    # One per test (4) plus the session fixture's, shared by all; allure-pytest writes one per fixture per test.
    assert len(grouped["container"]) == 5
    assert len(plain["container"]) > len(grouped["container"])
    assert all(c.get("children") for c in grouped["container"])
    [shared] = [c for c in grouped["container"] if len(c["children"]) > 1]
    assert [b["name"] for b in shared["befores"]] == ["shared"]


def test_results_and_attachments_are_written_as_before(pytester: pytest.Pytester) -> None:
    grouped = _run(pytester, "yes")
    plain = _run(pytester, "no")
    assert sorted(r["name"] for r in grouped["result"]) == sorted(r["name"] for r in plain["result"])
    assert [a["body"] for a in grouped["attachment"]] == [a["body"] for a in plain["attachment"]] == ["evidence"]
    for result in grouped["result"]:
        assert result["status"] == "passed"
        [twin] = [r for r in plain["result"] if r["name"] == result["name"]]
        assert _labels(result) == _labels(twin)
        assert len(result.get("attachments", [])) == len(twin.get("attachments", []))


def _labels(result: dict[str, Any]) -> list[dict[str, str]]:
    return [label for label in result["labels"] if label["name"] != "thread"]  # the process id differs
