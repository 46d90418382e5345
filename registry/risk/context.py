"""The register as the flags read it: one pass over the store, then indexes in memory.

``RiskContext.load`` reads every node and edge once (the embedded store is used as it is;
from Neo4j everything is streamed into an embedded copy, as ``registry analyze`` does), so
that both stores give identical answers. Effective ownership of a holder is computed on
demand with the analysis of ``registry.analysis.ownership`` over one global reading of the
interests in force, and cached.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from registry.analysis.integrated import Interval
from registry.analysis.interests import FALLBACK_INTERESTS, Active, Weights, active_interests
from registry.analysis.ownership import Upstream, capital_solution
from registry.model import Edge, EdgeRole, Node, NodeKind
from registry.risk.parameters import RiskParameters
from registry.store.embedded import EmbeddedStore
from registry.store.protocol import GraphStore

__all__ = [
    "Award",
    "Listed",
    "Ownership",
    "RiskContext",
    "folded",
    "looks_like_organisation",
    "transfer",
]

_CONTRACT_KINDS = frozenset(
    {NodeKind.HYDROCARBON_CONTRACT, NodeKind.MINING_CONCESSION, NodeKind.PROCUREMENT_CONTRACT}
)
_OWNERLESS = frozenset({NodeKind.PERSON, NodeKind.UNSPECIFIED, NodeKind.PUBLIC_BODY})

SAT_LIST = "SAT 69-B"
SFP_LIST = "SFP sanctioned suppliers"
_SAT_SCORED = frozenset({"presunto", "definitivo"})


def folded(text: str) -> str:
    """Upper case without accents, for comparing values as written."""
    table = str.maketrans("ÁÉÍÓÚÜÑáéíóúüñ", "AEIOUUNaeiouun")
    return " ".join(text.translate(table).upper().split())


#: Words that make a name an organisation's: legal forms (dots dropped) and common words of
#: company names. The adapters file holders named without an RFC as organisations; an
#: individual miner filed so has no owners to trace and is not asked for them.
_ORG_WORDS = frozenset(
    {
        "SA",
        "SAB",
        "SAPI",
        "SC",
        "AC",
        "SPR",
        "SRL",
        "RL",
        "CV",
        "LLC",
        "INC",
        "LTD",
        "LIMITED",
        "BV",
        "NV",
        "SARL",
        "GMBH",
        "CORP",
        "CORPORATION",
        "PLC",
        "LP",
        "SL",
        "SAS",
        "AG",
        "SPA",
        "COMPANY",
        "CO",
        "CIA",
        "COMPANIA",
        "SOCIEDAD",
        "GRUPO",
        "MINERA",
        "MINERO",
        "MINERAS",
        "MINAS",
        "SERVICIOS",
        "CONSTRUCTORA",
        "INDUSTRIAS",
        "EXPLORACIONES",
        "EXPLORACION",
        "ENERGIA",
        "PETROLEO",
        "OIL",
        "GAS",
        "HOLDING",
        "HOLDINGS",
        "FONDO",
        "BANCO",
        "FIDEICOMISO",
        "COMERCIALIZADORA",
        "CONSULTORES",
        "INTEGRALES",
        "INMOBILIARIA",
        "DESARROLLOS",
        "PROYECTOS",
        "SOLUCIONES",
        "TRANSPORTES",
        "ENERGY",
        "MINING",
        "RESOURCES",
    }
)


def looks_like_organisation(node: Node) -> bool:
    """A company with a company RFC, an incorporation date, or a legal form or company word
    in its name (not an individual filed as a company for want of an RFC).

    >>> looks_like_organisation(Node(id="c", kind=NodeKind.COMPANY, name="Minas Atlas, S.A."))
    True
    >>> looks_like_organisation(Node(id="p", kind=NodeKind.COMPANY, name="ALFONSO RÍOS"))
    False
    """
    if node.kind is not NodeKind.COMPANY:
        return node.kind.is_party and node.kind not in _OWNERLESS
    if node.incorporation_date is not None:
        return True
    if any(i.scheme == "MX-RFC" and len(i.id) == 12 for i in node.identifiers):
        return True
    words = folded(node.name.replace(".", "")).replace(",", " ").split()
    return any(w in _ORG_WORDS for w in words)


def transfer(act: str) -> bool:
    """A mining act that changes the holder (transmission of titularity, assignment)."""
    text = folded(act)
    return "TRANSM" in text or "CESI" in text


def _iso(value: object) -> date | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


@dataclass(frozen=True, slots=True)
class Listed:
    """A party on a list: which list, the status, whether it counts, and the evidence."""

    party: str
    listing: Node
    edge: Edge
    list_name: str
    status: str
    scored: bool


@dataclass(frozen=True, slots=True)
class Award:
    """A holder winning a contract or title: the day of the award and how it is known."""

    holder: str
    contract: str
    day: date | None
    what: str
    edge: Edge


@dataclass(slots=True)
class Ownership:
    """Who owns a holder: effective shares, shortest share chains, and the control reach."""

    effective: dict[str, Interval]
    #: Parties reached through shareholdings only, with the shortest chain to the holder.
    share_paths: dict[str, list[str]]


@dataclass(slots=True)
class RiskContext:
    store_name: str
    day: date
    params: RiskParameters
    nodes: dict[str, Node]
    edges: list[Edge]
    active: Active
    weights: Weights
    by_role: dict[EdgeRole, list[Edge]] = field(default_factory=dict)
    listed: dict[str, list[Listed]] = field(default_factory=dict)
    awards: dict[str, list[Award]] = field(default_factory=dict)
    buyers: dict[str, list[Edge]] = field(default_factory=dict)  # contract -> buyer edges
    relatives: dict[str, list[Edge]] = field(default_factory=dict)  # person -> RELATIVE_OF
    positions: dict[str, list[Edge]] = field(default_factory=dict)  # person -> POSITION_AT
    possibly_same: dict[str, list[Edge]] = field(default_factory=dict)
    #: Declared indirect interests (summaries of chains), by subject.
    declared_in: dict[str, list[Edge]] = field(default_factory=dict)
    _ownership: dict[str, Ownership] = field(default_factory=dict)
    _edge_index: dict[str, Edge] = field(default_factory=dict)
    _organisations: dict[str, bool] = field(default_factory=dict)

    # -- building --------------------------------------------------------------------------
    @classmethod
    def load(cls, store: GraphStore, day: date, params: RiskParameters) -> RiskContext:
        if isinstance(store, EmbeddedStore):
            local = store
        else:
            local = EmbeddedStore()
            local.write(store.iter_nodes(set(NodeKind)), store.iter_edges(set(EdgeRole)))
        nodes = {n.id: n for n in local.iter_nodes(set(NodeKind))}
        edges = sorted(local.iter_edges(set(EdgeRole)), key=lambda e: e.id)
        return cls.build(store.name, day, params, nodes, edges)

    @classmethod
    def build(
        cls,
        store_name: str,
        day: date,
        params: RiskParameters,
        nodes: dict[str, Node],
        edges: Iterable[Edge],
    ) -> RiskContext:
        edge_list = [e for e in edges if e.source in nodes and e.target in nodes]
        interests = [e for e in edge_list if e.role.is_interest]
        active = active_interests(interests, nodes, day)
        weights = Weights(
            [e for hops in active.hops_in.values() for e in hops] + list(active.self_loops)
        )
        ctx = cls(store_name, day, params, nodes, edge_list, active, weights)
        by_role: dict[EdgeRole, list[Edge]] = defaultdict(list)
        for edge in edge_list:
            by_role[edge.role].append(edge)
        ctx.by_role = dict(by_role)
        ctx._index_listings()
        ctx._index_awards()
        for edge in ctx.role(EdgeRole.RELATIVE):
            ctx.relatives.setdefault(edge.source, []).append(edge)
        for edge in ctx.role(EdgeRole.POSSIBLY_SAME):
            ctx.possibly_same.setdefault(edge.source, []).append(edge)
            ctx.possibly_same.setdefault(edge.target, []).append(edge)
        for edge in active.declared:
            ctx.declared_in.setdefault(edge.target, []).append(edge)
        for edge in ctx.role(EdgeRole.POSITION):
            ctx.positions.setdefault(edge.source, []).append(edge)
        return ctx

    def role(self, role: EdgeRole) -> list[Edge]:
        return self.by_role.get(role, [])

    def _index_listings(self) -> None:
        for edge in self.role(EdgeRole.LISTING):
            listing = self.nodes[edge.target]
            name = str(listing.attributes.get("list") or edge.attributes.get("list") or "")
            if name == SAT_LIST:
                status = str(listing.attributes.get("situacion") or "")
                scored = folded(status).lower() in _SAT_SCORED
            else:
                status = str(listing.attributes.get("sentido") or "")
                scored = listing.attributes.get("absolutoria") is not True and not folded(
                    status
                ).startswith("ABSOLUTORIA")
            self.listed.setdefault(edge.source, []).append(
                Listed(edge.source, listing, edge, name, status, scored)
            )

    def _index_awards(self) -> None:
        for edge in self.role(EdgeRole.PARTICIPATION):
            contract = self.nodes[edge.target]
            if edge.attributes.get("buyer") is True:
                self.buyers.setdefault(edge.target, []).append(edge)
                continue
            if contract.kind is not NodeKind.HYDROCARBON_CONTRACT:
                continue
            event = folded(str(edge.attributes.get("event") or ""))
            at_award = edge.attributes.get("operator") is True or event.startswith("ADJUDICACI")
            day = _iso(contract.attributes.get("fecha_fallo")) if at_award else None
            what = "award" if at_award else (event.lower() or "participation")
            self._award(Award(edge.source, contract.id, day, what, edge))
        # A title's holder in the register of titles may have received it by transmission:
        # then it was not the holder the title was issued to.
        received = {
            (e.source, e.target)
            for e in self.role(EdgeRole.HOLDING)
            if transfer(str(e.attributes.get("act") or ""))
        }
        for edge in self.role(EdgeRole.HOLDING):
            title = self.nodes[edge.target]
            if "act" in edge.attributes:
                day, what = None, f"act: {edge.attributes['act']}"
            elif (edge.source, edge.target) in received:
                day, what = None, "title received by transmission"
            else:
                day = _iso(title.attributes.get("expedition")) or edge.start_date
                what = "title issued"
            self._award(Award(edge.source, title.id, day, what, edge))
        for edge in self.role(EdgeRole.AWARD):
            contract = self.nodes[edge.source]
            attrs = contract.attributes
            day = (
                _iso(attrs.get("fecha_fallo"))
                or _iso(attrs.get("fecha_celebracion"))
                or _iso(attrs.get("fecha_inicio"))
                or edge.start_date
            )
            self._award(Award(edge.target, contract.id, day, "procurement award", edge))

    def _award(self, award: Award) -> None:
        if self.nodes[award.holder].kind.is_party:
            self.awards.setdefault(award.holder, []).append(award)

    # -- questions -------------------------------------------------------------------------
    @property
    def holders(self) -> list[str]:
        """Parties that hold a contract or title (companies, trusts and persons), by id."""
        return sorted(h for h in self.awards if self.nodes[h].kind not in (NodeKind.UNSPECIFIED,))

    def is_company_like(self, node_id: str) -> bool:
        """A legal entity or arrangement, whose owners can be traced."""
        known = self._organisations.get(node_id)
        if known is None:
            node = self.nodes[node_id]
            known = looks_like_organisation(node) or (
                node.kind is NodeKind.COMPANY and bool(self.active.hops_in.get(node_id))
            )
            self._organisations[node_id] = known
        return known

    def is_contract(self, node_id: str) -> bool:
        return self.nodes[node_id].kind in _CONTRACT_KINDS

    def award_day(self, contract: str) -> date | None:
        """Day of the award of a hydrocarbon contract (fallo) or the issue of a title."""
        attrs = self.nodes[contract].attributes
        return _iso(attrs.get("fecha_fallo")) or _iso(attrs.get("expedition"))

    def scored_listings(self, party: str, list_name: str) -> list[Listed]:
        return [x for x in self.listed.get(party, []) if x.list_name == list_name and x.scored]

    def ownership(self, holder: str) -> Ownership:
        """Effective ownership of everyone upstream of ``holder``, and its share chains."""
        cached = self._ownership.get(holder)
        if cached is not None:
            return cached
        hops_in = self.active.hops_in
        members: set[str] = set()
        queue = deque([holder])
        while queue and len(members) <= self.params.max_upstream_nodes:
            current = queue.popleft()
            for edge in hops_in.get(current, ()):
                if edge.source != holder and edge.source not in members:
                    members.add(edge.source)
                    queue.append(edge.source)
        declared: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.declared_in.get(holder, ()):
            declared[edge.source].append(edge)
        effective: dict[str, Interval] = {}
        if members or declared:
            up = Upstream(holder, members, self.active, dict(declared), self.weights)
            solution = capital_solution(up)
            effective = {k: v for k, v in solution.effective.items() if v.hi > 0}
        result = Ownership(effective, self._share_paths(holder))
        self._ownership[holder] = result
        return result

    def _share_paths(self, holder: str) -> dict[str, list[str]]:
        """Shortest chains of shareholdings (not trust roles, not control) into ``holder``."""
        parent: dict[str, str] = {}
        queue = deque([holder])
        seen = {holder}
        while queue:
            current = queue.popleft()
            for edge in self.active.hops_in.get(current, ()):
                if edge.role is EdgeRole.CAPITAL and edge.source not in seen:
                    seen.add(edge.source)
                    parent[edge.source] = current
                    queue.append(edge.source)
        paths: dict[str, list[str]] = {}
        for party in parent:
            chain = [party]
            while chain[-1] != holder:
                chain.append(parent[chain[-1]])
            paths[party] = chain
        return paths

    def direct_capital(self, node_id: str) -> list[Edge]:
        """Shareholdings of ``node_id`` in force (direct or unknown, never declared indirect)."""
        return [e for e in self.active.hops_out.get(node_id, ()) if e.role is EdgeRole.CAPITAL]

    def share_of(self, edge: Edge) -> Interval:
        return self.weights.capital.get(edge.id) or Interval.of(edge.share)

    def edges_by_id(self, ids: Iterable[str]) -> list[Edge]:
        wanted = set(ids)
        if not wanted:
            return []
        if not self._edge_index:
            self._edge_index = {e.id: e for e in self.edges}
        return [self._edge_index[i] for i in sorted(wanted) if i in self._edge_index]

    def is_officer_edge(self, edge: Edge) -> bool:
        return edge.role is EdgeRole.CONTROL and edge.interest_type in FALLBACK_INTERESTS

    def exposed(self) -> dict[str, tuple[str, list[str]]]:
        """Politically exposed persons and their relatives and associates: person → (why,
        evidence edge ids)."""
        out: dict[str, tuple[str, list[str]]] = {}
        for node in self.nodes.values():
            if node.kind is NodeKind.PERSON and node.politically_exposed:
                positions = [e.id for e in self.positions.get(node.id, [])][:3]
                out[node.id] = ("politically exposed person", positions)
        for person, edges in self.relatives.items():
            if person in out:
                continue
            for edge in edges:
                pep = self.nodes[edge.target]
                if pep.politically_exposed:
                    kinship = str(edge.attributes.get("kinship") or "relative")
                    out[person] = (f"{kinship} of PEP {pep.name or pep.id}", [edge.id])
                    break
        return out
