"""One conformance suite for both graph stores: same writes, same reads, same answers."""

from __future__ import annotations

from datetime import date

from registry.codelists import InterestType, UnspecifiedReason
from registry.model import Edge, EdgeRole, Identifier, Node, NodeKind, Share
from registry.store import GraphStore
from tests.support.factories import company, owns, person

ACME = Node(
    id="co-acme",
    kind=NodeKind.COMPANY,
    name="Acme, S.A. de C.V.",
    identifiers=(Identifier(scheme="MX-RFC", id="ACM010101AB1"), Identifier(scheme="X", id="1")),
    record_ids=("rec-acme",),
    entity_type="registeredEntity",
    jurisdiction="MX",
    sources=("bods:a.json:s1",),
)
ANA = Node(
    id="pe-ana",
    kind=NodeKind.PERSON,
    name="Ana",
    identifiers=(Identifier(scheme="MX-CURP", id="AAAA000101MDFXXX01"),),
    record_ids=("rec-ana",),
    person_type="knownPerson",
    politically_exposed=True,
)
UNKNOWN = Node(
    id="un-1",
    kind=NodeKind.UNSPECIFIED,
    unspecified_reason=UnspecifiedReason.NO_BENEFICIAL_OWNERS,
    description="none",
)
EDGE = Edge(
    id="ed-1",
    source="pe-ana",
    target="co-acme",
    interest_type=InterestType.SHAREHOLDING,
    role=EdgeRole.CAPITAL,
    share=Share(min=25, max=50, exclusive_max=True),
    beneficial_ownership_or_control=True,
    start_date=date(2020, 1, 2),
    end_date=date(2030, 1, 1),
    details="acciones serie A",
    record_id="rel-1",
    statement_id="st-1",
    sources=("bods:a.json:s3",),
)
TRUSTEE = Edge(
    id="ed-2",
    source="un-1",
    target="co-acme",
    interest_type=InterestType.OTHER_INFLUENCE_OR_CONTROL,
    role=EdgeRole.CONTROL,
    details="Comité técnico",
)


def test_round_trip_keeps_every_field(store: GraphStore) -> None:
    store.write([ACME, ANA, UNKNOWN], [EDGE, TRUSTEE])
    assert store.node("co-acme") == ACME
    assert store.node("pe-ana") == ANA
    assert store.node("un-1") == UNKNOWN
    sub = store.upstream("co-acme", 100)
    assert set(sub.nodes) == {"co-acme", "pe-ana", "un-1"}
    assert sorted(sub.edges, key=lambda e: e.id) == [EDGE, TRUSTEE]
    assert not sub.truncated


def test_writes_are_idempotent(store: GraphStore) -> None:
    for _ in range(2):
        store.write([ACME, ANA], [EDGE])
    assert store.counts()["nodes"] == 2
    assert store.counts()["edges"] == 1
    renamed = ACME.model_copy(update={"name": "Acme Nueva"})
    store.write([renamed], [])
    node = store.node("co-acme")
    assert node is not None
    assert node.name == "Acme Nueva"
    assert store.counts()["nodes"] == 2


def test_find_by_id_record_and_identifiers(store: GraphStore) -> None:
    store.write([ACME, ANA], [EDGE])
    for ref in ("co-acme", "rec-acme", "MX-RFC:ACM010101AB1", "X:1"):
        found = store.find(ref)
        assert found is not None, ref
        assert found.id == "co-acme"
    curp = store.find("MX-CURP:AAAA000101MDFXXX01")
    assert curp is not None
    assert curp.id == "pe-ana"
    assert store.find("MX-RFC:NOPE") is None
    assert store.find("' OR 1=1 --") is None


def test_upstream_is_bounded_and_says_so(store: GraphStore) -> None:
    nodes = [company(f"c{i}") for i in range(30)] + [person("p")]
    edges = [owns(f"c{i + 1}", f"c{i}", 90, edge_id=f"e{i:03d}") for i in range(29)]
    edges.append(owns("p", "c29", 100, edge_id="e999"))
    store.write(nodes, edges)
    full = store.upstream("c0", 1000)
    assert len(full.nodes) == 31
    assert not full.truncated
    part = store.upstream("c0", 10)
    assert part.truncated
    assert len(part.nodes) == 11
    assert all(e.source in part.nodes and e.target in part.nodes for e in part.edges)


def test_counts_by_kind_and_clear(store: GraphStore) -> None:
    store.write([ACME, ANA, UNKNOWN], [EDGE, TRUSTEE])
    counts = store.counts()
    assert counts["nodes"] == 3
    assert counts["edges"] == 2
    assert counts["nodes:person"] == 1
    store.clear()
    assert store.counts()["nodes"] == 0
