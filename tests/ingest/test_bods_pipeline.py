"""BODS files through the whole path: file → ledger → graph → owners, on real test data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.pipeline import ingest_files, load
from registry.errors import SourceFormatError
from registry.queries import owners_of
from registry.settings import Backend, Settings
from registry.store import EmbeddedStore
from tests.support.paths import EXAMPLES, FIXTURES, INVALID_STATEMENTS, VALID_STATEMENTS, require


def _settings(tmp_path: Path) -> Settings:
    return Settings(workspace=tmp_path / "ws")


def _files(folder: Path) -> list[Path]:
    return sorted(require(folder).glob("*.json"))


def test_all_nineteen_examples_load(tmp_path: Path) -> None:
    files = _files(EXAMPLES)
    assert len(files) == 19
    settings = _settings(tmp_path)
    for path in files:
        (report,) = ingest_files(settings, "bods", [path])
        assert report.quarantined == 0, (path.name, report.reasons)
        assert report.read == report.loaded + report.duplicates
    built = load(settings, Backend.EMBEDDED)
    assert built.nodes > 50
    assert built.edges > 40


def test_valid_statements_load_without_a_report(tmp_path: Path) -> None:
    files = _files(VALID_STATEMENTS)
    assert len(files) == 111
    reports = ingest_files(_settings(tmp_path), "bods", files)
    noisy = [(r.path, r.reasons, r.warnings) for r in reports if r.quarantined or r.warnings]
    assert noisy == []
    assert sum(r.loaded + r.duplicates for r in reports) == sum(r.read for r in reports)


def test_each_invalid_statement_is_reported_with_statement_and_problem(tmp_path: Path) -> None:
    files = _files(INVALID_STATEMENTS)
    assert len(files) == 192  # the 193rd file of the folder is expected_errors.csv
    settings = _settings(tmp_path)
    unreported: list[str] = []
    for path in files:
        try:
            (report,) = ingest_files(settings, "bods", [path])
        except SourceFormatError:
            unreported.append(path.name)  # a whole-file error is not a statement report
            continue
        if report.quarantined == 0:
            unreported.append(path.name)
    assert unreported == []
    from ingest.ledger import Ledger

    with Ledger(settings.ledger_path) as ledger:
        entries = ledger.quarantine()
    assert len({e.file_name for e in entries}) == 192
    for entry in entries:
        assert entry.file_name in entry.message
        assert "statement" in entry.message
        assert entry.rule
        assert entry.path.startswith("$")
    named = [(e.key, e.message) for e in entries if e.key]
    assert all(key in message for key, message in named)


def test_the_rest_of_a_file_loads_when_one_statement_is_bad(tmp_path: Path) -> None:
    good = json.loads((require(FIXTURES) / "core" / "01-direct-ownership.json").read_text())
    bad = dict(good[0], statementDate="yesterday", statementId="x" * 40)
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([*good, bad]))
    (report,) = ingest_files(_settings(tmp_path), "bods", [path])
    assert (report.read, report.loaded, report.quarantined) == (4, 3, 1)
    assert report.reasons == {"format": 1}


def test_json_lines_with_a_broken_line(tmp_path: Path) -> None:
    good = json.loads((require(FIXTURES) / "core" / "01-direct-ownership.json").read_text())
    lines = [json.dumps(s) for s in good]
    lines.insert(1, '{"statementId": broken')
    path = tmp_path / "statements.jsonl"
    path.write_text("\n".join(lines) + "\n")
    settings = _settings(tmp_path)
    (report,) = ingest_files(settings, "bods", [path])
    assert (report.read, report.loaded, report.quarantined) == (4, 3, 1)
    assert report.reasons == {"json": 1}
    load(settings, Backend.EMBEDDED)
    answer = owners_of(EmbeddedStore.open(settings.workspace), "rec-acme-holdings-ltd")
    assert [(o.name, o.effective.min) for o in answer.owners] == [("Jane Smith", 75.0)]


def test_same_file_twice_changes_nothing_and_duplicates_are_counted(tmp_path: Path) -> None:
    source = require(FIXTURES) / "core" / "01-direct-ownership.json"
    settings = _settings(tmp_path)
    first = ingest_files(settings, "bods", [source])[0]
    again = ingest_files(settings, "bods", [source])[0]
    assert again.already_ingested
    assert (again.loaded, again.read) == (first.loaded, first.read)
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps(json.loads(source.read_text()), indent=4))
    third = ingest_files(settings, "bods", [copy])[0]
    assert (third.read, third.loaded, third.duplicates) == (3, 0, 3)


def test_unreadable_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("[{")
    with pytest.raises(SourceFormatError, match=r"broken\.json"):
        ingest_files(_settings(tmp_path), "bods", [path])
    latin = tmp_path / "latin.json"
    latin.write_bytes('[{"name": "Peñoles"}]'.encode("latin-1"))
    with pytest.raises(SourceFormatError, match="UTF-8"):
        ingest_files(_settings(tmp_path), "bods", [latin])


def test_latest_statement_wins_and_closed_records_drop_out(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    ingest_files(settings, "bods", [require(EXAMPLES) / "fermcat.json"])
    load(settings, Backend.EMBEDDED)
    store = EmbeddedStore.open(settings.workspace)
    answer = owners_of(store, "ent-93c75c87ab28f889")
    assert [(o.name, o.effective.min, o.beneficial_owner) for o in answer.owners] == [
        ("Patrick O'Donohue", 100.0, True)
    ]
    assert store.find("per-5faa4103dee78621") is None  # closed in 2021


def test_bods_02_is_upgraded_with_a_warning_and_loads(tmp_path: Path) -> None:
    from tests.support.paths import GLEIF

    settings = _settings(tmp_path)
    files = sorted(require(GLEIF).glob("*-out.json"))
    assert len(files) == 10
    reports = ingest_files(settings, "bods", files)
    for report in reports:
        assert report.quarantined == 0, (report.path, report.reasons)
        assert any("0.2" in w and "0.4" in w for w in report.warnings), report.path
    built = load(settings, Backend.EMBEDDED)
    assert built.nodes >= 42
    assert built.edges >= 20
