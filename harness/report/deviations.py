"""Known deviations: failures a target is known to show, listed per target in a TOML file.

```toml
target = "https://auth.current.bankid.no/auth/realms/current/.well-known/openid-configuration"  # or omit: every target
[[deviation]]
rule = "BID-R54"
reason = "CURRENT still answers api_version 1"
link = "https://example.org/ticket/123"
```

A listed rule that fails is reported as ``known-deviation`` (not non-conformant); a listed rule that no
longer fails is reported as such, so the file does not outlive the problem.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from harness.findings import Deviation
from harness.rules import load_all

FIELDS = {"rule", "reason", "link"}


def load_deviations(files: Iterable[str | Path], targets: Iterable[str]) -> list[Deviation]:
    """Every deviation of every file, one per target it applies to. A bad file is a ``ValueError`` naming it."""
    targets = list(targets)
    found: list[Deviation] = []
    for file in files:
        found += _read(Path(file), targets)
    return found


def _read(path: Path, targets: list[str]) -> list[Deviation]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"--known-deviations {path}: {exc}") from exc
    target = data.get("target")
    if target is not None and not isinstance(target, str):
        raise ValueError(f"--known-deviations {path}: target: must be a string (a --target value)")
    entries = data.get("deviation", [])
    if not isinstance(entries, list):
        raise ValueError(f"--known-deviations {path}: deviation: must be an array of tables ([[deviation]])")
    applies_to = [target] if target else targets
    return [d for i, entry in enumerate(entries) for d in _entry(path, i, entry, applies_to)]


def _entry(path: Path, index: int, entry: Any, targets: list[str]) -> list[Deviation]:
    where = f"--known-deviations {path}: deviation[{index}]"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: must be a table")
    if unknown := set(entry) - FIELDS:
        raise ValueError(f"{where}: unknown field {sorted(unknown)[0]!r} (allowed: link, reason, rule)")
    for name in ("rule", "reason"):
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            raise ValueError(f"{where}.{name}: required, a non-empty string")
    if entry["rule"] not in load_all():
        raise ValueError(f"{where}.rule: unknown rule id {entry['rule']!r}")
    link = entry.get("link")
    if link is not None and not isinstance(link, str):
        raise ValueError(f"{where}.link: must be a string")
    return [Deviation(target=t, rule_id=entry["rule"], reason=entry["reason"], link=link) for t in targets]
