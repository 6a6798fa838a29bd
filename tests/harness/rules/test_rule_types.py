"""A rule keeps its check's signature (``Rule[P]``), so mypy refuses a step that calls a rule wrongly."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parents[3]

GOOD = """
from harness.http import Reply
from harness.rules.bankid import jwks

def judge(reply: Reply) -> None:
    jwks.well_formed(reply)
"""

BAD = """
from harness.rules.bankid import jwks

jwks.well_formed("not a reply", 42, bogus=True)
"""


def _mypy(source: str, tmp_path: Path) -> tuple[str, int]:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(source)
    # Harness modules are checked in CI already; here they are only followed for their signatures.
    args = ["--strict", "--follow-imports=silent", "--ignore-missing-imports", "--cache-dir", str(tmp_path / "c")]
    stdout, _, status = api.run([*args, str(snippet)])
    return stdout, status


@pytest.fixture(autouse=True)
def _from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_a_well_typed_call_of_a_rule_passes(tmp_path: Path) -> None:
    stdout, status = _mypy(GOOD, tmp_path)
    assert status == 0, stdout


def test_a_call_with_wrong_arguments_is_refused(tmp_path: Path) -> None:
    stdout, status = _mypy(BAD, tmp_path)
    assert status == 1
    assert 'Argument 1 to "__call__" of "Rule" has incompatible type "str"; expected "Reply"' in stdout
    assert 'Unexpected keyword argument "bogus"' in stdout
    assert "Too many arguments" in stdout
