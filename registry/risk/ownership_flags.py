"""Flags on who owns a holder: CIRCULAR, UNTRACED, TRUST_OPAQUE, LAYERING.

Effective shares are those of the registry's analysis (DESIGN.md, "Ownership
arithmetic"); layers and offshore intermediaries are read along chains of shareholdings.

>>> from datetime import date
>>> from registry.model import Edge, EdgeRole, Node, NodeKind, Share
>>> from registry.risk.context import RiskContext
>>> from registry.risk.hits import Hits
>>> from registry.risk.parameters import RiskParameters
>>> nodes = {i: Node(id=i, kind=NodeKind.COMPANY, name=i) for i in ("a", "b")}
>>> edges = [Edge(id="1", source="a", target="b", role=EdgeRole.CAPITAL, share=Share.exact(60)),
...          Edge(id="2", source="b", target="a", role=EdgeRole.CAPITAL, share=Share.exact(60))]
>>> ctx = RiskContext.build("embedded", date(2024, 1, 1), RiskParameters(), nodes, edges)
>>> hits = Hits()
>>> circular(ctx, lambda s, f, scored=True: hits.add(s, "CIRCULAR", "high", f), hits)
>>> sorted(hits.by_subject)
['a', 'b']
"""

from __future__ import annotations

from registry.analysis.cycles import circular_members, circular_ownership
from registry.model import EdgeRole, NodeKind
from registry.risk.context import RiskContext
from registry.risk.hits import Emit, Hits, evidence

__all__ = ["circular", "layering", "trust_opaque", "untraced"]

_TRACED_KINDS = frozenset({NodeKind.PERSON, NodeKind.PUBLIC_BODY})


def _pct(value: float) -> float:
    return round(min(max(value, 0.0), 1.0) * 100.0, 6)


def circular(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """Members of every group of parties that own each other (or a party its own shares)."""
    capital = [
        e for hops in ctx.active.hops_in.values() for e in hops if e.role is EdgeRole.CAPITAL
    ]
    capital += [e for e in ctx.active.self_loops if e.role is EdgeRole.CAPITAL]
    groups = circular_members((e.source, e.target) for e in capital)
    members = {m for g in groups for m in g}
    inner = [e for e in capital if e.source in members and e.target in members]
    answer = circular_ownership(inner, as_of=ctx.day)
    by_id = {e.id: e for e in inner}
    for group in answer.cycles:
        edges = [by_id[e.id] for e in group.edges if e.id in by_id]
        for member in group.members:
            summary = (
                "holds its own shares"
                if len(group.members) == 1
                else f"owns itself through a circle of {len(group.members)} parties"
            )
            emit(
                member,
                evidence(
                    ctx,
                    summary + "; effective percentages in it are circular, not face value",
                    nodes=group.members,
                    edges=edges,
                    paths=[group.example],
                    values={"group": group.id, "size": len(group.members)},
                ),
            )


def untraced(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """Holders whose ownership is not traced to people: an owner declared unknown, no owner
    declared at all, or at most ``untraced_below_percent`` reaching natural persons (and the
    state)."""
    limit = ctx.params.untraced_below_percent
    for holder in ctx.holders:
        if not ctx.is_company_like(holder):
            continue
        own = ctx.ownership(holder)
        unknown = sorted(o for o in own.effective if ctx.nodes[o].kind is NodeKind.UNSPECIFIED)
        if unknown:
            reasons = sorted({str(ctx.nodes[o].unspecified_reason or "unknown") for o in unknown})
            emit(
                holder,
                evidence(
                    ctx,
                    f"an owner is declared unknown ({', '.join(reasons)})",
                    nodes=unknown,
                    edges=[
                        e
                        for o in unknown
                        for e in ctx.active.hops_out.get(o, ())
                        if e.role.is_interest
                    ],
                    paths=[own.share_paths[o] for o in unknown if o in own.share_paths],
                    values={"unknown_max_percent": _pct(max(own.effective[o].hi for o in unknown))},
                ),
            )
            continue
        if not own.effective:
            # Only of an identified legal entity (an RFC, or in the company register): a
            # supplier known by a name alone may have owners declared under another spelling.
            node = ctx.nodes[holder]
            if node.incorporation_date is not None or any(
                i.scheme == "MX-RFC" for i in node.identifiers
            ):
                emit(holder, evidence(ctx, "no ownership declared", nodes=[holder]))
            continue
        traced = sum(
            min(v.hi, 1.0) for o, v in own.effective.items() if ctx.nodes[o].kind in _TRACED_KINDS
        )
        if _pct(traced) < limit:
            people = sorted(o for o in own.effective if ctx.nodes[o].kind in _TRACED_KINDS)
            emit(
                holder,
                evidence(
                    ctx,
                    f"at most {_pct(traced):g} % traced to natural persons (below {limit:g} %)",
                    nodes=[holder, *people],
                    paths=[own.share_paths[o] for o in people if o in own.share_paths][:10],
                    values={"traced_max_percent": _pct(traced), "threshold_percent": limit},
                ),
            )


def trust_opaque(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """A trust on a chain of shareholdings into a holder with no beneficiary in force, or
    whose beneficiary is a company abroad."""
    beneficiaries: dict[str, list[str]] = {}
    edges_of: dict[str, list[str]] = {}
    for hops in ctx.active.hops_in.values():
        for edge in hops:
            if (
                edge.role is EdgeRole.TRUST
                and edge.interest_type == "beneficiaryOfLegalArrangement"
            ):
                beneficiaries.setdefault(edge.target, []).append(edge.source)
                edges_of.setdefault(edge.target, []).append(edge.id)
    for holder in ctx.holders:
        if not ctx.is_company_like(holder):
            continue
        own = ctx.ownership(holder)
        for trust in sorted(own.share_paths):
            node = ctx.nodes[trust]
            if node.kind is not NodeKind.TRUST:
                continue
            path = own.share_paths[trust]
            bens = beneficiaries.get(trust, [])
            if not bens:
                emit(
                    holder,
                    evidence(
                        ctx,
                        f"trust {node.name or trust} has no beneficiary on record",
                        nodes=[trust],
                        paths=[path],
                    ),
                )
                continue
            for ben in bens:
                b = ctx.nodes[ben]
                if b.kind is NodeKind.COMPANY and b.jurisdiction and b.jurisdiction != "MX":
                    emit(
                        holder,
                        evidence(
                            ctx,
                            f"trust {node.name or trust} has as beneficiary "
                            f"{b.name or ben}, a company in {b.jurisdiction}",
                            nodes=[trust, ben],
                            paths=[path],
                            values={"jurisdiction": b.jurisdiction},
                        ),
                    )


def layering(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """More than ``layering_max_layers`` companies between a holder and a natural-person
    owner (shortest chain), or an intermediary in a secrecy jurisdiction."""
    most = ctx.params.layering_max_layers
    secrecy = ctx.params.secrecy
    for holder in ctx.holders:
        if not ctx.is_company_like(holder):
            continue
        own = ctx.ownership(holder)
        deep = sorted(
            (
                p
                for p in own.share_paths
                if ctx.nodes[p].kind is NodeKind.PERSON and len(own.share_paths[p]) - 2 > most
            ),
            key=lambda p: (-len(own.share_paths[p]), p),
        )
        if deep:
            layers = len(own.share_paths[deep[0]]) - 2
            emit(
                holder,
                evidence(
                    ctx,
                    f"{len(deep)} owner(s) behind more than {most} layers "
                    f"(deepest: {layers} layers)",
                    paths=[own.share_paths[p] for p in deep[:5]],
                    values={"layers": layers, "max_layers": most},
                ),
            )
        offshore = sorted(
            p
            for p in own.share_paths
            if ctx.nodes[p].kind is not NodeKind.PERSON
            and (ctx.nodes[p].jurisdiction or "").upper() in secrecy
        )
        if offshore:
            where = sorted({(ctx.nodes[p].jurisdiction or "").upper() for p in offshore})
            emit(
                holder,
                evidence(
                    ctx,
                    f"intermediaries in secrecy jurisdictions: {', '.join(where)}",
                    nodes=offshore,
                    paths=[own.share_paths[p] for p in offshore[:5]],
                    values={"jurisdictions": ",".join(where)},
                ),
            )
