"""From normalised tabular records to graph nodes and edges.

A party is the entity the resolver placed its mention in (``ingest.resolve``), when a
lookup is given; otherwise, and for mentions the resolver did not place, parties are linked
by a deterministic key: a valid CURP or RFC (generic RFCs were dropped by the adapters),
else the normalised name within its kind; a mention without an RFC takes the RFC that every
other mention of the same name carries, when there is exactly one. Trusts are keyed by
their registration key. The resolver's uncertain pairs become ``POSSIBLY_SAME`` edges.
Each row's facts become edges with the row's provenance (``source:file:row``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ingest.ledger import StoredRecord
from ingest.normalize.orgs import org_key
from ingest.records import NormalisedRecord, PartyKind, PartyMention, RecordKind
from registry.codelists import DirectOrIndirect, InterestType, UnspecifiedReason
from registry.model import (
    NODE_ID_PREFIX,
    Edge,
    EdgeRole,
    Identifier,
    Node,
    NodeKind,
    Share,
    make_id,
)
from registry.schema import role_of

_MAX_SOURCES = 50

_PARTY_KINDS: dict[PartyKind, NodeKind] = {
    PartyKind.PERSON: NodeKind.PERSON,
    PartyKind.COMPANY: NodeKind.COMPANY,
    PartyKind.TRUST: NodeKind.TRUST,
    PartyKind.PUBLIC_BODY: NodeKind.PUBLIC_BODY,
    PartyKind.UNKNOWN: NodeKind.UNSPECIFIED,
}

_TRUST_ROLES: dict[str, tuple[InterestType, str | None]] = {
    "settlor": (InterestType.SETTLOR, None),
    "principal": (InterestType.SETTLOR, "mandante"),
    "trustee": (InterestType.TRUSTEE, None),
    "agent": (InterestType.TRUSTEE, "mandatario"),
    "beneficiary": (InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT, None),
    "committee": (InterestType.OTHER_INFLUENCE_OR_CONTROL, "Comité técnico"),
}

_LIST_NAMES: dict[RecordKind, str] = {
    RecordKind.LISTING_69B: "SAT 69-B",
    RecordKind.SANCTION: "SFP sanctioned suppliers",
}


@dataclass(slots=True)
class _Row:
    record: NormalisedRecord
    provenance: str  # source:file:row


@dataclass(slots=True)
class _NodeDraft:
    kind: NodeKind
    names: Counter[str] = field(default_factory=Counter)
    identifiers: dict[str, Identifier] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    mentions: int = 0
    country: str | None = None
    politically_exposed: bool = False
    incorporation_date: date | None = None
    address: str | None = None
    postal_code: str | None = None
    phone: str | None = None
    reason: UnspecifiedReason | None = None
    description: str | None = None
    attributes: dict[str, str | int | float | bool] = field(default_factory=dict)

    def node(self, node_id: str) -> Node:
        name = self.names.most_common(1)[0][0] if self.names else ""
        if not name and self.kind is NodeKind.TRUST:
            name = next((i.id for i in self.identifiers.values()), "")
        attributes = dict(self.attributes)
        if self.mentions > len(self.sources):
            attributes["mentions"] = self.mentions
        return Node(
            id=node_id,
            kind=self.kind,
            name=name,
            identifiers=tuple(sorted(self.identifiers.values(), key=lambda i: i.key)),
            jurisdiction=self.country,
            unspecified_reason=self.reason,
            description=self.description,
            politically_exposed=self.politically_exposed,
            incorporation_date=self.incorporation_date,
            address=self.address,
            postal_code=self.postal_code,
            phone=self.phone,
            attributes=attributes,
            sources=tuple(self.sources),
        )


@dataclass(slots=True)
class RecordGraph:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    records: int = 0


def _iso(value: Any) -> date | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _share(value: Any) -> Share | None:
    if not isinstance(value, dict) or "min" not in value or "max" not in value:
        return None
    return Share(
        min=float(value["min"]),
        max=float(value["max"]),
        exclusive_min=bool(value.get("exclusive_min", False)),
        exclusive_max=bool(value.get("exclusive_max", False)),
    )


def _scalar_facts(facts: dict[str, Any], *skip: str) -> dict[str, str | int | float | bool]:
    out: dict[str, str | int | float | bool] = {}
    for key, value in facts.items():
        if key in skip or value is None:
            continue
        if isinstance(value, str | int | float | bool):
            out[key] = value
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            out[key] = ", ".join(value)
    return out


#: Mention id (``source:file:row:field``) → canonical entity id, or ``None``.
EntityLookup = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class PossiblySame:
    """Two entities the resolver could not decide on, with why."""

    entity_a: str
    entity_b: str
    probability: float
    reason: str


class _Builder:
    def __init__(self, lookup: EntityLookup | None = None) -> None:
        self.lookup = lookup
        self.entity_nodes: dict[str, str] = {}
        self.drafts: dict[str, _NodeDraft] = {}
        self.edges: dict[str, Edge] = {}
        self.name_rfcs: dict[tuple[PartyKind, str], set[str]] = defaultdict(set)
        self.pep_ids: dict[str, str] = {}
        self.relatives: list[tuple[str, str, str, str]] = []
        self.transfers: list[tuple[str, str | None, str, date | None, str]] = []
        self.out = RecordGraph()

    # -- identity ----------------------------------------------------------------------
    def learn(self, mention: PartyMention) -> None:
        if mention.rfc and mention.name_key:
            self.name_rfcs[(mention.kind, mention.name_key)].add(mention.rfc)

    def key(self, mention: PartyMention, provenance: str) -> str:
        kind = mention.kind
        if kind is PartyKind.UNKNOWN:
            return f"unknown:{provenance}:{mention.field}"
        if kind is PartyKind.TRUST:
            clave = mention.extra.get("clave")
            if isinstance(clave, str) and clave:
                return f"trust:{clave}"
        if self.lookup is not None:
            entity = self.lookup(f"{provenance}:{mention.field}")
            if entity is not None:
                return f"entity:{entity}"
        if mention.curp:
            return f"curp:{mention.curp}"
        if mention.rfc:
            return f"rfc:{mention.rfc}"
        known = self.name_rfcs.get((kind, mention.name_key))
        if known is not None and len(known) == 1:
            return f"rfc:{next(iter(known))}"
        return f"{kind.value}:{mention.name_key or mention.name}"

    def party(self, mention: PartyMention, provenance: str) -> str:
        key = self.key(mention, provenance)
        kind = _PARTY_KINDS[mention.kind]
        entity = key.removeprefix("entity:") if key.startswith("entity:") else None
        # One entity is one node, whatever kind a source guessed for one of its mentions
        # (CompraNet does not say whether a supplier is a person); the first kind stays.
        known = self.entity_nodes.get(entity) if entity is not None else None
        node_id = known or make_id(NODE_ID_PREFIX[kind], key)
        draft = self.drafts.get(node_id)
        if draft is None:
            draft = self.drafts[node_id] = _NodeDraft(kind=kind)
        if entity is not None:
            self.entity_nodes.setdefault(entity, node_id)
        kind = draft.kind
        # A trust referenced only by its key (trust-parties) should not be named by it.
        if mention.name and mention.name != mention.extra.get("clave"):
            draft.names[mention.name] += 1
        draft.mentions += 1
        if len(draft.sources) < _MAX_SOURCES:
            draft.sources.append(f"{provenance}:{mention.field}")
        if mention.rfc:
            scheme = "MEX-TAXID" if kind is NodeKind.PERSON else "MX-RFC"
            draft.identifiers[scheme] = Identifier(scheme=scheme, id=mention.rfc)
        if mention.curp:
            draft.identifiers["MX-CURP"] = Identifier(scheme="MX-CURP", id=mention.curp)
        if mention.kind is PartyKind.TRUST:
            clave = mention.extra.get("clave")
            if isinstance(clave, str) and clave:
                draft.identifiers["MX-FIDEICOMISO"] = Identifier(scheme="MX-FIDEICOMISO", id=clave)
        if mention.country and draft.country is None:
            draft.country = mention.country
        if mention.address and draft.address is None:
            draft.address = mention.address
        if mention.postal_code and draft.postal_code is None:
            draft.postal_code = mention.postal_code
        if mention.phone and draft.phone is None:
            draft.phone = mention.phone
        if mention.kind is PartyKind.UNKNOWN:
            reason = mention.unspecified_reason or "unknown"
            try:
                draft.reason = UnspecifiedReason(reason)
            except ValueError:
                draft.reason = UnspecifiedReason.UNKNOWN
            draft.description = mention.name or None
        return node_id

    def thing(
        self,
        kind: NodeKind,
        key: str,
        name: str,
        provenance: str,
        attributes: dict[str, str | int | float | bool],
    ) -> str:
        node_id = make_id(NODE_ID_PREFIX[kind], key)
        draft = self.drafts.get(node_id)
        if draft is None:
            draft = self.drafts[node_id] = _NodeDraft(kind=kind)
        draft.names[name] += 1
        draft.mentions += 1
        if len(draft.sources) < _MAX_SOURCES:
            draft.sources.append(provenance)
        for k, v in attributes.items():
            draft.attributes.setdefault(k, v)
        return node_id

    def edge(self, natural_key: str, **values: Any) -> None:
        edge_id = make_id("ed", natural_key)
        self.edges[edge_id] = Edge(id=edge_id, **values)

    # -- rows --------------------------------------------------------------------------
    def row(self, row: _Row) -> None:
        record, prov = row.record, row.provenance
        by_role: dict[str, list[str]] = defaultdict(list)
        mentions: dict[str, PartyMention] = {}
        for mention in record.parties:
            node_id = self.party(mention, prov)
            by_role[mention.role].append(node_id)
            mentions[node_id] = mention
        facts = record.facts
        handler = getattr(self, f"_{record.kind.value}", None)
        if handler is not None:
            handler(record, facts, by_role, mentions, prov)

    def _declaration(
        self,
        record: NormalisedRecord,
        facts: dict[str, Any],
        by_role: dict[str, list[str]],
        mentions: dict[str, PartyMention],
        prov: str,
    ) -> None:
        subjects, owners = by_role.get("subject", []), by_role.get("owner", [])
        if not subjects or not owners:
            self.out.problems.append(f"{prov}: a declaration without subject or owner")
            return
        raw_type = facts.get("interest_type")
        interest = InterestType(raw_type) if raw_type else None
        doi = facts.get("direct_or_indirect")
        committee = bool(facts.get("committee"))
        self.edge(
            f"declaration|{record.key}|{owners[0]}|{subjects[0]}|{raw_type}|{committee}",
            source=owners[0],
            target=subjects[0],
            interest_type=interest,
            role=role_of(interest),
            share=_share(facts.get("share")),
            direct_or_indirect=DirectOrIndirect(doi) if doi else None,
            start_date=_iso(facts.get("start")),
            end_date=_iso(facts.get("end")),
            details="Comité técnico" if committee else None,
            record_id=record.key,
            statement_id=prov,
            sources=(prov,),
        )

    def _trust_party(
        self,
        record: NormalisedRecord,
        facts: dict[str, Any],
        by_role: dict[str, list[str]],
        mentions: dict[str, PartyMention],
        prov: str,
    ) -> None:
        trusts = by_role.get("trust", [])
        for role, (interest, detail) in _TRUST_ROLES.items():
            for party in by_role.get(role, []):
                for trust in trusts:
                    cargo = facts.get("cargo")
                    details = detail if not cargo else f"{detail or role}: {cargo}"
                    self.edge(
                        f"trust-party|{record.key}|{party}|{trust}|{role}",
                        source=party,
                        target=trust,
                        interest_type=interest,
                        role=role_of(interest),
                        start_date=_iso(facts.get("start")),
                        end_date=_iso(facts.get("end")),
                        details=details,
                        record_id=record.key,
                        statement_id=prov,
                        sources=(prov,),
                    )

    def _trust(
        self,
        record: NormalisedRecord,
        facts: dict[str, Any],
        by_role: dict[str, list[str]],
        mentions: dict[str, PartyMention],
        prov: str,
    ) -> None:
        for trust in by_role.get("trust", []):
            self.drafts[trust].attributes.update(_scalar_facts(facts))
            for role in ("settlor", "trustee"):
                interest, _ = _TRUST_ROLES[role]
                for party in by_role.get(role, []):
                    self.edge(
                        f"shcp|{record.key}|{party}|{trust}|{role}",
                        source=party,
                        target=trust,
                        interest_type=interest,
                        role=role_of(interest),
                        record_id=record.key,
                        statement_id=prov,
                        sources=(prov,),
                    )

    def _hydrocarbon_contract(
        self,
        record: NormalisedRecord,
        facts: dict[str, Any],
        by_role: dict[str, list[str]],
        mentions: dict[str, PartyMention],
        prov: str,
    ) -> None:
        key = record.key or prov
        contract = self.thing(
            NodeKind.HYDROCARBON_CONTRACT, f"cnh:{key}", key, prov, _scalar_facts(facts)
        )
        for operator in by_role.get("operator", []):
            self.edge(
                f"operator|{key}|{operator}",
                source=operator,
                target=contract,
                role=EdgeRole.PARTICIPATION,
                start_date=_iso(facts.get("fecha_firma")),
                attributes={"operator": True, "from": "cnh-contracts"},
                record_id=key,
                sources=(prov,),
            )

    def _participation(
        self,
        record: NormalisedRecord,
        facts: dict[str, Any],
        by_role: dict[str, list[str]],
        mentions: dict[str, PartyMention],
        prov: str,
    ) -> None:
        key = str(facts.get("contract") or (record.key or "").split("|")[0])
        contract = self.thing(NodeKind.HYDROCARBON_CONTRACT, f"cnh:{key}", key, prov, {})
        attributes = _scalar_facts(facts, "contract", "share", "start", "end")
        for member in by_role.get("member", []):
            self.edge(
                f"participation|{record.key}|{member}",
                source=member,
                target=contract,
                role=EdgeRole.PARTICIPATION,
                share=_share(facts.get("share")),
                start_date=_iso(facts.get("start")),
                end_date=_iso(facts.get("end")),
                attributes=attributes,
                record_id=record.key,
                sources=(prov,),
            )

    def _concession(
        self,
        record: NormalisedRecord,
        facts: dict[str, Any],
        by_role: dict[str, list[str]],
        mentions: dict[str, PartyMention],
        prov: str,
    ) -> None:
        key = record.key or prov
        title = str(facts.get("title") or key)
        concession = self.thing(
            NodeKind.MINING_CONCESSION, f"title:{key}", title, prov, _scalar_facts(facts)
        )
        for holder in by_role.get("holder", []):
            self.edge(
                f"holds|{key}|{holder}",
                source=holder,
                target=concession,
                role=EdgeRole.HOLDING,
                start_date=_iso(facts.get("start") or facts.get("expedition")),
                end_date=_iso(facts.get("end")),
                record_id=key,
                sources=(prov,),
            )

    def _mining_act(
        self,
        record: NormalisedRecord,
        facts: dict[str, Any],
        by_role: dict[str, list[str]],
        mentions: dict[str, PartyMention],
        prov: str,
    ) -> None:
        title = str(facts.get("title") or (record.key or "").split("|")[0])
        key = title.upper().removeprefix("T-").strip()
        concession = self.thing(NodeKind.MINING_CONCESSION, f"title:{key}", title, prov, {})
        day = _iso(facts.get("date"))
        act = str(facts.get("act_type") or "")
        for receiver in by_role.get("to", []):
            self.edge(
                f"act|{record.key}|{receiver}",
                source=receiver,
                target=concession,
                role=EdgeRole.HOLDING,
                start_date=day,
                attributes={"act": act},
                record_id=record.key,
                sources=(prov,),
            )
            givers = by_role.get("from", [])
            giver = givers[0] if givers else None
            if "transm" in act.lower() or "cesi" in act.lower():
                self.transfers.append((concession, giver, receiver, day, prov))

    def _procurement_contract(
        self,
        record: NormalisedRecord,
        facts: dict[str, Any],
        by_role: dict[str, list[str]],
        mentions: dict[str, PartyMention],
        prov: str,
    ) -> None:
        key = record.key or prov
        contract = self.thing(
            NodeKind.PROCUREMENT_CONTRACT,
            f"{record.source}:{key}",
            str(facts.get("titulo") or key),
            prov,
            _scalar_facts(facts),
        )
        for supplier in by_role.get("supplier", []):
            self.edge(
                f"award|{record.source}|{key}|{supplier}",
                source=contract,
                target=supplier,
                role=EdgeRole.AWARD,
                start_date=_iso(facts.get("fecha_inicio")),
                end_date=_iso(facts.get("fecha_fin")),
                record_id=key,
                sources=(prov,),
            )
        for buyer in by_role.get("buyer", []):
            self.edge(
                f"buyer|{record.source}|{key}|{buyer}",
                source=buyer,
                target=contract,
                role=EdgeRole.PARTICIPATION,
                attributes={"buyer": True},
                record_id=key,
                sources=(prov,),
            )

    def _listing(
        self,
        record: NormalisedRecord,
        facts: dict[str, Any],
        by_role: dict[str, list[str]],
        mentions: dict[str, PartyMention],
        prov: str,
    ) -> None:
        """SAT 69-B and SFP sanction rows alike: a listing node and LISTED_IN edges."""
        list_name = _LIST_NAMES[record.kind]
        key = record.key or prov
        attributes = _scalar_facts(facts)
        attributes["list"] = list_name
        listing = self.thing(
            NodeKind.LISTING,
            f"{record.source}:{key}:{prov}",
            f"{list_name}: {key}",
            prov,
            attributes,
        )
        for role in ("listed", "sanctioned"):
            for party in by_role.get(role, []):
                self.edge(
                    f"listed|{record.source}|{prov}|{party}",
                    source=party,
                    target=listing,
                    role=EdgeRole.LISTING,
                    attributes={"list": list_name},
                    record_id=key,
                    sources=(prov,),
                )

    _listing_69b = _listing
    _sanction = _listing

    def _pep(
        self,
        record: NormalisedRecord,
        facts: dict[str, Any],
        by_role: dict[str, list[str]],
        mentions: dict[str, PartyMention],
        prov: str,
    ) -> None:
        for person in by_role.get("pep", []):
            self.drafts[person].politically_exposed = True
            if record.key:
                self.pep_ids[record.key] = person
            body_name = str(facts.get("dependencia") or "")
            if body_name:
                body = self.thing(
                    NodeKind.PUBLIC_BODY, f"public_body:{org_key(body_name)}", body_name, prov, {}
                )
                self.edge(
                    f"position|{record.key}|{person}|{body}",
                    source=person,
                    target=body,
                    role=EdgeRole.POSITION,
                    start_date=_iso(facts.get("start")),
                    end_date=_iso(facts.get("end")),
                    attributes=_scalar_facts(facts, "dependencia", "start", "end"),
                    record_id=record.key,
                    sources=(prov,),
                )
        for person in by_role.get("relative", []):
            related = facts.get("related_pep")
            if isinstance(related, str) and related:
                self.relatives.append((person, related, str(facts.get("parentesco") or ""), prov))

    def _company(
        self,
        record: NormalisedRecord,
        facts: dict[str, Any],
        by_role: dict[str, list[str]],
        mentions: dict[str, PartyMention],
        prov: str,
    ) -> None:
        for company in by_role.get("company", []):
            draft = self.drafts[company]
            incorporated = _iso(facts.get("incorporation_date"))
            if incorporated and draft.incorporation_date is None:
                draft.incorporation_date = incorporated
            draft.attributes.update(_scalar_facts(facts, "incorporation_date"))
            for officer in by_role.get("sole_administrator", []):
                self.edge(
                    f"officer|{record.key}|{officer}|{company}",
                    source=officer,
                    target=company,
                    interest_type=InterestType.SENIOR_MANAGING_OFFICIAL,
                    role=EdgeRole.CONTROL,
                    details="administrador único",
                    record_id=record.key,
                    sources=(prov,),
                )
            for officer in by_role.get("legal_representative", []):
                draft.attributes.setdefault("legal_representative", self._name(officer))

    def _name(self, node_id: str) -> str:
        names = self.drafts[node_id].names
        return names.most_common(1)[0][0] if names else ""

    def possibly_same(self, pairs: Sequence[PossiblySame]) -> None:
        for pair in pairs:
            a = self.entity_nodes.get(pair.entity_a)
            b = self.entity_nodes.get(pair.entity_b)
            if a is None or b is None or a == b:
                continue
            self.edge(
                f"possibly-same|{a}|{b}",
                source=a,
                target=b,
                role=EdgeRole.POSSIBLY_SAME,
                attributes={"probability": round(pair.probability, 6), "reason": pair.reason},
            )

    # -- second pass -------------------------------------------------------------------
    def finish(self) -> RecordGraph:
        for person, related, kinship, prov in self.relatives:
            pep = self.pep_ids.get(related)
            if pep is None:
                self.out.problems.append(f"{prov}: related PEP {related!r} is not in the PEP list")
                continue
            self.edge(
                f"relative|{person}|{pep}",
                source=person,
                target=pep,
                role=EdgeRole.RELATIVE,
                attributes={"kinship": kinship},
                sources=(prov,),
            )
        if self.transfers:
            holdings: dict[tuple[str, str], list[str]] = defaultdict(list)
            for edge_id, edge in self.edges.items():
                if edge.role is EdgeRole.HOLDING:
                    holdings[(edge.source, edge.target)].append(edge_id)
            for concession, giver, _receiver, day, _prov in self.transfers:
                if giver is None or day is None:
                    continue
                for edge_id in holdings.get((giver, concession), ()):
                    edge = self.edges[edge_id]
                    ends_later = edge.end_date is None or edge.end_date > day
                    starts_before = edge.start_date is None or edge.start_date < day
                    if ends_later and starts_before:
                        self.edges[edge_id] = edge.model_copy(update={"end_date": day})
        self.out.nodes = [d.node(i) for i, d in sorted(self.drafts.items())]
        self.out.edges = sorted(self.edges.values(), key=lambda e: e.id)
        return self.out


def build_from_records(
    records: Iterable[StoredRecord],
    lookup: EntityLookup | None = None,
    possible: Sequence[PossiblySame] = (),
) -> RecordGraph:
    """Nodes and edges of every tabular record in the ledger.

    ``lookup`` gives the resolver's entity of a mention; ``possible`` its uncertain pairs.
    """
    rows: list[_Row] = []
    builder = _Builder(lookup)
    for stored in records:
        if stored.source == "bods":
            continue
        record = NormalisedRecord.model_validate(stored.normalised)
        rows.append(_Row(record, f"{stored.source}:{stored.file_name}:{stored.position}"))
        for mention in record.parties:
            builder.learn(mention)
    builder.out.records = len(rows)
    for row in rows:
        builder.row(row)
    builder.possibly_same(possible)
    return builder.finish()
