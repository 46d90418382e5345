"""The examples in the analysis modules' docstrings run and say what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "registry.analysis.integrated",
    "registry.analysis.interests",
    "registry.analysis.ownership",
    "registry.analysis.holdings",
    "registry.analysis.paths",
    "registry.analysis.cycles",
    "registry.analysis.contracts",
    "registry.analysis.derived",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
