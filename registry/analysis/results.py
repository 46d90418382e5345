"""Answer models of the analysis: what the CLI prints with ``--json`` and the API returns."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

_OUT = ConfigDict(frozen=True)


class Basis(StrEnum):
    """Legal basis that sets the beneficial-ownership threshold."""

    CFF = "cff"  # Código Fiscal de la Federación, art. 32-B Quáter: more than 15 %
    LFPIORPI = "lfpiorpi"  # anti-money-laundering law, art. 3 fr. III: 25 % or more


class Percent(BaseModel):
    """An interval of percentages, 0–100."""

    model_config = _OUT

    min: float = Field(ge=0, le=100)
    max: float = Field(ge=0, le=100)


class OwnershipPath(BaseModel):
    """One chain from an owner down to the subject."""

    model_config = _OUT

    ids: list[str]
    interests: list[str]
    share: Percent | None = Field(
        default=None, description="Product of the shares along the path; null for control."
    )


class PartySummary(BaseModel):
    model_config = _OUT

    id: str
    name: str
    kind: str
    identifiers: list[str] = []
    record_ids: list[str] = []


class Owner(BaseModel):
    model_config = _OUT

    id: str
    name: str
    kind: str
    effective: Percent
    voting: Percent | None = None
    beneficial_owner: bool
    reasons: list[str]
    paths: list[OwnershipPath]


class UnspecifiedOwner(BaseModel):
    model_config = _OUT

    id: str
    reason: str
    description: str | None = None
    share: Percent
    paths: list[OwnershipPath]


class Threshold(BaseModel):
    model_config = _OUT

    basis: str
    percent: float
    strict: bool = Field(description="True: more than; False: this much or more.")


class UntracedPart(BaseModel):
    """A part of the subject's ownership that does not end at a natural person, and why."""

    model_config = _OUT

    id: str
    name: str
    kind: str
    share: Percent = Field(description="Part of the subject whose ownership ends here.")
    reason: str


class OwnersAnswer(BaseModel):
    model_config = _OUT

    subject: PartySummary
    as_of: date
    threshold: Threshold
    owners: list[Owner]
    traced: Percent = Field(description="Part of the subject owned by natural persons.")
    unspecified: list[UnspecifiedOwner]
    untraced: list[UntracedPart] = Field(
        default=[],
        description="Where the rest ends: unknown owners, undeclared owners, the state.",
    )
    circular: list[list[str]]
    notes: list[str] = []
    truncated: bool = False


class Holding(BaseModel):
    """A party that the owner holds, directly or through others."""

    model_config = _OUT

    id: str
    name: str
    kind: str
    effective: Percent
    voting: Percent | None = None
    controls: bool = Field(description="Controls it through a chain of controlling links.")
    reasons: list[str] = []
    paths: list[OwnershipPath]


class HeldContract(BaseModel):
    """A hydrocarbon contract or mining title held through a holder the owner holds."""

    model_config = _OUT

    id: str
    name: str
    kind: str
    holder_id: str
    holder_name: str
    participation: Percent = Field(description="The holder's participation in the contract.")
    operator: bool = False
    holder_share: Percent = Field(description="The owner's effective share of the holder.")
    effective: Percent = Field(description="holder_share × participation.")


class HoldingsAnswer(BaseModel):
    model_config = _OUT

    owner: PartySummary
    as_of: date
    holdings: list[Holding]
    contracts: list[HeldContract]
    circular: list[list[str]]
    notes: list[str] = []
    truncated: bool = False


class CommonParty(BaseModel):
    """A party that links the two: an owner of both, or a company both hold."""

    model_config = _OUT

    id: str
    name: str
    kind: str
    to_source: OwnershipPath
    to_target: OwnershipPath


class PathAnswer(BaseModel):
    """How ``source`` and ``target`` are linked through interests."""

    model_config = _OUT

    source: PartySummary
    target: PartySummary
    as_of: date
    direction: str = Field(
        description="source_holds_target, target_holds_source, common_owner, "
        "common_holding or none."
    )
    effective: Percent | None = Field(
        default=None, description="Effective share of the holder in the held party."
    )
    shortest: OwnershipPath | None = None
    strongest: OwnershipPath | None = None
    common_owners: list[CommonParty] = []
    common_holdings: list[CommonParty] = []
    truncated: bool = False


class CycleEdge(BaseModel):
    model_config = _OUT

    id: str
    source: str
    target: str
    share: Percent | None = None


class CycleGroup(BaseModel):
    """Parties that own each other in a circle (a strongly connected component)."""

    model_config = _OUT

    id: str
    members: list[str]
    edges: list[CycleEdge]
    example: list[str] = Field(description="One cycle through the group, first id repeated.")


class CyclesAnswer(BaseModel):
    model_config = _OUT

    as_of: date
    cycles: list[CycleGroup]


class ContractOwner(BaseModel):
    """An owner of a holder, with its effective share of the contract through the holder."""

    model_config = _OUT

    id: str
    name: str
    kind: str
    beneficial_owner: bool
    holder_share: Percent = Field(description="Effective share of the holder.")
    effective: Percent = Field(description="holder_share × the holder's participation.")
    reasons: list[str] = []
    paths: list[OwnershipPath] = []


class ContractHolder(BaseModel):
    model_config = _OUT

    id: str
    name: str
    kind: str
    participation: Percent
    operator: bool = False
    since: date | None = None
    until: date | None = None
    owners: list[ContractOwner]
    traced: Percent = Field(description="Part of the holder traced to natural persons.")
    untraced: list[UntracedPart] = []
    circular: list[list[str]] = []
    truncated: bool = False


class ContractBeneficialOwner(BaseModel):
    """A natural person (or unknown owner) and everything they hold of the contract."""

    model_config = _OUT

    id: str
    name: str
    kind: str
    effective: Percent = Field(description="Sum over the holders of the effective shares.")
    beneficial_owner_of: list[str] = Field(description="Holders of which it is a beneficial owner.")
    via: list[str] = Field(description="Holders through which it holds a part.")


class ContractAnswer(BaseModel):
    model_config = _OUT

    contract: PartySummary
    attributes: dict[str, str | int | float | bool] = {}
    as_of: date
    threshold: Threshold
    holders: list[ContractHolder]
    participation_total: Percent
    beneficial_owners: list[ContractBeneficialOwner]
    notes: list[str] = []


class AnalyzeReport(BaseModel):
    """What ``registry analyze`` wrote into the store."""

    model_config = _OUT

    store: str
    as_of: date
    basis: str
    subjects: int
    ultimate_owner_edges: int
    cycles: int
    cycle_members: int
    seconds: float
