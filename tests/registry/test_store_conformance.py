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


CONTRACT = Node(
    id="hc-zama",
    kind=NodeKind.HYDROCARBON_CONTRACT,
    name="CNH-R01-L01-A7/2015",
    attributes={"ubicacion": "Aguas Someras", "superficie_km2": 65.0, "vigente": True},
)
MEMBER = Edge(
    id="ed-pt",
    source="co-acme",
    target="hc-zama",
    role=EdgeRole.PARTICIPATION,
    share=Share.exact(35),
    start_date=date(2015, 9, 4),
    attributes={"operator": True, "event": "Adjudicación"},
)


def test_contracts_and_role_edges_round_trip_but_stay_out_of_ownership(store: GraphStore) -> None:
    store.write([ACME, ANA, CONTRACT], [EDGE, MEMBER])
    assert store.node("hc-zama") == CONTRACT
    assert store.counts()["edges"] == 2
    # Owners of the contract are not asked through PARTY_TO: upstream follows interests only.
    assert set(store.upstream("hc-zama", 10).nodes) == {"hc-zama"}
    assert set(store.upstream("co-acme", 10).nodes) == {"co-acme", "pe-ana"}


# -- reads and writes of the analysis (issue 5) --------------------------------------------


def _sample(store: GraphStore) -> None:
    from tests.registry.sample_register import edges, nodes

    store.write(nodes(), edges())


def test_downstream_has_the_chains_and_the_rest_of_each_capital(store: GraphStore) -> None:
    _sample(store)
    down = store.downstream("ana", 100)
    # ana → hn → {pg, mp}; pg's other holders (fi, si) come as the rest of its capital,
    # not followed further; contracts are not interests.
    assert set(down.nodes) == {"ana", "beto", "hn", "pg", "mp", "fi", "si"}
    assert {e.id for e in down.edges} == {
        "e-ana-hn",
        "e-beto-hn",
        "e-hn-pg",
        "e-hn-mp",
        "e-fi-pg",
        "e-si-pg",
    }
    assert not down.truncated
    part = store.downstream("ana", 1)
    assert part.truncated
    assert "hn" in part.nodes
    assert "pg" not in part.nodes or "mp" not in part.nodes


def test_edges_of_by_role_with_both_ends(store: GraphStore) -> None:
    _sample(store)
    links = store.edges_of(["hc-1", "mp"], {EdgeRole.PARTICIPATION, EdgeRole.HOLDING})
    assert {e.id for e in links.edges} == {"e-pg-hc", "e-se-hc", "e-mp-mc"}
    assert set(links.nodes) == {"hc-1", "pg", "se", "mp", "mc-1"}
    assert links.nodes["hc-1"].attributes == {"ubicacion": "Aguas Someras"}
    none = store.edges_of(["ana"], {EdgeRole.HOLDING})
    assert none.edges == ()
    assert set(none.nodes) == {"ana"}


def test_streams_of_edges_and_nodes(store: GraphStore) -> None:
    from tests.registry.sample_register import edges, nodes

    _sample(store)
    capital = sorted(store.iter_edges({EdgeRole.CAPITAL}), key=lambda e: e.id)
    assert capital == sorted((e for e in edges() if e.role is EdgeRole.CAPITAL), key=lambda e: e.id)
    trusts = {e.id for e in store.iter_edges({EdgeRole.TRUST})}
    assert trusts == {"e-carla-fi", "e-dario-fi"}
    contracts = sorted(
        store.iter_nodes({NodeKind.HYDROCARBON_CONTRACT, NodeKind.MINING_CONCESSION}),
        key=lambda n: n.id,
    )
    assert contracts == [n for n in nodes() if n.id in ("hc-1", "mc-1")]


def test_nodes_named(store: GraphStore) -> None:
    _sample(store)
    kinds = {NodeKind.HYDROCARBON_CONTRACT, NodeKind.MINING_CONCESSION}
    assert [n.id for n in store.nodes_named(["CNH-R01-L01-A7/2015"], kinds)] == ["hc-1"]
    assert [n.id for n in store.nodes_named(["T-227855", "227855"], kinds)] == ["mc-1"]
    assert store.nodes_named(["227855"], {NodeKind.HYDROCARBON_CONTRACT}) == []
    assert store.nodes_named(["' OR 1=1 //"], kinds) == []


def test_derived_facts_round_trip_replace_and_vanish_with_a_reload(store: GraphStore) -> None:
    from registry.store.protocol import CycleMark, UltimateOwnerFact

    _sample(store)
    fact = UltimateOwnerFact(
        owner="ana",
        subject="pg",
        basis="cff",
        effective_min=30.0,
        effective_max=30.0,
        as_of=date(2024, 6, 1),
        reasons=("owns 30 % effectively",),
    )
    voting = UltimateOwnerFact(
        owner="un",
        subject="si",
        basis="cff",
        effective_min=0.0,
        effective_max=30.0,
        as_of=date(2024, 6, 1),
        voting_min=1.5,
        voting_max=2.5,
        unknown_owner=True,
    )
    marks = [CycleMark(node="co", group="cy-1", size=2), CycleMark(node="si", group="cy-1", size=2)]
    for _ in range(2):
        store.replace_derived("cff", [fact, voting], marks)
    assert store.derived_owners() == sorted([fact, voting], key=lambda f: f.id)
    assert store.derived_owners("pg") == [fact]
    assert store.cycle_marks() == marks
    assert store.counts()["edges"] == 16  # derived edges are not interests
    other = UltimateOwnerFact(
        owner="ana",
        subject="pg",
        basis="lfpiorpi",
        effective_min=30.0,
        effective_max=30.0,
        as_of=date(2024, 6, 1),
    )
    store.replace_derived("lfpiorpi", [other], marks[:1])
    assert {f.basis for f in store.derived_owners()} == {"cff", "lfpiorpi"}
    assert store.cycle_marks() == marks[:1]
    # A node written again (a new load) loses its derived mark.
    node = store.node("co")
    assert node is not None
    store.write([node], [])
    assert store.cycle_marks() == []
    assert store.node("co") == node


def test_shareholdings_for_the_sweep(store: GraphStore) -> None:
    _sample(store)
    # Only links that can lie on a circle: the holder is held and the held party holds.
    assert set(store.shareholdings(date(2024, 6, 1))) == {("si", "co"), ("co", "si")}
    store.write([], [owns("co", "si", 70, edge_id="e-co-si", end=date(2024, 1, 1))])
    assert set(store.shareholdings(date(2024, 6, 1))) == {("si", "co")}
    assert set(store.shareholdings(date(2023, 6, 1))) == {("si", "co"), ("co", "si")}
