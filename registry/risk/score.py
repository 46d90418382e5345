"""The score of a party or contract: the weights of the flags that fire on it (each flag
once), capped, always with the reasons that make it up. Cleared listings are listed as
reasons that add nothing.

>>> from registry.risk.models import Evidence, FlagHit, Severity
>>> hits = [FlagHit(code="SAT_69B", severity=Severity.HIGH, evidence=Evidence(summary="x")),
...         FlagHit(code="SAT_69B", severity=Severity.HIGH, evidence=Evidence(summary="y"))]
>>> score(hits, RiskParameters())
(30.0, ['SAT_69B +30: x (and 1 more)'])
"""

from __future__ import annotations

from collections.abc import Sequence

from registry.risk.models import FlagHit
from registry.risk.parameters import RiskParameters

__all__ = ["score"]


def score(
    hits: Sequence[FlagHit], params: RiskParameters, *, inherited: float = 0.0, why: str = ""
) -> tuple[float, list[str]]:
    """Points and reasons of one subject; ``inherited`` points come from its holders."""
    total = 0.0
    reasons: list[str] = []
    seen: list[str] = []
    for hit in hits:
        if hit.code not in seen:
            seen.append(hit.code)
    for code in seen:
        mine = [h for h in hits if h.code == code]
        counted = [h for h in mine if h.scored]
        if counted:
            weight = params.weight(code)
            total += weight
            more = f" (and {len(counted) - 1} more)" if len(counted) > 1 else ""
            reasons.append(f"{code} +{weight:g}: {counted[0].evidence.summary}{more}")
        for hit in mine:
            if not hit.scored:
                reasons.append(f"{code} +0 (cleared, not scored): {hit.evidence.summary}")
    if inherited > 0:
        total += inherited
        reasons.append(f"+{inherited:g}: {why}")
    return round(min(total, params.max_score), 6), reasons
