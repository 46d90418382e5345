"""Person names in Mexican order: given names, paternal surname, maternal surname.

Compound particles stay with the name part they belong to ("DE LA TORRE", "DEL VALLE",
"DE LOS SANTOS", "PÉREZ Y SOTO"; also "MARÍA DEL CARMEN" as given names), and titles
("LIC.", "ING.", "C.P.", "DR.", "C." ...) are dropped. Parts keep their accents and case
(cleaned); ``person_key`` is the folded, order-independent matching key.

>>> parse_person_name("LÓPEZ HERNÁNDEZ, MARÍA FERNANDA")
PersonName(given='MARÍA FERNANDA', paternal='LÓPEZ', maternal='HERNÁNDEZ')
>>> parse_person_name("Lic. José de Jesús de la Torre y Mier").full
'José de Jesús de la Torre y Mier'
>>> parse_person_name("LOPEZ HERNANDEZ MARIA FERNANDA", surname_first=True).given
'MARIA FERNANDA'
>>> a = parse_person_name("MARIA FERNANDA LOPEZ HERNANDEZ")
>>> b = parse_person_name("LOPEZ HERNANDEZ MARIA FERNANDA", surname_first=True)
>>> person_key(a) == person_key(b) == "FERNANDA HERNANDEZ LOPEZ MARIA"
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.normalize.text import clean, fold

__all__ = ["PersonName", "parse_person_name", "person_from_parts", "person_key"]


@dataclass(frozen=True)
class PersonName:
    """A person's name split in its Mexican parts (cleaned text, accents kept).

    A part that is unknown is ``""``.
    """

    given: str
    paternal: str
    maternal: str

    @property
    def full(self) -> str:
        """Given names, paternal and maternal surname, space separated."""
        return " ".join(p for p in (self.given, self.paternal, self.maternal) if p)

    @property
    def surnames(self) -> str:
        """Paternal and maternal surname, space separated."""
        return " ".join(p for p in (self.paternal, self.maternal) if p)


_TITLES = frozenset(
    {
        "LIC",
        "LICDA",
        "LICENCIADO",
        "LICENCIADA",
        "ING",
        "INGENIERO",
        "INGENIERA",
        "CP",
        "CPC",
        "CONTADOR",
        "DR",
        "DRA",
        "DOCTOR",
        "DOCTORA",
        "ARQ",
        "ARQUITECTO",
        "MTRO",
        "MTRA",
        "MAESTRO",
        "MAESTRA",
        "PROF",
        "PROFA",
        "PROFR",
        "PROFESOR",
        "PROFESORA",
        "SR",
        "SRA",
        "SRTA",
        "SEÑOR",
        "SEÑORA",
        "SENOR",
        "SENORA",
        "C",
        "CC",
        "CIUDADANO",
        "CIUDADANA",
        "QFB",
        "MVZ",
        "MC",
        "MBA",
        "ACT",
        "GRAL",
        "GENERAL",
        "DON",
        "DOÑA",
        "DONA",
    }
)
# Particles that bind to the following word ("DE LA" + "TORRE").
_PARTICLES = frozenset(
    {"DE", "DEL", "LA", "LAS", "LOS", "EL", "VAN", "VON", "DA", "DI", "MC", "MAC"}
)
_CONJUNCTION = "Y"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Given-name and surname lists used only to guess the order when ``surname_first`` is None.
_GIVEN = _words(
    """
    JOSE JUAN MARIA LUIS CARLOS JESUS JORGE MIGUEL FRANCISCO ANTONIO ALEJANDRO MANUEL
    PEDRO RICARDO FERNANDO ROBERTO RAFAEL DANIEL DAVID EDUARDO JAVIER SERGIO ARTURO
    ALBERTO ENRIQUE HECTOR MARIO OSCAR VICTOR RAUL GERARDO GUILLERMO RAMON ALFREDO
    ANDRES ADRIAN IGNACIO ERNESTO SALVADOR ARMANDO RUBEN JAIME PABLO HUGO GUSTAVO
    ALFONSO FELIPE RODRIGO CESAR GABRIEL JOAQUIN AGUSTIN ABEL ISRAEL MARTIN JULIO
    GUADALUPE ANA ROSA PATRICIA LAURA VERONICA ELIZABETH LETICIA GABRIELA ALEJANDRA
    ADRIANA CLAUDIA SILVIA MARTHA MARTA TERESA YOLANDA MONICA LETICIA ARACELI SANDRA
    NORMA BEATRIZ LILIA ELENA LUZ CARMEN FERNANDA DOLORES ANGELICA BLANCA GRACIELA
    ALICIA JUANA ISABEL ESTHER CRISTINA LORENA DIANA KARLA ANDREA DANIELA PAOLA
    MARGARITA IRMA OLGA RAQUEL SUSANA REBECA CECILIA LUCIA VIRGINIA JOSEFINA ROCIO
    ANGELES SOFIA VALERIA XIMENA MARIANA NANCY ERIKA ERICA MIRIAM CONCEPCION SOCORRO
    """
)
_SURNAMES = _words(
    """
    HERNANDEZ GARCIA MARTINEZ LOPEZ GONZALEZ PEREZ RODRIGUEZ SANCHEZ RAMIREZ CRUZ FLORES
    GOMEZ MORALES VAZQUEZ REYES JIMENEZ TORRES DIAZ GUTIERREZ RUIZ MENDOZA AGUILAR ORTIZ
    MORENO CASTILLO ROMERO ALVAREZ MENDEZ CHAVEZ RIVERA JUAREZ RAMOS DOMINGUEZ HERRERA
    MEDINA CASTRO VARGAS GUZMAN VELAZQUEZ ROJAS CONTRERAS SALAZAR LUNA ORTEGA SANTIAGO
    GUERRERO BAUTISTA CORTES ESTRADA SOTO ALVARADO ZUNIGA NAVARRO CAMACHO ROSAS DELGADO
    SOLIS MARQUEZ CERVANTES FUENTES ESPINOZA ESPINOSA VEGA CARRILLO LEON TREJO ACOSTA
    PACHECO VALDEZ ROBLES MOLINA CAMPOS NUNEZ AVILA SILVA MIRANDA SANDOVAL IBARRA
    ROSALES CABRERA VALENCIA OROZCO PENA SALINAS
    """
)
_SPLIT = re.compile(r"\s+")


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for raw in _SPLIT.split(text):
        tok = raw.strip(",;")
        if tok:
            out.append(tok)
    return out


def _drop_titles(tokens: list[str]) -> list[str]:
    i = 0
    while i < len(tokens) - 1:
        key = fold(tokens[i]).replace(" ", "")
        # "C.P." written as two tokens "C." "P."
        if key == "C" and fold(tokens[i + 1]).replace(" ", "") == "P" and i + 2 < len(tokens):
            i += 2
            continue
        if key in _TITLES and (tokens[i].endswith(".") or len(key) > 3 or key in {"LIC", "ING"}):
            i += 1
            continue
        break
    return tokens[i:]


def _units(tokens: list[str]) -> list[str]:
    """Group tokens into name units: particles bind forward, "Y" binds both ways."""
    units: list[str] = []
    pending: list[str] = []
    join_next = False
    for tok in tokens:
        key = fold(tok)
        if key == _CONJUNCTION and units and not pending:
            units[-1] = f"{units[-1]} {tok}"
            join_next = True
            continue
        if key in _PARTICLES:
            pending.append(tok)
            continue
        unit = " ".join([*pending, tok])
        pending = []
        if join_next and units:
            units[-1] = f"{units[-1]} {unit}"
        else:
            units.append(unit)
        join_next = False
    if pending:
        if units:
            units[-1] = f"{units[-1]} {' '.join(pending)}"
        else:
            units.append(" ".join(pending))
    return units


def _looks_surname_first(units: list[str]) -> bool:
    if len(units) < 2:
        return False
    folded = [fold(u) for u in units]
    given_only = _GIVEN - _SURNAMES
    if folded[0] not in _SURNAMES or folded[0] in _GIVEN:
        return False
    if folded[-1] in given_only:
        return True
    return len(units) >= 4 and folded[-2] in given_only


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def parse_person_name(full: str, *, surname_first: bool | None = None) -> PersonName:
    """Split a full name into given names, paternal and maternal surname.

    ``"SURNAMES, GIVEN"`` (with a comma) is always read surname first. Otherwise
    ``surname_first=True`` reads "PATERNAL MATERNAL GIVEN...", ``False`` reads
    "GIVEN... PATERNAL MATERNAL", and ``None`` guesses from common Mexican given names and
    surnames, defaulting to given names first. With two name units only, the second is
    the paternal surname (given-first) or the given name (surname-first).
    """
    text = clean(full)
    if "," in text:
        sur_text, _, given_text = text.partition(",")
        sur_units = _units(_tokens(sur_text))
        given_tokens = _drop_titles(_tokens(given_text))
        if not sur_units:
            return parse_person_name(given_text, surname_first=surname_first)
        return PersonName(
            " ".join(given_tokens),
            sur_units[0],
            " ".join(sur_units[1:]),
        )
    units = _units(_drop_titles(_tokens(text)))
    if not units:
        return PersonName("", "", "")
    if surname_first is None:
        surname_first = _looks_surname_first(units)
    if len(units) == 1:
        return PersonName(units[0], "", "")
    if surname_first:
        if len(units) == 2:
            return PersonName(units[1], units[0], "")
        return PersonName(" ".join(units[2:]), units[0], units[1])
    if len(units) == 2:
        return PersonName(units[0], units[1], "")
    return PersonName(" ".join(units[:-2]), units[-2], units[-1])


_NO_VALUE = frozenset({"", "X", "XX", "XXX", "NA", "N A", "NO APLICA", "SIN DATO", "S D"})


def _part(s: str | None) -> str:
    text = clean(s)
    if fold(text) in _NO_VALUE or not text.strip(".-_/"):
        return ""
    return text


def person_from_parts(given: str | None, paternal: str | None, maternal: str | None) -> PersonName:
    """Build a name from separate columns (NOMBRE, PRIMER_APELLIDO, SEGUNDO_APELLIDO).

    Parts are cleaned; placeholders such as "X", "N/A", "-" become ``""``; titles in front
    of the given names are dropped.
    """
    given_text = " ".join(_drop_titles(_tokens(_part(given))))
    return PersonName(given_text, _part(paternal), _part(maternal))


_ABBREVIATIONS = {
    "MA": "MARIA",
    "MARI": "MARIA",
    "FCO": "FRANCISCO",
    "GPE": "GUADALUPE",
    "JOSE": "JOSE",
}
_KEY_DROP = _PARTICLES | {_CONJUNCTION}


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def person_key(name: PersonName) -> str:
    """Folded matching key: the name's words without particles ("DE", "LA", "Y" ...),
    common abbreviations expanded ("MA." → "MARIA"), sorted. Independent of the order the
    source used, so "MARIA FERNANDA LOPEZ HERNANDEZ" and "LOPEZ HERNANDEZ MARIA FERNANDA"
    give the same key."""
    words = [_ABBREVIATIONS.get(w, w) for w in fold(name.full).split()]
    kept = [w for w in words if w not in _KEY_DROP] or words
    return " ".join(sorted(kept))
