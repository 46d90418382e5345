"""RFC and CURP as SAT and RENAPO build them, with real check digits.

The letters follow the published rules closely enough to look right (paternal surname
initial and first inner vowel, maternal initial, given-name initial; company initials
without articles and legal form); the check digit is the real one (``stdnum.mx``), so a
valid identifier validates and a deliberately wrong one fails only on its check digit.

>>> import random
>>> rfc = company_rfc("Minera Cerro Alto", _date(2009, 3, 14), random.Random(1), set())
>>> len(rfc), rfc[:9]
(12, 'MCA090314')
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date as _date

from stdnum.mx import curp as _curp
from stdnum.mx import rfc as _rfc

__all__ = [
    "GENERIC_FOREIGN",
    "GENERIC_NATIONAL",
    "ascii_upper",
    "company_rfc",
    "mangle_rfc",
    "person_curp",
    "person_rfc",
    "wrong_check_digit",
]

GENERIC_NATIONAL = "XAXX010101000"
GENERIC_FOREIGN = "XEXX010101000"

_PARTICLES = frozenset(
    [
        "DE",
        "DEL",
        "LA",
        "LAS",
        "LOS",
        "EL",
        "Y",
        "E",
        "EN",
        "PARA",
        "POR",
        "CON",
        "THE",
        "OF",
        "AND",
        "MC",
        "MAC",
        "VAN",
        "VON",
        "DA",
        "DER",
    ]
)
_COMPANY_SKIP = _PARTICLES | {"COMPANIA", "CIA", "SOCIEDAD", "&", "SA", "CV"}
_VOWELS = "AEIOU"
_HOMO1 = "123456789ABCDEFGHIJKLMNPQRSTUV"
_HOMO2 = "123456789ABCDEFGHIJKLMNPQRSTUVWXYZ"
_CHECK = "0123456789A"
_RFC_BLACKLIST = frozenset(_rfc._name_blacklist)
_CURP_BLACKLIST = frozenset(_curp._name_blacklist)


def ascii_upper(s: str) -> str:
    """Upper case, accents dropped, Ñ kept as N (as the identifiers write it)."""
    text = unicodedata.normalize("NFKD", s)
    return "".join(c for c in text if not unicodedata.combining(c)).upper()


def _words(s: str) -> list[str]:
    return [w for w in "".join(c if c.isalnum() else " " for c in ascii_upper(s)).split() if w]


def _first_inner(word: str, wanted: str, *, negate: bool = False) -> str:
    for c in word[1:]:
        if (c in wanted) != negate and c.isalpha():
            return c
    return "X"


def _surname_word(s: str) -> str:
    words = [w for w in _words(s) if w not in _PARTICLES]
    return words[0] if words else "X"


def _given_word(s: str) -> str:
    words = _words(s)
    if len(words) > 1 and words[0] in ("MARIA", "MA", "JOSE", "J"):
        words = words[1:]
    return words[0] if words else "X"


def _person_letters(given: str, paternal: str, maternal: str) -> str:
    pat = _surname_word(paternal)
    mat = _surname_word(maternal) if maternal else "X"
    giv = _given_word(given)
    return pat[0] + _first_inner(pat, _VOWELS) + mat[0] + giv[0]


def _homoclave(rng: random.Random) -> str:
    return rng.choice(_HOMO1) + rng.choice(_HOMO2)


def person_rfc(
    given: str, paternal: str, maternal: str, birth: _date, rng: random.Random, used: set[str]
) -> str:
    """A 13-character RFC with a valid check digit, unique within ``used``."""
    letters = _person_letters(given, paternal, maternal)
    if letters in _RFC_BLACKLIST:
        letters = letters[:3] + "X"
    stem = letters + birth.strftime("%y%m%d")
    while True:
        body = stem + _homoclave(rng)
        value = body + _rfc.calc_check_digit(body)
        if value not in used:
            used.add(value)
            return value


def company_rfc(name: str, incorporated: _date, rng: random.Random, used: set[str]) -> str:
    """A 12-character RFC: three letters from the name, the incorporation date, homoclave."""
    words = [w for w in _words(name) if w not in _COMPANY_SKIP and w.isalpha()] or ["XXX"]
    if len(words) >= 3:
        letters = words[0][0] + words[1][0] + words[2][0]
    elif len(words) == 2:
        letters = words[0][0] + words[1][:2]
    else:
        letters = words[0][:3]
    letters = (letters + "XXX")[:3]
    stem = letters + incorporated.strftime("%y%m%d")
    while True:
        body = stem + _homoclave(rng)
        value = body + _rfc.calc_check_digit(body)
        if value not in used:
            used.add(value)
            return value


def wrong_check_digit(rfc: str, rng: random.Random) -> str:
    """The same RFC with another check digit: right pattern, wrong checksum."""
    return rfc[:-1] + rng.choice([c for c in _CHECK if c != rfc[-1]])


def mangle_rfc(rfc: str, rng: random.Random) -> str:
    """An RFC that does not even match the pattern: one character short or too many,
    letters and digits swapped, or a letter inside the date. Checked with ``stdnum``."""
    for _ in range(50):
        how = rng.randrange(4)
        if how == 0:
            bad = rfc[:-1]
        elif how == 1:
            bad = rfc + rng.choice("0123456789")
        elif how == 2:
            k = 3 if len(rfc) == 13 else 2  # the last letter swapped with the first digit
            bad = rfc[:k] + rfc[k + 1] + rfc[k] + rfc[k + 2 :]
        else:
            bad = rfc[:5] + "O" + rfc[6:]
        if not _rfc.is_valid(bad):
            return bad
    return rfc[:8]  # pragma: no cover


def person_curp(
    given: str,
    paternal: str,
    maternal: str,
    birth: _date,
    sex: str,
    state: str,
    rng: random.Random,
    used: set[str],
) -> str:
    """An 18-character CURP valid per ``stdnum.mx.curp`` (check digit included)."""
    pat = _surname_word(paternal)
    mat = _surname_word(maternal) if maternal else "X"
    giv = _given_word(given)
    letters = pat[0] + _first_inner(pat, _VOWELS) + mat[0] + giv[0]
    if letters in _CURP_BLACKLIST:
        letters = letters[0] + "X" + letters[2:]
    cons = (
        _first_inner(pat, _VOWELS, negate=True)
        + _first_inner(mat, _VOWELS, negate=True)
        + _first_inner(giv, _VOWELS, negate=True)
    )
    stem = letters + birth.strftime("%y%m%d") + sex + state + cons
    digits = "0123456789" if birth.year < 2000 else "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for _ in range(100):
        body = stem + rng.choice(digits)
        value = body + _curp.calc_check_digit(body)
        if value not in used:
            used.add(value)
            return value
    raise RuntimeError(f"no free CURP for {stem}")  # pragma: no cover
