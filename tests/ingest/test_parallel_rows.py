"""Rows parsed in forked workers give the ledger exactly what parsing here gives."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from ingest.adapters import get_adapter, parallel_rows
from ingest.adapters.parallel_rows import StreamedRecords
from ingest.demo import GENERATED_SOURCES
from ingest.forkwork import WORKERS_ENV, chunk_bounds, stream_chunks
from ingest.generate import generate
from ingest.ledger import ParsedRecord
from ingest.pipeline import ingest_files
from registry.settings import Settings
from tests.support.forked import in_forked_child
from tests.support.paths import in_ci

F = TypeVar("F", bound=Callable[..., Any])


@pytest.fixture
def fork_ok() -> None:
    """Forking needs ``os.fork`` (not on Windows); CI runs on Linux and must run these."""
    if not hasattr(os, "fork"):
        if in_ci():
            pytest.fail("CI must run the fork tests: this platform has no os.fork")
        pytest.skip("this platform has no os.fork")


# Each such test runs in a forked child of the session: threads that earlier tests left
# behind (an ASGI test client's portal) do not exist there, so the workers may fork as they
# would in `registry ingest`.
def needs_fork(test: F) -> F:
    marked: F = pytest.mark.usefixtures("fork_ok")(in_forked_child(test))
    return marked


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_chunk_bounds_cover_the_range_once() -> None:
    assert chunk_bounds(7, 3) == [(0, 3), (3, 6), (6, 7)]
    assert chunk_bounds(0, 3) == []
    assert [i for a, b in chunk_bounds(1001, 100) for i in range(a, b)] == list(range(1001))


def test_small_or_single_worker_loops_are_left_to_the_caller() -> None:
    def work(start: int, stop: int) -> int:
        return stop - start

    assert stream_chunks(10, work, chunk=2, min_items=100, workers=2) is None
    assert stream_chunks(1000, work, chunk=2, min_items=1, workers=1) is None


@needs_fork
def test_chunks_come_back_in_order_from_children() -> None:
    here = os.getpid()

    def work(start: int, stop: int) -> tuple[list[int], int]:
        return [i * i for i in range(start, stop)], os.getpid()

    chunks = stream_chunks(1000, work, chunk=64, min_items=1, workers=2)
    assert chunks is not None
    results = list(chunks)
    assert [v for values, _ in results for v in values] == [i * i for i in range(1000)]
    pids = {pid for _, pid in results}
    assert here not in pids
    assert len(pids) == 2
    assert _no_children_left()


@needs_fork
def test_a_failing_child_has_its_chunks_redone_here() -> None:
    here = os.getpid()

    def work(start: int, stop: int) -> tuple[int, int]:
        if os.getpid() != here and start == 3 * 10:
            raise RuntimeError("only in the child")
        return start, os.getpid()

    chunks = stream_chunks(100, work, chunk=10, min_items=1, workers=2)
    assert chunks is not None
    results = list(chunks)
    assert [start for start, _ in results] == list(range(0, 100, 10))
    # chunk 3 and the later chunks of the same child (5, 7, 9) were computed here
    assert [i for i, (_, pid) in enumerate(results) if pid == here] == [3, 5, 7, 9]
    assert _no_children_left()


@needs_fork
def test_an_error_in_the_work_surfaces_as_it_would_here() -> None:
    def work(start: int, stop: int) -> int:
        if start == 40:
            raise ValueError(f"bad chunk at {start}")
        return start

    chunks = stream_chunks(100, work, chunk=10, min_items=1, workers=2)
    assert chunks is not None
    seen: list[int] = []
    with pytest.raises(ValueError, match="bad chunk at 40"):
        seen.extend(chunks)
    assert seen == [0, 10, 20, 30]
    assert _no_children_left()


def _records(n: int) -> Iterator[ParsedRecord]:
    for i in range(1, n + 1):
        yield ParsedRecord(position=i, locator=f"row {i}", raw={"i": i})


def test_streamed_records_fill_as_they_are_iterated() -> None:
    pulled: list[int] = []

    def stream() -> Iterator[ParsedRecord]:
        for record in _records(5):
            pulled.append(record.position)
            yield record

    records = StreamedRecords(stream(), 5)
    assert len(records) == 5
    assert pulled == []
    iterator = iter(records)
    assert next(iterator).position == 1
    assert pulled == [1]
    assert [r.position for r in records][:2] == [1, 2]  # a second iteration shares the stream
    assert records[4].position == 5  # indexing drains the stream
    assert pulled == [1, 2, 3, 4, 5]
    assert [r.position for r in iterator] == [2, 3, 4, 5]
    assert records == list(_records(5))
    assert len(records) == 5


def test_streamed_records_drain_before_any_change() -> None:
    records = StreamedRecords(_records(3), 3)
    records.append(ParsedRecord(position=9, locator="row 9", raw={}))
    assert [r.position for r in records] == [1, 2, 3, 9]
    records = StreamedRecords(_records(3), 3)
    records.sort(key=lambda r: -r.position)
    assert [r.position for r in records] == [3, 2, 1]


def _ledger_dump(workspace: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(workspace / "ledger.sqlite") as db:
        rows = db.execute(
            "SELECT source, name, read, loaded, quarantined, duplicates, warnings FROM files "
            "ORDER BY seq"
        ).fetchall()
        rows += db.execute(
            "SELECT id, source, file_name, file_seq, position, locator, key, record_type, "
            "content_sha256, raw, normalised FROM records ORDER BY id"
        ).fetchall()
        rows += db.execute(
            "SELECT id, source, file_name, position, locator, key, rule, path, field, message, "
            "raw FROM quarantine ORDER BY id"
        ).fetchall()
    return rows


def _ingest_all(data: Path, workspace: Path) -> list[tuple[object, ...]]:
    settings = Settings(workspace=workspace)
    for name, source in GENERATED_SOURCES.items():
        ingest_files(settings, source, [data / name])
    assert settings.ledger_path == workspace / "ledger.sqlite"
    return _ledger_dump(workspace)


@pytest.fixture(scope="module")
def sector(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("sector")
    generate(data, 1, 3)
    return data


@needs_fork
def test_the_ledger_is_the_same_with_and_without_workers(
    sector: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel_rows, "MIN_PARALLEL_ROWS", 50)
    monkeypatch.setattr(parallel_rows, "CHUNK_ROWS", 37)
    monkeypatch.setenv(WORKERS_ENV, "1")
    alone = _ingest_all(sector, tmp_path / "alone")
    monkeypatch.setenv(WORKERS_ENV, "2")
    forked = _ingest_all(sector, tmp_path / "forked")
    assert len(alone) > 1000
    assert forked == alone
    assert _no_children_left()


@needs_fork
@pytest.mark.parametrize("source", ["compranet", "bo-declarations", "sfp-sanctions", "sat-69b"])
def test_adapter_output_is_the_same_with_and_without_workers(
    source: str, sector: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Records (keys fixed up after parsing included) and warnings kept by the parser."""
    name = next(n for n, s in GENERATED_SOURCES.items() if s == source)
    path = sector / name
    monkeypatch.setattr(parallel_rows, "MIN_PARALLEL_ROWS", 20)
    monkeypatch.setattr(parallel_rows, "CHUNK_ROWS", 7)
    outputs = []
    for workers in ("1", "2"):
        monkeypatch.setenv(WORKERS_ENV, workers)
        output = get_adapter(source).read(path, path.read_bytes())
        outputs.append(
            (
                [
                    (r.position, r.locator, r.raw, r.normalised, r.key, r.record_type, r.problems)
                    for r in output.records
                ],
                output.warnings,
            )
        )
    assert outputs[0] == outputs[1]
    assert len(outputs[0][0]) > 20
