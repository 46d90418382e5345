"""Pairwise precision and recall against the generator's ground truth at scale 10.

The generator writes the true entity of every party cell (``truth/mentions.csv``); the
resolver must reach precision ≥ 0.99 and recall ≥ 0.97 for organisations and for persons,
counted over every pair of mentions of the truth that the adapters turn into mentions.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.demo import GENERATED_SOURCES
from ingest.ledger import Ledger
from ingest.resolve import ResolveReport, entity_map, resolve
from tests.support.sector import Sector

SCALE = 10
KINDS = {"organisation": ("company", "public_body"), "person": ("person",)}


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(truth: dict[str, str], found: dict[str, str]) -> tuple[float, float, int]:
    """(precision, recall, mentions) over the mentions both sides know."""
    both = [m for m in truth if m in found]
    cells = Counter((truth[m], found[m]) for m in both)
    true_clusters = Counter(truth[m] for m in both)
    found_clusters = Counter(found[m] for m in both)
    hits = sum(_pairs(v) for v in cells.values())
    predicted = sum(_pairs(v) for v in found_clusters.values())
    expected = sum(_pairs(v) for v in true_clusters.values())
    precision = hits / predicted if predicted else 1.0
    recall = hits / expected if expected else 1.0
    return precision, recall, len(both)


@pytest.fixture(scope="module")
def resolved(sector10: Sector) -> Iterator[tuple[Path, Ledger, ResolveReport]]:
    with Ledger(sector10.settings.ledger_path) as ledger:
        yield sector10.data, ledger, resolve(ledger)  # resolved by the load: nothing new


@pytest.mark.parametrize("group", sorted(KINDS))
def test_precision_and_recall_on_the_generated_sector(
    resolved: tuple[Path, Ledger, ResolveReport], group: str
) -> None:
    data, ledger, report = resolved
    kinds = {
        row["entity_id"]: row["kind"]
        for row in csv.DictReader((data / "truth" / "entities.csv").open(encoding="utf-8"))
    }
    truth: dict[str, str] = {}
    for row in csv.DictReader((data / "truth" / "mentions.csv").open(encoding="utf-8")):
        if kinds[row["entity_id"]] in KINDS[group]:
            source = GENERATED_SOURCES[row["file"]]
            truth[f"{source}:{row['file']}:{row['row']}:{row['field']}"] = row["entity_id"]
    precision, recall, mentions = pairwise(truth, entity_map(ledger))
    print(f"{group}: {mentions} mentions, precision {precision:.4f}, recall {recall:.4f}")
    assert mentions > 0.8 * sum(1 for m in truth if not m.startswith(("compranet", "pep", "sfp")))
    assert precision >= 0.99
    assert recall >= 0.97
    assert report.entities > 0
