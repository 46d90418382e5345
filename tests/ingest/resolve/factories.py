"""Small factories for resolver tests: valid RFCs and CURPs, declaration rows, a ledger.

A test writes a few ``bo-declarations`` rows (the layout that names two parties per row,
companies and persons alike) and ingests them through the real pipeline.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from stdnum.mx import curp as stdnum_curp
from stdnum.mx import rfc as stdnum_rfc

from ingest.adapters.bo_declarations import COLUMNS
from ingest.ledger import Ledger
from ingest.pipeline import ingest_files
from registry.settings import Settings


def rfc(stem: str) -> str:
    """A valid RFC from its first 11 (company) or 12 (person) characters."""
    return stem + stdnum_rfc.calc_check_digit(stem)


def curp(stem: str) -> str:
    """A valid CURP from its first 17 characters."""
    return stem + stdnum_curp.calc_check_digit(stem)


def company_row(
    declarer: str,
    holder: str,
    *,
    declarer_rfc: str = "",
    holder_rfc: str = "",
    share: str = "50",
) -> dict[str, str]:
    """A company (``holder``) that holds shares of the declaring company."""
    return {
        "ID_DECLARACION": "",
        "FECHA_DECLARACION": "2024-01-15",
        "EMPRESA_DECLARANTE": declarer,
        "RFC_EMPRESA": declarer_rfc,
        "TIPO_TITULAR": "Persona moral",
        "RAZON_SOCIAL": holder,
        "RFC": holder_rfc,
        "JURISDICCION": "MX",
        "TIPO_INTERES": "Accionista",
        "PORCENTAJE": share,
    }


def person_row(
    declarer: str,
    given: str,
    paternal: str,
    maternal: str = "",
    *,
    declarer_rfc: str = "",
    person_rfc: str = "",
    person_curp: str = "",
    birth: str = "",
    address: str = "",
) -> dict[str, str]:
    """A natural person who holds shares of the declaring company."""
    return {
        "ID_DECLARACION": "",
        "FECHA_DECLARACION": "2024-01-15",
        "EMPRESA_DECLARANTE": declarer,
        "RFC_EMPRESA": declarer_rfc,
        "TIPO_TITULAR": "Persona física",
        "NOMBRE": given,
        "PRIMER_APELLIDO": paternal,
        "SEGUNDO_APELLIDO": maternal,
        "RFC": person_rfc,
        "CURP": person_curp,
        "NACIONALIDAD": "MX",
        "FECHA_NACIMIENTO": birth,
        "DOMICILIO": address,
        "TIPO_INTERES": "Accionista",
        "PORCENTAJE": "25",
    }


def write_declarations(path: Path, rows: Sequence[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in COLUMNS})
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def ingest(workspace: Path, name: str, rows: Sequence[dict[str, str]]) -> Ledger:
    """Write ``rows`` as ``name`` and ingest them; returns the workspace's ledger."""
    settings = Settings(workspace=workspace)
    path = write_declarations(workspace.parent / name, rows)
    reports = ingest_files(settings, "bo-declarations", [path])
    assert all(r.quarantined == 0 for r in reports), [r.to_dict() for r in reports]
    return Ledger(settings.ledger_path)


def mention(name: str, row: int, field: str) -> str:
    """The id of a mention of a bo-declarations file."""
    return f"bo-declarations:{name}:{row}:{field}"
