"""The ``trust-parties`` adapter: the parties of public and private trusts and mandates.

One row is one party of one trust and becomes a ``TRUST_PARTY`` record keyed
``CLAVE_REGISTRO|PARTE|NOMBRE`` (the clave upper case without spaces, the canonical
Spanish party label and the name as cleaned). Parties:

- the trust itself: a ``trust`` named by its clave (field ``CLAVE_REGISTRO``, role
  ``trust``, ``extra`` ``{"clave"}``), the same clave SHCP's ``trusts`` source and
  ``bo-declarations``' ``CLAVE_FIDEICOMISO`` use (for a private trust, the bank's trust
  contract number);
- the party (field ``NOMBRE``), its role from ``PARTE``: ``settlor`` (Fideicomitente),
  ``trustee`` (Fiduciario), ``beneficiary`` (Fideicomisario), ``committee`` (Comité
  técnico), ``principal`` (Mandante), ``agent`` (Mandatario). ``TIPO_PERSONA`` Física → a
  person parsed from ``NOMBRE`` (a full name, given names first); Moral → an
  organisation; blank → a person when the row has a CURP or a person's RFC, else an
  organisation. ``RFC`` and ``CURP`` go on the party.

Facts (a key is absent when its cell is blank):

- ``clave``: the trust key; ``role``: the role code above; ``parte``: the Spanish label
- ``cargo``: ``CARGO`` as written (presidente, vocal, secretario, …)
- ``start``, ``end``: ISO dates

Quarantine rules: ``missing_required`` (CLAVE_REGISTRO, PARTE, NOMBRE), ``bad_value``
(PARTE, TIPO_PERSONA), ``bad_date``, ``bad_rfc``, ``bad_curp``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.adapters.tabular import RowContext, read_table
from ingest.records import NormalisedRecord, PartyKind, PartyMention, RecordKind

__all__ = ["COLUMNS", "REQUIRED", "TrustPartiesAdapter", "parse_row"]

SOURCE = "trust-parties"

COLUMNS = (
    "CLAVE_REGISTRO",
    "PARTE",
    "TIPO_PERSONA",
    "NOMBRE",
    "RFC",
    "CURP",
    "CARGO",
    "FECHA_INICIO",
    "FECHA_FIN",
)
REQUIRED = ("CLAVE_REGISTRO", "PARTE", "NOMBRE")

#: Spanish party label → (role code, canonical label).
ROLES: dict[str, tuple[str, str]] = {
    "Fideicomitente": ("settlor", "Fideicomitente"),
    "Fiduciario": ("trustee", "Fiduciario"),
    "Fideicomisario": ("beneficiary", "Fideicomisario"),
    "Comité técnico": ("committee", "Comité técnico"),
    "Mandante": ("principal", "Mandante"),
    "Mandatario": ("agent", "Mandatario"),
}

PERSON_TYPES: dict[str, PartyKind] = {"Física": PartyKind.PERSON, "Moral": PartyKind.COMPANY}


def _party(ctx: RowContext, kind: PartyKind | None, role: str) -> PartyMention | None:
    rfc = ctx.rfc("RFC")
    curp = ctx.curp("CURP")
    if kind is None:
        is_person = curp is not None or (rfc is not None and rfc.kind == "person")
        kind = PartyKind.PERSON if is_person else PartyKind.COMPANY
    mention: PartyMention | None
    if kind is PartyKind.PERSON:
        mention = ctx.person(role, full_column="NOMBRE", surname_first=False)
        if mention is not None:
            mention.curp = curp.value if curp else None
    else:
        mention = ctx.organisation("NOMBRE", role)
    if mention is not None and rfc is not None:
        mention.rfc = rfc.value
        mention.rfc_checksum_ok = rfc.checksum_ok
    return mention


def parse_row(ctx: RowContext) -> NormalisedRecord:
    clave = ctx.required("CLAVE_REGISTRO").replace(" ", "").upper()
    parte = ctx.choice("PARTE", ROLES)
    role = parte[0] if parte else ""
    if ctx.text("TIPO_PERSONA"):
        kind = ctx.choice("TIPO_PERSONA", PERSON_TYPES)
        party = _party(ctx, kind, role) if kind else None
        if kind is None:  # a bad TIPO_PERSONA: still report every other problem
            ctx.required("NOMBRE")
            ctx.rfc("RFC")
            ctx.curp("CURP")
    else:
        party = _party(ctx, None, role)
    parties: list[PartyMention] = []
    if clave:
        parties.append(
            PartyMention(
                field="CLAVE_REGISTRO",
                role="trust",
                kind=PartyKind.TRUST,
                name=clave,
                name_key=clave,
                extra={"clave": clave},
            )
        )
    if party is not None:
        parties.append(party)
    start = ctx.date("FECHA_INICIO")
    end = ctx.date("FECHA_FIN")
    facts: dict[str, Any] = {
        "clave": clave,
        "role": role,
        "parte": parte[1] if parte else "",
        "cargo": ctx.text("CARGO"),
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
    }
    return NormalisedRecord(
        source=SOURCE,
        kind=RecordKind.TRUST_PARTY,
        key=f"{clave}|{parte[1] if parte else ctx.text('PARTE')}|{ctx.text('NOMBRE')}",
        parties=parties,
        facts={k: v for k, v in facts.items() if v not in (None, "")},
    )


class TrustPartiesAdapter:
    """Parties of trusts, one per row (our layout; see SOURCES.md)."""

    name = SOURCE
    description = "Parties of public and private trusts and mandates (our CSV layout)"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        return read_table(path, data, expected=COLUMNS, required=REQUIRED, parse_row=parse_row)
