"""Each flag of RISK.md fires where it should and not where it must not, on both stores."""

from __future__ import annotations

from datetime import date
from typing import Any

from registry.codelists import InterestType
from registry.store.protocol import GraphStore
from tests.registry.risk.builders import (
    DAY,
    award,
    body,
    buyer,
    codes,
    firm,
    hydrocarbon,
    listed,
    member,
    officer,
    position,
    procurement,
    relative,
    run,
)
from tests.support.factories import controls, owns, person, trust, unknown

SAT, SFP = "SAT 69-B", "SFP sanctioned suppliers"


def _holder(node_id: str = "h", **values: Any) -> list:  # type: ignore[type-arg]
    """A company holding a hydrocarbon contract awarded on 2020-01-10."""
    return [
        firm(node_id, **values),
        hydrocarbon(f"k{node_id}", "2020-01-10"),
        member(node_id, f"k{node_id}"),
    ]


# -- CIRCULAR ---------------------------------------------------------------------------
def test_circular_fires_on_every_member(store: GraphStore) -> None:
    answer = run(
        store,
        firm("a"),
        firm("b"),
        firm("c"),
        owns("a", "b", 60),
        owns("b", "c", 60),
        owns("c", "a", 60),
    )
    assert {r.id for r in answer.results if "CIRCULAR" in codes(answer, r.id)} == {"a", "b", "c"}
    hit = next(h for r in answer.results if r.id == "a" for h in r.flags if h.code == "CIRCULAR")
    assert hit.evidence.paths[0][0] == hit.evidence.paths[0][-1]
    assert len(hit.evidence.edges) == 3


def test_circular_does_not_fire_on_a_chain(store: GraphStore) -> None:
    answer = run(store, firm("a"), firm("b"), firm("c"), owns("a", "b", 60), owns("b", "c", 60))
    assert all("CIRCULAR" not in codes(answer, r.id) for r in answer.results)


# -- PEP_OWNER --------------------------------------------------------------------------
def test_pep_owner_fires_on_share_and_on_a_relative_in_control(store: GraphStore) -> None:
    answer = run(
        store,
        *_holder("h"),
        *_holder("g"),
        person("pep", pep=True),
        person("son"),
        relative("son", "pep"),
        owns("pep", "h", 30),
        controls("son", "g", InterestType.OTHER_INFLUENCE_OR_CONTROL),
        owns(person("x").id, "g", 100),
        person("x"),
    )
    assert "PEP_OWNER" in codes(answer, "h")
    assert "PEP_OWNER" in codes(answer, "g")
    hit = next(h for r in answer.results if r.id == "g" for h in r.flags if h.code == "PEP_OWNER")
    assert hit.evidence.paths == [["son", "g"]]


def test_pep_owner_does_not_fire_below_tau_or_as_officer(store: GraphStore) -> None:
    answer = run(
        store,
        *_holder("h"),
        person("pep", pep=True),
        person("y"),
        owns("pep", "h", 10),
        owns("y", "h", 90),
        officer("pep", "h"),
    )
    assert "PEP_OWNER" not in codes(answer, "h")


# -- CONFLICT ---------------------------------------------------------------------------
def _procured(start: date, end: date | None) -> list:  # type: ignore[type-arg]
    return [
        firm("s"),
        body("ministry"),
        procurement("pc1", day="2022-03-01", amount=100_000),
        award("pc1", "s"),
        buyer("ministry", "pc1"),
        person("official"),
        position("official", "ministry", start, end),
        person("wife"),
        relative("wife", "official"),
        owns("wife", "s", 100),
    ]


def test_conflict_fires_when_an_official_of_the_buyer_is_close_to_the_supplier(
    store: GraphStore,
) -> None:
    answer = run(store, *_procured(date(2020, 1, 1), None))
    assert "CONFLICT" in codes(answer, "s")
    hit = next(h for r in answer.results if r.id == "s" for h in r.flags if h.code == "CONFLICT")
    assert hit.evidence.paths == [["s", "wife", "official"]]


def test_conflict_does_not_fire_when_the_position_ended_before_the_award(
    store: GraphStore,
) -> None:
    answer = run(store, *_procured(date(2018, 1, 1), date(2021, 1, 1)))
    assert "CONFLICT" not in codes(answer, "s")


# -- SAT_69B / SANCTIONED ---------------------------------------------------------------
def test_sat_69b_fires_on_holder_owner_and_controlled_company(store: GraphStore) -> None:
    answer = run(
        store,
        *_holder("h"),
        *_holder("g"),
        *_holder("f"),
        firm("o"),
        firm("sub"),
        owns("o", "g", 30),
        owns("f", "sub", 60),
        listed("h", SAT, "Definitivo"),
        listed("o", SAT, "Presunto"),
        listed("sub", SAT, "Definitivo"),
    )
    for holder in ("h", "g", "f"):
        assert "SAT_69B" in codes(answer, holder), holder


def test_sat_69b_cleared_is_shown_not_scored_and_small_owners_do_not_count(
    store: GraphStore,
) -> None:
    answer = run(
        store,
        *_holder("h"),
        *_holder("g"),
        firm("o"),
        owns("o", "g", 10),
        listed("h", SAT, "Desvirtuado"),
        listed("o", SAT, "Definitivo"),
    )
    assert "SAT_69B" not in codes(answer, "h")
    assert "SAT_69B" in codes(answer, "h", scored=False)
    h = next(r for r in answer.results if r.id == "h")
    assert any("not scored" in reason for reason in h.reasons)
    assert "SAT_69B" not in codes(answer, "g", scored=False)


def test_sanctioned_fires_on_holder_and_on_owners_together(store: GraphStore) -> None:
    answer = run(
        store,
        *_holder("h"),
        *_holder("g"),
        *(firm(o) for o in ("o1", "o2", "o3")),
        *(owns(o, "g", 20) for o in ("o1", "o2", "o3")),
        *(listed(o, SFP, "SANCIONATORIA CON MULTA") for o in ("o1", "o2", "o3")),
        listed("h", SFP, "SANCIONATORIA CON INHABILITACIÓN"),
    )
    assert "SANCTIONED" in codes(answer, "h")
    g = next(h for r in answer.results if r.id == "g" for h in r.flags if h.code == "SANCTIONED")
    assert g.evidence.values["percent"] == 60.0


def test_sanctioned_does_not_fire_on_an_acquittal(store: GraphStore) -> None:
    answer = run(store, *_holder("h"), listed("h", SFP, "ABSOLUTORIA"))
    assert "SANCTIONED" not in codes(answer, "h")


# -- UNTRACED ---------------------------------------------------------------------------
def test_untraced_fires_on_unknown_owner_and_on_company_owners_only(store: GraphStore) -> None:
    answer = run(
        store,
        *_holder("h"),
        *_holder("g"),
        unknown("u"),
        firm("parent"),
        owns("u", "h", 40),
        owns(person("p").id, "h", 60),
        person("p"),
        owns("parent", "g", 100),
    )
    assert "UNTRACED" in codes(answer, "h")
    assert "UNTRACED" in codes(answer, "g")


def test_untraced_does_not_fire_when_people_own_it_all(store: GraphStore) -> None:
    answer = run(
        store, *_holder("h"), person("p"), person("q"), owns("p", "h", 50), owns("q", "h", 50)
    )
    assert "UNTRACED" not in codes(answer, "h")


# -- TRUST_OPAQUE -----------------------------------------------------------------------
def test_trust_opaque_fires_without_beneficiary_or_with_a_foreign_one(store: GraphStore) -> None:
    answer = run(
        store,
        *_holder("h"),
        *_holder("g"),
        trust("t1"),
        trust("t2"),
        firm("abroad", jurisdiction="KY"),
        owns("t1", "h", 100),
        owns("t2", "g", 100),
        controls("abroad", "t2", InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT),
    )
    assert "TRUST_OPAQUE" in codes(answer, "h")
    assert "TRUST_OPAQUE" in codes(answer, "g")


def test_trust_opaque_does_not_fire_with_a_disclosed_beneficiary(store: GraphStore) -> None:
    answer = run(
        store,
        *_holder("h"),
        trust("t1"),
        person("b"),
        owns("t1", "h", 100),
        controls("b", "t1", InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT),
    )
    assert "TRUST_OPAQUE" not in codes(answer, "h")


# -- LAYERING ---------------------------------------------------------------------------
def test_layering_fires_on_deep_chains_and_offshore_intermediaries(store: GraphStore) -> None:
    chain = ["c1", "c2", "c3", "c4"]
    answer = run(
        store,
        *_holder("h"),
        *_holder("g"),
        *(firm(c) for c in chain),
        person("p"),
        owns("p", "c4", 100),
        owns("c4", "c3", 100),
        owns("c3", "c2", 100),
        owns("c2", "c1", 100),
        owns("c1", "h", 100),
        firm("cay", jurisdiction="KY"),
        owns("cay", "g", 100),
    )
    assert "LAYERING" in codes(answer, "h")
    assert "LAYERING" in codes(answer, "g")


def test_layering_does_not_fire_on_short_domestic_chains(store: GraphStore) -> None:
    answer = run(
        store,
        *_holder("h"),
        firm("c1", jurisdiction="MX"),
        person("p"),
        owns("p", "c1", 100),
        owns("c1", "h", 100),
    )
    assert "LAYERING" not in codes(answer, "h")


# -- NEW_COMPANY ------------------------------------------------------------------------
def test_new_company_fires_on_a_winner_younger_than_a_year(store: GraphStore) -> None:
    answer = run(store, *_holder("h", incorporation_date=date(2019, 10, 1)))
    assert "NEW_COMPANY" in codes(answer, "h")


def test_new_company_does_not_fire_on_an_older_winner(store: GraphStore) -> None:
    answer = run(store, *_holder("h", incorporation_date=date(2017, 10, 1)))
    assert "NEW_COMPANY" not in codes(answer, "h")


# -- FLIP -------------------------------------------------------------------------------
def _flipped(new_owner_start: date) -> list:  # type: ignore[type-arg]
    return [
        *_holder("h"),
        person("old"),
        firm("buyer_co"),
        owns("old", "h", 100, start=date(2019, 1, 1), end=new_owner_start),
        owns("buyer_co", "h", 99.99, start=new_owner_start),
    ]


def test_flip_fires_on_a_new_owner_soon_after_the_award(store: GraphStore) -> None:
    answer = run(store, *_flipped(date(2020, 6, 1)))
    assert "FLIP" in codes(answer, "h")


def test_flip_does_not_fire_on_a_change_years_later(store: GraphStore) -> None:
    answer = run(store, *_flipped(date(2023, 6, 1)))
    assert "FLIP" not in codes(answer, "h")


# -- SHARED_ADDRESS ---------------------------------------------------------------------
def test_shared_address_fires_on_a_mass_address_and_next_to_a_listed_company(
    store: GraphStore,
) -> None:
    mass = "CALLE UNO NUM 1 COL CENTRO"
    others = [firm(f"u{i}", address=f"CALLE {i} NUM {i}") for i in range(120)]
    answer = run(
        store,
        *others,
        *_holder("h", address=mass),
        *(firm(f"m{i}", address=mass) for i in range(3)),
        *_holder("g", phone="5512345678"),
        firm("shell", phone="5512345678"),
        listed("shell", SAT, "Definitivo"),
    )
    assert "SHARED_ADDRESS" in codes(answer, "h")
    assert "SHARED_ADDRESS" in codes(answer, "g")


def test_shared_address_does_not_fire_on_an_address_of_its_own(store: GraphStore) -> None:
    others = [firm(f"u{i}", address=f"CALLE {i} NUM {i}") for i in range(20)]
    answer = run(store, *others, *_holder("h", address="CALLE SOLA 5"))
    assert "SHARED_ADDRESS" not in codes(answer, "h")


# -- NOMINEE ----------------------------------------------------------------------------
def test_nominee_fires_on_an_officer_of_many_unrelated_companies(store: GraphStore) -> None:
    answer = run(
        store,
        person("front"),
        *(firm(f"c{i}") for i in range(5)),
        *(officer("front", f"c{i}") for i in range(5)),
    )
    assert "NOMINEE" in codes(answer, "front")


def test_nominee_does_not_fire_within_one_group(store: GraphStore) -> None:
    answer = run(
        store,
        person("boss"),
        firm("parent"),
        *(firm(f"c{i}") for i in range(5)),
        *(owns("parent", f"c{i}", 100) for i in range(5)),
        *(officer("boss", f"c{i}") for i in range(5)),
    )
    assert "NOMINEE" not in codes(answer, "boss")


# -- COMMON_OWNER -----------------------------------------------------------------------
def _consortium(shared: bool) -> list:  # type: ignore[type-arg]
    return [
        hydrocarbon("k", "2020-01-10"),
        firm("a"),
        firm("b"),
        member("a", "k"),
        member("b", "k"),
        person("p"),
        person("q"),
        owns("p", "a", 50),
        owns("p" if shared else "q", "b", 50),
    ]


def test_common_owner_fires_when_members_share_a_beneficial_owner(store: GraphStore) -> None:
    answer = run(store, *_consortium(True))
    assert "COMMON_OWNER" in codes(answer, "k")


def test_common_owner_does_not_fire_when_owners_differ(store: GraphStore) -> None:
    answer = run(store, *_consortium(False))
    assert "COMMON_OWNER" not in codes(answer, "k")


# -- DIRECT_AWARD, CONCENTRATION, SPLIT -------------------------------------------------
def _direct(competition: str) -> list:  # type: ignore[type-arg]
    return [
        firm("s"),
        body("ministry"),
        procurement("pc1", day="2022-03-01", amount=100_000, competition=competition),
        award("pc1", "s"),
        buyer("ministry", "pc1"),
        listed("s", SAT, "Definitivo"),
    ]


def test_direct_award_fires_on_a_direct_award_to_a_flagged_supplier(store: GraphStore) -> None:
    answer = run(store, *_direct("direct"))
    assert "DIRECT_AWARD" in codes(answer, "pc1")
    contract = next(r for r in answer.results if r.id == "pc1")
    assert contract.score > 30  # its own weight plus its supplier's score


def test_direct_award_does_not_fire_on_an_open_procedure(store: GraphStore) -> None:
    answer = run(store, *_direct("open"))
    assert "DIRECT_AWARD" not in codes(answer, "pc1")


def _spending(related: bool) -> list:  # type: ignore[type-arg]
    items: list = [body("ministry"), firm("s1"), firm("s2"), firm("s3"), person("p"), person("q")]  # type: ignore[type-arg]
    items += [owns("p", "s1", 100), owns("p" if related else "q", "s2", 100)]
    for i, (supplier, amount) in enumerate(
        [("s1", 500), ("s2", 400), ("s3", 50), ("s3", 30), ("s3", 20)]
    ):
        items += [
            procurement(f"pc{i}", day=f"2022-0{i + 1}-01", amount=amount),
            award(f"pc{i}", supplier),
            buyer("ministry", f"pc{i}"),
        ]
    return items


def test_concentration_fires_on_suppliers_under_the_same_owner(store: GraphStore) -> None:
    answer = run(store, *_spending(True))
    assert "CONCENTRATION" in codes(answer, "s1")
    assert "CONCENTRATION" in codes(answer, "s2")


def test_concentration_does_not_fire_on_unrelated_suppliers(store: GraphStore) -> None:
    answer = run(store, *_spending(False))
    assert "CONCENTRATION" not in codes(answer, "s1")


def _split(days_apart: int) -> list:  # type: ignore[type-arg]
    second = date(2022, 1, 1).toordinal() + days_apart
    return [
        body("ministry"),
        firm("s"),
        procurement("pc1", day="2022-01-01", amount=95_000, competition="direct"),
        procurement(
            "pc2", day=date.fromordinal(second).isoformat(), amount=92_000, competition="direct"
        ),
        award("pc1", "s"),
        award("pc2", "s"),
        buyer("ministry", "pc1"),
        buyer("ministry", "pc2"),
    ]


def test_split_fires_on_direct_awards_just_under_the_threshold(store: GraphStore) -> None:
    answer = run(store, *_split(30), split_threshold_amount=100_000)
    assert "SPLIT" in codes(answer, "pc1")
    assert "SPLIT" in codes(answer, "pc2")


def test_split_does_not_fire_far_apart_and_is_not_evaluated_without_threshold(
    store: GraphStore,
) -> None:
    answer = run(store, *_split(200), split_threshold_amount=100_000)
    assert "SPLIT" not in codes(answer, "pc1")
    status = next(s for s in run(store).flags if s.code == "SPLIT")
    assert not status.evaluated
    assert "threshold" in (status.reason or "")


def test_flags_without_data_are_not_evaluated(store: GraphStore) -> None:
    answer = run(store, firm("a"), person("p"), owns("p", "a", 100))
    assert answer.results == []
    missing = {s.code for s in answer.flags if not s.evaluated}
    assert {"SAT_69B", "SANCTIONED", "PEP_OWNER", "CONFLICT", "UNTRACED", "NEW_COMPANY"} <= missing
    assert all(s.reason for s in answer.flags if not s.evaluated)
    assert answer.as_of == DAY


def test_one_address_written_three_ways_is_one_key_and_another_number_is_not() -> None:
    from registry.risk.register_flags import address_match_key

    ways = [
        "BOULEVARD MANUEL ÁVILA CAMACHO NO. 1977, Piso 23 COL. VALLE ORIENTE CP 44858 GUADALAJARA",
        "Boulevard Manuel Ávila Camacho 1977, Piso 23, Col. Valle Oriente, C.P. 44858, Jalisco",
        "Boulevard Manuel Ávila Camacho #1977, Piso 23, Valle Oriente, Guadalajara, Jalisco 44858",
    ]
    assert len({address_match_key(w) for w in ways}) == 1
    assert address_match_key(ways[0].replace("Piso 23", "Piso 24")) != address_match_key(ways[0])
    assert address_match_key("Boulevard Manuel Ávila Camacho 78, C.P. 31977") != address_match_key(
        ways[1]
    )
    assert address_match_key("") is None
