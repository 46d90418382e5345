"""Human judgements: same, different, unsure; who and when. They override scores, are
applied at once, survive re-runs, and travel as JSON Lines (nomenklatura's ledger of
judgements is the model: decisions kept apart from the suggestions they answer)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ingest.ledger import Ledger
from ingest.resolve.engine import link
from ingest.resolve.models import MODELS
from ingest.resolve.workspace import (
    VERDICTS,
    Judgement,
    _canonical,
    _features_from,
    _frame,
    _members,
    _now,
    _Work,
)
from registry.errors import InvalidInputError, NotFoundError

__all__ = ["export_judgements", "import_judgements", "judge", "judgements"]


# -- judgements --------------------------------------------------------------------------------
def judgements(ledger: Ledger) -> list[Judgement]:
    work = _Work(ledger.path)
    try:
        return work.judgements()
    finally:
        work.close()


def _side(work: _Work, ident: str) -> tuple[str, list[str]]:
    """(live entity id, member mention ids of this side of a judgement)."""
    where = work.atoms_of_mentions([ident])
    if ident in where:
        entity = work.db.execute(
            "SELECT entity_id FROM resolve_atoms WHERE atom = ?", (where[ident],)
        ).fetchone()[0]
        return entity, [ident]
    live = _canonical(work, ident)
    if live is None:
        raise NotFoundError(
            f"{ident!r} is neither a resolved mention (<source>:<file>:<row>:<field>) nor an "
            "entity id: run `registry resolve`, then `registry entities` to see the ids",
            id=ident,
        )
    return live, _members(work, live)


def _strong_ids(work: _Work, entity: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"rfc": set(), "curp": set()}
    for (text,) in work.db.execute(
        "SELECT features FROM resolve_atoms WHERE entity_id = ?", (entity,)
    ):
        f = _features_from(text)
        if f.rfc and f.rfc_ok:
            found["rfc"].add(f.rfc)
        if f.curp and f.curp_ok:
            found["curp"].add(f.curp)
    return found


def judge(
    ledger: Ledger,
    a: str,
    b: str,
    verdict: str,
    by: str = "anonymous",
    *,
    note: str | None = None,
    at: str | None = None,
) -> Judgement:
    """Record that ``a`` and ``b`` (entity or mention ids) are the same, different, or that
    the judge is unsure, and apply it now: "same" merges the two entities, "different"
    splits an entity that holds both and keeps them apart in every later run."""
    if verdict not in VERDICTS:
        raise InvalidInputError(
            f"verdict {verdict!r} is not one of: {', '.join(VERDICTS)}", verdict=verdict
        )
    if a == b:
        raise InvalidInputError("a judgement needs two different ids", id=a)
    work = _Work(ledger.path)
    try:
        entity_a, members_a = _side(work, a)
        entity_b, members_b = _side(work, b)
        if verdict == "same" and entity_a != entity_b:
            ids_a, ids_b = _strong_ids(work, entity_a), _strong_ids(work, entity_b)
            for scheme in ("rfc", "curp"):
                if ids_a[scheme] and ids_b[scheme] and ids_a[scheme] != ids_b[scheme]:
                    raise InvalidInputError(
                        f"{a} and {b} hold different valid {scheme.upper()}s "
                        f"({', '.join(sorted(ids_a[scheme] | ids_b[scheme]))}): two different "
                        f"valid {scheme.upper()}s are never one entity",
                        a=a,
                        b=b,
                    )
        judgement = _store_judgement(
            work, a, b, verdict, by, at or _now(), members_a, members_b, note
        )
        with work.db:
            _apply(work, judgement)
        return judgement
    finally:
        work.close()


def _store_judgement(
    work: _Work,
    a: str,
    b: str,
    verdict: str,
    by: str,
    at: str,
    members_a: Sequence[str],
    members_b: Sequence[str],
    note: str | None,
) -> Judgement:
    with work.db:
        cursor = work.db.execute(
            "INSERT INTO resolve_judgements (a, b, verdict, judged_by, judged_at, a_members, "
            "b_members, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (a, b, verdict, by, at, json.dumps(list(members_a)), json.dumps(list(members_b)), note),
        )
    return Judgement(
        id=int(cursor.lastrowid or 0),
        a=a,
        b=b,
        verdict=verdict,
        by=by,
        at=at,
        a_members=tuple(members_a),
        b_members=tuple(members_b),
        note=note,
    )


def _pin(work: _Work, judgement: Judgement) -> None:
    """Give the b-side mentions that share an atom with the a side an atom of their own, so
    that a "different" between two mentions with equal features can split them."""
    where = work.atoms_of_mentions([*judgement.a_members, *judgement.b_members])
    shared = {where[m] for m in judgement.a_members if m in where} & {
        where[m] for m in judgement.b_members if m in where
    }
    if not shared:
        return
    next_atom = 1 + work.db.execute("SELECT max(atom) FROM resolve_atoms").fetchone()[0]
    for atom in sorted(shared):
        moving = [m for m in judgement.b_members if where.get(m) == atom]
        row = work.db.execute(
            "SELECT grp, fingerprint, features, name, entity_id FROM resolve_atoms WHERE atom = ?",
            (atom,),
        ).fetchone()
        seqs = work.db.execute(
            f"SELECT seq, mention_id FROM resolve_mentions WHERE atom = ? AND mention_id IN "
            f"({','.join('?' * len(moving))}) ORDER BY seq",
            (atom, *moving),
        ).fetchall()
        work.db.execute(
            "INSERT INTO resolve_atoms (atom, grp, fingerprint, pinned, features, first_seq, "
            "first_mention, name, mentions, entity_id) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
            (next_atom, row[0], row[1], row[2], seqs[0][0], seqs[0][1], row[3], len(seqs), row[4]),
        )
        work.db.executemany(
            "UPDATE resolve_mentions SET atom = ? WHERE seq = ?", [(next_atom, s) for s, _ in seqs]
        )
        first = work.db.execute(
            "SELECT seq, mention_id FROM resolve_mentions WHERE atom = ? ORDER BY seq LIMIT 1",
            (atom,),
        ).fetchone()
        work.db.execute(
            "UPDATE resolve_atoms SET mentions = mentions - ?, first_seq = ?, first_mention = ? "
            "WHERE atom = ?",
            (len(seqs), first[0], first[1], atom),
        )
        next_atom += 1


def _recluster(work: _Work, entity_ids: Sequence[str]) -> None:
    """Cluster the atoms of some entities again from scratch (after a judgement)."""
    marks = ",".join("?" * len(entity_ids))
    groups = work.load_atoms(f"WHERE entity_id IN ({marks})", list(entity_ids))
    index = {atom: (g, row) for g, atoms in groups.items() for row, atom in enumerate(atoms.ids)}
    if not index:
        return
    atom_ids = list(index)
    placeholders = ",".join(str(int(a)) for a in atom_ids)
    work.db.execute(
        f"DELETE FROM resolve_edges WHERE atom_a IN ({placeholders}) OR atom_b IN ({placeholders})"
    )
    labels = work.row_labels(index)
    judgement_labels, same = work.judgement_constraints(index)
    for key, values in judgement_labels.items():
        labels[key].extend(values)
    enemies = work.enemies(index)
    for group, atoms in groups.items():
        if not len(atoms):
            continue
        model = MODELS[group]
        result, rows, judgement_of = work.cluster(
            atoms,
            list(range(len(atoms))),
            model,
            params=work.params(group),
            fit=work.params(group) is None,
            labels=labels,
            same=same.get(group, []),
            enemies=enemies.get(group, []),
            incremental=False,
        )
        work.write_result(atoms, model, result, rows, judgement_of, replace_edges=True)


def _entities_of(work: _Work, members: Sequence[str]) -> set[str]:
    where = work.atoms_of_mentions(members)
    atoms = sorted(set(where.values()))
    if not atoms:
        return set()
    return {
        r[0]
        for r in work.db.execute(
            f"SELECT entity_id FROM resolve_atoms WHERE atom IN "
            f"({','.join(str(int(a)) for a in atoms)})"
        )
    }


def _merge_entities(work: _Work, judgement: Judgement, entities: Sequence[str]) -> None:
    """Join whole entities after a "same", with one edge for the judgement."""
    marks = ",".join("?" * len(entities))
    groups = work.load_atoms(f"WHERE entity_id IN ({marks})", list(entities))
    where = work.atoms_of_mentions([judgement.a_members[0], judgement.b_members[0]])
    for group, atoms in groups.items():
        if len(atoms) < 2:
            continue
        rows = list(range(len(atoms)))
        local = {atom: row for row, atom in enumerate(atoms.ids)}
        a = local.get(where.get(judgement.a_members[0], -1))
        b = local.get(where.get(judgement.b_members[0], -1))
        if a is None or b is None:
            continue
        model = MODELS[group]
        codes: dict[str, int] = {}
        initial = np.asarray([codes.setdefault(e, len(codes)) for e in atoms.entity])
        frame = _frame(atoms)
        pair = (np.asarray([min(a, b)], dtype=np.int64), np.asarray([max(a, b)], dtype=np.int64))
        result = link(
            frame,
            model,
            params=work.params(group),
            fit=work.params(group) is None,
            initial=initial,
            same=[(a, b)],
            pairs=pair,
        )
        work.write_result(
            atoms, model, result, rows, {(min(a, b), max(a, b)): judgement.id}, replace_edges=False
        )


def _apply(work: _Work, judgement: Judgement) -> None:
    """Apply a new judgement to the stored clusters."""
    if judgement.verdict == "unsure":
        return
    side_a = _entities_of(work, judgement.a_members)
    side_b = _entities_of(work, judgement.b_members)
    if not side_a or not side_b:
        return  # not resolved yet: the next run applies it
    if judgement.verdict == "same":
        entities = sorted(side_a | side_b)
        if len(entities) > 1:
            _merge_entities(work, judgement, entities)
        return
    both = sorted(side_a & side_b)
    if not both:
        return  # already apart; every later run keeps them apart
    _pin(work, judgement)
    _recluster(work, both)


# -- export and import -------------------------------------------------------------------------
def export_judgements(ledger: Ledger, path: Path) -> int:
    """Write every judgement as JSON Lines; returns how many."""
    found = judgements(ledger)
    with path.open("w", encoding="utf-8") as out:
        for j in found:
            out.write(json.dumps(j.to_dict(), ensure_ascii=False) + "\n")
    return len(found)


def import_judgements(ledger: Ledger, path: Path) -> int:
    """Read judgements from JSON Lines (as ``export_judgements`` writes them), skip the ones
    already recorded, and apply the others. Returns how many were added."""
    added = 0
    work = _Work(ledger.path)
    try:
        known = {(j.a, j.b, j.verdict, j.by, j.at) for j in work.judgements()}
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                a, b, verdict = str(data["a"]), str(data["b"]), str(data["verdict"])
                by, at = str(data.get("by") or "anonymous"), str(data.get("at") or _now())
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InvalidInputError(
                    f"{path.name} line {number}: not a judgement ({exc})", line=number
                ) from exc
            if verdict not in VERDICTS:
                raise InvalidInputError(
                    f"{path.name} line {number}: verdict {verdict!r} is not one of "
                    f"{', '.join(VERDICTS)}",
                    line=number,
                )
            if (a, b, verdict, by, at) in known:
                continue
            members_a = [str(m) for m in data.get("a_members") or [a]]
            members_b = [str(m) for m in data.get("b_members") or [b]]
            judgement = _store_judgement(
                work, a, b, verdict, by, at, members_a, members_b, data.get("note")
            )
            known.add((a, b, verdict, by, at))
            with work.db:
                _apply(work, judgement)
            added += 1
        return added
    finally:
        work.close()
