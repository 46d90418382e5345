"""Fellegi–Sunter match weights, learnt without labels.

u probabilities (how often two unrelated rows land on each level) come from random pairs;
m probabilities (how often two rows of one entity do) and the share λ of matches among the
candidate pairs come from expectation maximisation over the candidate pairs. The match
weight of a pair is ``log2(λ / (1 - λ)) + Σ log2(m / u)`` over its levels, and its match
probability ``1 / (1 + 2^-weight)``: the threshold "probability ≥ 0.5" is the Bayes
decision for the λ the data gave, so no label is needed to choose it.

EM runs on distinct level patterns (with their counts), never on the pairs one by one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ingest.resolve.model import Comparison

__all__ = ["Params", "estimate_u", "fit_em", "pattern_codes"]

FloatArray = npt.NDArray[np.float64]
_EPS = 1e-6


@dataclass(slots=True)
class Params:
    """Learnt parameters of one model: λ, and m and u per comparison and level."""

    lam: float
    m: list[list[float]]
    u: list[list[float]]
    trained_pairs: int = 0
    iterations: int = 0
    converged: bool = False
    #: Learnt from the data (False: the declared priors); only learnt parameters adjust
    #: exact levels by term frequency, since a small sample says nothing about frequency.
    fitted: bool = False

    @classmethod
    def prior(
        cls, comparisons: tuple[Comparison, ...], u: list[list[float]], lam: float = 0.1
    ) -> Params:
        m = [_normalise([lv.m for lv in c.levels], c) for c in comparisons]
        return cls(lam=lam, m=m, u=u)

    @classmethod
    def declared(cls, comparisons: tuple[Comparison, ...], lam: float) -> Params:
        """The declared m and u priors, for data too small to learn from."""
        u = [_normalise([lv.u_prior for lv in c.levels], c) for c in comparisons]
        return cls.prior(comparisons, u, lam)

    def weights(self, comparisons: tuple[Comparison, ...]) -> list[FloatArray]:
        """log2(m / u) per comparison and level; 0 for the blank level."""
        out: list[FloatArray] = []
        for c, comparison in enumerate(comparisons):
            row = np.zeros(len(comparison.levels))
            for k, level in enumerate(comparison.levels):
                if not level.is_null:
                    row[k] = math.log2(max(self.m[c][k], _EPS) / max(self.u[c][k], _EPS))
            out.append(row)
        return out

    @property
    def prior_weight(self) -> float:
        lam = min(max(self.lam, 1e-9), 1 - 1e-9)
        return math.log2(lam / (1 - lam))

    def to_dict(self) -> dict[str, Any]:
        return {
            "lambda": self.lam,
            "m": self.m,
            "u": self.u,
            "trained_pairs": self.trained_pairs,
            "iterations": self.iterations,
            "converged": self.converged,
            "fitted": self.fitted,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Params:
        return cls(
            lam=float(data["lambda"]),
            m=[[float(x) for x in row] for row in data["m"]],
            u=[[float(x) for x in row] for row in data["u"]],
            trained_pairs=int(data.get("trained_pairs", 0)),
            iterations=int(data.get("iterations", 0)),
            converged=bool(data.get("converged", False)),
            fitted=bool(data.get("fitted", False)),
        )

    def fits(self, comparisons: tuple[Comparison, ...]) -> bool:
        """Whether these parameters belong to comparisons of this shape."""
        return len(self.m) == len(comparisons) and all(
            len(row) == len(c.levels) for row, c in zip(self.m, comparisons, strict=True)
        )


def _normalise(values: list[float], comparison: Comparison) -> list[float]:
    total = sum(v for v, lv in zip(values, comparison.levels, strict=True) if not lv.is_null)
    return [
        1.0 if lv.is_null else max(v / total if total > 0 else 0.0, _EPS)
        for v, lv in zip(values, comparison.levels, strict=True)
    ]


def pattern_codes(
    gamma: npt.NDArray[np.int8], comparisons: tuple[Comparison, ...]
) -> npt.NDArray[np.int64]:
    """One integer per pair for its whole level pattern (mixed radix)."""
    code = np.zeros(len(gamma), dtype=np.int64)
    for c, comparison in enumerate(comparisons):
        code = code * len(comparison.levels) + gamma[:, c].astype(np.int64)
    return code


def decode_patterns(
    codes: npt.NDArray[np.int64], comparisons: tuple[Comparison, ...]
) -> npt.NDArray[np.int8]:
    out = np.empty((len(codes), len(comparisons)), dtype=np.int8)
    rest = codes.copy()
    for c in range(len(comparisons) - 1, -1, -1):
        radix = len(comparisons[c].levels)
        out[:, c] = rest % radix
        rest //= radix
    return out


def estimate_u(
    gamma: npt.NDArray[np.int8], comparisons: tuple[Comparison, ...]
) -> list[list[float]]:
    """u per level from the levels of random pairs, with a half-count floor."""
    u: list[list[float]] = []
    n = max(len(gamma), 1)
    for c, comparison in enumerate(comparisons):
        counts = np.bincount(gamma[:, c].astype(np.int64), minlength=len(comparison.levels))
        row = [float(x) + 0.5 for x in counts]
        u.append(_normalise(row, comparison) if n else row)
    return u


def fit_em(
    gamma: npt.NDArray[np.int8],
    comparisons: tuple[Comparison, ...],
    start: Params,
    *,
    iterations: int = 60,
    tolerance: float = 1e-5,
    prior_pairs: float = 50.0,
    anchors: npt.NDArray[np.int8] | None = None,
    learn_u: bool = False,
) -> Params:
    """m and λ by expectation maximisation over the candidate pairs; u stays as given.

    The declared m values act as a Dirichlet prior worth ``prior_pairs`` matched pairs
    (maximum a posteriori EM): with a handful of pairs the declared model speaks, with
    thousands the data does.

    ``anchors`` (per pair: 1 a known match, 0 a known non-match, -1 unknown) come from the
    identifiers, not from labels: two mentions with the same RFC are one entity, two with
    different RFCs are not. Their posterior stays fixed, so they teach EM what a match and
    a near-miss look like on the other comparisons.

    ``learn_u`` re-estimates u on the candidate pairs too (the random-pair u is then the
    prior): the posterior is then taken within the candidate pairs, where non-matches look
    much more alike than random pairs do (many companies of one register share words).
    """
    if len(gamma) == 0:
        return start
    status = np.zeros(len(gamma), dtype=np.int64) if anchors is None else anchors + 1
    keys, counts = np.unique(
        pattern_codes(gamma, comparisons) * 3 + status.astype(np.int64), return_counts=True
    )
    codes, fixed = keys // 3, keys % 3 - 1
    patterns = decode_patterns(codes, comparisons)
    weights = counts.astype(np.float64)
    total = float(weights.sum())
    lam = min(max(start.lam, 1e-4), 0.5)
    m = [list(row) for row in start.m]
    u = [list(row) for row in start.u]
    null_masks = [
        np.asarray([lv.is_null for lv in comparison.levels]) for comparison in comparisons
    ]
    priors = [_normalise([lv.m for lv in c.levels], c) for c in comparisons]
    u_priors = [list(row) for row in start.u]
    done = 0
    converged = False
    for done in range(1, iterations + 1):  # noqa: B007 - the count is reported
        log_bf = np.zeros(len(codes))
        for c in range(len(comparisons)):
            ratio = np.log2(np.maximum(m[c], _EPS)) - np.log2(np.maximum(u[c], _EPS))
            ratio[null_masks[c]] = 0.0
            log_bf += ratio[patterns[:, c]]
        prior = math.log2(lam / (1 - lam))
        posterior = 1.0 / (1.0 + np.exp2(-np.clip(prior + log_bf, -60, 60)))
        posterior = np.where(fixed >= 0, fixed.astype(np.float64), posterior)
        match_weight = weights * posterior
        new_lam = float(match_weight.sum()) / total
        change = abs(new_lam - lam)
        if learn_u:
            other_weight = weights - match_weight
            for c, comparison in enumerate(comparisons):
                sums = np.bincount(
                    patterns[:, c].astype(np.int64), weights=other_weight, minlength=len(u[c])
                )
                sums[null_masks[c]] = 0.0
                denominator = float(sums.sum()) + prior_pairs
                for k, level in enumerate(comparison.levels):
                    if level.is_null:
                        continue
                    value = max((float(sums[k]) + prior_pairs * u_priors[c][k]) / denominator, _EPS)
                    change = max(change, abs(value - u[c][k]))
                    u[c][k] = value
        for c, comparison in enumerate(comparisons):
            sums = np.bincount(
                patterns[:, c].astype(np.int64), weights=match_weight, minlength=len(m[c])
            )
            sums[null_masks[c]] = 0.0
            denominator = float(sums.sum()) + prior_pairs
            for k, level in enumerate(comparison.levels):
                if level.is_null:
                    continue
                value = max((float(sums[k]) + prior_pairs * priors[c][k]) / denominator, _EPS)
                change = max(change, abs(value - m[c][k]))
                m[c][k] = value
        lam = min(max(new_lam, 1e-7), 1 - 1e-7)
        if change < tolerance:
            converged = True
            break
    return Params(
        lam=lam,
        m=m,
        u=u,
        trained_pairs=int(total),
        iterations=done,
        converged=converged,
        fitted=True,
    )
