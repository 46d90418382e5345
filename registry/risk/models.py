"""Answer models of the risk engine: hits with evidence, scores with reasons, the status of
every flag (evaluated or not, and why)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Evidence",
    "FlagHit",
    "FlagStatus",
    "RiskAnswer",
    "RiskResult",
    "Severity",
]

_OUT = ConfigDict(frozen=True)

Scalar = str | int | float | bool | None


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    #: A listing that was cleared (69-B Desvirtuado, Sentencia Favorable; an acquittal):
    #: shown, never scored.
    INFO = "info"


class Evidence(BaseModel):
    """What made a flag fire: the nodes, edges and paths of the graph and the source
    records (``source:file:row``) behind them."""

    model_config = _OUT

    summary: str
    nodes: list[str] = []
    edges: list[str] = []
    paths: list[list[str]] = []
    sources: list[str] = []
    values: dict[str, Scalar] = {}


class FlagHit(BaseModel):
    model_config = _OUT

    code: str
    severity: Severity
    scored: bool = True
    evidence: Evidence


class RiskResult(BaseModel):
    """One party or contract: its score, the reasons that make it up, and its hits."""

    model_config = _OUT

    id: str
    name: str
    kind: str
    score: float
    reasons: list[str]
    flags: list[FlagHit]


class FlagStatus(BaseModel):
    """A flag of RISK.md: evaluated on this register or not (and why), with its hits."""

    model_config = _OUT

    code: str
    title: str
    severity: Severity
    weight: float
    evaluated: bool
    reason: str | None = Field(default=None, description="Why it was not evaluated.")
    subjects: int = Field(default=0, description="Parties and contracts it fires on.")


class RiskAnswer(BaseModel):
    model_config = _OUT

    as_of: date
    store: str
    results: list[RiskResult]
    flags: list[FlagStatus]
    parameters: dict[str, object]
    seconds: float = 0.0
