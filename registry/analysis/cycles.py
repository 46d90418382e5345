"""Circular ownership across the whole register: the strongly connected components of the
shareholding graph (Tarjan, linear in the edges), never an enumeration of cycles.

A group is two or more parties each of which owns, through the others, a part of itself;
a party that holds shares of itself is a group of one. Only shareholdings count (the
``OWNS`` relationship), as they are on the day asked; declared indirect interests are
summaries of chains, not links of them.

>>> from registry.model import Edge, EdgeRole, Share
>>> def owns(i, s, t):
...     return Edge(id=i, source=s, target=t, role=EdgeRole.CAPITAL, share=Share.exact(50))
>>> answer = circular_ownership(
...     [owns("1", "a", "b"), owns("2", "b", "c"), owns("3", "c", "a"), owns("4", "c", "d")],
...     as_of=date(2024, 1, 1),
... )
>>> [(g.members, g.example) for g in answer.cycles]
[(['a', 'b', 'c'], ['a', 'b', 'c', 'a'])]
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from datetime import date

from registry.analysis.integrated import Interval, strongly_connected
from registry.analysis.results import CycleEdge, CycleGroup, CyclesAnswer
from registry.model import Edge, EdgeRole, make_id

__all__ = ["circular_members", "circular_ownership", "group_id"]


def group_id(members: Sequence[str]) -> str:
    """A stable id of a group from its sorted members."""
    return make_id("cy", *sorted(members))


def _example(start: str, succ: dict[str, set[str]], inside: set[str]) -> list[str]:
    """The shortest cycle through ``start`` within the group, ``start`` repeated at the end."""
    parent: dict[str, str] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        node = queue.popleft()
        for nxt in sorted(succ.get(node, ())):
            if nxt not in inside:
                continue
            if nxt == start:
                ids = [node]
                while ids[-1] != start:
                    ids.append(parent[ids[-1]])
                return [*ids[::-1], start]
            if nxt not in seen:
                seen.add(nxt)
                parent[nxt] = node
                queue.append(nxt)
    return [start, start]


def circular_members(links: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The groups among ``(holder, held)`` links: components of two or more, and parties
    that hold themselves; each sorted.

    >>> circular_members([("a", "b"), ("b", "a"), ("s", "s"), ("a", "t")])
    [['a', 'b'], ['s']]
    """
    succ: dict[str, set[str]] = defaultdict(set)
    nodes: set[str] = set()
    loops: set[str] = set()
    for source, target in links:
        succ[source].add(target)
        nodes.add(source)
        nodes.add(target)
        if source == target:
            loops.add(source)
    groups = [c for c in strongly_connected(nodes, succ) if len(c) > 1]
    grouped = {m for g in groups for m in g}
    groups += [[node] for node in sorted(loops) if node not in grouped]
    return sorted(groups)


def circular_ownership(edges: Iterable[Edge], *, as_of: date | None = None) -> CyclesAnswer:
    """Every circular-ownership group among ``edges`` on the day, largest first."""
    day = as_of or date.today()
    kept: list[Edge] = []
    succ: dict[str, set[str]] = defaultdict(set)
    nodes: set[str] = set()
    for edge in edges:
        if edge.role is not EdgeRole.CAPITAL or edge.declared_indirect or not edge.active_on(day):
            continue
        kept.append(edge)
        succ[edge.source].add(edge.target)
        nodes.add(edge.source)
        nodes.add(edge.target)
    groups = [c for c in strongly_connected(nodes, succ) if len(c) > 1]
    grouped = {m for g in groups for m in g}
    groups += [
        [node]
        for node in sorted({e.source for e in kept if e.source == e.target})
        if node not in grouped
    ]
    where = {m: i for i, g in enumerate(groups) for m in g}
    inner: dict[int, list[Edge]] = defaultdict(list)
    for edge in kept:
        group = where.get(edge.source)
        if group is not None and where.get(edge.target) == group:
            inner[group].append(edge)
    found: list[CycleGroup] = []
    for index, members in enumerate(groups):
        member_list = sorted(members)
        group_edges = sorted(inner[index], key=lambda e: e.id)
        found.append(
            CycleGroup(
                id=group_id(member_list),
                members=member_list,
                edges=[
                    CycleEdge(
                        id=e.id,
                        source=e.source,
                        target=e.target,
                        share=Interval.of(e.share).percent() if e.share is not None else None,
                    )
                    for e in group_edges
                ],
                example=_example(member_list[0], succ, set(member_list)),
            )
        )
    found.sort(key=lambda g: (-len(g.members), g.members))
    return CyclesAnswer(as_of=day, cycles=found)
