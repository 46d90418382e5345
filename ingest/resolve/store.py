"""The resolver's tables, in the ledger's own SQLite file (created when missing).

- ``resolve_state``: key → JSON (watermark of ledger records read, learnt parameters);
- ``resolve_atoms``: distinct feature sets ("atoms"); mentions with equal features share
  one, and an atom belongs to one entity;
- ``resolve_mentions``: mention id → atom, with record, role and name as written;
- ``resolve_entities``: canonical id, kind, name, identifiers, counts;
- ``resolve_redirects``: retired canonical id → the id it was merged into;
- ``resolve_edges``: every merge between atoms with its rule, levels, weight, probability
  and judgement (the explanation of the entity);
- ``resolve_possible``: pairs in the uncertain band, with their levels and reason;
- ``resolve_cannot``: cannot-link pairs of atoms a name rule found;
- ``resolve_judgements``: human decisions (same / different / unsure, who, when) with the
  mentions each side held when it was made;
- ``resolve_runs``: one row per run, with its counts and timings.

The ledger's own tables are only read.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

__all__ = ["DERIVED_TABLES", "connect", "get_state", "set_state"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS resolve_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS resolve_atoms (
    atom INTEGER PRIMARY KEY,
    grp TEXT NOT NULL,
    fingerprint BLOB NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    features TEXT NOT NULL,
    first_seq INTEGER NOT NULL,
    first_mention TEXT NOT NULL,
    name TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    entity_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS resolve_atoms_fingerprint ON resolve_atoms (fingerprint);
CREATE INDEX IF NOT EXISTS resolve_atoms_entity ON resolve_atoms (entity_id);
CREATE TABLE IF NOT EXISTS resolve_mentions (
    seq INTEGER PRIMARY KEY,
    mention_id TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    atom INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS resolve_mentions_id ON resolve_mentions (mention_id);
CREATE INDEX IF NOT EXISTS resolve_mentions_atom ON resolve_mentions (atom);
CREATE TABLE IF NOT EXISTS resolve_entities (
    entity_id TEXT PRIMARY KEY,
    grp TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    identifiers TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    atoms INTEGER NOT NULL,
    anchor_seq INTEGER NOT NULL,
    run INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS resolve_redirects (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL,
    run INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS resolve_edges (
    id INTEGER PRIMARY KEY,
    atom_a INTEGER NOT NULL,
    atom_b INTEGER NOT NULL,
    rule TEXT NOT NULL,
    weight REAL NOT NULL,
    probability REAL NOT NULL,
    levels TEXT NOT NULL,
    judgement INTEGER,
    run INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS resolve_edges_a ON resolve_edges (atom_a);
CREATE INDEX IF NOT EXISTS resolve_edges_b ON resolve_edges (atom_b);
CREATE TABLE IF NOT EXISTS resolve_possible (
    atom_a INTEGER NOT NULL,
    atom_b INTEGER NOT NULL,
    weight REAL NOT NULL,
    probability REAL NOT NULL,
    levels TEXT NOT NULL,
    reason TEXT NOT NULL,
    run INTEGER NOT NULL,
    PRIMARY KEY (atom_a, atom_b)
);
CREATE TABLE IF NOT EXISTS resolve_cannot (
    atom_a INTEGER NOT NULL,
    atom_b INTEGER NOT NULL,
    rule TEXT NOT NULL,
    PRIMARY KEY (atom_a, atom_b)
);
CREATE TABLE IF NOT EXISTS resolve_judgements (
    id INTEGER PRIMARY KEY,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    verdict TEXT NOT NULL,
    judged_by TEXT NOT NULL,
    judged_at TEXT NOT NULL,
    a_members TEXT NOT NULL,
    b_members TEXT NOT NULL,
    note TEXT
);
CREATE TABLE IF NOT EXISTS resolve_runs (
    run INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    seconds REAL NOT NULL,
    report TEXT NOT NULL
);
"""

#: Tables a rebuild empties (judgements stay: they are decisions, not results).
DERIVED_TABLES = (
    "resolve_state",
    "resolve_atoms",
    "resolve_mentions",
    "resolve_entities",
    "resolve_redirects",
    "resolve_edges",
    "resolve_possible",
    "resolve_cannot",
)


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the ledger file with the resolver's tables in place."""
    db = sqlite3.connect(str(path))
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA temp_store = MEMORY")
    db.execute("PRAGMA cache_size = -200000")
    with db:
        db.executescript(SCHEMA)
    return db


def get_state(db: sqlite3.Connection, key: str) -> Any:
    row = db.execute("SELECT value FROM resolve_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else json.loads(row[0])


def set_state(db: sqlite3.Connection, key: str, value: Any) -> None:
    db.execute(
        "INSERT INTO resolve_state (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value)),
    )
