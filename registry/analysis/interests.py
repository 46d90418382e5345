"""How the analysis reads interests: which count on a day, what share each carries, which
convey control. Shared by owners, holdings, paths, contracts and the cycle sweep, so that
they all agree.

Shares are read against the rest of the subject's capital: an interest whose size is not
known (``[0, 100]``) in a company whose other holders are known to hold 80 % is read as
``[0, 20]``. Only the upper bound is narrowed, and only by what others surely hold.

Votes follow shares unless the register says otherwise: where any voting-rights interest
in a company is declared, its votes are read from those interests alone.

>>> from registry.model import Edge, EdgeRole, Share
>>> known = Edge(id="1", source="a", target="t", role=EdgeRole.CAPITAL, share=Share.exact(80))
>>> unsized = Edge(id="2", source="b", target="t", role=EdgeRole.CAPITAL)
>>> w = Weights([known, unsized])
>>> (w.capital["2"].lo, round(w.capital["2"].hi, 6))
(0.0, 0.2)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from registry.analysis.integrated import Interval, strongly_connected
from registry.analysis.results import PartySummary, Percent, Threshold
from registry.codelists import DirectOrIndirect, InterestType
from registry.model import Edge, EdgeRole, Node, NodeKind

__all__ = [
    "FALLBACK_INTERESTS",
    "Active",
    "Weights",
    "active_interests",
    "capital_cycles",
    "carries_capital",
    "conveys_control",
    "describe_threshold",
    "fmt",
    "interest_label",
    "is_trust_like",
    "passes",
    "summary",
]

_DIGITS = 6

#: Officials the laws name when no natural person owns or controls: never control by
#: themselves (CFF rule: sole administrator or board of directors).
FALLBACK_INTERESTS = frozenset(
    {
        InterestType.SENIOR_MANAGING_OFFICIAL,
        InterestType.BOARD_MEMBER,
        InterestType.BOARD_CHAIR,
    }
)


def carries_capital(edge: Edge) -> bool:
    """A share of the subject's capital: shareholdings, and a trust's beneficiaries."""
    if edge.interest_type is InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT:
        return True
    return edge.role is EdgeRole.CAPITAL


def _majority(share: Interval) -> bool:
    return share.lo > 0.5 or (share.lo == 0.5 and share.lo_open)


def conveys_control(edge: Edge) -> bool:
    """Whether the interested party controls the subject through this interest alone."""
    if edge.role is EdgeRole.NOMINEE or edge.interest_type in FALLBACK_INTERESTS:
        return False
    if edge.role is EdgeRole.CONTROL:
        return True
    if edge.role in (EdgeRole.CAPITAL, EdgeRole.VOTING):
        # An interest of unknown size proves nothing; more than half of capital or votes does.
        return edge.share is not None and _majority(Interval.of(edge.share))
    return False


def interest_label(edge: Edge) -> str:
    label = edge.interest_type.value if edge.interest_type else "unknownInterest"
    details = (edge.details or "").strip()
    if edge.role is EdgeRole.CONTROL and details:
        return f"{label} ({details})"
    return label


@dataclass(slots=True)
class Active:
    """The interests that count on one day, split the way the analysis reads them."""

    #: Hops of chains (direct or unknown), by target; self-holdings are apart.
    hops_in: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    hops_out: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    #: Declared indirect interests: summaries of chains, never hops.
    declared: list[Edge] = field(default_factory=list)
    self_loops: list[Edge] = field(default_factory=list)


def active_interests(edges: Iterable[Edge], nodes: Mapping[str, Node], day: date) -> Active:
    """Interests active on ``day`` whose both parties are in ``nodes``, in id order."""
    active = Active()
    hops_in, hops_out = active.hops_in, active.hops_out
    # Sorted, so that both stores (which return edges in their own order) give the same
    # answer down to the order of equally strong paths. (The tests below are those of
    # ``EdgeRole.is_interest`` and ``Edge.active_on``, inlined: this loop is hot.)
    for edge in sorted(edges, key=_edge_id):
        if edge.role not in _INTEREST_ROLES:
            continue
        start, end = edge.start_date, edge.end_date
        if (start is not None and start > day) or (end is not None and end <= day):
            continue
        source, target = edge.source, edge.target
        if source not in nodes or target not in nodes:
            continue
        if source == target:
            active.self_loops.append(edge)
        elif edge.direct_or_indirect is DirectOrIndirect.INDIRECT:
            active.declared.append(edge)
        else:
            hops_in[target].append(edge)
            hops_out[source].append(edge)
    return active


def _edge_id(edge: Edge) -> str:
    return edge.id


_INTEREST_ROLES = frozenset(role for role in EdgeRole if role.is_interest)


def _narrowed(edges: list[Edge]) -> dict[str, Interval]:
    """Each edge's share, its maximum narrowed by what the other holders surely hold."""
    shares = {e.id: Interval.of(e.share) for e in edges}
    total_lo = sum(s.lo for s in shares.values())
    out: dict[str, Interval] = {}
    for edge_id, share in shares.items():
        room = 1.0 - (total_lo - share.lo)
        hi = max(share.lo, min(share.hi, room))
        out[edge_id] = Interval(share.lo, hi, share.lo_open)
    return out


class Weights:
    """Capital and voting share of every edge, read against the rest of each target."""

    def __init__(self, edges: Iterable[Edge]) -> None:
        capital_in: dict[str, list[Edge]] = defaultdict(list)
        voting_in: dict[str, list[Edge]] = defaultdict(list)
        for edge in edges:
            if carries_capital(edge):
                capital_in[edge.target].append(edge)
            elif edge.role is EdgeRole.VOTING:
                voting_in[edge.target].append(edge)
        self.capital: dict[str, Interval] = {}
        for group in capital_in.values():
            self.capital.update(_narrowed(group))
        self.voting: dict[str, Interval] = {}
        for group in voting_in.values():
            self.voting.update(_narrowed(group))
        self.voting_targets = set(voting_in)

    def capital_of(self, edge: Edge) -> Interval | None:
        return self.capital.get(edge.id)

    def voting_of(self, edge: Edge) -> Interval | None:
        """Votes of an edge: declared votes where the target has any, else its shares."""
        if edge.target in self.voting_targets:
            return self.voting.get(edge.id)
        return self.capital.get(edge.id)


def passes(value: Interval, threshold: Threshold) -> bool:
    """Whether a lower bound passes the threshold (more than, or this much or more)."""
    pct = round(min(value.lo, 1.0) * 100.0, _DIGITS)
    if threshold.strict:
        return pct > threshold.percent or (pct == threshold.percent and value.lo_open)
    return pct >= threshold.percent


def describe_threshold(threshold: Threshold) -> str:
    op = "more than" if threshold.strict else "at least"
    return f"{threshold.basis} threshold ({op} {threshold.percent:g} %)"


def fmt(value: Interval | Percent) -> str:
    p = value.percent() if isinstance(value, Interval) else value
    return f"{p.min:g} %" if p.min == p.max else f"{p.min:g}–{p.max:g} %"


def summary(node: Node) -> PartySummary:
    return PartySummary(
        id=node.id,
        name=node.name,
        kind=node.kind.value,
        identifiers=[i.key for i in node.identifiers],
        record_ids=list(node.record_ids),
    )


def capital_cycles(active: Active, scope: set[str]) -> list[list[str]]:
    """Groups of parties in ``scope`` that own each other through shareholdings (the
    relationship the cycle sweep follows), and parties that hold shares of themselves."""
    succ: dict[str, list[str]] = defaultdict(list)
    for target in scope:
        for edge in active.hops_in.get(target, ()):
            if edge.role is EdgeRole.CAPITAL and edge.source in scope:
                succ[edge.source].append(target)
    groups = [c for c in strongly_connected(scope, succ) if len(c) > 1]
    groups += [[e.source] for e in active.self_loops if e.source in scope]
    return sorted({tuple(g): list(g) for g in groups}.values())


def is_trust_like(node: Node, hops_in: Iterable[Edge]) -> bool:
    """A trust, or an arrangement whose parties have trust roles in it."""
    if node.kind is NodeKind.TRUST:
        return True
    return node.kind is NodeKind.ARRANGEMENT and any(e.role is EdgeRole.TRUST for e in hops_in)
