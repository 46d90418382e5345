"""Integrated (look-through) ownership on a weighted graph, without enumerating paths.

The definition the registry uses
--------------------------------
Let ``a(x, y)`` be the fraction of ``y`` that ``x`` holds directly and ``t`` the subject.
The *effective* interest of ``x`` in ``t`` is the sum, over the walks ``x → … → t``, of
the product of the fractions along the walk, where a walk

* meets ``t`` only at its end (the subject is absorbing: what ``t`` holds, directly or
  through others, is not a part of ``t``'s owners' stake in ``t``), and
* meets ``x`` only at its start (nobody owns a part of itself).

Write ``A`` for the matrix of ``a`` among the parties upstream of ``t`` and ``b(x) =
a(x, t)``. The integrated ownership of the literature (Brioschi, Buzzacchi & Colombo 1989;
Baldone, Brioschi & Paleari 1998; the "network control" papers of Vitali, Glattfelder &
Battiston 2011) is ``Y = (I − A)⁻¹ b``: every walk, also those that come back to ``x``.
Each walk from ``x`` splits uniquely into closed walks ``x → … → x`` and one last walk that
does not come back, so with ``M = (I − A)⁻¹``

    effective(x) = Y(x) / M(x, x)

and outside a cycle ``M(x, x) = 1``: effective and integrated ownership are the same. For
the outside owners of a cycle the integrated values of the members are what flows through,
so their effective shares add up to the stake the cycle holds. The tests check the closed
forms of a 2-cycle and a 3-cycle against this module.

How it is computed
------------------
Strongly connected components (Tarjan) in the order that puts every component after the
ones it holds into; a component without a cycle is one sum; a component with a cycle is
solved by Gauss–Seidel iteration from zero (the least fixed point, i.e. the convergent walk
sum), and each member's own value is then taken over the component without it (``x``'s
value set to zero, which removes the walks that return to ``x``). Work grows with the edges
of the upstream graph, not with its number of paths.

Every share is an interval ``[lo, hi]``. The walk sums are monotone in every share, so the
lower bound computed from all the lower bounds, and the upper from all the upper bounds,
are exact for the interval data. Integrated values of cycle members may exceed 1 (they are
multipliers, not shares), so nothing is capped on the way: only what is reported is capped
at 100 %. Where an upper bound does not settle (a cycle whose shares may reach 100 % all
round), it becomes infinite, so that the reported maximum is 100 % and never too low.

Example
-------
>>> s, n = "s", "n"
>>> out = {s: {"t": Interval(0.3, 0.3), n: Interval(0.8, 0.8)}, n: {s: Interval(0.7, 0.7)}}
>>> solution = solve("t", {s, n}, out)
>>> round(solution.integrated[s].lo, 6), round(solution.effective[s].lo, 6)
(0.681818, 0.3)
"""

from __future__ import annotations

import math
from collections import ChainMap, deque
from collections.abc import Collection, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field

from registry.analysis.results import Percent
from registry.model import Share

__all__ = [
    "ONE",
    "ZERO",
    "Interval",
    "Solution",
    "solve",
    "strongly_connected",
]

_DIGITS = 6
_TOLERANCE = 1e-13
#: Iterations of one component are bounded by this many edge visits (and 10 000 sweeps).
_WORK_BUDGET = 3_000_000
_MAX_SWEEPS = 10_000
#: Sweeps in a row whose change does not shrink: the upper bound grows without end.
_STALL_SWEEPS = 50
#: Cycles up to this size get each member's share without the walks back to itself.
MAX_SELF_EXCLUSION = 400


def _mul(a: float, b: float) -> float:
    # 0 × ∞ is 0 here: a share that is surely zero carries nothing, however large the rest.
    return 0.0 if a == 0.0 or b == 0.0 else a * b


class Interval:
    """An interval of fractions ``[lo, hi]``; ``lo_open``: more than ``lo``, not equal.

    ``hi`` may exceed 1 (an integrated value in a cycle) or be infinite (unbounded).
    Immutable by convention; a plain slotted class because the walk sums make millions.
    """

    __slots__ = ("hi", "lo", "lo_open")

    def __init__(self, lo: float, hi: float, lo_open: bool = False) -> None:
        self.lo = lo
        self.hi = hi
        self.lo_open = lo_open

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return (self.lo, self.hi, self.lo_open) == (other.lo, other.hi, other.lo_open)

    def __hash__(self) -> int:
        return hash((self.lo, self.hi, self.lo_open))

    def __repr__(self) -> str:
        return f"Interval(lo={self.lo!r}, hi={self.hi!r}, lo_open={self.lo_open!r})"

    @staticmethod
    def of(share: Share | None) -> Interval:
        if share is None:
            return Interval(0.0, 1.0)
        return Interval(share.min / 100.0, share.max / 100.0, share.exclusive_min)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi, self.lo_open or other.lo_open)

    def __mul__(self, other: Interval) -> Interval:
        lo_open = (self.lo_open and (other.lo > 0 or other.lo_open)) or (
            other.lo_open and (self.lo > 0 or self.lo_open)
        )
        return Interval(_mul(self.lo, other.lo), _mul(self.hi, other.hi), lo_open)

    @property
    def is_zero(self) -> bool:
        return self.hi == 0.0

    def intersect(self, other: Interval) -> Interval | None:
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        if lo > hi + 1e-12:
            return None
        if self.lo == other.lo:
            lo_open = self.lo_open or other.lo_open
        else:
            lo_open = self.lo_open if self.lo > other.lo else other.lo_open
        return Interval(lo, max(lo, hi), lo_open)

    def capped(self) -> Interval:
        """The interval as a share: within ``[0, 1]``."""
        return Interval(min(max(self.lo, 0.0), 1.0), min(max(self.hi, 0.0), 1.0), self.lo_open)

    def percent(self) -> Percent:
        lo = round(min(max(self.lo, 0.0), 1.0) * 100.0, _DIGITS)
        hi = round(min(max(self.hi, 0.0), 1.0) * 100.0, _DIGITS)
        return Percent(min=lo, max=max(lo, hi))


ZERO = Interval(0.0, 0.0)
ONE = Interval(1.0, 1.0)


def strongly_connected(nodes: Iterable[str], succ: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Tarjan's components, each after every component it has an edge into.

    Iterative, so that long chains do not hit the recursion limit. ``succ`` may name
    nodes outside ``nodes``; those are ignored.

    >>> strongly_connected(["a", "b", "c"], {"a": ["b"], "b": ["a", "c"], "c": []})
    [['c'], ['a', 'b']]
    """
    members = set(nodes)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    # The members of each component do not depend on the order of the walk; the order of
    # the components only among those that do not hold into each other.
    for root in members:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = []
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work.append((root, iter(succ.get(root, ()))))
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in members:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(succ.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                out.append(sorted(component))
    return out


@dataclass(slots=True)
class Solution:
    """Values of every member: ``effective`` (never through itself) and ``integrated``."""

    effective: dict[str, Interval]
    integrated: dict[str, Interval]
    cyclic: list[list[str]] = field(default_factory=list)
    #: Members whose upper bound did not settle and was widened to "up to 100 %".
    unsettled: set[str] = field(default_factory=set)
    #: Cycle members whose value still includes walks back to themselves (huge cycles).
    not_excluded: set[str] = field(default_factory=set)
    #: Declared indirect interests that do not fit the chains: member → (claim, chains).
    misfits: dict[str, tuple[Interval, Interval]] = field(default_factory=dict)


class _System:
    """The equations ``v(x) = Σ a(x, y) · v(y)`` with ``v(subject) = 1``."""

    def __init__(
        self,
        subject: str,
        members: Collection[str],
        out: Mapping[str, Mapping[str, Interval]],
        claims: Mapping[str, Interval],
    ) -> None:
        self.subject = subject
        self.members = members
        self.out = out
        self.claims = claims
        self.succ: dict[str, list[str]] = {
            x: [y for y in out.get(x, {}) if y != subject and y in members] for x in members
        }
        self.unsettled: set[str] = set()

    def chains(self, node: str, lookup: Mapping[str, Interval]) -> tuple[Interval, Interval]:
        direct, indirect = ZERO, ZERO
        for target, share in self.out.get(node, {}).items():
            if target == self.subject:
                direct = direct + share
            else:
                indirect = indirect + share * lookup.get(target, ZERO)
        return direct, indirect

    def value(self, node: str, lookup: Mapping[str, Interval]) -> Interval:
        direct, indirect = self.chains(node, lookup)
        claim = self.claims.get(node)
        if claim is not None:
            # A declared indirect interest summarises the chains: where both are known,
            # the answer is what both allow; where they disagree, the declaration wins.
            both = indirect.intersect(claim)
            indirect = both if both is not None else claim
        return direct + indirect

    def run(self, nodes: Collection[str], lookup: MutableMapping[str, Interval]) -> list[list[str]]:
        """Values of ``nodes`` into ``lookup``, components in order; returns the cyclic ones."""
        cyclic: list[list[str]] = []
        succ = {x: self.succ.get(x, []) for x in nodes}
        for component in strongly_connected(nodes, succ):
            if len(component) == 1 and component[0] not in succ[component[0]]:
                lookup[component[0]] = self.value(component[0], lookup)
                continue
            self.iterate(component, lookup)
            cyclic.append(component)
        return cyclic

    def iterate(self, component: list[str], lookup: MutableMapping[str, Interval]) -> None:
        inside = set(component)
        order = self._order(component, inside)
        for member in order:
            lookup[member] = ZERO
        edges = sum(len(self.out.get(m, {})) for m in order) or 1
        sweeps = max(50, min(_MAX_SWEEPS, _WORK_BUDGET // edges))
        lo_done = hi_done = False
        previous_hi = math.inf
        stalled = 0
        for _ in range(sweeps):
            delta_lo = delta_hi = 0.0
            top_lo = top_hi = 1.0
            flags = False
            for member in order:
                new = self.value(member, lookup)
                old = lookup[member]
                delta_lo = max(delta_lo, abs(new.lo - old.lo))
                if math.isinf(new.hi):
                    delta_hi = delta_hi if math.isinf(old.hi) else math.inf
                else:
                    delta_hi = max(delta_hi, abs(new.hi - old.hi))
                    top_hi = max(top_hi, new.hi)
                top_lo = max(top_lo, new.lo)
                flags = flags or new.lo_open != old.lo_open
                lookup[member] = new
            lo_done = delta_lo <= _TOLERANCE * top_lo and not flags
            hi_done = delta_hi <= _TOLERANCE * top_hi
            if lo_done and hi_done:
                break
            if not hi_done:
                # A change that does not shrink sweep after sweep: the upper bound runs away.
                stalled = stalled + 1 if delta_hi >= previous_hi * (1 - 1e-9) else 0
                previous_hi = delta_hi
                if stalled >= _STALL_SWEEPS:
                    break
        if not (lo_done and hi_done):
            # The lower bound so far is a sum of fewer walks: still a lower bound. The upper
            # bound did not settle: nothing below "everything" is safe to report.
            for member in order:
                current = lookup[member]
                lookup[member] = Interval(current.lo, math.inf, current.lo_open)
            self.unsettled.update(order)

    def _order(self, component: list[str], inside: set[str]) -> list[str]:
        """Members nearest the way out first, so each sweep carries values the furthest."""
        into: dict[str, list[str]] = {m: [] for m in component}
        exits: list[str] = []
        for member in component:
            leaves = False
            for target in self.out.get(member, {}):
                if target in inside:
                    into[target].append(member)
                else:
                    leaves = True
            if leaves:
                exits.append(member)
        seen = set(exits)
        queue = deque(exits)
        order: list[str] = []
        while queue:
            node = queue.popleft()
            order.append(node)
            for prev in sorted(into[node]):
                if prev not in seen:
                    seen.add(prev)
                    queue.append(prev)
        order.extend(m for m in component if m not in seen)
        return order


def solve(
    subject: str,
    members: Collection[str],
    out: Mapping[str, Mapping[str, Interval]],
    claims: Mapping[str, Interval] | None = None,
) -> Solution:
    """Effective and integrated interest in ``subject`` of every member.

    ``out[x][y]`` is the interest of ``x`` in ``y`` (``y`` a member or the subject);
    ``claims[x]`` a declared indirect interest of ``x`` in the subject.
    """
    system = _System(subject, members, out, claims or {})
    integrated: dict[str, Interval] = {}
    cyclic = system.run(members, integrated)
    effective = dict(integrated)
    not_excluded: set[str] = set()
    for component in cyclic:
        if len(component) > MAX_SELF_EXCLUSION:
            not_excluded.update(component)
            continue
        for member in component:
            # The walks that come back to the member are dropped by valuing it at zero
            # while the rest of its component is solved again.
            local: ChainMap[str, Interval] = ChainMap({member: ZERO}, integrated)
            others = [m for m in component if m != member]
            system.run(others, local)
            effective[member] = system.value(member, local)
    misfits: dict[str, tuple[Interval, Interval]] = {}
    for node, claim in system.claims.items():
        if node in integrated:
            _, chains = system.chains(node, integrated)
            if chains.intersect(claim) is None:
                misfits[node] = (claim, chains)
    return Solution(
        effective=effective,
        integrated=integrated,
        cyclic=cyclic,
        unsettled=system.unsettled,
        not_excluded=not_excluded,
        misfits=misfits,
    )
