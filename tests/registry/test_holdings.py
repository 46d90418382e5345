"""Holdings on small graphs worked out by hand; each equals owners seen from the other end."""

from __future__ import annotations

from datetime import date

import pytest

from registry.analysis.holdings import holdings
from registry.analysis.ownership import owners
from registry.codelists import InterestType
from registry.errors import NotFoundError
from registry.model import Edge, EdgeRole, Node, NodeKind, Share
from tests.support.factories import company, controls, graph, owns, person

DAY = date(2024, 6, 1)


def held(answer_graph: object, owner: str, **kwargs: object) -> dict[str, tuple[float, float]]:
    answer = holdings(answer_graph, owner, as_of=DAY, **kwargs)  # type: ignore[arg-type]
    return {h.id: (h.effective.min, h.effective.max) for h in answer.holdings}


def test_diamond_and_chain_downstream() -> None:
    g = graph(
        person("p"),
        company("a"),
        company("b"),
        company("t"),
        company("u"),
        owns("p", "a", 50),
        owns("p", "b", 50),
        owns("a", "t", 30),
        owns("b", "t", 20),
        owns("t", "u", 80),
    )
    assert held(g, "p") == {
        "a": (50.0, 50.0),
        "b": (50.0, 50.0),
        "t": (25.0, 25.0),
        "u": (20.0, 20.0),
    }
    answer = holdings(g, "p", as_of=DAY)
    t = next(h for h in answer.holdings if h.id == "t")
    assert t.paths[0].ids == ["p", "a", "t"]  # the strongest: 15 % against 10 %


def test_control_flags_follow_majority_chains_and_control_interests() -> None:
    g = graph(
        person("p"),
        company("h"),
        company("t"),
        company("s"),
        owns("p", "h", 60),
        owns("h", "t", 30),
        controls("p", "s", InterestType.APPOINTMENT_OF_BOARD),
    )
    answer = holdings(g, "p", as_of=DAY)
    flags = {h.id: h.controls for h in answer.holdings}
    assert flags == {"h": True, "t": False, "s": True}


def test_declared_indirect_interest_gives_the_same_as_owners() -> None:
    g = graph(
        person("p"),
        company("h"),
        company("t"),
        owns("p", "h", None, interest=None),
        owns("h", "t", 60),
        owns("p", "t", 30, indirect=True),
    )
    assert held(g, "p")["t"] == (30.0, 30.0)
    assert owners(g, "t", as_of=DAY).owners[0].effective.min == 30.0


def test_transfer_on_a_date_before_and_after() -> None:
    day = date(2022, 1, 1)
    g = graph(
        person("p"),
        company("a"),
        company("b"),
        owns("p", "a", 100, end=day),
        owns("p", "b", 100, start=day),
    )
    assert [h.id for h in holdings(g, "p", as_of=date(2021, 12, 31)).holdings] == ["a"]
    assert [h.id for h in holdings(g, "p", as_of=day).holdings] == ["b"]


def test_contracts_held_through_holdings() -> None:
    contract = Node(id="k", kind=NodeKind.HYDROCARBON_CONTRACT, name="CNH-1")
    title = Node(id="m", kind=NodeKind.MINING_CONCESSION, name="227855")
    links = graph(
        contract,
        title,
        company("a"),
        company("b"),
        person("p"),
        Edge(
            id="pa",
            source="a",
            target="k",
            role=EdgeRole.PARTICIPATION,
            share=Share.exact(40),
            attributes={"operator": True},
        ),
        Edge(id="pb", source="b", target="k", role=EdgeRole.PARTICIPATION, share=Share.exact(60)),
        Edge(id="ha", source="a", target="m", role=EdgeRole.HOLDING),
    )
    g = graph(person("p"), company("a"), owns("p", "a", 60))
    answer = holdings(g, "p", as_of=DAY, links=links)
    got = {
        (c.id, c.holder_id): (c.participation.min, c.effective.min, c.operator)
        for c in answer.contracts
    }
    assert got == {("k", "a"): (40.0, 24.0, True), ("m", "a"): (100.0, 60.0, False)}


def test_missing_owner() -> None:
    with pytest.raises(NotFoundError):
        holdings(graph(company("t")), "nobody")
