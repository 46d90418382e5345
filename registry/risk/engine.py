"""``assess``: sweep the register for every flag, score parties and contracts, and
optionally write flags and scores into the store (``RiskFlagged`` nodes in Neo4j)."""

from __future__ import annotations

import logging
import time
from datetime import date

from registry.errors import InvalidInputError, NotFoundError
from registry.model import Node
from registry.queries import resolve, resolve_contract
from registry.risk.context import RiskContext
from registry.risk.flags import FLAGS
from registry.risk.hits import Emit, Hits
from registry.risk.models import Evidence, FlagStatus, RiskAnswer, RiskResult, Severity
from registry.risk.parameters import RiskParameters
from registry.risk.score import score
from registry.store.protocol import GraphStore, RiskMark

__all__ = ["assess", "results_of", "risk_marks", "sweep"]

log = logging.getLogger(__name__)


def _emitter(hits: Hits, code: str, severity: Severity) -> Emit:
    def emit(subject: str, found: Evidence, *, scored: bool = True) -> None:
        hits.add(subject, code, severity, found, scored=scored)

    return emit


def sweep(ctx: RiskContext) -> tuple[Hits, list[FlagStatus]]:
    """Evaluate every flag over the register in ``ctx``; the status of each."""
    hits = Hits()
    statuses: list[FlagStatus] = []
    for flag in FLAGS:
        weight = ctx.params.weight(flag.code)
        reason = flag.needs(ctx)
        if reason is not None:
            statuses.append(
                FlagStatus(
                    code=flag.code,
                    title=flag.title,
                    severity=flag.severity,
                    weight=weight,
                    evaluated=False,
                    reason=reason,
                )
            )
            continue
        started = time.perf_counter()
        flag.evaluate(ctx, _emitter(hits, flag.code, flag.severity), hits)
        log.info("%s evaluated in %.2f s", flag.code, time.perf_counter() - started)
        statuses.append(
            FlagStatus(
                code=flag.code,
                title=flag.title,
                severity=flag.severity,
                weight=weight,
                evaluated=True,
                subjects=len(hits.subjects(flag.code)),
            )
        )
    return hits, statuses


def results_of(ctx: RiskContext, hits: Hits) -> list[RiskResult]:
    """One result per party or contract with a hit: parties first scored, then contracts,
    which add the highest score of their holders. Highest score first."""
    party_scores: dict[str, float] = {}
    out: list[RiskResult] = []
    subjects = sorted(hits.by_subject)
    for subject in subjects:
        if ctx.is_contract(subject):
            continue
        points, reasons = score(hits.by_subject[subject], ctx.params)
        party_scores[subject] = points
        out.append(_result(ctx.nodes[subject], points, reasons, hits))
    holders_of: dict[str, list[str]] = {}
    for holder, awards in ctx.awards.items():
        for award in awards:
            holders_of.setdefault(award.contract, []).append(holder)
    for subject in subjects:
        if not ctx.is_contract(subject):
            continue
        best = max(
            holders_of.get(subject, []), key=lambda h: (party_scores.get(h, 0.0), h), default=None
        )
        inherited = party_scores.get(best, 0.0) if best is not None else 0.0
        why = f"holder {ctx.nodes[best].name or best} scores {inherited:g}" if best else ""
        points, reasons = score(hits.by_subject[subject], ctx.params, inherited=inherited, why=why)
        out.append(_result(ctx.nodes[subject], points, reasons, hits))
    out.sort(key=lambda r: (-r.score, r.id))
    return out


def _result(node: Node, points: float, reasons: list[str], hits: Hits) -> RiskResult:
    return RiskResult(
        id=node.id,
        name=node.name,
        kind=node.kind.value,
        score=points,
        reasons=reasons,
        flags=hits.by_subject[node.id],
    )


def risk_marks(results: list[RiskResult], day: date) -> list[RiskMark]:
    """What is written into the store: one mark per flagged party or contract."""
    return [
        RiskMark(
            node=r.id,
            score=r.score,
            codes=tuple(sorted({h.code for h in r.flags if h.scored})),
            cleared=tuple(sorted({h.code for h in r.flags if not h.scored})),
            reasons=tuple(r.reasons),
            as_of=day,
        )
        for r in results
    ]


def _subject(store: GraphStore, ref: str) -> Node:
    try:
        return resolve(store, ref)
    except NotFoundError:
        return resolve_contract(store, ref)


def assess(
    store: GraphStore,
    *,
    subject: str | None = None,
    flag: str | None = None,
    min_score: float | None = None,
    as_of: date | None = None,
    params: RiskParameters | None = None,
    write: bool = False,
) -> RiskAnswer:
    """Sweep the register in ``store`` for every red flag of RISK.md.

    ``subject`` (an id, record id, ``MX-RFC:<rfc>``, CNH contract id or title number) keeps
    the result of that party or contract; ``flag`` keeps those it fires on (cleared hits
    included); ``min_score`` those that score at least that much. ``write`` replaces the
    flags and scores stored for the whole register (whatever the filters).
    """
    started = time.perf_counter()
    rule = params or RiskParameters()
    day = as_of or date.today()
    codes = {f.code for f in FLAGS}
    if flag is not None and flag.upper() not in codes:
        raise InvalidInputError(
            f"unknown flag {flag!r}; use one of: {', '.join(sorted(codes))}", parameter="flag"
        )
    target = _subject(store, subject) if subject is not None else None
    ctx = RiskContext.load(store, day, rule)
    hits, statuses = sweep(ctx)
    results = results_of(ctx, hits)
    if write:
        store.replace_risk(risk_marks(results, day))
    if target is not None:
        results = [r for r in results if r.id == target.id]
    if flag is not None:
        wanted = flag.upper()
        results = [r for r in results if any(h.code == wanted for h in r.flags)]
    if min_score is not None:
        results = [r for r in results if r.score >= min_score]
    return RiskAnswer(
        as_of=day,
        store=store.name,
        results=results,
        flags=statuses,
        parameters=rule.model_dump(mode="json"),
        seconds=round(time.perf_counter() - started, 3),
    )
