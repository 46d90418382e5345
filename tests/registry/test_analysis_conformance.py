"""Every analysis question, asked of both stores: identical answers, equal to the hand values
of ``sample_register``."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from registry.errors import InvalidInputError, NotFoundError
from registry.queries import (
    analyze_register,
    contract_of,
    cycles_in,
    holdings_of,
    owners_of,
    path_between,
)
from registry.store import EmbeddedStore, GraphStore
from tests.registry.sample_register import DAY, TRANSFER, edges, nodes


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    store.ensure_schema()
    store.write(nodes(), edges())
    return store


@pytest.fixture
def reference() -> EmbeddedStore:
    ref = EmbeddedStore()
    ref.write(nodes(), edges())
    return ref


def test_owners_are_the_same_on_both_stores(loaded: GraphStore, reference: EmbeddedStore) -> None:
    answer = owners_of(loaded, "MX-RFC:PGO150101AB1", as_of=DAY)
    assert answer == owners_of(reference, "pg", as_of=DAY)
    got = {o.id: (o.effective.min, o.effective.max, o.beneficial_owner) for o in answer.owners}
    assert got["ana"] == (30.0, 30.0, True)
    assert got["beto"] == (20.0, 20.0, True)
    assert got["carla"] == (0.0, 0.0, True)
    assert got["dario"] == (0.0, 30.0, True)
    assert got["co"][0] == pytest.approx(14.0)
    assert got["se"][0] == pytest.approx(100 * 0.2 * 0.7 * 0.2 / 0.44, abs=1e-5)
    (unknown,) = answer.unspecified
    assert unknown.share.min == pytest.approx(100 * 0.3 * 0.2 / 0.44, abs=1e-5)
    assert answer.circular == [["co", "si"]]


def test_holdings_are_the_same_on_both_stores(loaded: GraphStore, reference: EmbeddedStore) -> None:
    answer = holdings_of(loaded, "ana", as_of=DAY)
    assert answer == holdings_of(reference, "ana", as_of=DAY)
    got = {h.id: (h.effective.min, h.controls) for h in answer.holdings}
    assert got == {"hn": (60.0, True), "pg": (30.0, False), "mp": (60.0, True)}
    contracts = {(c.name, c.holder_id): c.effective.min for c in answer.contracts}
    assert contracts == {("CNH-R01-L01-A7/2015", "pg"): 18.0}  # the title left mp in 2022
    before = holdings_of(loaded, "ana", as_of=date(2021, 1, 1))
    assert {(c.name, c.effective.min) for c in before.contracts} == {
        ("CNH-R01-L01-A7/2015", 18.0),
        ("227855", 60.0),  # sole holder of the title: all of it
    }


def test_paths_are_the_same_on_both_stores(loaded: GraphStore, reference: EmbeddedStore) -> None:
    answer = path_between(loaded, "ana", "pg", as_of=DAY)
    assert answer == path_between(reference, "ana", "pg", as_of=DAY)
    assert answer.direction == "source_holds_target"
    assert answer.effective is not None
    assert answer.effective.min == 30.0
    assert answer.shortest is not None
    assert answer.shortest.ids == ["ana", "hn", "pg"]
    reverse = path_between(loaded, "pg", "ana", as_of=DAY)
    assert reverse.direction == "target_holds_source"
    common = path_between(loaded, "mp", "pg", as_of=DAY)
    assert common == path_between(reference, "mp", "pg", as_of=DAY)
    assert common.direction == "common_owner"
    assert common.common_owners[0].id == "hn"
    assert common.common_owners[0].to_source.ids == ["hn", "mp"]
    assert common.common_owners[0].to_target.ids == ["hn", "pg"]


@pytest.mark.parametrize("ref", ["CNH-R01-L01-A7/2015", "cnh-r01-l01-a7/2015", "hc-1"])
def test_hydrocarbon_contract_view_on_both_stores(
    loaded: GraphStore, reference: EmbeddedStore, ref: str
) -> None:
    answer = contract_of(loaded, ref, as_of=DAY)
    assert answer == contract_of(reference, "hc-1", as_of=DAY)
    holders = {h.id: (h.participation.min, h.operator) for h in answer.holders}
    assert holders == {"pg": (60.0, True), "se": (40.0, False)}
    owners = {b.id: b.effective.min for b in answer.beneficial_owners}
    assert owners["ana"] == 18.0
    assert owners["beto"] == 12.0
    assert owners["dario"] == 0.0
    assert {b.id for b in answer.beneficial_owners if b.beneficial_owner_of} >= {
        "ana",
        "beto",
        "carla",
        "dario",
    }
    assert answer.participation_total.min == 100.0


@pytest.mark.parametrize("ref", ["T-227855", "227855", "t 227855"])
def test_mining_title_transfer_before_and_after(
    loaded: GraphStore, reference: EmbeddedStore, ref: str
) -> None:
    before = contract_of(loaded, ref, as_of=TRANSFER - timedelta(days=1))
    after = contract_of(loaded, ref, as_of=TRANSFER)
    assert before == contract_of(reference, "mc-1", as_of=TRANSFER - timedelta(days=1))
    assert after == contract_of(reference, "mc-1", as_of=TRANSFER)
    assert [(h.id, h.participation.min) for h in before.holders] == [("mp", 100.0)]
    assert {b.id: b.effective.min for b in before.beneficial_owners} == {
        "ana": 60.0,
        "beto": 40.0,
    }
    assert [h.id for h in after.holders] == ["beto"]
    assert [(b.id, b.effective.min) for b in after.beneficial_owners] == [("beto", 100.0)]


def test_contract_errors(loaded: GraphStore) -> None:
    with pytest.raises(NotFoundError, match="T-227855"):
        contract_of(loaded, "CNH-NOPE")
    with pytest.raises(InvalidInputError, match="registry contract"):
        owners_of(loaded, "hc-1")


def test_cycles_are_the_same_on_both_stores(loaded: GraphStore, reference: EmbeddedStore) -> None:
    answer = cycles_in(loaded, as_of=DAY)
    assert answer == cycles_in(reference, as_of=DAY)
    (group,) = answer.cycles
    assert group.members == ["co", "si"]
    assert {e.id for e in group.edges} == {"e-si-co", "e-co-si"}
    assert group.example == ["co", "si", "co"]


def test_analyze_writes_derived_facts_idempotently(
    loaded: GraphStore, reference: EmbeddedStore
) -> None:
    first = analyze_register(loaded, as_of=DAY)
    facts = loaded.derived_owners()
    marks = loaded.cycle_marks()
    second = analyze_register(loaded, as_of=DAY)
    assert (first.ultimate_owner_edges, first.cycles) == (second.ultimate_owner_edges, 1)
    assert loaded.derived_owners() == facts
    assert loaded.cycle_marks() == marks
    analyze_register(reference, as_of=DAY)
    assert facts == reference.derived_owners()
    assert marks == reference.cycle_marks()
    into_pg = {(f.owner, f.effective_min, f.basis) for f in loaded.derived_owners("pg")}
    assert into_pg == {
        ("ana", 30.0, "cff"),
        ("beto", 20.0, "cff"),
        ("carla", 0.0, "cff"),
        ("dario", 0.0, "cff"),
    }
    # Holders on the day: Petrolera and Socio (the contract), beto holds the title himself.
    assert {f.subject for f in facts} == {"pg"}
    assert {m.node for m in marks} == {"co", "si"}
    # Another basis adds its own edges and leaves the first.
    analyze_register(loaded, basis="lfpiorpi", as_of=DAY)
    bases = {f.basis for f in loaded.derived_owners()}
    assert bases == {"cff", "lfpiorpi"}
    lfpiorpi = {f.owner for f in loaded.derived_owners("pg") if f.basis == "lfpiorpi"}
    assert lfpiorpi == {"ana", "carla", "dario"}  # beto's 20 % is under 25 %
