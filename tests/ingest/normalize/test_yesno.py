"""parse_yes_no."""

from __future__ import annotations

import pytest

from ingest.normalize.errors import NormalizationError
from ingest.normalize.yesno import parse_yes_no


@pytest.mark.parametrize(
    "raw", ["S", "s", "SI", "Si", "Sí", "SÍ", "X", "x", "1", "TRUE", "True", "VERDADERO"]
)
def test_true(raw: str) -> None:
    assert parse_yes_no(raw) is True


@pytest.mark.parametrize("raw", ["N", "n", "NO", "No", "0", "FALSE", "False", "FALSO"])
def test_false(raw: str) -> None:
    assert parse_yes_no(raw) is False


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_blank(raw: str | None) -> None:
    assert parse_yes_no(raw) is None


@pytest.mark.parametrize("raw", ["Quizás", "2", "NO APLICA"])
def test_bad(raw: str) -> None:
    with pytest.raises(NormalizationError) as info:
        parse_yes_no(raw)
    assert info.value.rule == "bad_value"
    assert repr(raw) in info.value.message
