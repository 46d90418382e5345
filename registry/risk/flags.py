"""The registry of flags: every flag of RISK.md with its code, title, severity, the data it
needs, and the function that evaluates it.

A flag whose data is absent from the register is *not evaluated* (with the reason), never
reported as passed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from registry.model import EdgeRole, NodeKind
from registry.risk import (
    award_flags,
    list_flags,
    ownership_flags,
    procurement_flags,
    register_flags,
)
from registry.risk.context import SAT_LIST, SFP_LIST, Award, RiskContext
from registry.risk.hits import Emit, Hits
from registry.risk.models import Severity

__all__ = ["FLAGS", "FlagDefinition", "flag_codes"]

Evaluate = Callable[[RiskContext, Emit, Hits], None]
#: ``None`` when the register has the data the flag needs, else why not.
Needs = Callable[[RiskContext], str | None]


@dataclass(frozen=True, slots=True)
class FlagDefinition:
    code: str
    title: str
    severity: Severity
    needs: Needs
    evaluate: Evaluate


def _has_role(role: EdgeRole, what: str) -> Needs:
    def check(ctx: RiskContext) -> str | None:
        return None if ctx.role(role) else f"no {what} in the register"

    return check


def _all(*checks: Needs) -> Needs:
    def check(ctx: RiskContext) -> str | None:
        for c in checks:
            reason = c(ctx)
            if reason is not None:
                return reason
        return None

    return check


def _holders(ctx: RiskContext) -> str | None:
    return None if ctx.awards else "no holders of contracts, titles or procurement awards"


def _listing(name: str) -> Needs:
    def check(ctx: RiskContext) -> str | None:
        found = any(x.list_name == name for xs in ctx.listed.values() for x in xs)
        return None if found else f"the {name} list is not loaded"

    return check


def _peps(ctx: RiskContext) -> str | None:
    found = any(n.politically_exposed for n in ctx.nodes.values())
    return None if found else "no politically exposed persons loaded (pep source)"


def _trusts(ctx: RiskContext) -> str | None:
    found = any(n.kind is NodeKind.TRUST for n in ctx.nodes.values())
    return None if found else "no trusts in the register"


def _incorporation(ctx: RiskContext) -> str | None:
    found = any(ctx.nodes[h].incorporation_date is not None for h in ctx.awards)
    return None if found else "no incorporation dates of holders (companies source)"


def _dated_changes(ctx: RiskContext) -> str | None:
    dated = any(e.start_date is not None for e in ctx.role(EdgeRole.CAPITAL))
    events = any("event" in e.attributes or "act" in e.attributes for e in ctx.edges)
    return None if dated or events else "no dated ownership, assignments or transmissions"


def _addresses(ctx: RiskContext) -> str | None:
    found = any(n.kind is NodeKind.COMPANY and (n.address or n.phone) for n in ctx.nodes.values())
    return None if found else "no company addresses or phones (companies source)"


def _officers_or_shareholders(ctx: RiskContext) -> str | None:
    found = any(ctx.is_officer_edge(e) for e in ctx.role(EdgeRole.CONTROL)) or bool(
        ctx.role(EdgeRole.CAPITAL)
    )
    return None if found else "no officers or shareholders in the register"


def _procurement(attribute: str) -> Needs:
    def check(ctx: RiskContext) -> str | None:
        found = any(attribute in ctx.nodes[e.source].attributes for e in ctx.role(EdgeRole.AWARD))
        return None if found else f"no procurement contracts with {attribute!r}"

    return check


def _buyers(ctx: RiskContext) -> str | None:
    return None if ctx.buyers else "no buyers of procurement contracts"


def _split_threshold(ctx: RiskContext) -> str | None:
    if ctx.params.split_threshold_amount is None:
        return (
            "no competitive-procedure threshold configured "
            "(REGISTRY_RISK_SPLIT_THRESHOLD_AMOUNT; it depends on the buyer's budget)"
        )
    return None


def _bidders(ctx: RiskContext) -> str | None:
    multi = any(
        len({a.holder for a in awards}) > 1 for awards in _winners_by_contract(ctx).values()
    )
    numbered = any(
        "numero_procedimiento" in ctx.nodes[e.source].attributes for e in ctx.role(EdgeRole.AWARD)
    )
    return None if multi or numbered else "no consortia or procedures with several members (bids)"


def _winners_by_contract(ctx: RiskContext) -> dict[str, list[Award]]:
    out: dict[str, list[Award]] = {}
    for awards in ctx.awards.values():
        for award in awards:
            if award.what == "award":
                out.setdefault(award.contract, []).append(award)
    return out


_CAPITAL = _has_role(EdgeRole.CAPITAL, "shareholdings")

FLAGS: tuple[FlagDefinition, ...] = (
    FlagDefinition(
        "CIRCULAR", "circular ownership", Severity.MEDIUM, _CAPITAL, ownership_flags.circular
    ),
    FlagDefinition(
        "PEP_OWNER",
        "PEP (or relative or associate) behind a holder",
        Severity.HIGH,
        _all(_holders, _peps),
        list_flags.pep_owner,
    ),
    FlagDefinition(
        "CONFLICT",
        "official conflict of interest",
        Severity.HIGH,
        _all(_has_role(EdgeRole.POSITION, "public positions (pep source)"), _buyers),
        procurement_flags.conflict,
    ),
    FlagDefinition(
        "SAT_69B",
        "simulated-operations exposure",
        Severity.HIGH,
        _all(_holders, _listing(SAT_LIST)),
        list_flags.sat_69b,
    ),
    FlagDefinition(
        "SANCTIONED",
        "sanctioned-supplier exposure",
        Severity.HIGH,
        _all(_holders, _listing(SFP_LIST)),
        list_flags.sanctioned,
    ),
    FlagDefinition(
        "UNTRACED",
        "ownership not traced to people",
        Severity.LOW,
        _all(_holders, _CAPITAL),
        ownership_flags.untraced,
    ),
    FlagDefinition(
        "TRUST_OPAQUE",
        "trust without disclosed beneficiaries",
        Severity.MEDIUM,
        _all(_holders, _CAPITAL, _trusts),
        ownership_flags.trust_opaque,
    ),
    FlagDefinition(
        "LAYERING",
        "deep or offshore chains",
        Severity.LOW,
        _all(_holders, _CAPITAL),
        ownership_flags.layering,
    ),
    FlagDefinition(
        "NEW_COMPANY",
        "newly created winner",
        Severity.LOW,
        _all(_holders, _incorporation),
        award_flags.new_company,
    ),
    FlagDefinition(
        "FLIP",
        "licence or contract flip",
        Severity.MEDIUM,
        _all(_holders, _dated_changes),
        award_flags.flip,
    ),
    FlagDefinition(
        "SHARED_ADDRESS",
        "mass registration address",
        Severity.LOW,
        _all(_holders, _addresses),
        register_flags.shared_address,
    ),
    FlagDefinition(
        "NOMINEE",
        "front person",
        Severity.MEDIUM,
        _officers_or_shareholders,
        register_flags.nominee,
    ),
    FlagDefinition(
        "COMMON_OWNER",
        "fake competition",
        Severity.MEDIUM,
        _all(_holders, _bidders),
        register_flags.common_owner,
    ),
    FlagDefinition(
        "CONCENTRATION",
        "group-level concentration",
        Severity.LOW,
        _all(_procurement("importe"), _buyers),
        procurement_flags.concentration,
    ),
    FlagDefinition(
        "SPLIT",
        "split awards",
        Severity.MEDIUM,
        _all(_split_threshold, _procurement("importe"), _buyers),
        procurement_flags.split,
    ),
    # Last: it stacks on the other flags of the supplier.
    FlagDefinition(
        "DIRECT_AWARD",
        "non-competitive award plus any ownership flag",
        Severity.LOW,
        _procurement("competition"),
        procurement_flags.direct_award,
    ),
)


def flag_codes() -> list[str]:
    return [f.code for f in FLAGS]
