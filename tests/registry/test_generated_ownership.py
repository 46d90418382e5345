"""Effective ownership and cycles on the generated sector (scale 10) against its truth.

The generator writes, for every holder of a contract or title, the effective ownership of
every party upstream of it through shareholdings on its reference day (truth/ownership.csv)
and the circular-ownership groups (truth/cycles.json). Two graphs are checked:

* built with the true entities (each mention placed in the entity the generator meant):
  the arithmetic alone — every holder's answer must equal the truth;
* built by the pipeline (our resolver): what a user gets; resolution errors break a few
  chains, so the share of holders answered exactly is measured and bounded.

Where the truth is a range our interval may only be narrower: the shares one company
declares add up to at most 100 %, which bounds a range by its siblings (">25 %" beside an
exact 68 % is 25–32 %). Owners the truth does not list are allowed only at a minimum of
0 (trust parties looked through, which the truth file leaves out).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from ingest.generate.world import REF_DATE
from ingest.ledger import Ledger
from ingest.record_graph import build_from_records
from registry.analysis.ownership import capital_solution, upstream_of
from registry.model import NodeKind
from registry.queries import cycles_in
from registry.store import EmbeddedStore
from tests.support.sector import Sector, Truth

Expected = dict[str, dict[str, tuple[float, float]]]
TOL = 1e-6


@pytest.fixture(scope="module")
def sector(sector10: Sector) -> Sector:
    return sector10


@pytest.fixture(scope="module")
def expected(sector: Sector) -> Expected:
    out: Expected = defaultdict(dict)
    for row in sector.truth_rows("ownership.csv"):
        if not row["owner_entity_id"].startswith("U"):  # unknown owners: no mention to map
            out[row["holder_entity_id"]][row["owner_entity_id"]] = (
                float(row["effective_min"]),
                float(row["effective_max"]),
            )
    return out


def _wrong(
    store: EmbeddedStore, truth: Truth, holder: str, owners: dict[str, tuple[float, float]]
) -> list[str]:
    node = truth.node(holder)
    if node is None:
        return [f"{holder}: no node"]
    up = upstream_of(store.upstream(node, 1_000_000), node, REF_DATE)
    got: dict[str, tuple[float, float]] = {}
    for party, value in capital_solution(up).effective.items():
        found = store.node(party)
        entity = truth.entity(party)
        if found is None or found.kind is NodeKind.UNSPECIFIED or entity is None:
            continue
        got[entity] = (min(value.lo * 100, 100.0), min(value.hi * 100, 100.0))
    problems: list[str] = []
    for owner, (lo, hi) in owners.items():
        mine = got.get(owner)
        if mine is None:
            problems.append(f"{holder}: {owner} missing (truth {lo}–{hi})")
        elif lo == hi and (abs(mine[0] - lo) > TOL or abs(mine[1] - hi) > TOL):
            problems.append(f"{holder}: {owner} {mine} ≠ {lo}")
        elif not (lo - TOL <= mine[0] <= mine[1] <= hi + TOL):
            problems.append(f"{holder}: {owner} {mine} outside {lo}–{hi}")
    for owner, (lo, _hi) in got.items():
        if owner not in owners and lo > TOL:
            problems.append(f"{holder}: {owner} at {lo} % is not an owner in the truth")
    return problems


def test_with_the_true_entities_every_holder_is_answered_exactly(
    sector: Sector, expected: Expected, tmp_path: Path
) -> None:
    mentions = sector.mention_entities()
    with Ledger(sector.settings.ledger_path) as ledger:
        built = build_from_records(ledger.records(), mentions.get)
    store = EmbeddedStore()
    store.write(built.nodes, built.edges)
    truth = Truth.read(store, mentions)
    problems = [p for h, owners in expected.items() for p in _wrong(store, truth, h, owners)]
    assert len(expected) > 3000
    assert problems == []


def test_after_our_resolution_almost_every_holder_is_answered_exactly(
    sector: Sector, expected: Expected
) -> None:
    store = sector.store()
    truth = Truth.read(store, sector.mention_entities())
    wrong = {h for h, owners in expected.items() if _wrong(store, truth, h, owners)}
    exact = 1 - len(wrong) / len(expected)
    print(
        f"holders answered exactly after resolution: {exact:.4f} "
        f"({len(wrong)} of {len(expected)} not)"
    )
    assert exact >= 0.95


def test_every_planted_cycle_is_found_and_nothing_else(sector: Sector) -> None:
    store = sector.store()
    truth = Truth.read(store, sector.mention_entities())
    planted = {tuple(sorted(group)) for group in sector.truth_json("cycles.json")}
    found = {
        tuple(sorted(e for m in group.members if (e := truth.entity(m)) is not None))
        for group in cycles_in(store, as_of=REF_DATE).cycles
    }
    assert len(planted) >= 10
    assert found == planted
