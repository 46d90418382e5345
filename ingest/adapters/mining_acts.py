"""The ``mining-acts`` adapter: acts registered in the Public Mining Registry.

One row is one registered act on a title and becomes a ``MINING_ACT`` record keyed
``TITULO|NUM_INSCRIPCION`` (title without its ``T-`` prefix, as ``mining-concessions``
keys it; when the inscription number is blank, the inscription date stands in for it).
Parties, each present only when named: the assignor (``CEDENTE`` / ``RFC_CEDENTE``, role
``from``) and the assignee (``CESIONARIO`` / ``RFC_CESIONARIO``, role ``to``), each a
person when its RFC is a person's (13 characters), otherwise an organisation.

Facts (a key is absent when its cell is blank):

- ``title``: the normalised title number; ``title_display``: as written
- ``inscription``: ``NUM_INSCRIPCION`` as written
- ``act_type``: Transmisión de titularidad, Cesión, Contrato de exploración or Contrato de
  explotación
- ``transfers_title``: bool, true for a Transmisión de titularidad (the holder changes
  from ``date``)
- ``date``: inscription date (ISO)

Quarantine rules: ``missing_required`` (TITULO, TIPO_ACTO, FECHA_INSCRIPCION),
``bad_value`` (TIPO_ACTO), ``bad_date``, ``bad_rfc``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.adapters.tabular import RowContext, read_table
from ingest.normalize.persons import parse_person_name, person_key
from ingest.normalize.text import clean
from ingest.records import NormalisedRecord, PartyKind, PartyMention, RecordKind

__all__ = ["COLUMNS", "REQUIRED", "MiningActsAdapter", "parse_row"]

SOURCE = "mining-acts"

COLUMNS = (
    "TITULO",
    "NUM_INSCRIPCION",
    "TIPO_ACTO",
    "CEDENTE",
    "RFC_CEDENTE",
    "CESIONARIO",
    "RFC_CESIONARIO",
    "FECHA_INSCRIPCION",
)
REQUIRED = ("TITULO", "TIPO_ACTO", "FECHA_INSCRIPCION")

TRANSMISSION = "Transmisión de titularidad"
ACT_TYPES = {
    TRANSMISSION: TRANSMISSION,
    "Cesión": "Cesión",
    "Contrato de exploración": "Contrato de exploración",
    "Contrato de explotación": "Contrato de explotación",
}

# Kept in step with mining_concessions.title_key (not imported, so that one adapter
# module cannot break another's loading).
_TITLE_PREFIX = re.compile(r"^T\s*[-.]?\s*(?=\d)", re.IGNORECASE)


def _title_key(title: str) -> str:
    return _TITLE_PREFIX.sub("", clean(title)).replace(" ", "").upper()


def _party(ctx: RowContext, column: str, rfc_column: str, role: str) -> PartyMention | None:
    """An optional party: a person if its RFC is a person's, else an organisation."""
    rfc = ctx.rfc(rfc_column)
    name = ctx.text(column)
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
    mention = ctx.organisation(column, role, required=False)
    if mention is not None and rfc is not None:
        mention.rfc = rfc.value
        mention.rfc_checksum_ok = rfc.checksum_ok
    return mention


def parse_row(ctx: RowContext) -> NormalisedRecord:
    display = ctx.required("TITULO")
    title = _title_key(display) if display else ""
    inscription = ctx.text("NUM_INSCRIPCION")
    act = ctx.choice("TIPO_ACTO", ACT_TYPES)
    ctx.required("FECHA_INSCRIPCION")
    registered = ctx.date("FECHA_INSCRIPCION")
    parties = [
        p
        for p in (
            _party(ctx, "CEDENTE", "RFC_CEDENTE", "from"),
            _party(ctx, "CESIONARIO", "RFC_CESIONARIO", "to"),
        )
        if p is not None
    ]
    facts: dict[str, Any] = {
        "title": title,
        "title_display": display,
        "inscription": inscription,
        "act_type": act,
        "transfers_title": act == TRANSMISSION if act else None,
        "date": registered.isoformat() if registered else None,
    }
    second = inscription or (registered.isoformat() if registered else "")
    return NormalisedRecord(
        source=SOURCE,
        kind=RecordKind.MINING_ACT,
        key=f"{title}|{second}" if title else None,
        parties=parties,
        facts={k: v for k, v in facts.items() if v not in (None, "")},
    )


class MiningActsAdapter:
    """Registered mining acts, one per row (our layout; see SOURCES.md)."""

    name = SOURCE
    description = "Acts registered in the Public Mining Registry (our CSV layout)"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        return read_table(path, data, expected=COLUMNS, required=REQUIRED, parse_row=parse_row)
