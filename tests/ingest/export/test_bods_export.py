"""The BODS export on both stores: what each record says, libcovebods' verdict, the trip back."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

from ingest.export.bods import export_bods
from ingest.export.cove import validate_bods
from ingest.export.roundtrip import holders, owners_signature, round_trip
from registry.codelists import InterestType
from registry.model import Edge, NodeKind
from registry.queries import owners_of
from registry.store import EmbeddedStore, GraphStore
from tests.registry import sample_register
from tests.support.factories import controls, owns


def _load(store: GraphStore, extra: list[Edge] | None = None) -> GraphStore:
    store.write(sample_register.nodes(), [*sample_register.edges(), *(extra or [])])
    return store


def _statements(store: GraphStore) -> list[dict[str, Any]]:
    buffer = io.StringIO()
    export_bods(store, buffer, published=sample_register.DAY)
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def _by_record(statements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {s["recordId"]: s for s in statements}


def test_each_party_is_one_record_and_each_relationship_names_records_before_it(
    store: GraphStore,
) -> None:
    statements = _statements(_load(store))
    parties = [n for n in sample_register.nodes() if n.kind.is_party]
    records = _by_record(statements)
    named = {n.id for n in parties if n.kind is not NodeKind.UNSPECIFIED}
    assert {r for r, s in records.items() if s["recordType"] != "relationship"} == named
    seen: set[str] = set()
    for statement in statements:
        details = statement["recordDetails"]
        if statement["recordType"] == "relationship":
            assert details["subject"] in seen
            party = details["interestedParty"]
            assert isinstance(party, dict) or party in seen
        seen.add(statement["recordId"])
        assert 32 <= len(statement["statementId"]) <= 64
        assert statement["publicationDetails"]["bodsVersion"] == "0.4"
        assert statement["source"]["type"]
    assert len({s["statementId"] for s in statements}) == len(statements)


def test_trusts_shares_dates_pep_and_unknown_owners_are_written_as_bods_says(
    store: GraphStore,
) -> None:
    records = _by_record(_statements(_load(store)))
    assert records["fi"]["recordDetails"]["entityType"] == {
        "type": "arrangement",
        "subtype": "trust",
    }
    assert records["dario"]["recordDetails"]["politicalExposure"] == {"status": "isPep"}
    assert records["pg"]["recordDetails"]["identifiers"][0]["scheme"] == "MX-RFC"
    relationships = [
        s["recordDetails"] for s in records.values() if s["recordType"] == "relationship"
    ]
    by_pair = {
        (
            str(r["interestedParty"]) if isinstance(r["interestedParty"], str) else "?",
            r["subject"],
        ): r
        for r in relationships
    }
    assert by_pair[("ana", "hn")]["interests"][0]["share"] == {"exact": 60.0}
    assert by_pair[("hn", "mp")]["interests"][0]["startDate"] == "2020-01-01"
    assert by_pair[("carla", "fi")]["interests"][0]["type"] == "settlor"
    unknown = by_pair[("?", "si")]
    assert unknown["interestedParty"]["reason"] == "subjectUnableToConfirmOrIdentifyBeneficialOwner"
    assert "type" not in unknown["interests"][0]  # the interest's type was not known
    assert unknown["interests"][0]["share"] == {"exact": 30.0}


def test_a_range_of_shares_and_an_interest_in_a_person_are_handled(tmp_path: Path) -> None:
    store = EmbeddedStore()
    extra = [
        owns("se", "mp", (10, 25), edge_id="e-range"),
        controls("ana", "beto", InterestType.OTHER_INFLUENCE_OR_CONTROL, edge_id="e-person"),
        owns("ana", "mp", 5, edge_id="e-reversed", start=date(2021, 5, 1), end=date(2020, 1, 1)),
    ]
    path = tmp_path / "out.jsonl"
    report = export_bods(_load(store, extra), path, published=sample_register.DAY)
    assert report.skipped == {"subject is a person": 1}
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    shares = [
        i.get("share")
        for s in lines
        if s["recordType"] == "relationship" and s["recordDetails"]["subject"] == "mp"
        for i in s["recordDetails"]["interests"]
    ]
    assert {"minimum": 10.0, "maximum": 25.0} in shares
    reversed_interest = next(
        i
        for s in lines
        if s["recordType"] == "relationship"
        for i in s["recordDetails"]["interests"]
        if i.get("share") == {"exact": 5.0}
    )
    assert reversed_interest["startDate"] == reversed_interest["endDate"] == "2020-01-01"
    assert "2021-05-01" in reversed_interest["details"]
    assert report.reversed_dates == 1
    assert validate_bods(path).ok
    assert report.statements == len(lines)


def test_libcovebods_finds_no_problem_in_the_export(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "register.bods.jsonl"
    export_bods(_load(store), path, published=sample_register.DAY)
    result = validate_bods(path)
    assert result.schema_version == "0.4"
    assert [p.message for p in result.problems] == []
    assert result.statistics["count_entity_statements"] > 0


def test_libcovebods_reports_broken_statements(tmp_path: Path) -> None:
    """The checker is not vacuous: a schema error and a broken rule both come back."""
    statements = _statements(_load(EmbeddedStore()))
    statements[0]["recordDetails"]["entityType"]["type"] = "company"
    person = next(s for s in statements if s["recordType"] == "person")
    relationship = next(s for s in statements if s["recordType"] == "relationship")
    relationship["recordDetails"]["subject"] = person["recordId"]
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in statements), encoding="utf-8")
    result = validate_bods(path)
    kinds = {(p.kind, p.type) for p in result.problems}
    assert ("schema", "enum") in kinds
    assert ("check", "subject_can_only_refer_to_entity") in kinds
    assert not result.ok


def test_the_round_trip_keeps_every_holders_owners(store: GraphStore, tmp_path: Path) -> None:
    _load(store)
    refs = holders(store)
    assert {"pg", "hn", "si", "mp", "fi", "se"} <= set(refs)
    report = round_trip(store, tmp_path, as_of=sample_register.DAY)
    assert report.ok, report.to_dict()
    assert report.same == report.holders == len(refs)


def test_the_owners_signature_sees_a_changed_share() -> None:
    before, after = EmbeddedStore(), EmbeddedStore()
    _load(before)
    changed = [e for e in sample_register.edges() if e.id != "e-ana-hn"]
    after.write(sample_register.nodes(), [*changed, owns("ana", "hn", 55, edge_id="e-ana-hn")])
    day = sample_register.DAY
    same = owners_signature(owners_of(before, "pg", as_of=day), str)
    assert same == owners_signature(owners_of(before, "pg", as_of=day), str)
    assert same != owners_signature(owners_of(after, "pg", as_of=day), str)


def test_the_same_register_gives_the_same_file() -> None:
    store = _load(EmbeddedStore())
    assert _statements(store) == _statements(store)
