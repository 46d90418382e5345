"""The pipeline steps the CLI runs: ingest files into the ledger, load the ledger into a store."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.adapters import get_adapter
from ingest.graph_builder import build_graph
from ingest.ledger import FileReport, Ledger
from ingest.record_graph import PossiblySame, build_from_records
from ingest.resolve import entity_of, matches, resolve
from registry.errors import NotFoundError, SourceFormatError
from registry.settings import Backend, Settings
from registry.store import EmbeddedStore, GraphStore, open_store
from registry.store.embedded import SNAPSHOT_NAME

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def ingest_files(
    settings: Settings,
    source: str,
    paths: Sequence[Path],
    progress: Progress | None = None,
) -> list[FileReport]:
    """Read each file with the adapter of ``source`` into the ledger; same file twice is a no-op."""
    adapter = get_adapter(source)
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise NotFoundError(
            f"no such file: {missing[0]}"
            + (f" (and {len(missing) - 1} more)" if missing[1:] else ""),
            files=[str(p) for p in missing],
        )
    reports: list[FileReport] = []
    with Ledger(settings.ledger_path) as ledger:
        for path in paths:
            if progress:
                progress(f"reading {path}")
            data = path.read_bytes()
            digest = _sha256(data)
            known = ledger.file_report(digest)
            if known is not None:
                reports.append(known)
                continue
            try:
                output = adapter.read(path, data)
            except SourceFormatError:
                raise
            except RecursionError as exc:
                raise SourceFormatError(
                    f"{path.name}: nested too deeply to read", file=str(path)
                ) from exc
            for warning in output.warnings:
                log.warning(warning)
            reports.append(
                ledger.add_file(
                    source=source,
                    path=path,
                    sha256=digest,
                    size=len(data),
                    records=output.records,
                    warnings=output.warnings,
                )
            )
    return reports


@dataclass(frozen=True, slots=True)
class LoadReport:
    backend: str
    records: int
    current: int
    closed: int
    nodes: int
    edges: int
    seconds: float
    problems: list[str] = field(default_factory=list)
    entities: int = 0  # resolved entities of the tabular sources
    possible: int = 0  # POSSIBLY_SAME_AS pairs left for a human

    def to_dict(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "records": self.records,
            "entities": self.entities,
            "possible": self.possible,
            "current": self.current,
            "closed": self.closed,
            "nodes": self.nodes,
            "edges": self.edges,
            "seconds": round(self.seconds, 3),
            "problems": self.problems,
        }


def load(settings: Settings, backend: Backend | None = None) -> LoadReport:
    """Rebuild the graph from the ledger into the chosen store."""
    chosen = backend or settings.effective_backend
    if not settings.ledger_path.exists():
        raise NotFoundError(
            f"no ledger in {settings.workspace}: run `registry ingest` first",
            workspace=str(settings.workspace),
        )
    start = time.perf_counter()
    with Ledger(settings.ledger_path) as ledger:
        resolved = resolve(ledger)
        possible = [
            PossiblySame(m.entity_a, m.entity_b, m.probability, m.reason)
            for m in matches(ledger, status="possible")
        ]
        built = build_graph(ledger.records("bods"))
        tabular = build_from_records(ledger.records(), entity_of(ledger), possible)
    built.nodes.extend(tabular.nodes)
    built.edges.extend(tabular.edges)
    built.problems.extend(tabular.problems)
    built.records += tabular.records
    built.current += tabular.records
    store: GraphStore
    if chosen is Backend.EMBEDDED:
        embedded = EmbeddedStore(settings.workspace / SNAPSHOT_NAME)
        embedded.write(built.nodes, built.edges)
        embedded.save()
        store = embedded
    else:
        store = open_store(settings, Backend.NEO4J)
        try:
            store.ensure_schema()
            store.clear()
            store.write(built.nodes, built.edges)
        finally:
            store.close()
    return LoadReport(
        backend=chosen.value,
        records=built.records,
        current=built.current,
        closed=built.closed,
        nodes=len(built.nodes),
        edges=len(built.edges),
        seconds=time.perf_counter() - start,
        problems=built.problems,
        entities=resolved.entities,
        possible=len(possible),
    )
