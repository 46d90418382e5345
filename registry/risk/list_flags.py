"""Flags from Mexico's lists: SAT_69B, SANCTIONED (a holder, an owner with E ≥ τ, or a
company the holder controls is listed) and PEP_OWNER (a politically exposed person, or a
relative or associate of one, behind a holder).

Listings that were cleared — 69-B Desvirtuado or Sentencia Favorable, an SFP resolution
that acquits — are shown as hits that are not scored.
"""

from __future__ import annotations

from collections import deque

from registry.model import EdgeRole
from registry.risk.context import SAT_LIST, SFP_LIST, Listed, RiskContext
from registry.risk.hits import Emit, Hits, evidence

__all__ = ["pep_owner", "sanctioned", "sat_69b"]


def _pct(value: float) -> float:
    return round(min(max(value, 0.0), 1.0) * 100.0, 6)


def _listed_hits(ctx: RiskContext, emit: Emit, list_name: str) -> dict[str, float]:
    """Hits of one list on every holder; returns, per holder, the sum of the minimum
    effective shares of its listed owners (for the aggregate rule)."""
    tau = ctx.params.tau_percent
    control = ctx.params.control_percent
    totals: dict[str, float] = {}

    def emit_listing(holder: str, entry: Listed, how: str, path: list[str], value: float) -> None:
        party = ctx.nodes[entry.party]
        status = entry.status or "listed"
        emit(
            holder,
            evidence(
                ctx,
                f"{how} {party.name or party.id} is on the {list_name} list ({status})"
                + ("" if entry.scored else "; cleared, shown but not scored"),
                nodes=[entry.party, entry.listing.id],
                edges=[entry.edge],
                paths=[path] if len(path) > 1 else [],
                values={
                    "list": list_name,
                    "status": status,
                    "position": how,
                    "percent": value,
                    "listing": entry.listing.name,
                },
            ),
            scored=entry.scored,
        )

    for holder in ctx.holders:
        for entry in ctx.listed.get(holder, []):
            if entry.list_name == list_name:
                emit_listing(holder, entry, "the holder", [holder], 100.0)
        if not ctx.is_company_like(holder):
            continue
        own = ctx.ownership(holder)
        total = 0.0
        for owner, share in sorted(own.effective.items()):
            entries = [e for e in ctx.listed.get(owner, []) if e.list_name == list_name]
            if not entries:
                continue
            if any(e.scored for e in entries):
                total += share.lo
            if _pct(share.lo) >= tau:
                path = own.share_paths.get(owner, [owner, holder])
                for entry in entries:
                    emit_listing(holder, entry, "owner", path, _pct(share.lo))
        totals[holder] = total
        for edge in ctx.direct_capital(holder):
            share = ctx.share_of(edge)
            if _pct(share.lo) <= control or edge.target == holder:
                continue
            for entry in ctx.listed.get(edge.target, []):
                if entry.list_name == list_name:
                    emit_listing(
                        holder, entry, "controlled company", [holder, edge.target], _pct(share.lo)
                    )
    return totals


def sat_69b(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """SAT 69-B (simulated operations) as Presunto or Definitivo, near a holder."""
    _listed_hits(ctx, emit, SAT_LIST)


def sanctioned(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """SFP sanctioned suppliers near a holder; also sanctioned owners that together hold
    ``sanctioned_aggregate_percent`` or more."""
    fired: set[str] = set()

    def tracking(subject: str, found: object, *, scored: bool = True) -> None:
        if scored:
            fired.add(subject)
        emit(subject, found, scored=scored)  # type: ignore[arg-type]

    totals = _listed_hits(ctx, tracking, SFP_LIST)
    floor = ctx.params.sanctioned_aggregate_percent
    for holder, total in sorted(totals.items()):
        if holder in fired or _pct(total) < floor:
            continue
        own = ctx.ownership(holder)
        owners = sorted(o for o in own.effective if ctx.scored_listings(o, SFP_LIST))
        emit(
            holder,
            evidence(
                ctx,
                f"sanctioned owners hold {_pct(total):g} % together",
                nodes=owners,
                edges=[x.edge for o in owners for x in ctx.scored_listings(o, SFP_LIST)],
                paths=[own.share_paths[o] for o in owners if o in own.share_paths],
                values={"percent": _pct(total), "threshold_percent": floor},
            ),
        )


def pep_owner(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """A PEP, or a relative or associate of one, with E ≥ τ in a holder, or reaching it
    through any trust role or control interest whatever the percentage."""
    exposed = ctx.exposed()
    if not exposed:
        return
    tau = ctx.params.tau_percent
    for holder in ctx.holders:
        if not ctx.is_company_like(holder):
            continue
        own = ctx.ownership(holder)
        for owner, share in sorted(own.effective.items()):
            if owner in exposed and _pct(share.lo) >= tau:
                why, edges = exposed[owner]
                emit(
                    holder,
                    evidence(
                        ctx,
                        f"{ctx.nodes[owner].name or owner} ({why}) owns "
                        f"{_pct(share.lo):g}–{_pct(share.hi):g} % effectively",
                        nodes=[owner],
                        edges=ctx.edges_by_id(edges),
                        paths=[own.share_paths.get(owner, [owner, holder])],
                        values={"effective_min": _pct(share.lo), "effective_max": _pct(share.hi)},
                    ),
                )
        for person, (path, relations) in sorted(_control_reach(ctx, holder).items()):
            if person in exposed and not (
                person in own.effective and _pct(own.effective[person].lo) >= tau
            ):
                why, edges = exposed[person]
                emit(
                    holder,
                    evidence(
                        ctx,
                        f"{ctx.nodes[person].name or person} ({why}) reaches it through "
                        f"{' > '.join(relations)}",
                        nodes=[person],
                        edges=ctx.edges_by_id(edges),
                        paths=[path],
                        values={"relations": " > ".join(relations)},
                    ),
                )


def _control_reach(ctx: RiskContext, holder: str) -> dict[str, tuple[list[str], list[str]]]:
    """Parties reaching ``holder`` over interests in force with at least one trust role or
    control interest on the way (officers, who control nothing by themselves, do not
    count): party → (shortest such path, the relations along it)."""
    start = (holder, False)
    parent: dict[tuple[str, bool], tuple[tuple[str, bool], str] | None] = {start: None}
    queue = deque([start])
    found: dict[str, tuple[list[str], list[str]]] = {}
    while queue:
        node, used = queue.popleft()
        for edge in [*ctx.active.hops_in.get(node, ()), *ctx.declared_in.get(node, ())]:
            if ctx.is_officer_edge(edge) or edge.role is EdgeRole.NOMINEE:
                continue
            state = (edge.source, used or edge.role is not EdgeRole.CAPITAL)
            if edge.source == holder or state in parent:
                continue
            label = edge.interest_type.value if edge.interest_type else edge.role.value
            parent[state] = ((node, used), label)
            queue.append(state)
            if state[1] and edge.source not in found:
                ids, relations = [edge.source], []
                step = parent[state]
                while step is not None:
                    previous, relation = step
                    relations.append(relation)
                    ids.append(previous[0])
                    step = parent[previous]
                found[edge.source] = (ids, relations)
    return found
