"""parse_date / parse_dates / find_date."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.normalize.dates import excel_serial_date, find_date, parse_date, parse_dates
from ingest.normalize.errors import NormalizationError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2016-12-16", date(2016, 12, 16)),
        ("2012-10-30 19:24", date(2012, 10, 30)),  # CompraNet
        ("2013-12-30 00:00:00 GMT", date(2013, 12, 30)),  # CompraNet
        ("2015-04-08T00:00:00Z", date(2015, 4, 8)),
        ("2016/12/16", date(2016, 12, 16)),
        ("16/12/2016", date(2016, 12, 16)),
        ("16-12-2016", date(2016, 12, 16)),
        ("1/2/2020", date(2020, 2, 1)),
        ("26/12/2007", date(2007, 12, 26)),  # trusts initial_date
        ("14-08-19", date(2019, 8, 14)),  # SAT, two-digit year
        ("30/10/18", date(2018, 10, 30)),
        ("01/02/45", date(1945, 2, 1)),
        ("16 de diciembre de 2016", date(2016, 12, 16)),
        ("16 diciembre 2016", date(2016, 12, 16)),
        ("diciembre 16, 2016", date(2016, 12, 16)),
        ("16 dic 2016", date(2016, 12, 16)),
        ("16-dic-2016", date(2016, 12, 16)),
        ("3 de sept. de 2019", date(2019, 9, 3)),
        ("18 de junio del 2018", date(2018, 6, 18)),
        ("5 de MARZO de 2019", date(2019, 3, 5)),
        ("1o. de enero de 2020", date(2020, 1, 1)),
        ("  16/12/2016  ", date(2016, 12, 16)),
        ("29/02/2020", date(2020, 2, 29)),
        ("44014", date(2020, 7, 2)),  # spreadsheet serial in the SAT file
    ],
)
def test_parse_date(raw: str, expected: date) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw", [None, "", "   ", "0000-00-00", "0000-00-00 00:00:00", "00/00/0000"]
)
def test_blank_and_zero_dates_are_none(raw: str | None) -> None:
    assert parse_date(raw) is None


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("31/02/2020", "day 31 does not exist in February"),
        ("29/02/2021", "2021 is not a leap year"),
        ("31/04/2020", "day 31 does not exist in April"),
        ("13/13/2020", "month 13 does not exist"),
        ("12/25/2016", "dates are read day first"),
        ("00/05/2020", "day 0 does not exist"),
        ("2006-Ju-30", "is not a date"),  # SFP: "Ju" is junio or julio
        ("SANCIONATORIA CON MULTA", "is not a date"),
        ("25/05/2022 - 26/04/2021", "holds 2 dates"),
        ("500-05-2017-13785 de fecha 16 de mayo de 2017", "not just a date"),
        ("diciembre de 2016", "is not a date"),
    ],
)
def test_parse_date_errors(raw: str, fragment: str) -> None:
    with pytest.raises(NormalizationError) as info:
        parse_date(raw)
    assert info.value.rule == "bad_date"
    assert fragment in info.value.message
    assert repr(raw) in info.value.message


def test_error_message_example_from_brief() -> None:
    with pytest.raises(
        NormalizationError, match=r"'31/02/2020' is not a date: day 31 does not exist in February"
    ):
        parse_date("31/02/2020")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, []),
        ("", []),
        ("25/05/2022 - 26/04/2021", [date(2022, 5, 25), date(2021, 4, 26)]),
        ("25/05/2022-26/04/2021", [date(2022, 5, 25), date(2021, 4, 26)]),
        ("14-08-19 // 20/09/2018", [date(2019, 8, 14), date(2018, 9, 20)]),
        ("17/10/2019    27/08/2018", [date(2019, 10, 17), date(2018, 8, 27)]),
        ("500-05-2017-13785 de fecha 16 de mayo de 2017", [date(2017, 5, 16)]),
        ("500-05-2015-7905 de fecha 16 de marzo de 2015?", [date(2015, 3, 16)]),
        ("500-05-2022-20058 de 9 de agosto de 2022", [date(2022, 8, 9)]),
        ("500-05-2015-999 de fecha 23 de febrero de 2015", [date(2015, 2, 23)]),
        (
            "500-05-2022-6121 de fecha 25 de mayo de 2022 // "
            "500-05-2021-6937 de fecha 26 de abril de 2021",
            [date(2022, 5, 25), date(2021, 4, 26)],
        ),
        (
            "500-05-2020-7901 de fecha 23 de marzo de 2020 // "
            "500-05-2017-16195 de fecha 16 junio 2017",
            [date(2020, 3, 23), date(2017, 6, 16)],
        ),
        (
            "500-05-2018-5922 de fecha 15 de febrero de 2018 (únicamente en el DOF)",
            [date(2018, 2, 15)],
        ),
        ("Oficio 500-05-2018-16632", []),
        ("sin fecha", []),
    ],
)
def test_parse_dates(raw: str | None, expected: list[date]) -> None:
    assert parse_dates(raw) == expected


def test_parse_dates_raises_on_impossible_date_in_text() -> None:
    with pytest.raises(NormalizationError, match="day 31 does not exist in February"):
        parse_dates("de fecha 31 de febrero de 2020")


def test_find_date() -> None:
    assert find_date("500-05-2016-38728 de fecha 16 de diciembre de 2016") == date(2016, 12, 16)
    assert find_date("no date here") is None
    assert find_date(None) is None


def test_excel_serial() -> None:
    assert excel_serial_date(44029) == date(2020, 7, 17)
