"""The registry's model: parties, interests and provenance in the BODS 0.4 vocabulary.

A share is always an interval (``Share``); an unknown owner is a party of kind
``UNSPECIFIED`` with a BODS reason, never a missing value. The same classes travel
through the ledger, both graph stores and the analysis, so that both stores give
identical answers.
"""

from __future__ import annotations

import hashlib
from datetime import date
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from registry.codelists import DirectOrIndirect, InterestType, UnspecifiedReason

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class NodeKind(StrEnum):
    """What a node of the ownership graph is."""

    PERSON = "person"
    COMPANY = "company"
    TRUST = "trust"
    ARRANGEMENT = "arrangement"
    PUBLIC_BODY = "public_body"
    UNSPECIFIED = "unspecified"
    HYDROCARBON_CONTRACT = "hydrocarbon_contract"
    MINING_CONCESSION = "mining_concession"
    PROCUREMENT_CONTRACT = "procurement_contract"
    LISTING = "listing"

    @property
    def is_party(self) -> bool:
        """Parties own and are owned; contracts, concessions and listings are not parties."""
        return self not in _NOT_PARTIES


_NOT_PARTIES: frozenset[str] = frozenset(
    {"hydrocarbon_contract", "mining_concession", "procurement_contract", "listing"}
)


class EdgeRole(StrEnum):
    """How the analysis reads an interest."""

    CAPITAL = "capital"  # shareholding, or an interest whose type is not known
    VOTING = "voting"
    CONTROL = "control"  # board, influence, officer, rights by contract
    TRUST = "trust"  # settlor, trustee, protector, beneficiary, committee
    NOMINEE = "nominee"  # acts for someone else: never a beneficial owner through it
    PARTICIPATION = "participation"  # member of a hydrocarbon contract (or buyer of one)
    HOLDING = "holding"  # holder of a mining concession
    AWARD = "award"  # a procurement contract awarded to a supplier
    POSITION = "position"  # a person's public position at a body
    RELATIVE = "relative"  # family member or close associate of a PEP
    LISTING = "listing"  # a party on a risk list (SAT 69-B, sanctions)
    POSSIBLY_SAME = "possibly_same"  # entity resolution's uncertain band: a human should look

    @property
    def is_interest(self) -> bool:
        """Interests make up the ownership graph; the other roles link to what parties do."""
        return self.value in _INTERESTS


_INTERESTS: frozenset[str] = frozenset({"capital", "voting", "control", "trust", "nominee"})


class Share(BaseModel):
    """A percentage interval ``[min, max]`` within 0–100; exact when min == max."""

    model_config = _FROZEN

    min: float = Field(ge=0, le=100)
    max: float = Field(ge=0, le=100)
    exclusive_min: bool = False
    exclusive_max: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min > self.max:
            raise ValueError(f"share minimum {self.min} is above maximum {self.max}")
        return self

    @classmethod
    def exact(cls, value: float) -> Share:
        return cls(min=value, max=value)

    @classmethod
    def unknown(cls) -> Share:
        return cls(min=0.0, max=100.0)

    @property
    def is_exact(self) -> bool:
        return self.min == self.max


class Identifier(BaseModel):
    """An identifier of a party; ``scheme`` as in BODS (``MX-RFC``, ``MEX-TAXID``, ``GB-COH``)."""

    model_config = _FROZEN

    scheme: str
    id: str

    @property
    def key(self) -> str:
        return f"{self.scheme}:{self.id}"

    @classmethod
    def parse(cls, key: str) -> Identifier:
        scheme, _, value = key.partition(":")
        return cls(scheme=scheme, id=value)


class Node(BaseModel):
    """A party: person, company, trust, arrangement, public body or unspecified owner."""

    model_config = _FROZEN

    id: str
    kind: NodeKind
    name: str = ""
    identifiers: tuple[Identifier, ...] = ()
    record_ids: tuple[str, ...] = ()
    entity_type: str | None = None
    entity_subtype: str | None = None
    person_type: str | None = None
    jurisdiction: str | None = None
    unspecified_reason: UnspecifiedReason | None = None
    description: str | None = None
    politically_exposed: bool = False
    incorporation_date: date | None = None
    address: str | None = None
    postal_code: str | None = None
    phone: str | None = None
    attributes: dict[str, str | int | float | bool] = Field(default_factory=dict)
    sources: tuple[str, ...] = ()

    @property
    def is_natural_person(self) -> bool:
        return self.kind is NodeKind.PERSON


class Edge(BaseModel):
    """One interest of an interested party (``source``) in a subject (``target``)."""

    model_config = _FROZEN

    id: str
    source: str
    target: str
    interest_type: InterestType | None = None
    role: EdgeRole
    share: Share | None = None
    direct_or_indirect: DirectOrIndirect | None = None
    beneficial_ownership_or_control: bool | None = None
    start_date: date | None = None
    end_date: date | None = None
    details: str | None = None
    record_id: str | None = None
    statement_id: str | None = None
    is_component: bool = False
    attributes: dict[str, str | int | float | bool] = Field(default_factory=dict)
    sources: tuple[str, ...] = ()

    @property
    def declared_indirect(self) -> bool:
        """An indirect interest is a summary of a chain, not a hop of it."""
        return self.direct_or_indirect is DirectOrIndirect.INDIRECT

    def active_on(self, day: date) -> bool:
        if self.start_date is not None and self.start_date > day:
            return False
        return not (self.end_date is not None and self.end_date <= day)


class Subgraph(BaseModel):
    """Nodes and the edges among them, as a store hands them to the analysis."""

    model_config = ConfigDict(frozen=True)

    nodes: dict[str, Node]
    edges: tuple[Edge, ...]
    truncated: bool = False


def make_id(prefix: str, *parts: str) -> str:
    """A stable id from a natural key, so re-runs merge onto the same node."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    return f"{prefix}-{digest}"


NODE_ID_PREFIX: dict[NodeKind, str] = {
    NodeKind.PERSON: "pe",
    NodeKind.COMPANY: "co",
    NodeKind.TRUST: "tr",
    NodeKind.ARRANGEMENT: "ar",
    NodeKind.PUBLIC_BODY: "pb",
    NodeKind.UNSPECIFIED: "un",
    NodeKind.HYDROCARBON_CONTRACT: "hc",
    NodeKind.MINING_CONCESSION: "mc",
    NodeKind.PROCUREMENT_CONTRACT: "pc",
    NodeKind.LISTING: "li",
}
