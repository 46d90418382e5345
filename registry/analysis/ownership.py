"""Effective ownership and beneficial owners of one subject, without enumerating paths.

Effective ownership of ``o`` in ``t`` is the sum, over the chains ``o → … → t``, of the
product of the shares along each chain; chains meet ``t`` only at their end and ``o`` only
at their start, so a company is never its own owner. ``registry.analysis.integrated``
computes it over the strongly connected components of the upstream graph and documents the
definition (integrated ownership, with each cycle member's walks back to itself removed).

Every share is an interval: an unknown share is ``[0, 100]``, narrowed by what the other
holders of the same company surely hold. Capital and votes are computed apart.

A beneficial owner is a natural person who

* holds, effectively, more than 15 % of the capital (``cff``, CFF art. 32-B Quáter),
  25 % or more (``lfpiorpi``, LFPIORPI art. 3 fr. III), or a threshold the user gives — or
  as much of the votes;
* controls the subject through a chain of controlling links (more than half of the capital
  or votes at each step, board appointment, other influence, rights by contract);
* is a settlor, trustee, protector, beneficiary or member of the technical committee of a
  trust that is the subject or that holds or controls enough of it (CFF art. 32-B
  Quinquies) — or a beneficial owner of a company in one of those roles;
* failing all of these, is a senior managing official, sole administrator or board member
  of the subject (the fallback the rules name).

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
>>> [(u.name, u.share.max) for u in answer.untraced]
[('Target', 40.0), ('Holding', 30.0)]
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict, deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from registry.analysis.integrated import ONE, ZERO, Interval, Solution, solve
from registry.analysis.interests import (
    FALLBACK_INTERESTS,
    Active,
    Weights,
    active_interests,
    capital_cycles,
    carries_capital,
    conveys_control,
    describe_threshold,
    fmt,
    interest_label,
    is_trust_like,
    passes,
    summary,
)
from registry.analysis.results import (
    Basis,
    Owner,
    OwnersAnswer,
    OwnershipPath,
    Threshold,
    UnspecifiedOwner,
    UntracedPart,
)
from registry.errors import InvalidInputError, NotFoundError
from registry.model import Edge, EdgeRole, NodeKind, Subgraph

__all__ = [
    "Interval",
    "Upstream",
    "capital_links",
    "capital_solution",
    "controllers_of",
    "owners",
    "resolve_threshold",
    "upstream_of",
]

#: Beneficial owners that get their several strongest paths; the rest get the strongest.
_MAX_MULTI_PATH_OWNERS = 50
#: Companies in trust roles whose own beneficial owners are looked for, per question.
_MAX_NESTED = 25


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


@dataclass(slots=True)
class Upstream:
    """The part of the graph upstream of the subject, active on the day asked."""

    subject: str
    members: set[str]
    active: Active
    #: Declared indirect interests in the subject, by interested party.
    declared: dict[str, list[Edge]]
    weights: Weights

    @property
    def scope(self) -> set[str]:
        return self.members | {self.subject}

    def hops(self) -> Iterator[Edge]:
        """Hop edges from members into the subject or other members."""
        for target in sorted(self.scope):
            for edge in self.active.hops_in.get(target, ()):
                if edge.source in self.members:
                    yield edge


def upstream_of(graph: Subgraph, subject: str, day: date) -> Upstream:
    active = active_interests(graph.edges, graph.nodes, day)
    members: set[str] = set()
    queue = deque([subject])
    while queue:
        node = queue.popleft()
        for edge in active.hops_in.get(node, ()):
            if edge.source != subject and edge.source not in members:
                members.add(edge.source)
                queue.append(edge.source)
    declared: dict[str, list[Edge]] = defaultdict(list)
    for edge in active.declared:
        if edge.target == subject:
            declared[edge.source].append(edge)
            if edge.source not in members:
                members.add(edge.source)
                queue.append(edge.source)
    # Parties that only declare an indirect interest bring their own owners along.
    while queue:
        node = queue.popleft()
        for edge in active.hops_in.get(node, ()):
            if edge.source != subject and edge.source not in members:
                members.add(edge.source)
                queue.append(edge.source)
    scope = members | {subject}
    weights = Weights(
        [e for t in scope for e in active.hops_in.get(t, ())]
        + [e for e in active.self_loops if e.target in scope]
    )
    return Upstream(subject, members, active, dict(declared), weights)


def capital_links(
    up: Upstream,
) -> tuple[dict[str, dict[str, Interval]], dict[tuple[str, str], str]]:
    """Capital share of each member in each party it holds, and a label of each link."""
    out: dict[str, dict[str, Interval]] = defaultdict(dict)
    labels: dict[tuple[str, str], str] = {}
    capital = up.weights.capital
    # A member holding its own shares (treasury shares) is a one-party cycle: its other
    # holders' stakes flow through it in full. The subject's own shares are not a part
    # of anyone's stake in it (the subject is absorbing), so only members' loops count.
    loops = [e for e in up.active.self_loops if e.source in up.members]
    for edge in [*up.hops(), *loops]:
        share = capital.get(edge.id)
        if share is not None:
            targets = out[edge.source]
            previous = targets.get(edge.target)
            if previous is None:
                targets[edge.target] = share
                labels[(edge.source, edge.target)] = interest_label(edge)
            else:
                targets[edge.target] = previous + share
    return out, labels


def capital_solution(
    up: Upstream, out: Mapping[str, Mapping[str, Interval]] | None = None
) -> Solution:
    if out is None:
        out = capital_links(up)[0]
    claims: dict[str, Interval] = {}
    for source, edges in up.declared.items():
        for edge in edges:
            if carries_capital(edge):
                claims[source] = claims.get(source, ZERO) + Interval.of(edge.share)
    return solve(up.subject, up.members, out, claims)


def _voting_solution(up: Upstream) -> Solution | None:
    if not up.weights.voting_targets and not any(
        e.role is EdgeRole.VOTING for edges in up.declared.values() for e in edges
    ):
        return None
    out: dict[str, dict[str, Interval]] = defaultdict(dict)
    for edge in up.hops():
        share = up.weights.voting_of(edge)
        if share is not None:
            targets = out[edge.source]
            targets[edge.target] = targets.get(edge.target, ZERO) + share
    by_votes = up.subject in up.weights.voting_targets
    claims: dict[str, Interval] = {}
    for source, edges in up.declared.items():
        for edge in edges:
            counts = edge.role is EdgeRole.VOTING if by_votes else carries_capital(edge)
            if counts:
                claims[source] = claims.get(source, ZERO) + Interval.of(edge.share)
    return solve(up.subject, up.members, out, claims)


def controllers_of(up: Upstream) -> dict[str, Edge]:
    """Parties that control the subject through a chain of controlling links."""
    via: dict[str, Edge] = {}
    queue = deque([up.subject])
    for source, edges in sorted(up.declared.items()):
        for edge in edges:
            if edge.role is EdgeRole.CONTROL and conveys_control(edge) and source not in via:
                via[source] = edge
                queue.append(source)
    while queue:
        node = queue.popleft()
        for edge in up.active.hops_in.get(node, ()):
            if edge.source == up.subject or edge.source in via:
                continue
            if edge.source in up.members and conveys_control(edge):
                via[edge.source] = edge
                queue.append(edge.source)
    return via


def circular_groups(up: Upstream) -> list[list[str]]:
    """Groups of parties that own each other (shareholdings only, as the cycle sweep)."""
    return capital_cycles(up.active, up.scope)


def _weight(share: Interval) -> float:
    hi = min(share.hi, 1.0)
    return math.inf if hi <= 0 else -math.log(hi)


class _Paths:
    """Strongest chains from owners to the subject.

    One Dijkstra run out of the subject (against the links) gives every owner's strongest
    chain and its exact distance to the subject; the next strongest chains of an owner come
    from a best-first search that uses that distance as its (exact) estimate, so it walks
    little more than the chains it returns.
    """

    def __init__(
        self,
        up: Upstream,
        controllers: Mapping[str, Edge],
        links: tuple[Mapping[str, Mapping[str, Interval]], Mapping[tuple[str, str], str]],
    ) -> None:
        self.up = up
        self.controllers = controllers
        out, self.labels = links
        self.pair: dict[tuple[str, str], Interval] = {}
        self.preds: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self.succ: dict[str, list[tuple[str, float]]] = defaultdict(list)
        # Links are visited in the id order of their first edge (``up.hops``), the same on
        # both stores, so ties between equally strong chains break the same way.
        for source, targets in out.items():
            for target, share in targets.items():
                self.pair[(source, target)] = share
                weight = _weight(share)
                if not math.isinf(weight):
                    self.preds[target].append((source, weight))
                    self.succ[source].append((target, weight))
        self._next: dict[str, str] | None = None
        self._dist: dict[str, float] = {}
        self._products: dict[str, Interval] = {}

    def _strongest(self) -> dict[str, str]:
        """The next hop of every owner's strongest chain, from one Dijkstra run."""
        if self._next is None:
            dist: dict[str, float] = {self.up.subject: 0.0}
            nxt: dict[str, str] = {}
            heap: list[tuple[float, str]] = [(0.0, self.up.subject)]
            done: set[str] = set()
            while heap:
                d, node = heapq.heappop(heap)
                if node in done:
                    continue
                done.add(node)
                for pred, weight in self.preds.get(node, ()):
                    nd = d + weight
                    if pred not in dist or nd < dist[pred] - 1e-15:
                        dist[pred] = nd
                        nxt[pred] = node
                        heapq.heappush(heap, (nd, pred))
            self._next = nxt
            self._dist = dist
        return self._next

    def strongest_chains(self, owner: str, limit: int) -> list[list[str]]:
        """Up to ``limit`` simple chains from ``owner``, strongest first."""
        self._strongest()
        dist, subject = self._dist, self.up.subject
        if owner not in dist:
            return []
        found: list[list[str]] = []
        heap: list[tuple[float, float, tuple[str, ...]]] = [(dist[owner], 0.0, (owner,))]
        budget = 20_000
        while heap and len(found) < limit and budget > 0:
            budget -= 1
            _, done, chain = heapq.heappop(heap)
            node = chain[-1]
            if node == subject:
                found.append(list(chain))
                continue
            for target, weight in self.succ.get(node, ()):
                if target in chain or target not in dist:
                    continue
                cost = done + weight
                heapq.heappush(heap, (cost + dist[target], cost, (*chain, target)))
        return found

    def capital_chain(self, owner: str) -> list[str] | None:
        nxt = self._strongest()
        if owner not in nxt:
            return None
        ids = [owner]
        while ids[-1] != self.up.subject:
            ids.append(nxt[ids[-1]])
        return ids

    def _product(self, owner: str) -> Interval:
        """Product of the shares along the strongest chain, memoised along the tree."""
        nxt = self._strongest()
        pending: list[str] = []
        node = owner
        while node != self.up.subject and node not in self._products:
            pending.append(node)
            node = nxt[node]
        value = ONE if node == self.up.subject else self._products[node]
        for item in reversed(pending):
            value = self.pair[(item, nxt[item])].capped() * value
            self._products[item] = value
        return self._products.get(owner, ONE)

    def paths(self, owner: str, limit: int) -> list[OwnershipPath]:
        found: list[OwnershipPath] = []
        best = self.capital_chain(owner)
        if best is not None and limit == 1:
            found.append(self.describe(best, self._product(owner)))
        elif best is not None:
            found.extend(self.describe(ids) for ids in self.strongest_chains(owner, limit))
        if not found and owner in self.controllers:
            found.append(self.control_chain(owner))
        for edge in self.up.declared.get(owner, ()):
            if len(found) >= limit:
                break
            share = Interval.of(edge.share).percent() if carries_capital(edge) else None
            found.append(
                OwnershipPath(
                    ids=[owner, self.up.subject],
                    interests=[f"{interest_label(edge)} (declared indirect)"],
                    share=share,
                )
            )
        return found

    def control_chain(self, owner: str) -> OwnershipPath:
        ids, interests = [owner], []
        while ids[-1] != self.up.subject and ids[-1] in self.controllers:
            edge = self.controllers[ids[-1]]
            interests.append(interest_label(edge))
            ids.append(edge.target)
        return OwnershipPath(ids=ids, interests=interests, share=None)

    def through(self, party: str, edge: Edge) -> OwnershipPath:
        """A party's link into ``edge.target`` followed by that node's strongest chain."""
        tail: OwnershipPath
        if edge.target == self.up.subject:
            tail = OwnershipPath(ids=[edge.target], interests=[], share=None)
        else:
            chain = self.capital_chain(edge.target)
            if chain is not None:
                tail = self.describe(chain)
            elif edge.target in self.controllers:
                tail = self.control_chain(edge.target)
            else:
                tail = OwnershipPath(ids=[edge.target], interests=[], share=None)
        return OwnershipPath(
            ids=[party, *tail.ids], interests=[interest_label(edge), *tail.interests], share=None
        )

    def describe(self, ids: list[str], product: Interval | None = None) -> OwnershipPath:
        interests = [self.labels[pair] for pair in pairwise(ids)]
        if product is None:
            product = ONE
            for pair in pairwise(ids):
                product = product * self.pair[pair].capped()
        return OwnershipPath(ids=ids, interests=interests, share=product.percent())


def _leak(up: Upstream, node: str) -> tuple[Interval, float, float]:
    """Part of ``node``'s capital whose holders are not in the register, and the sums."""
    lo = hi = 0.0
    for edge in up.active.hops_in.get(node, ()):
        share = up.weights.capital_of(edge)
        if share is not None:
            lo += share.lo
            hi += min(share.hi, 1.0)
    return Interval(max(0.0, 1.0 - hi), max(0.0, 1.0 - lo)), lo, hi


class _Owners:
    """One question: the owners of ``subject`` on ``day`` under ``rule``."""

    def __init__(
        self,
        graph: Subgraph,
        subject: str,
        rule: Threshold,
        day: date,
        max_paths: int,
        seen: frozenset[str],
    ) -> None:
        self.graph = graph
        self.nodes = graph.nodes
        self.subject = subject
        self.rule = rule
        self.day = day
        self.max_paths = max_paths
        self.seen = seen | {subject}
        self.up = upstream_of(graph, subject, day)
        links = capital_links(self.up)
        self.capital = capital_solution(self.up, links[0])
        self.voting = _voting_solution(self.up)
        self.controllers = controllers_of(self.up)
        # Circles of shareholdings are circles of capital links among the members, or go
        # through the subject: none without either (which spares a second sweep).
        through_subject = any(
            e.target in self.up.members for e in self.up.active.hops_out.get(subject, ())
        )
        maybe = self.capital.cyclic or self.up.active.self_loops or through_subject
        self.circular = circular_groups(self.up) if maybe else []
        self.paths = _Paths(self.up, self.controllers, links)
        self.notes: list[str] = []

    def share(self, node: str) -> Interval:
        return ONE if node == self.subject else self.capital.effective.get(node, ZERO)

    def name(self, node: str) -> str:
        return self.nodes[node].name or node

    # -- trusts ------------------------------------------------------------------------
    def _qualifying_trusts(self) -> dict[str, str]:
        """Trusts whose parties are beneficial owners, with the reason the trust counts."""
        found: dict[str, str] = {}
        for node in sorted(self.up.scope):
            if not is_trust_like(self.nodes[node], self.up.active.hops_in.get(node, ())):
                continue
            if node == self.subject:
                found[node] = "the subject itself"
            elif node in self.controllers:
                found[node] = "which controls the subject"
            elif passes(self.share(node), self.rule):
                found[node] = f"which holds {fmt(self.share(node))} of the subject"
        return found

    def _trust_parties(self) -> dict[str, list[tuple[str, Edge]]]:
        """Natural persons who are beneficial owners through trusts (CFF art. 32-B Quinquies)."""
        reasons: dict[str, list[tuple[str, Edge]]] = defaultdict(list)
        nested_budget = _MAX_NESTED
        for trust, why in self._qualifying_trusts().items():
            for edge in self.up.active.hops_in.get(trust, ()):
                party = edge.source
                if party not in self.up.members or edge.role is EdgeRole.NOMINEE:
                    continue
                role = interest_label(edge)
                node = self.nodes[party]
                if node.is_natural_person:
                    reasons[party].append((f"{role} of {self.name(trust)}, {why}", edge))
                elif node.kind is not NodeKind.UNSPECIFIED and party not in self.seen:
                    if nested_budget <= 0:
                        self.notes.append(
                            f"beneficial owners of {self.name(party)} ({role} of "
                            f"{self.name(trust)}) were not looked for: too many trust parties"
                        )
                        continue
                    nested_budget -= 1
                    # The law looks through a company in a trust role to its own beneficial
                    # owners (CFF art. 32-B Quinquies, last paragraph).
                    inner = _Owners(self.graph, party, self.rule, self.day, 0, self.seen)
                    for owner in inner.result(with_paths=False)[0]:
                        if owner.beneficial_owner and self.nodes[owner.id].is_natural_person:
                            reasons[owner.id].append(
                                (
                                    f"beneficial owner of {self.name(party)}, {role} of "
                                    f"{self.name(trust)}, {why}",
                                    edge,
                                )
                            )
        return reasons

    # -- unknowns ----------------------------------------------------------------------
    def _untraced(self) -> list[UntracedPart]:
        parts: list[UntracedPart] = []
        integrated = self.capital.integrated
        for node_id in sorted(self.up.scope):
            node = self.nodes[node_id]
            if node.is_natural_person:
                continue
            flow = ONE if node_id == self.subject else integrated.get(node_id, ZERO)
            if node.kind is NodeKind.UNSPECIFIED:
                reason = node.unspecified_reason.value if node.unspecified_reason else "unknown"
                text = f"unknown owner: {reason}" + (
                    f" ({node.description})" if node.description else ""
                )
                mass = flow
            else:
                leak, lo, hi = _leak(self.up, node_id)
                mass = leak * flow
                if node.kind is NodeKind.PUBLIC_BODY:
                    text = "a public body: this part ends at the state"
                elif hi == 0.0:
                    text = f"no owners of {self.name(node_id)} are in the register"
                    if is_trust_like(node, self.up.active.hops_in.get(node_id, ())):
                        text = (
                            f"nobody holds {self.name(node_id)}'s assets by a share in the "
                            "register (its parties are listed by their roles)"
                        )
                else:
                    held = fmt(Interval(lo, min(hi, 1.0)))
                    text = (
                        f"owners of {self.name(node_id)} are in the register for {held} "
                        "of its capital"
                    )
            share = mass.percent()
            if share.max == 0.0:
                continue
            parts.append(
                UntracedPart(
                    id=node_id, name=node.name, kind=node.kind.value, share=share, reason=text
                )
            )
        parts.sort(key=lambda p: (-p.share.max, -p.share.min, p.id))
        return parts

    # -- the answer --------------------------------------------------------------------
    def _member_notes(self, member: str) -> list[str]:
        notes: list[str] = []
        misfit = self.capital.misfits.get(member)
        if misfit is not None:
            claim, chains = misfit
            notes.append(
                f"declared indirect interest of {fmt(claim)} does not fit the chains in the "
                f"register ({fmt(chains)}); the declaration is used"
            )
        if member in self.capital.unsettled:
            notes.append(
                "sits on circular holdings whose shares may reach 100 % all round: "
                "the maximum is not bounded below 100 %"
            )
        if member in self.capital.not_excluded:
            notes.append("circular group too large to separate: may include chains back to it")
        return notes

    def result(self, *, with_paths: bool = True) -> tuple[list[Owner], list[UnspecifiedOwner]]:
        rule, nodes = self.rule, self.nodes
        in_cycle = {m for group in self.circular for m in group}
        trust_reasons = self._trust_parties()
        result: list[Owner] = []
        unspecified: list[UnspecifiedOwner] = []
        multi_path_budget = _MAX_MULTI_PATH_OWNERS
        for member in sorted(self.up.members):
            node = nodes[member]
            effective = self.capital.effective.get(member, ZERO)
            vote = self.voting.effective.get(member, ZERO) if self.voting else None
            if node.kind is NodeKind.UNSPECIFIED:
                unspecified.append(
                    UnspecifiedOwner(
                        id=member,
                        reason=node.unspecified_reason.value
                        if node.unspecified_reason
                        else "unknown",
                        description=node.description,
                        share=effective.percent(),
                        paths=self.paths.paths(member, 1) if with_paths else [],
                    )
                )
                continue
            reasons = self._member_notes(member)
            is_bo = False
            if node.is_natural_person:
                if passes(effective, rule):
                    is_bo = True
                    reasons.append(
                        f"owns {fmt(effective)} effectively, above the {describe_threshold(rule)}"
                    )
                elif passes(Interval(min(effective.hi, 1.0), min(effective.hi, 1.0)), rule):
                    reasons.append(
                        f"may own up to {fmt(Interval(effective.hi, effective.hi))}: the shares "
                        f"on the way are not known exactly ({describe_threshold(rule)})"
                    )
                if vote is not None and passes(vote, rule):
                    is_bo = True
                    reasons.append(
                        f"holds {fmt(vote)} of the votes, above the {describe_threshold(rule)}"
                    )
                if member in self.controllers:
                    is_bo = True
                    edge = self.controllers[member]
                    reasons.append(
                        f"controls the subject ({interest_label(edge)} of {self.name(edge.target)})"
                    )
                if member in trust_reasons:
                    is_bo = True
                    reasons.extend(text for text, _ in trust_reasons[member])
                if node.politically_exposed:
                    reasons.append("politically exposed person")
            elif member in self.controllers:
                reasons.append("controls the subject")
            if member in in_cycle:
                reasons.append("part of circular ownership: effective share is not face value")
            paths: list[OwnershipPath] = []
            if with_paths:
                several = is_bo and multi_path_budget > 0
                multi_path_budget -= 1 if several else 0
                paths = self.paths.paths(member, self.max_paths if several else 1)
                if not paths and member in trust_reasons:
                    paths = [self.paths.through(member, trust_reasons[member][0][1])]
            result.append(
                Owner(
                    id=member,
                    name=node.name,
                    kind=node.kind.value,
                    effective=effective.percent(),
                    voting=vote.percent() if vote is not None else None,
                    beneficial_owner=is_bo,
                    reasons=reasons,
                    paths=paths,
                )
            )
        if not any(o.beneficial_owner for o in result):
            result = self._fallback_officials(result)
        result.sort(
            key=lambda o: (not o.beneficial_owner, -o.effective.max, -o.effective.min, o.id)
        )
        unspecified.sort(key=lambda u: (-u.share.max, u.id))
        return result, unspecified

    def _fallback_officials(self, result: list[Owner]) -> list[Owner]:
        """No natural person qualifies: the officials the rules name stand in."""
        officials: dict[str, str] = {}
        for edge in self.up.active.hops_in.get(self.subject, ()):
            if (
                edge.interest_type in FALLBACK_INTERESTS
                and self.nodes[edge.source].is_natural_person
            ):
                officials.setdefault(edge.source, interest_label(edge))
        if not officials:
            return result
        return [
            o.model_copy(
                update={
                    "beneficial_owner": True,
                    "reasons": [
                        *o.reasons,
                        f"{officials[o.id]}: no natural person owns or controls the subject "
                        "otherwise, so the rules name its officials",
                    ],
                }
            )
            if o.id in officials
            else o
            for o in result
        ]

    def answer(self) -> OwnersAnswer:
        result, unspecified = self.result()
        traced = ZERO
        for member, share in self.capital.effective.items():
            if self.nodes[member].is_natural_person:
                traced = traced + share
        notes = list(self.notes)
        if self.graph.truncated:
            notes.append(
                "the upstream graph was cut at the configured size: owners beyond it are missing"
            )
        return OwnersAnswer(
            subject=summary(self.nodes[self.subject]),
            as_of=self.day,
            threshold=self.rule,
            owners=result,
            traced=traced.percent(),
            unspecified=unspecified,
            untraced=self._untraced(),
            circular=self.circular,
            notes=notes,
            truncated=self.graph.truncated,
        )


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
    return _Owners(graph, subject, rule, day, max_paths, frozenset()).answer()
