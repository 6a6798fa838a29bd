"""Collects every scenario under ``features/`` (the conformance suite). The target comes from ``--target``."""

import pytest
from pytest_bdd import scenarios

from harness.settings import Settings

# Declared here so the plugin can parametrize every scenario over the requested targets at collection.
pytestmark = pytest.mark.usefixtures("target")

scenarios(str(Settings().features_dir))
