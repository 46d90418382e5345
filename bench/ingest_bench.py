"""Benchmark: CSV to ledger, rows per second, on the generated sector.

Generates the sector at each scale (not timed), then times `ingest_files` of every file
into a fresh ledger and prints rows read per second and the peak resident memory of the
process. Target on the 2-core machine: at least 25,000 rows/s.

Run: .venv/bin/python bench/ingest_bench.py --scales 10 100 [--seed 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from ingest.demo import GENERATED_SOURCES
from ingest.generate import generate
from ingest.pipeline import ingest_files
from registry.settings import Settings


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(scale: int, seed: int, base: Path) -> dict[str, float]:
    data = base / f"sector-{scale}"
    generated = generate(data, scale, seed)
    settings = Settings(workspace=base / f"ws-{scale}")
    rows = 0
    start = time.perf_counter()
    for name, source in GENERATED_SOURCES.items():
        path = data / name
        if path.exists():
            for report in ingest_files(settings, source, [path]):
                rows += report.read
    seconds = time.perf_counter() - start
    result = {
        "scale": scale,
        "rows": rows,
        "generated_rows": sum(generated.files.values()),
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds),
        "peak_rss_mib": round(_peak_mib()),
    }
    print(
        f"scale {scale}: {rows} rows ingested in {seconds:.1f} s = "
        f"{rows / seconds:,.0f} rows/s; peak RSS {_peak_mib():,.0f} MiB"
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
