"""A workspace for the API and page tests: the generated sector (scale 1) and the demo's
BODS group, ingested, resolved, one possible match judged "same" (so that an id was merged
away), and loaded; and a trust planted in the chain of a holder with circular ownership.

Built once per test session (about 10 s); ``fill`` copies its graph into any store.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

from ingest.demo import GENERATED_SOURCES, write_demo_file
from ingest.generate import generate
from ingest.ledger import Ledger
from ingest.pipeline import ingest_files, load
from ingest.resolve import judge, matches, redirects
from registry.diagram import DIAGRAM_ROLES
from registry.model import NODE_ID_PREFIX, EdgeRole, NodeKind, make_id
from registry.queries import owners_of
from registry.settings import Backend, Settings
from registry.store import EmbeddedStore, GraphStore

#: The trust the tests plant in a holder's chain (its name is searched for).
PLANTED_TRUST = "Fideicomiso Irrevocable de Prueba F/990001"
PLANTED_KEY = "F/990001"


@dataclass(frozen=True)
class ApiWorkspace:
    settings: Settings
    holder: str  # node id of a contract holder with a trust and a cycle upstream
    holder_name: str
    retired: str  # node id that a "same" judgement merged away
    survivor: str  # the node id it answers 308 to
    retired_entity: str  # the resolver's retired entity id

    def store(self) -> EmbeddedStore:
        return EmbeddedStore.open(self.settings.workspace)

    def copy(self, folder: Path) -> Settings:
        """A copy of the workspace (ledger and graph) that a test may change."""
        shutil.copytree(self.settings.workspace, folder)
        return Settings(workspace=folder)


#: Hops of ownership and holding around the seeds that ``fill`` copies.
_HOPS = 4


def fill(store: GraphStore, workspace: ApiWorkspace) -> None:
    """Write a slice of the workspace's graph into ``store``: everything within a few
    hops of ownership or holding of the holder, the demo group and the merged pair, with
    every link of those three (a full copy into Neo4j would cost 20 s per test module).
    Both stores get the same slice, so their answers can be compared."""
    source = workspace.store()
    demo = source.find("MX-RFC:PGD150101AB1")
    assert demo is not None
    seeds = [workspace.holder, demo.id, workspace.survivor]
    keep = set(seeds)
    frontier = list(seeds)
    for _ in range(_HOPS):
        links = source.edges_of(frontier, DIAGRAM_ROLES)
        frontier = [n for n in links.nodes if n not in keep]
        keep.update(frontier)
    keep.update(source.edges_of(seeds, list(EdgeRole)).nodes)
    nodes = [n for n in source.iter_nodes(list(NodeKind)) if n.id in keep]
    edges = [e for e in source.iter_edges(list(EdgeRole)) if e.source in keep and e.target in keep]
    store.ensure_schema()
    store.write(nodes, edges)


def _node_of(store: EmbeddedStore, entity: str) -> str | None:
    for kind in NodeKind:
        if kind.is_party:
            node_id = make_id(NODE_ID_PREFIX[kind], f"entity:{entity}")
            if store.node(node_id) is not None:
                return node_id
    return None


def _holder_with_cycle(store: EmbeddedStore) -> str:
    """A contract holder whose owners include a circular-ownership group."""
    holders = sorted(
        {
            e.source
            for e in store.iter_edges({EdgeRole.PARTICIPATION, EdgeRole.HOLDING})
            if (n := store.node(e.source)) is not None and n.kind is NodeKind.COMPANY
        }
    )
    best: tuple[int, str] | None = None
    for holder in holders:
        groups = owners_of(store, holder, max_paths=1).circular
        size = max((len(g) for g in groups), default=0)
        if size and (best is None or size > best[0]):
            best = (size, holder)
    if best is None:
        raise AssertionError("the generated sector has no holder with circular ownership upstream")
    return best[1]


def _plant_trust(data: Path, holder_name: str, holder_rfc: str | None) -> Path:
    """A declaration that a trust holds 25 % of the holder, with its beneficiary."""
    with (data / "bo-declarations.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    base = dict.fromkeys(header, "")
    common = {
        "ID_DECLARACION": "DBF-2024-9990001",
        "FECHA_DECLARACION": "2024-02-01",
        "EMPRESA_DECLARANTE": holder_name,
        "RFC_EMPRESA": holder_rfc or "",
        "DIRECTO_INDIRECTO": "Directo",
        "FECHA_INICIO": "2020-01-15",
        "CLAVE_FIDEICOMISO": PLANTED_KEY,
        "FUENTE": "Declaración BF (SAT)",
    }
    trust_row = {
        **base,
        **common,
        "TIPO_TITULAR": "fideicomiso",
        "RAZON_SOCIAL": PLANTED_TRUST,
        "TIPO_INTERES": "Accionista",
        "PORCENTAJE": "25%",
    }
    person_row = {
        **base,
        **common,
        "TIPO_TITULAR": "Persona física",
        "NOMBRE": "ROSARIO",
        "PRIMER_APELLIDO": "QUINTERO",
        "SEGUNDO_APELLIDO": "VELASCO",
        "RFC": "QUVR800101AB1",
        "NACIONALIDAD": "MEX",
        "TIPO_INTERES": "Fideicomisario",
        "DIRECTO_INDIRECTO": "Indirecto",
    }
    path = data / "bo-declarations-planted.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerow(trust_row)
        writer.writerow(person_row)
    return path


def build_api_workspace(folder: Path) -> ApiWorkspace:
    data = folder / "data"
    generate(data, 1, 1)
    settings = Settings(workspace=folder / "workspace")
    ingest_files(settings, "bods", [write_demo_file(data)])
    for name, source in GENERATED_SOURCES.items():
        ingest_files(settings, source, [data / name])
    load(settings, Backend.EMBEDDED)
    before = EmbeddedStore.open(settings.workspace)
    holder = _holder_with_cycle(before)
    node = before.node(holder)
    assert node is not None
    rfc = next((i.id for i in node.identifiers if i.scheme == "MX-RFC"), None)
    ingest_files(settings, "bo-declarations", [_plant_trust(data, node.name, rfc)])
    with Ledger(settings.ledger_path) as ledger:
        pair = next(
            m
            for m in matches(ledger, status="possible")
            if _node_of(before, m.entity_a) and _node_of(before, m.entity_b)
        )
        judge(ledger, pair.entity_a, pair.entity_b, "same", by="fixture")
        moved = redirects(ledger)
    load(settings, Backend.EMBEDDED)
    after = EmbeddedStore.open(settings.workspace)
    retired_entity = pair.entity_a if pair.entity_a in moved else pair.entity_b
    survivor_entity = moved[retired_entity]
    retired = _node_of(before, retired_entity)
    survivor = _node_of(after, survivor_entity)
    assert retired is not None
    assert survivor is not None
    assert after.node(retired) is None
    return ApiWorkspace(
        settings=settings,
        holder=holder,
        holder_name=node.name,
        retired=retired,
        survivor=survivor,
        retired_entity=retired_entity,
    )
