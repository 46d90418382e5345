"""The examples in the normalisers' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "ingest.normalize.text",
    "ingest.normalize.orgs",
    "ingest.normalize.persons",
    "ingest.normalize.ids",
    "ingest.normalize.dates",
    "ingest.normalize.numbers",
    "ingest.normalize.countries",
    "ingest.normalize.addresses",
    "ingest.normalize.yesno",
    "ingest.csvio",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__doc__, f"{name} has no docstring"
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no doctest example"
    assert result.failed == 0
