"""Organisation names: legal forms and matching keys.

Legal forms are recognised at the end of a name however they are written: with or without
dots and spaces, with stray dots ("S.A. DE .C.V."), glued to the name without a comma
("MINERA SA DE CV") or spelled out ("Sociedad Anónima de Capital Variable"). The name is
compared token by token on its letters only, so "S. A. DE C. V.", "SA DE CV" and
"S.A.DE C.V." are the same form.

>>> split_legal_form("MINERA FRISCO, S.A.B. DE C.V.")
('MINERA FRISCO', 'SAB DE CV')
>>> split_legal_form("3R INNOVACIÓN Y DISEÑO, S.A. DE  C.V.")
('3R INNOVACIÓN Y DISEÑO', 'SA DE CV')
>>> split_legal_form("Talos Energy Offshore Mexico 2, S. de R.L. de C.V.")
('Talos Energy Offshore Mexico 2', 'S DE RL DE CV')
>>> split_legal_form("Premier Oil Exploration and Production Mexico B.V.")
('Premier Oil Exploration and Production Mexico', 'BV')
>>> org_key("PEMEX Exploración y Producción") == org_key("PETRÓLEOS MEXICANOS")
False
>>> org_key("A.P. INTERNATIONAL, S.A. DE C.V.") == org_key("AP International SA de CV")
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.normalize.text import clean, fold

__all__ = ["LEGAL_FORMS", "org_key", "split_legal_form"]

# canonical code -> spellings (any punctuation / spacing; compared on letters only)
_FORMS: dict[str, tuple[str, ...]] = {
    "SA DE CV": ("SA DE CV", "SOCIEDAD ANONIMA DE CAPITAL VARIABLE", "SA CV"),
    "SAB DE CV": ("SAB DE CV", "SOCIEDAD ANONIMA BURSATIL DE CAPITAL VARIABLE"),
    "SAPI DE CV": (
        "SAPI DE CV",
        "SA PI DE CV",
        "SOCIEDAD ANONIMA PROMOTORA DE INVERSION DE CAPITAL VARIABLE",
    ),
    "SAPIB DE CV": (
        "SAPIB DE CV",
        "SOCIEDAD ANONIMA PROMOTORA DE INVERSION BURSATIL DE CAPITAL VARIABLE",
    ),
    "SAS DE CV": ("SAS DE CV",),
    "S DE RL DE CV": (
        "S DE RL DE CV",
        "SRL DE CV",
        "SOCIEDAD DE RESPONSABILIDAD LIMITADA DE CAPITAL VARIABLE",
    ),
    "S DE RL MI": (
        "S DE RL MI",
        "S DE RL DE MI",
        "SOCIEDAD DE RESPONSABILIDAD LIMITADA MICROINDUSTRIA",
    ),
    "SC DE RL DE CV": ("SC DE RL DE CV",),
    "SC DE RL": ("SC DE RL",),
    "SC DE CV": ("SC DE CV",),
    "SC DE RS DE CV": ("SC DE RS DE CV",),
    "SC DE RS": ("SC DE RS",),
    "SC DE C DE RL DE CV": ("SC DE C DE RL DE CV",),
    "SCU": ("SCU", "SOCIEDAD CIVIL UNIVERSAL"),
    "A EN P": ("A EN P", "ASOCIACION EN PARTICIPACION"),
    "S EN C": ("S EN C", "SOCIEDAD EN COMANDITA SIMPLE"),
    "S EN C POR A": ("S EN C POR A", "SOCIEDAD EN COMANDITA POR ACCIONES"),
    "S EN NC": ("S EN NC", "SOCIEDAD EN NOMBRE COLECTIVO"),
    "SPR DE RL DE CV": ("SPR DE RL DE CV", "S DE PR DE RL DE CV"),
    "SPR DE RL": (
        "SPR DE RL",
        "S DE PR DE RL",
        "SOCIEDAD DE PRODUCCION RURAL DE RESPONSABILIDAD LIMITADA",
    ),
    "SPR DE RI": ("SPR DE RI", "SOCIEDAD DE PRODUCCION RURAL DE RESPONSABILIDAD ILIMITADA"),
    "SA DE CV SOFOM ENR": ("SA DE CV SOFOM ENR",),
    "SA DE CV SOFOM ER": ("SA DE CV SOFOM ER",),
    "SA": ("SA", "SOCIEDAD ANONIMA"),
    "SAB": ("SAB", "SOCIEDAD ANONIMA BURSATIL"),
    "SAPI": ("SAPI",),
    "S DE RL": ("S DE RL", "SRL", "SOCIEDAD DE RESPONSABILIDAD LIMITADA"),
    "SC": ("SC", "SOCIEDAD CIVIL"),
    "AC": ("AC", "ASOCIACION CIVIL"),
    "SAS": ("SAS", "SOCIEDAD POR ACCIONES SIMPLIFICADA"),
    "IAP": ("IAP", "INSTITUCION DE ASISTENCIA PRIVADA"),
    "IBP": ("IBP", "INSTITUCION DE BENEFICENCIA PRIVADA"),
    "SNC": ("SNC", "SOCIEDAD NACIONAL DE CREDITO"),
    "SCL": ("SCL",),
    "SCP": ("SCP",),
    "AR": ("AR", "ASOCIACION RELIGIOSA"),
    # foreign forms common in holding chains
    "BV": ("BV",),
    "NV": ("NV",),
    "LLC": ("LLC",),
    "LLP": ("LLP",),
    "LTD": ("LTD", "LIMITED", "CO LTD"),
    "INC": ("INC", "INCORPORATED"),
    "CORP": ("CORP", "CORPORATION"),
    "SARL": ("SARL", "SA RL", "SOCIETE A RESPONSABILITE LIMITEE"),
    "SL": ("SL", "SOCIEDAD LIMITADA"),
    "SLU": ("SLU",),
    "GMBH": ("GMBH",),
    "AG": ("AG",),
    "PLC": ("PLC",),
    "LP": ("LP",),
    "SPA": ("SPA",),
    "SE": ("SE",),
    "PTY LTD": ("PTY LTD",),
    "ULC": ("ULC",),
}
LEGAL_FORMS: frozenset[str] = frozenset(_FORMS)
"""Canonical legal form codes ``split_legal_form`` can return."""

_BY_LETTERS: dict[str, str] = {}
for _code, _spellings in _FORMS.items():
    for _spelling in _spellings:
        _BY_LETTERS[_spelling.replace(" ", "")] = _code
_MAX_TOKENS = max(len(s.split()) for spellings in _FORMS.values() for s in spellings) + 6

_TOKEN = re.compile(r"[^\W_]+")
_QUALIFIER = re.compile(
    r"(?:[,\s]+(?:divisi[oó]n\s+fiduciaria|instituci[oó]n\s+de\s+banca\s+"
    r"(?:m[uú]ltiple|de\s+desarrollo)|organizaci[oó]n\s+auxiliar\s+del\s+cr[eé]dito)"
    r"|\s*,\s*grupo\s+financiero(?:\s+[^\W\d_]+){1,3})[\s.,]*$",
    re.IGNORECASE,
)
# a form that is a common word at the end of a name when the word before is one of these
_NOT_A_FORM_AFTER = {"LP": {"GAS"}, "SE": {"QUE", "LO"}, "AG": set(), "SPA": {"DAY"}}
_STOP_WORDS = frozenset(
    {"DE", "DEL", "LA", "LAS", "LOS", "EL", "Y", "E", "THE", "OF", "AND", "ET", "DU", "LE"}
)


def _strip_qualifiers(text: str) -> str:
    while True:
        m = _QUALIFIER.search(text)
        if m is None or m.start() == 0:
            return text
        text = text[: m.start()]


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def split_legal_form(name: str) -> tuple[str, str | None]:
    """(name without its legal form, canonical legal form code or ``None``).

    The name part is cleaned (whitespace collapsed) with trailing commas and dots removed;
    its case and accents are kept. Bank clauses after the form ("INSTITUCIÓN DE BANCA
    MÚLTIPLE", ", GRUPO FINANCIERO X", "DIVISIÓN FIDUCIARIA") are dropped with it.
    """
    text = _strip_qualifiers(clean(name))
    tokens = list(_TOKEN.finditer(text))
    if len(tokens) < 2:
        return text, None
    folded = [fold(t.group(0)).replace(" ", "") for t in tokens]
    best: tuple[int, str] | None = None
    letters = ""
    for k in range(1, min(_MAX_TOKENS, len(tokens) - 1) + 1):
        letters = folded[-k] + letters
        code = _BY_LETTERS.get(letters)
        if code is None:
            continue
        before = folded[-k - 1]
        if before in _NOT_A_FORM_AFTER.get(code, ()):
            continue
        best = (k, code)
    if best is None:
        return text, None
    k, code = best
    start = tokens[-k].start()
    rest = text[:start].rstrip(" ,;.-/(")
    if not rest:
        return text, None
    return rest, code


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def org_key(name: str) -> str:
    """Matching key: folded name without legal form and without articles/prepositions
    (DE, LA, Y, THE, OF, AND ...). Runs of single letters are joined ("A P" → "AP") so
    that "A.P." and "AP" agree. Distinguishing words are kept."""
    base, _ = split_legal_form(name)
    words = fold(base).split()
    kept = [w for w in words if w not in _STOP_WORDS] or words
    out: list[str] = []
    run = ""
    for w in kept:
        if len(w) == 1 and w.isalpha():
            run += w
            continue
        if run:
            out.append(run)
            run = ""
        out.append(w)
    if run:
        out.append(run)
    return " ".join(out)
