"""The command line: print every problem as ``FILE:FIELD: message``; exit 1 on problems, 0 when clean.

Exit status 2 means the file could not be read or parsed (reported as ``FILE:LINE:COLUMN: message``).
Advice (documented recommendations, e.g. "no customer support at this service desk" [S1]) never fails a run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from cryptography import x509

from bankid_provisioning import Policy, Report, validate_request
from harness.preflight.files import RequestFileError, attachment_loader, load_request_file

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bankid-preflight", description=__doc__)
    parser.add_argument("request_files", nargs="+", type=Path, metavar="REQUEST_FILE", help="TOML or YAML")
    parser.add_argument("--ca", type=Path, action="append", default=[], help="trusted merchant CA (PEM)")
    parser.add_argument("--at", type=dt.datetime.fromisoformat, help="judge certificate validity at this time")
    parser.add_argument("--no-advice", action="store_true", help="print errors only")
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    args = _parser().parse_args(argv)
    out = out or sys.stdout
    try:
        policy = _policy(args.ca, args.at)
    except (OSError, ValueError) as exc:
        print(f"bankid-preflight: cannot load --ca: {exc}", file=out)
        return EXIT_UNREADABLE
    return max(check_file(path, policy, out=out, advice=not args.no_advice) for path in args.request_files)


def check_file(path: Path, policy: Policy, *, out: TextIO, advice: bool = True) -> int:
    try:
        data = load_request_file(path)
    except RequestFileError as exc:
        where = f"{path}:{exc.location}" if exc.location else str(path)
        print(f"{where}: {exc.message}", file=out)
        return EXIT_UNREADABLE
    report = validate_request(data, policy=policy, load_attachment=attachment_loader(path))
    _print(path, report, out=out, advice=advice)
    return EXIT_CLEAN if report.ok else EXIT_PROBLEMS


def _print(path: Path, report: Report, *, out: TextIO, advice: bool) -> None:
    for error in report.errors:
        print(f"{path}:{error.field}: {error.message}", file=out)
    if advice:
        for note in report.advice:
            print(f"{path}:{note.field}: advice: {note.message}", file=out)
    if report.ok:
        print(f"{path}: OK, ready to submit", file=out)


def _policy(ca_files: list[Path], at: dt.datetime | None) -> Policy:
    anchors = tuple(c for f in ca_files for c in x509.load_pem_x509_certificates(f.read_bytes()))
    now = at.replace(tzinfo=at.tzinfo or dt.UTC) if at else dt.datetime.now(dt.UTC)
    return Policy(now=now, trust_anchors=anchors)
