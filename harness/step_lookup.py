"""pytest-bdd's step lookup, done once per step text instead of once per step of every scenario.

pytest-bdd 9 finds a step's definition by asking pytest, for every fixture name of the session (~270 in the
conformance suite: each step definition is a fixture), which of its definitions the scenario can see, and then
matching each visible step definition against the step's text: ~210,000 visibility checks for the suite's ~780
steps, about a fifth of the suite's CPU. What a scenario can see depends only on where it sits in the
collection tree: step definitions are registered by plugins, conftests and modules, never on a scenario item
(pytest-bdd registers only a step's ``target_fixture`` values there, and those are not step definitions).

So this asks pytest once per parent node (the scenarios' module) which step definitions are visible, in
pytest-bdd's order (fixture name, then pytest's order within a name), and answers each step from that list with
the same two tests pytest-bdd applies (step type, parser match), keeping the answer per step text. The lists
are rebuilt when a step definition is added. The result is the list pytest-bdd's own function yields.

pytest-bdd has no hook for the lookup, so this replaces its module-level function for the length of a
conformance session (``harness.plugin``) and puts the original back at the end. Only the pytest-bdd 9 function
it was written against is replaced; on another version the lookup is left as it is.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import Any

from pytest_bdd.compat import get_fixture_names, getfixturedefs
from pytest_bdd.steps import StepFunctionContext, step_function_context_registry

# The module, not the ``scenario`` function the package exports under the same name.
bdd_scenario: Any = importlib.import_module("pytest_bdd.scenario")
_ORIGINAL = "_bankid_step_lookup_original"


def install() -> bool:
    """Replace pytest-bdd's lookup; False (and nothing changed) when its function is not the expected one."""
    original = getattr(bdd_scenario, "find_fixturedefs_for_step", None)
    if original is None or hasattr(original, _ORIGINAL):
        return False
    if original.__code__.co_varnames[:3] != ("step", "fixturemanager", "node"):
        return False
    lookup = StepLookup()

    def find_fixturedefs_for_step(step: Any, fixturemanager: Any, node: Any) -> Iterator[Any]:
        return lookup.find(step, fixturemanager, node)

    setattr(find_fixturedefs_for_step, _ORIGINAL, original)
    bdd_scenario.find_fixturedefs_for_step = find_fixturedefs_for_step
    return True


def uninstall() -> None:
    replaced = getattr(bdd_scenario, "find_fixturedefs_for_step", None)
    original = getattr(replaced, _ORIGINAL, None)
    if original is not None:
        bdd_scenario.find_fixturedefs_for_step = original


class StepLookup:
    """The visible step definitions per parent node, and the matching ones per step (module docstring)."""

    def __init__(self) -> None:
        self._visible: dict[tuple[object, ...], list[tuple[Any, StepFunctionContext]]] = {}
        self._answers: dict[tuple[object, ...], list[Any]] = {}

    def find(self, step: Any, fixturemanager: Any, node: Any) -> Iterator[Any]:
        parent = getattr(node, "parent", None) or node
        generation = (id(fixturemanager), parent, len(step_function_context_registry))
        key = (*generation, step.type, step.name)
        answer = self._answers.get(key)
        if answer is None:
            visible = self._visible.get(generation)
            if visible is None:
                visible = self._visible[generation] = list(_step_definitions(fixturemanager, parent))
            answer = self._answers[key] = [
                fixturedef
                for fixturedef, context in visible
                if (context.type is None or context.type == step.type) and context.parser.is_matching(step.name)
            ]
        return iter(answer)


def _step_definitions(fixturemanager: Any, node: Any) -> Iterable[tuple[Any, StepFunctionContext]]:
    """Every step definition visible to ``node``, in pytest-bdd's lookup order."""
    for name in get_fixture_names(fixturemanager=fixturemanager):
        for fixturedef in getfixturedefs(fixturemanager, name, node) or []:
            context = step_function_context_registry.get(fixturedef.func)
            if context is not None:
                yield fixturedef, context
