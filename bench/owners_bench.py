"""Benchmark: `owners` on a synthetic layered register, on the embedded store.

Prints the build time, and p50/p99 of the owners question for random companies.
Run: .venv/bin/python bench/owners_bench.py [--companies N] [--queries Q] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from registry.codelists import InterestType
from registry.model import Edge, EdgeRole, Node, NodeKind, Share
from registry.queries import owners_of
from registry.store import EmbeddedStore


def build(companies: int, seed: int) -> tuple[list[Node], list[Edge]]:
    rng = random.Random(seed)
    people = companies // 2
    nodes = [Node(id=f"c{i}", kind=NodeKind.COMPANY, name=f"Company {i}") for i in range(companies)]
    nodes += [Node(id=f"p{i}", kind=NodeKind.PERSON, name=f"Person {i}") for i in range(people)]
    edges: list[Edge] = []
    for i in range(companies):
        owners = rng.randint(1, 3)
        shares = [rng.uniform(5, 60) for _ in range(owners)]
        scale = min(1.0, 100.0 / sum(shares))
        for k, share in enumerate(shares):
            if i > 10 and rng.random() < 0.35:
                source = f"c{rng.randrange(max(0, i - 50), i)}"  # a holding further up
            else:
                source = f"p{rng.randrange(people)}"
            if rng.random() < 0.01 and i + 4 < companies:
                source = f"c{rng.randrange(i + 1, i + 4)}"  # a small cross-holding
            edges.append(
                Edge(
                    id=f"e{i}-{k}",
                    source=source,
                    target=f"c{i}",
                    interest_type=InterestType.SHAREHOLDING,
                    role=EdgeRole.CAPITAL,
                    share=Share.exact(round(share * scale, 2)),
                )
            )
    return nodes, edges


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--companies", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    start = time.perf_counter()
    nodes, edges = build(args.companies, args.seed)
    store = EmbeddedStore()
    store.write(nodes, edges)
    built = time.perf_counter() - start
    rng = random.Random(args.seed + 1)
    timings: list[float] = []
    sizes: list[int] = []
    for _ in range(args.queries):
        subject = f"c{rng.randrange(args.companies)}"
        t0 = time.perf_counter()
        answer = owners_of(store, subject)
        timings.append((time.perf_counter() - t0) * 1000)
        sizes.append(len(answer.owners))
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    print(f"register: {len(nodes)} parties, {len(edges)} interests, built in {built:.2f} s")
    print(
        f"owners on the embedded store, {args.queries} random companies: "
        f"p50 {statistics.median(timings):.2f} ms, p99 {p99:.2f} ms, "
        f"median owners per answer {statistics.median(sizes):.0f}"
    )


if __name__ == "__main__":
    main()
