"""Integrated ownership against its closed form: E(x) = Y(x) / M(x, x), Y = (I − A)⁻¹ b.

The 2-cycle and the 3-cycle with outside owners are worked out by hand below; random graphs
with cycles are checked against the matrix inverse; holdings must give the same numbers
as owners, seen from the other end.
"""

from __future__ import annotations

import math
import random
from datetime import date

import pytest

from registry.analysis.holdings import holdings
from registry.analysis.integrated import Interval, solve, strongly_connected
from registry.analysis.ownership import owners
from registry.model import Edge, Node, Subgraph
from tests.support.factories import company, graph, owns, person

DAY = date(2024, 6, 1)


def effective(answer_graph: Subgraph, subject: str) -> dict[str, float]:
    answer = owners(answer_graph, subject, as_of=DAY)
    found = {o.id: o.effective.min for o in answer.owners}
    found.update({u.id: u.share.min for u in answer.unspecified})
    return found


@pytest.mark.parametrize(
    ("a", "b", "c"),
    [(0.8, 0.7, 0.3), (0.9, 0.9, 1.0), (0.5, 0.5, 0.6), (0.99, 0.5, 0.4)],
)
def test_two_cycle_with_outside_owners_matches_the_closed_form(
    a: float, b: float, c: float
) -> None:
    # s holds c of t; s holds a of n and n holds b of s; x holds the rest of n, u of s.
    g = graph(
        company("t"),
        company("s"),
        company("n"),
        person("x"),
        person("u"),
        owns("s", "t", c * 100),
        owns("s", "n", a * 100),
        owns("n", "s", b * 100),
        owns("x", "n", (1 - a) * 100),
        owns("u", "s", (1 - b) * 100),
    )
    got = effective(g, "t")
    y_s = c / (1 - a * b)  # integrated: every walk from s, also those back through s
    y_n = b * y_s
    assert got["x"] == pytest.approx(100 * (1 - a) * y_n, abs=1e-5)
    assert got["u"] == pytest.approx(100 * (1 - b) * y_s, abs=1e-5)
    # The outside owners split the stake the cycle holds, exactly.
    assert got["x"] + got["u"] == pytest.approx(100 * c, abs=1e-5)
    # A member's own share: Y / M(x, x) drops the walks back to itself.
    assert got["s"] == pytest.approx(100 * c, abs=1e-5)
    assert got["n"] == pytest.approx(100 * b * c, abs=1e-5)


@pytest.mark.parametrize(
    ("p", "q", "r", "s"), [(0.6, 0.7, 0.8, 0.5), (0.95, 0.9, 0.85, 1.0), (0.3, 0.4, 0.5, 0.2)]
)
def test_three_cycle_with_outside_owners_matches_the_closed_form(
    p: float, q: float, r: float, s: float
) -> None:
    # A holds p of B, B holds q of C, C holds r of A and s of t; X, Y, Z hold the rest.
    g = graph(
        company("t"),
        company("A"),
        company("B"),
        company("C"),
        person("X"),
        person("Y"),
        person("Z"),
        owns("A", "B", p * 100),
        owns("B", "C", q * 100),
        owns("C", "A", r * 100),
        owns("C", "t", s * 100),
        owns("X", "A", (1 - r) * 100),
        owns("Y", "B", (1 - p) * 100),
        owns("Z", "C", (1 - q) * 100),
    )
    got = effective(g, "t")
    rho = p * q * r
    y_c = s / (1 - rho)
    y_b = q * y_c
    y_a = p * y_b
    assert got["X"] == pytest.approx(100 * (1 - r) * y_a, abs=1e-5)
    assert got["Y"] == pytest.approx(100 * (1 - p) * y_b, abs=1e-5)
    assert got["Z"] == pytest.approx(100 * (1 - q) * y_c, abs=1e-5)
    assert got["X"] + got["Y"] + got["Z"] == pytest.approx(100 * s, abs=1e-5)
    assert got["C"] == pytest.approx(100 * s, abs=1e-5)
    assert got["B"] == pytest.approx(100 * q * s, abs=1e-5)
    assert got["A"] == pytest.approx(100 * p * q * s, abs=1e-5)
    answer = owners(g, "t", as_of=DAY)
    assert answer.circular == [["A", "B", "C"]]
    assert answer.traced.min == pytest.approx(100 * s, abs=1e-5)


def _inverse(matrix: list[list[float]]) -> list[list[float]]:
    """Gauss–Jordan with partial pivoting (the matrices here are tiny)."""
    n = len(matrix)
    aug = [row[:] + [1.0 if i == j else 0.0 for j in range(n)] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(aug[r][col]))
        aug[col], aug[pivot] = aug[pivot], aug[col]
        lead = aug[col][col]
        aug[col] = [v / lead for v in aug[col]]
        for r in range(n):
            if r != col and aug[r][col] != 0.0:
                factor = aug[r][col]
                aug[r] = [v - factor * w for v, w in zip(aug[r], aug[col], strict=True)]
    return [row[n:] for row in aug]


def _closed_form(members: list[str], edges: list[Edge], subject: str) -> dict[str, float]:
    """E(x) = Y(x) / M(x, x) with M = (I − A)⁻¹ over the parties upstream of the subject."""
    index = {m: i for i, m in enumerate(members)}
    n = len(members)
    a = [[0.0] * n for _ in range(n)]
    b = [0.0] * n
    for e in edges:
        assert e.share is not None
        share = e.share.min / 100
        if e.source == subject or e.source not in index:
            continue
        if e.target == subject:
            b[index[e.source]] += share
        elif e.target in index:
            a[index[e.source]][index[e.target]] += share
    m = _inverse([[(1.0 if i == j else 0.0) - a[i][j] for j in range(n)] for i in range(n)])
    y = [sum(m[i][k] * b[k] for k in range(n)) for i in range(n)]
    return {x: 100 * y[index[x]] / m[index[x]][index[x]] for x in members}


def _random_register(seed: int) -> tuple[list[Node], list[Edge]]:
    rng = random.Random(seed)
    companies = [f"c{i}" for i in range(7)]
    people = ["p0", "p1", "p2"]
    nodes: list[Node] = [company("t"), *(company(c) for c in companies)]
    nodes += [person(p) for p in people]
    edges: list[Edge] = []
    for target in ["t", *companies]:
        holders = rng.sample([c for c in companies if c != target] + people, rng.randint(1, 4))
        total = rng.uniform(0.6, 1.0)
        cuts = sorted(rng.random() for _ in holders)
        weights = [hi - lo for lo, hi in zip([0.0, *cuts[:-1]], cuts, strict=True)]
        scale = total / (sum(weights) or 1.0)
        for holder, weight in zip(holders, weights, strict=True):
            pct = round(weight * scale * 100, 4)
            if pct > 0:
                edges.append(owns(holder, target, pct))
    return nodes, edges


@pytest.mark.parametrize("seed", range(40))
def test_random_registers_match_the_matrix_inverse_and_holdings_agree(seed: int) -> None:
    nodes, edges = _random_register(seed)
    g = graph(*nodes, *edges)
    got = effective(g, "t")
    expected = _closed_form(sorted(got), edges, "t")
    for party, value in expected.items():
        assert got[party] == pytest.approx(value, abs=1e-6), party
    # The same number seen from the holder's end.
    for party, value in got.items():
        held = {h.id: h.effective.min for h in holdings(g, party, as_of=DAY).holdings}
        assert held.get("t", 0.0) == pytest.approx(value, abs=1e-6), party


def test_upper_bound_of_a_cycle_of_unknown_shares_is_everything_not_a_guess() -> None:
    # Two companies own each other in unknown proportions: the maximum cannot be bounded.
    g = graph(
        company("t"),
        company("a"),
        company("b"),
        person("p"),
        owns("a", "t", 50),
        owns("a", "b", None),
        owns("b", "a", None),
        owns("p", "b", 10),
    )
    answer = owners(g, "t", as_of=DAY)
    p = next(o for o in answer.owners if o.id == "p")
    assert p.effective.min == 0.0
    assert 5.0 <= p.effective.max <= 100.0
    assert p.effective.max == pytest.approx(50.0)  # p's 10 % of b, b up to 90 % of a …
    assert answer.circular == [["a", "b"]]


def test_runaway_upper_bound_is_reported_as_at_most_everything() -> None:
    # A cycle whose upper shares may reach 100 % all round, fed by an unknown interest.
    out = {
        "a": {"t": Interval(0.0, 1.0), "b": Interval(0.0, 1.0)},
        "b": {"a": Interval(0.0, 1.0)},
        "p": {"b": Interval(0.1, 0.1)},
    }
    solution = solve("t", {"a", "b", "p"}, out)
    assert solution.unsettled >= {"a", "b"}
    assert math.isinf(solution.integrated["a"].hi)
    assert solution.effective["p"].percent().max == 100.0
    assert solution.effective["p"].lo == 0.0


def test_components_come_after_what_they_hold() -> None:
    succ = {"x": ["a"], "a": ["b"], "b": ["a", "c"], "c": []}
    order = strongly_connected(["x", "a", "b", "c"], succ)
    assert order == [["c"], ["a", "b"], ["x"]]


def test_long_chain_does_not_hit_the_recursion_limit() -> None:
    n = 1500
    items: list[Node | Edge] = [company(f"c{i}") for i in range(n)]
    items += [owns(f"c{i + 1}", f"c{i}", 100) for i in range(n - 1)]
    answer = owners(graph(*items), "c0", as_of=DAY)
    assert len(answer.owners) == n - 1


def test_treasury_shares_of_an_intermediate_company_flow_to_its_other_holders() -> None:
    # a holds 5 % of itself; p and q hold 60 % and 35 %; a holds 99 % of t, r holds 1 %.
    g = graph(
        company("t"),
        company("a"),
        person("p"),
        person("q"),
        person("r"),
        owns("a", "t", 99),
        owns("r", "t", 1),
        owns("a", "a", 5),
        owns("p", "a", 60),
        owns("q", "a", 35),
    )
    got = effective(g, "t")
    assert got["p"] == pytest.approx(99 * 60 / 95, abs=1e-5)
    assert got["q"] == pytest.approx(99 * 35 / 95, abs=1e-5)
    assert got["p"] + got["q"] + got["r"] == pytest.approx(100, abs=1e-5)
    assert got["a"] == pytest.approx(99, abs=1e-5)  # never through itself


def test_the_subjects_own_shares_are_nobodys_stake_in_it() -> None:
    g = graph(
        company("t"), person("p"), person("q"), owns("t", "t", 10), owns("p", "t", 60),
        owns("q", "t", 30),
    )  # fmt: skip
    got = effective(g, "t")
    assert got["p"] == pytest.approx(60, abs=1e-5)
    assert got["q"] == pytest.approx(30, abs=1e-5)
