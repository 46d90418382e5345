"""Normalised records of the tabular sources: the shape every adapter but ``bods`` emits.

One source row becomes one ``NormalisedRecord``: what the row is (``kind``), the parties it
mentions (``parties``: one ``PartyMention`` per column that names a party, so that the
resolver can cluster mentions and trace each back to ``<source>:<file>:<row>:<field>``),
and the facts it states (``facts``: shares, dates, amounts, ids, statuses), JSON-ready.

The ledger stores ``model_dump(mode="json")`` of it; the graph builder reads it back.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class PartyKind(StrEnum):
    PERSON = "person"
    COMPANY = "company"
    TRUST = "trust"
    PUBLIC_BODY = "public_body"
    UNKNOWN = "unknown"  # a declared-unknown owner (BODS unspecified)


class RecordKind(StrEnum):
    LISTING_69B = "listing_69b"  # sat-69b
    SANCTION = "sanction"  # sfp-sanctions
    TRUST = "trust"  # trusts (SHCP)
    PROCUREMENT_CONTRACT = "procurement_contract"  # compranet, ocds
    HYDROCARBON_CONTRACT = "hydrocarbon_contract"  # cnh-contracts
    PARTICIPATION = "participation"  # cnh-participations
    DECLARATION = "declaration"  # bo-declarations
    CONCESSION = "concession"  # mining-concessions
    MINING_ACT = "mining_act"  # mining-acts
    TRUST_PARTY = "trust_party"  # trust-parties
    PEP = "pep"  # pep
    COMPANY = "company"  # companies register extract


class PartyMention(BaseModel):
    """A party as one column of one row names it, normalised for matching."""

    model_config = ConfigDict(extra="forbid")

    field: str = Field(description="Column (or JSON key) that names the party")
    role: str = Field(description="What the party is in this row: holder, owner, supplier, …")
    kind: PartyKind
    name: str = Field(default="", description="As written, whitespace cleaned")
    name_key: str = Field(default="", description="Normalised for matching")
    legal_form: str | None = None
    given_names: str | None = None
    paternal_surname: str | None = None
    maternal_surname: str | None = None
    rfc: str | None = None
    rfc_checksum_ok: bool | None = None
    curp: str | None = None
    country: str | None = None
    address: str | None = None
    postal_code: str | None = None
    phone: str | None = None
    unspecified_reason: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict)


class NormalisedRecord(BaseModel):
    """One source row, normalised."""

    model_config = ConfigDict(extra="forbid")

    source: str
    kind: RecordKind
    key: str | None = Field(default=None, description="Natural key of the row, if it has one")
    parties: list[PartyMention] = Field(default_factory=list)
    facts: dict[str, Any] = Field(default_factory=dict)
    extra: dict[str, str] = Field(
        default_factory=dict, description="Columns the layout does not know, kept as read"
    )
