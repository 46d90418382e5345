"""Search: the pure ranking rules, and both stores giving the same hits for the same query."""

from __future__ import annotations

import pytest

from registry.model import Identifier, Node, NodeKind
from registry.search import compact_identifier, fold, lucene_query, matches, rank
from registry.store import EmbeddedStore, GraphStore
from tests.support.factories import company, person, trust


def _with_ids(node: Node, *keys: str) -> Node:
    return node.model_copy(update={"identifiers": tuple(Identifier.parse(k) for k in keys)})


SAMPLE: list[Node] = [
    _with_ids(
        company("co-petrolera", "Petrolera del Golfo Demo, S.A. de C.V."), "MX-RFC:PGD150101AB1"
    ),
    _with_ids(company("co-petro-norte", "Petróleos del Norte, S.A.P.I. de C.V."), "MX-RFC:PDN"),
    company("co-golfo", "Golfo Azul Energía, S. de R.L."),
    _with_ids(
        person("pe-maria", "María Fernanda López Hernández"),
        "MEX-TAXID:LOHM680202EF3",
        "MX-CURP:LOHM680202MDFPRR09",
    ),
    person("pe-jose", "José Ramírez Peña"),
    person("pe-joseph", "Joseph Ramos"),
    trust("tr-fideicomiso", "Fideicomiso Minero Demo 1234"),
    Node(id="hc-1", kind=NodeKind.HYDROCARBON_CONTRACT, name="CNH-R01-L01-A7/2015"),
    Node(id="mc-1", kind=NodeKind.MINING_CONCESSION, name="T-227855"),
    Node(id="un-1", kind=NodeKind.UNSPECIFIED, name="Petrolera unknown"),
]

QUERIES = [
    "petrolera",
    "Petrolra golfo",  # a typo
    "petr",  # as the user types
    "maria lopez",
    "MARÍA LÓPEZ HERNÁNDEZ",
    "jose ramirez pena",
    "jos",
    "LOHM680202",  # an RFC prefix
    "LOHM680202MDFPRR09",  # a CURP
    "pgd-150101-ab1",
    "fideicomiso minero",
    "CNH-R01",
    "227855",
    "ab",  # too short: nothing
    "zzzz qqqq",
    "x' OR 1=1 //",
    'energia "golfo" AND NOT ~*',
]


def test_fold_and_lucene_query_keep_only_letters_and_digits() -> None:
    assert fold("Peña  ÁLVAREZ-Núñez, S.A.") == "pena alvarez nunez s a"
    assert lucene_query('energía" AND (x:*') == "(energia~1 OR energia*) OR (and~1 OR and*)"
    assert lucene_query("a b") is None
    assert compact_identifier("pgd-150101") == "PGD150101"
    assert compact_identifier("golfo") is None


def test_ranking_puts_identifiers_and_close_names_first() -> None:
    kinds = set(NodeKind)
    hits = rank("LOHM680202EF3", SAMPLE, kinds, 5)
    assert [(h.id, h.score, h.matched) for h in hits] == [("pe-maria", 100.0, "identifier")]
    typo = rank("Petrolra golfo", SAMPLE, kinds, 5)
    assert typo[0].id == "co-petrolera"
    assert matches("zzzz", SAMPLE[0]) is None
    # Unknown owners are never hits, even when their text matches.
    assert "un-1" not in {h.id for h in rank("petrolera", SAMPLE, kinds, 10)}
    only_people = rank("jose", SAMPLE, {NodeKind.PERSON}, 10)
    assert {h.id for h in only_people} == {"pe-jose", "pe-joseph"}
    assert rank("jose", SAMPLE, {NodeKind.PERSON}, 1) == only_people[:1]


@pytest.mark.parametrize("query", QUERIES)
def test_both_stores_give_the_same_hits(store: GraphStore, query: str) -> None:
    store.ensure_schema()
    store.write(SAMPLE, [])
    reference = EmbeddedStore()
    reference.write(SAMPLE, [])
    kinds = set(NodeKind)
    assert store.search(query, kinds, 20) == reference.search(query, kinds, 20)
    assert store.search(query, {NodeKind.COMPANY}, 2) == reference.search(
        query, {NodeKind.COMPANY}, 2
    )


def test_search_finds_what_a_user_expects(store: GraphStore) -> None:
    store.ensure_schema()
    store.write(SAMPLE, [])
    kinds = set(NodeKind)
    assert store.search("petrolra golfo", kinds, 3)[0].id == "co-petrolera"
    assert {h.id for h in store.search("CNH-R01", kinds, 5)} == {"hc-1"}
    assert store.search("LOHM680202MDFPRR09", kinds, 5)[0].id == "pe-maria"
    assert store.search("x' OR 1=1 //", kinds, 5) == []
    assert store.counts()["nodes"] == len(SAMPLE)
