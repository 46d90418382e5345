"""The ``companies`` adapter: a company register extract (incorporation, address, officers).

One row is one company and becomes a ``COMPANY`` record keyed by its RFC, or by its
``RAZON_SOCIAL`` (cleaned) when it has no usable RFC (blank, redacted or generic).

Parties:

- the company (field ``RAZON_SOCIAL``, role ``company``) with its RFC, the address key of
  ``DOMICILIO``, the postal code (``CODIGO_POSTAL``, else the one inside ``DOMICILIO``), the
  phone key of ``TELEFONO`` and ``PAIS`` as country — ``MX`` when ``PAIS`` is blank and
  ``ENTIDAD_FEDERATIVA`` names a Mexican state;
- when given, the officers, each a person parsed from a full name:
  ``REPRESENTANTE_LEGAL`` (role ``legal_representative``) and ``ADMINISTRADOR_UNICO``
  (role ``sole_administrator``).

Facts (a key is absent when its cell is blank):

- ``incorporation_date``: ISO date (``FECHA_CONSTITUCION``)
- ``municipio``, ``entidad``: text as written
- ``address``: ``DOMICILIO`` as written; ``postal_code``: 5 digits; ``phone``: digits key
- ``country``: the company's country code

Quarantine rules: ``missing_required`` (RAZON_SOCIAL), ``bad_date``, ``bad_rfc``,
``bad_country``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.adapters.tabular import RowContext, read_table
from ingest.normalize.text import fold
from ingest.records import NormalisedRecord, PartyMention, RecordKind

__all__ = ["COLUMNS", "MEXICAN_STATES", "REQUIRED", "CompaniesAdapter", "parse_row"]

SOURCE = "companies"

COLUMNS = (
    "RFC",
    "RAZON_SOCIAL",
    "FECHA_CONSTITUCION",
    "DOMICILIO",
    "CODIGO_POSTAL",
    "MUNICIPIO",
    "ENTIDAD_FEDERATIVA",
    "PAIS",
    "TELEFONO",
    "REPRESENTANTE_LEGAL",
    "ADMINISTRADOR_UNICO",
)
REQUIRED = ("RAZON_SOCIAL",)

#: The 32 federal entities, by their usual names and abbreviations, folded.
MEXICAN_STATES = frozenset(
    fold(name)
    for name in (
        "Aguascalientes", "Ags", "Baja California", "BC", "Baja California Sur", "BCS",
        "Campeche", "Camp", "Chiapas", "Chis", "Chihuahua", "Chih",
        "Ciudad de México", "CDMX", "Distrito Federal", "DF",
        "Coahuila", "Coahuila de Zaragoza", "Coah", "Colima", "Col", "Durango", "Dgo",
        "Guanajuato", "Gto", "Guerrero", "Gro", "Hidalgo", "Hgo", "Jalisco", "Jal",
        "México", "Estado de México", "Edomex", "Edo Mex", "Méx",
        "Michoacán", "Michoacán de Ocampo", "Mich", "Morelos", "Mor", "Nayarit", "Nay",
        "Nuevo León", "NL", "Oaxaca", "Oax", "Puebla", "Pue",
        "Querétaro", "Querétaro de Arteaga", "Qro", "Quintana Roo", "QRoo", "Q Roo",
        "San Luis Potosí", "SLP", "Sinaloa", "Sin", "Sonora", "Son", "Tabasco", "Tab",
        "Tamaulipas", "Tamps", "Tlaxcala", "Tlax",
        "Veracruz", "Veracruz de Ignacio de la Llave", "Ver",
        "Yucatán", "Yuc", "Zacatecas", "Zac",
    )
)  # fmt: skip

_DIGITS = re.compile(r"\D")


def _postal_code(ctx: RowContext, column: str) -> str | None:
    """Five digits; a four-digit code lost its leading zero in a spreadsheet."""
    digits = _DIGITS.sub("", ctx.text(column))
    if len(digits) == 4:
        digits = "0" + digits
    return digits if len(digits) == 5 else None


def _officer(ctx: RowContext, column: str, role: str) -> PartyMention | None:
    if not ctx.text(column):
        return None
    return ctx.person(role, full_column=column)


def parse_row(ctx: RowContext) -> NormalisedRecord:
    name = ctx.required("RAZON_SOCIAL")
    rfc = ctx.rfc("RFC")
    state = ctx.text("ENTIDAD_FEDERATIVA")
    country = ctx.country("PAIS")
    if country is None and not ctx.text("PAIS") and fold(state) in MEXICAN_STATES:
        country = "MX"
    address, postal_in_address = ctx.address("DOMICILIO")
    postal = _postal_code(ctx, "CODIGO_POSTAL") or postal_in_address
    phone = ctx.phone("TELEFONO")
    company = ctx.organisation("RAZON_SOCIAL", "company", country=country) if name else None
    if company is not None:
        company.rfc = rfc.value if rfc else None
        company.rfc_checksum_ok = rfc.checksum_ok if rfc else None
        company.address = address
        company.postal_code = postal
        company.phone = phone
    officers = [
        _officer(ctx, "REPRESENTANTE_LEGAL", "legal_representative"),
        _officer(ctx, "ADMINISTRADOR_UNICO", "sole_administrator"),
    ]
    incorporated = ctx.date("FECHA_CONSTITUCION")
    facts: dict[str, Any] = {
        "incorporation_date": incorporated.isoformat() if incorporated else None,
        "municipio": ctx.text("MUNICIPIO"),
        "entidad": state,
        "address": ctx.text("DOMICILIO"),
        "postal_code": postal,
        "phone": phone,
        "country": country,
    }
    return NormalisedRecord(
        source=SOURCE,
        kind=RecordKind.COMPANY,
        key=(rfc.value if rfc else name) or None,
        parties=[p for p in (company, *officers) if p is not None],
        facts={k: v for k, v in facts.items() if v not in (None, "")},
    )


class CompaniesAdapter:
    """A company register extract, one company per row (our layout; see SOURCES.md)."""

    name = SOURCE
    description = "Company register extract: incorporation, address, phone, officers (our CSV)"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        return read_table(path, data, expected=COLUMNS, required=REQUIRED, parse_row=parse_row)
