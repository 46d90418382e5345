"""The ``pep`` adapter: politically exposed persons, their relatives and close associates.

One row is one person and becomes a ``PEP`` record keyed by ``ID_PEP``. The person (from
``NOMBRE``, ``PRIMER_APELLIDO``, ``SEGUNDO_APELLIDO``, with ``RFC`` and ``CURP``) is its
one party, role ``pep``; a row with ``PARENTESCO`` is a relative or close associate of the
PEP ``ID_PEP_RELACIONADO``, not a PEP itself, and its party's role is ``relative``.

Facts (a key is absent when its cell is blank):

- ``is_pep``: bool, false for a relative or associate row
- ``cargo``, ``dependencia``: text as written
- ``orden_gobierno``: Federal, Estatal or Municipal
- ``start``, ``end``: ISO dates of the office (``FECHA_INICIO_CARGO``, ``FECHA_FIN_CARGO``)
- ``parentesco``: cónyuge, hijo(a), padre, madre, hermano(a) or socio (hijo/hija and
  hermano/hermana are accepted and stored in the ``(a)`` form)
- ``relation``: ``relative``, or ``associate`` for socio
- ``related_pep``: ``ID_PEP_RELACIONADO``
- ``fuente``: ``FUENTE`` as written

Quarantine rules: ``missing_required`` (ID_PEP, NOMBRE), ``bad_value`` (ORDEN_GOBIERNO,
PARENTESCO), ``bad_date``, ``bad_rfc``, ``bad_curp``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.adapters.tabular import RowContext, read_table
from ingest.records import NormalisedRecord, RecordKind

__all__ = ["COLUMNS", "REQUIRED", "PepAdapter", "parse_row"]

SOURCE = "pep"

COLUMNS = (
    "ID_PEP",
    "NOMBRE",
    "PRIMER_APELLIDO",
    "SEGUNDO_APELLIDO",
    "CURP",
    "RFC",
    "CARGO",
    "DEPENDENCIA",
    "ORDEN_GOBIERNO",
    "FECHA_INICIO_CARGO",
    "FECHA_FIN_CARGO",
    "PARENTESCO",
    "ID_PEP_RELACIONADO",
    "FUENTE",
)
REQUIRED = ("ID_PEP", "NOMBRE")

LEVELS = {"Federal": "Federal", "Estatal": "Estatal", "Municipal": "Municipal"}

KINSHIP = {
    "cónyuge": "cónyuge",
    "hijo(a)": "hijo(a)",
    "hijo": "hijo(a)",
    "hija": "hijo(a)",
    "padre": "padre",
    "madre": "madre",
    "hermano(a)": "hermano(a)",
    "hermano": "hermano(a)",
    "hermana": "hermano(a)",
    "socio": "socio",
}


def parse_row(ctx: RowContext) -> NormalisedRecord:
    pep_id = ctx.required("ID_PEP")
    kinship = ctx.choice("PARENTESCO", KINSHIP, required=False)
    relative = bool(ctx.text("PARENTESCO"))
    person = ctx.person(
        "relative" if relative else "pep",
        given_column="NOMBRE",
        paternal_column="PRIMER_APELLIDO",
        maternal_column="SEGUNDO_APELLIDO",
        rfc_column="RFC",
        curp_column="CURP",
    )
    start = ctx.date("FECHA_INICIO_CARGO")
    end = ctx.date("FECHA_FIN_CARGO")
    facts: dict[str, Any] = {
        "is_pep": not relative,
        "cargo": ctx.text("CARGO"),
        "dependencia": ctx.text("DEPENDENCIA"),
        "orden_gobierno": ctx.choice("ORDEN_GOBIERNO", LEVELS, required=False),
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "parentesco": kinship,
        "relation": ("associate" if kinship == "socio" else "relative") if relative else None,
        "related_pep": ctx.text("ID_PEP_RELACIONADO"),
        "fuente": ctx.text("FUENTE"),
    }
    return NormalisedRecord(
        source=SOURCE,
        kind=RecordKind.PEP,
        key=pep_id or None,
        parties=[person] if person else [],
        facts={k: v for k, v in facts.items() if v not in (None, "")},
    )


class PepAdapter:
    """Politically exposed persons and their relatives, one per row (our layout)."""

    name = SOURCE
    description = "Politically exposed persons, relatives and close associates (our CSV layout)"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        return read_table(path, data, expected=COLUMNS, required=REQUIRED, parse_row=parse_row)
