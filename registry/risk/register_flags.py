"""Flags that compare parties across the register: SHARED_ADDRESS (mass registration
addresses and phones), NOMINEE (front persons) and COMMON_OWNER (fake competition)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from itertools import combinations

from registry.model import Edge, EdgeRole, NodeKind
from registry.risk.context import SAT_LIST, SFP_LIST, RiskContext, folded
from registry.risk.hits import Emit, Hits, evidence

__all__ = ["common_owner", "nominee", "percentile", "shared_address"]


def percentile(values: list[int], q: float) -> int:
    """The ``q`` quantile of ``values`` (nearest rank).

    >>> percentile([1, 1, 1, 2, 40], 0.99)
    40
    >>> percentile([1, 2, 3, 4], 0.5)
    2
    """
    if not values:
        return 0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(q * len(ordered) + 0.999999) - 1))
    return ordered[rank]


_NUMBER_WORDS = frozenset({"NUM", "NO", "NUMERO", "N"})
_PUNCTUATION = re.compile(r"[^A-Z0-9 ]+")


def address_match_key(address: str | None) -> str | None:
    """One key for the ways one address is written: the street (the words before its first
    number) and every number in order (house, floor, interior, postal code). Colony, city
    and the words "C.P."/"No." may come and go. Abbreviations (BOULEVARD → BLVD …) were
    unified at ingest (``Node.address`` is ``ingest.normalize.addresses.address_key``'s).

    >>> a = address_match_key("BLVD MANUEL AVILA CAMACHO NUM 1977 PISO 23 COL CENTRO CP 44858")
    >>> b = address_match_key("BLVD MANUEL AVILA CAMACHO 1977 PISO 23 CENTRO 44858")
    >>> a == b, a
    (True, 'BLVD MANUEL AVILA CAMACHO|1977 23 44858')
    """
    if not address:
        return None
    plain = _PUNCTUATION.sub(" ", folded(address))
    words = [w for w in plain.split() if w not in _NUMBER_WORDS]
    numbers = [w for w in words if any(c.isdigit() for c in w)]
    if not numbers:
        return " ".join(words) or None
    street = words[: words.index(numbers[0])]
    return " ".join(street) + "|" + " ".join(numbers)


def _address_key(ctx: RiskContext, node_id: str) -> str | None:
    return address_match_key(ctx.nodes[node_id].address)


def shared_address(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """A holder whose address (or phone) is shared with more companies than the
    ``shared_address_percentile`` of the register, or with a listed company."""
    companies = [n.id for n in ctx.nodes.values() if n.kind is NodeKind.COMPANY]
    listed = {
        c for c in companies if ctx.scored_listings(c, SAT_LIST) or ctx.scored_listings(c, SFP_LIST)
    }
    q = ctx.params.shared_address_percentile

    def phone_key(node_id: str) -> str | None:
        return ctx.nodes[node_id].phone or None

    def address_key(node_id: str) -> str | None:
        return _address_key(ctx, node_id)

    keys: tuple[tuple[str, Callable[[str], str | None]], ...] = (
        ("address", address_key),
        ("phone", phone_key),
    )
    for what, key_of in keys:
        groups: dict[str, list[str]] = defaultdict(list)
        for company in companies:
            key = key_of(company)
            if key:
                groups[key].append(company)
        limit = percentile([len(v) for v in groups.values()], q)
        for holder in ctx.holders:
            key = key_of(holder) if ctx.nodes[holder].kind is NodeKind.COMPANY else None
            if not key:
                continue
            mates = sorted(groups[key])
            others = [m for m in mates if m != holder]
            if len(mates) > limit:
                summary = f"{what} shared by {len(mates)} companies (percentile {q:g}: {limit})"
            elif any(m in listed for m in others):
                summary = f"{what} shared with a listed company"
                others = [m for m in others if m in listed]
            else:
                continue
            emit(
                holder,
                evidence(
                    ctx,
                    summary,
                    nodes=[holder, *others[:25]],
                    values={what: key, "companies": len(mates), "limit": limit},
                ),
            )


def _officers(ctx: RiskContext) -> dict[str, set[str]]:
    """Company → persons who are its officers (sole administrator, board, legal
    representative by name when the name is one person's)."""
    out: dict[str, set[str]] = defaultdict(set)
    for edge in ctx.role(EdgeRole.CONTROL):
        if ctx.is_officer_edge(edge) and ctx.nodes[edge.source].kind is NodeKind.PERSON:
            out[edge.target].add(edge.source)
    by_name: dict[str, list[str]] = defaultdict(list)
    for node in ctx.nodes.values():
        if node.kind is NodeKind.PERSON and node.name:
            by_name[folded(node.name)].append(node.id)
    for node in ctx.nodes.values():
        name = node.attributes.get("legal_representative")
        if isinstance(name, str) and len(by_name.get(folded(name), [])) == 1:
            out[node.id].add(by_name[folded(name)][0])
    return out


def _groups(ctx: RiskContext) -> dict[str, str]:
    """Corporate group of each company: the parties linked by shareholdings among
    companies, trusts and arrangements (any date), as a union-find root."""
    root: dict[str, str] = {}

    def find(x: str) -> str:
        root.setdefault(x, x)
        while root[x] != x:
            root[x] = root[root[x]]
            x = root[x]
        return x

    for edge in ctx.role(EdgeRole.CAPITAL):
        if ctx.is_company_like(edge.source) and ctx.is_company_like(edge.target):
            a, b = find(edge.source), find(edge.target)
            if a != b:
                root[max(a, b)] = min(a, b)
    return {x: find(x) for x in list(root)}


def nominee(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """A person who is officer or direct shareholder of companies in at least
    ``nominee_min_groups`` unrelated corporate groups."""
    roles: dict[str, dict[str, list[Edge]]] = defaultdict(lambda: defaultdict(list))
    for company, persons in _officers(ctx).items():
        for person in persons:
            roles[person].setdefault(company, [])
    for edge in ctx.role(EdgeRole.CONTROL):
        if ctx.is_officer_edge(edge) and edge.source in roles:
            roles[edge.source][edge.target].append(edge)
    for edge in ctx.role(EdgeRole.CAPITAL):
        if ctx.nodes[edge.source].kind is NodeKind.PERSON and ctx.is_company_like(edge.target):
            roles[edge.source][edge.target].append(edge)
    group_of = _groups(ctx)
    most = ctx.params.nominee_min_groups
    for person in sorted(roles):
        companies = roles[person]
        groups = {group_of.get(c, c) for c in companies}
        if len(groups) >= most:
            emit(
                person,
                evidence(
                    ctx,
                    f"officer or shareholder of {len(companies)} companies in "
                    f"{len(groups)} unrelated groups",
                    nodes=sorted(companies),
                    edges=[e for c in sorted(companies) for e in companies[c]][:50],
                    values={"companies": len(companies), "groups": len(groups)},
                ),
            )


def _procedures(ctx: RiskContext) -> dict[str, tuple[list[str], list[str]]]:
    """Procedures with two or more winners: key → (contracts, members)."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    by_contract: dict[str, list[str]] = defaultdict(list)
    for holder, awards in ctx.awards.items():
        for award in awards:
            if award.what == "award":
                by_contract[award.contract].append(holder)
    for contract, members in by_contract.items():
        out[f"contract:{contract}"] = ([contract], sorted(set(members)))
    by_procedure: dict[str, tuple[list[str], list[str]]] = {}
    for holder, awards in ctx.awards.items():
        for award in awards:
            if award.what != "procurement award":
                continue
            number = ctx.nodes[award.contract].attributes.get("numero_procedimiento")
            if not isinstance(number, str) or not number:
                continue
            contracts, members = by_procedure.setdefault(f"procedure:{number}", ([], []))
            contracts.append(award.contract)
            members.append(holder)
    for key, (contracts, members) in by_procedure.items():
        out[key] = (sorted(set(contracts)), sorted(set(members)))
    return {k: v for k, v in out.items() if len(v[1]) > 1}


def common_owner(ctx: RiskContext, emit: Emit, hits: Hits) -> None:
    """Members or co-winners of one procedure that share a beneficial owner (E ≥ τ in
    both), an officer, an address or a phone."""
    tau = ctx.params.tau_percent / 100.0
    officers = _officers(ctx)
    for key, (contracts, members) in sorted(_procedures(ctx).items()):
        companies = [m for m in members if ctx.is_company_like(m)]
        for a, b in combinations(companies, 2):
            found: list[tuple[str, list[str], list[list[str]]]] = []
            ea, eb = ctx.ownership(a), ctx.ownership(b)
            for owner in sorted(set(ea.effective) & set(eb.effective)):
                if (
                    ctx.nodes[owner].kind is NodeKind.PERSON
                    and ea.effective[owner].lo >= tau
                    and eb.effective[owner].lo >= tau
                ):
                    paths = [p for p in (ea.share_paths.get(owner), eb.share_paths.get(owner)) if p]
                    found.append(
                        (f"beneficial owner {ctx.nodes[owner].name or owner}", [owner], paths)
                    )
            for officer in sorted(officers.get(a, set()) & officers.get(b, set())):
                found.append((f"officer {ctx.nodes[officer].name or officer}", [officer], []))
            ka, kb = _address_key(ctx, a), _address_key(ctx, b)
            if ka and ka == kb:
                found.append(("an address", [], []))
            pa, pb = ctx.nodes[a].phone, ctx.nodes[b].phone
            if pa and pa == pb:
                found.append(("a phone", [], []))
            for what, nodes, paths in found:
                for contract in contracts:
                    emit(
                        contract,
                        evidence(
                            ctx,
                            f"{ctx.nodes[a].name or a} and {ctx.nodes[b].name or b} share {what}",
                            nodes=[a, b, *nodes],
                            paths=paths,
                            values={"procedure": key.split(":", 1)[1]},
                        ),
                    )
