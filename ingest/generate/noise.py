"""How sources spoil names, identifiers, dates, percentages and yes/no cells.

Every function takes the random generator explicitly, so that one (scale, seed) always
gives the same bytes. The variants are the ones SOURCES.md lists; none of them makes a
row invalid (rows broken on purpose are made in ``sink``).

>>> import random
>>> fmt_date(_date(2016, 12, 16), "text")
'16 de diciembre de 2016'
>>> display_share(45.5, random.Random(3), exact_only=True)[1:]
(45.5, 45.5)
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date as _date

from ingest.generate.identifiers import GENERIC_FOREIGN, GENERIC_NATIONAL, wrong_check_digit
from ingest.generate.vocab import ABBREVIATIONS, COUNTRY_SPELLINGS, MONTHS_ES, MX_FORMS

__all__ = [
    "DATE_STYLES",
    "display_share",
    "drop_accents",
    "fmt_amount",
    "fmt_date",
    "fmt_number",
    "noisy_country",
    "noisy_org",
    "noisy_person",
    "noisy_rfc",
    "typo",
    "yes_no_pair",
]

DATE_STYLES = ("iso", "dmy", "dmy-", "text")
_DATE_WEIGHTS = (55, 25, 10, 10)


def drop_accents(s: str) -> str:
    """Accents dropped (Ñ becomes N, as many systems write it)."""
    text = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def fmt_date(d: _date, style: str) -> str:
    """A date in one of the formats of SOURCES.md."""
    if style == "iso":
        return d.isoformat()
    if style == "dmy":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dmy-":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    return f"{d.day} de {MONTHS_ES[d.month - 1]} de {d.year}"


def pick_date_style(rng: random.Random) -> str:
    return rng.choices(DATE_STYLES, _DATE_WEIGHTS)[0]


def noisy_date(d: _date | None, rng: random.Random, style: str | None = None) -> str:
    """A date cell: the file's usual style most of the time, any style now and then."""
    if d is None:
        return ""
    if style is None or rng.random() < 0.15:
        style = pick_date_style(rng)
    return fmt_date(d, style)


def fmt_number(v: float, decimals: int = 2) -> str:
    """A plain number without trailing zeros ("45", "45.5", "12.25")."""
    text = f"{v:.{decimals}f}".rstrip("0").rstrip(".")
    return text or "0"


def fmt_amount(v: float, rng: random.Random) -> str:
    """A positive amount, sometimes with thousands separators."""
    if rng.random() < 0.3:
        return f"{v:,.2f}"
    return fmt_number(v, 4)


_RANGES = ((0, 10), (10, 25), (25, 50), (50, 75), (75, 100))


def display_share(
    value: float, rng: random.Random, *, exact_only: bool = False
) -> tuple[str, float, float]:
    """How a share is written, and the interval [min, max] that text means.

    Exact ("45", "45.5", "45,5", "45%"), ranges ("25-50", "25 a 50") and bounds (">25",
    "más del 25%", "menos de 10%"). The interval always contains ``value``."""
    text = fmt_number(value)
    r = rng.random()
    if exact_only or r < 0.72:
        form = rng.random()
        if form < 0.45:
            return text, value, value
        if form < 0.6:
            return text.replace(".", ","), value, value
        if form < 0.8:
            return text + "%", value, value
        if form < 0.9:
            return text + " %", value, value
        return f"{value:.2f}", value, value
    if r < 0.86:
        for lo, hi in _RANGES:
            if lo < value < hi or (value == hi and hi == 100):
                sep = rng.choice(("-", " a ", " - "))
                return f"{lo}{sep}{hi}", float(lo), float(hi)
        return text, value, value
    if value > 50 and rng.random() < 0.5:
        bound = 50
    elif value > 25:
        bound = 25
    elif value < 10:
        return rng.choice(("menos de 10%", "menos del 10%", "<10")), 0.0, 10.0
    else:
        return text, value, value
    return (
        rng.choice((f">{bound}", f"más del {bound}%", f"mas de {bound}%", f"> {bound}")),
        float(bound),
        100.0,
    )


def yes_no_pair(rng: random.Random) -> tuple[str, str]:
    """The way one file writes yes and no (blank "no" only with the X style)."""
    return rng.choice((("S", "N"), ("SI", "NO"), ("Sí", "No"), ("X", ""), ("1", "0"), ("Si", "No")))


def typo(s: str, rng: random.Random) -> str:
    """One character substituted, dropped, doubled or swapped with its neighbour."""
    letters = [i for i, c in enumerate(s) if c.isalpha()]
    if len(letters) < 4:
        return s
    i = rng.choice(letters[1:-1])
    how = rng.randrange(4)
    if how == 0:
        c = rng.choice("AEIOURSTNLCM")
        c = c if s[i].isupper() else c.lower()
        return s[:i] + (c if c != s[i] else ("X" if s[i].isupper() else "x")) + s[i + 1 :]
    if how == 1:
        return s[:i] + s[i + 1 :]
    if how == 2:
        return s[:i] + s[i] + s[i:]
    if s[i + 1].isalpha() and s[i + 1] != s[i]:
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    return s[:i] + s[i + 1 :]


def _case(s: str, mode: int) -> str:
    if mode == 0:
        return s.upper()
    if mode == 1:
        return s
    return " ".join(w if w.isupper() and len(w) <= 4 else w.capitalize() for w in s.split(" "))


def noisy_org(
    base: str,
    form: str,
    rng: random.Random,
    *,
    upper: float = 0.6,
    accents: float = 0.3,
    typos: float = 0.03,
    abbreviate: float = 0.08,
) -> str:
    """A company name as some source writes it: casing, accents, legal form spelling,
    abbreviations, a typo now and then."""
    name = base
    if rng.random() < abbreviate:
        words = name.split(" ")
        name = " ".join(ABBREVIATIONS.get(w, w) for w in words)
    if rng.random() < typos:
        name = typo(name, rng)
    if form in MX_FORMS:
        variants = MX_FORMS[form]
        suffix = variants[0] if rng.random() < 0.35 else rng.choice(variants)
    else:
        suffix = form
    if suffix:
        name = name + (", " if rng.random() < 0.55 else " ") + suffix
    mode = 0 if rng.random() < upper else (1 if rng.random() < 0.8 else 2)
    name = _case(name, mode)
    if rng.random() < accents:
        name = drop_accents(name)
    if rng.random() < 0.02:
        name = name.replace(" ", "  ", 1)
    return name


def noisy_person(
    given: str,
    paternal: str,
    maternal: str,
    rng: random.Random,
    *,
    surname_first: float = 0.0,
    accents: float = 0.3,
    typos: float = 0.02,
    title_case: float = 0.3,
) -> str:
    """A full name as some source writes it: order, casing, accents, "MA." for MARÍA."""
    g = given
    if rng.random() < 0.06 and g.startswith("MARÍA "):
        g = rng.choice(("MA. ", "MA ")) + g[6:]
    if rng.random() < typos:
        if rng.random() < 0.5:
            g = typo(g, rng)
        else:
            paternal = typo(paternal, rng)
    surnames = " ".join(p for p in (paternal, maternal) if p)
    if rng.random() < surname_first:
        name = f"{surnames}, {g}" if rng.random() < 0.3 else f"{surnames} {g}"
    else:
        name = f"{g} {surnames}"
    if rng.random() < title_case:
        name = " ".join(
            w.lower() if w in ("DE", "DEL", "LA", "LAS", "LOS") else w.capitalize()
            for w in name.split(" ")
        )
    if rng.random() < accents:
        name = drop_accents(name)
    return name


def noisy_rfc(
    rfc: str,
    rng: random.Random,
    *,
    blank: float = 0.12,
    foreign: bool = False,
) -> str:
    """An RFC cell: mostly right, sometimes blank, generic, hyphenated or with a wrong
    check digit (right pattern: still loads)."""
    if not rfc:
        return GENERIC_FOREIGN if foreign and rng.random() < 0.2 else ""
    r = rng.random()
    if r < blank:
        return ""
    if r < blank + 0.01:
        return GENERIC_NATIONAL if len(rfc) == 13 else rfc
    if r < blank + 0.02:
        return wrong_check_digit(rfc, rng)
    if r < blank + 0.04:
        cut = 3 if len(rfc) == 12 else 4
        sep = rng.choice(("-", " "))
        return f"{rfc[:cut]}{sep}{rfc[cut : cut + 6]}{sep}{rfc[cut + 6 :]}"
    return rfc


def noisy_country(code: str, rng: random.Random) -> str:
    """One of the spellings of a country (or of Delaware, code ``US-DE``)."""
    spellings = COUNTRY_SPELLINGS[code]
    return spellings[0] if rng.random() < 0.5 else rng.choice(spellings)
