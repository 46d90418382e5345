"""Effective ownership and beneficial owners of one subject, without enumerating paths.

Effective ownership of ``o`` in ``t`` is the sum, over the chains ``o → … → t``, of the
product of the shares along each chain. It is computed by dynamic programming over the
strongly connected components of the upstream graph, in topological order; inside a
component with a cycle the same equations are solved by fixed-point iteration (the
integrated ownership of the literature), starting from zero so that the least fixed point
is reached and no share is ever counted past 100 %. The subject is absorbing: chains stop
the first time they reach it, so a company is never its own owner.

Every share is an interval: an unknown share is ``[0, 100]``. Lower and upper bounds are
propagated separately; both are monotone in the shares, so each bound is exact for the
interval data.

Example
-------
>>> from registry.model import Edge, EdgeRole, Node, NodeKind, Share, Subgraph
>>> nodes = {
...     "p": Node(id="p", kind=NodeKind.PERSON, name="Ana"),
...     "h": Node(id="h", kind=NodeKind.COMPANY, name="Holding"),
...     "t": Node(id="t", kind=NodeKind.COMPANY, name="Target"),
... }
>>> edges = (
...     Edge(id="1", source="p", target="h", role=EdgeRole.CAPITAL, share=Share.exact(50)),
...     Edge(id="2", source="h", target="t", role=EdgeRole.CAPITAL, share=Share.exact(60)),
... )
>>> answer = owners(Subgraph(nodes=nodes, edges=edges), "t", as_of=date(2024, 1, 1))
>>> [(o.name, o.effective.min, o.beneficial_owner) for o in answer.owners]
[('Ana', 30.0, True), ('Holding', 60.0, False)]
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import islice, pairwise

import networkx as nx

from registry.analysis.results import (
    Basis,
    Owner,
    OwnersAnswer,
    OwnershipPath,
    PartySummary,
    Percent,
    Threshold,
    UnspecifiedOwner,
)
from registry.codelists import InterestType
from registry.errors import InvalidInputError, NotFoundError
from registry.model import Edge, EdgeRole, Node, NodeKind, Share, Subgraph

__all__ = ["Interval", "owners", "resolve_threshold"]

_EPS = 1e-12
_MAX_ITERATIONS = 10_000
_DIGITS = 6
#: Beneficial owners that get their several strongest paths; the rest get the strongest.
_MAX_MULTI_PATH_OWNERS = 50

#: Interests that do not make their holder a controller of the subject.
_NOT_CONTROL = frozenset(
    {
        InterestType.SENIOR_MANAGING_OFFICIAL,  # only the fallback the laws name
        InterestType.NOMINEE,
    }
)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval of fractions in [0, 1]."""

    lo: float
    hi: float

    @staticmethod
    def of(share: Share | None) -> Interval:
        if share is None:
            return Interval(0.0, 1.0)
        return Interval(share.min / 100.0, share.max / 100.0)

    def __add__(self, other: Interval) -> Interval:
        return Interval(min(1.0, self.lo + other.lo), min(1.0, self.hi + other.hi))

    def __mul__(self, other: Interval) -> Interval:
        return Interval(self.lo * other.lo, self.hi * other.hi)

    def intersect(self, other: Interval) -> Interval | None:
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return Interval(lo, hi) if lo <= hi + _EPS else None

    def percent(self) -> Percent:
        lo = round(self.lo * 100.0, _DIGITS)
        hi = round(self.hi * 100.0, _DIGITS)
        return Percent(min=max(0.0, min(lo, 100.0)), max=max(0.0, min(hi, 100.0)))


ZERO = Interval(0.0, 0.0)
ONE = Interval(1.0, 1.0)


def resolve_threshold(basis: Basis | str = Basis.CFF, threshold: float | None = None) -> Threshold:
    """The threshold of a basis, or a user's own (``threshold`` percent or more)."""
    if threshold is not None:
        if not 0 <= threshold <= 100:
            raise InvalidInputError(
                f"threshold must be a percentage between 0 and 100, got {threshold}",
                parameter="threshold",
            )
        return Threshold(basis="custom", percent=float(threshold), strict=False)
    try:
        chosen = Basis(basis)
    except ValueError as exc:
        raise InvalidInputError(
            f"unknown basis {basis!r}; use one of: {', '.join(b.value for b in Basis)}",
            parameter="basis",
        ) from exc
    if chosen is Basis.CFF:
        return Threshold(basis=chosen.value, percent=15.0, strict=True)
    return Threshold(basis=chosen.value, percent=25.0, strict=False)


def _passes(value: float, threshold: Threshold) -> bool:
    pct = round(value * 100.0, _DIGITS)
    return pct > threshold.percent if threshold.strict else pct >= threshold.percent


def _describe(threshold: Threshold) -> str:
    op = "more than" if threshold.strict else "at least"
    return f"{threshold.basis} threshold ({op} {threshold.percent:g} %)"


def _fmt(iv: Interval) -> str:
    p = iv.percent()
    return f"{p.min:g} %" if p.min == p.max else f"{p.min:g}–{p.max:g} %"


@dataclass(slots=True)
class _Upstream:
    """The part of the graph upstream of the subject, active on the day asked."""

    subject: str
    members: set[str]
    hops_in: dict[str, list[Edge]]
    hops: list[Edge]
    declared: dict[str, list[Edge]]
    self_loops: list[Edge] = field(default_factory=list)


def _upstream(graph: Subgraph, subject: str, day: date) -> _Upstream:
    hops_in: dict[str, list[Edge]] = defaultdict(list)
    declared: dict[str, list[Edge]] = defaultdict(list)
    self_loops: list[Edge] = []
    # Sorted, so that both stores (which return edges in their own order) give the same
    # answer down to the order of equally strong paths.
    for edge in sorted(graph.edges, key=lambda e: e.id):
        if not edge.active_on(day) or edge.source not in graph.nodes:
            continue
        if edge.source == edge.target:
            self_loops.append(edge)
        elif edge.declared_indirect:
            if edge.target == subject:
                declared[edge.source].append(edge)
        else:
            hops_in[edge.target].append(edge)
    members: set[str] = set()
    queue = deque([subject])
    while queue:
        node = queue.popleft()
        for edge in hops_in.get(node, ()):
            if edge.source != subject and edge.source not in members:
                members.add(edge.source)
                queue.append(edge.source)
    members.update(s for s in declared if s != subject)
    hops = [
        e
        for target, edges in hops_in.items()
        if target == subject or target in members
        for e in edges
        if e.source in members
    ]
    return _Upstream(subject, members, hops_in, hops, declared, self_loops)


def _counts_as(edge: Edge, role: EdgeRole) -> bool:
    """Edges that carry a share of ``role``; a trust's beneficiary shares in what it holds."""
    beneficiary = edge.interest_type is InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT
    if role is EdgeRole.CAPITAL and beneficiary:
        return True
    return edge.role is role


#: Cycles up to this size get each member's share without its ownership of itself.
_MAX_SELF_EXCLUSION = 200


def _propagate(
    up: _Upstream, role: EdgeRole, notes: dict[str, list[str]] | None
) -> dict[str, Interval]:
    """Effective interest of every upstream party in the subject over edges of one role."""
    out: dict[str, dict[str, Interval]] = defaultdict(dict)
    for edge in up.hops:
        if not _counts_as(edge, role) or edge.source == up.subject:
            continue
        targets = out[edge.source]
        prev = targets.get(edge.target, ZERO)
        targets[edge.target] = prev + Interval.of(edge.share)
    declared: dict[str, Interval] = {}
    for source, edges in up.declared.items():
        for edge in edges:
            if _counts_as(edge, role):
                declared[source] = declared.get(source, ZERO) + Interval.of(edge.share)

    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(up.members)
    for source, targets in out.items():
        for target in targets:
            if target != up.subject:
                graph.add_edge(source, target)
    value: dict[str, Interval] = {up.subject: ONE}

    def chains(node: str, lookup: Mapping[str, Interval]) -> tuple[Interval, Interval]:
        direct, indirect = ZERO, ZERO
        for target, share in out.get(node, {}).items():
            if target == up.subject:
                direct = direct + share
            else:
                indirect = indirect + share * lookup.get(target, ZERO)
        return direct, indirect

    def compute(node: str) -> Interval:
        direct, indirect = chains(node, value)
        claim = declared.get(node)
        if claim is not None:
            both = indirect.intersect(claim)
            if both is None and notes is not None:
                notes[node].append(
                    f"declared indirect {role.value} of {_fmt(claim)} does not fit the chains "
                    f"in the register ({_fmt(indirect)}); the declaration is used"
                )
            indirect = both if both is not None else claim
        return direct + indirect

    def solve(
        members: list[str], lookup: dict[str, Interval], fn: Callable[[str], Interval]
    ) -> None:
        for member in members:
            lookup[member] = ZERO
        for _ in range(_MAX_ITERATIONS):
            delta = 0.0
            for member in members:
                new = fn(member)
                old = lookup[member]
                delta = max(delta, abs(new.lo - old.lo), abs(new.hi - old.hi))
                lookup[member] = new
            if delta < _EPS:
                break

    condensation = nx.condensation(graph)
    cyclic: list[list[str]] = []
    for component in reversed(list(nx.topological_sort(condensation))):
        members = sorted(condensation.nodes[component]["members"])
        if len(members) == 1 and not graph.has_edge(members[0], members[0]):
            value[members[0]] = compute(members[0])
            continue
        solve(members, value, compute)
        cyclic.append(members)

    # Owners above a cycle need the members' full (integrated) values computed above. A
    # member itself is never its own owner: its share is taken over the chains that do
    # not come back through it.
    adjusted: dict[str, Interval] = {}
    for members in cyclic:
        if len(members) > _MAX_SELF_EXCLUSION:
            continue
        for member in members:
            others = [m for m in members if m != member]
            local: dict[str, Interval] = {**value, member: ZERO}

            def without_member(node: str, lookup: dict[str, Interval] = local) -> Interval:
                direct, indirect = chains(node, lookup)
                return direct + indirect

            solve(others, local, without_member)
            adjusted[member] = without_member(member)
    value.update(adjusted)
    value.pop(up.subject, None)
    return value


def _conveys_control(edge: Edge) -> bool:
    if edge.role is EdgeRole.NOMINEE or edge.interest_type in _NOT_CONTROL:
        return False
    if edge.role in (EdgeRole.CONTROL, EdgeRole.TRUST):
        return True
    share = Interval.of(edge.share)
    if edge.role is EdgeRole.VOTING:
        return edge.share is None or share.lo > 0.5
    return share.lo > 0.5


def _controllers(up: _Upstream) -> dict[str, Edge]:
    """Parties that control the subject through a chain of controlling links."""
    via: dict[str, Edge] = {}
    queue = deque([up.subject])
    for source, edges in up.declared.items():
        for edge in edges:
            declared_control = edge.role in (EdgeRole.CONTROL, EdgeRole.TRUST)
            if declared_control and _conveys_control(edge) and source not in via:
                via[source] = edge
                queue.append(source)
    while queue:
        node = queue.popleft()
        for edge in up.hops_in.get(node, ()):
            if edge.source == up.subject or edge.source in via:
                continue
            if edge.source in up.members and _conveys_control(edge):
                via[edge.source] = edge
                queue.append(edge.source)
    return via


def _weight(edge: Edge) -> float:
    if edge.role is EdgeRole.CAPITAL:
        hi = Interval.of(edge.share).hi
        return math.inf if hi <= 0 else -math.log(hi)
    return 0.0


class _Paths:
    """Strongest simple paths from an owner to the subject (Yen's algorithm, bounded)."""

    def __init__(self, up: _Upstream) -> None:
        self.up = up
        self.best: dict[tuple[str, str], Edge] = {}
        graph: nx.DiGraph = nx.DiGraph()
        for edge in up.hops:
            if edge.source == up.subject:
                continue
            weight = _weight(edge)
            if math.isinf(weight):
                continue
            key = (edge.source, edge.target)
            current = self.best.get(key)
            if current is None or weight < _weight(current):
                self.best[key] = edge
                graph.add_edge(edge.source, edge.target, weight=weight)
        self.graph = graph
        self._best_paths: dict[str, list[str]] | None = None

    def _strongest(self) -> dict[str, list[str]]:
        """The strongest path of every owner, from one Dijkstra run out of the subject."""
        if self._best_paths is None:
            self._best_paths = {}
            if self.up.subject in self.graph:
                _, found = nx.single_source_dijkstra(
                    self.graph.reverse(copy=False), self.up.subject, weight="weight"
                )
                self._best_paths = {node: path[::-1] for node, path in found.items()}
        return self._best_paths

    def paths(self, owner: str, limit: int) -> list[OwnershipPath]:
        found: list[OwnershipPath] = []
        best = self._strongest().get(owner)
        if best is not None and limit == 1:
            found.append(self._describe(best))
        elif best is not None:
            # Yen's algorithm for the next strongest: bounded by ``limit``.
            chains: Iterator[list[str]] = nx.shortest_simple_paths(
                self.graph, owner, self.up.subject, weight="weight"
            )
            found.extend(self._describe(ids) for ids in islice(chains, limit))
        for edge in self.up.declared.get(owner, ()):
            if len(found) >= limit:
                break
            interest = edge.interest_type.value if edge.interest_type else "unknownInterest"
            share = Interval.of(edge.share).percent() if edge.role is EdgeRole.CAPITAL else None
            found.append(
                OwnershipPath(
                    ids=[owner, self.up.subject],
                    interests=[f"{interest} (declared indirect)"],
                    share=share,
                )
            )
        return found

    def _describe(self, ids: list[str]) -> OwnershipPath:
        interests: list[str] = []
        product: Interval | None = ONE
        for a, b in pairwise(ids):
            edge = self.best[(a, b)]
            interests.append(edge.interest_type.value if edge.interest_type else "unknownInterest")
            if edge.role is EdgeRole.CAPITAL and product is not None:
                product = product * Interval.of(edge.share)
            else:
                product = None
        return OwnershipPath(
            ids=ids, interests=interests, share=product.percent() if product else None
        )


def _cycles(up: _Upstream) -> list[list[str]]:
    graph: nx.DiGraph = nx.DiGraph()
    scope = up.members | {up.subject}
    for edges in up.hops_in.values():
        for edge in edges:
            if edge.source in scope and edge.target in scope:
                graph.add_edge(edge.source, edge.target)
    groups = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    groups += [[e.source] for e in up.self_loops if e.source in scope]
    unique = {tuple(g) for g in groups}
    return sorted(list(g) for g in unique)


def _summary(node: Node) -> PartySummary:
    return PartySummary(
        id=node.id,
        name=node.name,
        kind=node.kind.value,
        identifiers=[i.key for i in node.identifiers],
        record_ids=list(node.record_ids),
    )


def _trust_parties(
    up: _Upstream, nodes: Mapping[str, Node], qualifies: Iterable[str]
) -> dict[str, list[str]]:
    """Parties of trusts that hold or control the subject: CFF art. 32-B Quinquies."""
    reasons: dict[str, list[str]] = defaultdict(list)
    for trust in qualifies:
        for edge in up.hops_in.get(trust, ()):
            if edge.role is EdgeRole.TRUST and edge.source in up.members:
                role = edge.interest_type.value if edge.interest_type else "party"
                reasons[edge.source].append(
                    f"{role} of {nodes[trust].name or trust}, which holds or controls the subject"
                )
    return reasons


def owners(
    graph: Subgraph,
    subject: str,
    *,
    basis: Basis | str = Basis.CFF,
    threshold: float | None = None,
    as_of: date | None = None,
    max_paths: int = 3,
) -> OwnersAnswer:
    """Everyone upstream of ``subject`` with effective ranges, and who is a beneficial owner."""
    if subject not in graph.nodes:
        raise NotFoundError(f"no party with id {subject!r}", id=subject)
    rule = resolve_threshold(basis, threshold)
    day = as_of or date.today()
    nodes = graph.nodes
    up = _upstream(graph, subject, day)
    notes: dict[str, list[str]] = defaultdict(list)
    capital = _propagate(up, EdgeRole.CAPITAL, notes)
    voting = _propagate(up, EdgeRole.VOTING, None)
    controllers = _controllers(up)
    cycles = _cycles(up)
    in_cycle = {m for group in cycles for m in group}
    paths = _Paths(up)

    trust_like = (NodeKind.TRUST, NodeKind.ARRANGEMENT)
    qualifying_trusts = [
        m
        for m in sorted(up.members | {subject})
        if nodes[m].kind in trust_like
        and (m == subject or m in controllers or _passes(capital.get(m, ZERO).lo, rule))
    ]
    trust_reasons = _trust_parties(up, nodes, qualifying_trusts)

    result: list[Owner] = []
    unspecified: list[UnspecifiedOwner] = []
    multi_path_budget = _MAX_MULTI_PATH_OWNERS
    for member in sorted(up.members):
        node = nodes[member]
        effective = capital.get(member, ZERO)
        vote = voting.get(member)
        if node.kind is NodeKind.UNSPECIFIED:
            unspecified.append(
                UnspecifiedOwner(
                    id=member,
                    reason=node.unspecified_reason.value if node.unspecified_reason else "unknown",
                    description=node.description,
                    share=effective.percent(),
                    paths=paths.paths(member, max_paths),
                )
            )
            continue
        reasons: list[str] = list(notes.get(member, ()))
        is_bo = False
        if node.is_natural_person:
            if _passes(effective.lo, rule):
                is_bo = True
                reasons.append(f"owns {_fmt(effective)} effectively, above the {_describe(rule)}")
            elif _passes(effective.hi, rule):
                reasons.append(
                    f"may own up to {_fmt(Interval(effective.hi, effective.hi))}: the shares on "
                    f"the way are not known exactly ({_describe(rule)})"
                )
            if vote is not None and _passes(vote.lo, rule):
                is_bo = True
                reasons.append(f"holds {_fmt(vote)} of the votes, above the {_describe(rule)}")
            if member in controllers:
                is_bo = True
                edge = controllers[member]
                kind = edge.interest_type.value if edge.interest_type else "majority shareholding"
                reasons.append(f"controls the subject ({kind} of {nodes[edge.target].name})")
            if member in trust_reasons:
                is_bo = True
                reasons.extend(trust_reasons[member])
            if node.politically_exposed:
                reasons.append("politically exposed person")
        else:
            if member in controllers:
                reasons.append("controls the subject")
            reasons.extend(trust_reasons.get(member, ()))
        if member in in_cycle:
            reasons.append("part of circular ownership: effective share is not face value")
        several = is_bo and multi_path_budget > 0
        multi_path_budget -= 1 if several else 0
        limit = max_paths if several else 1
        result.append(
            Owner(
                id=member,
                name=node.name,
                kind=node.kind.value,
                effective=effective.percent(),
                voting=vote.percent() if vote is not None else None,
                beneficial_owner=is_bo,
                reasons=reasons,
                paths=paths.paths(member, limit),
            )
        )

    if not any(o.beneficial_owner for o in result):
        result = _fallback_officials(result, up, nodes)

    persons = [capital.get(o.id, ZERO) for o in result if nodes[o.id].is_natural_person]
    traced = ZERO
    for share in persons:
        traced = traced + share
    result.sort(key=lambda o: (not o.beneficial_owner, -o.effective.max, -o.effective.min, o.id))
    unspecified.sort(key=lambda u: (-u.share.max, u.id))
    return OwnersAnswer(
        subject=_summary(nodes[subject]),
        as_of=day,
        threshold=rule,
        owners=result,
        traced=traced.percent(),
        unspecified=unspecified,
        circular=cycles,
        truncated=graph.truncated,
    )


def _fallback_officials(
    result: list[Owner], up: _Upstream, nodes: Mapping[str, Node]
) -> list[Owner]:
    """No natural person qualifies: senior managing officials of the subject stand in."""
    officials = {
        e.source
        for e in up.hops_in.get(up.subject, ())
        if e.interest_type is InterestType.SENIOR_MANAGING_OFFICIAL
        and nodes[e.source].is_natural_person
    }
    if not officials:
        return result
    return [
        o.model_copy(
            update={
                "beneficial_owner": True,
                "reasons": [
                    *o.reasons,
                    "senior managing official: no natural person qualifies otherwise",
                ],
            }
        )
        if o.id in officials
        else o
        for o in result
    ]
