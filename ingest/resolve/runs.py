"""Resolution runs over the ledger: read what is new, place it, write what changed.

A run reads the ledger records added since the last run, turns their parties into
mentions, gives each mention an atom (mentions with equal features share one), compares
the new atoms with every atom of their group, and clusters under the constraints with the
earlier clusters kept whole: new data can join or merge entities, never split them (only a
person's "different" does that). Judgements are applied on every run, so they survive
re-runs and rebuilds.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ingest.ledger import Ledger
from ingest.resolve.mentions import (
    Mention,
    mentions_of_record,
)
from ingest.resolve.model import Model
from ingest.resolve.models import MODELS
from ingest.resolve.store import DERIVED_TABLES, get_state, set_state
from ingest.resolve.workspace import _Atoms, _features_json, _now, _Work

__all__ = ["ResolveReport", "ResolveSettings", "resolve"]


@dataclass(frozen=True, slots=True)
class ResolveSettings:
    """Overrides of the declared models (``None`` keeps the model's own value)."""

    match_probability: float | None = None
    possible_probability: float | None = None
    max_cluster_size: int | None = None
    #: Refit m and λ: None decides (first run, or new atoms ≥ 20 % of a group).
    refit: bool | None = None

    def model(self, group: str) -> Model:
        model = MODELS[group]
        changes: dict[str, Any] = {}
        if self.match_probability is not None:
            changes["match_probability"] = self.match_probability
        if self.possible_probability is not None:
            changes["possible_probability"] = self.possible_probability
        if self.max_cluster_size is not None:
            changes["max_cluster_size"] = self.max_cluster_size
        return replace(model, **changes) if changes else model


@dataclass(slots=True)
class ResolveReport:
    """What a run did; ``to_dict`` is what the command line prints."""

    records: int
    entities: int
    merged: int
    possible: int
    new_records: int = 0
    mentions: int = 0
    new_mentions: int = 0
    seconds: float = 0.0
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, int]:
        return {
            "records": self.records,
            "entities": self.entities,
            "merged": self.merged,
            "possible": self.possible,
        }

    def details(self) -> dict[str, Any]:
        return {
            **self.to_dict(),
            "new_records": self.new_records,
            "mentions": self.mentions,
            "new_mentions": self.new_mentions,
            "seconds": round(self.seconds, 3),
            "groups": self.groups,
        }


# -- reading the ledger ------------------------------------------------------------------------
_NEW_RECORDS = (
    "SELECT id, source, file_name, position, "
    "CASE WHEN source = 'bods' THEN normalised ELSE json_extract(normalised, '$.parties') END "
    "FROM records WHERE id > ? ORDER BY id"
)


def _new_mentions(db: sqlite3.Connection, watermark: int) -> tuple[list[Mention], int, int]:
    mentions: list[Mention] = []
    last = watermark
    records = 0
    for record_id, source, file_name, position, payload in db.execute(_NEW_RECORDS, (watermark,)):
        records += 1
        last = record_id
        if not payload:
            continue
        mentions.extend(
            mentions_of_record(record_id, source, file_name, position, json.loads(payload))
        )
    return mentions, last, records


# -- resolve -----------------------------------------------------------------------------------
def resolve(
    ledger: Ledger,
    *,
    settings: ResolveSettings | None = None,
    rebuild: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ResolveReport:
    """Resolve the mentions the ledger gained since the last run (all, with ``rebuild``).

    State lives in the ledger file: re-running with nothing new changes nothing, and
    judgements are applied on every run, so they survive re-runs and rebuilds.
    """
    settings = settings or ResolveSettings()
    say = progress or (lambda _message: None)
    started = time.perf_counter()
    work = _Work(ledger.path)
    try:
        db = work.db
        if rebuild:
            with db:
                for table in DERIVED_TABLES:
                    db.execute(f"DELETE FROM {table}")
        watermark = int(get_state(db, "watermark") or 0)
        records_before = int(get_state(db, "records") or 0)
        say("reading new ledger records")
        new_mentions, last, new_records = _new_mentions(db, watermark)
        say(f"{new_records} new records, {len(new_mentions)} mentions; loading atoms")
        # Nothing new to place: earlier clusters stand as they are (judgements were applied
        # when they were made), so the atoms need not be read at all.
        groups = work.load_atoms() if new_mentions else {g: _Atoms(g) for g in MODELS}
        index: dict[int, tuple[str, int]] = {}
        fingerprints: dict[bytes, int] = {}
        for group, atoms in groups.items():
            for row, atom in enumerate(atoms.ids):
                index[atom] = (group, row)
                if not atoms.pinned[row]:
                    fingerprints[atoms.features[row].fingerprint()] = atom
        next_atom = (
            1 + (db.execute("SELECT coalesce(max(atom), 0) FROM resolve_atoms").fetchone()[0])
        )
        mention_rows: list[tuple[int, str, int, str, str, int]] = []
        grown: Counter[int] = Counter()
        new_mention_atoms: dict[str, int] = {}
        for mention in new_mentions:
            fingerprint = mention.features.fingerprint()
            known = fingerprints.get(fingerprint)
            atoms = groups[mention.group]
            if known is not None:
                atom = known
            else:
                atom = next_atom
                next_atom += 1
                fingerprints[fingerprint] = atom
                row = atoms.add(
                    atom,
                    mention.features,
                    "",
                    mention.seq,
                    mention.mention_id,
                    mention.name,
                    0,
                    new=True,
                )
                index[atom] = (mention.group, row)
            group, row = index[atom]
            atoms = groups[group]
            atoms.mentions[row] += 1
            if not atoms.new[row]:
                grown[atom] += 1
                atoms.grown[row] = True
            mention_rows.append(
                (
                    mention.seq,
                    mention.mention_id,
                    mention.record_id,
                    mention.role,
                    mention.name,
                    atom,
                )
            )
            new_mention_atoms[mention.mention_id] = atom
        report_groups: dict[str, dict[str, Any]] = {}
        with db:
            db.executemany(
                "INSERT OR REPLACE INTO resolve_mentions (seq, mention_id, record_id, role, "
                "name, atom) VALUES (?, ?, ?, ?, ?, ?)",
                mention_rows,
            )
            db.executemany(
                "UPDATE resolve_atoms SET mentions = mentions + ? WHERE atom = ?",
                [(count, atom) for atom, count in grown.items()],
            )
            for atoms in groups.values():
                db.executemany(
                    "INSERT INTO resolve_atoms (atom, grp, fingerprint, pinned, features, "
                    "first_seq, first_mention, name, mentions, entity_id) "
                    "VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, '')",
                    [
                        (
                            atoms.ids[r],
                            atoms.group,
                            atoms.features[r].fingerprint(),
                            _features_json(atoms.features[r]),
                            atoms.first_seq[r],
                            atoms.first_mention[r],
                            atoms.name[r],
                            atoms.mentions[r],
                        )
                        for r in range(len(atoms))
                        if atoms.new[r]
                    ],
                )
            touched_groups = [g for g, a in groups.items() if any(a.grown)]
            if touched_groups:
                say("constraints: rows, judgements, cannot-links")
                labels = work.row_labels(index)
                judgement_labels, same = work.judgement_constraints(index, new_mention_atoms)
                for key, values in judgement_labels.items():
                    labels[key].extend(values)
                enemies = work.enemies(index)
            for group in touched_groups:
                atoms = groups[group]
                model = settings.model(group)
                params = work.params(group)
                new_count = sum(atoms.new)
                fit = (
                    settings.refit
                    if settings.refit is not None
                    else params is None or new_count >= 0.2 * len(atoms)
                )
                say(f"{group}: {len(atoms)} atoms, {new_count} new; comparing")
                clock = time.perf_counter()
                result, rows, judgement_of = work.cluster(
                    atoms,
                    list(range(len(atoms))),
                    model,
                    params=params,
                    fit=fit,
                    labels=labels,
                    same=same.get(group, []),
                    enemies=enemies.get(group, []),
                    incremental=True,
                )
                say(f"{group}: writing")
                written = work.write_result(
                    atoms, model, result, rows, judgement_of, replace_edges=False
                )
                if fit:
                    set_state(db, f"params:{group}", result.params.to_dict())
                report_groups[group] = {
                    "atoms": len(atoms),
                    "new_atoms": new_count,
                    "candidate_pairs": result.candidates,
                    "merges": len(result.edges),
                    "lambda": round(result.params.lam, 6),
                    "refit": fit,
                    "seconds": {k: round(v, 3) for k, v in result.seconds.items()}
                    | {"total": round(time.perf_counter() - clock, 3)},
                    **written,
                }
            set_state(db, "watermark", last)
            set_state(db, "records", records_before + new_records)
        mentions, entities, possible = work.counts()
        seconds = time.perf_counter() - started
        report = ResolveReport(
            records=records_before + new_records,
            entities=entities,
            merged=mentions - entities,
            possible=possible,
            new_records=new_records,
            mentions=mentions,
            new_mentions=len(new_mentions),
            seconds=seconds,
            groups=report_groups,
        )
        with db:
            db.execute(
                "INSERT INTO resolve_runs (run, started_at, seconds, report) VALUES (?, ?, ?, ?)",
                (work.run, _now(), seconds, json.dumps(report.details())),
            )
        return report
    finally:
        work.close()
