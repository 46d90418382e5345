"""Name keys for matching and the pairwise cannot-link rules over names.

``org_match_key`` is the folded organisation name without its Mexican (or foreign) legal
form, whatever the spelling: "Talos Energy Offshore México 7, S. de R.L. de C.V." and
"TALOS ENERGY OFFSHORE MEXICO 7 S DE RL DE CV" give the same key. The connectors "Y",
"AND" and "&" between words are dropped ("Oil and Gas" = "Oil & Gas"), and business
words take one form whatever their abbreviation ("Servs.", "Servicios" → "SERV").

>>> org_match_key("Talos Energy Offshore México 7, S. de R.L. de C.V.")
'TALOS ENERGY OFFSHORE MEX 7'
>>> org_match_key("MINERA FRISCO, S.A.B. DE C.V.")
'MINERA FRISCO'
>>> org_match_key("Servicios Integrales SAPI de CV")
'SERV INTEGRALES'
>>> parent_subsidiary("PEMEX", "PEMEX EXPLORACION Y PRODUCCION")
True
>>> numbers_differ("TALOS ENERGY OFFSHORE MEXICO 7", "TALOS ENERGY OFFSHORE MEXICO 2")
True
>>> parent_subsidiary("MINERA FRISCO", "MINERA FRISCO")
False
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ingest.normalize.text import fold

__all__ = [
    "ORG_STOPWORDS",
    "PAIR_RULES",
    "canonical_words",
    "informative_tokens",
    "numbers_differ",
    "org_match_key",
    "parent_subsidiary",
    "split_org",
]

# Legal forms as token sequences after folding ("S. de R.L. de C.V." → "S DE R L DE C V").
_FORMS = [
    r"S\s?A\s?B",
    r"S\s?A\s?P\s?I",
    r"S\s?A",
    r"S\s?DE\s?R\s?L",
    r"S\s?R\s?L",
    r"S\s?EN\s?C(\s?POR\s?A)?",
    r"S\s?EN\s?N\s?C",
    r"S\s?C(\s?DE\s?R\s?L|\s?DE\s?R\s?S|\s?P)?",
    r"A\s?C",
    r"I\s?A\s?P",
    r"A\s?R\s?I\s?C",
    r"S\s?P\s?R(\s?DE\s?R\s?L|\s?DE\s?R\s?I)?",
    r"S\s?C\s?L",
    r"S\s?A\s?S",
    r"SOFOM(\s?E\s?N\s?R|\s?E\s?R)?",
    r"SOCIEDAD\s+ANONIMA(\s+BURSATIL|\s+PROMOTORA\s+DE\s+INVERSION)?",
    r"SOCIEDAD\s+DE\s+RESPONSABILIDAD\s+LIMITADA",
    r"SOCIEDAD\s+CIVIL",
    r"ASOCIACION\s+CIVIL",
    r"INC",
    r"INCORPORATED",
    r"L\s?L\s?C",
    r"L\s?T\s?D",
    r"LIMITED",
    r"CORP",
    r"CORPORATION",
    r"CO",
    r"B\s?V",
    r"N\s?V",
    r"G\s?M\s?B\s?H",
    r"A\s?G",
    r"P\s?L\s?C",
    r"L\s?P",
    r"S\s?L(\s?U)?",
    r"S\s?P\s?A",
    r"S\s?A\s?R\s?L",
    r"S\s?A\s?S",
    r"U\s?L\s?C",
]
_SUFFIX = (
    r"(\s?DE\s?C\s?V|\s?DE\s?CAPITAL\s+VARIABLE|\s?C\s?V)?"
    r"(\s?SOFOM(\s?E\s?N\s?R|\s?E\s?R)?)?"
)
_LEGAL_FORM = re.compile(r"(?:\s|^)(?:" + "|".join(_FORMS) + r")" + _SUFFIX + r"\s*$")
_CONNECTORS = re.compile(r"(?<=\S) (?:Y|AND)(?= \S)")
_CAPITAL_VARIABLE = re.compile(r"\s(?:DE\s)?C\s?V$")

#: Words that tell nothing about which organisation a name is.
ORG_STOPWORDS = frozenset(
    [
        "DE",
        "DEL",
        "LA",
        "LAS",
        "LOS",
        "EL",
        "Y",
        "E",
        "THE",
        "OF",
        "AND",
        "EN",
        "A",
        "AL",
        "CIA",
        "COMPANIA",
        "SA",
        "CV",
        "RL",
        "SAB",
        "SAPI",
    ]
)

#: Extra words that make a name a different organisation of the same group.
_QUALIFIERS = frozenset(
    [
        "EXPLORACION",
        "PRODUCCION",
        "TRANSFORMACION",
        "INDUSTRIAL",
        "LOGISTICA",
        "SERVICIOS",
        "SERVICES",
        "PERFORACION",
        "COMERCIALIZADORA",
        "COMERCIAL",
        "HOLDING",
        "HOLDINGS",
        "INTERNACIONAL",
        "INTERNATIONAL",
        "SUBSIDIARIA",
        "FILIAL",
        "DIVISION",
        "OPERADORA",
        "OPERACIONES",
        "OPERATIONS",
        "INVERSIONES",
        "INMOBILIARIA",
        "ENERGIA",
        "ENERGY",
        "GAS",
        "PETROQUIMICA",
        "FERTILIZANTES",
        "ETILENO",
        "CONSTRUCCIONES",
        "CONSTRUCTORA",
        "ADMINISTRACION",
        "ADMINISTRADORA",
        "FINANCIERA",
        "FINANCE",
        "TRADING",
        "MINERA",
        "MINING",
        "EXPLORATION",
        "PRODUCTION",
        "OFFSHORE",
        "ONSHORE",
        "NORTE",
        "SUR",
        "ORIENTE",
        "PONIENTE",
        "CENTRO",
        "GOLFO",
        "PACIFICO",
        "GRUPO",
        "GROUP",
        "MEXICO",
        "MEXICANA",
        "MEXICANO",
        "MX",
        "AMERICAS",
        "LATAM",
        "USA",
        "CANADA",
        "ESPANA",
        "INTERNACIONALES",
        "CORPORATIVO",
        "CORPORATIVA",
        "FUNDACION",
        "FIDEICOMISO",
        "PLANTA",
        "UNIDAD",
        "MINA",
        "PROYECTO",
    ]
)


_SPELLED_FORMS = (
    (re.compile(r"\bSOCIEDAD ANONIMA\b"), "SA"),
    (re.compile(r"\bSOCIEDAD DE RESPONSABILIDAD LIMITADA\b"), "SDERL"),
    (re.compile(r"\bDE CAPITAL VARIABLE\b"), "DECV"),
    (re.compile(r"\bBURSATIL\b"), "B"),
    (re.compile(r"\bPROMOTORA DE INVERSION\b"), "PI"),
    (re.compile(r"\bSOCIEDAD CIVIL\b"), "SC"),
    (re.compile(r"\bASOCIACION CIVIL\b"), "AC"),
)


_WORD_FORMS: dict[str, str] = {}
_MIN_TYPO_LENGTH = 9
for _canonical, _spellings in {
    "CIA": "CIA COMPANIA COMPANY",
    "SERV": "SERV SERVS SERVICIO SERVICIOS SERVICES SVCS",
    "EXPL": "EXPL EXPLORACION EXPLORACIONES EXPLORATION",
    "INTL": "INTL INTERNACIONAL INTERNACIONALES INTERNATIONAL",
    "CORP": "CORP CORPORATIVO CORPORATIVA CORPORACION CORPORATION",
    "COMERC": "COMERC COMERCIALIZADORA",
    "ING": "ING INGENIERIA",
    "IND": "IND INDS INDUSTRIAL INDUSTRIALES INDUSTRIAS",
    "ADMIN": "ADMIN ADMON ADMINISTRADORA ADMINISTRACION",
    "DIST": "DIST DISTR DISTRIBUIDORA DISTRIBUCION",
    "MEX": "MEX MEXICANA MEXICANO MEXICO",
    "CONST": "CONST CONSTR CONSTRUCTORA CONSTRUCCIONES",
    "TRANSP": "TRANSP TRANSPORTES TRANSPORTE",
    "SUMIN": "SUMIN SUMINISTROS",
    "GPO": "GPO GRUPO",
    "NAL": "NAL NACIONAL",
    "DESARR": "DESARR DESARROLLO DESARROLLOS",
    "INMOB": "INMOB INMOBILIARIA",
    "ASOC": "ASOC ASOCIADOS",
    "HNOS": "HNOS HERMANOS",
    "PROD": "PROD PRODUCCION",
    "TEC": "TEC TECNOL TECNOLOGIA",
    "COOP": "COOP COOPERATIVA",
    "MANTTO": "MANTTO MTTO MANTENIMIENTO",
}.items():
    for _w in _spellings.split():
        _WORD_FORMS[_w] = _canonical
_INT_L = re.compile(r"\bINT L\b")


#: Spellings long enough that one slip of the keyboard still names them unambiguously.
_LONG_SPELLINGS: tuple[str, ...] = tuple(w for w in _WORD_FORMS if len(w) >= _MIN_TYPO_LENGTH)


@lru_cache(maxsize=1 << 16)
def _word_form(word: str) -> str:
    """The one form of a business word, also when one letter is missing, extra, wrong or
    swapped with its neighbour ("EXPLRACIONES", "INGENIERI", "COMERCIALIZADOAR")."""
    known = _WORD_FORMS.get(word)
    if known is not None:
        return known
    if len(word) < _MIN_TYPO_LENGTH - 1 or not word.isalpha():
        return word
    found = process.extractOne(word, _LONG_SPELLINGS, scorer=OSA.distance, score_cutoff=1)
    return _WORD_FORMS[found[0]] if found is not None else word


def canonical_words(key: str) -> str:
    """Business words and their abbreviations as one form ("SERVS." = "SERVICIOS").

    >>> canonical_words("DIST VERTICE") == canonical_words("DISTRIBUIDORA VERTICE")
    True
    >>> canonical_words("EXPLRACIONES MINERAS") == canonical_words("EXPLORACIONES MINERAS")
    True
    """
    return " ".join(_word_form(w) for w in _INT_L.sub("INTL", key).split())


# Qualifiers are compared on keys, where business words have their one form.
_QUALIFIERS = _QUALIFIERS | frozenset(_WORD_FORMS.get(w, w) for w in _QUALIFIERS)


@lru_cache(maxsize=1 << 18)
def split_org(name: str) -> tuple[str, str | None]:
    """(folded name without its trailing legal forms, compact legal form or ``None``).

    >>> split_org("Minera Frisco, Sociedad Anónima Bursátil de Capital Variable")
    ('MINERA FRISCO', 'SABDECV')
    >>> split_org("MINERA FRISCO S.A.B. DE C.V.")
    ('MINERA FRISCO', 'SABDECV')
    >>> split_org("Servs. Petroleros Titán, S. de R.L. de C.V.")
    ('SERV PETROLEROS TITAN', 'SDERLDECV')
    >>> split_org("Sierra Oil and Gas")[0] == split_org("SIERRA OIL & GAS")[0]
    True
    """
    key = " ".join(_CONNECTORS.sub(" ", fold(name)).split())
    removed: list[str] = []
    for _ in range(3):
        stripped = _LEGAL_FORM.sub("", key).strip()
        stripped = _CAPITAL_VARIABLE.sub("", stripped).strip()
        if stripped == key or not stripped:
            break
        removed.insert(0, key[len(stripped) :])
        key = stripped
    if not removed:
        return canonical_words(key), None
    key = canonical_words(key)
    form = " ".join(removed)
    for pattern, code in _SPELLED_FORMS:
        form = pattern.sub(code, form)
    return key, form.replace(" ", "") or None


def org_match_key(name: str) -> str:
    """Folded organisation name without a trailing legal form (applied until none is left)."""
    return split_org(name)[0]


def informative_tokens(key: str) -> frozenset[str]:
    return frozenset(t for t in key.split() if t not in ORG_STOPWORDS)


def _numbers(key: str) -> list[str]:
    return sorted(t for t in key.split() if any(ch.isdigit() for ch in t))


def numbers_differ(a: str, b: str) -> bool:
    """Both names carry numbers and the numbers are not the same ("MEXICO 7" vs "MEXICO 2")."""
    na, nb = _numbers(a), _numbers(b)
    return bool(na) and bool(nb) and na != nb


def parent_subsidiary(a: str, b: str) -> bool:
    """One name is the other plus a qualifier or a number: a parent and its subsidiary.

    "PEMEX" and "PEMEX EXPLORACION Y PRODUCCION", "TALOS ENERGY" and "TALOS ENERGY
    MEXICO", "GRUPO MINERO X" and "GRUPO MINERO X 2".
    """
    ta, tb = informative_tokens(a), informative_tokens(b)
    if not ta or not tb or ta == tb:
        return False
    if ta < tb:
        extra = tb - ta
    elif tb < ta:
        extra = ta - tb
    else:
        return False
    return any(t in _QUALIFIERS or any(ch.isdigit() for ch in t) for t in extra)


#: Cannot-link rules by name, each a test over two values of one column.
PAIR_RULES: dict[str, Callable[[str, str], bool]] = {
    "numbers_differ": numbers_differ,
    "parent_subsidiary": parent_subsidiary,
}
