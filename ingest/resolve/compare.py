"""Comparison levels of candidate pairs, a column at a time.

Every string measure runs through ``rapidfuzz.process.cpdist`` over the distinct value
pairs of the candidate pairs (never a Python loop over pairs), and each comparison's level
is the first declared level whose condition holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein, Indel, JaroWinkler, Levenshtein

from ingest.resolve.frame import BoolArray, Frame, IntArray
from ingest.resolve.model import (
    AllOf,
    AnyOf,
    AtLeast,
    AtMost,
    Comparison,
    Condition,
    Crossed,
    Else,
    Exact,
    Flag,
    Metric,
    Null,
)

__all__ = ["PairView", "gamma_matrix"]

FloatArray = npt.NDArray[np.float64]


def _token_sort(a: str, b: str, **kwargs: Any) -> float:
    return float(fuzz.token_sort_ratio(a, b, **kwargs)) / 100.0


def _token_set(a: str, b: str, **kwargs: Any) -> float:
    return float(fuzz.token_set_ratio(a, b, **kwargs)) / 100.0


_SCORERS: dict[Metric, Callable[..., Any]] = {
    Metric.JARO_WINKLER: JaroWinkler.normalized_similarity,
    Metric.RATIO: Indel.normalized_similarity,
    Metric.TOKEN_SORT: fuzz.token_sort_ratio,
    Metric.TOKEN_SET: fuzz.token_set_ratio,
    Metric.DAMERAU: DamerauLevenshtein.distance,
    Metric.LEVENSHTEIN: Levenshtein.distance,
}
_PERCENT = frozenset({Metric.TOKEN_SORT, Metric.TOKEN_SET})


class PairView:
    """Candidate pairs ``(i, j)`` of a frame, with cached per-column measures."""

    def __init__(self, frame: Frame, i: IntArray, j: IntArray, workers: int = -1) -> None:
        self.frame = frame
        self.i = i
        self.j = j
        self.n = len(i)
        self.workers = workers
        self._codes: dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]] = {}
        self._measures: dict[tuple[str, Metric], FloatArray] = {}

    def codes(self, column: str) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
        found = self._codes.get(column)
        if found is None:
            codes = self.frame.column(column).codes
            found = self._codes[column] = (codes[self.i], codes[self.j])
        return found

    def null(self, column: str) -> BoolArray:
        a, b = self.codes(column)
        return (a < 0) | (b < 0)

    def exact(self, column: str) -> BoolArray:
        a, b = self.codes(column)
        return np.asarray((a == b) & (a >= 0), dtype=bool)

    def measure(self, column: str, metric: Metric) -> FloatArray:
        """The measure of every pair (NaN where a side is blank)."""
        key = (column, metric)
        found = self._measures.get(key)
        if found is not None:
            return found
        a, b = self.codes(column)
        out = np.full(self.n, np.nan)
        both = (a >= 0) & (b >= 0)
        if both.any():
            lo = np.minimum(a[both], b[both]).astype(np.int64)
            hi = np.maximum(a[both], b[both]).astype(np.int64)
            size = max(len(self.frame.column(column).values), 1)
            unique, inverse = np.unique(lo * size + hi, return_inverse=True)
            objects = self.frame.column(column).objects
            left = objects[unique // size]
            right = objects[unique % size]
            scores = process.cpdist(
                left, right, scorer=_SCORERS[metric], workers=self.workers
            ).astype(np.float64)
            if metric in _PERCENT:
                scores /= 100.0
            out[both] = scores[inverse.ravel()]
        self._measures[key] = out
        return out

    def crossed(self, column: str, other: str) -> BoolArray:
        first = self.frame.column(column)
        second = self.frame.column(other)
        index = {v: k for k, v in enumerate(first.values)}
        mapping = np.asarray([index.get(v, -2) for v in second.values] + [-3], dtype=np.int64)
        second_codes = second.codes.astype(np.int64)
        second_as_first = mapping[np.where(second_codes >= 0, second_codes, len(second.values))]
        a_i, a_j = first.codes[self.i], first.codes[self.j]
        b_i, b_j = second_as_first[self.i], second_as_first[self.j]
        return np.asarray((a_i >= 0) & (a_j >= 0) & (a_i == b_j) & (b_i == a_j), dtype=bool)

    def holds(self, condition: Condition) -> BoolArray:
        if isinstance(condition, Else):
            return np.ones(self.n, dtype=bool)
        if isinstance(condition, Null):
            return self.null(condition.column)
        if isinstance(condition, Exact):
            return self.exact(condition.column)
        if isinstance(condition, AtLeast):
            values = self.measure(condition.column, condition.metric)
            with np.errstate(invalid="ignore"):
                return np.asarray(values >= condition.threshold - 1e-9)
        if isinstance(condition, AtMost):
            values = self.measure(condition.column, condition.metric)
            with np.errstate(invalid="ignore"):
                return np.asarray(values <= condition.distance)
        if isinstance(condition, Crossed):
            return self.crossed(condition.column, condition.other)
        if isinstance(condition, Flag):
            flags = self.frame.flag(condition.column)
            return np.asarray(flags[self.i] | flags[self.j])
        if isinstance(condition, AllOf):
            out = np.ones(self.n, dtype=bool)
            for part in condition.conditions:
                out &= self.holds(part)
            return out
        if isinstance(condition, AnyOf):
            out = np.zeros(self.n, dtype=bool)
            for part in condition.conditions:
                out |= self.holds(part)
            return out
        raise TypeError(f"unknown condition {condition!r}")

    def levels(self, comparison: Comparison) -> npt.NDArray[np.int8]:
        """The level index of every pair for one comparison."""
        out = np.full(self.n, -1, dtype=np.int8)
        for index, level in enumerate(comparison.levels):
            unassigned = out < 0
            if not unassigned.any():
                break
            out[unassigned & self.holds(level.when)] = index
        return out


def gamma_matrix(view: PairView, comparisons: tuple[Comparison, ...]) -> npt.NDArray[np.int8]:
    """Pairs × comparisons matrix of level indices."""
    gamma = np.empty((view.n, len(comparisons)), dtype=np.int8)
    for c, comparison in enumerate(comparisons):
        gamma[:, c] = view.levels(comparison)
    return gamma
