"""The resolver's working state over one ledger file: atoms in memory, the engine's
columns, the writer of results, and the readers every other module shares.

A canonical id is ``ent-`` and a hash of the entity's earliest mention (in ingest order).
So an entity that new data does not touch keeps its id; two entities that merge keep the
older one's id (the other id redirects to it); a rebuild from scratch gives the same ids.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import numpy as np

from ingest.normalize.orgs import org_key
from ingest.resolve.engine import RULE_JUDGEMENT, LinkResult, Scored, link
from ingest.resolve.fellegi_sunter import Params
from ingest.resolve.frame import Column, Frame
from ingest.resolve.mentions import (
    EXCLUSIVE_ROLES,
    FEATURES,
    Features,
)
from ingest.resolve.model import Model
from ingest.resolve.models import MODELS
from ingest.resolve.names import ORG_STOPWORDS
from ingest.resolve.store import connect, get_state

__all__ = ["Judgement", "PossibleMatch", "Verdict", "entity_id_for"]

log = logging.getLogger(__name__)

Verdict = Literal["same", "different", "unsure"]
VERDICTS: tuple[str, ...] = ("same", "different", "unsure")

#: Re-clustering one entity compares all its atoms when it has at most this many.
_ALL_PAIRS_LIMIT = 1500
_SCHEMES = {"person": "MEX-TAXID", "organisation": "MX-RFC", "trust": "MX-RFC"}


def entity_id_for(mention_id: str) -> str:
    """The canonical id of an entity whose earliest mention is ``mention_id``."""
    return "ent-" + hashlib.sha256(mention_id.encode("utf-8")).hexdigest()[:16]


def _same_name_key(name: str) -> str:
    """Spelling-blind key of a name: accents, case, punctuation, legal form and word order."""
    return " ".join(sorted(org_key(name).split()))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Judgement:
    id: int
    a: str
    b: str
    verdict: str
    by: str
    at: str
    a_members: tuple[str, ...]
    b_members: tuple[str, ...]
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "verdict": self.verdict,
            "by": self.by,
            "at": self.at,
            "a_members": list(self.a_members),
            "b_members": list(self.b_members),
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class PossibleMatch:
    entity_a: str
    entity_b: str
    mention_a: str
    mention_b: str
    name_a: str
    name_b: str
    probability: float
    weight: float
    reason: str
    levels: dict[str, Any]
    status: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_a": self.entity_a,
            "entity_b": self.entity_b,
            "mention_a": self.mention_a,
            "mention_b": self.mention_b,
            "name_a": self.name_a,
            "name_b": self.name_b,
            "probability": round(self.probability, 6),
            "weight": round(self.weight, 3),
            "reason": self.reason,
            "levels": self.levels,
            "status": self.status,
        }


# -- atoms in memory ------------------------------------------------------------------------
@dataclass(slots=True)
class _Atoms:
    """The atoms of one group, as parallel lists."""

    group: str
    ids: list[int] = field(default_factory=list)
    features: list[Features] = field(default_factory=list)
    entity: list[str] = field(default_factory=list)
    first_seq: list[int] = field(default_factory=list)
    first_mention: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)
    new: list[bool] = field(default_factory=list)
    grown: list[bool] = field(default_factory=list)
    pinned: list[bool] = field(default_factory=list)

    def add(
        self,
        atom: int,
        features: Features,
        entity: str,
        first_seq: int,
        first_mention: str,
        name: str,
        mentions: int,
        *,
        new: bool,
        pinned: bool = False,
    ) -> int:
        self.ids.append(atom)
        self.features.append(features)
        self.entity.append(entity)
        self.first_seq.append(first_seq)
        self.first_mention.append(first_mention)
        self.name.append(name)
        self.mentions.append(mentions)
        self.new.append(new)
        self.grown.append(new)
        self.pinned.append(pinned)
        return len(self.ids) - 1

    def __len__(self) -> int:
        return len(self.ids)


def _features_json(features: Features) -> str:
    return json.dumps([getattr(features, f) for f in FEATURES], ensure_ascii=False)


def _features_from(text: str) -> Features:
    return Features(*json.loads(text))


def _distinctive(keys: Sequence[str | None]) -> list[str | None]:
    """The words of each name that few names share ("SUMINISTROS INDUSTRIALES SOL" → "SOL").

    A word held by more than max(10, n/500) of the names is common in this register
    (INDUSTRIALES, HOLDINGS, MEXICO) and left out; what remains tells two similar names
    apart (SOL vs ENCINO, PINO vs PENASCO).
    """
    frequency: Counter[str] = Counter()
    for key in keys:
        if key:
            frequency.update(set(key.split()))
    limit = max(10, len(keys) // 500)
    out: list[str | None] = []
    for key in keys:
        if not key:
            out.append(None)
            continue
        words = [t for t in key.split() if frequency[t] <= limit and t not in ORG_STOPWORDS]
        out.append(" ".join(words) or None)
    return out


def _frame(atoms: _Atoms, rows: Sequence[int] | None = None) -> Frame:
    """The engine's columns of (some of) the atoms of a group."""
    chosen = [atoms.features[r] for r in rows] if rows is not None else atoms.features

    def col(name: str) -> list[str | None]:
        return [getattr(f, name) for f in chosen]

    columns: dict[str, Column] = {}
    for name in (
        "key",
        "surnames",
        "legal_form",
        "rfc",
        "curp",
        "birth",
        "country",
        "postal_code",
        "address",
        "phone",
        "clave",
    ):
        columns[name] = Column.from_values(col(name))
    rfc = col("rfc")
    curp = col("curp")
    # An RFC or CURP without its check digit: the rest is what SAT or RENAPO issued, so a
    # cluster holds one stem only (two valid RFCs never meet, nor two different issues).
    columns["rfc_stem"] = Column.from_values([r[:-1] if r else None for r in rfc])
    columns["curp_stem"] = Column.from_values([c[:-1] if c else None for c in curp])
    columns["distinct"] = Column.from_values(_distinctive(col("key")))
    flags = {
        "rfc_unchecked": np.asarray(
            [r is not None and not f.rfc_ok for r, f in zip(rfc, chosen, strict=True)]
        ),
        "curp_unchecked": np.asarray(
            [c is not None and not f.curp_ok for c, f in zip(curp, chosen, strict=True)]
        ),
    }
    return Frame(n=len(chosen), columns=columns, flags=flags)


def _levels_json(model: Model, params: Params, scored: Scored, k: int) -> str:
    tables = params.weights(model.comparisons)
    levels: dict[str, Any] = {}
    for c, comparison in enumerate(model.comparisons):
        level = int(scored.gamma[k, c])
        levels[comparison.name] = {
            "level": comparison.levels[level].name,
            "weight": round(float(tables[c][level]), 3),
        }
    out: dict[str, Any] = {"levels": levels, "prior": round(params.prior_weight, 3)}
    tf = float(scored.tf[k])
    if tf:
        out["term_frequency"] = round(tf, 3)
    return json.dumps(out, ensure_ascii=False)


class _LevelCache:
    """Explanations depend on the level pattern only: build each JSON once."""

    def __init__(self, model: Model, params: Params, scored: Scored) -> None:
        self.model, self.params, self.scored = model, params, scored
        self.cache: dict[tuple[bytes, float], str] = {}

    def __call__(self, k: int) -> str:
        key = (self.scored.gamma[k].tobytes(), round(float(self.scored.tf[k]), 3))
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = _levels_json(self.model, self.params, self.scored, k)
        return found


# -- the workspace of one operation ---------------------------------------------------------
class _Work:
    """A connection to the ledger file with helpers shared by runs and judgements."""

    def __init__(self, path: Path) -> None:
        self.db = connect(path)
        self.run = (
            1 + (self.db.execute("SELECT coalesce(max(run), 0) FROM resolve_runs").fetchone()[0])
        )

    def close(self) -> None:
        self.db.close()

    # judgements ------------------------------------------------------------------------
    def judgements(self) -> list[Judgement]:
        rows = self.db.execute(
            "SELECT id, a, b, verdict, judged_by, judged_at, a_members, b_members, note "
            "FROM resolve_judgements ORDER BY id"
        ).fetchall()
        return [
            Judgement(
                id=r[0],
                a=r[1],
                b=r[2],
                verdict=r[3],
                by=r[4],
                at=r[5],
                a_members=tuple(json.loads(r[6])),
                b_members=tuple(json.loads(r[7])),
                note=r[8],
            )
            for r in rows
        ]

    def effective_judgements(self) -> list[Judgement]:
        """The latest judgement of each pair of ids (a later one replaces an earlier one)."""
        latest: dict[frozenset[str], Judgement] = {}
        for j in self.judgements():
            latest[frozenset((j.a, j.b))] = j
        return sorted(latest.values(), key=lambda j: j.id)

    def atoms_of_mentions(self, mention_ids: Iterable[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        ids = list(dict.fromkeys(mention_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for mention_id, atom in self.db.execute(
                f"SELECT mention_id, atom FROM resolve_mentions WHERE mention_id IN ({marks}) "
                "ORDER BY seq",
                chunk,
            ):
                out[mention_id] = atom
        return out

    # atoms -------------------------------------------------------------------------------
    def load_atoms(self, where: str = "", params: Sequence[Any] = ()) -> dict[str, _Atoms]:
        groups: dict[str, _Atoms] = {g: _Atoms(g) for g in MODELS}
        for (
            atom,
            grp,
            pinned,
            features,
            first_seq,
            first_mention,
            name,
            mentions,
            entity,
        ) in self.db.execute(
            "SELECT atom, grp, pinned, features, first_seq, first_mention, name, mentions, "
            f"entity_id FROM resolve_atoms {where} ORDER BY atom",
            params,
        ):
            groups[grp].add(
                atom,
                _features_from(features),
                entity,
                first_seq,
                first_mention,
                name,
                mentions,
                new=False,
                pinned=bool(pinned),
            )
        return groups

    def row_labels(
        self, atoms_index: dict[int, tuple[str, int]]
    ) -> dict[tuple[str, int], list[tuple[str, str]]]:
        """Labels that keep the parties of one row apart (exclusive roles only)."""
        marks = ",".join("?" * len(EXCLUSIVE_ROLES))
        by_record: dict[int, list[tuple[str, int, str, str]]] = defaultdict(list)
        rows = self.db.execute(
            f"SELECT record_id, role, atom, name FROM resolve_mentions WHERE role IN ({marks})",
            sorted(EXCLUSIVE_ROLES),
        )
        for record_id, role, atom, name in rows:
            where = atoms_index.get(atom)
            if where is not None:
                by_record[record_id].append((where[0], where[1], role, _same_name_key(name)))
        out: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
        for record_id, parties in by_record.items():
            if len(parties) < 2:
                continue
            per_group = Counter(g for g, _, _, _ in parties)
            # A row that names one party twice under the same name (a company declaring
            # its own shares: treasury stock) does not keep the two apart.
            named_twice = {k for k, n in Counter((g, k) for g, _, _, k in parties).items() if n > 1}
            for group, row, role, key in parties:
                if per_group[group] >= 2 and (group, key) not in named_twice:
                    out[(group, row)].append((f"row:{record_id}", role))
        return out

    def judgement_constraints(
        self, atoms_index: dict[int, tuple[str, int]], new_mentions: dict[str, int] | None = None
    ) -> tuple[
        dict[tuple[str, int], list[tuple[str, str]]],
        dict[str, list[tuple[int, int, int]]],
    ]:
        """Labels of "different" judgements and must-link pairs of "same" judgements."""
        labels: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
        same: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        effective = [j for j in self.effective_judgements() if j.verdict in ("same", "different")]
        if not effective:
            return labels, same
        wanted = {m for j in effective for m in (*j.a_members, *j.b_members)}
        where = self.atoms_of_mentions(wanted)
        if new_mentions:
            for mention_id in wanted:
                if mention_id not in where and mention_id in new_mentions:
                    where[mention_id] = new_mentions[mention_id]

        def rows_of(members: Iterable[str]) -> list[tuple[str, int]]:
            found = {
                atoms_index[where[m]] for m in members if m in where and where[m] in atoms_index
            }
            return sorted(found)

        for j in effective:
            side_a, side_b = rows_of(j.a_members), rows_of(j.b_members)
            if j.verdict == "different":
                both = set(side_a) & set(side_b)
                for group, row in side_a:
                    if (group, row) not in both:
                        labels[(group, row)].append((f"judgement:{j.id}", "a"))
                for group, row in side_b:
                    if (group, row) not in both:
                        labels[(group, row)].append((f"judgement:{j.id}", "b"))
            else:
                rows = [*side_a, *side_b]
                if not rows:
                    continue
                anchor_group, anchor = rows[0]
                for group, row in rows[1:]:
                    if group == anchor_group and row != anchor:
                        same[group].append((anchor, row, j.id))
        return labels, same

    def enemies(
        self, atoms_index: dict[int, tuple[str, int]]
    ) -> dict[str, list[tuple[int, int, str]]]:
        out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for a, b, rule in self.db.execute("SELECT atom_a, atom_b, rule FROM resolve_cannot"):
            wa, wb = atoms_index.get(a), atoms_index.get(b)
            if wa is not None and wb is not None and wa[0] == wb[0]:
                out[wa[0]].append((wa[1], wb[1], rule))
        return out

    def params(self, group: str) -> Params | None:
        stored = get_state(self.db, f"params:{group}")
        return Params.from_dict(stored) if stored else None

    # clustering and writing ----------------------------------------------------------------
    def cluster(
        self,
        atoms: _Atoms,
        rows: list[int],
        model: Model,
        *,
        params: Params | None,
        fit: bool,
        labels: dict[tuple[str, int], list[tuple[str, str]]],
        same: list[tuple[int, int, int]],
        enemies: list[tuple[int, int, str]],
        incremental: bool,
    ) -> tuple[LinkResult, list[int], dict[tuple[int, int], int]]:
        """Run the engine over ``rows`` of a group; returns the result and the row map."""
        local = {row: k for k, row in enumerate(rows)}
        frame = _frame(atoms, rows)
        frame.labels = [tuple(labels.get((atoms.group, row), ())) for row in rows]
        new = np.asarray([atoms.new[r] for r in rows], dtype=bool) if incremental else None
        initial = None
        if incremental:
            codes: dict[str, int] = {}
            initial = np.asarray(
                [
                    -1 if atoms.new[r] else codes.setdefault(atoms.entity[r], len(codes))
                    for r in rows
                ],
                dtype=np.int64,
            )
        same_local = [(local[a], local[b]) for a, b, _ in same if a in local and b in local]
        judgement_of = {
            (min(local[a], local[b]), max(local[a], local[b])): j
            for a, b, j in same
            if a in local and b in local
        }
        enemies_local = [
            (local[a], local[b], r) for a, b, r in enemies if a in local and b in local
        ]
        pairs = None
        if not incremental and len(rows) <= _ALL_PAIRS_LIMIT:
            ti, tj = np.triu_indices(len(rows), 1)
            pairs = (ti.astype(np.int64), tj.astype(np.int64))
        result = link(
            frame,
            model,
            params=params,
            fit=fit,
            new=new,
            initial=initial,
            same=same_local,
            enemies=enemies_local,
            pairs=pairs,
        )
        return result, rows, judgement_of

    def write_result(
        self,
        atoms: _Atoms,
        model: Model,
        result: LinkResult,
        rows: list[int],
        judgement_of: dict[tuple[int, int], int],
        *,
        replace_edges: bool,
    ) -> dict[str, int]:
        """Store entities, redirects, edges, possible matches and cannot-links of a result.

        Only the clusters that changed are written: those with a new or grown atom, those
        that merged old entities, and (``replace_edges``) every cluster of a re-clustering.
        """
        db = self.db
        roots = result.roots.tolist()
        clusters: dict[int, list[int]] = defaultdict(list)
        for local, root in enumerate(roots):
            clusters[root].append(local)
        changed: list[list[int]] = []
        for members in clusters.values():
            olds = {atoms.entity[rows[m]] for m in members if not atoms.new[rows[m]]}
            grown = any(atoms.grown[rows[m]] for m in members)
            if replace_edges or grown or len(olds) > 1:
                changed.append(members)
        retired: dict[str, str] = {}
        entity_rows: list[tuple[Any, ...]] = []
        atom_updates: list[tuple[str, int]] = []
        for members in changed:
            group_rows = [rows[m] for m in members]
            anchor = min(group_rows, key=lambda r: (atoms.first_seq[r], atoms.ids[r]))
            entity = entity_id_for(atoms.first_mention[anchor])
            for r in group_rows:
                old = atoms.entity[r]
                if not atoms.new[r] and old != entity:
                    retired[old] = entity
                if atoms.new[r] or old != entity:
                    atom_updates.append((entity, atoms.ids[r]))
                atoms.entity[r] = entity
            entity_rows.append(self._entity_row(atoms, group_rows, entity, anchor))
        alive = {row[0] for row in entity_rows}
        db.executemany("UPDATE resolve_atoms SET entity_id = ? WHERE atom = ?", atom_updates)
        for old in retired:
            if old not in alive:
                db.execute("DELETE FROM resolve_entities WHERE entity_id = ?", (old,))
        db.executemany(
            "INSERT INTO resolve_redirects (old_id, new_id, run) VALUES (?, ?, ?) "
            "ON CONFLICT(old_id) DO UPDATE SET new_id = excluded.new_id, run = excluded.run",
            [(old, new, self.run) for old, new in retired.items() if old not in alive],
        )
        db.execute(
            "UPDATE resolve_redirects SET new_id = (SELECT r2.new_id FROM resolve_redirects r2 "
            "WHERE r2.old_id = resolve_redirects.new_id) WHERE new_id IN "
            "(SELECT old_id FROM resolve_redirects)"
        )
        db.executemany("DELETE FROM resolve_redirects WHERE old_id = ?", [(e,) for e in alive])
        db.executemany(
            "INSERT INTO resolve_entities (entity_id, grp, kind, name, identifiers, mentions, "
            "atoms, anchor_seq, run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(entity_id) DO UPDATE SET kind = excluded.kind, name = excluded.name, "
            "identifiers = excluded.identifiers, mentions = excluded.mentions, "
            "atoms = excluded.atoms, anchor_seq = excluded.anchor_seq, run = excluded.run",
            [(*row, self.run) for row in entity_rows],
        )
        scored = result.scored
        levels = _LevelCache(model, result.params, scored)
        edge_rows = []
        for edge in result.edges:
            a, b = int(scored.i[edge.pair]), int(scored.j[edge.pair])
            judgement = (
                judgement_of.get((min(a, b), max(a, b))) if edge.rule == RULE_JUDGEMENT else None
            )
            edge_rows.append(
                (
                    atoms.ids[rows[a]],
                    atoms.ids[rows[b]],
                    edge.rule,
                    float(scored.weight[edge.pair]),
                    float(scored.probability[edge.pair]),
                    levels(edge.pair),
                    judgement,
                    self.run,
                )
            )
        db.executemany(
            "INSERT INTO resolve_edges (atom_a, atom_b, rule, weight, probability, levels, "
            "judgement, run) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            edge_rows,
        )
        possible_rows = []
        for found in result.possible:
            a, b = int(scored.i[found.pair]), int(scored.j[found.pair])
            atom_a, atom_b = sorted((atoms.ids[rows[a]], atoms.ids[rows[b]]))
            possible_rows.append(
                (
                    atom_a,
                    atom_b,
                    float(scored.weight[found.pair]),
                    float(scored.probability[found.pair]),
                    levels(found.pair),
                    found.reason,
                    self.run,
                )
            )
        db.executemany(
            "INSERT OR REPLACE INTO resolve_possible (atom_a, atom_b, weight, probability, "
            "levels, reason, run) VALUES (?, ?, ?, ?, ?, ?, ?)",
            possible_rows,
        )
        db.executemany(
            "INSERT OR IGNORE INTO resolve_cannot (atom_a, atom_b, rule) VALUES (?, ?, ?)",
            [
                (*sorted((atoms.ids[rows[a]], atoms.ids[rows[b]])), rule)
                for a, b, rule in result.enemies
            ],
        )
        return {
            "entities_written": len(entity_rows),
            "retired": len(retired),
            "edges": len(edge_rows),
            "possible": len(possible_rows),
        }

    @staticmethod
    def _entity_row(
        atoms: _Atoms, group_rows: list[int], entity: str, anchor: int
    ) -> tuple[Any, ...]:
        kinds: Counter[str] = Counter()
        best = group_rows[0]
        identifiers: set[str] = set()
        scheme = _SCHEMES[atoms.group]
        for r in group_rows:
            f = atoms.features[r]
            kinds[f.kind] += atoms.mentions[r]
            if (atoms.mentions[r], -atoms.first_seq[r]) > (
                atoms.mentions[best],
                -atoms.first_seq[best],
            ):
                best = r
            if f.rfc:
                identifiers.add(f"{scheme}:{f.rfc}")
            if f.curp:
                identifiers.add(f"MX-CURP:{f.curp}")
            if f.clave:
                identifiers.add(f"MX-FIDEICOMISO:{f.clave}")
        return (
            entity,
            atoms.group,
            kinds.most_common(1)[0][0],
            atoms.name[best],
            json.dumps(sorted(identifiers)),
            sum(atoms.mentions[r] for r in group_rows),
            len(group_rows),
            atoms.first_seq[anchor],
        )

    def counts(self) -> tuple[int, int, int]:
        mentions = self.db.execute("SELECT count(*) FROM resolve_mentions").fetchone()[0]
        entities = self.db.execute("SELECT count(*) FROM resolve_entities").fetchone()[0]
        return mentions, entities, len(_open_possible(self))


def _canonical(work: _Work, entity_id: str) -> str | None:
    """The live id of an entity id, following redirects (``None`` if unknown)."""
    seen = set()
    current = entity_id
    while current not in seen:
        seen.add(current)
        if work.db.execute(
            "SELECT 1 FROM resolve_entities WHERE entity_id = ?", (current,)
        ).fetchone():
            return current
        row = work.db.execute(
            "SELECT new_id FROM resolve_redirects WHERE old_id = ?", (current,)
        ).fetchone()
        if row is None:
            return None
        current = row[0]
    return None


def _members(work: _Work, entity_id: str) -> list[str]:
    return [
        r[0]
        for r in work.db.execute(
            "SELECT m.mention_id FROM resolve_mentions m JOIN resolve_atoms a ON a.atom = m.atom "
            "WHERE a.entity_id = ? ORDER BY m.seq",
            (entity_id,),
        )
    ]


def _open_possible(work: _Work, status: str | None = "possible") -> list[PossibleMatch]:
    rows = work.db.execute(
        "SELECT aa.entity_id, ab.entity_id, aa.first_mention, ab.first_mention, aa.name, "
        "ab.name, p.probability, p.weight, p.reason, p.levels FROM resolve_possible p "
        "JOIN resolve_atoms aa ON aa.atom = p.atom_a JOIN resolve_atoms ab ON ab.atom = p.atom_b "
        "WHERE aa.entity_id != ab.entity_id ORDER BY p.probability DESC"
    ).fetchall()
    judged: dict[frozenset[str], str] = {}
    effective = work.effective_judgements()
    if effective:
        members = {m for j in effective for m in (*j.a_members, *j.b_members)}
        where = work.atoms_of_mentions(members)
        entity_of_atom = dict(
            work.db.execute(
                f"SELECT atom, entity_id FROM resolve_atoms WHERE atom IN "
                f"({','.join(str(int(a)) for a in set(where.values())) or 'NULL'})"
            ).fetchall()
        )
        for j in effective:
            side_a = {entity_of_atom[where[m]] for m in j.a_members if m in where}
            side_b = {entity_of_atom[where[m]] for m in j.b_members if m in where}
            for x in side_a:
                for y in side_b:
                    judged[frozenset((x, y))] = j.verdict
    seen: set[frozenset[str]] = set()
    out: list[PossibleMatch] = []
    for ea, eb, ma, mb, na, nb, probability, weight, reason, levels in rows:
        pair = frozenset((ea, eb))
        if pair in seen:
            continue
        seen.add(pair)
        verdict = judged.get(pair)
        found_status = "possible" if verdict is None else verdict
        if status is not None and found_status != status:
            continue
        out.append(
            PossibleMatch(
                entity_a=ea,
                entity_b=eb,
                mention_a=ma,
                mention_b=mb,
                name_a=na,
                name_b=nb,
                probability=probability,
                weight=weight,
                reason=reason,
                levels=json.loads(levels).get("levels", {}),
                status=found_status,
            )
        )
    return out
