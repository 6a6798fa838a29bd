"""Request limits: how much of a request the mock reads at all, so no body costs more than it is worth.

- Body size: 10 MiB, Keycloak's own limit (it runs on Quarkus, whose ``quarkus.http.limits.max-body-size``
  defaults to 10M); larger bodies are a 413 before they are parsed. Werkzeug's defaults bound the form further
  (500 kB per field, 1000 fields).
- JSON nesting: Keycloak's Jackson refuses documents nested deeper than 1000 levels
  (``StreamReadConstraints.DEFAULT_MAX_DEPTH``); Python's recursive parser would hit its recursion limit below
  that, so the mock refuses beyond ``MAX_JSON_DEPTH``, far above anything it accepts (a provisioning request
  nests 4 levels), with a 400 that says so.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from mock_provider.oauth.errors import InvalidRequestError

MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_JSON_DEPTH = 128
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays and objects in ``text`` nest deeper than ``limit`` (brackets inside strings do not count)."""
    if text.count("[") + text.count("{") <= limit:
        return False  # the common case, without a scan
    brackets = _BRACKET.findall(_STRING.sub("", text))
    return max(itertools.accumulate((1 if b in "[{" else -1 for b in brackets), initial=0)) > limit


class LimitedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing a request body nested deeper than ``MAX_JSON_DEPTH`` with a 400 naming why."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        text = s.decode("utf-8", errors="replace") if isinstance(s, bytes) else s
        if too_deep(text):
            # Not a ValueError: get_json(silent=True) would swallow it into "not JSON" and lose the reason.
            raise InvalidRequestError(description=f"The JSON body is nested deeper than {MAX_JSON_DEPTH} levels")
        return super().loads(s, **kwargs)


def apply(app: Flask) -> None:
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    provider = LimitedJSONProvider(app)
    provider.sort_keys = False
    app.json = provider
