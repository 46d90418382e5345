"""The contract view: who holds a hydrocarbon contract or mining title, and who owns them.

Each holder's participation counts on the days its dates cover (a transfer of a title ends
one holding and starts another on the day of the act). Through each holder, every owner's
effective share of the contract is its effective share of the holder times the holder's
participation; summed over the holders, it is what the owner holds of the contract.

A participation without a size is unknown: ``[0, 100]`` narrowed by what the other holders
surely hold, except the sole holder of a mining title, who holds all of it. Where the CNH
participations say who operates on the day, their operator flags are used; otherwise the
contract's own operator.

>>> from datetime import date
>>> from registry.model import Edge, EdgeRole, Node, NodeKind, Share, Subgraph
>>> nodes = {
...     "k": Node(id="k", kind=NodeKind.HYDROCARBON_CONTRACT, name="CNH-R01-L01-A7/2015"),
...     "a": Node(id="a", kind=NodeKind.COMPANY, name="A"),
...     "p": Node(id="p", kind=NodeKind.PERSON, name="Ana"),
... }
>>> links = Subgraph(nodes=nodes, edges=(
...     Edge(id="1", source="a", target="k", role=EdgeRole.PARTICIPATION, share=Share.exact(40)),
... ))
>>> owned = Subgraph(nodes=nodes, edges=(
...     Edge(id="2", source="p", target="a", role=EdgeRole.CAPITAL, share=Share.exact(50)),
... ))
>>> view = contract_view(nodes["k"], links, owned, as_of=date(2024, 1, 1))
>>> [(o.name, o.effective.min) for o in view.beneficial_owners]
[('Ana', 20.0)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from registry.analysis.integrated import ONE, ZERO, Interval
from registry.analysis.interests import fmt, summary
from registry.analysis.ownership import owners, resolve_threshold
from registry.analysis.results import (
    Basis,
    ContractAnswer,
    ContractBeneficialOwner,
    ContractHolder,
    ContractOwner,
    OwnersAnswer,
    Percent,
)
from registry.errors import InvalidInputError
from registry.model import Edge, EdgeRole, Node, NodeKind, Subgraph

__all__ = [
    "CONTRACT_KINDS",
    "HOLDER_ROLES",
    "Participation",
    "contract_view",
    "held_contracts",
    "participations",
]

CONTRACT_KINDS = frozenset({NodeKind.HYDROCARBON_CONTRACT, NodeKind.MINING_CONCESSION})
HOLDER_ROLES = frozenset({EdgeRole.PARTICIPATION, EdgeRole.HOLDING})


@dataclass(slots=True)
class Participation:
    holder: str
    share: Interval
    operator: bool
    since: date | None
    until: date | None
    sized: bool = True
    edges: list[Edge] = field(default_factory=list)


def _holds(edge: Edge, contract: str, day: date) -> bool:
    return (
        edge.target == contract
        and edge.role in HOLDER_ROLES
        and edge.active_on(day)
        and edge.attributes.get("buyer") is not True
    )


def participations(links: Subgraph, contract: str, day: date) -> list[Participation]:
    """Each holder of ``contract`` on ``day`` with its participation, by holder id."""
    node = links.nodes.get(contract)
    by_holder: dict[str, list[Edge]] = defaultdict(list)
    for edge in sorted(links.edges, key=lambda e: e.id):
        if _holds(edge, contract, day) and edge.source in links.nodes:
            by_holder[edge.source].append(edge)
    # CNH participations say who operates on the day; the contract row names its operator
    # once, without dates of its own.
    dated_operator = any(
        "operator" in e.attributes and e.share is not None for es in by_holder.values() for e in es
    )
    found: list[Participation] = []
    for holder in sorted(by_holder):
        edges = by_holder[holder]
        sized = [e for e in edges if e.share is not None]
        share = ZERO
        for edge in sized:
            share = share + Interval.of(edge.share)
        flags = [e for e in (sized if dated_operator else edges) if "operator" in e.attributes]
        starts = [e.start_date for e in edges if e.start_date is not None]
        ends = [e.end_date for e in edges if e.end_date is not None]
        found.append(
            Participation(
                holder=holder,
                share=share if sized else Interval(0.0, 1.0),
                operator=any(e.attributes.get("operator") is True for e in flags),
                since=max(starts) if starts else None,
                until=min(ends) if ends else None,
                sized=bool(sized),
                edges=edges,
            )
        )
    sure = sum(p.share.lo for p in found if p.sized)
    sole_title = node is not None and node.kind is NodeKind.MINING_CONCESSION and len(found) == 1
    for item in found:
        if item.sized:
            continue
        item.share = ONE if sole_title else Interval(0.0, max(0.0, min(1.0, 1.0 - sure)))
    return found


def _iv(p: Percent) -> Interval:
    return Interval(p.min / 100.0, p.max / 100.0)


def contract_view(
    contract: Node,
    links: Subgraph,
    upstream: Subgraph,
    *,
    basis: Basis | str = Basis.CFF,
    threshold: float | None = None,
    as_of: date | None = None,
    max_paths: int = 1,
) -> ContractAnswer:
    """Holders of ``contract`` on the day, and everyone's effective share through them.

    ``links`` holds the contract's participation and holding edges; ``upstream`` the
    ownership graph upstream of every holder.
    """
    if contract.kind not in CONTRACT_KINDS:
        raise InvalidInputError(
            f"{contract.name or contract.id} is a {contract.kind.value}, not a hydrocarbon "
            "contract or mining title",
            id=contract.id,
        )
    day = as_of or date.today()
    holders: list[ContractHolder] = []
    totals: dict[str, Interval] = {}
    names: dict[str, Node] = {}
    bo_of: dict[str, list[str]] = defaultdict(list)
    via: dict[str, list[str]] = defaultdict(list)
    total = ZERO
    notes: list[str] = []
    rule_answer: OwnersAnswer | None = None
    for item in participations(links, contract.id, day):
        holder = links.nodes[item.holder]
        total = total + item.share
        answer: OwnersAnswer | None = None
        owned: list[ContractOwner] = []
        if holder.is_natural_person:
            owned.append(
                ContractOwner(
                    id=holder.id,
                    name=holder.name,
                    kind=holder.kind.value,
                    beneficial_owner=True,
                    holder_share=Percent(min=100.0, max=100.0),
                    effective=item.share.percent(),
                    reasons=["holds the contract itself"],
                )
            )
            names[holder.id] = holder
        elif holder.id in upstream.nodes:
            answer = owners(
                upstream,
                holder.id,
                basis=basis,
                threshold=threshold,
                as_of=day,
                max_paths=max_paths,
            )
            rule_answer = rule_answer or answer
            for o in answer.owners:
                node = upstream.nodes[o.id]
                if not node.is_natural_person or (o.effective.max == 0 and not o.beneficial_owner):
                    continue
                owned.append(
                    ContractOwner(
                        id=o.id,
                        name=o.name,
                        kind=o.kind,
                        beneficial_owner=o.beneficial_owner,
                        holder_share=o.effective,
                        effective=(_iv(o.effective) * item.share).percent(),
                        reasons=o.reasons,
                        paths=o.paths,
                    )
                )
                names[o.id] = node
            for u in answer.unspecified:
                if u.share.max == 0:
                    continue
                owned.append(
                    ContractOwner(
                        id=u.id,
                        name=u.description or "",
                        kind=NodeKind.UNSPECIFIED.value,
                        beneficial_owner=False,
                        holder_share=u.share,
                        effective=(_iv(u.share) * item.share).percent(),
                        reasons=[f"unknown owner: {u.reason}"],
                        paths=u.paths,
                    )
                )
                names[u.id] = upstream.nodes[u.id]
        for entry in owned:
            totals[entry.id] = totals.get(entry.id, ZERO) + _iv(entry.effective)
            via[entry.id].append(holder.id)
            if entry.beneficial_owner:
                bo_of[entry.id].append(holder.id)
        owned.sort(key=lambda o: (not o.beneficial_owner, -o.effective.max, -o.effective.min, o.id))
        holders.append(
            ContractHolder(
                id=holder.id,
                name=holder.name,
                kind=holder.kind.value,
                participation=item.share.percent(),
                operator=item.operator,
                since=item.since,
                until=item.until,
                owners=owned,
                traced=answer.traced if answer else Percent(min=100.0, max=100.0),
                untraced=answer.untraced if answer else [],
                circular=answer.circular if answer else [],
                truncated=answer.truncated if answer else False,
            )
        )
    if not holders:
        notes.append(f"no holder of {contract.name or contract.id} on {day.isoformat()}")
    elif total.lo < 1.0 - 1e-9:
        notes.append(f"the participations on the day add up to {fmt(total)}")
    holders.sort(key=lambda h: (-h.participation.max, -h.participation.min, h.id))
    aggregated = [
        ContractBeneficialOwner(
            id=owner_id,
            name=names[owner_id].name or names[owner_id].description or "",
            kind=names[owner_id].kind.value,
            effective=share.percent(),
            beneficial_owner_of=sorted(set(bo_of.get(owner_id, []))),
            via=sorted(set(via[owner_id])),
        )
        for owner_id, share in totals.items()
    ]
    aggregated.sort(
        key=lambda b: (not b.beneficial_owner_of, -b.effective.max, -b.effective.min, b.id)
    )
    return ContractAnswer(
        contract=summary(contract),
        attributes=dict(contract.attributes),
        as_of=day,
        threshold=rule_answer.threshold if rule_answer else resolve_threshold(basis, threshold),
        holders=holders,
        participation_total=total.percent(),
        beneficial_owners=aggregated,
        notes=notes,
    )


def held_contracts(
    links: Subgraph, holder_shares: Mapping[str, Interval], day: date
) -> list[tuple[Node, Participation, Interval]]:
    """Contracts held by the parties of ``holder_shares``: (contract, participation, share)."""
    contracts = sorted(
        {
            e.target
            for e in links.edges
            if e.source in holder_shares
            and e.target in links.nodes
            and links.nodes[e.target].kind in CONTRACT_KINDS
        }
    )
    found: list[tuple[Node, Participation, Interval]] = []
    for contract in contracts:
        for item in participations(links, contract, day):
            share = holder_shares.get(item.holder)
            if share is not None:
                found.append((links.nodes[contract], item, share))
    return found
