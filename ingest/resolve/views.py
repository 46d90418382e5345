"""Read-only views of the results: mention → entity, entities with members, possible
matches, and the explanation of every merge."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ingest.ledger import Ledger
from ingest.resolve.workspace import (
    PossibleMatch,
    _canonical,
    _open_possible,
    _Work,
)
from registry.errors import NotFoundError

__all__ = [
    "Explanation",
    "entity_map",
    "entity_of",
    "explain",
    "explain_pair",
    "iter_entities",
    "matches",
    "redirects",
]


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why an entity holds its mentions: groups of identical mentions and the merges."""

    entity: dict[str, Any]
    atoms: list[list[str]]
    edges: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "identical": self.atoms, "merges": self.edges}


# -- reading results ---------------------------------------------------------------------------
def entity_map(ledger: Ledger) -> dict[str, str]:
    """Mention id → canonical entity id, for every resolved mention.

    A mention id that two records share (two versions of one file) maps to the entity of
    the later record.
    """
    work = _Work(ledger.path)
    try:
        return dict(
            work.db.execute(
                "SELECT m.mention_id, a.entity_id FROM resolve_mentions m "
                "JOIN resolve_atoms a ON a.atom = m.atom ORDER BY m.seq"
            ).fetchall()
        )
    finally:
        work.close()


def entity_of(ledger: Ledger) -> Callable[[str], str | None]:
    """A lookup mention id → canonical entity id (``None`` when not resolved).

    >>> # lookup = entity_of(ledger); lookup("bo-declarations:d.csv:3:RAZON_SOCIAL")
    """
    return entity_map(ledger).get


def _entity_dict(row: Sequence[Any], members: list[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": row[0],
        "kind": row[1],
        "name": row[2],
        "identifiers": json.loads(row[3]),
    }
    if members is not None:
        out["members"] = members
    return out


def iter_entities(ledger: Ledger, *, members: bool = True) -> Iterable[dict[str, Any]]:
    """Every entity as ``{"id", "kind", "name", "identifiers", "members"}``, by id."""
    work = _Work(ledger.path)
    try:
        rows = work.db.execute(
            "SELECT entity_id, kind, name, identifiers FROM resolve_entities ORDER BY entity_id"
        )
        if not members:
            for row in rows:
                yield _entity_dict(row)
            return
        member_rows = work.db.execute(
            "SELECT a.entity_id, m.mention_id FROM resolve_mentions m "
            "JOIN resolve_atoms a ON a.atom = m.atom ORDER BY a.entity_id, m.seq"
        )
        pending = next(member_rows, None)
        for row in rows:
            found: list[str] = []
            while pending is not None and pending[0] < row[0]:
                pending = next(member_rows, None)
            while pending is not None and pending[0] == row[0]:
                found.append(pending[1])
                pending = next(member_rows, None)
            yield _entity_dict(row, found)
    finally:
        work.close()


def _edge_dict(row: Sequence[Any], first: dict[int, str]) -> dict[str, Any]:
    atom_a, atom_b, rule, weight, probability, levels, judgement, run = row
    detail = json.loads(levels)
    return {
        "a": first.get(atom_a, str(atom_a)),
        "b": first.get(atom_b, str(atom_b)),
        "rule": rule,
        "weight": round(weight, 3),
        "probability": round(probability, 6),
        "levels": detail.get("levels", {}),
        "prior": detail.get("prior"),
        "term_frequency": detail.get("term_frequency", 0.0),
        "judgement": judgement,
        "run": run,
    }


def explain(ledger: Ledger, entity_id: str) -> Explanation:
    """Why an entity holds its mentions: which are identical, and each merge with its rule,
    comparison levels, match weights, probability and judgement."""
    work = _Work(ledger.path)
    try:
        live = _canonical(work, entity_id)
        if live is None:
            raise NotFoundError(
                f"no entity {entity_id!r}: run `registry resolve` first?", id=entity_id
            )
        row = work.db.execute(
            "SELECT entity_id, kind, name, identifiers FROM resolve_entities WHERE entity_id = ?",
            (live,),
        ).fetchone()
        groups: dict[int, list[str]] = defaultdict(list)
        for atom, mention_id in work.db.execute(
            "SELECT m.atom, m.mention_id FROM resolve_mentions m JOIN resolve_atoms a "
            "ON a.atom = m.atom WHERE a.entity_id = ? ORDER BY m.seq",
            (live,),
        ):
            groups[atom].append(mention_id)
        first = {atom: members[0] for atom, members in groups.items()}
        edges = [
            _edge_dict(r, first)
            for r in work.db.execute(
                "SELECT e.atom_a, e.atom_b, e.rule, e.weight, e.probability, e.levels, "
                "e.judgement, e.run FROM resolve_edges e "
                "JOIN resolve_atoms a ON a.atom = e.atom_a "
                "JOIN resolve_atoms b ON b.atom = e.atom_b "
                "WHERE a.entity_id = ? AND b.entity_id = ? ORDER BY e.id",
                (live, live),
            )
        ]
        return Explanation(
            entity=_entity_dict(row, [m for ms in groups.values() for m in ms]),
            atoms=list(groups.values()),
            edges=edges,
        )
    finally:
        work.close()


def explain_pair(ledger: Ledger, mention_a: str, mention_b: str) -> list[dict[str, Any]]:
    """The chain of merges that put two mentions in one entity (``[]`` if identical
    features put them together; ``NotFoundError`` if they are apart)."""
    work = _Work(ledger.path)
    try:
        where = work.atoms_of_mentions([mention_a, mention_b])
        for m in (mention_a, mention_b):
            if m not in where:
                raise NotFoundError(f"no resolved mention {m!r}", mention=m)
        atom_a, atom_b = where[mention_a], where[mention_b]
        entities = dict(
            work.db.execute(
                "SELECT atom, entity_id FROM resolve_atoms WHERE atom IN (?, ?)", (atom_a, atom_b)
            ).fetchall()
        )
        if entities[atom_a] != entities[atom_b]:
            raise NotFoundError(
                f"{mention_a!r} and {mention_b!r} are in different entities",
                a=entities[atom_a],
                b=entities[atom_b],
            )
        if atom_a == atom_b:
            return []
        rows = work.db.execute(
            "SELECT e.atom_a, e.atom_b, e.rule, e.weight, e.probability, e.levels, e.judgement, "
            "e.run FROM resolve_edges e JOIN resolve_atoms a ON a.atom = e.atom_a "
            "JOIN resolve_atoms b ON b.atom = e.atom_b WHERE a.entity_id = ? AND b.entity_id = ?",
            (entities[atom_a], entities[atom_a]),
        ).fetchall()
        graph: dict[int, list[tuple[int, Sequence[Any]]]] = defaultdict(list)
        for r in rows:
            graph[r[0]].append((r[1], r))
            graph[r[1]].append((r[0], r))
        previous: dict[int, tuple[int, Sequence[Any]] | None] = {atom_a: None}
        queue = [atom_a]
        while queue:
            current = queue.pop(0)
            if current == atom_b:
                break
            for other, r in graph[current]:
                if other not in previous:
                    previous[other] = (current, r)
                    queue.append(other)
        if atom_b not in previous:
            raise NotFoundError(f"no chain of merges between {mention_a!r} and {mention_b!r}")
        first = dict(
            work.db.execute(
                "SELECT atom, first_mention FROM resolve_atoms WHERE entity_id = ?",
                (entities[atom_a],),
            ).fetchall()
        )
        path: list[dict[str, Any]] = []
        node = atom_b
        while previous[node] is not None:
            before, r = previous[node]  # type: ignore[misc]
            path.append(_edge_dict(r, first))
            node = before
        return list(reversed(path))
    finally:
        work.close()


def redirects(ledger: Ledger) -> dict[str, str]:
    """Retired canonical id → the live id it was merged into (empty before a resolve)."""
    work = _Work(ledger.path)
    try:
        found = dict(work.db.execute("SELECT old_id, new_id FROM resolve_redirects").fetchall())
    finally:
        work.close()
    # The table is kept flat (each old id points at a live id); follow any chain anyway.
    for old, new in list(found.items()):
        seen = {old}
        while new in found and new not in seen:
            seen.add(new)
            new = found[new]
        found[old] = new
    return found


def matches(ledger: Ledger, *, status: str | None = "possible") -> list[PossibleMatch]:
    """Possible matches between two entities (one per entity pair, strongest first).

    ``status``: ``possible`` (not judged yet), ``unsure``, ``different`` or ``same`` (judged,
    kept apart by a constraint), or ``None`` for all.
    """
    work = _Work(ledger.path)
    try:
        return _open_possible(work, status)
    finally:
        work.close()
