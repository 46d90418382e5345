"""Dates as Mexican sources write them.

Accepted: ``YYYY-MM-DD`` (also ``YYYY/MM/DD`` and with a time part such as
``2013-12-30 00:00:00 GMT`` or ``2015-04-08T00:00:00Z``), day-first numeric dates
``DD/MM/YYYY``, ``DD-MM-YYYY``, ``DD.MM.YYYY``, ``D/M/YYYY`` (two-digit years too:
``14-08-19`` is 2019, ``01/02/45`` is 1945: years up to ten years ahead of today are 20xx),
and Spanish (or English) text: "16 de diciembre de 2016", "16 diciembre 2016",
"18 de junio del 2018", "16-dic-2016", "diciembre 16, 2016", abbreviations "dic", "sept".

``parse_date`` wants the whole cell to be one date; ``parse_dates`` finds every date in
free text (SAT cells like "500-05-2017-13785 de fecha 16 de mayo de 2017": the oficio
number is not a date); ``find_date`` is the first of those.

>>> parse_date("16 de diciembre de 2016")
datetime.date(2016, 12, 16)
>>> parse_date("2013-12-30 00:00:00 GMT")
datetime.date(2013, 12, 30)
>>> parse_dates("25/05/2022 - 26/04/2021")
[datetime.date(2022, 5, 25), datetime.date(2021, 4, 26)]
>>> find_date("500-05-2017-13785 de fecha 16 de mayo de 2017")
datetime.date(2017, 5, 16)
>>> try:
...     parse_date("31/02/2020")
... except NormalizationError as e:
...     print(e.rule, e.message)
bad_date '31/02/2020' is not a date: day 31 does not exist in February
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from ingest.normalize.errors import NormalizationError
from ingest.normalize.text import strip_accents

__all__ = ["excel_serial_date", "find_date", "parse_date", "parse_dates"]

_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        "enero ene january jan",
        "febrero feb february",
        "marzo mar march",
        "abril abr april apr",
        "mayo may",
        "junio jun june",
        "julio jul july",
        "agosto ago august aug",
        "septiembre setiembre sept sep set september",
        "octubre oct october",
        "noviembre nov november",
        "diciembre dic december dec",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _num

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_TIME = (
    r"(?:(?:\s+|t)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r"(?:\s*[ap]\.?\s?m\.?)?(?:\s*(?:z|[+-]\d{2}:?\d{2}|gmt|utc|cst|cdt))?)?"
)
_PATTERN = re.compile(
    # ISO, year first
    r"(?<![\d/.-])(?P<iy>\d{4})(?P<isep>[-/.])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})(?!\d)"
    + _TIME
    # numeric, day first
    + r"|(?<![\d/.])(?P<nd>\d{1,2})(?P<nsep>[-/.])(?P<nm>\d{1,2})(?P=nsep)"
    + r"(?P<ny>\d{4}|\d{2})(?!\d)"
    + _TIME
    # text: 16 de diciembre de 2016 / 16-dic-2016 / 1o. de enero de 2020
    + r"|(?<!\d)(?P<td>\d{1,2})(?:o|ro|er|°)?\.?(?:\s+(?:de\s+)?|\s*[-/.]\s*)"
    + rf"(?P<tm>{_MONTH_RE})\b\.?(?:\s*,?\s*(?:de\s+|del\s+)?|\s*[-/.]\s*)(?P<ty>\d{{4}})(?!\d)"
    # text, month first: diciembre 16, 2016
    + rf"|\b(?P<mm>{_MONTH_RE})\b\.?\s+(?P<md>\d{{1,2}})"
    + r"(?:\s*,\s*|\s+(?:de\s+)?)(?P<my>\d{4})(?!\d)",
)
# SAT oficio numbers such as 500-05-2017-13785: four or more dash-separated digit groups,
# the first of three digits or more. Masked before looking for dates.
_OFICIO = re.compile(r"(?<![\d-])\d{3,}(?:-\d+){3,}(?!\d)")
_ZERO_DATE = re.compile(r"0{1,4}[-/.]0{1,2}[-/.]0{2,4}(?:\s+0{1,2}:0{2}(?::0{2})?)?")
_TRAILING = " \t.,;?!"
_MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _norm(s: str) -> str:
    return strip_accents(s).lower().replace("\u00a0", " ")


def _year(y: str) -> int:
    value = int(y)
    if len(y) == 2:
        pivot = (date.today().year + 10) % 100
        value += 2000 if value <= pivot else 1900
    return value


def _make(original: str, year: int, month: int, day: int) -> date:
    if month < 1 or month > 12:
        hint = " (dates are read day first: DD/MM/YYYY)" if 1 <= day <= 12 else ""
        raise NormalizationError(
            "bad_date", f"{original!r} is not a date: month {month} does not exist{hint}"
        )
    if year < 1 or year > 9999:
        raise NormalizationError("bad_date", f"{original!r} is not a date: year {year}")
    last = calendar.monthrange(year, month)[1]
    if day < 1 or day > last:
        if month == 2 and day == 29:
            reason = f"{year} is not a leap year, February {year} has 28 days"
        elif day >= 1 and day <= 31 and month != 2:
            reason = f"day {day} does not exist in {_MONTH_NAMES[month]} (it has {last} days)"
        elif day >= 1 and day <= 31:
            reason = f"day {day} does not exist in February"
        else:
            reason = f"day {day} does not exist"
        raise NormalizationError("bad_date", f"{original!r} is not a date: {reason}")
    return date(year, month, day)


def _from_match(original: str, m: re.Match[str]) -> date:
    g = m.groupdict()
    if g["iy"]:
        return _make(original, int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["ny"]:
        return _make(original, _year(g["ny"]), int(g["nm"]), int(g["nd"]))
    if g["ty"]:
        return _make(original, int(g["ty"]), _MONTHS[g["tm"]], int(g["td"]))
    return _make(original, int(g["my"]), _MONTHS[g["mm"]], int(g["md"]))


def parse_dates(s: str | None) -> list[date]:
    """Every date found in a cell, in order of appearance; ``[]`` when there is none.

    An impossible date in the text (``31/02/2020``) raises ``NormalizationError`` rather
    than being skipped.
    """
    if not s or not s.strip():
        return []
    text = _OFICIO.sub(lambda m: " " * len(m.group(0)), _norm(s))
    return [_from_match(s, m) for m in _PATTERN.finditer(text)]


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def find_date(s: str | None) -> date | None:
    """First date found in free text, or ``None``."""
    found = parse_dates(s)
    return found[0] if found else None


def excel_serial_date(n: int) -> date:
    """Date of a spreadsheet serial day number (1900 system): 44014 → 2020-07-02.

    >>> excel_serial_date(44014)
    datetime.date(2020, 7, 2)
    """
    return date(1899, 12, 30) + timedelta(days=n)


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def parse_date(s: str | None) -> date | None:
    """The one date a cell holds; ``None`` for a blank cell.

    Zero dates (``0000-00-00``) are treated as blank. A cell that is a bare 5-digit
    number between 20000 and 80000 is read as a spreadsheet serial date (the SAT file has
    two such cells). Raises ``NormalizationError("bad_date")`` when the cell is not a
    date, holds an impossible date, holds two dates, or has other text around the date.
    """
    if s is None:
        return None
    t = s.strip().strip(_TRAILING)
    if not t:
        return None
    if _ZERO_DATE.fullmatch(t):
        return None
    if t.isdigit() and len(t) == 5 and 20000 <= int(t) <= 80000:
        return excel_serial_date(int(t))
    m = _PATTERN.fullmatch(_norm(t))
    if m:
        return _from_match(s, m)
    found = parse_dates(s)
    if len(found) > 1:
        listed = ", ".join(d.isoformat() for d in found)
        raise NormalizationError("bad_date", f"{s!r} holds {len(found)} dates ({listed}), not one")
    if len(found) == 1:
        raise NormalizationError(
            "bad_date",
            f"{s!r} is not just a date: it has other text around {found[0].isoformat()}",
        )
    raise NormalizationError("bad_date", f"{s!r} is not a date")
