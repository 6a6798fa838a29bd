"""Run metadata: which harness (version and git commit), how it was called, when, and with which tools."""

from __future__ import annotations

import datetime as dt
import platform
import subprocess
from importlib import metadata

from harness.findings import RunInfo
from harness.redaction import redact_text
from harness.settings import ROOT

DISTRIBUTION = "bankid-oidc-conformance"
LIBRARIES = ("pytest", "pytest-bdd", "httpx", "joserfc", "authlib", "cryptography", "allure-pytest", "flask")


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def run_info(command_line: str, started: str) -> RunInfo:
    return RunInfo(
        harness_version=_version(DISTRIBUTION) or "unknown",
        git_commit=git_commit(),
        command_line=redact_text(command_line),
        started=started,
        finished=utc_now(),
        python=platform.python_version(),
        libraries={name: version for name in LIBRARIES if (version := _version(name))},
    )


def git_commit() -> str | None:
    """The commit of the checkout the harness runs from, marked ``-dirty`` if it has local changes."""
    if not (ROOT / ".git").exists():
        return None
    try:
        head = _git("rev-parse", "HEAD")
        dirty = _git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}-dirty" if dirty else head


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=True)  # noqa: S603,S607
    return done.stdout.strip()


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
