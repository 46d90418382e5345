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


class OwnersAnswer(BaseModel):
    model_config = _OUT

    subject: PartySummary
    as_of: date
    threshold: Threshold
    owners: list[Owner]
    traced: Percent
    unspecified: list[UnspecifiedOwner]
    circular: list[list[str]]
    truncated: bool = False
