"""The resolved register as BODS 0.4 statements, one JSON object per line.

What becomes what:

* every party node is one record: a person a ``person`` record (names, identifiers with a
  ``{ISO3}-{TYPE}`` scheme, nationality, political exposure), a company a
  ``registeredEntity``, a trust an ``arrangement`` of subtype ``trust``, a public body a
  ``stateBody``; its ``recordId`` is the registry's canonical id, so that a re-import finds
  each party again by it;
* the interests between two parties from one source record are one ``relationship``
  record, each interest with its type, direct or indirect, share (exact or a range), dates
  and details;
* an unknown owner is written where it is used, as BODS does: an unspecified
  ``interestedParty`` with its reason and description;
* each statement names its sources (the files and rows the facts came from) and the
  publication details of the export;
* an interest whose source gives a start date after its end date (never in force, for
  the analysis) starts and ends on its end date, and says so in its details: BODS forbids
  the reversed dates.

Left out, because BODS has no place for them: contracts, concessions, listings and the
other non-interest edges (``registry export graphml|csv|ftm`` carry them), and interests
whose subject is a person or an unknown party (BODS subjects are entities); they are
counted in the report.

Records come entities first, persons next, relationships last, so that each relationship
follows the records it names, and the order is stable: the same register gives the same
file.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, Final

import pycountry

from ingest.export.orgid import entity_identifier, person_identifier
from ingest.export.register import Register, read_register
from registry.codelists import (
    EntitySubtype,
    EntityType,
    PersonType,
    SourceType,
    UnspecifiedReason,
)
from registry.model import Edge, EdgeRole, Node, NodeKind, Share, make_id
from registry.store.protocol import GraphStore

__all__ = ["BODS_VERSION", "BodsExport", "BodsExportReport", "bods_statements", "export_bods"]

BODS_VERSION: Final = "0.4"
DEFAULT_PUBLISHER: Final = "mx-bo-registry"
_MAX_SOURCES_NAMED = 10
_STATEMENT_NAMESPACE: Final = uuid.UUID("0f6a1b6e-3c1d-5a59-9d0e-6d78a0a0b0d4")

#: BODS source type of each of the registry's sources (the adapter names).
_SOURCE_TYPES: Final[dict[str, SourceType]] = {
    "bo-declarations": SourceType.SELF_DECLARATION,
    "bods": SourceType.THIRD_PARTY,
}

_ENTITY_TYPES: Final[dict[NodeKind, EntityType]] = {
    NodeKind.COMPANY: EntityType.REGISTERED_ENTITY,
    NodeKind.TRUST: EntityType.ARRANGEMENT,
    NodeKind.ARRANGEMENT: EntityType.ARRANGEMENT,
    NodeKind.PUBLIC_BODY: EntityType.STATE_BODY,
}
#: Entity types a node of each kind may keep from its source without changing its kind.
_KEEPS_TYPE: Final[dict[NodeKind, frozenset[str]]] = {
    NodeKind.COMPANY: frozenset(
        {
            EntityType.REGISTERED_ENTITY,
            EntityType.LEGAL_ENTITY,
            EntityType.ANONYMOUS_ENTITY,
            EntityType.UNKNOWN_ENTITY,
        }
    ),
    NodeKind.TRUST: frozenset({EntityType.ARRANGEMENT, EntityType.LEGAL_ENTITY}),
    NodeKind.ARRANGEMENT: frozenset({EntityType.ARRANGEMENT}),
    NodeKind.PUBLIC_BODY: frozenset({EntityType.STATE_BODY, EntityType.STATE}),
}
_SUBTYPES: Final[dict[str, frozenset[str]]] = {
    EntityType.ARRANGEMENT: frozenset({EntitySubtype.NOMINATION, EntitySubtype.OTHER}),
    EntityType.STATE_BODY: frozenset(
        {EntitySubtype.GOVERNMENT_DEPARTMENT, EntitySubtype.STATE_AGENCY, EntitySubtype.OTHER}
    ),
}


@dataclass(slots=True)
class BodsExportReport:
    """What an export wrote, and what it could not say in BODS."""

    entities: int = 0
    persons: int = 0
    relationships: int = 0
    interests: int = 0
    unspecified: int = 0  # unknown owners written inline in relationships
    reversed_dates: int = 0  # interests whose source gives a start after the end
    skipped: Counter[str] = field(default_factory=Counter)  # edges left out, by reason

    @property
    def statements(self) -> int:
        return self.entities + self.persons + self.relationships

    def to_dict(self) -> dict[str, Any]:
        return {
            "statements": self.statements,
            "entities": self.entities,
            "persons": self.persons,
            "relationships": self.relationships,
            "interests": self.interests,
            "unspecified": self.unspecified,
            "reversed_dates": self.reversed_dates,
            "skipped": dict(sorted(self.skipped.items())),
        }


def _country(code: str | None) -> dict[str, str] | None:
    if not code:
        return None
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return None
    return {"code": country.alpha_2, "name": country.name}


def _share(share: Share) -> dict[str, float]:
    if share.is_exact:
        return {"exact": share.min}
    out: dict[str, float] = {}
    out["exclusiveMinimum" if share.exclusive_min else "minimum"] = share.min
    out["exclusiveMaximum" if share.exclusive_max else "maximum"] = share.max
    return out


def _source_name(provenance: str) -> str:
    return provenance.split(":", 1)[0]


def _source(provenance: tuple[str, ...]) -> dict[str, Any]:
    """A BODS source: its types from the registry's sources, and which files and rows."""
    types = sorted(
        {_SOURCE_TYPES.get(_source_name(p), SourceType.OFFICIAL_REGISTER) for p in provenance}
    )
    named = "; ".join(provenance[:_MAX_SOURCES_NAMED])
    more = len(provenance) - _MAX_SOURCES_NAMED
    description = f"Compiled by {DEFAULT_PUBLISHER} from " + (named or "its register")
    if more > 0:
        description += f" and {more} more"
    return {
        "type": [t.value for t in types or [SourceType.THIRD_PARTY]],
        "description": description,
    }


class BodsExport:
    """Statements of one register, streamed; ``report`` counts as they are produced."""

    def __init__(
        self,
        register: Register,
        *,
        published: date | None = None,
        publisher: str = DEFAULT_PUBLISHER,
    ) -> None:
        self.register = register
        self.published = (published or date.today()).isoformat()
        self.publication = {
            "publicationDate": self.published,
            "bodsVersion": BODS_VERSION,
            "publisher": {"name": publisher},
        }
        self.report = BodsExportReport()

    def statements(self) -> Iterator[dict[str, Any]]:
        """Entities, then persons, then relationships."""
        parties = [n for n in self.register.nodes.values() if n.kind.is_party]
        for node in parties:
            if node.kind in _ENTITY_TYPES:
                self.report.entities += 1
                yield self._statement(node.id, node.id, "entity", self._entity(node), node.sources)
        for node in parties:
            if node.kind is NodeKind.PERSON:
                self.report.persons += 1
                yield self._statement(node.id, node.id, "person", self._person(node), node.sources)
        yield from self._relationships()

    # -- records -------------------------------------------------------------------------
    def _statement(
        self,
        record_id: str,
        subject: str,
        record_type: str,
        details: dict[str, Any],
        sources: tuple[str, ...],
    ) -> dict[str, Any]:
        body = json.dumps([record_id, record_type, details], sort_keys=True, ensure_ascii=False)
        statement_id = uuid.uuid5(_STATEMENT_NAMESPACE, f"{self.published}\x1f{body}")
        return {
            "statementId": str(statement_id),
            "declarationSubject": subject,
            "statementDate": self.published,
            "recordId": record_id,
            "recordType": record_type,
            "recordStatus": "new",
            "recordDetails": details,
            "publicationDetails": self.publication,
            "source": _source(sources),
        }

    def _entity(self, node: Node) -> dict[str, Any]:
        entity_type = (
            node.entity_type
            if node.entity_type in _KEEPS_TYPE[node.kind]
            else _ENTITY_TYPES[node.kind].value
        )
        kind: dict[str, str] = {"type": entity_type}
        if node.kind is NodeKind.TRUST:
            kind["subtype"] = EntitySubtype.TRUST.value
        elif node.entity_subtype in _SUBTYPES.get(entity_type, frozenset()):
            kind["subtype"] = str(node.entity_subtype)
        details: dict[str, Any] = {"isComponent": False, "entityType": kind}
        if node.name:
            details["name"] = node.name
        if node.identifiers:
            details["identifiers"] = [entity_identifier(i) for i in node.identifiers]
        jurisdiction = _country(node.jurisdiction)
        if jurisdiction is not None:
            details["jurisdiction"] = jurisdiction
        if node.incorporation_date is not None:
            details["foundingDate"] = node.incorporation_date.isoformat()
        address = self._address(node, "registered")
        if address is not None:
            details["addresses"] = [address]
        return details

    def _person(self, node: Node) -> dict[str, Any]:
        person_type = (
            node.person_type
            if node.person_type in {t.value for t in PersonType}
            else PersonType.KNOWN_PERSON.value
        )
        details: dict[str, Any] = {"isComponent": False, "personType": person_type}
        if node.name:
            details["names"] = [{"type": "legal", "fullName": node.name}]
        if node.identifiers:
            details["identifiers"] = [person_identifier(i) for i in node.identifiers]
        nationality = _country(node.jurisdiction)
        if nationality is not None:
            details["nationalities"] = [nationality]
        if node.politically_exposed:
            details["politicalExposure"] = {"status": "isPep"}
        address = self._address(node, "residence")
        if address is not None:
            details["addresses"] = [address]
        return details

    @staticmethod
    def _address(node: Node, kind: str) -> dict[str, Any] | None:
        if not node.address:
            return None
        address: dict[str, Any] = {"type": kind, "address": node.address}
        if node.postal_code:
            address["postCode"] = node.postal_code
        country = _country(node.jurisdiction)
        if country is not None:
            address["country"] = country
        return address

    # -- relationships -------------------------------------------------------------------
    def _relationships(self) -> Iterator[dict[str, Any]]:
        nodes = self.register.nodes
        groups: dict[tuple[str, str, str], list[Edge]] = {}
        for edge in self.register.edges:
            if not edge.role.is_interest:
                continue
            reason = self._unexportable(nodes[edge.source], nodes[edge.target])
            if reason is not None:
                self.report.skipped[reason] += 1
                continue
            key = (edge.source, edge.target, edge.record_id or edge.id)
            groups.setdefault(key, []).append(edge)
        for (source, target, record), edges in groups.items():
            party = nodes[source]
            interested: str | dict[str, str]
            if party.kind is NodeKind.UNSPECIFIED:
                interested = {"reason": str(party.unspecified_reason or UnspecifiedReason.UNKNOWN)}
                if party.description:
                    interested["description"] = party.description
                self.report.unspecified += 1
            else:
                interested = source
            interests = [self._interest(e, party.kind is NodeKind.PERSON) for e in edges]
            self.report.reversed_dates += sum(
                1 for e in edges if e.start_date and e.end_date and e.start_date > e.end_date
            )
            details = {
                "isComponent": False,
                "subject": target,
                "interestedParty": interested,
                "interests": interests,
            }
            provenance = tuple(dict.fromkeys(p for e in edges for p in e.sources))
            self.report.relationships += 1
            self.report.interests += len(interests)
            record_id = make_id("rel", source, target, record)
            yield self._statement(record_id, target, "relationship", details, provenance)

    @staticmethod
    def _unexportable(source: Node, target: Node) -> str | None:
        if target.kind is NodeKind.PERSON:
            return "subject is a person"
        if target.kind not in _ENTITY_TYPES:
            return f"subject is a {target.kind.value.replace('_', ' ')}"
        if not source.kind.is_party:
            return f"interested party is a {source.kind.value.replace('_', ' ')}"
        return None

    @staticmethod
    def _interest(edge: Edge, by_person: bool) -> dict[str, Any]:
        interest: dict[str, Any] = {}
        if edge.interest_type is not None:
            interest["type"] = edge.interest_type.value
        if edge.direct_or_indirect is not None:
            interest["directOrIndirect"] = edge.direct_or_indirect.value
        if edge.beneficial_ownership_or_control is not None:
            # BODS: only a natural person is a beneficial owner.
            interest["beneficialOwnershipOrControl"] = (
                edge.beneficial_ownership_or_control and by_person
            )
        if edge.share is not None:
            interest["share"] = _share(edge.share)
        start, end, details = edge.start_date, edge.end_date, edge.details
        if start is not None and end is not None and start > end:
            # BODS forbids a start after the end. Such an interest was never in force for
            # the analysis; starting and ending on one day says the same, and the details
            # keep what the source gave.
            note = f"the source gives a start date ({start}) after the end date ({end})"
            details = f"{details}; {note}" if details else note
            start = end
        if start is not None:
            interest["startDate"] = start.isoformat()
        if end is not None:
            interest["endDate"] = end.isoformat()
        if details:
            interest["details"] = details
        return interest


def bods_statements(
    store: GraphStore, *, published: date | None = None, publisher: str = DEFAULT_PUBLISHER
) -> BodsExport:
    """The export of a store's register; iterate ``.statements()``, then read ``.report``."""
    register = read_register(
        store,
        kinds=[k for k in NodeKind if k.is_party],
        roles=[r for r in EdgeRole if r.is_interest],
    )
    return BodsExport(register, published=published, publisher=publisher)


def export_bods(
    store: GraphStore,
    out: IO[str] | Path,
    *,
    published: date | None = None,
    publisher: str = DEFAULT_PUBLISHER,
) -> BodsExportReport:
    """Write the register as BODS 0.4 JSON Lines to ``out`` (an open text stream or a path).

    Example::

        with open("register.jsonl", "w", encoding="utf-8") as handle:
            report = export_bods(store, handle)
    """
    export = bods_statements(store, published=published, publisher=publisher)
    if isinstance(out, Path):
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            _write(export, handle)
    else:
        _write(export, out)
    return export.report


def _write(export: BodsExport, handle: IO[str]) -> None:
    for statement in export.statements():
        handle.write(json.dumps(statement, ensure_ascii=False, separators=(",", ":")) + "\n")
