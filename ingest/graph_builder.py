"""From the ledger to graph nodes and edges.

BODS records are reduced to their current state: per recordId the latest statement wins
(by statementDate, then by ingest order) and a record whose latest statement is closed
drops out. Each current record becomes a node, or one edge per interest. A reference to a
record that is not in the ledger becomes an explicit unspecified party with the reason,
so no edge is lost, and is reported.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ingest.ledger import StoredRecord
from registry.codelists import (
    DirectOrIndirect,
    InterestType,
    RecordStatus,
    RecordType,
    UnspecifiedReason,
)
from registry.model import NODE_ID_PREFIX, Edge, Identifier, Node, NodeKind, Share, make_id
from registry.schema import kind_of_entity, role_of

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BuiltGraph:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    records: int = 0
    current: int = 0
    closed: int = 0


def _record_node_id(kind: NodeKind, record_id: str) -> str:
    return make_id(NODE_ID_PREFIX[kind], "bods", record_id)


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _share(raw: Any) -> Share | None:
    if not isinstance(raw, dict) or not raw:
        return None
    if isinstance(raw.get("exact"), int | float):
        value = float(raw["exact"])
        return Share(min=value, max=value)
    lo, hi = 0.0, 100.0
    ex_lo = ex_hi = False
    if isinstance(raw.get("minimum"), int | float):
        lo = float(raw["minimum"])
    elif isinstance(raw.get("exclusiveMinimum"), int | float):
        lo, ex_lo = float(raw["exclusiveMinimum"]), True
    if isinstance(raw.get("maximum"), int | float):
        hi = float(raw["maximum"])
    elif isinstance(raw.get("exclusiveMaximum"), int | float):
        hi, ex_hi = float(raw["exclusiveMaximum"]), True
    if lo > hi:
        lo, hi = hi, lo
    return Share(min=lo, max=hi, exclusive_min=ex_lo, exclusive_max=ex_hi)


def _identifiers(details: dict[str, Any]) -> tuple[Identifier, ...]:
    found: list[Identifier] = []
    for raw in details.get("identifiers") or []:
        if not isinstance(raw, dict) or not raw.get("id"):
            continue
        scheme = raw.get("scheme") or raw.get("schemeName") or "UNKNOWN"
        found.append(Identifier(scheme=str(scheme), id=str(raw["id"])))
    return tuple(dict.fromkeys(found))


def _person_name(details: dict[str, Any]) -> str:
    for raw in details.get("names") or []:
        if not isinstance(raw, dict):
            continue
        if raw.get("fullName"):
            return str(raw["fullName"])
        parts = [raw.get("givenName"), raw.get("patronymicName"), raw.get("familyName")]
        joined = " ".join(str(p) for p in parts if p)
        if joined:
            return joined
    return ""


def _source(record: StoredRecord) -> str:
    return f"{record.source}:{record.file_name}:{record.key or record.position}"


def _party_node(record: StoredRecord) -> Node:
    statement = record.normalised
    details: dict[str, Any] = statement.get("recordDetails") or {}
    record_id = str(statement["recordId"])
    if statement["recordType"] == RecordType.PERSON:
        exposure = details.get("politicalExposure") or {}
        return Node(
            id=_record_node_id(NodeKind.PERSON, record_id),
            kind=NodeKind.PERSON,
            name=_person_name(details),
            identifiers=_identifiers(details),
            record_ids=(record_id,),
            person_type=details.get("personType"),
            jurisdiction=_first_code(details.get("nationalities")),
            politically_exposed=isinstance(exposure, dict) and exposure.get("status") == "isPep",
            sources=(_source(record),),
        )
    entity_type = _field(details, "entityType", "type")
    subtype = _field(details, "entityType", "subtype")
    kind = kind_of_entity(entity_type, subtype)
    jurisdiction = details.get("jurisdiction")
    return Node(
        id=_record_node_id(kind, record_id),
        kind=kind,
        name=str(details.get("name") or ""),
        identifiers=_identifiers(details),
        record_ids=(record_id,),
        entity_type=entity_type,
        entity_subtype=subtype,
        jurisdiction=jurisdiction.get("code") if isinstance(jurisdiction, dict) else None,
        sources=(_source(record),),
    )


def _field(value: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _first_code(items: Any) -> str | None:
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict) and item.get("code"):
                return str(item["code"])
    return None


def current_records(records: Iterable[StoredRecord]) -> tuple[list[StoredRecord], int, int]:
    """The latest statement per recordId, closed records removed."""
    latest: dict[str, StoredRecord] = {}
    total = 0
    for record in records:
        if record.record_id is None:
            continue
        total += 1
        previous = latest.get(record.record_id)
        if previous is None or (record.record_date or "", record.file_seq, record.position) >= (
            previous.record_date or "",
            previous.file_seq,
            previous.position,
        ):
            latest[record.record_id] = record
    current = [r for r in latest.values() if r.record_status != RecordStatus.CLOSED]
    closed = len(latest) - len(current)
    return current, total, closed


class _Builder:
    def __init__(self) -> None:
        self.out = BuiltGraph()
        self.by_record: dict[str, str] = {}
        self.nodes: dict[str, Node] = {}

    def party(self, record: StoredRecord) -> None:
        node = _party_node(record)
        self.nodes[node.id] = node
        self.by_record[str(record.normalised["recordId"])] = node.id

    def unspecified(
        self, relationship_id: str, side: str, raw: dict[str, Any], record: StoredRecord
    ) -> str:
        reason = raw.get("reason")
        try:
            parsed = UnspecifiedReason(reason) if reason else UnspecifiedReason.UNKNOWN
        except ValueError:
            parsed = UnspecifiedReason.UNKNOWN
        node = Node(
            id=make_id(NODE_ID_PREFIX[NodeKind.UNSPECIFIED], "bods", relationship_id, side),
            kind=NodeKind.UNSPECIFIED,
            name="",
            unspecified_reason=parsed,
            description=str(raw["description"]) if raw.get("description") else None,
            sources=(_source(record),),
        )
        self.nodes[node.id] = node
        return node.id

    def reference(self, value: Any, relationship_id: str, side: str, record: StoredRecord) -> str:
        if isinstance(value, dict):
            return self.unspecified(relationship_id, side, value, record)
        ref = str(value)
        if ref in self.by_record:
            return self.by_record[ref]
        node_id = make_id(NODE_ID_PREFIX[NodeKind.UNSPECIFIED], "bods-missing", ref)
        if node_id not in self.nodes:
            message = (
                f"{record.file_name} {record.locator}: relationship {relationship_id} names "
                f"{side} {ref!r}, which is not a current record in the ledger"
            )
            self.out.problems.append(message)
            log.warning(message)
            self.nodes[node_id] = Node(
                id=node_id,
                kind=NodeKind.UNSPECIFIED,
                record_ids=(ref,),
                unspecified_reason=UnspecifiedReason.INFORMATION_UNKNOWN_TO_PUBLISHER,
                description=f"record {ref} is referenced but not in the register",
                sources=(_source(record),),
            )
        return node_id

    def relationship(self, record: StoredRecord) -> None:
        statement = record.normalised
        details: dict[str, Any] = statement.get("recordDetails") or {}
        record_id = str(statement["recordId"])
        target = self.reference(details.get("subject"), record_id, "subject", record)
        source = self.reference(
            details.get("interestedParty"), record_id, "interestedParty", record
        )
        interests = [i for i in details.get("interests") or [] if isinstance(i, dict)] or [{}]
        for index, interest in enumerate(interests):
            raw_type = interest.get("type")
            interest_type = InterestType(raw_type) if raw_type else None
            doi = interest.get("directOrIndirect")
            bo = interest.get("beneficialOwnershipOrControl")
            self.out.edges.append(
                Edge(
                    id=make_id("ed", "bods", record_id, str(index)),
                    source=source,
                    target=target,
                    interest_type=interest_type,
                    role=role_of(interest_type),
                    share=_share(interest.get("share")),
                    direct_or_indirect=DirectOrIndirect(doi) if doi else None,
                    beneficial_ownership_or_control=bo if isinstance(bo, bool) else None,
                    start_date=_date(interest.get("startDate")),
                    end_date=_date(interest.get("endDate")),
                    details=str(interest["details"]) if interest.get("details") else None,
                    record_id=record_id,
                    statement_id=record.key,
                    is_component=bool(details.get("isComponent", False)),
                    sources=(_source(record),),
                )
            )


def build_graph(records: Iterable[StoredRecord]) -> BuiltGraph:
    """Nodes and edges of the current state of the BODS records given."""
    current, total, closed = current_records(records)
    builder = _Builder()
    builder.out.records, builder.out.current, builder.out.closed = total, len(current), closed
    for record in current:
        if record.record_type in (RecordType.ENTITY, RecordType.PERSON):
            builder.party(record)
    for record in current:
        if record.record_type == RecordType.RELATIONSHIP:
            builder.relationship(record)
    builder.out.nodes = sorted(builder.nodes.values(), key=lambda n: n.id)
    builder.out.edges.sort(key=lambda e: e.id)
    return builder.out
