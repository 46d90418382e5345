"""A Spanish (Mexican) phonetic key for names, for blocking.

Spelling mistakes in Mexican names mostly swap letters that sound alike: S/Z/C before E or
I ("GONZALEZ", "GONZALES"), B/V ("BALDEZ", "VALDEZ"), Y/LL ("CEBAYOS", "CEBALLOS"),
a silent H ("HERNANDEZ", "ERNANDEZ"), J/G before E or I ("JIMENEZ", "GIMENEZ"), QU/K/C
("QUINTERO", "KINTERO"), X for J or S ("XIMENEZ"), doubled letters ("CARRILLO",
"CARILLO"). The key maps each of these to one symbol, keeps the first sound and then the
consonant skeleton (vowels other than the first letter are dropped, repeats collapse, RR
included), so that one vowel typo or a doubled letter does not change the key either.

>>> phonetic_key("GONZALEZ") == phonetic_key("GONSALES")
True
>>> phonetic_key("VALDEZ") == phonetic_key("BALDES")
True
>>> phonetic_key("HERNANDEZ") == phonetic_key("ERNANDES")
True
>>> phonetic_key("CEBALLOS") == phonetic_key("SEVAYOS")
True
>>> phonetic_key("CARRILLO") == phonetic_key("CARIYO")
True
>>> phonetic_key("GUERRERO")
'GR'
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["phonetic_key", "phonetic_tokens"]

_VOWELS = frozenset("AEIOU")
_FRONT = frozenset("EI")


@lru_cache(maxsize=1 << 18)
def phonetic_key(token: str) -> str:
    """The phonetic key of one folded (upper case, unaccented) token; digits are kept."""
    word = token.upper()
    out: list[str] = []
    i = 0
    n = len(word)
    while i < n:
        c = word[i]
        nxt = word[i + 1] if i + 1 < n else ""
        after = word[i + 2] if i + 2 < n else ""
        sound: str
        step = 1
        if c == "H":
            sound = ""  # silent in Spanish
        elif c == "C":
            if nxt == "H":
                sound, step = "X", 2  # CH
            elif nxt in _FRONT:
                sound = "S"
            else:
                sound = "K"
        elif c == "Q":
            sound = "K"
            if nxt == "U":
                step = 2
        elif c == "K":
            sound = "K"
        elif c == "G":
            if nxt in _FRONT:
                sound = "J"
            elif nxt == "U" and after in _FRONT:
                sound, step = "G", 2  # GUE, GUI: silent U
            else:
                sound = "G"
        elif c in "ZS":
            sound = "S"
        elif c == "X":
            sound = "J" if i == 0 and nxt in _VOWELS else "S"
        elif c in "VBW":
            sound = "B"
        elif c == "L" and nxt == "L":
            sound, step = "Y", 2
        elif c == "Y":
            sound = "Y" if nxt in _VOWELS else "I"
        elif c == "P" and nxt == "H":
            sound, step = "F", 2
        elif (c == "N" and nxt == "Ñ") or c == "Ñ":
            sound = "N"
        else:
            sound = c
        if sound:
            out.append(sound)
        i += step
    if not out:
        return ""
    first = out[0]
    head = "A" if first in _VOWELS else first
    tail = [s for s in out[1:] if s not in _VOWELS]
    key = [head]
    for s in tail:
        if s != key[-1]:
            key.append(s)
    return "".join(key)


def phonetic_tokens(text: str) -> list[str]:
    """Phonetic keys of the tokens of a folded text, in order, empty keys left out."""
    return [k for k in (phonetic_key(t) for t in text.split()) if k]
