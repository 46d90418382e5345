"""The ``bo-declarations`` adapter: beneficial ownership declarations, one interest per row.

A row says that an interested party (the holder) holds an interest in the declaring
company. It becomes a ``DECLARATION`` record keyed by ``ID_DECLARACION``; when the same id
is on several rows of the file (a declaration of several interests), each row's key is
``ID_DECLARACION|row N``, and a row without an id is keyed ``row N``.

Parties:

- the declaring company: field ``EMPRESA_DECLARANTE`` (RFC from ``RFC_EMPRESA``), role
  ``subject``;
- the holder, role ``owner``, by ``TIPO_TITULAR``:
  Persona física → a person from ``NOMBRE``, ``PRIMER_APELLIDO``, ``SEGUNDO_APELLIDO``
  with ``RFC``, ``CURP``, ``NACIONALIDAD`` as country, the address key and postal code of
  ``DOMICILIO``, and ``extra`` ``{"birth_date", "domicilio"}`` (field ``NOMBRE``);
  Persona moral → an organisation ``RAZON_SOCIAL`` with ``RFC`` and ``JURISDICCION`` as
  country (field ``RAZON_SOCIAL``);
  Fideicomiso → a ``trust`` ``RAZON_SOCIAL`` with ``RFC``, ``JURISDICCION`` as country and
  ``extra`` ``{"clave": CLAVE_FIDEICOMISO}``, without spaces and upper case as
  ``trust-parties`` and ``trusts`` write it (field ``RAZON_SOCIAL``);
  Desconocido → an ``unknown`` party whose ``unspecified_reason`` is the BODS code of
  ``MOTIVO_NO_IDENTIFICADO`` (``unknown`` when blank), field ``MOTIVO_NO_IDENTIFICADO``.

Facts (a key is absent when its cell is blank: blank means unknown, never zero):

- ``declaration_id``: ``ID_DECLARACION`` as written
- ``date``: declaration date (ISO)
- ``holder_type``: ``person``, ``company``, ``trust`` or ``unknown``
- ``interest_type``: BODS interest type code
- ``committee``: bool, true for a technical-committee interest (Comité técnico, which BODS
  calls ``otherInfluenceOrControl``); then ``interest_detail`` is ``"technical committee"``
- ``share``: ``{"min", "max", "exclusive_min", "exclusive_max"}`` percent range, 0–100
- ``direct_or_indirect``: BODS code (``direct``, ``indirect``, ``unknown``)
- ``start``, ``end``: ISO dates of the interest
- ``source``: ``FUENTE`` as written

Quarantine rules: ``missing_required`` (EMPRESA_DECLARANTE, TIPO_TITULAR, TIPO_INTERES;
NOMBRE for a Persona física; RAZON_SOCIAL for a Persona moral or a Fideicomiso),
``bad_value`` (TIPO_TITULAR, TIPO_INTERES, DIRECTO_INDIRECTO, MOTIVO_NO_IDENTIFICADO),
``bad_percentage``, ``bad_date``, ``bad_rfc``, ``bad_curp``, ``bad_country``. Every typed
column is checked whatever the holder type, so a row is rejected for all its problems.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.adapters.tabular import RowContext, read_table
from ingest.records import NormalisedRecord, PartyKind, PartyMention, RecordKind
from registry.codelists import DirectOrIndirect, InterestType, UnspecifiedReason

__all__ = ["COLUMNS", "REQUIRED", "BoDeclarationsAdapter", "parse_row"]

SOURCE = "bo-declarations"

COLUMNS = (
    "ID_DECLARACION",
    "FECHA_DECLARACION",
    "EMPRESA_DECLARANTE",
    "RFC_EMPRESA",
    "TIPO_TITULAR",
    "NOMBRE",
    "PRIMER_APELLIDO",
    "SEGUNDO_APELLIDO",
    "RAZON_SOCIAL",
    "RFC",
    "CURP",
    "NACIONALIDAD",
    "JURISDICCION",
    "FECHA_NACIMIENTO",
    "DOMICILIO",
    "TIPO_INTERES",
    "PORCENTAJE",
    "DIRECTO_INDIRECTO",
    "FECHA_INICIO",
    "FECHA_FIN",
    "MOTIVO_NO_IDENTIFICADO",
    "CLAVE_FIDEICOMISO",
    "FUENTE",
)
REQUIRED = ("EMPRESA_DECLARANTE", "TIPO_TITULAR", "TIPO_INTERES")

HOLDER_TYPES: dict[str, PartyKind] = {
    "Persona física": PartyKind.PERSON,
    "Persona moral": PartyKind.COMPANY,
    "Fideicomiso": PartyKind.TRUST,
    "Desconocido": PartyKind.UNKNOWN,
}

#: Spanish interest → (BODS interest type, technical committee?).
INTERESTS: dict[str, tuple[InterestType, bool]] = {
    "Accionista": (InterestType.SHAREHOLDING, False),
    "Derechos de voto": (InterestType.VOTING_RIGHTS, False),
    "Nombramiento de consejeros": (InterestType.APPOINTMENT_OF_BOARD, False),
    "Control por otros medios": (InterestType.OTHER_INFLUENCE_OR_CONTROL, False),
    "Administrador": (InterestType.SENIOR_MANAGING_OFFICIAL, False),
    "Fideicomitente": (InterestType.SETTLOR, False),
    "Fiduciario": (InterestType.TRUSTEE, False),
    "Fideicomisario": (InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT, False),
    "Comité técnico": (InterestType.OTHER_INFLUENCE_OR_CONTROL, True),
}

DIRECTNESS: dict[str, DirectOrIndirect] = {
    "Directo": DirectOrIndirect.DIRECT,
    "Indirecto": DirectOrIndirect.INDIRECT,
    "Desconocido": DirectOrIndirect.UNKNOWN,
}

REASONS: dict[str, UnspecifiedReason] = {
    "Sin beneficiario controlador": UnspecifiedReason.NO_BENEFICIAL_OWNERS,
    "Se desconoce": UnspecifiedReason.SUBJECT_UNABLE_TO_CONFIRM_OR_IDENTIFY_BENEFICIAL_OWNER,
    "Sin respuesta": UnspecifiedReason.INTERESTED_PARTY_HAS_NOT_PROVIDED_INFORMATION,
    "Exento": UnspecifiedReason.SUBJECT_EXEMPT_FROM_DISCLOSURE,
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


def _holder(ctx: RowContext, kind: PartyKind | None) -> PartyMention | None:
    """The interested party of the row; every identifying column is read (and checked)."""
    rfc = ctx.rfc("RFC")
    curp = ctx.curp("CURP")
    nationality = ctx.country("NACIONALIDAD")
    jurisdiction = ctx.jurisdiction("JURISDICCION")
    birth = ctx.date("FECHA_NACIMIENTO")
    reason = ctx.choice("MOTIVO_NO_IDENTIFICADO", REASONS, required=False)
    # Written as trust-parties and trusts key it, so that the three meet on one trust.
    clave = ctx.text("CLAVE_FIDEICOMISO").replace(" ", "").upper()
    if kind is None:
        return None
    mention: PartyMention | None
    if kind is PartyKind.PERSON:
        mention = ctx.person(
            "owner",
            given_column="NOMBRE",
            paternal_column="PRIMER_APELLIDO",
            maternal_column="SEGUNDO_APELLIDO",
        )
        if mention is None:
            return None
        address, postal = ctx.address("DOMICILIO")
        mention.curp = curp.value if curp else None
        mention.country = nationality
        mention.address = address
        mention.postal_code = postal
        extra = {"birth_date": birth.isoformat() if birth else None}
        extra["domicilio"] = ctx.text("DOMICILIO") or None
        mention.extra.update({k: v for k, v in extra.items() if v})
    elif kind is PartyKind.UNKNOWN:
        return PartyMention(
            field="MOTIVO_NO_IDENTIFICADO",
            role="owner",
            kind=PartyKind.UNKNOWN,
            unspecified_reason=(reason or UnspecifiedReason.UNKNOWN).value,
        )
    else:
        mention = ctx.organisation("RAZON_SOCIAL", "owner", kind=kind, country=jurisdiction)
        if mention is None:
            return None
        if kind is PartyKind.TRUST and clave:
            mention.extra["clave"] = clave
    mention.rfc = rfc.value if rfc else None
    mention.rfc_checksum_ok = rfc.checksum_ok if rfc else None
    return mention


def parse_row(ctx: RowContext) -> NormalisedRecord:
    declaration = ctx.text("ID_DECLARACION")
    declared = ctx.date("FECHA_DECLARACION")
    subject = ctx.organisation("EMPRESA_DECLARANTE", "subject", rfc_column="RFC_EMPRESA")
    kind = ctx.choice("TIPO_TITULAR", HOLDER_TYPES)
    holder = _holder(ctx, kind)
    interest = ctx.choice("TIPO_INTERES", INTERESTS)
    directness = ctx.choice("DIRECTO_INDIRECTO", DIRECTNESS, required=False)
    start = ctx.date("FECHA_INICIO")
    end = ctx.date("FECHA_FIN")
    facts: dict[str, Any] = {
        "declaration_id": declaration or None,
        "date": declared.isoformat() if declared else None,
        "holder_type": kind.value if kind else None,
        "interest_type": interest[0].value if interest else None,
        "committee": interest[1] if interest else None,
        "interest_detail": "technical committee" if interest and interest[1] else None,
        "share": _share(ctx, "PORCENTAJE"),
        "direct_or_indirect": directness.value if directness else None,
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "source": ctx.text("FUENTE") or None,
    }
    return NormalisedRecord(
        source=SOURCE,
        kind=RecordKind.DECLARATION,
        key=declaration or f"row {ctx.row.number}",
        parties=[p for p in (subject, holder) if p is not None],
        facts={k: v for k, v in facts.items() if v is not None},
    )


def _unique_keys(output: AdapterOutput) -> AdapterOutput:
    """Key a row of a declaration id used on several rows as ``ID|row N``."""
    ids = [
        record.key
        for record in output.records
        if record.key is not None and not record.key.startswith("row ")
    ]
    repeated = {key for key, count in Counter(ids).items() if count > 1}
    for record in output.records:
        if record.key in repeated:
            record.key = f"{record.key}|{record.locator}"
            if record.normalised is not None:
                record.normalised["key"] = record.key
                record.canonical = None  # the JSON sent by a worker is out of date
    return output


class BoDeclarationsAdapter:
    """Beneficial ownership declarations, one declared interest per row (our layout)."""

    name = SOURCE
    description = "Beneficial ownership declarations, one interest per row (our CSV layout)"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        return _unique_keys(
            read_table(path, data, expected=COLUMNS, required=REQUIRED, parse_row=parse_row)
        )
