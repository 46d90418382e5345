"""The generated sector ingests with quarantine for exactly the rows it broke on purpose."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingest.demo import GENERATED_SOURCES
from ingest.generate import generate
from ingest.ledger import Ledger
from ingest.pipeline import ingest_files
from registry.settings import Settings

Row = tuple[str, int]


def _broken(folder: Path) -> dict[Row, tuple[str, str]]:
    with (folder / "truth" / "broken_rows.csv").open(encoding="utf-8", newline="") as handle:
        return {
            (r["file"], int(r["row"])): (r["column"], r["rule"]) for r in csv.DictReader(handle)
        }


@pytest.mark.parametrize("scale", [1, 10])
def test_quarantine_is_exactly_the_rows_broken_on_purpose(scale: int, tmp_path: Path) -> None:
    data = tmp_path / "sector"
    generate(data, scale, 11)
    settings = Settings(workspace=tmp_path / "ws")
    files = 0
    for name, source in GENERATED_SOURCES.items():
        if (data / name).exists():
            for report in ingest_files(settings, source, [data / name]):
                files += 1
                assert report.read == report.loaded + report.quarantined + report.duplicates
    assert files == len(GENERATED_SOURCES)
    with Ledger(settings.ledger_path) as ledger:
        rejected = {(e.file_name, e.position): (e.field, e.rule) for e in ledger.quarantine()}
    expected = _broken(data)
    assert len(expected) > 10 * scale
    assert rejected == expected
