"""Text cleaning: whitespace, Unicode normal form, mojibake repair and folding.

``clean`` keeps the text as written (case and accents) but removes the noise that makes two
spellings of the same value differ: surrounding and repeated whitespace (NBSP included),
zero-width characters, decomposed accents, and UTF-8 text that was decoded as cp1252 or
latin-1 somewhere upstream ("INNOVACIÃ\\x93N" → "INNOVACIÓN"). ``fold`` is the matching
form: no accents, upper case, punctuation turned into spaces.

>>> clean("  INNOVACIÃ\\x93N   Y\\u00a0DISEÃ‘O ")
'INNOVACIÓN Y DISEÑO'
>>> fold("Peñoles, S.A.B. de C.V.")
'PENOLES S A B DE C V'
>>> fold(None)
''
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from functools import lru_cache

__all__ = ["clean", "fold", "strip_accents"]


def _continuation_chars() -> str:
    """Every character a UTF-8 continuation byte (0x80-0xBF) becomes when the bytes are
    wrongly decoded as cp1252 or latin-1."""
    chars: set[str] = set()
    for b in range(0x80, 0xC0):
        chars.add(chr(b))  # latin-1 (C1 controls included)
        with contextlib.suppress(UnicodeDecodeError):
            chars.add(bytes([b]).decode("cp1252"))
    return "".join(sorted(chars))


_CONT = "[" + re.escape(_continuation_chars()) + "]"
# A UTF-8 lead byte seen through cp1252 followed by the right number of continuation bytes.
# Only the leads that produce Latin letters are considered (Â Ã Ä Å for U+0080-U+017F,
# "â" + two continuations for punctuation such as "â€œ"), which keeps false positives on
# genuine accented text away: "É" followed by a curly quote is not touched.
_MOJIBAKE = re.compile(f"(?:[\u00c2-\u00c5]{_CONT}|\u00e2{_CONT}{_CONT})+")
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00c5\u00e2]")

_ENCODE_BYTE: dict[str, int] = {}
for _b in range(256):
    _ENCODE_BYTE.setdefault(chr(_b), _b)
    with contextlib.suppress(UnicodeDecodeError):
        _ENCODE_BYTE[bytes([_b]).decode("cp1252")] = _b

_WS = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_NON_WORD = re.compile(r"[\W_]+")
_EXTRA_LETTERS = str.maketrans(
    {
        "Ø": "O",
        "ø": "o",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "ß": "SS",
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Þ": "TH",
        "þ": "th",
        "ı": "i",
        "º": " ",
        "ª": " ",
    }
)


def _repair_run(m: re.Match[str]) -> str:
    run = m.group(0)
    try:
        raw = bytes(_ENCODE_BYTE[c] for c in run)
        return raw.decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return run


def repair_mojibake(s: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252/latin-1, only where it clearly was.

    >>> repair_mojibake("MÃ©xico â€“ PEÃ‘OLES")
    'México – PEÑOLES'
    >>> repair_mojibake("SÃO PAULO")  # genuine Portuguese, untouched
    'SÃO PAULO'
    """
    if not _MOJIBAKE_HINT.search(s):
        return s
    return _MOJIBAKE.sub(_repair_run, s)


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def clean(s: str | None) -> str:
    """Strip, collapse whitespace (NBSP included), repair mojibake, NFC-normalise.

    ``None`` and blank give ``""``. Case and accents are kept.
    """
    if not s:
        return ""
    if not s.isascii():
        s = repair_mojibake(unicodedata.normalize("NFC", s))
        s = _INVISIBLE.sub("", s)
        s = unicodedata.normalize("NFC", s)
    return _WS.sub(" ", s).strip()


def strip_accents(s: str) -> str:
    """Drop combining marks (and turn Ø, Æ, ß ... into plain letters); case is kept.

    >>> strip_accents("Ñuñoa Müller Ørsted")
    'Nunoa Muller Orsted'
    """
    if s.isascii():
        return s
    decomposed = unicodedata.normalize("NFKD", s.translate(_EXTRA_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def fold(s: str | None) -> str:
    """Matching form: cleaned, accents dropped, upper case, punctuation → one space.

    "Ñ" becomes "N"; letters of other scripts are kept (upper-cased).
    """
    text = strip_accents(clean(s)).upper()
    return _NON_WORD.sub(" ", text).strip()
