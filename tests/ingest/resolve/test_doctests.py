"""The examples in the resolver's docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "ingest.resolve.blocking",
    "ingest.resolve.cluster",
    "ingest.resolve.frame",
    "ingest.resolve.given_names",
    "ingest.resolve.mentions",
    "ingest.resolve.model",
    "ingest.resolve.names",
    "ingest.resolve.phonetic",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
    assert result.attempted > 0
