"""Flags on awards: NEW_COMPANY (a winner incorporated less than ``new_company_days``
before the award) and FLIP (a licence or contract changing hands soon after the award:
a new owner of the holder with ``flip_new_owner_percent`` or more, an assignment of
interest or change of control in a hydrocarbon contract, a transmission of a mining title,
within ``flip_window_days``)."""

from __future__ import annotations

from datetime import date, timedelta

from registry.model import Edge, EdgeRole, NodeKind
from registry.risk.context import RiskContext, folded
from registry.risk.hits import Emit, Hits, evidence

__all__ = ["flip", "new_company"]

_FLIP_EVENTS = ("CESION", "CAMBIO DE CONTROL")
_AWARDS = frozenset({"award", "title issued", "procurement award"})


def new_company(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    days = ctx.params.new_company_days
    for holder in ctx.holders:
        node = ctx.nodes[holder]
        born = node.incorporation_date
        if born is None or node.kind is NodeKind.PERSON:
            continue
        for award in ctx.awards[holder]:
            if award.day is None:
                continue
            age = (award.day - born).days
            if 0 <= age < days:
                contract = ctx.nodes[award.contract]
                emit(
                    holder,
                    evidence(
                        ctx,
                        f"{award.what} of {contract.name or contract.id} on {award.day}, "
                        f"{age} days after incorporation ({born})",
                        nodes=[holder, award.contract],
                        edges=[award.edge],
                        values={
                            "award_date": award.day.isoformat(),
                            "incorporation_date": born.isoformat(),
                            "days": age,
                            "contract": contract.name,
                        },
                    ),
                )


def flip(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    window = timedelta(days=ctx.params.flip_window_days)
    floor = ctx.params.flip_new_owner_percent
    capital_in: dict[str, list[Edge]] = {}
    for edge in ctx.role(EdgeRole.CAPITAL):
        if not edge.declared_indirect and edge.start_date is not None:
            capital_in.setdefault(edge.target, []).append(edge)
    # a new owner of the holder after an award
    for holder in ctx.holders:
        rows = capital_in.get(holder, [])
        if not rows:
            continue
        for award in ctx.awards[holder]:
            day = award.day
            if day is None or award.what not in _AWARDS:
                continue
            before = {
                e.source
                for e in rows
                if e.start_date is not None
                and e.start_date <= day
                and (e.end_date is None or e.end_date >= day)
            }
            if not before:
                continue
            for edge in rows:
                start = edge.start_date
                if start is None:
                    continue
                share = edge.share.min if edge.share is not None else 0.0
                if day < start <= day + window and edge.source not in before and share >= floor:
                    contract = ctx.nodes[award.contract]
                    emit(
                        holder,
                        evidence(
                            ctx,
                            f"new owner {ctx.nodes[edge.source].name or edge.source} "
                            f"({share:g} %) on {start}, {(start - day).days} days after the "
                            f"award of {contract.name or contract.id} ({day})",
                            nodes=[edge.source, award.contract],
                            edges=[edge, award.edge],
                            values={
                                "award_date": day.isoformat(),
                                "change_date": start.isoformat(),
                                "days": (start - day).days,
                                "percent": share,
                            },
                        ),
                    )
    # assignments in hydrocarbon contracts, transmissions of titles
    for edge in ctx.role(EdgeRole.PARTICIPATION):
        contract = ctx.nodes[edge.target]
        if contract.kind is not NodeKind.HYDROCARBON_CONTRACT or edge.start_date is None:
            continue
        event = folded(str(edge.attributes.get("event") or ""))
        if not event.startswith(_FLIP_EVENTS):
            continue
        awarded = ctx.award_day(contract.id)
        if awarded is not None and 0 < (edge.start_date - awarded).days <= window.days:
            _contract_flip(ctx, emit, contract.id, edge, awarded, event.lower())
    for edge in ctx.role(EdgeRole.HOLDING):
        title = ctx.nodes[edge.target]
        act = str(edge.attributes.get("act") or "")
        # A transmission of titularity; a cesión or an exploration contract is not a flip.
        if edge.start_date is None or "TRANSM" not in folded(act):
            continue
        issued = ctx.award_day(title.id)
        if issued is not None and 0 < (edge.start_date - issued).days <= window.days:
            _contract_flip(ctx, emit, title.id, edge, issued, act.lower())


def _contract_flip(
    ctx: RiskContext, emit: Emit, contract: str, edge: Edge, awarded: date, what: str
) -> None:
    changed = edge.start_date or awarded
    days = (changed - awarded).days
    emit(
        contract,
        evidence(
            ctx,
            f"{what} to {ctx.nodes[edge.source].name or edge.source} on {changed}, "
            f"{days} days after the award ({awarded})",
            nodes=[edge.source, contract],
            edges=[edge],
            values={
                "award_date": awarded.isoformat(),
                "change_date": changed.isoformat(),
                "days": days,
            },
        ),
    )
