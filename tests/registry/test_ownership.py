"""Ownership arithmetic on small graphs whose answers were worked out by hand."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from registry.analysis.ownership import owners
from registry.analysis.results import OwnersAnswer, Percent
from registry.codelists import InterestType, UnspecifiedReason
from registry.errors import InvalidInputError, NotFoundError
from registry.model import Edge, Node, NodeKind, Share
from tests.support.factories import company, controls, graph, owns, person, trust, unknown

DAY = date(2024, 6, 1)


def by_id(answer: OwnersAnswer) -> dict[str, tuple[float, float, bool]]:
    return {o.id: (o.effective.min, o.effective.max, o.beneficial_owner) for o in answer.owners}


def test_direct_owner_above_threshold_is_beneficial_owner() -> None:
    g = graph(person("p"), company("t"), owns("p", "t", 75))
    answer = owners(g, "t", as_of=DAY)
    assert by_id(answer) == {"p": (75.0, 75.0, True)}
    assert answer.traced.min == answer.traced.max == 75.0
    assert answer.owners[0].paths[0].ids == ["p", "t"]


def test_diamond_adds_both_paths() -> None:
    # p owns 50 % of a and 50 % of b; a owns 30 % and b owns 20 % of t:
    # 0.5 × 0.3 + 0.5 × 0.2 = 25 %.
    g = graph(
        person("p"),
        company("a"),
        company("b"),
        company("t"),
        owns("p", "a", 50),
        owns("p", "b", 50),
        owns("a", "t", 30),
        owns("b", "t", 20),
    )
    answer = owners(g, "t", as_of=DAY)
    assert by_id(answer)["p"] == (25.0, 25.0, True)
    assert len(answer.owners[0].paths) == 2
    # The strongest path first: through a (15 %) before b (10 %).
    assert answer.owners[0].paths[0].ids == ["p", "a", "t"]
    assert answer.owners[0].paths[0].share is not None
    assert answer.owners[0].paths[0].share.min == pytest.approx(15.0)


def test_six_level_chain_multiplies() -> None:
    ids = ["p", "c1", "c2", "c3", "c4", "c5", "t"]
    nodes = [person("p"), *(company(i) for i in ids[1:])]
    edges = [owns(a, b, 80) for a, b in itertools.pairwise(ids)]
    answer = owners(graph(*nodes, *edges), "t", as_of=DAY)
    assert by_id(answer)["p"][0] == pytest.approx(100 * 0.8**6, abs=1e-6)  # 26.2144 %
    assert by_id(answer)["c5"][0] == pytest.approx(80.0)


def test_unknown_share_is_zero_to_hundred_never_hundred() -> None:
    g = graph(person("p"), company("h"), company("t"), owns("p", "h", None), owns("h", "t", 60))
    answer = owners(g, "t", as_of=DAY)
    assert by_id(answer)["p"] == (0.0, 60.0, False)
    assert any(
        "may own up to 60 %" in r for r in answer.owners[-1].reasons + answer.owners[0].reasons
    )
    assert (answer.traced.min, answer.traced.max) == (0.0, 60.0)


def test_interval_shares_propagate_bounds() -> None:
    g = graph(person("p"), company("h"), company("t"), owns("p", "h", (25, 50)), owns("h", "t", 80))
    assert by_id(owners(g, "t", as_of=DAY))["p"] == (20.0, 40.0, True)


def test_mutual_hundred_percent_cycle_terminates_without_person() -> None:
    g = graph(company("a"), company("b"), owns("a", "b", 100), owns("b", "a", 100))
    answer = owners(g, "a", as_of=DAY)
    assert by_id(answer) == {"b": (100.0, 100.0, False)}
    assert answer.circular == [["a", "b"]]
    assert answer.traced.max == 0.0
    assert all(o.id != "a" for o in answer.owners)


def test_cycle_with_outside_owners_sums_to_the_stake() -> None:
    # s holds 30 % of t; s and n own each other (n 70 % of s, s 80 % of n); x owns the
    # other 20 % of n and u the other 30 % of s. Ultimate owners split s's 30 %:
    # E(s) = 0.3 / (1 - 0.56); x gets 0.2 × 0.7 × E(s), u gets 0.3 × E(s).
    g = graph(
        company("t"),
        company("s"),
        company("n"),
        person("x"),
        person("u"),
        owns("s", "t", 30),
        owns("n", "s", 70),
        owns("s", "n", 80),
        owns("x", "n", 20),
        owns("u", "s", 30),
    )
    answer = owners(g, "t", as_of=DAY)
    es = 0.3 / 0.44
    got = by_id(answer)
    assert got["x"][0] == pytest.approx(100 * 0.2 * 0.7 * es, abs=1e-5)
    assert got["u"][0] == pytest.approx(100 * 0.3 * es, abs=1e-5)
    assert got["x"][0] + got["u"][0] == pytest.approx(30.0, abs=1e-5)
    # A member is never its own owner: s counts only chains that do not return to s.
    assert got["s"][0] == pytest.approx(30.0)
    assert got["n"][0] == pytest.approx(21.0)
    assert answer.circular == [["n", "s"]]


def test_self_loop_is_reported_and_ignored() -> None:
    g = graph(person("p"), company("t"), owns("p", "t", 40), owns("t", "t", 10))
    answer = owners(g, "t", as_of=DAY)
    assert by_id(answer) == {"p": (40.0, 40.0, True)}
    assert answer.circular == [["t"]]


def test_thresholds_by_basis() -> None:
    g = graph(
        person("fifteen"),
        person("twenty"),
        person("twentyfive"),
        company("t"),
        owns("fifteen", "t", 15),
        owns("twenty", "t", 20),
        owns("twentyfive", "t", 25),
    )
    cff = {k: v[2] for k, v in by_id(owners(g, "t", as_of=DAY)).items()}
    assert cff == {"fifteen": False, "twenty": True, "twentyfive": True}
    law = {k: v[2] for k, v in by_id(owners(g, "t", basis="lfpiorpi", as_of=DAY)).items()}
    assert law == {"fifteen": False, "twenty": False, "twentyfive": True}
    own = {k: v[2] for k, v in by_id(owners(g, "t", threshold=15, as_of=DAY)).items()}
    assert own == {"fifteen": True, "twenty": True, "twentyfive": True}


def test_as_of_counts_only_interests_covering_the_day() -> None:
    g = graph(
        person("old"),
        person("new"),
        company("t"),
        owns("old", "t", 60, end=date(2020, 1, 1)),
        owns("new", "t", 60, start=date(2020, 1, 1)),
    )
    assert set(by_id(owners(g, "t", as_of=date(2019, 6, 1)))) == {"old"}
    assert set(by_id(owners(g, "t", as_of=date(2021, 6, 1)))) == {"new"}


def test_declared_indirect_interest_narrows_the_computed_range() -> None:
    # p has an unknown interest in h, h owns 60 % of t: chains give [0, 60]; p declares 30 %
    # indirect, which fits: the answer is exactly 30 %, not 30 % on top of the chain.
    g = graph(
        person("p"),
        company("h"),
        company("t"),
        owns("p", "h", None, interest=None),
        owns("h", "t", 60),
        owns("p", "t", 30, indirect=True),
    )
    assert by_id(owners(g, "t", as_of=DAY))["p"] == (30.0, 30.0, True)


def test_declared_indirect_that_contradicts_chains_is_used_and_noted() -> None:
    g = graph(
        person("p"),
        company("h"),
        company("t"),
        owns("p", "h", 10),
        owns("h", "t", 50),
        owns("p", "t", 40, indirect=True),
    )
    answer = owners(g, "t", as_of=DAY)
    assert by_id(answer)["p"] == (40.0, 40.0, True)
    assert any("does not fit" in r for r in answer.owners[0].reasons)


def test_trust_parties_are_beneficial_owners_when_the_trust_holds_enough() -> None:
    g = graph(
        trust("f"),
        company("t"),
        person("settlor"),
        person("beneficiary"),
        company("bank"),
        owns("f", "t", 40),
        controls("settlor", "f", InterestType.SETTLOR),
        controls("bank", "f", InterestType.TRUSTEE),
        controls("beneficiary", "f", InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT),
    )
    got = by_id(owners(g, "t", as_of=DAY))
    assert got["settlor"] == (0.0, 0.0, True)
    assert got["beneficiary"] == (0.0, 40.0, True)
    assert got["bank"][2] is False  # a company is never a beneficial owner itself
    small = graph(
        trust("f"),
        company("t"),
        person("settlor"),
        owns("f", "t", 10),
        controls("settlor", "f", InterestType.SETTLOR),
    )
    assert by_id(owners(small, "t", as_of=DAY))["settlor"][2] is False


def test_control_through_majority_chain_and_board_appointment() -> None:
    g = graph(
        person("boss"),
        person("board"),
        company("h"),
        company("t"),
        owns("boss", "h", 60),
        owns("h", "t", 30),
        controls("board", "t", InterestType.APPOINTMENT_OF_BOARD),
    )
    answer = owners(g, "t", basis="lfpiorpi", as_of=DAY)
    got = by_id(answer)
    assert got["boss"] == (18.0, 18.0, False)  # 18 % < 25 % and h does not control t
    assert got["board"][2] is True
    g2 = graph(
        person("boss"), company("h"), company("t"), owns("boss", "h", 60), owns("h", "t", 51)
    )
    assert by_id(owners(g2, "t", basis="lfpiorpi", threshold=40, as_of=DAY))["boss"][2] is True


def test_senior_managing_official_is_the_fallback() -> None:
    g = graph(
        person("small"),
        person("ceo"),
        company("t"),
        owns("small", "t", 5),
        controls("ceo", "t", InterestType.SENIOR_MANAGING_OFFICIAL),
    )
    got = by_id(owners(g, "t", as_of=DAY))
    assert got["ceo"][2] is True
    assert got["small"][2] is False
    g2 = graph(
        person("big"),
        person("ceo"),
        company("t"),
        owns("big", "t", 50),
        controls("ceo", "t", InterestType.SENIOR_MANAGING_OFFICIAL),
    )
    assert by_id(owners(g2, "t", as_of=DAY))["ceo"][2] is False


def test_unspecified_owner_is_kept_with_its_reason() -> None:
    reason = UnspecifiedReason.SUBJECT_UNABLE_TO_CONFIRM_OR_IDENTIFY_BENEFICIAL_OWNER
    g = graph(company("t"), unknown("u", reason), owns("u", "t", None, interest=None))
    answer = owners(g, "t", as_of=DAY)
    assert answer.owners == []
    assert [(u.reason, u.share.min, u.share.max) for u in answer.unspecified] == [
        (reason.value, 0.0, 100.0)
    ]


def test_nominee_does_not_make_an_owner() -> None:
    g = graph(person("nominee"), company("t"), controls("nominee", "t", InterestType.NOMINEE))
    assert by_id(owners(g, "t", as_of=DAY))["nominee"][2] is False


def test_bad_threshold_and_missing_subject() -> None:
    g = graph(company("t"))
    with pytest.raises(InvalidInputError):
        owners(g, "t", threshold=150)
    with pytest.raises(InvalidInputError):
        owners(g, "t", basis="nope")
    with pytest.raises(NotFoundError):
        owners(g, "missing")


def test_wide_cycle_sweep_terminates_fast_and_bounded() -> None:
    # 300 companies in one ring at 99 % each, plus a person owning 1 % of each.
    n = 300
    ids = [f"c{i}" for i in range(n)]
    items: list[Node | Edge] = [company(i) for i in ids]
    items.append(person("p"))
    items += [owns(ids[i], ids[(i + 1) % n], 99) for i in range(n)]
    items += [owns("p", i, 1) for i in ids]
    answer = owners(graph(*items), "c0", as_of=DAY)
    p = by_id(answer)["p"]
    assert 0 < p[0] <= 100.0
    assert len(answer.circular) == 1
    assert len(answer.circular[0]) == n


# -- issue 5: the cases worked out by hand -------------------------------------------------


def test_exact_and_range_shares_mixed() -> None:
    # p: 40 % × [20, 30] % through h1, plus [50, 60] % × 10 % through h2 = [13, 18] %.
    g = graph(
        person("p"),
        company("h1"),
        company("h2"),
        company("t"),
        owns("p", "h1", 40),
        owns("h1", "t", (20, 30)),
        owns("p", "h2", (50, 60)),
        owns("h2", "t", 10),
    )
    answer = owners(g, "t", as_of=DAY)
    p = next(o for o in answer.owners if o.id == "p")
    assert (p.effective.min, p.effective.max) == pytest.approx((13.0, 18.0))
    assert not p.beneficial_owner  # 13 % surely; only "may" pass 15 %
    assert any("may own up to 18 %" in r for r in p.reasons)
    assert by_id(owners(g, "t", threshold=13, as_of=DAY))["p"][2] is True


def test_unknown_share_is_narrowed_by_what_the_other_holders_surely_hold() -> None:
    g = graph(
        person("p"),
        person("q"),
        company("h"),
        company("t"),
        owns("p", "h", None),
        owns("q", "h", 70),
        owns("h", "t", 50),
    )
    got = by_id(owners(g, "t", as_of=DAY))
    assert got["p"] == (0.0, 15.0, False)  # [0, 30] % of h × 50 %
    assert got["q"] == (35.0, 35.0, True)


def test_exactly_fifteen_percent_is_not_a_cff_owner_even_through_a_chain() -> None:
    g = graph(person("p"), company("h"), company("t"), owns("p", "h", 50), owns("h", "t", 30))
    answer = owners(g, "t", as_of=DAY)
    assert by_id(answer)["p"] == (15.0, 15.0, False)
    assert by_id(owners(g, "t", threshold=15, as_of=DAY))["p"][2] is True


def test_exactly_twenty_five_percent_is_an_lfpiorpi_owner_even_through_a_chain() -> None:
    g = graph(person("p"), company("h"), company("t"), owns("p", "h", 50), owns("h", "t", 50))
    assert by_id(owners(g, "t", basis="lfpiorpi", as_of=DAY))["p"] == (25.0, 25.0, True)
    direct = graph(person("p"), company("t"), owns("p", "t", 24.999999))
    assert by_id(owners(direct, "t", basis="lfpiorpi", as_of=DAY))["p"][2] is False


def test_more_than_fifteen_percent_declared_as_a_range_is_a_cff_owner() -> None:
    # BODS: {"minimum": 15, "exclusiveMinimum": true, "maximum": 25}: more than 15 %.
    edge = owns("p", "t", (15, 25)).model_copy(
        update={"share": Share(min=15, max=25, exclusive_min=True)}
    )
    g = graph(person("p"), company("t"), edge)
    p = owners(g, "t", as_of=DAY).owners[0]
    assert (p.effective.min, p.beneficial_owner) == (15.0, True)
    closed = graph(person("p"), company("t"), owns("p", "t", (15, 25)))
    assert owners(closed, "t", as_of=DAY).owners[0].beneficial_owner is False


def test_trust_with_every_role_looks_through_to_natural_persons() -> None:
    # The trust holds 30 % of t (> 15 %): settlor, protector, beneficiary, committee member
    # are beneficial owners; the trustee is a bank, whose own owner r is one too.
    committee = controls("cm", "f", InterestType.OTHER_INFLUENCE_OR_CONTROL).model_copy(
        update={"details": "Comité técnico"}
    )
    g = graph(
        trust("f"),
        company("t"),
        company("bank"),
        person("settlor"),
        person("protector"),
        person("beneficiary"),
        person("cm"),
        person("r"),
        person("small"),
        owns("f", "t", 30),
        owns("small", "t", 5),
        controls("settlor", "f", InterestType.SETTLOR),
        controls("bank", "f", InterestType.TRUSTEE),
        controls("protector", "f", InterestType.PROTECTOR),
        controls("beneficiary", "f", InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT),
        committee,
        owns("r", "bank", 100),
    )
    answer = owners(g, "t", as_of=DAY)
    beneficial = {o.id for o in answer.owners if o.beneficial_owner}
    assert beneficial == {"settlor", "protector", "beneficiary", "cm", "r"}
    got = by_id(answer)
    assert got["beneficiary"] == (0.0, 30.0, True)  # shares in what the trust holds
    assert got["settlor"] == (0.0, 0.0, True)
    assert got["bank"][2] is False
    r = next(o for o in answer.owners if o.id == "r")
    assert any("beneficial owner of bank, trustee of f" in reason for reason in r.reasons)
    cm = next(o for o in answer.owners if o.id == "cm")
    assert any("Comité técnico" in reason for reason in cm.reasons)
    assert cm.paths[0].ids == ["cm", "f", "t"]
    # Asked of the trust itself, every party is a beneficial owner whatever it holds.
    of_trust = owners(g, "f", basis="lfpiorpi", as_of=DAY)
    assert {o.id for o in of_trust.owners if o.beneficial_owner} == {
        "settlor",
        "protector",
        "beneficiary",
        "cm",
        "r",
    }


def test_transfer_of_shares_on_a_date() -> None:
    day = date(2021, 3, 15)
    g = graph(
        person("seller"),
        person("buyer"),
        company("t"),
        owns("seller", "t", 60, end=day),
        owns("buyer", "t", 60, start=day),
    )
    before = owners(g, "t", as_of=date(2021, 3, 14))
    after = owners(g, "t", as_of=day)
    assert by_id(before) == {"seller": (60.0, 60.0, True)}
    assert by_id(after) == {"buyer": (60.0, 60.0, True)}
    assert before.as_of == date(2021, 3, 14)


def test_capital_and_votes_are_kept_apart() -> None:
    g = graph(
        person("founder"),
        person("investor"),
        company("t"),
        owns("founder", "t", 10),
        owns("investor", "t", 90),
        owns("founder", "t", 60, interest=InterestType.VOTING_RIGHTS),
        owns("investor", "t", 40, interest=InterestType.VOTING_RIGHTS),
    )
    answer = owners(g, "t", basis="lfpiorpi", as_of=DAY)
    founder = next(o for o in answer.owners if o.id == "founder")
    assert (founder.effective.min, founder.voting) == (10.0, Percent(min=60.0, max=60.0))
    assert founder.beneficial_owner
    assert any("of the votes" in r for r in founder.reasons)
    assert any(r.startswith("controls the subject") for r in founder.reasons)
    investor = next(o for o in answer.owners if o.id == "investor")
    assert investor.voting == Percent(min=40.0, max=40.0)
    # Without declared votes, votes are not reported apart: they follow the shares.
    plain = owners(graph(person("p"), company("t"), owns("p", "t", 30)), "t", as_of=DAY)
    assert plain.owners[0].voting is None


def test_voting_rights_of_unknown_size_do_not_prove_control() -> None:
    g = graph(
        person("p"),
        company("t"),
        owns("p", "t", None, interest=InterestType.VOTING_RIGHTS),
    )
    assert by_id(owners(g, "t", as_of=DAY))["p"][2] is False


def test_board_member_is_part_of_the_fallback_not_a_controller() -> None:
    g = graph(
        person("small"),
        person("director"),
        company("t"),
        owns("small", "t", 5),
        controls("director", "t", InterestType.BOARD_MEMBER),
    )
    assert by_id(owners(g, "t", as_of=DAY))["director"][2] is True  # fallback
    g2 = graph(
        person("big"),
        person("director"),
        company("t"),
        owns("big", "t", 50),
        controls("director", "t", InterestType.BOARD_MEMBER),
    )
    assert by_id(owners(g2, "t", as_of=DAY))["director"][2] is False


def test_what_is_not_traced_to_persons_says_where_and_why() -> None:
    reason = UnspecifiedReason.INTERESTED_PARTY_HAS_NOT_PROVIDED_INFORMATION
    g = graph(
        company("t"),
        person("p"),
        company("h"),
        company("opaque"),
        Node(id="state", kind=NodeKind.PUBLIC_BODY, name="Secretaría"),
        unknown("u", reason),
        owns("p", "t", 30),
        owns("h", "t", 40),
        owns("p", "h", 50),  # the other half of h is not in the register
        owns("state", "t", 10),
        owns("u", "t", 10),
        owns("opaque", "t", 10),
    )
    answer = owners(g, "t", as_of=DAY)
    assert (answer.traced.min, answer.traced.max) == (50.0, 50.0)
    parts = {u.id: (u.share.min, u.share.max, u.reason) for u in answer.untraced}
    assert parts["h"][:2] == (20.0, 20.0)
    assert "50 %" in parts["h"][2]
    assert parts["state"][:2] == (10.0, 10.0)
    assert "state" in parts["state"][2]
    assert parts["u"][:2] == (10.0, 10.0)
    assert reason.value in parts["u"][2]
    assert parts["opaque"][2] == "no owners of opaque are in the register"
    assert "t" not in parts  # t's own owners add up to 100 %
    total = answer.traced.min + sum(u.share.min for u in answer.untraced)
    assert total == pytest.approx(100.0)


def test_strongly_held_mutual_cycle_splits_the_stake_between_outside_owners() -> None:
    # Each of s and n holds 90 % of the other: integrated values pass 100 % on the way
    # (5.26 × the stake), which must not be capped before the outside owners get theirs.
    g = graph(
        company("t"),
        company("s"),
        company("n"),
        person("x"),
        person("u"),
        owns("s", "t", 100),
        owns("s", "n", 90),
        owns("n", "s", 90),
        owns("x", "n", 10),
        owns("u", "s", 10),
    )
    got = by_id(owners(g, "t", as_of=DAY))
    assert got["u"][0] == pytest.approx(100 * 0.1 / 0.19, abs=1e-5)
    assert got["x"][0] == pytest.approx(100 * 0.1 * 0.9 / 0.19, abs=1e-5)
    assert got["s"][0] == pytest.approx(100.0)
    assert got["n"][0] == pytest.approx(90.0)


def test_declared_indirect_misfit_is_noted_once_in_a_cycle() -> None:
    g = graph(
        company("t"),
        company("a"),
        company("b"),
        person("p"),
        owns("a", "t", 50),
        owns("a", "b", 50),
        owns("b", "a", 50),
        owns("p", "b", 50),
        owns("b", "t", 80, indirect=True),
    )
    b = next(o for o in owners(g, "t", as_of=DAY).owners if o.id == "b")
    assert sum("does not fit" in r for r in b.reasons) == 1


def test_contract_is_not_a_party() -> None:
    from registry.queries import owners_of
    from registry.store import EmbeddedStore

    store = EmbeddedStore()
    store.write([Node(id="k", kind=NodeKind.HYDROCARBON_CONTRACT, name="CNH-1")], [])
    with pytest.raises(InvalidInputError, match="registry contract"):
        owners_of(store, "k")
