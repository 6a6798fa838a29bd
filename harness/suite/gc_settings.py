"""Python's garbage collector, set for a run of the conformance suite.

A suite run keeps a large heap alive from start-up on (pytest, the plugins, the in-process mock, ~240 step
definitions), and every full collection walks all of it: with Python's default thresholds a five-target run made
10 full collections of ~0.1 s each, ~15% of its CPU. After collection the start-up objects are frozen (moved
out of the collector's reach; none of them is garbage before the process ends) and young objects are collected
in larger batches, so full collections are rarer and walk only what the scenarios made: GC time 1.1 -> 0.4 s
for the five targets. Only for a session whose every test is a conformance scenario (the main job, the tests'
suite runs), never for a session that also runs other tests.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from typing import Any

# Young-generation threshold raised from 700: an allocation-heavy run (HTTP exchanges, evidence, reports)
# otherwise promotes to the older generations often enough to trigger a full collection every ~85 scenarios.
THRESHOLDS = (10_000, 10, 10)


def tune(items: Sequence[Any], is_scenario: Callable[[Any], bool]) -> bool:
    """Freeze the start-up heap and raise the young threshold, if every item is a scenario; True if done."""
    if not items or not all(is_scenario(item) for item in items):
        return False
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    return True
