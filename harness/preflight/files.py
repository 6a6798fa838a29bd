"""Reading a request file: TOML (``.toml``) or YAML (``.yaml``/``.yml``), with the parser's line and column.

A request refers to its ``.bid`` by a path relative to the request file, so attachments resolve next to it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from bankid_provisioning.parsing import AttachmentLoader

YAML_SUFFIXES = (".yaml", ".yml")


class RequestFileError(ValueError):
    """The file cannot be read or parsed; ``location`` is ``line:column`` when the parser gives one."""

    def __init__(self, message: str, location: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location


def load_request_file(path: Path) -> Mapping[str, object]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RequestFileError(f"cannot read the file: {exc}") from exc
    data = _parse_yaml(text) if path.suffix.lower() in YAML_SUFFIXES else _parse_toml(text)
    if not isinstance(data, Mapping):
        raise RequestFileError("the top level must be a table of fields (see docs/provisioning-request.md)")
    return data


def _parse_toml(text: str) -> Any:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib (3.11) puts "(at line L, column C)" in its message rather than in attributes.
        return _raise(f"not valid TOML: {exc}", _toml_location(str(exc)))


def _toml_location(message: str) -> str | None:
    marker = "(at line "
    if marker not in message:
        return None
    line, _, column = message.rsplit(marker, 1)[1].rstrip(")").partition(", column ")
    return f"{line}:{column}" if column else line


def _parse_yaml(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark is not None else None
        return _raise(f"not valid YAML: {exc.problem or exc}", where)
    except yaml.YAMLError as exc:
        return _raise(f"not valid YAML: {exc}", None)


def _raise(message: str, location: str | None) -> Any:
    raise RequestFileError(message, location)


def attachment_loader(request_file: Path) -> AttachmentLoader:
    """Resolve ``bid_file`` paths relative to the request file, as the documented schema says."""

    def load(name: str) -> bytes:
        return (request_file.parent / name).read_bytes()

    return load
