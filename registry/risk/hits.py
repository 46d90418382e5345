"""Collecting hits: a flag adds one hit per subject and reason, with its evidence."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from registry.model import Edge
from registry.risk.context import RiskContext
from registry.risk.models import Evidence, FlagHit, Scalar, Severity

__all__ = ["Emit", "Hits", "evidence"]

_MAX_SOURCES = 20


def evidence(
    ctx: RiskContext,
    summary: str,
    *,
    nodes: Iterable[str] = (),
    edges: Iterable[Edge] = (),
    paths: Sequence[Sequence[str]] = (),
    values: dict[str, Scalar] | None = None,
) -> Evidence:
    """Evidence with the source records of its edges (and, failing those, of its nodes)."""
    edge_list = list({e.id: e for e in edges}.values())
    node_ids = list(dict.fromkeys([*nodes, *(n for p in paths for n in p)]))
    sources: list[str] = []
    for edge in edge_list:
        sources.extend(edge.sources)
    if not sources:
        for node_id in node_ids:
            node = ctx.nodes.get(node_id)
            if node is not None:
                sources.extend(node.sources[:3])
    return Evidence(
        summary=summary,
        nodes=node_ids,
        edges=[e.id for e in edge_list],
        paths=[list(p) for p in paths],
        sources=list(dict.fromkeys(sources))[:_MAX_SOURCES],
        values=dict(values or {}),
    )


class Emit(Protocol):
    """Adds a hit of the flag being evaluated."""

    def __call__(self, subject: str, found: Evidence, *, scored: bool = True) -> None: ...


class Hits:
    """Hits by subject (a party or a contract id), in the order they were found."""

    def __init__(self) -> None:
        self.by_subject: dict[str, list[FlagHit]] = {}

    def add(
        self,
        subject: str,
        code: str,
        severity: Severity,
        found: Evidence,
        *,
        scored: bool = True,
    ) -> None:
        hit = FlagHit(
            code=code,
            severity=severity if scored else Severity.INFO,
            scored=scored,
            evidence=found,
        )
        self.by_subject.setdefault(subject, []).append(hit)

    def fired(self, subject: str, code: str, *, scored_only: bool = True) -> bool:
        return any(
            h.code == code and (h.scored or not scored_only)
            for h in self.by_subject.get(subject, ())
        )

    def codes(self, subject: str) -> set[str]:
        return {h.code for h in self.by_subject.get(subject, ()) if h.scored}

    def subjects(self, code: str) -> list[str]:
        return [s for s, hits in self.by_subject.items() if any(h.code == code for h in hits)]
