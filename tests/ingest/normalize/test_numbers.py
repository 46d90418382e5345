"""parse_percentage / parse_amount / parse_term_months."""

from __future__ import annotations

import pytest

from ingest.normalize.errors import NormalizationError
from ingest.normalize.numbers import Percent, parse_amount, parse_percentage, parse_term_months


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("45", Percent(45, 45)),
        ("45.5", Percent(45.5, 45.5)),
        ("45,5", Percent(45.5, 45.5)),
        ("45%", Percent(45, 45)),
        ("45 %", Percent(45, 45)),
        ("100", Percent(100, 100)),
        ("0", Percent(0, 0)),
        ("25-50", Percent(25, 50)),
        ("25 a 50", Percent(25, 50)),
        ("25 – 50 %", Percent(25, 50)),
        ("25% - 50%", Percent(25, 50)),
        ("entre 25 y 50 por ciento", Percent(25, 50)),
        ("de 25 a 50", Percent(25, 50)),
        (">25", Percent(25, 100, exclusive_min=True)),
        ("> 25%", Percent(25, 100, exclusive_min=True)),
        (">=25", Percent(25, 100)),
        ("≥ 25", Percent(25, 100)),
        ("más del 25%", Percent(25, 100, exclusive_min=True)),
        ("mas de 25", Percent(25, 100, exclusive_min=True)),
        ("Más de 50 %", Percent(50, 100, exclusive_min=True)),
        ("al menos 25", Percent(25, 100)),
        ("25% o más", Percent(25, 100)),
        ("menos de 10%", Percent(0, 10, exclusive_max=True)),
        ("<10", Percent(0, 10, exclusive_max=True)),
        ("hasta 10%", Percent(0, 10)),
        ("<= 10", Percent(0, 10)),
    ],
)
def test_parse_percentage(raw: str, expected: Percent) -> None:
    assert parse_percentage(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_blank_percentage_is_unknown_not_zero(raw: str | None) -> None:
    assert parse_percentage(raw) is None


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("101", "101 is above 100"),
        ("25-150", "150 is above 100"),
        ("-5", "negative"),
        ("50-25", "50 is above 25"),
        ("mucho", "is not a percentage"),
        ("45 y algo", "is not a percentage"),
    ],
)
def test_percentage_errors(raw: str, fragment: str) -> None:
    with pytest.raises(NormalizationError) as info:
        parse_percentage(raw)
    assert info.value.rule == "bad_percentage"
    assert fragment in info.value.message


def test_percent_exact() -> None:
    assert Percent(45, 45).exact == 45
    assert Percent(25, 50).exact is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,234,567.89", 1234567.89),
        ("$1,234", 1234.0),
        ("$ 1,000.00 MXN", 1000.0),
        ("1 234 567", 1234567.0),
        ("1.234.567,89", 1234567.89),
        ("1.234.567", 1234567.0),
        ("MXN 100", 100.0),
        ("100.00 M.N.", 100.0),
        ("90664", 90664.0),  # SFP Monto
        ("20075.6", 20075.6),
        ("318,036.01", 318036.01),  # trusts balance
        ("$45,270,637.7", 45270637.7),  # trusts initial_amount
        ("$0.01", 0.01),
        ("1,5", 1.5),
        ("0,123", 0.123),
        ("1.2E+06", 1200000.0),
        ("0", 0.0),
    ],
)
def test_parse_amount(raw: str, expected: float) -> None:
    assert parse_amount(raw) == pytest.approx(expected)


@pytest.mark.parametrize("raw", [None, "", " "])
def test_blank_amount(raw: str | None) -> None:
    assert parse_amount(raw) is None


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("-5", "negative"),
        ("(1,000)", "negative"),
        ("abc", "is not an amount"),
        ("12 MESES", "is not an amount"),
        ("2010-07-23", "is not an amount"),  # a date in the SFP Monto column
        ("1,23,4", "is not an amount"),
    ],
)
def test_amount_errors(raw: str, fragment: str) -> None:
    with pytest.raises(NormalizationError) as info:
        parse_amount(raw)
    assert info.value.rule == "bad_amount"
    assert fragment in info.value.message


def test_negative_amount_allowed_on_request() -> None:
    assert parse_amount("-1,234.5", allow_negative=True) == -1234.5


@pytest.mark.parametrize(
    ("raw", "months"),
    [
        ("1 AÑO", 12),
        ("2 AÑOS", 24),
        ("1 AÑO 6 MESES", 18),
        ("2 AÑOS 1 MES", 25),
        ("3 MESES", 3),
        ("TRES MESES", 3),
        ("SEIS MESES", 6),
        ("", None),
    ],
)
def test_parse_term_months(raw: str, months: int | None) -> None:
    assert parse_term_months(raw) == months


def test_term_error() -> None:
    with pytest.raises(NormalizationError) as info:
        parse_term_months("2010-11-25")
    assert info.value.rule == "bad_value"
