"""Chains between two parties: shortest, strongest, or what links them."""

from __future__ import annotations

from datetime import date

from registry.analysis.paths import merge, paths_between
from registry.codelists import InterestType
from tests.support.factories import company, controls, graph, owns, person

DAY = date(2024, 6, 1)


def test_shortest_and_strongest_differ() -> None:
    g = graph(
        company("a"),
        company("m"),
        company("b"),
        company("t"),
        owns("a", "t", 10),
        owns("a", "m", 90),
        owns("m", "b", 90),
        owns("b", "t", 90),
    )
    answer = paths_between(g, "a", "t", as_of=DAY)
    assert answer.direction == "source_holds_target"
    assert answer.shortest is not None
    assert answer.strongest is not None
    assert answer.shortest.ids == ["a", "t"]
    assert answer.strongest.ids == ["a", "m", "b", "t"]
    assert answer.strongest.share is not None
    assert answer.strongest.share.min == 72.9
    assert answer.effective is not None
    assert answer.effective.min == 82.9


def test_control_link_is_a_shortest_chain_without_a_share() -> None:
    g = graph(
        person("p"),
        company("t"),
        controls("p", "t", InterestType.APPOINTMENT_OF_BOARD),
    )
    answer = paths_between(g, "t", "p", as_of=DAY)
    assert answer.direction == "target_holds_source"
    assert answer.shortest is not None
    assert answer.shortest.share is None
    assert answer.strongest is None


def test_common_owner_and_common_holding() -> None:
    g = graph(
        person("p"),
        company("a"),
        company("b"),
        company("j"),
        owns("p", "a", 60),
        owns("p", "b", 70),
        owns("a", "j", 50),
        owns("b", "j", 50),
    )
    answer = paths_between(g, "a", "b", as_of=DAY)
    assert answer.direction == "common_owner"
    (owner,) = answer.common_owners
    assert (owner.id, owner.to_source.ids, owner.to_target.ids) == ("p", ["p", "a"], ["p", "b"])
    (joint,) = answer.common_holdings
    assert (joint.id, joint.to_source.ids, joint.to_target.ids) == ("j", ["a", "j"], ["b", "j"])


def test_unlinked_and_as_of() -> None:
    g = graph(company("a"), company("b"), owns("a", "b", 50, start=date(2025, 1, 1)))
    assert paths_between(g, "a", "b", as_of=DAY).direction == "none"
    assert paths_between(g, "a", "b", as_of=date(2025, 1, 1)).direction == "source_holds_target"


def test_merge_keeps_each_once() -> None:
    one = graph(company("a"), company("b"), owns("a", "b", 50, edge_id="x"))
    two = graph(company("b"), company("c"), owns("b", "c", 50, edge_id="y"))
    both = merge(one, two, one)
    assert set(both.nodes) == {"a", "b", "c"}
    assert [e.id for e in both.edges] == ["x", "y"]
