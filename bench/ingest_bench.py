"""Benchmark: CSV to ledger, rows per second, on the generated sector.

Generates the sector at each scale (not timed), then times `ingest_files` of every file
into a fresh ledger and prints rows read per second, per file and in all, and the peak
resident memory of the process and of its largest worker. Large files are parsed by forked
workers (one per CPU, ``REGISTRY_INGEST_WORKERS`` to change). Target on the 2-core machine:
at least 25,000 rows/s. The machine's load average is printed with the figures, since other
processes running at the same time slow it down.

Run: .venv/bin/python bench/ingest_bench.py --scales 10 100 [--seed 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from ingest.demo import GENERATED_SOURCES
from ingest.forkwork import worker_count
from ingest.generate import generate
from ingest.pipeline import ingest_files
from registry.settings import Settings


def _peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def run(scale: int, seed: int, base: Path) -> dict[str, object]:
    data = base / f"sector-{scale}"
    generated = generate(data, scale, seed)
    settings = Settings(workspace=base / f"ws-{scale}")
    rows = 0
    files: dict[str, dict[str, float]] = {}
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    for name, source in GENERATED_SOURCES.items():
        path = data / name
        if path.exists():
            began = time.perf_counter()
            read = sum(report.read for report in ingest_files(settings, source, [path]))
            took = time.perf_counter() - began
            rows += read
            files[name] = {
                "rows": read,
                "seconds": round(took, 3),
                "rows_per_second": round(read / took),
            }
    seconds = time.perf_counter() - start
    result: dict[str, object] = {
        "scale": scale,
        "rows": rows,
        "generated_rows": sum(generated.files.values()),
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds),
        "peak_rss_mib": round(_peak_mib()),
        "peak_worker_rss_mib": round(_peak_mib(resource.RUSAGE_CHILDREN)),
        "workers": worker_count(),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "files": files,
    }
    for name, figures in files.items():
        count, speed = figures["rows"], figures["rows_per_second"]
        print(f"  {name:<24} {count:>9,.0f} rows {speed:>9,.0f} rows/s")
    print(
        f"scale {scale}: {rows} rows ingested in {seconds:.1f} s = "
        f"{rows / seconds:,.0f} rows/s; peak RSS {_peak_mib():,.0f} MiB "
        f"(largest worker {_peak_mib(resource.RUSAGE_CHILDREN):,.0f} MiB); "
        f"{worker_count()} workers; load average {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None, help="Keep files in this folder.")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="registry-ingest-bench-"))
    try:
        results = [run(scale, args.seed, base) for scale in args.scales]
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "ingest.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
