"""Both stores give identical risk answers, and keep identical flags and scores when asked
to write them (``RiskFlagged`` nodes in Neo4j)."""

from __future__ import annotations

from datetime import date

from registry.codelists import InterestType
from registry.risk import RiskParameters, assess
from registry.store import EmbeddedStore
from registry.store.neo4j_store import Neo4jStore
from tests.registry.risk.builders import (
    DAY,
    award,
    body,
    buyer,
    firm,
    flatten,
    hydrocarbon,
    listed,
    member,
    procurement,
)
from tests.support.factories import controls, owns, person, trust, unknown


def _register() -> list:  # type: ignore[type-arg]
    return flatten(
        [
            hydrocarbon("k", "2020-01-10"),
            firm("h", incorporation_date=date(2019, 6, 1), address="CALLE 1"),
            firm("g", address="CALLE 1", jurisdiction="KY"),
            member("h", "k"),
            member("g", "k"),
            firm("a"),
            firm("b"),
            owns("a", "b", 60),
            owns("b", "a", 60),
            owns("a", "h", 50),
            trust("t"),
            owns("t", "g", 100),
            unknown("u"),
            owns("u", "h", 50),
            person("pep", pep=True),
            controls("pep", "t", InterestType.SETTLOR),
            listed("g", "SAT 69-B", "Sentencia Favorable"),
            listed("a", "SFP sanctioned suppliers", "SANCIONATORIA CON MULTA"),
            body("ministry"),
            procurement("pc", day="2021-01-01", amount=10.0, competition="direct"),
            award("pc", "h"),
            buyer("ministry", "pc"),
        ]
    )


def test_both_stores_answer_and_store_the_same(neo4j_store: Neo4jStore) -> None:
    items = _register()
    from registry.model import Edge, Node

    nodes = [i for i in items if isinstance(i, Node)]
    edges = [i for i in items if isinstance(i, Edge)]
    embedded = EmbeddedStore()
    answers = []
    for store in (embedded, neo4j_store):
        store.write(nodes, edges)
        answers.append(assess(store, as_of=DAY, params=RiskParameters(), write=True))
    first, second = (a.model_dump(mode="json", exclude={"seconds", "store"}) for a in answers)
    assert first == second
    assert len(answers[0].results) >= 4
    marks = embedded.risk_marks()
    assert marks == neo4j_store.risk_marks()
    assert {m.node for m in marks} == {r.id for r in answers[0].results}
    g = next(m for m in marks if m.node == "g")
    assert "SAT_69B" in g.cleared
    assert "SAT_69B" not in g.codes
    # written again: the flags are replaced, not added to
    neo4j_store.replace_risk(marks[:1])
    assert neo4j_store.risk_marks() == marks[:1]


def test_embedded_snapshot_keeps_risk_marks(tmp_path: object) -> None:
    from pathlib import Path

    from registry.model import Edge, Node

    folder = Path(str(tmp_path))
    items = _register()
    store = EmbeddedStore(folder / "graph.jsonl")
    store.write(
        [i for i in items if isinstance(i, Node)], [i for i in items if isinstance(i, Edge)]
    )
    assess(store, as_of=DAY, write=True)
    store.save()
    again = EmbeddedStore.open(folder)
    assert again.risk_marks() == store.risk_marks()
    assert again.risk_marks()
