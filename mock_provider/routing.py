"""URL rules whose URL-building functions are compiled once per process, not once per app.

Binding a rule to a map makes werkzeug generate and ``compile()`` two Python functions that build the rule's
URLs: ~13 of the ~30 ms one app takes to construct, and a test process or a conformance run with many in-process
targets builds hundreds of apps over the same few dozen rules. Such a function depends only on the rule's parsed
parts (it takes the rule itself as its first argument and reads the converters from it), so rules with equal
parts share one. Rules with defaults, whose values werkzeug folds into the function, compile their own.

``Rule._compile_builder`` is werkzeug's internal; tests/mock_provider/test_routing.py builds every route's URL
on two apps against plain werkzeug rules, so a werkzeug that changes it fails there, not in a request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.routing import Rule

_BUILDERS: dict[tuple[str, tuple[tuple[bool, str], ...], bool], Callable[..., tuple[str, str]]] = {}


class SharedBuilderRule(Rule):
    """A werkzeug ``Rule`` that reuses the URL-building function an equal rule already compiled."""

    def _compile_builder(self, append_unknown: bool = True) -> Callable[..., Any]:
        if self.defaults:
            return super()._compile_builder(append_unknown)
        key = (self.rule, tuple(self._trace), append_unknown)
        builder = _BUILDERS.get(key)
        if builder is None:
            builder = _BUILDERS[key] = super()._compile_builder(append_unknown)  # a race compiles twice, harmlessly
        return builder
