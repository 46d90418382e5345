"""A generated sector, ingested and loaded, with its ground truth read back.

``build_sector`` runs the real pipeline (generate → ingest every file → load, which
resolves entities) into a folder; ``Truth`` maps graph nodes to the generator's true
entities through the mentions each node was built from (``source:file:row:field``).
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.demo import GENERATED_SOURCES
from ingest.generate import generate
from ingest.pipeline import LoadReport, ingest_files, load
from registry.model import NodeKind
from registry.settings import Backend, Settings
from registry.store import EmbeddedStore

SEED = 7


@dataclass
class Sector:
    data: Path
    settings: Settings
    load: LoadReport

    def store(self) -> EmbeddedStore:
        return EmbeddedStore.open(self.settings.workspace)

    def truth_rows(self, name: str) -> list[dict[str, str]]:
        with (self.data / "truth" / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def truth_json(self, name: str) -> Any:
        return json.loads((self.data / "truth" / name).read_text(encoding="utf-8"))

    def mention_entities(self) -> dict[str, str]:
        return read_mentions(self.data / "truth")


def read_mentions(truth: Path) -> dict[str, str]:
    """Mention id (as the resolver and node sources write it) → true entity id."""
    with (truth / "mentions.csv").open(encoding="utf-8", newline="") as handle:
        return {
            f"{GENERATED_SOURCES[r['file']]}:{r['file']}:{r['row']}:{r['field']}": r["entity_id"]
            for r in csv.DictReader(handle)
        }


def majority_entity(sources: Iterable[str], mentions: Mapping[str, str]) -> str | None:
    """The true entity most of a node's mentions belong to."""
    votes = Counter(e for s in sources if (e := mentions.get(s)) is not None)
    return votes.most_common(1)[0][0] if votes else None


def build_sector(folder: Path, scale: int, seed: int = SEED) -> Sector:
    data = folder / "sector"
    generate(data, scale, seed)
    settings = Settings(workspace=folder / "workspace")
    for name, source in GENERATED_SOURCES.items():
        ingest_files(settings, source, [data / name])
    report = load(settings, Backend.EMBEDDED)
    return Sector(data, settings, report)


@dataclass
class Truth:
    """Which true entities each node stands for, and the other way round."""

    of_node: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    of_entity: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    @classmethod
    def read(cls, store: EmbeddedStore, mentions: dict[str, str]) -> Truth:
        truth = cls()
        for node in store.iter_nodes(list(NodeKind)):
            for source in node.sources:
                entity = mentions.get(source)
                if entity is not None:
                    truth.of_node[node.id][entity] += 1
                    truth.of_entity[entity][node.id] += 1
        return truth

    def node(self, entity: str) -> str | None:
        """The node that holds most mentions of ``entity``."""
        nodes = self.of_entity.get(entity)
        return nodes.most_common(1)[0][0] if nodes else None

    def entity(self, node: str) -> str | None:
        """The true entity most of the node's mentions belong to."""
        entities = self.of_node.get(node)
        return entities.most_common(1)[0][0] if entities else None
