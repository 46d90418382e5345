"""Normalised tabular records → graph: edges per kind, linking by identifiers, transfers."""

from __future__ import annotations

from datetime import date
from typing import Any

from ingest.ledger import StoredRecord
from ingest.record_graph import build_from_records
from ingest.records import NormalisedRecord, PartyKind, PartyMention, RecordKind
from registry.analysis.ownership import owners
from registry.model import EdgeRole, NodeKind, Subgraph


def mention(field: str, role: str, kind: PartyKind, name: str, **kw: Any) -> PartyMention:
    return PartyMention(field=field, role=role, kind=kind, name=name, name_key=name.upper(), **kw)


def stored(source: str, row: int, record: NormalisedRecord) -> StoredRecord:
    return StoredRecord(
        source=source,
        file_name=f"{source}.csv",
        file_seq=1,
        position=row,
        locator=f"row {row}",
        key=record.key,
        record_id=None,
        record_type=record.kind.value,
        record_status=None,
        record_date=None,
        normalised=record.model_dump(mode="json"),
        ingested_at="2026-01-01T00:00:00+00:00",
    )


def declaration(
    row: int,
    owner: PartyMention,
    subject: str,
    rfc: str | None,
    share: float,
    interest: str = "shareholding",
) -> StoredRecord:
    record = NormalisedRecord(
        source="bo-declarations",
        kind=RecordKind.DECLARATION,
        key=f"D{row}",
        parties=[
            mention("EMPRESA_DECLARANTE", "subject", PartyKind.COMPANY, subject, rfc=rfc),
            owner,
        ],
        facts={
            "interest_type": interest,
            "share": {"min": share, "max": share},
            "direct_or_indirect": "direct",
            "start": "2020-01-01",
        },
    )
    return stored("bo-declarations", row, record)


def test_declarations_build_an_ownership_chain_linked_by_rfc_and_name() -> None:
    rows = [
        declaration(
            1,
            mention(
                "RAZON_SOCIAL", "owner", PartyKind.COMPANY, "HOLDING NORTE", rfc="HNO100101AB1"
            ),
            "PETROLERA SUR",
            "PSU100101CD2",
            60,
        ),
        # The holding declares its own owner; it is named without its RFC this time.
        declaration(
            2, mention("NOMBRE", "owner", PartyKind.PERSON, "ANA PEREZ"), "HOLDING NORTE", None, 50
        ),
    ]
    graph = build_from_records(rows)
    names = {n.name: n for n in graph.nodes}
    assert set(names) == {"HOLDING NORTE", "PETROLERA SUR", "ANA PEREZ"}
    petrolera = names["PETROLERA SUR"]
    sub = Subgraph(nodes={n.id: n for n in graph.nodes}, edges=tuple(graph.edges))
    answer = owners(sub, petrolera.id, as_of=date(2024, 1, 1))
    got = {o.name: o.effective.min for o in answer.owners}
    assert got == {"HOLDING NORTE": 60.0, "ANA PEREZ": 30.0}
    holding = names["HOLDING NORTE"]
    assert [i.key for i in holding.identifiers] == ["MX-RFC:HNO100101AB1"]
    assert len(holding.sources) == 2  # mentioned in both rows


def test_unknown_owner_is_an_unspecified_party_per_row() -> None:
    unknown = mention(
        "MOTIVO_NO_IDENTIFICADO",
        "owner",
        PartyKind.UNKNOWN,
        "",
        unspecified_reason="interestedPartyHasNotProvidedInformation",
    )
    graph = build_from_records(
        [
            declaration(1, unknown, "OPACA SA", None, 40),
            declaration(2, unknown, "OPACA SA", None, 20),
        ]
    )
    unspecified = [n for n in graph.nodes if n.kind is NodeKind.UNSPECIFIED]
    assert len(unspecified) == 2
    assert {n.unspecified_reason for n in unspecified} == {
        "interestedPartyHasNotProvidedInformation"
    }


def test_mining_transfer_ends_the_previous_holding() -> None:
    concession = NormalisedRecord(
        source="mining-concessions",
        kind=RecordKind.CONCESSION,
        key="227855",
        parties=[mention("TITULAR", "holder", PartyKind.COMPANY, "MINERA UNO", rfc="MUN100101AB1")],
        facts={"title": "T-227855", "start": "2010-01-01", "end": "2060-01-01"},
    )
    act = NormalisedRecord(
        source="mining-acts",
        kind=RecordKind.MINING_ACT,
        key="227855|42",
        parties=[
            mention("CEDENTE", "from", PartyKind.COMPANY, "MINERA UNO", rfc="MUN100101AB1"),
            mention("CESIONARIO", "to", PartyKind.COMPANY, "MINERA DOS"),
        ],
        facts={"title": "227855", "act_type": "Transmisión de titularidad", "date": "2018-05-01"},
    )
    graph = build_from_records(
        [stored("mining-concessions", 1, concession), stored("mining-acts", 1, act)]
    )
    holds = sorted(
        (e for e in graph.edges if e.role is EdgeRole.HOLDING), key=lambda e: str(e.start_date)
    )
    assert len({e.target for e in holds}) == 1  # one concession node for "T-227855" and "227855"
    assert [(e.start_date, e.end_date) for e in holds] == [
        (date(2010, 1, 1), date(2018, 5, 1)),
        (date(2018, 5, 1), None),
    ]


def test_pep_position_and_relative() -> None:
    pep = NormalisedRecord(
        source="pep",
        kind=RecordKind.PEP,
        key="P1",
        parties=[mention("NOMBRE", "pep", PartyKind.PERSON, "JUAN LOPEZ")],
        facts={"cargo": "Director", "dependencia": "Secretaría de Energía", "is_pep": True},
    )
    relative = NormalisedRecord(
        source="pep",
        kind=RecordKind.PEP,
        key="P2",
        parties=[mention("NOMBRE", "relative", PartyKind.PERSON, "LUISA LOPEZ")],
        facts={"parentesco": "hija", "related_pep": "P1", "is_pep": False},
    )
    graph = build_from_records([stored("pep", 1, pep), stored("pep", 2, relative)])
    kinds = sorted(e.role.value for e in graph.edges)
    assert kinds == ["position", "relative"]
    people = {n.name: n for n in graph.nodes if n.kind is NodeKind.PERSON}
    assert people["JUAN LOPEZ"].politically_exposed
    assert not people["LUISA LOPEZ"].politically_exposed
    assert any(n.kind is NodeKind.PUBLIC_BODY for n in graph.nodes)
