"""Flags on public procurement: CONFLICT (an official of the buyer close to the supplier),
DIRECT_AWARD (a non-competitive award to a supplier with another flag), CONCENTRATION
(suppliers under the same owners winning most of a buyer's spending in a year) and SPLIT
(direct awards just under the competitive threshold, close in time, to related suppliers).
"""

from __future__ import annotations

from collections import defaultdict, deque
from datetime import date

from registry.model import Edge, EdgeRole, NodeKind
from registry.risk.context import Award, RiskContext
from registry.risk.hits import Emit, Hits, evidence

__all__ = ["concentration", "conflict", "direct_award", "split"]

_NON_COMPETITIVE = frozenset({"direct", "restricted"})


def _procurement(ctx: RiskContext) -> list[Award]:
    return sorted(
        (a for awards in ctx.awards.values() for a in awards if a.what == "procurement award"),
        key=lambda a: (a.contract, a.holder),
    )


def _buyers(ctx: RiskContext, contract: str) -> list[str]:
    return sorted({e.source for e in ctx.buyers.get(contract, [])})


def _amount(ctx: RiskContext, contract: str) -> float | None:
    value = ctx.nodes[contract].attributes.get("importe")
    return float(value) if isinstance(value, int | float) else None


def direct_award(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """Direct awards and restricted invitations to a supplier that has any other flag."""
    for award in _procurement(ctx):
        contract = ctx.nodes[award.contract]
        competition = contract.attributes.get("competition")
        if competition not in _NON_COMPETITIVE:
            continue
        others = sorted(hits.codes(award.holder) - {"DIRECT_AWARD"})
        if others:
            emit(
                award.contract,
                evidence(
                    ctx,
                    f"{competition} award to {ctx.nodes[award.holder].name or award.holder}, "
                    f"which has {', '.join(others)}",
                    nodes=[award.holder],
                    edges=[award.edge],
                    values={"competition": str(competition), "supplier_flags": ",".join(others)},
                ),
            )


def _owner_groups(ctx: RiskContext, suppliers: set[str]) -> dict[str, str]:
    """Suppliers that share a beneficial owner (E ≥ τ) in one group (union-find)."""
    tau = ctx.params.tau_percent / 100.0
    root = {s: s for s in suppliers}

    def find(x: str) -> str:
        while root[x] != x:
            root[x] = root[root[x]]
            x = root[x]
        return x

    first_of: dict[str, str] = {}
    for supplier in sorted(suppliers):
        if not ctx.is_company_like(supplier):
            continue
        for owner, share in ctx.ownership(supplier).effective.items():
            if ctx.nodes[owner].kind is NodeKind.PERSON and share.lo >= tau:
                other = first_of.setdefault(owner, supplier)
                a, b = find(other), find(supplier)
                if a != b:
                    root[max(a, b)] = min(a, b)
    return {s: find(s) for s in suppliers}


def concentration(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """Two or more suppliers under the same owners win ``concentration_percent`` or more of
    one buyer's contract value in a year."""
    by_buyer_year: dict[tuple[str, int], list[tuple[Award, float]]] = defaultdict(list)
    for award in _procurement(ctx):
        amount = _amount(ctx, award.contract)
        if amount is None or award.day is None:
            continue
        for buyer in _buyers(ctx, award.contract):
            by_buyer_year[(buyer, award.day.year)].append((award, amount))
    suppliers = {a.holder for rows in by_buyer_year.values() for a, _ in rows}
    group_of = _owner_groups(ctx, suppliers)
    share_floor = ctx.params.concentration_percent / 100.0
    for (buyer, year), rows in sorted(by_buyer_year.items()):
        if len(rows) < ctx.params.concentration_min_contracts:
            continue
        total = sum(amount for _, amount in rows)
        if total <= 0:
            continue
        won: dict[str, list[tuple[Award, float]]] = defaultdict(list)
        for award, amount in rows:
            won[group_of[award.holder]].append((award, amount))
        for group_rows in won.values():
            members = sorted({a.holder for a, _ in group_rows})
            value = sum(amount for _, amount in group_rows)
            if len(members) < 2 or value / total < share_floor:
                continue
            for member in members:
                emit(
                    member,
                    evidence(
                        ctx,
                        f"{len(members)} suppliers under the same owners won "
                        f"{100 * value / total:.1f} % of {ctx.nodes[buyer].name or buyer}'s "
                        f"contract value in {year}",
                        nodes=[buyer, *members],
                        edges=[a.edge for a, _ in group_rows][:25],
                        values={
                            "buyer": buyer,
                            "year": year,
                            "percent": round(100 * value / total, 3),
                        },
                    ),
                )


def split(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """Two or more direct awards by one buyer within ``split_window_days``, each just under
    ``split_threshold_amount``, to the same or related suppliers."""
    limit = ctx.params.split_threshold_amount
    if limit is None:
        return
    floor = limit * (1 - ctx.params.split_margin_percent / 100.0)
    rows: dict[str, list[tuple[date, Award, float]]] = defaultdict(list)
    for award in _procurement(ctx):
        amount = _amount(ctx, award.contract)
        competition = ctx.nodes[award.contract].attributes.get("competition")
        if amount is None or award.day is None or competition != "direct":
            continue
        if floor <= amount < limit:
            for buyer in _buyers(ctx, award.contract):
                rows[buyer].append((award.day, award, amount))
    suppliers = {a.holder for items in rows.values() for _, a, _ in items}
    group_of = _owner_groups(ctx, suppliers)
    for buyer, items in sorted(rows.items()):
        items.sort(key=lambda r: (r[0], r[1].contract))
        for day, award, amount in items:
            related = [
                (d, a, v)
                for d, a, v in items
                if a.contract != award.contract
                and abs((d - day).days) <= ctx.params.split_window_days
                and _related(ctx, group_of, award.holder, a.holder)
            ]
            if related:
                emit(
                    award.contract,
                    evidence(
                        ctx,
                        f"direct award of {amount:,.2f} just under {limit:,.2f}, with "
                        f"{len(related)} more within {ctx.params.split_window_days} days by "
                        f"{ctx.nodes[buyer].name or buyer} to related suppliers",
                        nodes=[buyer, award.holder, *(a.contract for _, a, _ in related)],
                        edges=[award.edge, *(a.edge for _, a, _ in related)],
                        values={"amount": amount, "threshold": limit},
                    ),
                )


def _related(ctx: RiskContext, group_of: dict[str, str], a: str, b: str) -> bool:
    if a == b or group_of.get(a) == group_of.get(b):
        return True
    na, nb = ctx.nodes[a], ctx.nodes[b]
    return bool(na.address and na.address == nb.address) or bool(na.phone and na.phone == nb.phone)


def conflict(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """A person holding a position at the buyer on the award day, within
    ``conflict_max_hops`` of the supplier over ownership, control, trust roles, officer and
    family edges."""
    officials: dict[str, list[Edge]] = defaultdict(list)
    for edge in ctx.role(EdgeRole.POSITION):
        officials[edge.target].append(edge)
    links: dict[str, list[Edge]] = defaultdict(list)
    for edge in ctx.edges:
        if edge.role.is_interest or edge.role is EdgeRole.RELATIVE:
            links[edge.source].append(edge)
            links[edge.target].append(edge)
    hops = ctx.params.conflict_max_hops
    everyone = {e.source for edges in officials.values() for e in edges}
    near: dict[str, dict[str, tuple[list[str], list[Edge]]]] = {}
    for award in _procurement(ctx):
        if award.day is None:
            continue
        day = award.day
        seated = {
            e.source: e
            for buyer in _buyers(ctx, award.contract)
            for e in officials.get(buyer, [])
            if e.active_on(day)
        }
        if not seated:
            continue
        if award.holder not in near:
            near[award.holder] = _near(award.holder, links, hops, everyone)
        close = {p: v for p, v in near[award.holder].items() if p in seated}
        for person, (path, edges) in sorted(close.items()):
            position = seated[person]
            emit(
                award.holder,
                evidence(
                    ctx,
                    f"{ctx.nodes[person].name or person} held a position at "
                    f"{ctx.nodes[position.target].name or position.target} when it awarded "
                    f"{ctx.nodes[award.contract].name or award.contract} ({day}); "
                    f"{len(path) - 1} hop(s) from the supplier",
                    nodes=[award.contract, position.target],
                    edges=[position, award.edge, *edges],
                    paths=[path],
                    values={"award_date": day.isoformat(), "hops": len(path) - 1},
                ),
            )


def _near(
    start: str, links: dict[str, list[Edge]], hops: int, wanted: set[str]
) -> dict[str, tuple[list[str], list[Edge]]]:
    """Members of ``wanted`` within ``hops`` of ``start`` (either direction): path, edges."""
    parent: dict[str, tuple[str, Edge] | None] = {start: None}
    depth = {start: 0}
    queue = deque([start])
    found: dict[str, tuple[list[str], list[Edge]]] = {}
    while queue:
        node = queue.popleft()
        if depth[node] >= hops:
            continue
        for edge in links.get(node, ()):
            nxt = edge.target if edge.source == node else edge.source
            if nxt in parent:
                continue
            parent[nxt] = (node, edge)
            depth[nxt] = depth[node] + 1
            queue.append(nxt)
            if nxt in wanted:
                path, edges = [nxt], []
                step = parent[nxt]
                while step is not None:
                    previous, via = step
                    path.append(previous)
                    edges.append(via)
                    step = parent[previous]
                found[nxt] = (path[::-1], edges[::-1])
    return found
