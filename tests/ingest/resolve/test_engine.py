"""The engine on its own: declared levels, blocking, EM, constrained clustering."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.resolve.blocking import bucket_pairs, candidate_pairs
from ingest.resolve.cluster import Clusters
from ingest.resolve.compare import PairView
from ingest.resolve.engine import link
from ingest.resolve.fellegi_sunter import Params, fit_em
from ingest.resolve.frame import Frame
from ingest.resolve.given_names import looks_like_person
from ingest.resolve.mentions import person_key
from ingest.resolve.model import (
    AtLeast,
    AtMost,
    Comparison,
    Crossed,
    Else,
    Exact,
    ExactKey,
    Level,
    Metric,
    Model,
    Null,
    SortedNeighbourhood,
    TokenKey,
)
from ingest.resolve.names import numbers_differ, parent_subsidiary, split_org
from ingest.resolve.phonetic import phonetic_key

NAME = Comparison(
    "name",
    (
        Level("missing", Null("name")),
        Level("exact", Exact("name"), m=0.8, u=1e-3),
        Level("typo", AtLeast("name", Metric.JARO_WINKLER, 0.9), m=0.15, u=1e-3),
        Level("different", Else(), m=0.05),
    ),
)
CITY = Comparison(
    "city",
    (
        Level("missing", Null("city")),
        Level("exact", Exact("city"), m=0.9, u=0.1),
        Level("different", Else(), m=0.1),
    ),
)


def test_a_comparison_must_end_with_else() -> None:
    with pytest.raises(ValueError, match="Else"):
        Comparison("x", (Level("exact", Exact("x")),))


def test_levels_are_tried_in_order_a_column_at_a_time() -> None:
    frame = Frame.from_columns(
        {"name": ["ANA LOPEZ", "ANA LOPEZ", "ANA LOPES", None, "LUIS"], "city": ["A"] * 5}
    )
    i = np.array([0, 0, 0, 0], dtype=np.int64)
    j = np.array([1, 2, 3, 4], dtype=np.int64)
    levels = PairView(frame, i, j).levels(NAME)
    assert [NAME.levels[k].name for k in levels] == ["exact", "typo", "missing", "different"]


def test_crossed_and_distance_conditions() -> None:
    frame = Frame.from_columns(
        {
            "given": ["ANA", "LOPEZ", "ANA"],
            "surname": ["LOPEZ", "ANA", "LOPEZ"],
            "dob": ["19800101", "19800110", "19800101"],
        }
    )
    view = PairView(frame, np.array([0, 0], dtype=np.int64), np.array([1, 2], dtype=np.int64))
    assert view.holds(Crossed("given", "surname")).tolist() == [True, False]
    assert view.holds(AtMost("dob", Metric.DAMERAU, 1)).tolist() == [True, True]
    assert view.holds(AtMost("dob", Metric.DAMERAU, 0)).tolist() == [False, True]


def test_buckets_over_the_cap_are_dropped() -> None:
    rows = np.arange(6, dtype=np.int64)
    keys = np.array([1, 1, 1, 2, 2, 3], dtype=np.int64)
    i, j = bucket_pairs(rows, keys, cap=2)
    assert sorted(zip(i.tolist(), j.tolist(), strict=True)) == [(3, 4)]
    i, j = bucket_pairs(rows, keys, cap=None)
    assert len(i) == 3 + 1


def test_blocking_finds_typos_swaps_and_phonetic_spellings() -> None:
    frame = Frame.from_columns(
        {
            "name": [
                "GONZALEZ PEREZ JUAN",
                "GONSALES PEREZ JUAN",
                "JUAN GONZALEZ PEREZ",
                "VALDEZ RUIZ ANA",
                "BALDES RUIS ANA",
            ]
        }
    )
    rules = (
        TokenKey("pairs", "name", cap=10, size=2),
        TokenKey("phonetic", "name", cap=10, size=2, phonetic=True),
        SortedNeighbourhood("order", "name", window=2),
    )
    i, j = candidate_pairs(frame, rules)
    found = set(zip(i.tolist(), j.tolist(), strict=True))
    assert {(0, 1), (0, 2), (1, 2), (3, 4)} <= found


def test_incremental_blocking_only_pairs_new_rows() -> None:
    frame = Frame.from_columns({"name": ["ANA", "ANA", "ANA"]})
    new = np.array([False, False, True])
    i, j = candidate_pairs(frame, (ExactKey("name", ("name",)),), new=new)
    assert sorted(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 2), (1, 2)]


def test_em_learns_m_and_lambda_from_unlabelled_pairs() -> None:
    rng = np.random.default_rng(1)
    matches = rng.choice([1, 2], size=(300, 1), p=[0.85, 0.15])
    others = rng.choice([1, 2, 3], size=(2700, 1), p=[0.01, 0.04, 0.95])
    gamma = np.vstack([matches, others]).astype(np.int8)
    start = Params.prior((NAME,), u=[[1.0, 0.01, 0.04, 0.95]], lam=0.3)
    fitted = fit_em(gamma, (NAME,), start)
    assert fitted.fitted
    assert fitted.converged
    assert 0.07 < fitted.lam < 0.13
    assert fitted.m[0][1] > 0.7


def test_clusters_refuse_conflicting_labels_and_enemies_and_the_cap() -> None:
    c = Clusters(5, labels=[{"rfc": "A"}, None, {"rfc": "B"}, None, None])
    assert c.merge(0, 1) == (True, "")
    assert c.merge(1, 2) == (False, "different rfc: A, B")
    c.add_enemy(3, 4, "parent_subsidiary")
    assert c.merge(3, 4) == (False, "parent_subsidiary")
    assert c.merge(3, 1, cap=2) == (False, "cluster size cap 2")
    assert c.merge(2, 3) == (True, "")
    assert c.merge(0, 2, keys=frozenset({"row"})) == (True, "")


def test_link_merges_strong_pairs_and_reports_the_uncertain_band() -> None:
    model = Model(
        name="toy",
        comparisons=(NAME, CITY),
        blocking=(TokenKey("tokens", "name", cap=10),),
        identifiers=("id",),
        one_value=("id",),
        possible_probability=0.01,
    )
    frame = Frame.from_columns(
        {
            "name": ["ANA LOPEZ", "ANA LOPEZ", "ANA LOPES", "LUIS PEREZ", "LUIS PEREZ", "ZOE"],
            "city": ["A", "A", "B", "C", "D", "E"],
            "id": [None, None, None, "X1", "X2", "X1"],
        }
    )
    result = link(frame, model)
    groups = result.clusters()
    assert [0, 1, 2] in groups
    assert [3, 5] in groups  # the identifier, whatever the name
    assert [4] in groups  # a second valid identifier never joins
    rules = {e.rule for e in result.edges}
    assert {"identifier:id", "probabilistic"} <= rules
    for possible in result.possible:
        a, b = result.scored.i[possible.pair], result.scored.j[possible.pair]
        assert result.roots[a] != result.roots[b]


def test_names_rules() -> None:
    assert split_org("TALOS ENERGY OFFSHORE MEXICO 7 S DE RL DE CV") == split_org(
        "Talos Energy Offshore México 7, S. de R.L. de C.V."
    )
    assert numbers_differ("TALOS 7", "TALOS 2")
    assert not numbers_differ("TALOS 7", "TALOS")
    assert parent_subsidiary(split_org("Pemex")[0], split_org("Pemex Exploración y Producción")[0])
    assert not parent_subsidiary("MINERA FRISCO", "FRISCO MINERA")
    assert phonetic_key("GONZALEZ") == phonetic_key("GONSALES")
    assert person_key("López Hernández, María") == person_key("MARIA LOPEZ HERNANDEZ")
    assert looks_like_person("URENA GALLEGOS NOEMI")
    assert not looks_like_person("MINERA SAN JOSE")
