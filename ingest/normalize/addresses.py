"""Addresses, postal codes and phone numbers as matching keys ("same address" flags).

>>> address_key("Av. Paseo de la Reforma No. 222, Int. 5, Col. Juárez, C.P. 06600")
'AV PASEO DE LA REFORMA NUM 222 INT 5 COL JUAREZ CP 06600'
>>> address_key("AVENIDA PASEO DE LA REFORMA # 222 INTERIOR 5 COLONIA JUAREZ CP 06600")
'AV PASEO DE LA REFORMA NUM 222 INT 5 COL JUAREZ CP 06600'
>>> postal_code("Av. Reforma 222, Col. Juárez, C.P. 06600, CDMX")
'06600'
>>> phone_key("+52 (55) 1234-5678 ext. 101")
'5512345678'
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.normalize.text import clean, fold

__all__ = ["address_key", "phone_key", "postal_code"]

_WORDS: dict[str, str] = {}
for _canon, _spellings in {
    "AV": "AV AVE AVDA AVENIDA",
    "CALLE": "CALLE C CLL",
    "COL": "COL COLONIA",
    "NUM": "NUM NUMERO NO NRO NUMS",
    "INT": "INT INTERIOR",
    "EXT": "EXT EXTERIOR",
    "DESP": "DESP DESPACHO",
    "PISO": "PISO",
    "CP": "CP",
    "BLVD": "BLVD BLV BOULEVARD BOULEVAR BULEVAR BOUL",
    "CALZ": "CALZ CALZADA",
    "CARR": "CARR CARRETERA CTRA",
    "PROL": "PROL PROLONGACION",
    "PRIV": "PRIV PRIVADA",
    "FRACC": "FRACC FRACCIONAMIENTO",
    "EDIF": "EDIF EDIFICIO",
    "DEPTO": "DEPTO DPTO DEPARTAMENTO",
    "LOC": "LOC LOCAL",
    "MZ": "MZ MZA MANZANA",
    "LT": "LT LTE LOTE",
    "ESQ": "ESQ ESQUINA",
    "CD": "CD CIUDAD",
    "MPIO": "MPIO MUNICIPIO",
    "KM": "KM KILOMETRO",
    "SN": "SN",
}.items():
    for _w in _spellings.split():
        _WORDS[_w] = _canon

_PRE = [
    (re.compile(r"#"), " NUM "),
    (re.compile(r"\bN\s*[°º]", re.IGNORECASE), " NUM "),
    (re.compile(r"\bS\s*/\s*N\b", re.IGNORECASE), " SN "),
    (re.compile(r"\bC\s*\.?\s*P\s*\.?(?=\s|\d|$)", re.IGNORECASE), " CP "),
    (re.compile(r"\bc[oó]digo\s+postal\b", re.IGNORECASE), " CP "),
]
_CP = re.compile(r"(?<!\d)(\d{5})(?!\d)")
_CP_AFTER_LABEL = re.compile(r"\bCP\s*(\d{4,5})(?!\d)")
_PHONE_SPLIT = re.compile(
    r"\s*(?:[/;,|]|\s[yo]\s|\bext\b\.?|\bextension\b|\bx\b)\s*", re.IGNORECASE
)


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def address_key(s: str | None) -> str | None:
    """Normalised address for "same address" matching; ``None`` for blank.

    Folded (no accents, upper case, punctuation → space) with the usual abbreviations
    unified: AVENIDA/AV./AVE → AV, C./CALLE → CALLE, COLONIA/COL. → COL,
    NÚMERO/NUM./NO./#/N° → NUM, INTERIOR/INT. → INT, EXTERIOR/EXT. → EXT,
    DESPACHO/DESP. → DESP, C.P./CÓDIGO POSTAL → CP, S/N → SN (and BLVD, CALZ, CARR, PROL,
    PRIV, FRACC, EDIF, DEPTO, LOC, MZ, LT, ESQ, CD, MPIO, KM).
    """
    text = clean(s)
    if not text:
        return None
    for pattern, repl in _PRE:
        text = pattern.sub(repl, text)
    words = [_WORDS.get(w, w) for w in fold(text).split()]
    return " ".join(words) or None


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def postal_code(s: str | None) -> str | None:
    """The 5-digit Mexican postal code in an address or a cell, or ``None``.

    A code after "C.P."/"CP"/"Código Postal" wins; otherwise the last 5-digit number. A
    cell that is just a 4-digit number is a code that lost its leading zero ("6600" →
    "06600"). "00000" is not a code.
    """
    text = clean(s)
    if not text:
        return None
    if text.isdigit() and len(text) == 4:
        text = "0" + text
    if text.isdigit() and len(text) == 5:
        return text if text != "00000" else None
    for pattern, repl in _PRE[-2:]:
        text = pattern.sub(repl, text)
    labelled = _CP_AFTER_LABEL.search(text)
    if labelled:
        code = labelled.group(1).zfill(5)
        return code if code != "00000" else None
    found = [c for c in _CP.findall(text) if c != "00000"]
    return found[-1] if found else None


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def phone_key(s: str | None) -> str | None:
    """Digits of a phone number, last 10 (drops +52, 01, 044 prefixes); ``None`` if fewer
    than 7 digits. With several numbers in one cell the first is used; extensions are
    dropped."""
    if not s:
        return None
    for part in _PHONE_SPLIT.split(s):
        digits = re.sub(r"\D", "", part)
        if len(digits) >= 7:
            return digits[-10:]
    return None
