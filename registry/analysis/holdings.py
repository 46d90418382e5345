"""Holdings: everything a party holds, directly or through others, with effective shares.

The effective share of ``o`` in each ``t`` downstream is the same number as in the owners
of ``t`` (``registry.analysis.ownership``): chains meet ``o`` only at their start and ``t``
only at their end. It is computed for every ``t`` at once by solving the owners equations on
the reversed graph, where ``o`` is the subject: a chain ``o → … → t`` read backwards is a
chain from ``t`` to ``o``. Where a company declares an indirect interest in ``t``, that
declaration changes ``t``'s owners, so those few ``t`` are asked as in ``owners``.

The graph must hold, besides the chains, the other interests into each party reached (the
store's ``downstream`` returns them), so shares are read against the rest of each capital.

>>> from registry.model import Edge, EdgeRole, Node, NodeKind, Share, Subgraph
>>> nodes = {i: Node(id=i, kind=NodeKind.COMPANY, name=i.upper()) for i in ("h", "a", "b")}
>>> nodes["p"] = Node(id="p", kind=NodeKind.PERSON, name="Ana")
>>> edges = (
...     Edge(id="1", source="p", target="h", role=EdgeRole.CAPITAL, share=Share.exact(50)),
...     Edge(id="2", source="h", target="a", role=EdgeRole.CAPITAL, share=Share.exact(60)),
...     Edge(id="3", source="a", target="b", role=EdgeRole.CAPITAL, share=Share.exact(100)),
... )
>>> answer = holdings(Subgraph(nodes=nodes, edges=edges), "p", as_of=date(2024, 1, 1))
>>> [(h.name, h.effective.min, h.controls) for h in answer.holdings]
[('H', 50.0, False), ('A', 30.0, False), ('B', 30.0, False)]
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict, deque
from datetime import date
from itertools import pairwise

from registry.analysis.contracts import held_contracts
from registry.analysis.integrated import ONE, ZERO, Interval, Solution, solve
from registry.analysis.interests import (
    Weights,
    active_interests,
    capital_cycles,
    conveys_control,
    interest_label,
    summary,
)
from registry.analysis.ownership import capital_solution, upstream_of
from registry.analysis.results import HeldContract, Holding, HoldingsAnswer, OwnershipPath
from registry.errors import NotFoundError
from registry.model import EdgeRole, Subgraph

__all__ = ["holdings"]


def _weight(share: Interval) -> float:
    hi = min(share.hi, 1.0)
    return math.inf if hi <= 0 else -math.log(hi)


def holdings(
    graph: Subgraph,
    owner: str,
    *,
    as_of: date | None = None,
    links: Subgraph | None = None,
) -> HoldingsAnswer:
    """Every party downstream of ``owner`` with its effective share, votes and control.

    ``links``: participations and holdings of ``owner`` and of what it holds (and of the
    other holders of those contracts), for the contracts held through them.
    """
    if owner not in graph.nodes:
        raise NotFoundError(f"no party with id {owner!r}", id=owner)
    day = as_of or date.today()
    nodes = graph.nodes
    active = active_interests(graph.edges, nodes, day)
    declared_from: dict[str, list[str]] = defaultdict(list)
    for edge in active.declared:
        declared_from[edge.source].append(edge.target)

    members: set[str] = set()
    queue = deque([owner])
    while queue:
        node = queue.popleft()
        nexts = [e.target for e in active.hops_out.get(node, ())] + declared_from.get(node, [])
        for target in nexts:
            if target != owner and target not in members:
                members.add(target)
                queue.append(target)
    scope = members | {owner}
    weights = Weights(
        [e for t in scope for e in active.hops_in.get(t, ())]
        + [e for e in active.self_loops if e.target in scope]
    )

    def reversed_solution(voting: bool) -> Solution:
        out: dict[str, dict[str, Interval]] = defaultdict(dict)
        for target in members:
            for edge in active.hops_in.get(target, ()):
                if edge.source not in scope:
                    continue
                share = weights.voting_of(edge) if voting else weights.capital_of(edge)
                if share is not None:
                    back = out[target]
                    back[edge.source] = back.get(edge.source, ZERO) + share
        return solve(owner, members, out)

    capital = reversed_solution(False)
    effective = dict(capital.effective)
    # A declared indirect interest into t changes t's owners: ask those t as owners does.
    claimed = {e.target for e in active.declared if e.source in scope and e.target in members}
    for target in sorted(claimed):
        solution = capital_solution(upstream_of(graph, target, day))
        effective[target] = solution.effective.get(owner, ZERO)
    voting: dict[str, Interval] | None = None
    if weights.voting_targets & members:
        voting = reversed_solution(True).effective

    controlled: dict[str, str] = {}
    for edge in active.declared:
        if edge.source == owner and edge.role is EdgeRole.CONTROL and conveys_control(edge):
            controlled.setdefault(edge.target, interest_label(edge))
    queue = deque([owner])
    while queue:
        node = queue.popleft()
        for edge in active.hops_out.get(node, ()):
            if edge.target in members and edge.target not in controlled and conveys_control(edge):
                controlled[edge.target] = interest_label(edge)
                queue.append(edge.target)

    # Strongest chains out of the owner: one Dijkstra run over the capital links.
    pair: dict[tuple[str, str], Interval] = {}
    labels: dict[tuple[str, str], str] = {}
    for target in members:
        for edge in active.hops_in.get(target, ()):
            share = weights.capital_of(edge)
            if edge.source in scope and share is not None:
                key = (edge.source, target)
                pair[key] = pair.get(key, ZERO) + share
                labels.setdefault(key, interest_label(edge))
    succ: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (source, target), share in sorted(pair.items()):
        weight = _weight(share)
        if not math.isinf(weight):
            succ[source].append((target, weight))
    dist: dict[str, float] = {owner: 0.0}
    prev: dict[str, str] = {}
    heap: list[tuple[float, str]] = [(0.0, owner)]
    done: set[str] = set()
    while heap:
        d, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        for target, weight in succ.get(node, ()):
            if target == owner:
                continue
            nd = d + weight
            if target not in dist or nd < dist[target] - 1e-15:
                dist[target] = nd
                prev[target] = node
                heapq.heappush(heap, (nd, target))

    def path_to(target: str) -> list[OwnershipPath]:
        if target not in prev:
            return []
        ids = [target]
        while ids[-1] != owner:
            ids.append(prev[ids[-1]])
        ids.reverse()
        product = ONE
        interests = []
        for a, b in pairwise(ids):
            product = product * pair[(a, b)].capped()
            interests.append(labels[(a, b)])
        return [OwnershipPath(ids=ids, interests=interests, share=product.percent())]

    direct: dict[str, list[str]] = defaultdict(list)
    for edge in active.hops_out.get(owner, ()):
        direct[edge.target].append(interest_label(edge))
    held: list[Holding] = []
    for target in sorted(members):
        share = effective.get(target, ZERO)
        reasons = [f"{label} (direct)" for label in dict.fromkeys(direct.get(target, []))]
        if target in capital.unsettled:
            reasons.append("circular holdings on the way: the maximum is not bounded below 100 %")
        if target in claimed:
            reasons.append("a declared indirect interest into it is taken into account")
        if target in controlled:
            reasons.append(f"controls it ({controlled[target]})")
        held.append(
            Holding(
                id=target,
                name=nodes[target].name,
                kind=nodes[target].kind.value,
                effective=share.percent(),
                voting=voting.get(target, ZERO).percent() if voting is not None else None,
                controls=target in controlled,
                reasons=reasons,
                paths=path_to(target),
            )
        )
    held.sort(key=lambda h: (-h.effective.max, -h.effective.min, not h.controls, h.id))

    contracts: list[HeldContract] = []
    if links is not None:
        shares = {m: effective.get(m, ZERO) for m in members if m in links.nodes}
        if owner in links.nodes:
            shares[owner] = ONE
        for contract, item, share in held_contracts(links, shares, day):
            holder = links.nodes[item.holder]
            contracts.append(
                HeldContract(
                    id=contract.id,
                    name=contract.name,
                    kind=contract.kind.value,
                    holder_id=holder.id,
                    holder_name=holder.name,
                    participation=item.share.percent(),
                    operator=item.operator,
                    holder_share=share.percent(),
                    effective=(share * item.share).percent(),
                )
            )
        contracts.sort(key=lambda c: (-c.effective.max, -c.effective.min, c.name, c.holder_id))

    groups = capital_cycles(active, scope)
    notes: list[str] = []
    if graph.truncated:
        notes.append("the downstream graph was cut at the configured size: holdings are missing")
    return HoldingsAnswer(
        owner=summary(nodes[owner]),
        as_of=day,
        holdings=held,
        contracts=contracts,
        circular=groups,
        notes=notes,
        truncated=graph.truncated,
    )
