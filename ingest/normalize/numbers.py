"""Percentages, amounts and sanction terms.

A blank cell is unknown (``None``), never zero.

>>> parse_percentage("45,5 %")
Percent(min=45.5, max=45.5, exclusive_min=False, exclusive_max=False)
>>> parse_percentage("más del 25%")
Percent(min=25.0, max=100.0, exclusive_min=True, exclusive_max=False)
>>> parse_percentage("25 a 50")
Percent(min=25.0, max=50.0, exclusive_min=False, exclusive_max=False)
>>> parse_amount("$1,234,567.89")
1234567.89
>>> parse_amount("1.234.567,89")
1234567.89
>>> parse_term_months("1 AÑO 6 MESES")
18
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.normalize.errors import NormalizationError
from ingest.normalize.text import clean, strip_accents

__all__ = ["Percent", "parse_amount", "parse_percentage", "parse_term_months"]


@dataclass(frozen=True)
class Percent:
    """A share in percent (0-100): an exact value (``min == max``), a range or a bound.

    ``exclusive_min``/``exclusive_max`` mark strict bounds (">25" is ``min=25``,
    ``exclusive_min=True``, ``max=100``).
    """

    min: float
    max: float
    exclusive_min: bool = False
    exclusive_max: bool = False

    @property
    def exact(self) -> float | None:
        """The value when this is a single number, else ``None``."""
        if self.min == self.max and not (self.exclusive_min or self.exclusive_max):
            return self.min
        return None


_NUM = r"(\d+(?:[.,]\d+)?)"
_PCT_WORDS = re.compile(r"%|\bpor\s*ciento\b|\bporciento\b|\bpercent\b|\bpct\b|\bpc\b")
_SINGLE = re.compile(_NUM)
_RANGE = re.compile(
    r"(?:de(?:l)?|entre|from|between)?\s*"
    + _NUM
    + r"\s*(?:-|a|al|y|to|and|hasta)\s*(?:el\s+)?"
    + _NUM
)
_GT = re.compile(
    r"(?:>|mas\s+de(?:l)?|mayor\s+(?:a(?:l)?|que|de(?:l)?)|superior\s+a(?:l)?|over|"
    r"more\s+than|above|greater\s+than)\s*(?:el\s+)?" + _NUM
)
_GE = re.compile(
    r"(?:>=|=>|≥|al\s+menos|por\s+lo\s+menos|minimo|min\.?|at\s+least|desde)\s*"
    r"(?:el\s+|de(?:l)?\s+)?" + _NUM
)
_GE_SUFFIX = re.compile(_NUM + r"\s*(?:\+|o\s+mas|or\s+more|y\s+mas)")
_LT = re.compile(
    r"(?:<|menos\s+de(?:l)?|menor\s+(?:a(?:l)?|que|de(?:l)?)|inferior\s+a(?:l)?|under|"
    r"less\s+than|below)\s*(?:el\s+)?" + _NUM
)
_LE = re.compile(
    r"(?:<=|=<|≤|hasta|up\s+to|maximo|max\.?|at\s+most)\s*(?:el\s+|de(?:l)?\s+|un\s+)?" + _NUM
)


def _pct_float(s: str) -> float:
    return float(s.replace(",", "."))


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def parse_percentage(s: str | None) -> Percent | None:
    """Parse a percentage cell: a number, a range or a bound; ``None`` for blank.

    Raises ``NormalizationError("bad_percentage")`` for text that is not a percentage,
    values outside 0-100, negative values and reversed ranges.
    """
    text = clean(s)
    if not text:
        return None
    t = strip_accents(text).lower().replace("–", "-").replace("—", "-")
    t = _PCT_WORDS.sub(" ", t)
    t = re.sub(r"\s+", " ", t).strip()
    if t.startswith("-") and _SINGLE.fullmatch(t[1:].strip()):
        raise NormalizationError("bad_percentage", f"{s!r} is negative")
    result: Percent | None = None
    if m := _SINGLE.fullmatch(t):
        v = _pct_float(m.group(1))
        result = Percent(v, v)
    elif m := _RANGE.fullmatch(t):
        lo, hi = _pct_float(m.group(1)), _pct_float(m.group(2))
        if lo > hi:
            raise NormalizationError(
                "bad_percentage", f"{s!r} is not a percentage range: {lo:g} is above {hi:g}"
            )
        result = Percent(lo, hi)
    elif m := _GE.fullmatch(t) or _GE_SUFFIX.fullmatch(t):
        result = Percent(_pct_float(m.group(1)), 100.0)
    elif m := _GT.fullmatch(t):
        result = Percent(_pct_float(m.group(1)), 100.0, exclusive_min=True)
    elif m := _LE.fullmatch(t):
        result = Percent(0.0, _pct_float(m.group(1)))
    elif m := _LT.fullmatch(t):
        result = Percent(0.0, _pct_float(m.group(1)), exclusive_max=True)
    if result is None:
        raise NormalizationError("bad_percentage", f"{s!r} is not a percentage")
    for bound in (result.min, result.max):
        if bound > 100:
            raise NormalizationError(
                "bad_percentage", f"{s!r} is not a percentage: {bound:g} is above 100"
            )
    return result


_CURRENCY = re.compile(
    r"\b(?:mxn|mxp|mn|m\.n\.?|pesos?|mexicanos|moneda\s+nacional|usd|us|dlls?|dolares|"
    r"eur|euros?)\b\.?|us\$|\$"
)
_EXPONENT = re.compile(r"\d+(?:\.\d+)?e[+-]?\d+")
_GROUPED = re.compile(r"\d{1,3}(?:(?P<sep>[,. '])\d{3})+")


def _amount_number(s: str, t: str) -> float:
    """``t`` is digits and separators only."""
    if _EXPONENT.fullmatch(t):
        return float(t)
    if re.fullmatch(r"\d+", t):
        return float(t)
    # both separators: the last one is the decimal mark
    last_dot, last_comma = t.rfind("."), t.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        dec = "." if last_dot > last_comma else ","
        whole, _, frac = t.rpartition(dec)
        if not frac.isdigit() or not _GROUPED.fullmatch(whole):
            raise NormalizationError("bad_amount", f"{s!r} is not an amount: odd separators")
        return float(re.sub(r"\D", "", whole) + "." + frac)
    if _GROUPED.fullmatch(t):
        m = _GROUPED.fullmatch(t)
        assert m is not None
        sep = m.group("sep")
        groups = t.split(sep)
        if sep in ",." and len(groups) == 2 and groups[0] == "0":
            return float(t.replace(",", "."))  # 0,123 / 0.123: decimal
        if sep == "." and len(groups) == 2:
            return float(t)  # 1.234: a decimal point in Mexican sources
        return float("".join(groups))
    if re.fullmatch(r"\d*[.,]\d+", t):
        return float(t.replace(",", "."))
    raise NormalizationError("bad_amount", f"{s!r} is not an amount")


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def parse_amount(s: str | None, *, allow_negative: bool = False) -> float | None:
    """Parse an amount of money; ``None`` for blank.

    Thousands separators ``,`` (Mexican), ``.`` (European, when there are two or more,
    or with a decimal comma) and spaces; a lone ``.`` is a decimal point, a lone ``,`` is
    a decimal comma unless exactly three digits follow it ("1,234" is 1234). Currency
    marks ($, MXN, M.N., pesos, USD) are dropped — the caller knows the currency column.
    Negative amounts ("-5", "(5)") raise ``NormalizationError("bad_amount")`` unless
    ``allow_negative`` (trust yields and balances can be negative).
    """
    text = clean(s)
    if not text:
        return None
    t = strip_accents(text).lower()
    t = _CURRENCY.sub(" ", t).strip()
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1].strip()
    if t.startswith("-"):
        negative, t = True, t[1:].strip()
    elif t.endswith("-"):
        negative, t = True, t[:-1].strip()
    t = re.sub(r"(?<=\d)[\s\u202f]+(?=\d{3}\b)", " ", t).strip()
    if not t or not re.fullmatch(r"[\d.,' ]+|\d+(?:\.\d+)?e[+-]?\d+", t):
        raise NormalizationError("bad_amount", f"{s!r} is not an amount")
    value = _amount_number(s or "", t)
    if negative and value != 0:
        if not allow_negative:
            raise NormalizationError("bad_amount", f"{s!r} is a negative amount")
        value = -value
    return value


_WORD_NUMBERS = {
    "un": 1,
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "quince": 15,
    "dieciocho": 18,
    "veinte": 20,
    "treinta": 30,
    "treinta y seis": 36,
}
_TERM_PART = re.compile(
    r"(\d+|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")\s*"
    r"(anos?|mes(?:es)?|years?|months?)\b"
)


def parse_term_months(s: str | None) -> int | None:
    """A term such as the SFP "Plazo años - meses" in months; ``None`` for blank.

    >>> parse_term_months("TRES MESES"), parse_term_months("2 AÑOS"), parse_term_months("")
    (3, 24, None)
    """
    text = clean(s)
    if not text:
        return None
    t = strip_accents(text).lower()
    total = 0
    pos = 0
    for m in _TERM_PART.finditer(t):
        if t[pos : m.start()].strip(" ,y-"):
            break
        n = int(m.group(1)) if m.group(1).isdigit() else _WORD_NUMBERS[m.group(1)]
        total += n * 12 if m.group(2).startswith(("ano", "year")) else n
        pos = m.end()
    if pos == 0 or t[pos:].strip(" .,"):
        raise NormalizationError("bad_value", f"{s!r} is not a term in years and months")
    return total
