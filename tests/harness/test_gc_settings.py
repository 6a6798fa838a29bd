"""The collector is tuned only for sessions that run nothing but conformance scenarios
(harness/suite/gc_settings.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from harness.suite import gc_settings


@pytest.fixture
def restored_gc() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_a_session_of_scenarios_freezes_start_up_and_collects_young_objects_in_larger_batches(
    restored_gc: None,
) -> None:
    assert gc_settings.tune(["scenario a", "scenario b"], lambda item: item.startswith("scenario"))
    assert gc.get_threshold() == gc_settings.THRESHOLDS
    assert gc.get_freeze_count() > 0


@pytest.mark.parametrize("items", [[], ["scenario a", "test_something_else"]])
def test_a_session_with_other_tests_or_none_keeps_pythons_settings(restored_gc: None, items: list[str]) -> None:
    before = gc.get_threshold(), gc.get_freeze_count()
    assert not gc_settings.tune(items, lambda item: item.startswith("scenario"))
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
