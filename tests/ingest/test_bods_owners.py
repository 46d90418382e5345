"""The owners each BODS example and fixture describes, asserted on both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.graph_builder import build_graph
from ingest.ledger import Ledger
from ingest.pipeline import ingest_files
from registry.analysis.results import OwnersAnswer
from registry.queries import owners_of
from registry.settings import Settings
from registry.store import GraphStore
from tests.support.paths import EXAMPLES, FIXTURES, require


def load_files(store: GraphStore, tmp_path: Path, *paths: Path) -> None:
    settings = Settings(workspace=tmp_path / "ws")
    ingest_files(settings, "bods", [require(p) for p in paths])
    with Ledger(settings.ledger_path) as ledger:
        built = build_graph(ledger.records("bods"))
    store.ensure_schema()
    store.write(built.nodes, built.edges)


def summary(answer: OwnersAnswer) -> dict[str, tuple[float, float, bool]]:
    return {o.name: (o.effective.min, o.effective.max, o.beneficial_owner) for o in answer.owners}


def test_fixture_direct_ownership(store: GraphStore, tmp_path: Path) -> None:
    load_files(store, tmp_path, FIXTURES / "core" / "01-direct-ownership.json")
    answer = owners_of(store, "rec-acme-holdings-ltd")
    assert summary(answer) == {"Jane Smith": (75.0, 75.0, True)}
    (jane,) = answer.owners
    assert jane.voting is not None
    assert jane.voting.min == 75.0
    assert jane.paths[0].ids[-1] == answer.subject.id
    assert len(jane.paths[0].ids) == 2  # a single hop


def test_fixture_circular_ownership(store: GraphStore, tmp_path: Path) -> None:
    load_files(store, tmp_path, FIXTURES / "edge-cases" / "10-circular-ownership.json")
    for start, other in (("rec-alpha-corp", "Beta Corp Ltd"), ("rec-beta-corp", "Alpha Corp Ltd")):
        answer = owners_of(store, start)
        assert summary(answer) == {other: (100.0, 100.0, False)}  # never 200 %
        assert answer.subject.id not in {o.id for o in answer.owners}
        assert not any(o.beneficial_owner for o in answer.owners)
        assert answer.traced.max == 0.0
        assert len(answer.circular) == 1
        assert len(answer.circular[0]) == 2


def test_fixture_anonymous_owner_keeps_reason_verbatim(store: GraphStore, tmp_path: Path) -> None:
    load_files(store, tmp_path, FIXTURES / "edge-cases" / "11-anonymous-person.json")
    answer = owners_of(store, "PA-PUB:PA-1000011")
    assert answer.subject.name == "Opaque Holdings SA"
    assert answer.owners == []
    (unknown,) = answer.unspecified
    assert unknown.reason == "subjectUnableToConfirmOrIdentifyBeneficialOwner"
    assert unknown.description
    assert answer.traced.max == 0.0


def test_indirect_ownership_example(store: GraphStore, tmp_path: Path) -> None:
    load_files(store, tmp_path, EXAMPLES / "indirect-ownership.json")
    got = summary(owners_of(store, "ad3f6c2fcc9e"))
    assert got["Person 1"] == (30.0, 30.0, True)
    assert got["Company B"] == (60.0, 60.0, False)


@pytest.mark.parametrize(
    ("name", "subject"),
    [
        ("multiple-indirect-ownership.json", "63e3a8a8946f"),
        ("mutilple-indirect-ownership-2.json", "1e049760d6c7"),
    ],
)
def test_multiple_indirect_examples(
    store: GraphStore, tmp_path: Path, name: str, subject: str
) -> None:
    load_files(store, tmp_path, EXAMPLES / name)
    got = summary(owners_of(store, subject))
    assert got["Person 1"] == (60.0, 60.0, True)


def test_mixed_direct_and_indirect_example(store: GraphStore, tmp_path: Path) -> None:
    load_files(store, tmp_path, EXAMPLES / "mixed-direct-and-indirect-ownership.json")
    # 50 % directly since 2019-05-01 and 50 % through Company B.
    got = summary(owners_of(store, "9bfe59b6a869"))
    assert got["Person 1"] == (100.0, 100.0, True)


def test_joint_ownership_example(store: GraphStore, tmp_path: Path) -> None:
    load_files(store, tmp_path, EXAMPLES / "joint-ownership.json")
    answer = owners_of(store, "31c55e425764")
    got = summary(answer)
    assert got["Natalie Coleman"] == (50.0, 50.0, True)
    assert got["Roberto Lopez"] == (50.0, 50.0, True)
    assert got["Joint shareholding"] == (100.0, 100.0, False)
    assert (answer.traced.min, answer.traced.max) == (100.0, 100.0)


def test_trust_example_levent(store: GraphStore, tmp_path: Path) -> None:
    load_files(store, tmp_path, EXAMPLES / "levent.json")
    answer = owners_of(store, "8e40d059")
    assert answer.subject.kind == "trust"
    beneficial = {o.name for o in answer.owners if o.beneficial_owner}
    assert {"Andrew Anderson", "Bella Buxton"} <= beneficial
    assert len(beneficial) == 3  # settlor/trustees and the anonymous beneficiary
    anonymous = next(o for o in answer.owners if o.name == "")
    assert anonymous.beneficial_owner
    assert any("beneficiaryOfLegalArrangement" in r for r in anonymous.reasons)


def test_nomination_example(store: GraphStore, tmp_path: Path) -> None:
    load_files(store, tmp_path, EXAMPLES / "nomination.json")
    answer = owners_of(store, "104AB1984C")
    got = summary(answer)
    assert got["Silvia Teixeira Perez"][2] is True  # the nominator controls
    assert got["Vanessa Rivero"][2] is False  # the nominee acts for her


@pytest.mark.parametrize("name", ["simple-pep-declaration.json", "full-pep-declaration.json"])
def test_pep_examples(store: GraphStore, tmp_path: Path, name: str) -> None:
    load_files(store, tmp_path, EXAMPLES / name)
    entity = "841083ba86e3" if name.startswith("simple") else "a7b3bd81d8ba"
    answer = owners_of(store, entity)
    (owner,) = answer.owners
    assert (owner.name, owner.effective.min, owner.effective.max) == ("Michael Hubbard", 25.0, 50.0)
    assert owner.beneficial_owner
    assert "politically exposed person" in owner.reasons
    law = owners_of(store, entity, basis="lfpiorpi")
    assert law.owners[0].beneficial_owner


def test_lookup_by_identifier(store: GraphStore, tmp_path: Path) -> None:
    load_files(store, tmp_path, FIXTURES / "core" / "01-direct-ownership.json")
    node = store.find("GB-COH:10000001")
    assert node is not None
    assert node.name == "Acme Holdings Ltd"
