"""The register-wide sweep of circular ownership."""

from __future__ import annotations

import time
from datetime import date

from registry.analysis.cycles import circular_ownership, group_id
from registry.codelists import InterestType
from registry.model import Edge
from tests.support.factories import controls, owns

DAY = date(2024, 6, 1)


def test_groups_edges_and_examples() -> None:
    edges = [
        owns("a", "b", 50, edge_id="ab"),
        owns("b", "a", 50, edge_id="ba"),
        owns("x", "y", 10, edge_id="xy"),
        owns("y", "z", 10, edge_id="yz"),
        owns("z", "x", 10, edge_id="zx"),
        owns("y", "x", 10, edge_id="yx"),
        owns("s", "s", 5, edge_id="ss"),
        owns("a", "t", 50, edge_id="at"),  # out of the group
        owns("p", "a", 50, edge_id="pa"),  # into the group
    ]
    answer = circular_ownership(edges, as_of=DAY)
    assert [g.members for g in answer.cycles] == [["x", "y", "z"], ["a", "b"], ["s"]]
    xyz, ab, s = answer.cycles
    assert {e.id for e in xyz.edges} == {"xy", "yz", "zx", "yx"}
    assert xyz.example == ["x", "y", "x"]  # the shortest cycle through the first member
    assert ab.example == ["a", "b", "a"]
    assert s.example == ["s", "s"]
    assert ab.id == group_id(["b", "a"])
    assert ab.edges[0].share is not None
    assert ab.edges[0].share.min == 50.0


def test_only_shareholdings_active_on_the_day_count() -> None:
    edges = [
        owns("a", "b", 50),
        owns("b", "a", 50, end=date(2020, 1, 1)),
        controls("c", "d", InterestType.APPOINTMENT_OF_BOARD),
        owns("d", "c", 50),
        owns("e", "f", 50),
        owns("f", "e", 50, indirect=True),
    ]
    assert circular_ownership(edges, as_of=DAY).cycles == []
    assert len(circular_ownership(edges, as_of=date(2019, 1, 1)).cycles) == 1


def test_sweep_of_a_large_register_is_linear() -> None:
    edges: list[Edge] = []
    for i in range(20_000):  # a long chain of companies with a 3-cycle every 1 000
        edges.append(owns(f"c{i + 1}", f"c{i}", 60, edge_id=f"e{i}"))
        if i % 1000 == 0:
            edges.append(owns(f"c{i}", f"c{i + 2}", 10, edge_id=f"k{i}"))
    start = time.perf_counter()
    answer = circular_ownership(edges, as_of=DAY)
    assert time.perf_counter() - start < 5.0
    assert len(answer.cycles) == 20
    assert all(len(g.members) == 3 for g in answer.cycles)
