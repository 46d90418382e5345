"""The staging ledger: every record as read, with provenance, and every reject with its reason.

A SQLite file in the workspace. Nothing downstream edits it: the graph is always rebuilt
from it. Ingest is idempotent by file content: a file whose SHA-256 is already in the
ledger is not read twice, and a record whose content is already there is a duplicate.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest.canonical import canonical_json
from ingest.gcpause import gc_paused

_SCHEMA = """
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS files (
    sha256 TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    path TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    seq INTEGER NOT NULL,
    read INTEGER NOT NULL,
    loaded INTEGER NOT NULL,
    quarantined INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    warnings TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    file_sha256 TEXT NOT NULL REFERENCES files(sha256),
    file_name TEXT NOT NULL,
    file_seq INTEGER NOT NULL,
    position INTEGER NOT NULL,
    locator TEXT NOT NULL,
    key TEXT,
    record_id TEXT,
    record_type TEXT,
    record_status TEXT,
    record_date TEXT,
    content_sha256 TEXT NOT NULL,
    raw TEXT NOT NULL,
    normalised TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    UNIQUE (source, content_sha256)
);
CREATE INDEX IF NOT EXISTS records_record_id ON records (source, record_id);
CREATE TABLE IF NOT EXISTS quarantine (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    file_sha256 TEXT NOT NULL REFERENCES files(sha256),
    file_name TEXT NOT NULL,
    position INTEGER NOT NULL,
    locator TEXT NOT NULL,
    key TEXT,
    rule TEXT NOT NULL,
    path TEXT NOT NULL,
    field TEXT NOT NULL,
    message TEXT NOT NULL,
    raw TEXT NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a record was not loaded."""

    rule: str
    path: str
    field: str
    message: str


@dataclass(slots=True)
class ParsedRecord:
    """One record of a source file, normalised, or with the problems that reject it."""

    position: int
    locator: str
    raw: Any
    normalised: dict[str, Any] | None = None
    key: str | None = None
    record_id: str | None = None
    record_type: str | None = None
    record_status: str | None = None
    record_date: str | None = None
    problems: list[Rejection] = field(default_factory=list)
    #: ``canonical_json`` of ``raw`` and of ``normalised`` when already known (a record
    #: parsed in a worker process travels as JSON); whoever changes ``raw`` or
    #: ``normalised`` afterwards must set it back to ``None``.
    canonical: tuple[str, str | None] | None = None


@dataclass(frozen=True, slots=True)
class FileReport:
    path: str
    source: str
    sha256: str
    read: int
    loaded: int
    quarantined: int
    duplicates: int
    reasons: dict[str, int]
    warnings: list[str]
    already_ingested: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "source": self.source,
            "sha256": self.sha256,
            "read": self.read,
            "loaded": self.loaded,
            "quarantined": self.quarantined,
            "duplicates": self.duplicates,
            "reasons": dict(sorted(self.reasons.items())),
            "warnings": self.warnings,
            "already_ingested": self.already_ingested,
        }


@dataclass(frozen=True, slots=True)
class StoredRecord:
    source: str
    file_name: str
    file_seq: int
    position: int
    locator: str
    key: str | None
    record_id: str | None
    record_type: str | None
    record_status: str | None
    record_date: str | None
    normalised: dict[str, Any]
    ingested_at: str


@dataclass(frozen=True, slots=True)
class QuarantineEntry:
    source: str
    file_name: str
    position: int
    locator: str
    key: str | None
    rule: str
    path: str
    field: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "file": self.file_name,
            "row": self.position,
            "locator": self.locator,
            "key": self.key,
            "rule": self.rule,
            "path": self.path,
            "column": self.field,
            "reason": self.message,
        }


@dataclass(slots=True)
class _Counts:
    candidates: int = 0  # records offered to the records table (loaded or duplicate)
    loaded: int = 0
    reasons: dict[str, int] = field(default_factory=dict)


def _loadable(
    records: Iterable[ParsedRecord],
    rejected: list[tuple[ParsedRecord, str]],
    counts: _Counts,
) -> Iterator[tuple[ParsedRecord, str, str]]:
    """The records to load, with their raw and normalised JSON; the rejected ones go to
    ``rejected`` with their raw JSON."""
    for rec in records:
        if rec.canonical is not None:
            raw, normalised = rec.canonical
        else:
            raw, normalised = canonical_json(rec.raw), None
        if rec.problems or rec.normalised is None:
            rejected.append((rec, raw))
            continue
        counts.candidates += 1
        yield rec, raw, normalised if normalised is not None else canonical_json(rec.normalised)


def _problems(rec: ParsedRecord, reasons: dict[str, int]) -> list[Rejection]:
    problems = rec.problems or [
        Rejection("unreadable", "$", "", f"{rec.locator}: could not be read")
    ]
    for problem in problems:
        reasons[problem.rule] = reasons.get(problem.rule, 0) + 1
    return problems


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Ledger:
    """The SQLite ledger of a workspace."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path))
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def file_report(self, sha256: str) -> FileReport | None:
        row = self._db.execute(
            "SELECT path, source, read, loaded, quarantined, duplicates, warnings "
            "FROM files WHERE sha256 = ?",
            (sha256,),
        ).fetchone()
        if row is None:
            return None
        reasons: dict[str, int] = {}
        for rule, count in self._db.execute(
            "SELECT rule, count(*) FROM quarantine WHERE file_sha256 = ? GROUP BY rule", (sha256,)
        ):
            reasons[rule] = count
        return FileReport(
            path=row[0],
            source=row[1],
            sha256=sha256,
            read=row[2],
            loaded=row[3],
            quarantined=row[4],
            duplicates=row[5],
            reasons=reasons,
            warnings=json.loads(row[6]),
            already_ingested=True,
        )

    def add_file(
        self,
        *,
        source: str,
        path: Path,
        sha256: str,
        size: int,
        records: Sequence[ParsedRecord],
        warnings: Sequence[str],
    ) -> FileReport:
        """Store one file's records and rejects in a single transaction."""
        now = _now()
        counts = _Counts()
        with self._db, gc_paused():
            seq = self._db.execute("SELECT coalesce(max(seq), 0) + 1 FROM files").fetchone()[0]
            self._db.execute(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)",
                (sha256, source, str(path), path.name, size, now, seq, json.dumps(list(warnings))),
            )
            rejected: list[tuple[ParsedRecord, str]] = []
            before = self._db.total_changes
            self._db.executemany(
                "INSERT OR IGNORE INTO records (source, file_sha256, file_name, file_seq, "
                "position, locator, key, record_id, record_type, record_status, record_date, "
                "content_sha256, raw, normalised, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        source,
                        sha256,
                        path.name,
                        seq,
                        rec.position,
                        rec.locator,
                        rec.key,
                        rec.record_id,
                        rec.record_type,
                        rec.record_status,
                        rec.record_date,
                        hashlib.sha256(raw.encode("utf-8")).hexdigest(),
                        raw,
                        normalised,
                        now,
                    )
                    for rec, raw, normalised in _loadable(records, rejected, counts)
                ),
            )
            counts.loaded = self._db.total_changes - before
            self._db.executemany(
                "INSERT INTO quarantine (source, file_sha256, file_name, position, "
                "locator, key, rule, path, field, message, raw) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        source,
                        sha256,
                        path.name,
                        rec.position,
                        rec.locator,
                        rec.key,
                        problem.rule,
                        problem.path,
                        problem.field,
                        problem.message,
                        raw,
                    )
                    for rec, raw in rejected
                    for problem in _problems(rec, counts.reasons)
                ),
            )
            loaded, quarantined = counts.loaded, len(rejected)
            duplicates = counts.candidates - loaded
            reasons = counts.reasons
            self._db.execute(
                "UPDATE files SET read = ?, loaded = ?, quarantined = ?, duplicates = ? "
                "WHERE sha256 = ?",
                (len(records), loaded, quarantined, duplicates, sha256),
            )
        return FileReport(
            path=str(path),
            source=source,
            sha256=sha256,
            read=len(records),
            loaded=loaded,
            quarantined=quarantined,
            duplicates=duplicates,
            reasons=reasons,
            warnings=list(warnings),
        )

    def records(self, source: str | None = None) -> Iterator[StoredRecord]:
        """Loaded records in ingest order (file sequence, then position)."""
        query = (
            "SELECT source, file_name, file_seq, position, locator, key, record_id, record_type, "
            "record_status, record_date, normalised, ingested_at FROM records"
        )
        params: tuple[str, ...] = ()
        if source is not None:
            query += " WHERE source = ?"
            params = (source,)
        query += " ORDER BY file_seq, position"
        for row in self._db.execute(query, params):
            yield StoredRecord(
                source=row[0],
                file_name=row[1],
                file_seq=row[2],
                position=row[3],
                locator=row[4],
                key=row[5],
                record_id=row[6],
                record_type=row[7],
                record_status=row[8],
                record_date=row[9],
                normalised=json.loads(row[10]),
                ingested_at=row[11],
            )

    def quarantine(self) -> list[QuarantineEntry]:
        rows = self._db.execute(
            "SELECT source, file_name, position, locator, key, rule, path, field, message "
            "FROM quarantine ORDER BY id"
        ).fetchall()
        return [QuarantineEntry(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        files = self._db.execute("SELECT count(*) FROM files").fetchone()[0]
        records = self._db.execute("SELECT count(*) FROM records").fetchone()[0]
        rejects = self._db.execute(
            "SELECT count(DISTINCT file_sha256 || ':' || position) FROM quarantine"
        ).fetchone()[0]
        return {"files": files, "records": records, "quarantined": rejects}
