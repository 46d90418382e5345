"""Candidate pairs: the union of the pairs each blocking rule proposes.

Recall comes from several cheap, independent rules (identifiers, shared rare tokens and
token pairs, a Spanish phonetic key, sorted neighbourhoods) rather than one strict key;
cost is bounded by a cap on every bucket. All pair generation is vectorised: the buckets
of one size are laid out as a matrix and paired with ``triu_indices``.

>>> from ingest.resolve.frame import Frame
>>> frame = Frame.from_columns({"name": ["ANA LOPEZ", "ANA LOPES", "LUIS PEREZ"]})
>>> i, j = candidate_pairs(frame, (TokenKey("tokens", "name", cap=10),))
>>> list(zip(i.tolist(), j.tolist()))
[(0, 1)]
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

from ingest.resolve.frame import BoolArray, Column, Frame, IntArray
from ingest.resolve.model import BlockRule, ExactKey, SortedNeighbourhood, TokenKey
from ingest.resolve.phonetic import phonetic_key

__all__ = ["block_keys", "bucket_pairs", "candidate_pairs"]

_MAX_TOKENS = 7  # a name of more words keys on its first seven (sorted) only


def _factorise(values: Sequence[str]) -> tuple[IntArray, int]:
    index: dict[str, int] = {}
    setdefault = index.setdefault
    codes = np.fromiter((setdefault(v, len(index)) for v in values), dtype=np.int64)
    return codes, len(index)


def _value_tokens(column: Column, rule: TokenKey) -> list[list[str]]:
    out: list[list[str]] = []
    for value in column.values:
        tokens = [t for t in value.split() if len(t) >= rule.min_length and t not in rule.stopwords]
        if rule.phonetic:
            tokens = [k for k in (phonetic_key(t) for t in tokens) if k]
        if rule.whole:
            keys = [" ".join(sorted(tokens))] if len(tokens) >= 2 else []
        elif rule.size > 1:
            unique = sorted(set(tokens))[:_MAX_TOKENS]
            keys = [" ".join(c) for c in combinations(unique, rule.size)]
        else:
            keys = sorted(set(tokens))
        out.append(keys)
    return out


def _expand(
    rows: IntArray, codes: IntArray, per_value: list[list[str]]
) -> tuple[IntArray, IntArray]:
    """(row, key) for every key of every row's value."""
    flat: list[str] = []
    lengths = np.zeros(len(per_value), dtype=np.int64)
    for v, keys in enumerate(per_value):
        lengths[v] = len(keys)
        flat.extend(keys)
    if not flat:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    key_codes, _ = _factorise(flat)
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    counts = lengths[codes]
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    row_rep = np.repeat(rows, counts)
    first = np.repeat(offsets[codes], counts)
    run_start = np.repeat(np.cumsum(counts) - counts, counts)
    positions = first + (np.arange(total) - run_start)
    return row_rep, key_codes[positions]


def block_keys(frame: Frame, rule: ExactKey | TokenKey) -> tuple[IntArray, IntArray]:
    """(row, key code) pairs of one bucketing rule."""
    if isinstance(rule, TokenKey):
        column = frame.column(rule.column)
        present = np.flatnonzero(column.codes >= 0).astype(np.int64)
        codes = column.codes[present].astype(np.int64)
        return _expand(present, codes, _value_tokens(column, rule))
    columns = [frame.column(c) for c in rule.columns]
    present_mask = np.ones(frame.n, dtype=bool)
    for column in columns:
        present_mask &= column.codes >= 0
    rows = np.flatnonzero(present_mask).astype(np.int64)
    if rule.unordered or len(columns) > 1 or rule.prefix is not None:
        parts: list[list[str]] = []
        for column in columns:
            values = column.values
            if rule.prefix is not None:
                values = [v[: rule.prefix] for v in values]
            parts.append([values[c] for c in column.codes[rows]])
        joined = [
            "\x1f".join(sorted(vals) if rule.unordered else vals)
            for vals in zip(*parts, strict=True)
        ]
        keys, _ = _factorise(joined)
        return rows, keys
    return rows, columns[0].codes[rows].astype(np.int64)


def _rarest(rows: IntArray, keys: IntArray, per_row: int, cap: int | None) -> BoolArray:
    """Mask of the (row, key) entries that are among the row's ``per_row`` rarest keys
    shared with another row (and within the cap)."""
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    size = counts[inverse.ravel()]
    usable = size >= 2
    if cap is not None:
        usable &= size <= cap
    order = np.lexsort((size, ~usable, rows))
    sorted_rows = rows[order]
    starts = np.r_[True, sorted_rows[1:] != sorted_rows[:-1]]
    run_start = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
    rank = np.arange(len(order)) - run_start
    keep = np.zeros(len(rows), dtype=bool)
    keep[order] = (rank < per_row) & usable[order]
    return keep


def bucket_pairs(
    rows: IntArray,
    keys: IntArray,
    cap: int | None,
    new: BoolArray | None = None,
    per_row: int | None = None,
) -> tuple[IntArray, IntArray]:
    """Every pair of rows that share a key, over buckets of at most ``cap`` rows (and,
    with ``per_row``, only over each row's rarest keys)."""
    if len(rows) < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    order = np.lexsort((rows, keys))
    keys, rows = keys[order], rows[order]
    keep = np.ones(len(rows), dtype=bool)
    keep[1:] = (keys[1:] != keys[:-1]) | (rows[1:] != rows[:-1])
    keys, rows = keys[keep], rows[keep]
    if per_row is not None:
        chosen = _rarest(rows, keys, per_row, cap)
        keys, rows = keys[chosen], rows[chosen]
        if len(rows) < 2:
            return np.empty(0, np.int64), np.empty(0, np.int64)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    useful = sizes >= 2
    if cap is not None:
        useful &= sizes <= cap
    if new is not None:
        has_new = np.add.reduceat(new[rows].astype(np.int64), starts) > 0
        useful &= has_new
    out_i: list[IntArray] = []
    out_j: list[IntArray] = []
    for size in np.unique(sizes[useful]):
        s = int(size)
        bucket_starts = starts[useful & (sizes == s)]
        members = rows[bucket_starts[:, None] + np.arange(s)]
        ti, tj = np.triu_indices(s, 1)
        out_i.append(members[:, ti].ravel())
        out_j.append(members[:, tj].ravel())
    if not out_i:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(out_i), np.concatenate(out_j)


def _neighbourhood(frame: Frame, rule: SortedNeighbourhood) -> tuple[IntArray, IntArray]:
    column = frame.column(rule.column)
    present = np.flatnonzero(column.codes >= 0).astype(np.int64)
    if len(present) < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    values = [v[::-1] for v in column.values] if rule.reverse else column.values
    rank = np.empty(len(values), dtype=np.int64)
    rank[np.asarray(sorted(range(len(values)), key=values.__getitem__), dtype=np.int64)] = (
        np.arange(len(values))
    )
    order = present[np.argsort(rank[column.codes[present]], kind="stable")]
    out_i: list[IntArray] = []
    out_j: list[IntArray] = []
    for d in range(1, rule.window):
        out_i.append(order[:-d])
        out_j.append(order[d:])
    return np.concatenate(out_i), np.concatenate(out_j)


def candidate_pairs(
    frame: Frame,
    rules: Sequence[BlockRule],
    *,
    new: BoolArray | None = None,
    link_only_column: str | None = None,
) -> tuple[IntArray, IntArray]:
    """Distinct pairs ``i < j`` proposed by any rule; with ``new``, only pairs that touch a
    new row (an incremental run compares new rows with everything, old rows not again)."""
    parts_i: list[IntArray] = []
    parts_j: list[IntArray] = []
    for rule in rules:
        if isinstance(rule, SortedNeighbourhood):
            a, b = _neighbourhood(frame, rule)
        else:
            rows, keys = block_keys(frame, rule)
            per_row = rule.per_row if isinstance(rule, TokenKey) else None
            a, b = bucket_pairs(rows, keys, rule.cap, new, per_row)
        parts_i.append(a)
        parts_j.append(b)
    if not parts_i:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    a = np.concatenate(parts_i)
    b = np.concatenate(parts_j)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keep = lo != hi
    if new is not None:
        keep &= new[lo] | new[hi]
    if link_only_column is not None:
        codes = frame.column(link_only_column).codes
        keep &= codes[lo] != codes[hi]
    encoded = np.unique(lo[keep] * np.int64(frame.n) + hi[keep])
    return encoded // frame.n, encoded % frame.n
