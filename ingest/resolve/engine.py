"""The resolution engine: rows in, clusters with their reasons out.

One run: candidate pairs from the blocking rules (only pairs that touch a new row when the
run is incremental), identifier links, comparison levels a column at a time, u from random
pairs, m and λ by EM, match weights, and clustering in this order:

1. clusters kept from earlier runs (``initial``),
2. human "same" judgements (``same``), refused only by two different identifiers,
3. identifier links (same valid RFC, CURP, …), refused by labels (identifiers, rows,
   judgements) but not by name rules,
4. probabilistic links, strongest first, while the posterior match probability is at
   least the model's threshold, refused by any constraint or the size cap.

Every merge made is an ``Edge`` pointing to the scored pair that made it; every pair in
the uncertain band (or refused by the size cap) whose rows end apart is a ``Possible``.
The engine knows nothing of ledgers or mentions: FEBRL runs through it as well.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from ingest.resolve.blocking import candidate_pairs
from ingest.resolve.cluster import Clusters
from ingest.resolve.compare import PairView, gamma_matrix
from ingest.resolve.fellegi_sunter import Params, estimate_u, fit_em
from ingest.resolve.frame import BoolArray, Frame, IntArray
from ingest.resolve.model import Model
from ingest.resolve.names import PAIR_RULES

__all__ = ["Edge", "LinkResult", "Possible", "Scored", "link", "score_pairs"]

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float64]

RULE_KEPT = "kept"
RULE_JUDGEMENT = "judgement"
RULE_PROBABILISTIC = "probabilistic"
#: Labels whose key starts with this keep parties of one row apart, except on identifiers.
ROW_LABEL = "row:"


@dataclass(slots=True)
class Scored:
    """Scored pairs: levels, match weight (bits) and match probability of each."""

    i: IntArray
    j: IntArray
    gamma: npt.NDArray[np.int8]
    weight: FloatArray
    probability: FloatArray
    tf: FloatArray

    def __len__(self) -> int:
        return len(self.i)


@dataclass(frozen=True, slots=True)
class Edge:
    """A merge: the scored pair that made it and the rule it followed."""

    pair: int
    rule: str


@dataclass(frozen=True, slots=True)
class Possible:
    """A pair left apart that a person may want to look at, and why it was left apart."""

    pair: int
    reason: str


@dataclass(slots=True)
class LinkResult:
    roots: IntArray
    scored: Scored
    edges: list[Edge]
    possible: list[Possible]
    params: Params
    candidates: int
    seconds: dict[str, float] = field(default_factory=dict)
    enemies: list[tuple[int, int, str]] = field(default_factory=list)

    def clusters(self) -> list[list[int]]:
        """Rows grouped by cluster, each group sorted, groups by first row."""
        groups: dict[int, list[int]] = {}
        for row, root in enumerate(self.roots.tolist()):
            groups.setdefault(root, []).append(row)
        return sorted(groups.values())


def _identifier_pairs(
    frame: Frame, columns: Sequence[str], new: BoolArray | None
) -> list[tuple[IntArray, IntArray, str]]:
    """Chains of rows sharing a value of each identifier column (n − 1 links for n rows)."""
    out: list[tuple[IntArray, IntArray, str]] = []
    for name in columns:
        codes = frame.column(name).codes.astype(np.int64)
        rows = np.flatnonzero(codes >= 0)
        if new is not None:
            touched = np.zeros(len(frame.column(name).values) + 1, dtype=bool)
            touched[codes[rows[new[rows]]]] = True
            rows = rows[touched[codes[rows]]]
        order = rows[np.argsort(codes[rows], kind="stable")]
        same = codes[order[1:]] == codes[order[:-1]]
        out.append((order[:-1][same], order[1:][same], f"identifier:{name}"))
    return out


def _random_pairs(
    frame: Frame, model: Model, rng: np.random.Generator
) -> tuple[IntArray, IntArray]:
    n = frame.n
    if n < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    wanted = min(model.u_sample_pairs, n * (n - 1) // 2)
    i = rng.integers(0, n, size=int(wanted * 1.2) + 10)
    j = rng.integers(0, n, size=len(i))
    keep = i != j
    if model.link_only_column is not None:
        codes = frame.column(model.link_only_column).codes
        keep &= codes[i] != codes[j]
    return i[keep][:wanted].astype(np.int64), j[keep][:wanted].astype(np.int64)


def score_pairs(frame: Frame, model: Model, params: Params, i: IntArray, j: IntArray) -> Scored:
    """Levels, weights and probabilities of the pairs ``(i, j)`` under ``params``."""
    view = PairView(frame, i, j)
    gamma = gamma_matrix(view, model.comparisons)
    return _weigh(frame, model, params, i, j, gamma)


def _weigh(
    frame: Frame,
    model: Model,
    params: Params,
    i: IntArray,
    j: IntArray,
    gamma: npt.NDArray[np.int8],
) -> Scored:
    tables = params.weights(model.comparisons)
    weight = np.full(len(i), params.prior_weight)
    for c, table in enumerate(tables):
        weight += table[gamma[:, c]]
    tf = np.zeros(len(i))
    for c, comparison in enumerate(model.comparisons):
        for k, level in enumerate(comparison.levels):
            if level.tf is None or not params.fitted:
                continue
            mask = gamma[:, c] == k
            if not mask.any():
                continue
            column = frame.column(level.tf)
            counts = column.counts
            total = max(int(counts.sum()), 1)
            value_codes = column.codes[i[mask]]
            frequency = np.maximum(counts[value_codes] / total, 1e-9)
            u_level = max(params.u[c][k], 1e-9)
            tf[mask] = np.clip(np.log2(u_level / frequency), -model.tf_cap, model.tf_cap)
    weight += tf
    probability = 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))
    return Scored(i=i, j=j, gamma=gamma, weight=weight, probability=probability, tf=tf)


def _anchors(frame: Frame, model: Model, i: IntArray, j: IntArray) -> npt.NDArray[np.int8]:
    """Pairs the identifiers decide: 1 same identifier, 0 conflicting ones, -1 neither."""
    out = np.full(len(i), -1, dtype=np.int8)
    for name in model.one_value:
        codes = frame.column(name).codes
        a, b = codes[i], codes[j]
        out[(a >= 0) & (b >= 0) & (a != b)] = 0
    for name in model.identifiers:
        codes = frame.column(name).codes
        a, b = codes[i], codes[j]
        out[(a >= 0) & (a == b)] = 1
    return out


def _veto_enemies(model: Model, params: Params, scored: Scored) -> list[tuple[int, int, str]]:
    """Pairs at a veto level that the rest of their evidence would otherwise merge."""
    out: list[tuple[int, int, str]] = []
    tables = params.weights(model.comparisons)
    for c, comparison in enumerate(model.comparisons):
        for k, level in enumerate(comparison.levels):
            if not level.veto:
                continue
            hit = np.flatnonzero((scored.gamma[:, c] == k) & (scored.weight - tables[c][k] >= 0))
            rule = f"{comparison.name} {level.name}"
            out.extend(
                (int(a), int(b), rule)
                for a, b in zip(scored.i[hit].tolist(), scored.j[hit].tolist(), strict=True)
            )
    return out


def _pair_rule_enemies(
    frame: Frame, model: Model, scored: Scored, rows: IntArray
) -> list[tuple[int, int, str]]:
    """Pairs among ``rows`` (indices into scored) that a cannot-link rule forbids."""
    out: list[tuple[int, int, str]] = []
    for rule in model.cannot_link:
        test = PAIR_RULES[rule.name]
        column = frame.column(rule.column)
        a = column.codes[scored.i[rows]]
        b = column.codes[scored.j[rows]]
        cache: dict[tuple[int, int], bool] = {}
        values = column.values
        for index, x, y in zip(rows.tolist(), a.tolist(), b.tolist(), strict=True):
            if x < 0 or y < 0 or x == y:
                continue
            key = (x, y) if x < y else (y, x)
            hit = cache.get(key)
            if hit is None:
                hit = cache[key] = test(values[x], values[y])
            if hit:
                out.append((int(scored.i[index]), int(scored.j[index]), rule.name))
    return out


def _adjacency(
    n: int, scored: Scored
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    """Scored pairs as a symmetric adjacency in CSR form."""
    rows = np.concatenate((scored.i, scored.j))
    order = np.argsort(rows, kind="stable")
    cols = np.concatenate((scored.j, scored.i)).astype(np.int32)[order]
    weights = np.concatenate((scored.weight, scored.weight)).astype(np.float32)[order]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return indptr, cols, weights


def link(
    frame: Frame,
    model: Model,
    *,
    params: Params | None = None,
    fit: bool = True,
    new: BoolArray | None = None,
    initial: IntArray | None = None,
    same: Sequence[tuple[int, int]] = (),
    enemies: Sequence[tuple[int, int, str]] = (),
    pairs: tuple[IntArray, IntArray] | None = None,
    seed: int = 20_240_601,
) -> LinkResult:
    """Resolve the rows of ``frame`` with ``model``.

    ``new`` marks the rows added since the last run (None: all rows are new); ``initial``
    gives the cluster number each old row had (-1 for none); ``same`` are pairs of rows a
    person judged the same; ``enemies`` are known cannot-link pairs; ``pairs`` replaces
    blocking with the given candidate pairs (re-clustering one entity compares all).
    """
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    n = frame.n
    if pairs is not None:
        cand_i, cand_j = pairs
    else:
        cand_i, cand_j = candidate_pairs(
            frame, model.blocking, new=new, link_only_column=model.link_only_column
        )
    candidates = len(cand_i)
    ident = _identifier_pairs(frame, model.identifiers, new)
    parts_i = [cand_i, *(p[0] for p in ident)]
    parts_j = [cand_j, *(p[1] for p in ident)]
    if same:
        parts_i.append(np.asarray([min(a, b) for a, b in same], dtype=np.int64))
        parts_j.append(np.asarray([max(a, b) for a, b in same], dtype=np.int64))
    all_i = np.concatenate(parts_i).astype(np.int64)
    all_j = np.concatenate(parts_j).astype(np.int64)
    lo, hi = np.minimum(all_i, all_j), np.maximum(all_i, all_j)
    keep = lo != hi
    encoded = np.unique(lo[keep] * np.int64(max(n, 1)) + hi[keep])
    pair_i, pair_j = encoded // max(n, 1), encoded % max(n, 1)
    seconds["blocking"] = time.perf_counter() - clock

    clock = time.perf_counter()
    gamma = gamma_matrix(PairView(frame, pair_i, pair_j), model.comparisons)
    seconds["comparing"] = time.perf_counter() - clock

    clock = time.perf_counter()
    if params is None or not params.fits(model.comparisons):
        params = None
    if len(pair_i) < model.min_fit_pairs:
        if params is None:
            params = Params.declared(model.comparisons, model.prior_lambda)
    elif params is None or fit:
        if params is not None and params.fitted:
            start = params
        else:
            rng = np.random.default_rng(seed)
            ri, rj = _random_pairs(frame, model, rng)
            random_gamma = gamma_matrix(PairView(frame, ri, rj), model.comparisons)
            u = estimate_u(random_gamma, model.comparisons)
            start = Params.prior(model.comparisons, u, model.prior_lambda)
        params = fit_em(
            gamma,
            model.comparisons,
            start,
            iterations=model.em_iterations,
            anchors=_anchors(frame, model, pair_i, pair_j),
            learn_u=model.learn_u,
        )
    scored = _weigh(frame, model, params, pair_i, pair_j, gamma)
    seconds["estimating"] = time.perf_counter() - clock

    clock = time.perf_counter()
    labels: list[dict[str, str] | None] = [None] * n
    if frame.labels is not None:
        labels = [dict(x) if x else None for x in frame.labels]
    for name in model.one_value:
        column = frame.column(name)
        for row in np.flatnonzero(column.codes >= 0).tolist():
            found = labels[row]
            value = column.values[int(column.codes[row])]
            if found is None:
                labels[row] = {name: value}
            else:
                found[name] = value
    sizes = frame.weights.tolist() if frame.weights is not None else None
    del sizes  # the cap counts rows (distinct records), not the mentions they stand for
    clusters = Clusters(n, labels=labels)
    if initial is not None:
        first: dict[int, int] = {}
        for row, group in enumerate(initial.tolist()):
            if group < 0:
                continue
            anchor = first.setdefault(group, row)
            if anchor != row:
                clusters.union(clusters.find(anchor), clusters.find(row))
    found_enemies = list(enemies)
    near = np.flatnonzero(scored.probability >= model.possible_probability)
    found_enemies.extend(_pair_rule_enemies(frame, model, scored, near))
    found_enemies.extend(_veto_enemies(model, params, scored))
    for a, b, rule in found_enemies:
        clusters.add_enemy(a, b, rule)

    size = np.int64(max(n, 1))

    def index_of(a: IntArray, b: IntArray) -> IntArray:
        keys = np.minimum(a, b) * size + np.maximum(a, b)
        return np.searchsorted(encoded, keys)

    edges: list[Edge] = []
    possible: list[Possible] = []
    identifier_keys = frozenset(model.one_value)
    if same:
        same_a = np.asarray([a for a, _ in same], dtype=np.int64)
        same_b = np.asarray([b for _, b in same], dtype=np.int64)
        for a, b, k in zip(
            same_a.tolist(), same_b.tolist(), index_of(same_a, same_b).tolist(), strict=True
        ):
            merged, _ = clusters.merge(a, b, keys=identifier_keys, enemies=False)
            if merged:
                edges.append(Edge(k, RULE_JUDGEMENT))
    for ia, ib, rule in ident:
        for a, b, k in zip(ia.tolist(), ib.tolist(), index_of(ia, ib).tolist(), strict=True):
            merged, _ = clusters.merge(a, b, skip_prefix=ROW_LABEL, enemies=False)
            if merged:
                edges.append(Edge(k, rule))
    strong = np.flatnonzero(scored.probability >= model.match_probability)
    strong = strong[np.argsort(-scored.weight[strong], kind="stable")]
    indptr, neighbours, weights = _adjacency(n, scored)
    threshold = float(np.log2(model.match_probability / (1 - model.match_probability)))
    members = clusters.members
    for k in strong.tolist():
        a, b = int(pair_i[k]), int(pair_j[k])
        ra, rb = clusters.find(a), clusters.find(b)
        if ra == rb:
            continue
        if model.average_linkage and (len(members[ra] or ()) > 1 or len(members[rb] or ()) > 1):
            cross = clusters.cross_weights(ra, rb, indptr, neighbours, weights)
            mean = sum(cross) / len(cross)
            if mean < threshold:
                possible.append(Possible(k, f"average weight {mean:.1f} between the clusters"))
                continue
        merged, reason = clusters.merge(a, b, cap=model.max_cluster_size)
        if merged:
            edges.append(Edge(k, RULE_PROBABILISTIC))
        elif reason.startswith("cluster size cap"):
            possible.append(Possible(k, reason))
    roots = np.asarray(clusters.roots(), dtype=np.int64)
    band = np.flatnonzero(
        (scored.probability >= model.possible_probability)
        & (scored.probability < model.match_probability)
    )
    apart = band[roots[pair_i[band]] != roots[pair_j[band]]]
    possible.extend(Possible(int(k), "uncertain") for k in apart.tolist())
    seconds["clustering"] = time.perf_counter() - clock
    log.info(
        "%s: %d rows, %d candidate pairs, %d merges, %d possible, λ=%.4g (%s)",
        model.name,
        n,
        candidates,
        len(edges),
        len(possible),
        params.lam,
        ", ".join(f"{k} {v:.2f}s" for k, v in seconds.items()),
    )
    return LinkResult(
        roots=roots,
        scored=scored,
        edges=edges,
        possible=possible,
        params=params,
        candidates=candidates,
        seconds=seconds,
        enemies=found_enemies,
    )
