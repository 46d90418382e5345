"""Mexican identifiers: RFC (tax id) and CURP (population register key).

Check digits are computed with python-stdnum (``stdnum.mx.rfc``, ``stdnum.mx.curp``). A
wrong RFC check digit is not an error — about 1.5 % of RFCs in real use fail it — it is
reported as ``checksum_ok=False``. Anything that does not have the shape of an RFC or
CURP (length, letters where digits go, an impossible date) raises ``NormalizationError``.

>>> info = parse_rfc("MAB-930714-8T4")
>>> info.value, info.kind, info.date, info.checksum_ok
('MAB9307148T4', 'company', datetime.date(1993, 7, 14), True)
>>> parse_rfc("XXXXXXXXXXXX") is None
True
>>> parse_rfc("XAXX010101000").generic
True
>>> c = parse_curp("BOXW310820HNERXN09")
>>> c.birth_date, c.sex, c.state, c.checksum_ok
(datetime.date(1931, 8, 20), 'male', 'NE', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from stdnum.mx import curp as _curp
from stdnum.mx import rfc as _rfc

from ingest.normalize.errors import NormalizationError

__all__ = [
    "GENERIC_RFCS",
    "MEXICAN_STATES_CURP",
    "CurpInfo",
    "RfcInfo",
    "parse_curp",
    "parse_rfc",
]

GENERIC_RFCS = frozenset({"XAXX010101000", "XEXX010101000"})
"""Generic RFCs: the public at large (XAXX) and foreign residents (XEXX); they identify nobody."""

MEXICAN_STATES_CURP: dict[str, str] = {
    "AS": "Aguascalientes",
    "BC": "Baja California",
    "BS": "Baja California Sur",
    "CC": "Campeche",
    "CL": "Coahuila",
    "CM": "Colima",
    "CS": "Chiapas",
    "CH": "Chihuahua",
    "DF": "Ciudad de México",
    "DG": "Durango",
    "GT": "Guanajuato",
    "GR": "Guerrero",
    "HG": "Hidalgo",
    "JC": "Jalisco",
    "MC": "Estado de México",
    "MN": "Michoacán",
    "MS": "Morelos",
    "NT": "Nayarit",
    "NL": "Nuevo León",
    "OC": "Oaxaca",
    "PL": "Puebla",
    "QT": "Querétaro",
    "QR": "Quintana Roo",
    "SP": "San Luis Potosí",
    "SL": "Sinaloa",
    "SR": "Sonora",
    "TC": "Tabasco",
    "TS": "Tamaulipas",
    "TL": "Tlaxcala",
    "VZ": "Veracruz",
    "YN": "Yucatán",
    "ZS": "Zacatecas",
    "NE": "Nacido en el extranjero",
}
"""State codes used in CURP position 12-13 (``NE``: born abroad)."""

_PLACEHOLDERS = frozenset({"-", "--", ".", "N/A", "NA", "S/D", "SIN RFC", "SIN CURP", "NO APLICA"})
_SEPARATORS = re.compile(r"[\s\-_.]+")
_RFC_COMPANY = re.compile(r"[A-ZÑ&]{3}\d{6}[A-Z0-9]{3}")
_RFC_PERSON = re.compile(r"[A-ZÑ&]{4}\d{6}[A-Z0-9]{3}")
_CURP = re.compile(r"[A-Z][A-Z]{3}\d{6}[HMX][A-Z]{2}[A-Z]{3}[0-9A-Z]\d")


@dataclass(frozen=True)
class RfcInfo:
    """A parsed RFC. ``date`` is the incorporation date (company) or birth date (person);
    it is ``None`` for the generic RFCs."""

    value: str
    kind: Literal["person", "company"]
    date: date | None
    checksum_ok: bool
    generic: bool


@dataclass(frozen=True)
class CurpInfo:
    """A parsed CURP. ``sex`` is ``"male"``, ``"female"`` or ``"x"`` (non-binary marker);
    ``state`` is the two-letter CURP state code (see ``MEXICAN_STATES_CURP``)."""

    value: str
    birth_date: date | None
    sex: str | None
    state: str | None
    checksum_ok: bool


def _compact(s: str) -> str:
    return _SEPARATORS.sub("", s).upper()


def _is_blank(s: str | None) -> bool:
    return s is None or not s.strip() or s.strip().upper() in _PLACEHOLDERS


def _six_digit_date(original: str, what: str, digits: str, *, person: bool, today: date) -> date:
    yy, mm, dd = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    candidates: list[date] = []
    for century in (2000, 1900):
        try:
            candidates.append(date(century + yy, mm, dd))
        except ValueError:
            continue
    if not candidates:
        raise NormalizationError(
            "bad_rfc" if what == "RFC" else "bad_curp",
            f"{original!r} is not an {what}: {digits} is not a date (YYMMDD)",
        )
    # Companies: 20xx unless that is in the future. Persons: 20xx only when it makes the
    # holder at least 12 years old today, else 19xx.
    limit = today if not person else today.replace(year=today.year - 12)
    for d in candidates:
        if d.year >= 2000 and d <= limit:
            return d
    older = [d for d in candidates if d.year < 2000]
    return older[0] if older else candidates[0]


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def parse_rfc(s: str | None, *, today: date | None = None) -> RfcInfo | None:
    """Parse an RFC; ``None`` for blank, placeholders (N/A, -) and the redaction
    ``XXXXXXXXXXXX``. Spaces, dashes, dots are removed and letters upper-cased."""
    if _is_blank(s):
        return None
    assert s is not None
    v = _compact(s)
    if v and set(v) == {"X"} and len(v) in (12, 13):
        return None
    if len(v) == 12:
        kind: Literal["person", "company"] = "company"
        pattern = _RFC_COMPANY
    elif len(v) == 13:
        kind = "person"
        pattern = _RFC_PERSON
    else:
        raise NormalizationError(
            "bad_rfc",
            f"{s!r} is not an RFC: it has {len(v)} characters; an RFC has 12 (company) "
            "or 13 (person)",
        )
    if not pattern.fullmatch(v):
        letters = 3 if kind == "company" else 4
        raise NormalizationError(
            "bad_rfc",
            f"{s!r} is not an RFC: a {kind} RFC is {letters} letters, 6 digits (YYMMDD) "
            "and a 3-character homoclave",
        )
    generic = v in GENERIC_RFCS
    digits = v[len(v) - 9 : len(v) - 3]
    when = _six_digit_date(s, "RFC", digits, person=kind == "person", today=today or date.today())
    checksum_ok = _rfc.calc_check_digit(v[:-1]) == v[-1]
    return RfcInfo(v, kind, None if generic else when, checksum_ok, generic)


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def parse_curp(s: str | None) -> CurpInfo | None:
    """Parse a CURP (18 characters); ``None`` for blank and placeholders."""
    if _is_blank(s):
        return None
    assert s is not None
    v = _compact(s)
    if len(v) != 18:
        raise NormalizationError(
            "bad_curp", f"{s!r} is not a CURP: it has {len(v)} characters, a CURP has 18"
        )
    if not _CURP.fullmatch(v):
        raise NormalizationError(
            "bad_curp",
            f"{s!r} is not a CURP: expected 4 letters, 6 digits (YYMMDD), H/M/X, "
            "2 letters (state), 3 consonants, a letter or digit and a check digit",
        )
    state = v[11:13]
    if state not in MEXICAN_STATES_CURP:
        raise NormalizationError("bad_curp", f"{s!r} is not a CURP: {state} is not a state code")
    century = 1900 if v[16].isdigit() else 2000
    try:
        birth = date(century + int(v[4:6]), int(v[6:8]), int(v[8:10]))
    except ValueError:
        raise NormalizationError(
            "bad_curp", f"{s!r} is not a CURP: {v[4:10]} is not a date (YYMMDD)"
        ) from None
    sex = {"H": "male", "M": "female", "X": "x"}[v[10]]
    checksum_ok = _curp.calc_check_digit(v) == v[-1]
    return CurpInfo(v, birth, sex, state, checksum_ok)
