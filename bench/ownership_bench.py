"""Benchmark: owners, and the whole-register cycle sweep, on both stores — and the same
questions asked of the same Neo4j the way path-enumerating tools ask them.

Prints, for the embedded store and for Neo4j, p50/p99 of ``owners`` over random contract
holders and the time of a cycle sweep; then, on Neo4j, ``MATCH p=(o)-[:OWNS*1..10]->(c)``
with ``reduce`` over each path and ``MATCH p=(c)-[:OWNS*1..8]->(c)``, each under a time
limit, their answers compared with ours where they finish.

The graph: ``--source synthetic`` (default) builds a layered register of corporate groups
in this file — holders reached through up to ten layers of holdings with shared parents
(many paths), planted cycles, exact, range and unknown shares. ``--source generator
--scale N`` runs the project's generator through the ingest pipeline instead.

Neo4j: the server of REGISTRY_NEO4J_URI / _USER / _PASSWORD (cleared first: pass
``--clear-external`` to allow that), else one started through tools/neo4j for the run.

Run: .venv/bin/python bench/ownership_bench.py [--companies 100000] [--queries 1000]
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from registry.analysis.contracts import CONTRACT_KINDS, HOLDER_ROLES
from registry.codelists import InterestType, UnspecifiedReason
from registry.model import Edge, EdgeRole, Node, NodeKind, Share, Subgraph
from registry.queries import cycles_in, owners_of
from registry.store import EmbeddedStore, GraphStore
from registry.store.neo4j_store import Neo4jStore, PathEnumeration, PathEnumerationTimeoutError

REPO = Path(__file__).resolve().parents[1]
DAY = date(2024, 6, 1)
_MAX_GROUP = 400


# -- the synthetic register ------------------------------------------------------------------


def _share(rng: random.Random, pct: float) -> Share | None:
    roll = rng.random()
    if roll < 0.05:
        return None  # unknown
    if roll < 0.15:
        low = max(0.0, round(pct - rng.uniform(1, 10), 2))
        return Share(min=low, max=min(100.0, round(pct + rng.uniform(1, 10), 2)))
    return Share.exact(round(pct, 4))


def synthetic(companies: int, seed: int) -> tuple[list[Node], list[Edge]]:
    """Corporate groups of up to ten layers: each company owned by one to four parents of
    the layers above (so that paths multiply), persons on top, contracts at the bottom."""
    rng = random.Random(seed)
    nodes: list[Node] = []
    edges: list[Edge] = []
    people = max(10, companies // 3)
    nodes += [Node(id=f"p{i}", kind=NodeKind.PERSON, name=f"Persona {i}") for i in range(people)]
    nodes += [
        Node(id=f"u{i}", kind=NodeKind.UNSPECIFIED, unspecified_reason=UnspecifiedReason.UNKNOWN)
        for i in range(100)
    ]
    made = 0
    group = 0
    counter = 0

    def edge(source: str, target: str, share: Share | None, **kw: Any) -> None:
        nonlocal counter
        counter += 1
        edges.append(
            Edge(
                id=f"e{counter:08d}",
                source=source,
                target=target,
                interest_type=InterestType.SHAREHOLDING,
                role=EdgeRole.CAPITAL,
                share=share,
                **kw,
            )
        )

    while made < companies:
        # Group sizes are heavy-tailed, up to a few hundred companies, as the largest
        # mining and oil groups.
        size = min(companies - made, _MAX_GROUP, max(3, int(rng.paretovariate(1.3) * 6)))
        depth = min(10, max(2, int(math.log(size + 1, 1.6))))
        layers: list[list[str]] = [[] for _ in range(depth)]
        for k in range(size):
            layer = 0 if k < max(1, size // (depth * 2)) else rng.randrange(1, depth)
            cid = f"c{made + k}"
            nodes.append(Node(id=cid, kind=NodeKind.COMPANY, name=f"Grupo {group} empresa {k}"))
            layers[layer].append(cid)
        # Some groups interlock: every company held by several of the layer just above,
        # so that the chains into the bottom multiply (fan-in to the power of the depth).
        interlocked = size >= 40 and rng.random() < 0.25
        for layer, members in enumerate(layers):
            for cid in members:
                if interlocked:
                    above = (
                        next((lay for lay in layers[layer - 1 :: -1] if lay), []) if layer else []
                    )
                    fans: tuple[int, ...] = (2, 3, 3, 4)
                else:
                    above = [c for lay in layers[max(0, layer - 3) : layer] for c in lay]
                    fans = (1, 1, 2, 2, 3)
                fan = 1 if not above else rng.choice(fans)
                parents = rng.sample(above, min(fan, len(above))) if above else []
                owners = parents + [f"p{rng.randrange(people)}" for _ in range(rng.randint(0, 2))]
                if not owners or rng.random() < 0.03:
                    owners.append(f"u{rng.randrange(100)}")
                cuts = sorted(rng.random() for _ in owners)
                parts = [b - a for a, b in zip([0.0, *cuts[:-1]], cuts, strict=True)]
                total = sum(parts) or 1.0
                for owner, part in zip(owners, parts, strict=True):
                    edge(owner, cid, _share(rng, 100 * part / total))
        flat = [c for lay in layers[1:] for c in lay]
        if len(flat) >= 3 and rng.random() < 0.08:
            a, b = rng.sample(flat, 2)  # a planted cross-holding: a 2- or 3-cycle
            edge(a, b, Share.exact(round(rng.uniform(5, 30), 2)))
            edge(b, a, Share.exact(round(rng.uniform(5, 30), 2)))
        made += size
        group += 1
    contracts = max(10, companies // 20)
    nodes += [
        Node(id=f"k{i}", kind=NodeKind.HYDROCARBON_CONTRACT, name=f"CNH-BENCH-{i}/2020")
        for i in range(contracts)
    ]
    for i in range(contracts):
        consortium = rng.sample(range(companies), rng.randint(1, 3))
        for j, m in enumerate(consortium):
            edges.append(
                Edge(
                    id=f"k{i}-{j}",
                    source=f"c{m}",
                    target=f"k{i}",
                    role=EdgeRole.PARTICIPATION,
                    share=Share.exact(round(100 / len(consortium), 4)),
                    attributes={"operator": j == 0},
                )
            )
    return nodes, edges


def from_generator(scale: int, seed: int) -> tuple[list[Node], list[Edge]]:
    """The project's generator at ``scale`` through the ingest pipeline (before resolution)."""
    from ingest.demo import GENERATED_SOURCES
    from ingest.generate import generate
    from ingest.pipeline import ingest_files, load
    from registry.settings import Backend, Settings

    root = Path(tempfile.mkdtemp(prefix="ownership-bench-"))
    data = root / "data"
    generate(data, scale, seed)
    settings = Settings(workspace=root / "ws")
    for name, source in GENERATED_SOURCES.items():
        if (data / name).exists():
            ingest_files(settings, source, [data / name])
    load(settings, Backend.EMBEDDED)
    store = EmbeddedStore.open(settings.workspace)
    return list(store.iter_nodes(set(NodeKind))), list(store.iter_edges(set(EdgeRole)))


# -- measuring -------------------------------------------------------------------------------


def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def owners_timings(store: GraphStore, holders: Sequence[str]) -> list[float]:
    owners_of(store, holders[0], as_of=DAY)  # warm the connection and caches
    times: list[float] = []
    for holder in holders:
        seconds, _ = timed(lambda h=holder: owners_of(store, h, as_of=DAY))  # type: ignore[misc]
        times.append(seconds * 1000)
    return times


def path_counts(graph: Subgraph, subject: str) -> tuple[int, int, bool]:
    """Chains of shareholdings into ``subject`` (up to 10 hops), the longest, and whether
    the upstream has a cycle (then the count is not asked)."""
    into: dict[str, list[str]] = defaultdict(list)
    for e in graph.edges:
        if e.role is EdgeRole.CAPITAL and e.active_on(DAY) and not e.declared_indirect:
            into[e.target].append(e.source)
    memo: dict[str, tuple[int, int]] = {}
    on_stack: set[str] = set()
    cyclic = False

    def walk(node: str) -> tuple[int, int]:
        nonlocal cyclic
        if node in memo:
            return memo[node]
        if node in on_stack:
            cyclic = True
            return 0, 0
        on_stack.add(node)
        count, depth = 0, 0
        for source in into.get(node, ()):
            c, d = walk(source)
            count += c + 1
            depth = max(depth, d + 1)
        on_stack.discard(node)
        memo[node] = (count, depth)
        return count, depth

    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))
    count, depth = walk(subject)
    return count, depth, cyclic


@contextmanager
def neo4j_server(clear_external: bool) -> Iterator[tuple[str, str, str, bool]]:
    uri = os.environ.get("REGISTRY_NEO4J_URI")
    if uri:
        yield (
            uri,
            os.environ.get("REGISTRY_NEO4J_USER", "neo4j"),
            os.environ.get("REGISTRY_NEO4J_PASSWORD", ""),
            clear_external,
        )
        return
    sys.path.insert(0, str(REPO))
    from tests.support import neo4j_server as harness

    os.environ.setdefault("REGISTRY_NEO4J_HEAP", "2g")
    server = harness.start()
    try:
        yield server.uri, server.user, server.password, True
    finally:
        harness.stop(server)


def main() -> None:
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # notifications about empty labels
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", choices=("synthetic", "generator"), default="synthetic")
    parser.add_argument("--companies", type=int, default=100_000)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--enumerate", type=int, default=40, help="Holders asked by enumeration.")
    parser.add_argument("--timeout", type=float, default=10.0, help="Seconds per enumeration.")
    parser.add_argument("--no-neo4j", action="store_true")
    parser.add_argument("--clear-external", action="store_true")
    args = parser.parse_args()

    seconds, (nodes, edges) = timed(
        lambda: (
            synthetic(args.companies, args.seed)
            if args.source == "synthetic"
            else from_generator(args.scale, args.seed)
        )
    )
    interests = sum(1 for e in edges if e.role.is_interest)
    print(
        f"graph ({args.source}): {len(nodes)} nodes, {len(edges)} edges "
        f"({interests} interests), built in {seconds:.1f} s"
    )
    embedded = EmbeddedStore()
    embedded.write(nodes, edges)
    kinds = {n.id: n.kind for n in nodes}
    holders = sorted(
        {
            e.source
            for e in edges
            if e.role in HOLDER_ROLES
            and kinds.get(e.target) in CONTRACT_KINDS
            and kinds.get(e.source) is not NodeKind.PERSON
            and e.active_on(DAY)
        }
    )
    rng = random.Random(args.seed + 1)
    sample = [rng.choice(holders) for _ in range(args.queries)]
    sizes = [len(embedded.upstream(h, 50_000).nodes) for h in sample]
    print(
        f"contract holders: {len(holders)}; {args.queries} asked at random (with repeats); "
        f"parties upstream of them: p50 {statistics.median(sizes):.0f}, "
        f"p99 {pct(sizes, 0.99):.0f}, max {max(sizes)}"
    )

    rows: list[tuple[str, float, float, float]] = []
    times = owners_timings(embedded, sample)
    sweep, cycles = timed(lambda: cycles_in(embedded, as_of=DAY))
    rows.append(("embedded", statistics.median(times), pct(times, 0.99), sweep))
    ours_cycles = {m for g in cycles.cycles for m in g.members}

    counted = []
    for holder in holders:
        count, depth, cyclic = path_counts(embedded.upstream(holder, 50_000), holder)
        counted.append((count, depth, cyclic, holder))
    acyclic = [c for c in counted if not c[2] and c[1] <= 10]
    many = sorted(acyclic, reverse=True)[: args.enumerate // 2]
    picked = {h for *_, h in many}
    rest = [c for c in acyclic if c[3] not in picked]
    random_pick = rng.sample(rest, min(len(rest), args.enumerate - len(many)))

    if args.no_neo4j:
        report(rows, [], None, cycles, ours_cycles)
        return
    with neo4j_server(args.clear_external) as (uri, user, password, may_clear):
        neo = Neo4jStore(uri, user, password, batch_size=5000, timeout_s=120)
        try:
            if neo.counts()["nodes"] and not may_clear:
                raise SystemExit(
                    f"{uri} holds a graph: pass --clear-external to let the benchmark clear it"
                )
            neo.ensure_schema()
            neo.clear()
            seconds, _ = timed(lambda: neo.write(nodes, edges))
            print(f"loaded into Neo4j at {uri} in {seconds:.1f} s")
            times = owners_timings(neo, sample)
            sweep, neo_cycles = timed(lambda: cycles_in(neo, as_of=DAY))
            assert neo_cycles == cycles, "the stores disagree on the cycles"
            rows.append(("neo4j", statistics.median(times), pct(times, 0.99), sweep))
            compared = enumerate_owners(neo, embedded, many, random_pick, args.timeout)
            enum = enumerate_cycles(neo, args.timeout * 6)
        finally:
            neo.close()
    report(rows, compared, enum, cycles, ours_cycles)


def enumerate_owners(
    neo: Neo4jStore,
    embedded: EmbeddedStore,
    many: Sequence[tuple[int, int, bool, str]],
    random_pick: Sequence[tuple[int, int, bool, str]],
    timeout: float,
) -> list[dict[str, Any]]:
    enum = PathEnumeration(neo)
    out: list[dict[str, Any]] = []
    for group, picked in (("many paths", many), ("random", random_pick)):
        for count, depth, _, holder in picked:
            ours_s, ours = timed(lambda h=holder: owners_of(neo, h, as_of=DAY))  # type: ignore[misc]
            try:
                theirs_s, theirs = timed(
                    lambda h=holder: enum.owners(h, DAY, timeout)  # type: ignore[misc]
                )
            except PathEnumerationTimeoutError:
                theirs_s, theirs = math.inf, None
            agree = None
            if theirs is not None:
                mine = {o.id: o.effective for o in ours.owners}
                mine.update({u.id: u.share for u in ours.unspecified})
                agree = all(
                    abs(100 * lo - mine[k].min) < 1e-6 and mine[k].max <= 100 * hi + 1e-6
                    for k, (lo, hi) in theirs.items()
                    if k in mine
                ) and set(theirs) <= set(mine)
            out.append(
                {
                    "group": group,
                    "holder": holder,
                    "paths": count,
                    "depth": depth,
                    "ours_ms": ours_s * 1000,
                    "theirs_ms": theirs_s * 1000,
                    "agree": agree,
                }
            )
    return out


def enumerate_cycles(neo: Neo4jStore, timeout: float) -> tuple[float, set[str] | None]:
    try:
        seconds, members = timed(lambda: PathEnumeration(neo).cycle_members(DAY, timeout))
    except PathEnumerationTimeoutError:
        return math.inf, None
    return seconds, members


def report(
    rows: Sequence[tuple[str, float, float, float]],
    compared: Sequence[dict[str, Any]],
    enum: tuple[float, set[str] | None] | None,
    cycles: Any,
    ours_cycles: set[str],
) -> None:
    print()
    print("store      owners p50   owners p99   cycle sweep")
    for name, p50, p99, sweep in rows:
        print(f"{name:<9} {p50:9.2f} ms {p99:9.2f} ms {sweep:10.2f} s")
    print(f"circular-ownership groups: {len(cycles.cycles)} ({len(ours_cycles)} members)")
    if not compared:
        return
    print()
    print("path enumeration on the same Neo4j (OWNS*1..10, reduce over each path):")
    for group in ("many paths", "random"):
        items = [c for c in compared if c["group"] == group]
        if not items:
            continue
        done = [c for c in items if c["agree"] is not None]
        ratios = [c["theirs_ms"] / c["ours_ms"] for c in items]
        agree = sum(1 for c in done if c["agree"])
        paths = statistics.median(c["paths"] for c in items)
        print(
            f"  {group}: {len(items)} holders, paths median {paths:.0f}"
            f" (max {max(c['paths'] for c in items)}); ours median "
            f"{statistics.median(c['ours_ms'] for c in items):.1f} ms, theirs median "
            f"{statistics.median(c['theirs_ms'] for c in items):.1f} ms; speed-up median "
            f"{statistics.median(ratios):.1f}× (min {min(ratios):.1f}×); finished "
            f"{len(done)}/{len(items)}; same answers {agree}/{len(done)}"
        )
    if enum is not None:
        seconds, members = enum
        if members is None:
            print(f"cycle enumeration OWNS*1..8: did not finish within the limit ({seconds})")
        else:
            same = members == ours_cycles
            print(
                f"cycle enumeration OWNS*1..8: {seconds:.2f} s, {len(members)} members; "
                f"same members as the sweep: {same}"
            )


if __name__ == "__main__":
    main()
