"""The ``mining-concessions`` adapter: mining titles and their holders.

One row is one title and becomes a ``CONCESSION`` record keyed by the title number
without its ``T-`` prefix (``T-227855`` and ``227855`` are the same title). The holder
(``TITULAR`` / ``RFC_TITULAR``) is its one party, role ``holder``: a person when the RFC
is a person's (13 characters), otherwise an organisation (the RFC is often blank; the
resolver matches the holder by name then).

Facts (a key is absent when its cell is blank: blank means unknown, never zero):

- ``title``: the normalised title number (the key); ``title_display``: as written
- ``lot``: ``NOMBRE_LOTE``; ``tipo``: ``TIPO`` as written
- ``expedition``, ``start``, ``end``: ISO dates (``FECHA_EXPEDICION``,
  ``FECHA_INICIO_VIGENCIA``, ``FECHA_FIN_VIGENCIA``)
- ``superficie_ha``: float, never negative
- ``estado``, ``municipio``: text as written
- ``sustancias``: list of substances, split on commas, semicolons and the word "y"/"e"
- ``situacion``: Vigente, Cancelada or En trámite

Quarantine rules: ``missing_required`` (TITULO, TITULAR), ``bad_value`` (SITUACION),
``bad_amount`` (SUPERFICIE_HA), ``bad_date``, ``bad_rfc``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.adapters.tabular import RowContext, read_table
from ingest.normalize.persons import parse_person_name, person_key
from ingest.normalize.text import clean, fold
from ingest.records import NormalisedRecord, PartyKind, PartyMention, RecordKind

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "MiningConcessionsAdapter",
    "parse_row",
    "split_substances",
    "title_key",
]

SOURCE = "mining-concessions"

COLUMNS = (
    "TITULO",
    "NOMBRE_LOTE",
    "TITULAR",
    "RFC_TITULAR",
    "TIPO",
    "FECHA_EXPEDICION",
    "FECHA_INICIO_VIGENCIA",
    "FECHA_FIN_VIGENCIA",
    "SUPERFICIE_HA",
    "ESTADO",
    "MUNICIPIO",
    "SUSTANCIAS",
    "SITUACION",
)
REQUIRED = ("TITULO", "TITULAR")

SITUATIONS = {"Vigente": "Vigente", "Cancelada": "Cancelada", "En trámite": "En trámite"}

_TITLE_PREFIX = re.compile(r"^T\s*[-.]?\s*(?=\d)", re.IGNORECASE)
_SUBSTANCE_SEPARATORS = re.compile(r"\s*[,;/]\s*|\s+[yYeE]\s+")


def title_key(title: str) -> str:
    """The title number as a key: ``T-227855``, ``t 227855`` and ``227855`` → ``227855``.

    >>> title_key("T-227855")
    '227855'
    """
    return _TITLE_PREFIX.sub("", clean(title)).replace(" ", "").upper()


def split_substances(text: str) -> list[str]:
    """The substances of a cell, in order, without repeats.

    >>> split_substances("Oro, Plata y Cobre")
    ['Oro', 'Plata', 'Cobre']
    """
    found: list[str] = []
    seen: set[str] = set()
    for part in _SUBSTANCE_SEPARATORS.split(clean(text)):
        name = part.strip(" .")
        if name and fold(name) not in seen:
            seen.add(fold(name))
            found.append(name)
    return found


def _holder(ctx: RowContext, column: str, rfc_column: str, role: str) -> PartyMention | None:
    """A holder named by a column: a person if its RFC is a person's, else an organisation."""
    rfc = ctx.rfc(rfc_column)
    name = ctx.required(column)
    if not name:
        return None
    if rfc is not None and rfc.kind == "person":
        parsed = parse_person_name(name)
        return PartyMention(
            field=column,
            role=role,
            kind=PartyKind.PERSON,
            name=parsed.full,
            name_key=person_key(parsed),
            given_names=parsed.given or None,
            paternal_surname=parsed.paternal or None,
            maternal_surname=parsed.maternal or None,
            rfc=rfc.value,
            rfc_checksum_ok=rfc.checksum_ok,
        )
    mention = ctx.organisation(column, role)
    if mention is not None and rfc is not None:
        mention.rfc = rfc.value
        mention.rfc_checksum_ok = rfc.checksum_ok
    return mention


def _area(ctx: RowContext, column: str) -> float | None:
    """A surface: a number that is not negative (blank is unknown)."""
    value = ctx.amount(column)
    if value is not None and value < 0:
        ctx.problem(column, "bad_amount", f"{ctx.text(column)!r} is negative")
        return None
    return value


def parse_row(ctx: RowContext) -> NormalisedRecord:
    display = ctx.required("TITULO")
    title = title_key(display) if display else ""
    holder = _holder(ctx, "TITULAR", "RFC_TITULAR", "holder")
    issued = ctx.date("FECHA_EXPEDICION")
    start = ctx.date("FECHA_INICIO_VIGENCIA")
    end = ctx.date("FECHA_FIN_VIGENCIA")
    facts: dict[str, Any] = {
        "title": title,
        "title_display": display,
        "lot": ctx.text("NOMBRE_LOTE"),
        "tipo": ctx.text("TIPO"),
        "expedition": issued.isoformat() if issued else None,
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "superficie_ha": _area(ctx, "SUPERFICIE_HA"),
        "estado": ctx.text("ESTADO"),
        "municipio": ctx.text("MUNICIPIO"),
        "sustancias": split_substances(ctx.text("SUSTANCIAS")),
        "situacion": ctx.choice("SITUACION", SITUATIONS, required=False),
    }
    return NormalisedRecord(
        source=SOURCE,
        kind=RecordKind.CONCESSION,
        key=title or None,
        parties=[holder] if holder else [],
        facts={k: v for k, v in facts.items() if v not in (None, "", [])},
    )


class MiningConcessionsAdapter:
    """Mining titles, one per row (our layout; see SOURCES.md)."""

    name = SOURCE
    description = "Mining concession titles and their holders (our CSV layout)"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        return read_table(path, data, expected=COLUMNS, required=REQUIRED, parse_row=parse_row)
