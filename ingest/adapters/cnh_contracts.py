"""The ``cnh-contracts`` adapter: hydrocarbon exploration and production contracts (CNH).

One row is one contract and becomes a ``HYDROCARBON_CONTRACT`` record keyed by
``NUM_CONTRATO`` (cleaned, upper case). The operator (``OPERADOR`` / ``RFC_OPERADOR``) is
its one party, role ``operator``.

Facts (a key is absent when its cell is blank: blank means unknown, never zero):

- ``contract``: the contract id as keyed
- ``ronda``, ``licitacion``, ``area``, ``cuenca``, ``entidad``: text as written
- ``tipo_contrato``: Producción Compartida, Licencia or Utilidad Compartida
- ``ubicacion``: Aguas Someras, Aguas Profundas, Terrestre or No Convencional
- ``estatus``: Vigente, Terminado, Renuncia or Terminación anticipada
- ``superficie_km2``: float, never negative
- ``fecha_fallo``, ``fecha_firma``: ISO dates
- ``vigencia_anios``: a number when the cell is one, else the text as written

Quarantine rules: ``missing_required`` (NUM_CONTRATO), ``bad_value`` (TIPO_CONTRATO,
UBICACION, ESTATUS), ``bad_amount`` (SUPERFICIE_KM2), ``bad_date``, ``bad_rfc``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.adapters.tabular import RowContext, read_table
from ingest.normalize.errors import NormalizationError
from ingest.normalize.numbers import parse_amount
from ingest.records import NormalisedRecord, PartyMention, RecordKind

__all__ = ["COLUMNS", "REQUIRED", "CnhContractsAdapter", "parse_row"]

SOURCE = "cnh-contracts"

COLUMNS = (
    "NUM_CONTRATO",
    "RONDA",
    "LICITACION",
    "AREA_CONTRACTUAL",
    "TIPO_CONTRATO",
    "UBICACION",
    "CUENCA",
    "ENTIDAD_FEDERATIVA",
    "SUPERFICIE_KM2",
    "FECHA_FALLO",
    "FECHA_FIRMA",
    "VIGENCIA_ANIOS",
    "OPERADOR",
    "RFC_OPERADOR",
    "ESTATUS",
)
REQUIRED = ("NUM_CONTRATO",)

CONTRACT_TYPES = {
    "Producción Compartida": "Producción Compartida",
    "Licencia": "Licencia",
    "Utilidad Compartida": "Utilidad Compartida",
}
LOCATIONS = {
    "Aguas Someras": "Aguas Someras",
    "Aguas Profundas": "Aguas Profundas",
    "Terrestre": "Terrestre",
    "No Convencional": "No Convencional",
}
STATUSES = {
    "Vigente": "Vigente",
    "Terminado": "Terminado",
    "Renuncia": "Renuncia",
    "Terminación anticipada": "Terminación anticipada",
}


def _area(ctx: RowContext, column: str) -> float | None:
    """A surface: a number that is not negative (blank is unknown)."""
    value = ctx.amount(column)
    if value is not None and value < 0:
        ctx.problem(column, "bad_amount", f"{ctx.text(column)!r} is negative")
        return None
    return value


def _years(text: str) -> float | int | str | None:
    """The term in years as a number; text that is not one is kept as written."""
    if not text:
        return None
    try:
        value = parse_amount(text)
    except NormalizationError:
        return text
    if value is None:
        return text
    return int(value) if value.is_integer() else value


def parse_row(ctx: RowContext) -> NormalisedRecord:
    contract = ctx.required("NUM_CONTRATO").upper()
    operator: PartyMention | None = ctx.organisation(
        "OPERADOR", "operator", rfc_column="RFC_OPERADOR", required=False
    )
    signed = ctx.date("FECHA_FIRMA")
    awarded = ctx.date("FECHA_FALLO")
    facts: dict[str, Any] = {
        "contract": contract,
        "ronda": ctx.text("RONDA"),
        "licitacion": ctx.text("LICITACION"),
        "area": ctx.text("AREA_CONTRACTUAL"),
        "tipo_contrato": ctx.choice("TIPO_CONTRATO", CONTRACT_TYPES, required=False),
        "ubicacion": ctx.choice("UBICACION", LOCATIONS, required=False),
        "cuenca": ctx.text("CUENCA"),
        "entidad": ctx.text("ENTIDAD_FEDERATIVA"),
        "superficie_km2": _area(ctx, "SUPERFICIE_KM2"),
        "fecha_fallo": awarded.isoformat() if awarded else None,
        "fecha_firma": signed.isoformat() if signed else None,
        "vigencia_anios": _years(ctx.text("VIGENCIA_ANIOS")),
        "estatus": ctx.choice("ESTATUS", STATUSES, required=False),
    }
    return NormalisedRecord(
        source=SOURCE,
        kind=RecordKind.HYDROCARBON_CONTRACT,
        key=contract or None,
        parties=[operator] if operator else [],
        facts={k: v for k, v in facts.items() if v is not None and v != ""},
    )


class CnhContractsAdapter:
    """Hydrocarbon contracts, one per row (our layout; see SOURCES.md)."""

    name = SOURCE
    description = "CNH hydrocarbon exploration and production contracts (our CSV layout)"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        return read_table(path, data, expected=COLUMNS, required=REQUIRED, parse_row=parse_row)
