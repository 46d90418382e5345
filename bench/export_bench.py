"""Export benchmark: the generated register at a scale, exported to BODS, checked by
libcovebods (offline, in its own process), and read back with every holder's owners answer
compared; also GraphML, GEXF, CSV and FollowTheMoney. Prints one JSON document.

    .venv/bin/python bench/export_bench.py --scale 10
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ingest.demo import GENERATED_SOURCES
from ingest.export.cove import validate_bods
from ingest.export.ftm import export_ftm
from ingest.export.networks import export_gexf, export_graphml
from ingest.export.register import ExportReport
from ingest.export.roundtrip import round_trip
from ingest.export.tables import export_csv
from ingest.generate import generate
from ingest.pipeline import ingest_files, load
from registry.settings import Backend, Settings
from registry.store import EmbeddedStore


def run(scale: int, seed: int, folder: Path) -> dict[str, Any]:
    timings: dict[str, float] = {}
    start = time.perf_counter()
    generate(folder / "sector", scale, seed)
    settings = Settings(workspace=folder / "workspace")
    for name, source in GENERATED_SOURCES.items():
        ingest_files(settings, source, [folder / "sector" / name])
    loaded = load(settings, Backend.EMBEDDED)
    timings["generate_ingest_load_s"] = time.perf_counter() - start
    store = EmbeddedStore.open(settings.workspace)

    start = time.perf_counter()
    trip = round_trip(store, folder / "trip", as_of=date.today())
    timings["export_reimport_compare_s"] = time.perf_counter() - start

    start = time.perf_counter()
    cove = validate_bods(folder / "trip" / "register.bods.jsonl")
    timings["libcovebods_s"] = time.perf_counter() - start

    others: dict[str, Any] = {}
    writers: list[tuple[str, Callable[[], ExportReport]]] = [
        ("graphml", lambda: export_graphml(store, folder / "register.graphml")),
        ("gexf", lambda: export_gexf(store, folder / "register.gexf")),
        ("csv", lambda: export_csv(store, folder / "csv")),
        ("ftm", lambda: export_ftm(store, folder / "register.ftm.json")),
    ]
    for name, write in writers:
        start = time.perf_counter()
        others[name] = write().to_dict()
        timings[f"{name}_s"] = time.perf_counter() - start
    return {
        "scale": scale,
        "seed": seed,
        "nodes": loaded.nodes,
        "edges": loaded.edges,
        "bods": trip.export.to_dict(),
        "libcovebods": {
            "ok": cove.ok,
            "schema_version": cove.schema_version,
            "problems": len(cove.problems),
            "first": [p.message for p in cove.problems[:5]],
        },
        "round_trip": {
            "ok": trip.ok,
            "holders": trip.holders,
            "same": trip.same,
            "different": trip.different[:5],
            "missing": trip.missing[:5],
        },
        "others": others,
        "seconds": {k: round(v, 2) for k, v in timings.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="export-bench-") as tmp:
        print(json.dumps(run(args.scale, args.seed, Path(tmp)), indent=2))


if __name__ == "__main__":
    main()
