"""The ``sat-69b`` adapter: SAT's list of taxpayers presumed or confirmed to simulate
operations (article 69-B of the Código Fiscal de la Federación, "EFOS").

The real file (``Listado_Completo_69-B.csv``) is latin-1 with two title lines above the
header; one row is one listing of one taxpayer and becomes a ``LISTING_69B`` record keyed
by the RFC, or by ``No:<n>`` when the RFC is redacted. A taxpayer can be listed twice (two
proceedings): the key repeats, the rows stay separate.

Party (field ``Nombre del Contribuyente``, role ``listed``):

- a person when the RFC has 13 characters, a company when it has 12;
- the name is cut at ``//``: what follows is a court note ("En cumplimiento a la
  sentencia …") kept as the fact ``name_note``, or a former/current name ("ANTES …",
  "Ahora …") kept in the party's ``extra`` as ``former_names`` / ``current_name``;
- a redacted RFC (``XXXXXXXXXXXX``, 86 rows in 2022) is loaded without an RFC: the name
  cell then holds the reason of the suppression, not a name, so the party is of kind
  ``unknown`` (reason ``informationUnknownToPublisher``) and never matched by name.

Facts:

- ``number``: the ``No`` column (int)
- ``situacion``: Presunto, Desvirtuado, Definitivo or Sentencia Favorable
- ``situacion_date``: when the taxpayer entered the stage it is now in (the stage's SAT
  publication date, else its DOF publication, else the oficio's date)
- ``presunto``, ``desvirtuado``, ``definitivo``, ``sentencia_favorable`` (each only when
  its cells are not blank): ``oficio`` (number of the global oficio), ``oficio_date``,
  ``sat_publication``, ``dof_publication`` (ISO dates); ``dof_oficio`` /
  ``dof_oficio_date`` when the DOF column names another oficio; ``note`` for text such as
  "(únicamente en el DOF)". A cell listing two oficios or two dates ("… // …",
  "25/05/2022 - 26/04/2021") is a taxpayer listed again: the first (latest) fills the
  fields above, the others go to ``earlier`` (a list of the same fields).
- ``name_note``, ``redacted`` (true) and ``redaction_note`` as described above.

Quarantine rules: ``missing_required`` (No, Nombre, Situación), ``bad_value`` (a
situación outside the four; a ``No`` that is not a number), ``bad_date``, ``bad_rfc``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.adapters.tabular import RowContext, read_table
from ingest.normalize.dates import find_date, parse_date, parse_dates
from ingest.normalize.errors import NormalizationError
from ingest.normalize.orgs import org_key, split_legal_form
from ingest.normalize.persons import parse_person_name, person_key
from ingest.normalize.text import clean
from ingest.records import NormalisedRecord, PartyKind, PartyMention, RecordKind

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "SITUACIONES",
    "STAGES",
    "Sat69bAdapter",
    "parse_oficios",
    "parse_row",
    "publication_dates",
    "split_name",
]

SOURCE = "sat-69b"

NO = "No"
RFC = "RFC"
NAME = "Nombre del Contribuyente"
SITUACION = "Situación del contribuyente"

#: Stage → (oficio SAT, publication SAT, oficio DOF, publication DOF) columns.
STAGES: dict[str, tuple[str, str, str, str]] = {
    "presunto": (
        "Número y fecha de oficio global de presunción SAT",
        "Publicación página SAT presuntos",
        "Número y fecha de oficio global de presunción DOF",
        "Publicación DOF presuntos",
    ),
    "desvirtuado": (
        "Número y fecha de oficio global de contribuyentes que desvirtuaron SAT",
        "Publicación página SAT desvirtuados",
        "Número y fecha de oficio global de contribuyentes que desvirtuaron DOF",
        "Publicación DOF desvirtuados",
    ),
    "definitivo": (
        "Número y fecha de oficio global de definitivos SAT",
        "Publicación página SAT definitivos",
        "Número y fecha de oficio global de definitivos DOF",
        "Publicación DOF definitivos",
    ),
    "sentencia_favorable": (
        "Número y fecha de oficio global de sentencia favorable SAT",
        "Publicación página SAT sentencia favorable",
        "Número y fecha de oficio global de sentencia favorable DOF",
        "Publicación DOF sentencia favorable",
    ),
}

COLUMNS = (NO, RFC, NAME, SITUACION, *(c for cols in STAGES.values() for c in cols))
REQUIRED = (NO, RFC, NAME, SITUACION)

#: Spellings of the situación → the canonical value (matched without case or accents).
SITUACIONES: dict[str, str] = {
    "Presunto": "Presunto",
    "Presuntos": "Presunto",
    "Desvirtuado": "Desvirtuado",
    "Desvirtuados": "Desvirtuado",
    "Definitivo": "Definitivo",
    "Definitivos": "Definitivo",
    "Sentencia Favorable": "Sentencia Favorable",
    "Sentencias Favorables": "Sentencia Favorable",
}
_STAGE_OF = {
    "Presunto": "presunto",
    "Desvirtuado": "desvirtuado",
    "Definitivo": "definitivo",
    "Sentencia Favorable": "sentencia_favorable",
}

_REDACTED = re.compile(r"X{12,13}", re.IGNORECASE)
# Global oficio numbers: 500-05-2018-16632, 500-02-00-2014-1360.
_OFICIO = re.compile(r"(?<![\d-])\d{3}(?:-\d+){3,}(?!\d)")
_NOTE = re.compile(r"\(([^)]*)\)")
_FORMER = re.compile(r"^(?:ANTES|ANTERIORMENTE)(?:\s+DENOMINADA)?\s+", re.IGNORECASE)
_CURRENT = re.compile(r"^AHORA\s+", re.IGNORECASE)
_INLINE_FORMER = re.compile(r",?\s+ANTES(?:\s+DENOMINADA)?\s+(?=\S)", re.IGNORECASE)


def split_name(raw: str) -> tuple[str, list[str], str | None, str | None]:
    """(name, former names, current name, note) of a SAT name cell.

    >>> split_name("ARKDIS, S.A. DE C.V.// En cumplimiento a la sentencia …")
    ('ARKDIS, S.A. DE C.V.', [], None, 'En cumplimiento a la sentencia …')
    >>> split_name("CODI SOLUCIONES, S.A. DE C.V., ANTES U SOLUTION, S.A. DE C.V.")
    ('CODI SOLUCIONES, S.A. DE C.V.', ['U SOLUTION, S.A. DE C.V.'], None, None)
    """
    head, _, tail = clean(raw).partition("//")
    name = head.strip()
    tail = tail.strip()
    former: list[str] = []
    current: str | None = None
    note: str | None = None
    if tail:
        if _FORMER.match(tail):
            former.append(_FORMER.sub("", tail).strip())
        elif _CURRENT.match(tail):
            current = _CURRENT.sub("", tail).strip()
        else:
            note = tail
    # "ANTES X AHORA Y": the listed company is now Y, formerly X.
    if _FORMER.match(name):
        rest = _FORMER.sub("", name)
        before, sep, after = rest.partition(" AHORA ")
        if sep:
            former.append(before.strip(" ,"))
            name = after.strip()
    else:
        parts = _INLINE_FORMER.split(name, maxsplit=1)
        if len(parts) == 2:
            name, old = parts[0].strip(" ,"), parts[1].strip()
            former.append(old)
    return name, [f for f in former if f], current, note


def _date_iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def parse_oficios(text: str) -> tuple[list[tuple[str, date | None]], str | None]:
    """The oficios of a cell, in order, each with its date; and any note in parentheses.

    >>> parse_oficios("500-05-2022-6121 de fecha 25 de mayo de 2022 // 500-05-2021-6937 de"
    ...               " fecha 26 de abril de 2021")[0]  # doctest: +NORMALIZE_WHITESPACE
    [('500-05-2022-6121', datetime.date(2022, 5, 25)),
     ('500-05-2021-6937', datetime.date(2021, 4, 26))]
    """
    text = clean(text)
    notes = [clean(n) for n in _NOTE.findall(text)]
    matches = list(_OFICIO.finditer(text))
    found: list[tuple[str, date | None]] = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        found.append((match.group(0), find_date(_NOTE.sub(" ", text[match.end() : end]))))
    if not matches and text:
        # no oficio number: keep the date if there is one, and the text as a note
        found.append(("", find_date(text)))
        notes = [text]
    return found, "; ".join(n for n in notes if n) or None


def publication_dates(text: str) -> list[date]:
    """The dates of a publication cell: one date (a spreadsheet serial day such as
    ``44014`` included), or several ("25/05/2022 - 26/04/2021", "14-08-19 // 20/09/2018").

    >>> publication_dates("44014"), publication_dates("17/10/2019    27/08/2018")
    ([datetime.date(2020, 7, 2)], [datetime.date(2019, 10, 17), datetime.date(2018, 8, 27)])
    """
    try:
        one = parse_date(text)
    except NormalizationError:
        found = parse_dates(text)
        if not found:
            raise
        return found
    return [one] if one else []


def _stage(ctx: RowContext, columns: tuple[str, str, str, str]) -> dict[str, Any] | None:
    sat_col, sat_pub_col, dof_col, dof_pub_col = columns
    if not any(ctx.text(c) for c in columns):
        return None
    try:
        sat_oficios, sat_note = parse_oficios(ctx.text(sat_col))
    except NormalizationError as exc:
        ctx.problem(sat_col, exc.rule, exc.message)
        return None
    try:
        dof_oficios, dof_note = parse_oficios(ctx.text(dof_col))
    except NormalizationError as exc:
        ctx.problem(dof_col, exc.rule, exc.message)
        return None
    publications: dict[str, list[date]] = {}
    for key, column in (("sat_publication", sat_pub_col), ("dof_publication", dof_pub_col)):
        try:
            publications[key] = publication_dates(ctx.text(column))
        except NormalizationError as exc:
            ctx.problem(column, exc.rule, exc.message)
            return None
    count = max(len(sat_oficios), len(dof_oficios), *(len(v) for v in publications.values()))
    entries: list[dict[str, Any]] = []
    for i in range(count):
        entry: dict[str, Any] = {}
        if i < len(sat_oficios):
            number, when = sat_oficios[i]
            entry["oficio"] = number or None
            entry["oficio_date"] = _date_iso(when)
        if i < len(dof_oficios):
            number, when = dof_oficios[i]
            if i >= len(sat_oficios) or (number, when) != sat_oficios[i]:
                entry["dof_oficio"] = number or None
                entry["dof_oficio_date"] = _date_iso(when)
        for key, dates in publications.items():
            if i < len(dates):
                entry[key] = dates[i].isoformat()
        entries.append({k: v for k, v in entry.items() if v is not None})
    stage = entries[0] if entries else {}
    if entries[1:]:
        stage["earlier"] = entries[1:]
    note = "; ".join(n for n in dict.fromkeys((sat_note, dof_note)) if n)
    if note:
        stage["note"] = note
    return stage


def _stage_date(stage: dict[str, Any] | None) -> str | None:
    """When the taxpayer entered its stage: the SAT publication, else the DOF one, else
    the oficio's date."""
    if not stage:
        return None
    for key in ("sat_publication", "dof_publication", "oficio_date", "dof_oficio_date"):
        if stage.get(key):
            return str(stage[key])
    return None


def _number(ctx: RowContext) -> int | None:
    raw = ctx.required(NO)
    if not raw:
        return None
    if not raw.isdigit():
        ctx.problem(NO, "bad_value", f"{raw!r} is not a row number")
        return None
    return int(raw)


def _taxpayer(ctx: RowContext) -> tuple[PartyMention | None, dict[str, Any]]:
    """The listed party and the facts its cells carry (name note, redaction)."""
    facts: dict[str, Any] = {}
    raw_name = ctx.required(NAME)
    if _REDACTED.fullmatch(ctx.text(RFC)):
        facts["redacted"] = True
        facts["redaction_note"] = raw_name or None
        mention = PartyMention(
            field=NAME,
            role="listed",
            kind=PartyKind.UNKNOWN,
            name=raw_name,
            unspecified_reason="informationUnknownToPublisher",
            extra={"redacted": True},
        )
        return mention, facts
    rfc = ctx.rfc(RFC)
    if not raw_name:
        return None, facts
    name, former, current, note = split_name(raw_name)
    if note:
        facts["name_note"] = note
    extra: dict[str, Any] = {}
    if former:
        extra["former_names"] = former
    if current:
        extra["current_name"] = current
    if rfc is not None and rfc.kind == "person":
        parsed = parse_person_name(name, surname_first=True)
        mention = PartyMention(
            field=NAME,
            role="listed",
            kind=PartyKind.PERSON,
            name=parsed.full,
            name_key=person_key(parsed),
            given_names=parsed.given or None,
            paternal_surname=parsed.paternal or None,
            maternal_surname=parsed.maternal or None,
            rfc=rfc.value,
            rfc_checksum_ok=rfc.checksum_ok,
            extra={"as_written": name, **extra} if parsed.full != name else extra,
        )
        return mention, facts
    base, form = split_legal_form(name)
    if base and base != name:
        extra["base_name"] = clean(base)
    mention = PartyMention(
        field=NAME,
        role="listed",
        kind=PartyKind.COMPANY,
        name=name,
        name_key=org_key(name),
        legal_form=form,
        rfc=rfc.value if rfc else None,
        rfc_checksum_ok=rfc.checksum_ok if rfc else None,
        extra=extra,
    )
    return mention, facts


def parse_row(ctx: RowContext) -> NormalisedRecord:
    number = _number(ctx)
    party, facts = _taxpayer(ctx)
    situacion = ctx.choice(SITUACION, SITUACIONES)
    stages: dict[str, Any] = {}
    for stage, columns in STAGES.items():
        found = _stage(ctx, columns)
        if found:
            stages[stage] = found
    current = stages.get(_STAGE_OF[situacion]) if situacion else None
    ordered: dict[str, Any] = {
        "number": number,
        "situacion": situacion,
        "situacion_date": _stage_date(current),
        **stages,
        **facts,
    }
    key = party.rfc if party and party.rfc else (f"No:{number}" if number is not None else None)
    return NormalisedRecord(
        source=SOURCE,
        kind=RecordKind.LISTING_69B,
        key=key,
        parties=[party] if party else [],
        facts={k: v for k, v in ordered.items() if v not in (None, "", [], {})},
    )


class Sat69bAdapter:
    """SAT's 69-B list (EFOS), one listing per row."""

    name = SOURCE
    description = "SAT article 69-B list of taxpayers presumed to simulate operations"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        return read_table(path, data, expected=COLUMNS, required=REQUIRED, parse_row=parse_row)
