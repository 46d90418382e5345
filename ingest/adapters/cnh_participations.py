"""The ``cnh-participations`` adapter: consortium membership of CNH contracts over time.

One row is one company's participation in one contract from one date and becomes a
``PARTICIPATION`` record keyed ``NUM_CONTRATO|EMPRESA|FECHA_INICIO`` (contract upper case,
company cleaned, start as an ISO date; blank parts stay empty). The member company
(``EMPRESA`` / ``RFC`` / ``PAIS_ORIGEN``) is its one party, role ``member``.

Facts (a key is absent when its cell is blank: blank means unknown, never zero):

- ``contract``: the contract id as keyed
- ``share``: ``{"min", "max", "exclusive_min", "exclusive_max"}`` percent range, 0–100
- ``operator``: bool, from ``ES_OPERADOR`` (S/N, Sí/No, X, 1/0, …)
- ``start``, ``end``: ISO dates
- ``event``: Adjudicación, Cesión de interés, Cambio de control or Cambio de operador

Quarantine rules: ``missing_required`` (NUM_CONTRATO, EMPRESA), ``bad_percentage``,
``bad_value`` (ES_OPERADOR, EVENTO), ``bad_date``, ``bad_rfc``, ``bad_country``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.adapters.tabular import RowContext, read_table
from ingest.records import NormalisedRecord, RecordKind

__all__ = ["COLUMNS", "REQUIRED", "CnhParticipationsAdapter", "parse_row"]

SOURCE = "cnh-participations"

COLUMNS = (
    "NUM_CONTRATO",
    "EMPRESA",
    "RFC",
    "PAIS_ORIGEN",
    "PORCENTAJE_PARTICIPACION",
    "ES_OPERADOR",
    "FECHA_INICIO",
    "FECHA_FIN",
    "EVENTO",
)
REQUIRED = ("NUM_CONTRATO", "EMPRESA")

EVENTS = {
    "Adjudicación": "Adjudicación",
    "Cesión de interés": "Cesión de interés",
    "Cambio de control": "Cambio de control",
    "Cambio de operador": "Cambio de operador",
}


def _share(ctx: RowContext, column: str) -> dict[str, Any] | None:
    """A percentage (or range, or bound) within 0–100, as JSON; blank is unknown."""
    value = ctx.percent(column)
    if value is None:
        return None
    if value.min < 0 or value.max > 100:
        ctx.problem(column, "bad_percentage", f"{ctx.text(column)!r} is outside 0–100")
        return None
    return {
        "min": value.min,
        "max": value.max,
        "exclusive_min": value.exclusive_min,
        "exclusive_max": value.exclusive_max,
    }


def parse_row(ctx: RowContext) -> NormalisedRecord:
    contract = ctx.required("NUM_CONTRATO").upper()
    country = ctx.country("PAIS_ORIGEN")
    member = ctx.organisation("EMPRESA", "member", rfc_column="RFC", country=country)
    start = ctx.date("FECHA_INICIO")
    end = ctx.date("FECHA_FIN")
    facts: dict[str, Any] = {
        "contract": contract,
        "share": _share(ctx, "PORCENTAJE_PARTICIPACION"),
        "operator": ctx.yes_no("ES_OPERADOR"),
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "event": ctx.choice("EVENTO", EVENTS, required=False),
    }
    company = member.name if member else ctx.text("EMPRESA")
    key = f"{contract}|{company}|{start.isoformat() if start else ''}"
    return NormalisedRecord(
        source=SOURCE,
        kind=RecordKind.PARTICIPATION,
        key=key,
        parties=[member] if member else [],
        facts={k: v for k, v in facts.items() if v is not None},
    )


class CnhParticipationsAdapter:
    """Consortium participations, one per row (our layout; see SOURCES.md)."""

    name = SOURCE
    description = "CNH contract consortium membership over time (our CSV layout)"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        return read_table(path, data, expected=COLUMNS, required=REQUIRED, parse_row=parse_row)
