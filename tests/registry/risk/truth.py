"""Compare the risk engine's hits on a generated sector with its ground truth
(``truth/flags.csv``): graph nodes are mapped to true entities through their ``sources``
(mention ids ``source:file:row:field``) and ``truth/mentions.csv``; contracts by CNH id
or ``TITULO:<number>``."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from registry.model import Node, NodeKind
from registry.risk.models import RiskResult
from tests.support.sector import majority_entity, read_mentions

Pair = tuple[str, str]


def true_id(node: Node, mentions: Mapping[str, str]) -> str | None:
    """The true entity (or contract) a node stands for: the majority of its mentions."""
    if node.kind is NodeKind.HYDROCARBON_CONTRACT:
        return node.name
    if node.kind is NodeKind.MINING_CONCESSION:
        return f"TITULO:{node.name}"
    return majority_entity(node.sources, mentions)


def truth_flags(truth: Path) -> tuple[set[Pair], set[Pair]]:
    """(every flag, the planted ones) as (entity or contract id, code)."""
    every: set[Pair] = set()
    planted: set[Pair] = set()
    with (truth / "flags.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            pair = (row["entity_or_contract_id"], row["code"])
            every.add(pair)
            if row["planted"] == "yes":
                planted.add(pair)
    return every, planted


@dataclass(frozen=True)
class Score:
    found: int
    true_positives: int
    precision: float
    planted: int
    planted_found: int


def compare(
    results: list[RiskResult], nodes: dict[str, Node], truth: Path
) -> tuple[dict[str, Score], dict[str, set[Pair]]]:
    """Precision per code against all true flags, and recall of the planted ones; also the
    planted pairs missed, per code."""
    mentions = read_mentions(truth)
    every, planted = truth_flags(truth)
    ours: set[Pair] = set()
    for result in results:
        entity = true_id(nodes[result.id], mentions)
        if entity is None:
            entity = f"?{result.id}"
        for hit in result.flags:
            if hit.scored:
                ours.add((entity, hit.code))
    codes = sorted({c for _, c in every} | {c for _, c in ours})
    scores: dict[str, Score] = {}
    missed: dict[str, set[Pair]] = {}
    for code in codes:
        mine = {p for p in ours if p[1] == code}
        true = {p for p in every if p[1] == code}
        plant = {p for p in planted if p[1] == code}
        tp = len(mine & true)
        scores[code] = Score(
            found=len(mine),
            true_positives=tp,
            precision=tp / len(mine) if mine else 1.0,
            planted=len(plant),
            planted_found=len(plant & mine),
        )
        missed[code] = plant - mine
    return scores, missed
