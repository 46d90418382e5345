"""The risk engine: the red flags of RISK.md over ownership, trusts, contracts and Mexico's
lists, each hit with its evidence, and a score per party and contract with its reasons.

>>> from registry.risk import FLAGS
>>> [f.code for f in FLAGS][:3]
['CIRCULAR', 'PEP_OWNER', 'CONFLICT']

Library entry point: ``assess(store, subject=..., flag=..., min_score=..., as_of=...,
params=RiskParameters(...), write=False) -> RiskAnswer``.
"""

from __future__ import annotations

from registry.risk.engine import assess, results_of, risk_marks, sweep
from registry.risk.flags import FLAGS, FlagDefinition
from registry.risk.models import Evidence, FlagHit, FlagStatus, RiskAnswer, RiskResult, Severity
from registry.risk.parameters import DEFAULT_SECRECY_JURISDICTIONS, DEFAULT_WEIGHTS, RiskParameters

__all__ = [
    "DEFAULT_SECRECY_JURISDICTIONS",
    "DEFAULT_WEIGHTS",
    "FLAGS",
    "Evidence",
    "FlagDefinition",
    "FlagHit",
    "FlagStatus",
    "RiskAnswer",
    "RiskParameters",
    "RiskResult",
    "Severity",
    "assess",
    "results_of",
    "risk_marks",
    "sweep",
]
