"""Benchmark: sweep the whole generated register for every red flag (target: ≤ 2 min at
scale 100).

Generates the sector (or reuses ``--workdir``), ingests every generated source, loads the
embedded store (entity resolution included), then times ``registry.risk.assess`` over the
whole register: reading the store into the flags' indexes and every flag. Prints the
figures and writes them to ``bench/results/risk.json``.

Run: .venv/bin/python bench/risk_bench.py [--scale 100] [--seed 11] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import time
from collections import Counter
from pathlib import Path

from ingest.demo import GENERATED_SOURCES
from ingest.generate import REF_DATE, generate
from ingest.pipeline import ingest_files, load
from registry.risk import assess
from registry.settings import Backend, Settings
from registry.store import EmbeddedStore

RESULTS = Path(__file__).parent / "results" / "risk.json"


def prepare(workdir: Path, scale: int, seed: int) -> tuple[Settings, dict[str, float]]:
    """The generated sector ingested and loaded in ``workdir`` (kept for the next run)."""
    times: dict[str, float] = {}
    data = workdir / "sector"
    settings = Settings(workspace=workdir / "ws")
    if (settings.workspace / "graph.jsonl").exists():
        return settings, times
    if not (data / "truth").exists():
        started = time.perf_counter()
        generate(data, scale, seed)
        times["generate_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    for name, source in GENERATED_SOURCES.items():
        ingest_files(settings, source, [data / name])
    times["ingest_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    load(settings, Backend.EMBEDDED)
    times["load_s"] = round(time.perf_counter() - started, 1)
    return settings, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    workdir = args.workdir or Path(f".bench/risk-scale-{args.scale}")
    settings, times = prepare(workdir, args.scale, args.seed)
    started = time.perf_counter()
    store = EmbeddedStore.open(settings.workspace)
    opened = time.perf_counter() - started
    started = time.perf_counter()
    answer = assess(store, as_of=REF_DATE, write=True)
    sweep = time.perf_counter() - started
    fired = Counter(h.code for r in answer.results for h in {x.code: x for x in r.flags}.values())
    figures = {
        "scale": args.scale,
        "seed": args.seed,
        **times,
        "open_store_s": round(opened, 1),
        "sweep_s": round(sweep, 1),
        "target_s": 120,
        "nodes": store.counts()["nodes"],
        "edges": store.counts()["edges"],
        "flagged": len(answer.results),
        "subjects_by_flag": dict(sorted(fired.items())),
        "not_evaluated": {s.code: s.reason for s in answer.flags if not s.evaluated},
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
