"""Merged ids: where an id that the resolver retired (or a resolver entity id) lives now.

Entity resolution merges two entities when a match is judged "same" (or a re-run links
them); the older id survives and the other redirects to it. Graph node ids of tabular
parties are ``make_id(prefix, "entity:<canonical id>")``, so a node id made from a retired
entity id disappears at the next load. This module maps

* a resolver entity id (``ent-…``), live or retired, and
* a node id made from a retired entity id

to the node id of the live entity, which the routes answer with 308. The map is read from
the ledger and kept until the ledger file changes.
"""

from __future__ import annotations

import threading
from pathlib import Path

from ingest.ledger import Ledger
from ingest.resolve import redirects
from registry.model import NODE_ID_PREFIX, NodeKind, make_id
from registry.settings import Settings
from registry.store import GraphStore

__all__ = ["MergedIds", "node_of_entity"]

_PARTY_PREFIXES = tuple(NODE_ID_PREFIX[k] for k in NodeKind if k.is_party)


def _node_ids(entity: str) -> list[str]:
    return [make_id(prefix, f"entity:{entity}") for prefix in _PARTY_PREFIXES]


def node_of_entity(store: GraphStore, entity: str) -> str | None:
    """The graph node of a live resolver entity, if the store has it."""
    return next((n for n in _node_ids(entity) if store.node(n) is not None), None)


class MergedIds:
    """Retired id → live entity id, cached per ledger modification time."""

    def __init__(self, settings: Settings) -> None:
        self._path: Path = settings.ledger_path
        self._lock = threading.Lock()
        self._stamp: float | None = None
        self._entities: dict[str, str] = {}
        self._nodes: dict[str, str] = {}

    def _refresh(self) -> None:
        try:
            stamp = self._path.stat().st_mtime
        except FileNotFoundError:
            self._stamp, self._entities, self._nodes = None, {}, {}
            return
        if stamp == self._stamp:
            return
        with Ledger(self._path) as ledger:
            entities = redirects(ledger)
        self._entities = entities
        self._nodes = {node: new for old, new in entities.items() for node in _node_ids(old)}
        self._stamp = stamp

    def target(self, store: GraphStore, ref: str) -> str | None:
        """The node id that ``ref`` was merged into, if ``ref`` is a merged or resolver id
        and that node exists in the store."""
        with self._lock:
            self._refresh()
            entity = self._nodes.get(ref)
            if entity is None and ref.startswith("ent-"):
                entity = self._entities.get(ref, ref)
        if entity is None:
            return None
        found = node_of_entity(store, entity)
        return found if found != ref else None
