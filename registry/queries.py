"""Questions asked of a store: the functions the CLI, the API and notebooks call.

Each reads a bounded part of the graph from the store (never every path) and hands it to
a plain function of ``registry.analysis``, so both stores give the same answers.
"""

from __future__ import annotations

import re
import time
from datetime import date

from registry.analysis.contracts import CONTRACT_KINDS, HOLDER_ROLES, contract_view
from registry.analysis.cycles import circular_members, circular_ownership
from registry.analysis.derived import basis_key, cycle_marks, ultimate_owner_facts
from registry.analysis.holdings import holdings
from registry.analysis.ownership import owners, resolve_threshold
from registry.analysis.paths import merge, paths_between
from registry.analysis.results import (
    AnalyzeReport,
    Basis,
    ContractAnswer,
    CyclesAnswer,
    HoldingsAnswer,
    OwnersAnswer,
    PathAnswer,
)
from registry.errors import InvalidInputError, NotFoundError
from registry.model import EdgeRole, Node, NodeKind, Subgraph
from registry.schema import NAMED_KINDS
from registry.store.embedded import EmbeddedStore
from registry.store.protocol import GraphStore, UltimateOwnerFact

MAX_REF_LENGTH = 512
_INTEREST_ROLES = frozenset(r for r in EdgeRole if r.is_interest)
_PARTY_KINDS = frozenset(k for k in NodeKind if k.is_party)
_TITLE_PREFIX = re.compile(r"^T\s*[-.]?\s*(?=\d)", re.IGNORECASE)


def resolve(store: GraphStore, ref: str) -> Node:
    """A node by canonical id, source record id (a BODS recordId) or ``MX-RFC:<rfc>``."""
    ref = ref.strip()
    if not ref or len(ref) > MAX_REF_LENGTH:
        raise InvalidInputError(f"an id must have 1 to {MAX_REF_LENGTH} characters", parameter="id")
    node = store.find(ref)
    if node is None:
        raise NotFoundError(
            f"no party with id, record id or identifier {ref!r}; try `registry search`"
            " or an id from `registry owners --json`",
            id=ref,
        )
    return node


def resolve_party(store: GraphStore, ref: str) -> Node:
    """A party (person, company, trust, …): contracts and listings are asked otherwise."""
    node = resolve(store, ref)
    if not node.kind.is_party:
        hint = (
            f"; ask `registry contract {node.name or node.id}`"
            if node.kind in CONTRACT_KINDS
            else ""
        )
        raise InvalidInputError(
            f"{node.name or node.id} is a {node.kind.value.replace('_', ' ')}, not a party{hint}",
            id=node.id,
        )
    return node


def owners_of(
    store: GraphStore,
    ref: str,
    *,
    basis: Basis | str = Basis.CFF,
    threshold: float | None = None,
    as_of: date | None = None,
    max_nodes: int = 50_000,
    max_paths: int = 3,
) -> OwnersAnswer:
    """Owners of a party: effective ranges, beneficial owners, unknowns and cycles."""
    graph, node = _neighbourhood(store, ref, max_nodes, down=False)
    return owners(
        graph, node.id, basis=basis, threshold=threshold, as_of=as_of, max_paths=max_paths
    )


def _neighbourhood(
    store: GraphStore, ref: str, max_nodes: int, *, down: bool
) -> tuple[Subgraph, Node]:
    """Upstream (or downstream) of a party given by any reference; a canonical id, the
    common case, costs one read, not two."""
    fetch = store.downstream if down else store.upstream
    key = ref.strip()
    graph: Subgraph | None = None
    if key and len(key) <= MAX_REF_LENGTH:
        try:
            graph = fetch(key, max_nodes)
        except NotFoundError:
            graph = None
    if graph is None or not graph.nodes[key].kind.is_party:
        node = resolve_party(store, ref)
        return fetch(node.id, max_nodes), node
    return graph, graph.nodes[key]


def holdings_of(
    store: GraphStore,
    ref: str,
    *,
    as_of: date | None = None,
    max_nodes: int = 50_000,
) -> HoldingsAnswer:
    """What a party holds, directly or through others, and the contracts held that way."""
    graph, node = _neighbourhood(store, ref, max_nodes, down=True)
    links = store.edges_of(list(graph.nodes), HOLDER_ROLES)
    contracts = sorted(
        e.target
        for e in links.edges
        if e.target in links.nodes and links.nodes[e.target].kind in CONTRACT_KINDS
    )
    if contracts:
        # The other holders too: a sole holder of a title holds all of it.
        links = merge(links, store.edges_of(contracts, HOLDER_ROLES))
    return holdings(graph, node.id, as_of=as_of, links=links)


def path_between(
    store: GraphStore,
    source_ref: str,
    target_ref: str,
    *,
    as_of: date | None = None,
    max_nodes: int = 50_000,
) -> PathAnswer:
    """The shortest and strongest chains between two parties, or what links them."""
    source = resolve_party(store, source_ref)
    target = resolve_party(store, target_ref)
    graph = merge(
        store.downstream(source.id, max_nodes),
        store.upstream(source.id, max_nodes),
        store.downstream(target.id, max_nodes),
        store.upstream(target.id, max_nodes),
    )
    return paths_between(graph, source.id, target.id, as_of=as_of)


def title_key(title: str) -> str:
    """A mining title number as the registry keys it: ``T-227855`` → ``227855``."""
    return _TITLE_PREFIX.sub("", " ".join(title.split())).replace(" ", "").upper()


def resolve_contract(store: GraphStore, ref: str) -> Node:
    """A hydrocarbon contract by CNH id, or a mining title by number (``T-227855``, ``227855``)."""
    ref = ref.strip()
    if not ref or len(ref) > MAX_REF_LENGTH:
        raise InvalidInputError(f"an id must have 1 to {MAX_REF_LENGTH} characters", parameter="id")
    node = store.find(ref)
    if node is not None and node.kind in CONTRACT_KINDS:
        return node
    key = title_key(ref)
    names = list(dict.fromkeys([ref, ref.upper(), key, f"T-{key}"]))
    found = store.nodes_named(names, NAMED_KINDS)
    if not found:
        raise NotFoundError(
            f"no hydrocarbon contract or mining title {ref!r}; give a CNH contract id "
            "(CNH-R01-L01-A7/2015) or a title number (T-227855)",
            id=ref,
        )
    # The name as written first, then the forms it was normalised to.
    found.sort(key=lambda n: (names.index(n.name) if n.name in names else len(names), n.id))
    return found[0]


def contract_of(
    store: GraphStore,
    ref: str,
    *,
    basis: Basis | str = Basis.CFF,
    threshold: float | None = None,
    as_of: date | None = None,
    max_nodes: int = 50_000,
    max_paths: int = 1,
) -> ContractAnswer:
    """Holders of a contract or title on the day, and everyone's effective share of it."""
    contract = resolve_contract(store, ref)
    links = store.edges_of([contract.id], HOLDER_ROLES)
    holders = sorted(
        {
            e.source
            for e in links.edges
            if e.target == contract.id and links.nodes[e.source].kind.is_party
        }
    )
    upstream = merge(*(store.upstream(h, max_nodes) for h in holders)) if holders else links
    return contract_view(
        contract,
        links,
        upstream,
        basis=basis,
        threshold=threshold,
        as_of=as_of,
        max_paths=max_paths,
    )


def cycles_in(store: GraphStore, *, as_of: date | None = None) -> CyclesAnswer:
    """Every circular-ownership group of the register on the day.

    One sweep of the shareholdings as pairs of ids finds the groups (strongly connected
    components); then only the groups' own edges are read, whole.
    """
    day = as_of or date.today()
    groups = circular_members(store.shareholdings(day))
    members = sorted({m for g in groups for m in g})
    if not members:
        return CyclesAnswer(as_of=day, cycles=[])
    inner = store.edges_of(members, {EdgeRole.CAPITAL})
    inside = set(members)
    edges = [e for e in inner.edges if e.source in inside and e.target in inside]
    return circular_ownership(edges, as_of=day)


def analyze_register(
    store: GraphStore,
    *,
    basis: Basis | str = Basis.CFF,
    threshold: float | None = None,
    as_of: date | None = None,
    every_party: bool = False,
    max_nodes: int = 50_000,
) -> AnalyzeReport:
    """Write ``ULTIMATE_OWNER_OF`` edges and cycle marks into the store; idempotent.

    The subjects are the holders of hydrocarbon contracts and mining titles on the day, or
    with ``every_party`` every party that somebody holds an interest in.
    """
    start = time.perf_counter()
    rule = resolve_threshold(basis, threshold)
    day = as_of or date.today()
    # One read of the ownership graph; the questions are then asked in memory, the same
    # way on either store.
    if isinstance(store, EmbeddedStore):
        local = store
    else:
        local = EmbeddedStore()
        local.write(store.iter_nodes(_PARTY_KINDS), store.iter_edges(_INTEREST_ROLES))
    cycles = cycles_in(local, as_of=day)
    if every_party:
        subjects = {e.target for e in local.iter_edges(_INTEREST_ROLES) if e.active_on(day)}
    else:
        contracts = {n.id for n in store.iter_nodes(CONTRACT_KINDS)}
        subjects = {
            e.source
            for e in store.iter_edges(HOLDER_ROLES)
            if e.target in contracts and e.active_on(day) and e.attributes.get("buyer") is not True
        }
    facts: list[UltimateOwnerFact] = []
    asked = 0
    for subject in sorted(subjects):
        node = local.node(subject)
        if node is None or not node.kind.is_party or node.is_natural_person:
            continue
        graph = local.upstream(subject, max_nodes)
        answer = owners(graph, subject, basis=basis, threshold=threshold, as_of=day, max_paths=1)
        facts.extend(ultimate_owner_facts(answer, graph.nodes))
        asked += 1
    marks = cycle_marks(cycles)
    store.replace_derived(basis_key(rule), facts, marks)
    return AnalyzeReport(
        store=store.name,
        as_of=day,
        basis=basis_key(rule),
        subjects=asked,
        ultimate_owner_edges=len(facts),
        cycles=len(cycles.cycles),
        cycle_members=len(marks),
        seconds=round(time.perf_counter() - start, 3),
    )
