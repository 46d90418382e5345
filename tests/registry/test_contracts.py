"""The contract view: participations on the day and effective shares of the contract."""

from __future__ import annotations

from datetime import date

import pytest

from registry.analysis.contracts import contract_view, participations
from registry.errors import InvalidInputError
from registry.model import Edge, EdgeRole, Node, NodeKind, Share
from tests.support.factories import company, graph, owns, person

DAY = date(2024, 6, 1)
K = Node(id="k", kind=NodeKind.HYDROCARBON_CONTRACT, name="CNH-R02-L01-A1/2016")


def member(holder: str, pct: float | None, **kwargs: object) -> Edge:
    return Edge(
        id=f"{holder}-k-{pct}",
        source=holder,
        target="k",
        role=EdgeRole.PARTICIPATION,
        share=Share.exact(pct) if pct is not None else None,
        **kwargs,  # type: ignore[arg-type]
    )


def test_each_owner_holds_its_share_of_the_holder_times_the_participation() -> None:
    links = graph(K, company("a"), company("b"), member("a", 60), member("b", 40))
    owned = graph(
        company("a"),
        company("b"),
        company("h"),
        person("p"),
        person("q"),
        person("r"),
        owns("p", "a", 50),
        owns("q", "a", 50),
        owns("h", "b", 100),
        owns("r", "h", 100),
    )
    view = contract_view(K, links, owned, basis="lfpiorpi", as_of=DAY)
    got = {b.id: (b.effective.min, b.beneficial_owner_of) for b in view.beneficial_owners}
    assert got == {"p": (30.0, ["a"]), "q": (30.0, ["a"]), "r": (40.0, ["b"])}
    assert [h.id for h in view.holders] == ["a", "b"]
    assert view.participation_total.min == 100.0
    assert view.notes == []


def test_contract_row_operator_and_dated_participations_merge() -> None:
    # The CNH contract row names the operator with no size and no end; the participations
    # say that b operates since the change of operator.
    links = graph(
        K,
        company("a"),
        company("b"),
        member("a", None, attributes={"operator": True, "from": "cnh-contracts"}),
        member("a", 50, attributes={"operator": False}, start_date=date(2020, 1, 1)),
        member("b", 50, attributes={"operator": True}, start_date=date(2020, 1, 1)),
    )
    parts = {p.holder: (p.share.lo, p.operator) for p in participations(links, "k", DAY)}
    assert parts == {"a": (0.5, False), "b": (0.5, True)}
    early = {
        p.holder: (p.share.hi, p.operator) for p in participations(links, "k", date(2019, 1, 1))
    }
    assert early == {"a": (1.0, True)}


def test_unsized_participations_are_narrowed_and_a_sole_title_holder_holds_all() -> None:
    links = graph(K, company("a"), company("b"), member("a", 70), member("b", None))
    parts = {p.holder: (p.share.lo, round(p.share.hi, 6)) for p in participations(links, "k", DAY)}
    assert parts == {"a": (0.7, 0.7), "b": (0.0, 0.3)}
    title = Node(id="m", kind=NodeKind.MINING_CONCESSION, name="227855")
    sole = graph(title, person("p"), Edge(id="h", source="p", target="m", role=EdgeRole.HOLDING))
    view = contract_view(title, sole, sole, as_of=DAY)
    assert [(b.id, b.effective.min) for b in view.beneficial_owners] == [("p", 100.0)]


def test_no_holder_on_the_day_and_a_party_is_not_a_contract() -> None:
    links = graph(K, company("a"), member("a", 100, start_date=date(2030, 1, 1)))
    view = contract_view(K, links, links, as_of=DAY)
    assert view.holders == []
    assert "no holder" in view.notes[0]
    with pytest.raises(InvalidInputError):
        contract_view(company("a"), links, links, as_of=DAY)
