"""parse_rfc / parse_curp."""

from __future__ import annotations

from datetime import date

import pytest
from stdnum.mx.curp import calc_check_digit as curp_check_digit

from ingest.normalize.errors import NormalizationError
from ingest.normalize.ids import parse_curp, parse_rfc

TODAY = date(2025, 1, 1)


def test_company_rfc() -> None:
    info = parse_rfc("MAB-930714-8T4")
    assert info is not None
    assert info.value == "MAB9307148T4"
    assert info.kind == "company"
    assert info.date == date(1993, 7, 14)
    assert info.checksum_ok
    assert not info.generic


def test_person_rfc() -> None:
    info = parse_rfc("gode 561231 gr8")
    assert info is not None
    assert (info.value, info.kind, info.date, info.checksum_ok) == (
        "GODE561231GR8",
        "person",
        date(1956, 12, 31),
        True,
    )


def test_real_sat_rfc() -> None:
    info = parse_rfc("AAA080808HL8")
    assert info is not None
    assert info.kind == "company"
    assert info.date == date(2008, 8, 8)


def test_wrong_check_digit_is_not_an_error() -> None:
    info = parse_rfc("VACE-460910-SX6")
    assert info is not None
    assert info.checksum_ok is False
    assert info.date == date(1946, 9, 10)


@pytest.mark.parametrize("raw", [None, "", "  ", "XXXXXXXXXXXX", "xxxxxxxxxxxxx", "N/A", "-"])
def test_blank_and_redacted(raw: str | None) -> None:
    assert parse_rfc(raw) is None


@pytest.mark.parametrize("raw", ["XAXX010101000", "XEXX010101000"])
def test_generic(raw: str) -> None:
    info = parse_rfc(raw)
    assert info is not None
    assert info.generic
    assert info.kind == "person"
    assert info.date is None


def test_company_century_not_in_future() -> None:
    info = parse_rfc("ABC991231AB1", today=TODAY)
    assert info is not None
    assert info.date == date(1999, 12, 31)
    info = parse_rfc("ABC150101AB1", today=TODAY)
    assert info is not None
    assert info.date == date(2015, 1, 1)
    info = parse_rfc("ABC300101AB1", today=TODAY)
    assert info is not None
    assert info.date == date(1930, 1, 1)


def test_person_century() -> None:
    # 20xx only when the holder would be at least 12 years old
    info = parse_rfc("GODE100101AB1", today=TODAY)
    assert info is not None
    assert info.date == date(2010, 1, 1)
    info = parse_rfc("GODE200101AB1", today=TODAY)
    assert info is not None
    assert info.date == date(1920, 1, 1)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("ABC12", "it has 5 characters"),
        ("1BC9307148T4", "3 letters, 6 digits"),
        ("ABCD93O7148T4", "4 letters, 6 digits"),
        ("ABC991340XX1", "991340 is not a date"),
        ("ABC990230XX1", "990230 is not a date"),
    ],
)
def test_bad_rfc(raw: str, fragment: str) -> None:
    with pytest.raises(NormalizationError) as info:
        parse_rfc(raw)
    assert info.value.rule == "bad_rfc"
    assert fragment in info.value.message


def test_curp() -> None:
    info = parse_curp("BOXW310820HNERXN09")
    assert info is not None
    assert info.value == "BOXW310820HNERXN09"
    assert info.birth_date == date(1931, 8, 20)
    assert info.sex == "male"
    assert info.state == "NE"
    assert info.checksum_ok


def test_curp_born_2000s_and_checksum() -> None:
    body = "GOMA050315MDFRRNA"  # a letter in position 17: born in the 2000s
    good = body + curp_check_digit(body + "0")
    info = parse_curp(good.lower())
    assert info is not None
    assert info.value == good
    assert info.birth_date == date(2005, 3, 15)
    assert info.sex == "female"
    assert info.state == "DF"
    assert info.checksum_ok
    wrong = body + str((int(good[-1]) + 1) % 10)
    bad = parse_curp(wrong)
    assert bad is not None
    assert bad.checksum_ok is False


@pytest.mark.parametrize("raw", [None, "", "N/A"])
def test_curp_blank(raw: str | None) -> None:
    assert parse_curp(raw) is None


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("BOXW310820HNERXN0", "17 characters"),
        ("BOXW3108201NERXN09", "expected 4 letters"),
        ("BOXW310820HZZRXN09", "ZZ is not a state code"),
        ("BOXW311320HNERXN09", "311320 is not a date"),
    ],
)
def test_bad_curp(raw: str, fragment: str) -> None:
    with pytest.raises(NormalizationError) as info:
        parse_curp(raw)
    assert info.value.rule == "bad_curp"
    assert fragment in info.value.message
