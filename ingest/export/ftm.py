"""The register as FollowTheMoney entities (JSON Lines), for Aleph and OpenSanctions users.

Each line is ``{"id", "schema", "properties": {name: [values]}}``, the form that
``ftm`` tools and ``alephclient write-entities`` read. Mapping:

=================================  ==========================================================
registry                           FollowTheMoney
=================================  ==========================================================
person                             ``Person`` (RFC as ``taxNumber``, CURP as ``idNumber``,
                                   ``role.pep`` topic for politically exposed persons)
company, trust, arrangement        ``Company`` (a trust with ``legalForm`` fideicomiso)
public body                        ``PublicBody``
unknown owner                      ``LegalEntity`` named after its BODS reason
hydrocarbon / procurement contract ``Contract``; mining concession ``License``
shareholding, votes, settlor,      ``Ownership`` (``percentage``, ``role`` = BODS interest)
beneficiary of a trust
other control, trustee, protector  ``Directorship``; a nominee ``Representation``
member of a contract, holder of a  ``ContractAward`` (the buyer of a procurement contract
concession, award of a contract    is its ``authority``)
public position                    ``Position`` and ``Occupancy``
relative of a PEP                  ``Family``
on SAT 69-B / SFP sanctions list   ``Sanction`` (and a ``crime.fraud`` / ``debarment`` topic)
possibly the same (resolution)     ``UnknownLink``
=================================  ==========================================================

Ids are the registry's canonical ids (edges: edge ids), so that a second export merges
onto the same entities. Countries are lower-case ISO codes, as FollowTheMoney writes them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from ingest.export.register import ExportReport, Register, read_register
from registry.codelists import InterestType
from registry.model import Edge, EdgeRole, Node, NodeKind, make_id
from registry.store.protocol import GraphStore

__all__ = ["export_ftm", "ftm_entities"]

Properties = dict[str, list[str]]

_ASSETS: Final = frozenset({NodeKind.COMPANY, NodeKind.TRUST, NodeKind.ARRANGEMENT})
_ORGANIZATIONS: Final = _ASSETS | {NodeKind.PUBLIC_BODY}
_OWNERSHIP_INTERESTS: Final = frozenset(
    {InterestType.SETTLOR, InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT}
)
_LIST_TOPICS: Final = {"SAT 69-B": "crime.fraud", "SFP sanctioned suppliers": "debarment"}
_LIST_AUTHORITIES: Final = {
    "SAT 69-B": "Servicio de Administración Tributaria (SAT)",
    "SFP sanctioned suppliers": "Secretaría de la Función Pública (SFP)",
}
#: Who grants each kind of contract: written as a ``PublicBody`` of its own.
_AUTHORITIES: Final = {
    NodeKind.HYDROCARBON_CONTRACT: "Comisión Nacional de Hidrocarburos (CNH)",
    NodeKind.MINING_CONCESSION: "Secretaría de Economía, Dirección General de Minas",
}
_CONTRACT_TYPES: Final = {
    NodeKind.HYDROCARBON_CONTRACT: "hydrocarbon contract",
    NodeKind.MINING_CONCESSION: "mining concession",
    NodeKind.PROCUREMENT_CONTRACT: "procurement contract",
}


def _entity(entity_id: str, schema: str, properties: dict[str, Any]) -> dict[str, Any]:
    cleaned: Properties = {}
    for key, value in properties.items():
        values = value if isinstance(value, list) else [value]
        texts = [str(v) for v in values if v is not None and str(v) != ""]
        if texts:
            cleaned[key] = list(dict.fromkeys(texts))
    return {"id": entity_id, "schema": schema, "properties": cleaned}


def _percent(edge: Edge) -> str | None:
    if edge.share is None:
        return None
    if edge.share.is_exact:
        return f"{edge.share.min:g}"
    return f"{edge.share.min:g}-{edge.share.max:g}"


def _phone(node: Node) -> str | None:
    """A phone number FollowTheMoney can parse: with its country code."""
    if not node.phone:
        return None
    if node.phone.startswith("+"):
        return node.phone
    return f"+52 {node.phone}" if (node.jurisdiction or "MX") == "MX" else None


def _dates(edge: Edge) -> dict[str, Any]:
    return {
        "startDate": edge.start_date.isoformat() if edge.start_date else None,
        "endDate": edge.end_date.isoformat() if edge.end_date else None,
        "recordId": edge.record_id,
        "publisher": "mx-bo-registry",
    }


class _FtmWriter:
    def __init__(self, register: Register) -> None:
        self.register = register
        self.nodes = register.nodes
        self.topics: dict[str, set[str]] = defaultdict(set)
        self.authority: dict[str, str] = {}
        self.edges = 0
        for edge in register.edges:
            if edge.role is EdgeRole.LISTING:
                listed = str(edge.attributes.get("list") or "")
                if listed in _LIST_TOPICS:
                    self.topics[edge.source].add(_LIST_TOPICS[listed])
            elif edge.role is EdgeRole.PARTICIPATION and edge.attributes.get("buyer"):
                self.authority[edge.target] = edge.source

    def entities(self) -> Iterator[dict[str, Any]]:
        for kind, name in _AUTHORITIES.items():
            yield _entity(self._authority_id(kind), "PublicBody", {"name": name, "country": "mx"})
        for node in self.nodes.values():
            entity = self._node(node)
            if entity is not None:
                yield entity
        for edge in self.register.edges:
            for entity in self._edge(edge):
                self.edges += 1
                yield entity

    @staticmethod
    def _authority_id(kind: NodeKind) -> str:
        return make_id("ftm-authority", kind.value)

    # -- nodes ---------------------------------------------------------------------------
    def _node(self, node: Node) -> dict[str, Any] | None:
        ids = {i.scheme: i.id for i in node.identifiers}
        country = node.jurisdiction.lower() if node.jurisdiction else None
        common: dict[str, Any] = {
            "name": node.name or node.id,
            "address": node.address,
            "sourceUrl": None,
            "topics": sorted(self.topics.get(node.id, ())),
        }
        if node.kind is NodeKind.PERSON:
            if node.politically_exposed:
                common["topics"] = sorted({*common["topics"], "role.pep"})
            return _entity(
                node.id,
                "Person",
                {
                    **common,
                    "taxNumber": ids.get("MEX-TAXID") or ids.get("MX-RFC"),
                    "idNumber": ids.get("MX-CURP"),
                    "nationality": country,
                    "phone": _phone(node),
                },
            )
        if node.kind in _ASSETS or node.kind is NodeKind.PUBLIC_BODY:
            legal_form = {
                NodeKind.TRUST: "fideicomiso (trust)",
                NodeKind.ARRANGEMENT: "arrangement",
            }.get(node.kind)
            return _entity(
                node.id,
                "PublicBody" if node.kind is NodeKind.PUBLIC_BODY else "Company",
                {
                    **common,
                    "taxNumber": ids.get("MX-RFC"),
                    "registrationNumber": ids.get("MX-FIDEICOMISO"),
                    "jurisdiction": country,
                    "incorporationDate": node.incorporation_date.isoformat()
                    if node.incorporation_date
                    else None,
                    "legalForm": legal_form,
                    "phone": _phone(node),
                },
            )
        if node.kind is NodeKind.UNSPECIFIED:
            reason = node.unspecified_reason.value if node.unspecified_reason else "unknown"
            return _entity(
                node.id,
                "LegalEntity",
                {"name": f"Unknown owner ({reason})", "description": node.description},
            )
        if node.kind in _CONTRACT_TYPES:
            schema = "License" if node.kind is NodeKind.MINING_CONCESSION else "Contract"
            authority = self.authority.get(node.id) or (
                self._authority_id(node.kind) if node.kind in _AUTHORITIES else None
            )
            return _entity(
                node.id,
                schema,
                {
                    "name": node.name or node.id,
                    "title": node.name or node.id,
                    "type": _CONTRACT_TYPES[node.kind],
                    "authority": authority,
                    "country": "mx",
                },
            )
        return None  # listings become Sanction entities, one per listed party

    # -- edges ---------------------------------------------------------------------------
    def _edge(self, edge: Edge) -> Iterator[dict[str, Any]]:
        source, target = self.nodes[edge.source], self.nodes[edge.target]
        dates = _dates(edge)
        role = edge.interest_type.value if edge.interest_type else edge.role.value
        if edge.role.is_interest:
            yield self._interest(edge, source, target, role, dates)
        elif edge.role in (EdgeRole.PARTICIPATION, EdgeRole.HOLDING):
            if edge.attributes.get("buyer"):
                return  # the buyer is the contract's authority
            member = "holder" if edge.role is EdgeRole.HOLDING else "member"
            if edge.attributes.get("operator"):
                member = "operator"
            yield _entity(
                edge.id,
                "ContractAward",
                {
                    **dates,
                    "supplier": edge.source,
                    "contract": edge.target,
                    "role": member,
                    "summary": f"participation {_percent(edge)} %" if edge.share else None,
                },
            )
        elif edge.role is EdgeRole.AWARD:
            yield _entity(
                edge.id,
                "ContractAward",
                {**dates, "contract": edge.source, "supplier": edge.target, "role": "supplier"},
            )
        elif edge.role is EdgeRole.POSITION:
            post_id = make_id("ftm-position", edge.id)
            title = str(edge.attributes.get("cargo") or f"Public servant, {target.name}")
            yield _entity(
                post_id, "Position", {"name": title, "organization": edge.target, "country": "mx"}
            )
            yield _entity(edge.id, "Occupancy", {**dates, "holder": edge.source, "post": post_id})
        elif edge.role is EdgeRole.RELATIVE:
            yield _entity(
                edge.id,
                "Family",
                {
                    **dates,
                    "person": edge.source,
                    "relative": edge.target,
                    "relationship": edge.attributes.get("kinship"),
                },
            )
        elif edge.role is EdgeRole.LISTING:
            listed = str(edge.attributes.get("list") or target.name)
            yield _entity(
                edge.id,
                "Sanction",
                {
                    **dates,
                    "entity": edge.source,
                    "program": listed,
                    "authority": _LIST_AUTHORITIES.get(listed),
                    "reason": target.name,
                    "status": target.attributes.get("situacion") or None,
                    "country": "mx",
                },
            )
        elif edge.role is EdgeRole.POSSIBLY_SAME:
            yield _entity(
                edge.id,
                "UnknownLink",
                {
                    "subject": edge.source,
                    "object": edge.target,
                    "role": "possibly the same (entity resolution)",
                    "description": edge.attributes.get("reason"),
                },
            )

    @staticmethod
    def _interest(
        edge: Edge, source: Node, target: Node, role: str, dates: dict[str, Any]
    ) -> dict[str, Any]:
        details = {**dates, "role": role, "summary": edge.details}
        owning = edge.role in (EdgeRole.CAPITAL, EdgeRole.VOTING) or (
            edge.interest_type in _OWNERSHIP_INTERESTS
        )
        if owning and target.kind in _ASSETS:
            return _entity(
                edge.id,
                "Ownership",
                {
                    **details,
                    "owner": edge.source,
                    "asset": edge.target,
                    "percentage": _percent(edge),
                },
            )
        if edge.role is EdgeRole.NOMINEE:
            return _entity(
                edge.id, "Representation", {**details, "agent": edge.source, "client": edge.target}
            )
        if target.kind in _ORGANIZATIONS and source.kind is not NodeKind.UNSPECIFIED:
            return _entity(
                edge.id,
                "Directorship",
                {**details, "director": edge.source, "organization": edge.target},
            )
        return _entity(
            edge.id, "UnknownLink", {**details, "subject": edge.source, "object": edge.target}
        )


def ftm_entities(register: Register) -> Iterator[dict[str, Any]]:
    """FollowTheMoney entities of a register, nodes first."""
    yield from _FtmWriter(register).entities()


def export_ftm(store: GraphStore, path: Path) -> ExportReport:
    """Write the register as FollowTheMoney entities, one JSON object per line."""
    register = read_register(store)
    writer = _FtmWriter(register)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for entity in writer.entities():
            handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return ExportReport(
        format="ftm",
        path=str(path),
        nodes=count - writer.edges,
        edges=writer.edges,
        files=(str(path),),
    )
