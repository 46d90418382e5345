"""``Neo4jStore``: the graph in Neo4j over Bolt with the official driver.

Writes go in ``UNWIND $rows MERGE`` batches, one query text per label or relationship
type, the texts built once from the mapping table in ``registry.schema``. Reads fetch a
bounded neighbourhood breadth first — ids first, then the edges among them — and never
enumerate paths. Values are always parameters.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any, Final, TypeVar

from neo4j import Driver, GraphDatabase, ManagedTransaction, Session
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable
from neo4j.time import Date as Neo4jDate

from registry.codelists import DirectOrIndirect, InterestType, UnspecifiedReason
from registry.errors import ConfigurationError, NotFoundError, StoreUnavailableError
from registry.model import Edge, EdgeRole, Identifier, Node, NodeKind, Share, Subgraph
from registry.schema import INTEREST_REL_TYPES, NODE_LABELS, PARTY_LABEL, edge_rel_type
from registry.store.protocol import WriteStats

T = TypeVar("T")

_SCHEMA: Final[tuple[str, ...]] = (
    f"CREATE CONSTRAINT party_id IF NOT EXISTS FOR (n:{PARTY_LABEL}) REQUIRE n.id IS UNIQUE",
    f"CREATE INDEX party_record_id IF NOT EXISTS FOR (n:{PARTY_LABEL}) ON (n.record_id)",
    f"CREATE INDEX party_rfc IF NOT EXISTS FOR (n:{PARTY_LABEL}) ON (n.rfc)",
    f"CREATE INDEX party_curp IF NOT EXISTS FOR (n:{PARTY_LABEL}) ON (n.curp)",
    "CREATE FULLTEXT INDEX party_names IF NOT EXISTS FOR (n:"
    + "|".join(NODE_LABELS[k] for k in NodeKind if k is not NodeKind.UNSPECIFIED)
    + ") ON EACH [n.name]",
    *(
        f"CREATE INDEX rel_{rel.lower()}_id IF NOT EXISTS FOR ()-[r:{rel}]-() ON (r.id)"
        for rel in INTEREST_REL_TYPES
    ),
)

_OTHER_LABELS: Final = ":".join(NODE_LABELS.values())

#: One MERGE text per node label, from the mapping table.
_NODE_WRITES: Final[dict[NodeKind, str]] = {
    kind: (
        "UNWIND $rows AS row "
        f"MERGE (n:{PARTY_LABEL} {{id: row.id}}) "
        f"REMOVE n:{_OTHER_LABELS} "
        f"SET n = row, n:{label}"
    )
    for kind, label in NODE_LABELS.items()
}

#: One MERGE text per relationship type, from the mapping table.
_EDGE_WRITES: Final[dict[str, str]] = {
    rel: (
        "UNWIND $rows AS row "
        f"MATCH (a:{PARTY_LABEL} {{id: row.source}}) "
        f"MATCH (b:{PARTY_LABEL} {{id: row.target}}) "
        f"MERGE (a)-[r:{rel} {{id: row.id}}]->(b) "
        "SET r = row.props"
    )
    for rel in INTEREST_REL_TYPES
}

_IN_EDGES: Final = (
    "UNWIND $ids AS id "
    f"MATCH (a:{PARTY_LABEL})-[r]->(b:{PARTY_LABEL} {{id: id}}) "
    "WHERE type(r) IN $types "
    "RETURN b.id AS target, properties(a) AS source, properties(r) AS edge"
)
_NODE_BY_ID: Final = f"MATCH (n:{PARTY_LABEL} {{id: $ref}}) RETURN properties(n) AS n"
_NODE_BY_RECORD: Final = (
    f"MATCH (n:{PARTY_LABEL} {{record_id: $ref}}) RETURN properties(n) AS n ORDER BY n.id LIMIT 1"
)
_NODE_BY_RFC: Final = (
    f"MATCH (n:{PARTY_LABEL} {{rfc: $ref}}) RETURN properties(n) AS n ORDER BY n.id LIMIT 1"
)
_NODE_BY_CURP: Final = (
    f"MATCH (n:{PARTY_LABEL} {{curp: $ref}}) RETURN properties(n) AS n ORDER BY n.id LIMIT 1"
)
_NODE_BY_ALIAS: Final = (
    f"MATCH (n:{PARTY_LABEL}) WHERE $ref IN n.record_ids OR $ref IN n.identifier_keys "
    "RETURN properties(n) AS n ORDER BY n.id LIMIT 1"
)
_COUNT_NODES: Final = f"MATCH (n:{PARTY_LABEL}) RETURN n.kind AS kind, count(*) AS c"
_COUNT_EDGES: Final = "MATCH ()-[r]->() WHERE type(r) IN $types RETURN count(r) AS c"
_CLEAR: Final = (
    f"MATCH (n:{PARTY_LABEL}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS"
)


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _node_row(node: Node) -> dict[str, Any]:
    keys = [i.key for i in node.identifiers]
    row: dict[str, Any] = {
        "id": node.id,
        "kind": node.kind.value,
        "name": node.name,
        "identifier_keys": keys,
        "record_ids": list(node.record_ids),
        "record_id": node.record_ids[0] if node.record_ids else None,
        "rfc": next((i.id for i in node.identifiers if i.scheme in ("MX-RFC", "MEX-TAXID")), None),
        "curp": next((i.id for i in node.identifiers if i.scheme == "MX-CURP"), None),
        "entity_type": node.entity_type,
        "entity_subtype": node.entity_subtype,
        "person_type": node.person_type,
        "jurisdiction": node.jurisdiction,
        "unspecified_reason": node.unspecified_reason.value if node.unspecified_reason else None,
        "description": node.description,
        "politically_exposed": node.politically_exposed,
        "sources": list(node.sources),
    }
    return {k: v for k, v in row.items() if v is not None}


def _node_from(props: dict[str, Any]) -> Node:
    reason = props.get("unspecified_reason")
    return Node(
        id=props["id"],
        kind=NodeKind(props["kind"]),
        name=props.get("name", ""),
        identifiers=tuple(Identifier.parse(k) for k in props.get("identifier_keys", [])),
        record_ids=tuple(props.get("record_ids", [])),
        entity_type=props.get("entity_type"),
        entity_subtype=props.get("entity_subtype"),
        person_type=props.get("person_type"),
        jurisdiction=props.get("jurisdiction"),
        unspecified_reason=UnspecifiedReason(reason) if reason else None,
        description=props.get("description"),
        politically_exposed=bool(props.get("politically_exposed", False)),
        sources=tuple(props.get("sources", [])),
    )


def _edge_row(edge: Edge) -> dict[str, Any]:
    share = edge.share or Share.unknown()
    props: dict[str, Any] = {
        "id": edge.id,
        "interest_type": edge.interest_type.value if edge.interest_type else None,
        "role": edge.role.value,
        # Neo4j Browser users see a range on every OWNS edge; share_known says whether
        # the range came from the source or stands for "unknown".
        "share_min": share.min,
        "share_max": share.max,
        "share_known": edge.share is not None,
        "share_exclusive_min": share.exclusive_min,
        "share_exclusive_max": share.exclusive_max,
        "direct_or_indirect": edge.direct_or_indirect.value if edge.direct_or_indirect else None,
        "beneficial_ownership_or_control": edge.beneficial_ownership_or_control,
        "start_date": edge.start_date,
        "end_date": edge.end_date,
        "details": edge.details,
        "record_id": edge.record_id,
        "statement_id": edge.statement_id,
        "is_component": edge.is_component,
        "sources": list(edge.sources),
    }
    return {
        "id": edge.id,
        "source": edge.source,
        "target": edge.target,
        "props": {k: v for k, v in props.items() if v is not None},
    }


def _date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, Neo4jDate):
        native: date = value.to_native()
        return native
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _edge_from(source: str, target: str, props: dict[str, Any]) -> Edge:
    interest = props.get("interest_type")
    doi = props.get("direct_or_indirect")
    share = (
        Share(
            min=props["share_min"],
            max=props["share_max"],
            exclusive_min=props.get("share_exclusive_min", False),
            exclusive_max=props.get("share_exclusive_max", False),
        )
        if props.get("share_known")
        else None
    )
    return Edge(
        id=props["id"],
        source=source,
        target=target,
        interest_type=InterestType(interest) if interest else None,
        role=EdgeRole(props["role"]),
        share=share,
        direct_or_indirect=DirectOrIndirect(doi) if doi else None,
        beneficial_ownership_or_control=props.get("beneficial_ownership_or_control"),
        start_date=_date(props.get("start_date")),
        end_date=_date(props.get("end_date")),
        details=props.get("details"),
        record_id=props.get("record_id"),
        statement_id=props.get("statement_id"),
        is_component=bool(props.get("is_component", False)),
        sources=tuple(props.get("sources", [])),
    )


class Neo4jStore:
    """The graph store on a Neo4j server."""

    name = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        *,
        database: str = "neo4j",
        batch_size: int = 2000,
        timeout_s: float = 30.0,
    ) -> None:
        if not uri:
            raise ConfigurationError("Neo4j URI is empty")
        self.uri = uri
        self.database = database
        self.batch_size = batch_size
        self._driver: Driver = GraphDatabase.driver(
            uri,
            auth=(user, password),
            connection_timeout=timeout_s,
            connection_acquisition_timeout=timeout_s,
            max_transaction_retry_time=timeout_s,
        )

    # -- plumbing ----------------------------------------------------------------------
    def _session(self) -> Session:
        return self._driver.session(database=self.database)

    def _guard(self, action: Callable[[], T]) -> T:
        try:
            return action()
        except AuthError as exc:
            raise StoreUnavailableError(
                f"Neo4j at {self.uri} refused the credentials: check REGISTRY_NEO4J_USER "
                "and REGISTRY_NEO4J_PASSWORD",
                uri=self.uri,
            ) from exc
        except (ServiceUnavailable, DriverError, OSError) as exc:
            raise StoreUnavailableError(
                f"Neo4j at {self.uri} is not reachable: {exc}", uri=self.uri
            ) from exc
        except Neo4jError as exc:
            raise StoreUnavailableError(
                f"Neo4j at {self.uri} failed: {exc.code}: {exc.message}", uri=self.uri
            ) from exc

    def _read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, params)]

        def run() -> list[dict[str, Any]]:
            with self._session() as session:
                return session.execute_read(work)

        return self._guard(run)

    def _write_batches(self, query: str, rows: Sequence[dict[str, Any]]) -> None:
        def work(tx: ManagedTransaction, batch: Sequence[dict[str, Any]]) -> None:
            tx.run(query, {"rows": list(batch)}).consume()

        def run() -> None:
            with self._session() as session:
                for batch in _chunks(rows, self.batch_size):
                    session.execute_write(work, batch)

        self._guard(run)

    # -- protocol ----------------------------------------------------------------------
    def ensure_schema(self) -> None:
        def run() -> None:
            with self._session() as session:
                for statement in _SCHEMA:
                    session.run(statement).consume()

        self._guard(run)

    def clear(self) -> None:
        def run() -> None:
            with self._session() as session:
                session.run(_CLEAR).consume()

        self._guard(run)

    def write(self, nodes: Iterable[Node], edges: Iterable[Edge]) -> WriteStats:
        start = time.perf_counter()
        by_kind: dict[NodeKind, list[dict[str, Any]]] = defaultdict(list)
        n = 0
        for node in nodes:
            by_kind[node.kind].append(_node_row(node))
            n += 1
        for kind, rows in by_kind.items():
            self._write_batches(_NODE_WRITES[kind], rows)
        by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
        e = 0
        for edge in edges:
            by_type[edge_rel_type(edge)].append(_edge_row(edge))
            e += 1
        for rel, rows in by_type.items():
            self._write_batches(_EDGE_WRITES[rel], rows)
        return WriteStats(nodes=n, edges=e, seconds=time.perf_counter() - start)

    def node(self, node_id: str) -> Node | None:
        rows = self._read(_NODE_BY_ID, ref=node_id)
        return _node_from(rows[0]["n"]) if rows else None

    def find(self, ref: str) -> Node | None:
        found = self.node(ref)
        if found is not None:
            return found
        scheme, _, value = ref.partition(":")
        queries = [_NODE_BY_RECORD]
        if scheme in ("MX-RFC", "MEX-TAXID") and value:
            queries.insert(0, _NODE_BY_RFC)
        elif scheme == "MX-CURP" and value:
            queries.insert(0, _NODE_BY_CURP)
        for query in queries:
            rows = self._read(query, ref=value if query in (_NODE_BY_RFC, _NODE_BY_CURP) else ref)
            if rows:
                return _node_from(rows[0]["n"])
        rows = self._read(_NODE_BY_ALIAS, ref=ref)
        return _node_from(rows[0]["n"]) if rows else None

    def upstream(self, node_id: str, max_nodes: int) -> Subgraph:
        root = self.node(node_id)
        if root is None:
            raise NotFoundError(f"no party with id {node_id!r}", id=node_id)
        nodes: dict[str, Node] = {node_id: root}
        edges: list[Edge] = []
        frontier = [node_id]
        truncated = False
        types = list(INTEREST_REL_TYPES)
        while frontier:
            rows = self._read(_IN_EDGES, ids=frontier, types=types)
            by_target: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
            for row in rows:
                by_target[row["target"]].append((row["source"], row["edge"]))
            next_frontier: list[str] = []
            # Same order as the embedded store: targets in discovery order, edges by id.
            for target in frontier:
                for source, props in sorted(by_target.get(target, []), key=lambda r: r[1]["id"]):
                    source_id = source["id"]
                    if source_id not in nodes:
                        if len(nodes) > max_nodes:
                            truncated = True
                            continue
                        nodes[source_id] = _node_from(source)
                        next_frontier.append(source_id)
                    edges.append(_edge_from(source_id, target, props))
            frontier = next_frontier
        ordered = {i: nodes[i] for i in sorted(nodes)}
        return Subgraph(nodes=ordered, edges=tuple(edges), truncated=truncated)

    def counts(self) -> dict[str, int]:
        node_rows = self._read(_COUNT_NODES)
        edge_rows = self._read(_COUNT_EDGES, types=list(INTEREST_REL_TYPES))
        kinds: Counter[str] = Counter({row["kind"]: row["c"] for row in node_rows})
        out = {"nodes": sum(kinds.values()), "edges": int(edge_rows[0]["c"]) if edge_rows else 0}
        out.update({f"nodes:{k}": v for k, v in kinds.items()})
        return out

    def ping(self) -> None:
        self._guard(self._driver.verify_connectivity)

    def close(self) -> None:
        self._driver.close()
