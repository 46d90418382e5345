"""The ``compranet`` adapter: federal procurement contracts published by CompraNet (SFP).

The ``Contratos<years>.csv`` files come in several variants over the years — 39 to 45
columns, ``NUMERO_EXPEDIENTE`` or ``CODIGO_EXPEDIENTE``, with or without ``FOLIO_RUPC``,
``SIGLAS_PAIS``, ``CONVENIO_MODIFICATORIO``, ``C_EXTERNO``, ``ORGANISMO`` — read by
column name. Known quirks of the real files: the 2015 sample has a blank first header
(the ``GOBIERNO`` column: the CSV reader keeps it as ``column_1``, read back here as the
buyer's ``gobierno``), and ``sancionados_url.csv`` (the contracts of sanctioned suppliers)
has CRLF line ends and two unnamed cells after the header's 44 columns in every row (the
supplier's name as the SFP sanctions list spells it, and a flag that is always "False"),
kept in the record's ``extra`` as ``column_45`` and ``column_46``.

One row is one contract and becomes a ``PROCUREMENT_CONTRACT`` record keyed by
``CODIGO_CONTRATO``.

Parties:

- the supplier (``PROVEEDOR_CONTRATISTA``, role ``supplier``): a person when the name is
  clearly a person's (``sfp_sanctions.supplier_mention``), else a company; ``FOLIO_RUPC``
  (the supplier registry folio) in ``extra.folio_rupc`` and ``SIGLAS_PAIS`` as country
  when present; a supplier written "---" (CompraNet withholds the names of deactivated
  supplier accounts) is a party of kind ``unknown``, so the contract still loads;
- the buyer (``DEPENDENCIA``, role ``buyer``, ``public_body``), with ``SIGLAS``,
  ``CLAVEUC``, ``NOMBRE_DE_LA_UC`` and ``GOBIERNO`` (APF, GE, GM) in ``extra``.

Facts: ``codigo_contrato``, ``numero_procedimiento``, ``tipo_procedimiento`` (as written),
``competition`` — ``direct`` for adjudicación directa, ``restricted`` for invitación a
cuando menos tres personas, ``open`` for licitación pública (read from
``PLANTILLA_EXPEDIENTE`` when ``TIPO_PROCEDIMIENTO`` is blank) — and ``direct_award``
(true for direct, false for the others), ``titulo``, ``fecha_inicio``, ``fecha_fin``,
``fecha_celebracion`` (ISO dates), ``importe`` (float), ``moneda``, ``estatus``, and, as
written, ``tipo_contratacion``, ``caracter``, ``expediente``, ``anuncio`` (URL),
``convenio_modificatorio``, ``estratificacion``. A currency that is not three letters
(one real row says "TEST") is not a currency: the contract loads without ``moneda``, the
text is kept as ``moneda_texto`` and the file gets a warning.

Quarantine rules: ``missing_required`` (CODIGO_CONTRATO, PROVEEDOR_CONTRATISTA,
DEPENDENCIA), ``bad_date``, ``bad_amount``, ``bad_country``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.adapters.sfp_sanctions import supplier_mention
from ingest.adapters.tabular import RowContext, read_table
from ingest.normalize.orgs import org_key, split_legal_form
from ingest.normalize.text import clean, fold
from ingest.records import NormalisedRecord, PartyKind, PartyMention, RecordKind

__all__ = ["COLUMNS", "REQUIRED", "CompranetAdapter", "competition", "parse_row"]

SOURCE = "compranet"

COLUMNS = (
    "GOBIERNO",
    "SIGLAS",
    "DEPENDENCIA",
    "CLAVEUC",
    "NOMBRE_DE_LA_UC",
    "RESPONSABLE",
    "NUMERO_EXPEDIENTE",
    "CODIGO_EXPEDIENTE",
    "TITULO_EXPEDIENTE",
    "PLANTILLA_EXPEDIENTE",
    "NUMERO_PROCEDIMIENTO",
    "EXP_F_FALLO",
    "PROC_F_PUBLICACION",
    "FECHA_APERTURA_PROPOSICIONES",
    "CARACTER",
    "TIPO_CONTRATACION",
    "TIPO_PROCEDIMIENTO",
    "FORMA_PROCEDIMIENTO",
    "CODIGO_CONTRATO",
    "TITULO_CONTRATO",
    "FECHA_INICIO",
    "FECHA_FIN",
    "IMPORTE_CONTRATO",
    "MONEDA",
    "ESTATUS_CONTRATO",
    "ARCHIVADO",
    "CONVENIO_MODIFICATORIO",
    "RAMO",
    "CLAVE_PROGRAMA",
    "APORTACION_FEDERAL",
    "FECHA_CELEBRACION",
    "CONTRATO_MARCO",
    "COMPRA_CONSOLIDADA",
    "PLURIANUAL",
    "CLAVE_CARTERA_SHCP",
    "ESTRATIFICACION_MUC",
    "FOLIO_RUPC",
    "PROVEEDOR_CONTRATISTA",
    "ESTRATIFICACION_MPC",
    "SIGLAS_PAIS",
    "ESTATUS_EMPRESA",
    "CUENTA_ADMINISTRADA_POR",
    "C_EXTERNO",
    "ORGANISMO",
    "ANUNCIO",
)
REQUIRED = ("DEPENDENCIA", "CODIGO_CONTRATO", "PROVEEDOR_CONTRATISTA")

_CURRENCY = re.compile(r"[A-Z]{3}")


def competition(procedure: str) -> str | None:
    """open, restricted or direct for a procedure type (or a PLANTILLA_EXPEDIENTE text).

    >>> competition("Adjudicación Directa Federal"), competition("INVITACION A CUANDO MENOS TRES PERSONAS")
    ('direct', 'restricted')
    >>> competition("19. Invitación a cuando menos tres Nacional LOPSRM")
    'restricted'
    """  # noqa: E501
    folded = re.sub(r"^\d+\s+", "", fold(procedure))
    if folded.startswith("ADJUDICACION DIRECTA"):
        return "direct"
    if folded.startswith("INVITACION A CUANDO MENOS"):
        return "restricted"
    if folded.startswith("LICITACION PUBLICA"):
        return "open"
    return None


def _gobierno(ctx: RowContext) -> str:
    """GOBIERNO, or the cell under the blank first header of the 2015 sample (which the
    CSV reader keeps as the extra column ``column_1``)."""
    return ctx.text("GOBIERNO") or clean(ctx.row.extra.get("column_1", ""))


def _buyer(ctx: RowContext) -> PartyMention | None:
    name = ctx.required("DEPENDENCIA")
    if not name:
        return None
    extra = {
        key: ctx.text(column)
        for key, column in (
            ("siglas", "SIGLAS"),
            ("claveuc", "CLAVEUC"),
            ("unidad_compradora", "NOMBRE_DE_LA_UC"),
        )
        if ctx.text(column)
    }
    if _gobierno(ctx):
        extra["gobierno"] = _gobierno(ctx)
    _, form = split_legal_form(name)
    return PartyMention(
        field="DEPENDENCIA",
        role="buyer",
        kind=PartyKind.PUBLIC_BODY,
        name=name,
        name_key=org_key(name),
        legal_form=form,
        extra=extra,
    )


def _supplier(ctx: RowContext) -> PartyMention | None:
    name = ctx.required("PROVEEDOR_CONTRATISTA")
    folio = ctx.text("FOLIO_RUPC")
    country = ctx.country("SIGLAS_PAIS")
    mention = supplier_mention(
        name, "PROVEEDOR_CONTRATISTA", "supplier", extra={"folio_rupc": folio} if folio else None
    )
    if mention is not None and country:
        mention.country = country
    return mention


class _Parser:
    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.warnings: list[str] = []

    def __call__(self, ctx: RowContext) -> NormalisedRecord:
        code = ctx.required("CODIGO_CONTRATO")
        supplier = _supplier(ctx)
        buyer = _buyer(ctx)
        procedure = ctx.text("TIPO_PROCEDIMIENTO")
        kind = competition(procedure) or (
            None if procedure else competition(ctx.text("PLANTILLA_EXPEDIENTE"))
        )
        start, end = ctx.date("FECHA_INICIO"), ctx.date("FECHA_FIN")
        signed = ctx.date("FECHA_CELEBRACION")
        currency = ctx.text("MONEDA").upper()
        facts: dict[str, Any] = {
            "codigo_contrato": code,
            "numero_procedimiento": ctx.text("NUMERO_PROCEDIMIENTO"),
            "tipo_procedimiento": procedure,
            "competition": kind,
            "direct_award": kind == "direct" if kind else None,
            "titulo": ctx.text("TITULO_CONTRATO"),
            "fecha_inicio": start.isoformat() if start else None,
            "fecha_fin": end.isoformat() if end else None,
            "fecha_celebracion": signed.isoformat() if signed else None,
            "importe": ctx.amount("IMPORTE_CONTRATO"),
            "estatus": ctx.text("ESTATUS_CONTRATO"),
            "tipo_contratacion": ctx.text("TIPO_CONTRATACION"),
            "caracter": ctx.text("CARACTER"),
            "expediente": ctx.text("NUMERO_EXPEDIENTE") or ctx.text("CODIGO_EXPEDIENTE"),
            "anuncio": ctx.text("ANUNCIO"),
            "convenio_modificatorio": ctx.text("CONVENIO_MODIFICATORIO"),
            "estratificacion": ctx.text("ESTRATIFICACION_MPC"),
        }
        if _CURRENCY.fullmatch(currency):
            facts["moneda"] = currency
        elif currency:
            facts["moneda_texto"] = ctx.text("MONEDA")
            self.warnings.append(
                f"{self.file_name} row {ctx.row.number}, column MONEDA: "
                f"{ctx.text('MONEDA')!r} is not a currency code; loaded without a currency"
            )
        return NormalisedRecord(
            source=SOURCE,
            kind=RecordKind.PROCUREMENT_CONTRACT,
            key=code or None,
            parties=[p for p in (supplier, buyer) if p is not None],
            facts={k: v for k, v in facts.items() if v not in (None, "", [], {})},
        )


def parse_row(ctx: RowContext) -> NormalisedRecord:
    """One contract row (currency warnings are dropped here; the adapter keeps them)."""
    return _Parser(ctx.file_name)(ctx)


class CompranetAdapter:
    """CompraNet contracts, one per row."""

    name = SOURCE
    description = "CompraNet federal procurement contracts (SFP open data)"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        parser = _Parser(path.name)
        output = read_table(path, data, expected=COLUMNS, required=REQUIRED, parse_row=parser)
        output.warnings.extend(parser.warnings)
        return output
