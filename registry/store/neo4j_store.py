"""``Neo4jStore``: the graph in Neo4j over Bolt with the official driver.

Writes go in ``UNWIND $rows MERGE`` batches, one query text per label or relationship
type, the texts built once from the mapping table in ``registry.schema``. Reads fetch a
bounded neighbourhood breadth first — ids first, then the edges among them — and never
enumerate paths. Values are always parameters.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, Final, TypeVar

from neo4j import Driver, GraphDatabase, ManagedTransaction, Query, Session
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
)
from neo4j.time import Date as Neo4jDate

from registry.codelists import DirectOrIndirect, InterestType, UnspecifiedReason
from registry.errors import ConfigurationError, NotFoundError, StoreUnavailableError
from registry.model import Edge, EdgeRole, Identifier, Node, NodeKind, Share, Subgraph
from registry.schema import (
    ALL_REL_TYPES,
    CIRCULAR_GROUP,
    CIRCULAR_LABEL,
    CIRCULAR_SIZE,
    INTEREST_REL_TYPES,
    NAMED_KINDS,
    NODE_LABEL,
    NODE_LABELS,
    OWNS,
    PARTY_LABEL,
    RISK_LABEL,
    ULTIMATE_OWNER_OF,
    edge_rel_type,
    rel_types_of,
)
from registry.search import (
    CONTRACT_LIKE_KINDS,
    NAME_KINDS,
    SEARCH_KINDS,
    SearchHit,
    compact_identifier,
    lucene_query,
    rank,
    substring_tokens,
)
from registry.store.protocol import CycleMark, RiskMark, UltimateOwnerFact, WriteStats

T = TypeVar("T")
#: Candidates fetched per search query at least (the ranking picks the best of them).
_SEARCH_CANDIDATES: Final = 1000

_NAME_INDEX: Final = "party_name_search"
_SCHEMA: Final[tuple[str, ...]] = (
    f"CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:{NODE_LABEL}) REQUIRE n.id IS UNIQUE",
    f"CREATE INDEX node_record_id IF NOT EXISTS FOR (n:{NODE_LABEL}) ON (n.record_id)",
    f"CREATE INDEX node_rfc IF NOT EXISTS FOR (n:{NODE_LABEL}) ON (n.rfc)",
    f"CREATE INDEX node_curp IF NOT EXISTS FOR (n:{NODE_LABEL}) ON (n.curp)",
    # Accents and case folded, as ``registry.search.fold`` does on the Python side.
    f"CREATE FULLTEXT INDEX {_NAME_INDEX} IF NOT EXISTS FOR (n:"
    + "|".join(NODE_LABELS[k] for k in sorted(NAME_KINDS))
    + ") ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
    *(
        f"CREATE INDEX rel_{rel.lower()}_id IF NOT EXISTS FOR ()-[r:{rel}]-() ON (r.id)"
        for rel in (*ALL_REL_TYPES, ULTIMATE_OWNER_OF)
    ),
    *(
        f"CREATE INDEX {NODE_LABELS[kind].lower()}_name IF NOT EXISTS "
        f"FOR (n:{NODE_LABELS[kind]}) ON (n.name)"
        for kind in NAMED_KINDS
    ),
)

# A node written again loses its derived cycle mark with its old labels and properties.
_OTHER_LABELS: Final = ":".join([PARTY_LABEL, CIRCULAR_LABEL, RISK_LABEL, *NODE_LABELS.values()])

#: One MERGE text per node label, from the mapping table.
_NODE_WRITES: Final[dict[NodeKind, str]] = {
    kind: (
        "UNWIND $rows AS row "
        f"MERGE (n:{NODE_LABEL} {{id: row.id}}) "
        f"REMOVE n:{_OTHER_LABELS} "
        f"SET n = row, n:{label}" + (f":{PARTY_LABEL}" if kind.is_party else "")
    )
    for kind, label in NODE_LABELS.items()
}

#: One MERGE text per relationship type, from the mapping table.
_EDGE_WRITES: Final[dict[str, str]] = {
    rel: (
        "UNWIND $rows AS row "
        f"MATCH (a:{NODE_LABEL} {{id: row.source}}) "
        f"MATCH (b:{NODE_LABEL} {{id: row.target}}) "
        f"MERGE (a)-[r:{rel} {{id: row.id}}]->(b) "
        "SET r = row.props"
    )
    for rel in ALL_REL_TYPES
}

_IN_EDGES: Final = (
    "UNWIND $ids AS id "
    f"MATCH (a:{NODE_LABEL})-[r]->(b:{NODE_LABEL} {{id: id}}) "
    "WHERE type(r) IN $types "
    "RETURN b.id AS target, properties(a) AS source, properties(r) AS edge"
)
_INTEREST_PATTERN: Final = "|".join(INTEREST_REL_TYPES)

#: Properties read back into a ``Node`` / an ``Edge``, in a fixed order: lists of values
#: travel without their keys, which the driver would otherwise decode again on every row.
_NODE_FIELDS: Final = (
    "id",
    "kind",
    "name",
    "identifier_keys",
    "record_ids",
    "entity_type",
    "entity_subtype",
    "person_type",
    "jurisdiction",
    "unspecified_reason",
    "description",
    "politically_exposed",
    "incorporation_date",
    "address",
    "postal_code",
    "phone",
    "attributes",
    "sources",
)
_EDGE_FIELDS: Final = (
    "id",
    "interest_type",
    "role",
    "share_min",
    "share_max",
    "share_known",
    "share_exclusive_min",
    "share_exclusive_max",
    "direct_or_indirect",
    "beneficial_ownership_or_control",
    "start_date",
    "end_date",
    "details",
    "record_id",
    "statement_id",
    "is_component",
    "attributes",
    "sources",
)


def _fields(var: str, names: tuple[str, ...]) -> str:
    return "[" + ", ".join(f"{var}.{name}" for name in names) + "]"


#: A node and the parties with a chain of interests into (or from) it: a breadth-first
#: search that the planner prunes (``VarLengthExpand(Pruning,BFS)``), never paths. Each
#: answer is one row of lists: the driver pays per record more than per value.
_UPSTREAM_NODES: Final = (
    f"MATCH (c:{NODE_LABEL} {{id: $id}}) "
    f"CALL (c) {{ MATCH (c)<-[:{_INTEREST_PATTERN}*1..]-(n:{NODE_LABEL}) "
    f"WITH DISTINCT n LIMIT $limit RETURN collect({_fields('n', _NODE_FIELDS)}) AS found }} "
    f"RETURN {_fields('c', _NODE_FIELDS)} AS root, found"
)
_DOWNSTREAM_NODES: Final = (
    f"MATCH (c:{NODE_LABEL} {{id: $id}}) "
    f"CALL (c) {{ MATCH (c)-[:{_INTEREST_PATTERN}*1..]->(n:{NODE_LABEL}) "
    f"WITH DISTINCT n LIMIT $limit RETURN collect({_fields('n', _NODE_FIELDS)}) AS found }} "
    f"RETURN {_fields('c', _NODE_FIELDS)} AS root, found"
)
_NODES_BY_IDS: Final = (
    f"UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}}) "
    f"RETURN collect({_fields('n', _NODE_FIELDS)}) AS found"
)
_IN_EDGE_ROWS: Final = (
    "UNWIND $ids AS id "
    f"MATCH (a:{NODE_LABEL})-[r]->(b:{NODE_LABEL} {{id: id}}) "
    "WHERE type(r) IN $types "
    f"RETURN collect([a.id, b.id, {_fields('r', _EDGE_FIELDS)}]) AS found"
)
_OUT_EDGES: Final = (
    "UNWIND $ids AS id "
    f"MATCH (a:{NODE_LABEL} {{id: id}})-[r]->(b:{NODE_LABEL}) "
    "WHERE type(r) IN $types "
    "RETURN a.id AS source, properties(b) AS target, properties(r) AS edge"
)
_EDGES_OF: Final = (
    "UNWIND $ids AS id "
    f"MATCH (:{NODE_LABEL} {{id: id}})-[r]-(:{NODE_LABEL}) "
    "WHERE type(r) IN $types "
    "WITH DISTINCT r "
    "MATCH (a)-[r]->(b) "
    "RETURN properties(a) AS source, properties(b) AS target, properties(r) AS edge"
)
#: One streaming read per relationship type, from the mapping table.
_EDGES_BY_TYPE: Final[dict[str, str]] = {
    rel: (
        f"MATCH (a:{NODE_LABEL})-[r:{rel}]->(b:{NODE_LABEL}) "
        "RETURN a.id AS source, b.id AS target, properties(r) AS edge"
    )
    for rel in ALL_REL_TYPES
}
#: Shareholdings on a day, as pairs of ids: what the cycle sweep needs and no more (every
#: value the driver decodes costs). Holders nobody holds cannot lie on a circle.
_SHAREHOLDINGS: Final = (
    f"MATCH (a:{NODE_LABEL})-[r:{OWNS}]->(b:{NODE_LABEL}) "
    "WHERE coalesce(r.direct_or_indirect, '') <> 'indirect' "
    "AND (r.start_date IS NULL OR r.start_date <= $day) "
    "AND (r.end_date IS NULL OR r.end_date > $day) "
    f"AND EXISTS {{ (a)<-[:{OWNS}]-() }} AND EXISTS {{ (b)-[:{OWNS}]->() }} "
    "RETURN a.id AS source, b.id AS target"
)
_NODES_BY_KIND: Final[dict[NodeKind, str]] = {
    kind: f"MATCH (n:{label}) RETURN properties(n) AS n" for kind, label in NODE_LABELS.items()
}
_NODES_NAMED: Final[dict[NodeKind, str]] = {
    kind: f"MATCH (n:{label}) WHERE n.name IN $names RETURN properties(n) AS n"
    for kind, label in NODE_LABELS.items()
}
#: Search candidates (ranked in Python by ``registry.search.rank``).
_SEARCH_NAMES: Final = (
    f"CALL db.index.fulltext.queryNodes('{_NAME_INDEX}', $lucene) YIELD node "
    "WHERE node.kind IN $kinds WITH node LIMIT $limit RETURN properties(node) AS n"
)
_SEARCH_RFC: Final = (
    f"MATCH (n:{NODE_LABEL}) WHERE n.rfc STARTS WITH $prefix RETURN properties(n) AS n LIMIT $limit"
)
_SEARCH_CURP: Final = (
    f"MATCH (n:{NODE_LABEL}) WHERE n.curp STARTS WITH $prefix "
    "RETURN properties(n) AS n LIMIT $limit"
)
_SEARCH_CODES: Final[dict[NodeKind, str]] = {
    kind: (
        f"MATCH (n:{NODE_LABELS[kind]}) WHERE any(t IN $tokens WHERE toLower(n.name) CONTAINS t) "
        "RETURN properties(n) AS n LIMIT $limit"
    )
    for kind in CONTRACT_LIKE_KINDS
}
_DELETE_DERIVED: Final = (
    f"MATCH ()-[r:{ULTIMATE_OWNER_OF}]->() WHERE r.basis = $basis "
    "CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
)
_UNMARK_CYCLES: Final = (
    f"MATCH (n:{CIRCULAR_LABEL}) "
    f"CALL (n) {{ REMOVE n:{CIRCULAR_LABEL}, n.{CIRCULAR_GROUP}, n.{CIRCULAR_SIZE} }} "
    "IN TRANSACTIONS OF 10000 ROWS"
)
_WRITE_DERIVED: Final = (
    "UNWIND $rows AS row "
    f"MATCH (a:{NODE_LABEL} {{id: row.source}}) "
    f"MATCH (b:{NODE_LABEL} {{id: row.target}}) "
    f"MERGE (a)-[r:{ULTIMATE_OWNER_OF} {{id: row.id}}]->(b) "
    "SET r = row.props"
)
_MARK_CYCLES: Final = (
    "UNWIND $rows AS row "
    f"MATCH (n:{NODE_LABEL} {{id: row.node}}) "
    f"SET n:{CIRCULAR_LABEL}, n.{CIRCULAR_GROUP} = row.group, n.{CIRCULAR_SIZE} = row.size"
)
_UNMARK_RISK: Final = (
    f"MATCH (n:{RISK_LABEL}) "
    f"CALL (n) {{ REMOVE n:{RISK_LABEL}, n.risk_score, n.risk_flags, n.risk_cleared, "
    "n.risk_reasons, n.risk_as_of } IN TRANSACTIONS OF 10000 ROWS"
)
_MARK_RISK: Final = (
    "UNWIND $rows AS row "
    f"MATCH (n:{NODE_LABEL} {{id: row.node}}) "
    f"SET n:{RISK_LABEL}, n.risk_score = row.score, n.risk_flags = row.codes, "
    "n.risk_cleared = row.cleared, n.risk_reasons = row.reasons, n.risk_as_of = row.as_of"
)
_READ_RISK: Final = (
    f"MATCH (n:{RISK_LABEL}) RETURN n.id AS node, n.risk_score AS score, "
    "n.risk_flags AS codes, n.risk_cleared AS cleared, n.risk_reasons AS reasons, "
    "n.risk_as_of AS as_of ORDER BY n.id"
)
_READ_DERIVED: Final = (
    f"MATCH (a:{NODE_LABEL})-[r:{ULTIMATE_OWNER_OF}]->(b:{NODE_LABEL}) "
    "WHERE $subject IS NULL OR b.id = $subject "
    "RETURN a.id AS owner, b.id AS subject, properties(r) AS props ORDER BY r.id"
)
_READ_MARKS: Final = (
    f"MATCH (n:{CIRCULAR_LABEL}) "
    f"RETURN n.id AS node, n.{CIRCULAR_GROUP} AS grp, n.{CIRCULAR_SIZE} AS size ORDER BY n.id"
)
_NODE_BY_ID: Final = f"MATCH (n:{NODE_LABEL} {{id: $ref}}) RETURN properties(n) AS n"
_NODE_BY_RECORD: Final = (
    f"MATCH (n:{NODE_LABEL} {{record_id: $ref}}) RETURN properties(n) AS n ORDER BY n.id LIMIT 1"
)
_NODE_BY_RFC: Final = (
    f"MATCH (n:{NODE_LABEL} {{rfc: $ref}}) RETURN properties(n) AS n ORDER BY n.id LIMIT 1"
)
_NODE_BY_CURP: Final = (
    f"MATCH (n:{NODE_LABEL} {{curp: $ref}}) RETURN properties(n) AS n ORDER BY n.id LIMIT 1"
)
_NODE_BY_ALIAS: Final = (
    f"MATCH (n:{NODE_LABEL}) WHERE $ref IN n.record_ids OR $ref IN n.identifier_keys "
    "RETURN properties(n) AS n ORDER BY n.id LIMIT 1"
)
_COUNT_NODES: Final = f"MATCH (n:{NODE_LABEL}) RETURN n.kind AS kind, count(*) AS c"
_COUNT_EDGES: Final = "MATCH ()-[r]->() WHERE type(r) IN $types RETURN count(r) AS c"
_CLEAR: Final = (
    f"MATCH (n:{NODE_LABEL}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS"
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
        "incorporation_date": node.incorporation_date,
        "address": node.address,
        "postal_code": node.postal_code,
        "phone": node.phone,
        "attributes": json.dumps(node.attributes, sort_keys=True) if node.attributes else None,
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
        incorporation_date=_date(props.get("incorporation_date")),
        address=props.get("address"),
        postal_code=props.get("postal_code"),
        phone=props.get("phone"),
        attributes=json.loads(props["attributes"]) if props.get("attributes") else {},
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
        "attributes": json.dumps(edge.attributes, sort_keys=True) if edge.attributes else None,
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
        attributes=json.loads(props["attributes"]) if props.get("attributes") else {},
        sources=tuple(props.get("sources", [])),
    )


def _named(names: tuple[str, ...], values: Sequence[Any]) -> dict[str, Any]:
    """The properties of a fixed-order list of values, without the absent ones."""
    return {name: value for name, value in zip(names, values, strict=True) if value is not None}


def _fact_row(fact: UltimateOwnerFact) -> dict[str, Any]:
    props: dict[str, Any] = {
        "id": fact.id,
        "basis": fact.basis,
        "effective_min": fact.effective_min,
        "effective_max": fact.effective_max,
        "voting_min": fact.voting_min,
        "voting_max": fact.voting_max,
        "as_of": fact.as_of,
        "reasons": list(fact.reasons),
        "unknown_owner": fact.unknown_owner,
    }
    return {
        "id": fact.id,
        "source": fact.owner,
        "target": fact.subject,
        "props": {k: v for k, v in props.items() if v is not None},
    }


def _fact_from(owner: str, subject: str, props: dict[str, Any]) -> UltimateOwnerFact:
    as_of = _date(props.get("as_of"))
    assert as_of is not None
    return UltimateOwnerFact(
        owner=owner,
        subject=subject,
        basis=props["basis"],
        effective_min=float(props["effective_min"]),
        effective_max=float(props["effective_max"]),
        as_of=as_of,
        reasons=tuple(props.get("reasons", ())),
        voting_min=props.get("voting_min"),
        voting_max=props.get("voting_max"),
        unknown_owner=bool(props.get("unknown_owner", False)),
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
        with self._errors():
            return action()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Driver errors as ``StoreUnavailableError`` with what to check."""
        try:
            yield
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

    def _stream(self, query: str, **params: Any) -> Iterator[dict[str, Any]]:
        """Rows of a read, fetched lazily: for register-wide sweeps."""
        with self._errors(), self._session() as session:
            for record in session.run(query, params):
                yield record.data()

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

    def _neighbourhood(self, node_id: str, max_nodes: int, *, down: bool) -> Subgraph | None:
        """The nodes first, then the interests into them, in one read transaction; ``None``
        when more than ``max_nodes`` parties are reached (the caller then walks level by
        level, to cut where the embedded store cuts)."""
        types = list(INTEREST_REL_TYPES)

        def work(tx: ManagedTransaction) -> Subgraph | None:
            query = _DOWNSTREAM_NODES if down else _UPSTREAM_NODES
            row = tx.run(query, {"id": node_id, "limit": max_nodes + 2}).single()
            if row is None:
                raise NotFoundError(f"no party with id {node_id!r}", id=node_id)
            nodes: dict[str, Node] = {node_id: _node_from(_named(_NODE_FIELDS, row["root"]))}
            for values in row["found"]:
                if values[0] != node_id:
                    nodes[values[0]] = _node_from(_named(_NODE_FIELDS, values))
            if len(nodes) - 1 > max_nodes:
                return None
            ids = list(nodes)
            edges: dict[str, Edge] = {}
            for start in range(0, len(ids), self.batch_size):
                batch = ids[start : start + self.batch_size]
                found = tx.run(_IN_EDGE_ROWS, {"ids": batch, "types": types}).single()
                for source, target, values in found["found"] if found else ():
                    edge = _edge_from(source, target, _named(_EDGE_FIELDS, values))
                    edges[edge.id] = edge
            # Downstream, the other holders of each party come along (not followed).
            outside = sorted({e.source for e in edges.values()} - nodes.keys())
            for start in range(0, len(outside), self.batch_size):
                batch = outside[start : start + self.batch_size]
                found = tx.run(_NODES_BY_IDS, {"ids": batch}).single()
                for values in found["found"] if found else ():
                    nodes[values[0]] = _node_from(_named(_NODE_FIELDS, values))
            return Subgraph(
                nodes={i: nodes[i] for i in sorted(nodes)},
                edges=tuple(edges[i] for i in sorted(edges)),
            )

        def run() -> Subgraph | None:
            with self._session() as session:
                return session.execute_read(work)

        return self._guard(run)

    def upstream(self, node_id: str, max_nodes: int) -> Subgraph:
        found = self._neighbourhood(node_id, max_nodes, down=False)
        if found is not None:
            return found
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

    def downstream(self, node_id: str, max_nodes: int) -> Subgraph:
        found = self._neighbourhood(node_id, max_nodes, down=True)
        if found is not None:
            return found
        root = self.node(node_id)
        if root is None:
            raise NotFoundError(f"no party with id {node_id!r}", id=node_id)
        nodes: dict[str, Node] = {node_id: root}
        order = [node_id]
        frontier = [node_id]
        truncated = False
        types = list(INTEREST_REL_TYPES)
        while frontier:
            rows = self._read(_OUT_EDGES, ids=frontier, types=types)
            by_source: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
            for row in rows:
                by_source[row["source"]].append((row["target"], row["edge"]))
            next_frontier: list[str] = []
            # Same order as the embedded store: sources in discovery order, edges by id.
            for source in frontier:
                for target, _props in sorted(by_source.get(source, []), key=lambda r: r[1]["id"]):
                    target_id = target["id"]
                    if target_id in nodes:
                        continue
                    if len(nodes) > max_nodes:
                        truncated = True
                        continue
                    nodes[target_id] = _node_from(target)
                    order.append(target_id)
                    next_frontier.append(target_id)
            frontier = next_frontier
        # Every interest into a reached party, also from parties outside: the rest of its
        # capital, against which each share is read.
        edges: dict[str, Edge] = {}
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            for row in self._read(_IN_EDGES, ids=batch, types=types):
                source = row["source"]
                nodes.setdefault(source["id"], _node_from(source))
                edge = _edge_from(source["id"], row["target"], row["edge"])
                edges[edge.id] = edge
        return Subgraph(
            nodes={i: nodes[i] for i in sorted(nodes)},
            edges=tuple(edges[i] for i in sorted(edges)),
            truncated=truncated,
        )

    def edges_of(self, node_ids: Sequence[str], roles: Collection[EdgeRole]) -> Subgraph:
        wanted = set(roles)
        nodes: dict[str, Node] = {}
        edges: dict[str, Edge] = {}
        ids = list(dict.fromkeys(node_ids))
        types = list(rel_types_of(wanted))
        for start in range(0, len(ids), self.batch_size):
            batch = ids[start : start + self.batch_size]
            for row in self._read(_EDGES_OF, ids=batch, types=types):
                if EdgeRole(row["edge"]["role"]) not in wanted:
                    continue
                source, target = row["source"], row["target"]
                nodes.setdefault(source["id"], _node_from(source))
                nodes.setdefault(target["id"], _node_from(target))
                edge = _edge_from(source["id"], target["id"], row["edge"])
                edges[edge.id] = edge
        for node_id in ids:
            if node_id not in nodes:
                found = self.node(node_id)
                if found is not None:
                    nodes[node_id] = found
        return Subgraph(
            nodes={i: nodes[i] for i in sorted(nodes)},
            edges=tuple(edges[i] for i in sorted(edges)),
        )

    def iter_edges(self, roles: Collection[EdgeRole]) -> Iterator[Edge]:
        wanted = set(roles)
        for rel in rel_types_of(wanted):
            for row in self._stream(_EDGES_BY_TYPE[rel]):
                props = row["edge"]
                if EdgeRole(props["role"]) in wanted:
                    yield _edge_from(row["source"], row["target"], props)

    def shareholdings(self, day: date) -> Iterator[tuple[str, str]]:
        def run() -> list[tuple[str, str]]:
            with self._session() as session:
                result = session.run(_SHAREHOLDINGS, {"day": day})
                return [(source, target) for source, target in result.values()]

        yield from self._guard(run)

    def iter_nodes(self, kinds: Collection[NodeKind]) -> Iterator[Node]:
        for kind in sorted(set(kinds)):
            for row in self._stream(_NODES_BY_KIND[kind]):
                yield _node_from(row["n"])

    def nodes_named(self, names: Sequence[str], kinds: Collection[NodeKind]) -> list[Node]:
        found: dict[str, Node] = {}
        for kind in sorted(set(kinds)):
            for row in self._read(_NODES_NAMED[kind], names=list(names)):
                node = _node_from(row["n"])
                found[node.id] = node
        return [found[i] for i in sorted(found)]

    def search(self, text: str, kinds: Collection[NodeKind], limit: int) -> list[SearchHit]:
        wanted = set(kinds) & SEARCH_KINDS
        cap = max(limit * 20, _SEARCH_CANDIDATES)
        candidates: list[Node] = []
        ident = compact_identifier(text)
        if ident is not None:
            for query in (_SEARCH_RFC, _SEARCH_CURP):
                rows = self._read(query, prefix=ident, limit=cap)
                candidates += [_node_from(row["n"]) for row in rows]
        lucene = lucene_query(text)
        names = sorted(k.value for k in wanted & NAME_KINDS)
        if lucene is not None and names:
            rows = self._read(_SEARCH_NAMES, lucene=lucene, kinds=names, limit=cap)
            candidates += [_node_from(row["n"]) for row in rows]
        tokens = substring_tokens(text)
        for kind in sorted(wanted & CONTRACT_LIKE_KINDS):
            if tokens:
                rows = self._read(_SEARCH_CODES[kind], tokens=tokens, limit=cap)
                candidates += [_node_from(row["n"]) for row in rows]
        return rank(text, candidates, wanted, limit)

    def replace_derived(
        self, basis: str, owners: Sequence[UltimateOwnerFact], cycles: Sequence[CycleMark]
    ) -> WriteStats:
        start = time.perf_counter()

        def clear() -> None:
            with self._session() as session:
                session.run(_DELETE_DERIVED, {"basis": basis}).consume()
                session.run(_UNMARK_CYCLES).consume()

        self._guard(clear)
        self._write_batches(_WRITE_DERIVED, [_fact_row(f) for f in owners])
        self._write_batches(
            _MARK_CYCLES, [{"node": m.node, "group": m.group, "size": m.size} for m in cycles]
        )
        return WriteStats(nodes=len(cycles), edges=len(owners), seconds=time.perf_counter() - start)

    def derived_owners(self, subject: str | None = None) -> list[UltimateOwnerFact]:
        return [
            _fact_from(row["owner"], row["subject"], row["props"])
            for row in self._read(_READ_DERIVED, subject=subject)
        ]

    def cycle_marks(self) -> list[CycleMark]:
        return [
            CycleMark(node=row["node"], group=row["grp"], size=int(row["size"]))
            for row in self._read(_READ_MARKS)
        ]

    def replace_risk(self, marks: Sequence[RiskMark]) -> WriteStats:
        start = time.perf_counter()

        def clear() -> None:
            with self._session() as session:
                session.run(_UNMARK_RISK).consume()

        self._guard(clear)
        rows = [
            {
                "node": m.node,
                "score": m.score,
                "codes": list(m.codes),
                "cleared": list(m.cleared),
                "reasons": list(m.reasons),
                "as_of": m.as_of,
            }
            for m in marks
        ]
        self._write_batches(_MARK_RISK, rows)
        return WriteStats(nodes=len(rows), edges=0, seconds=time.perf_counter() - start)

    def risk_marks(self) -> list[RiskMark]:
        return [
            RiskMark(
                node=row["node"],
                score=float(row["score"]),
                codes=tuple(row["codes"] or ()),
                cleared=tuple(row["cleared"] or ()),
                reasons=tuple(row["reasons"] or ()),
                as_of=_date(row["as_of"]) or date.min,
            )
            for row in self._read(_READ_RISK)
        ]

    def counts(self) -> dict[str, int]:
        node_rows = self._read(_COUNT_NODES)
        edge_rows = self._read(_COUNT_EDGES, types=list(ALL_REL_TYPES))
        kinds: Counter[str] = Counter({row["kind"]: row["c"] for row in node_rows})
        out = {"nodes": sum(kinds.values()), "edges": int(edge_rows[0]["c"]) if edge_rows else 0}
        out.update({f"nodes:{k}": v for k, v in kinds.items()})
        return out

    def ping(self) -> None:
        self._guard(self._driver.verify_connectivity)

    def close(self) -> None:
        self._driver.close()


#: How path-enumerating tools ask, for the benchmark only: every chain of shareholdings up
#: to ten hops, each chain's product of shares summed per owner. The registry never asks
#: this way; the benchmark compares answers and times on the same server.
_ENUMERATE_OWNERS: Final = (
    f"MATCH p = (o:{NODE_LABEL})-[:{OWNS}*1..10]->(c:{NODE_LABEL} {{id: $id}}) "
    "WHERE all(r IN relationships(p) WHERE coalesce(r.direct_or_indirect, '') <> 'indirect' "
    "AND (r.start_date IS NULL OR r.start_date <= $day) "
    "AND (r.end_date IS NULL OR r.end_date > $day)) "
    "RETURN o.id AS owner, "
    "sum(reduce(s = 1.0, r IN relationships(p) | s * r.share_min / 100.0)) AS lo, "
    "sum(reduce(s = 1.0, r IN relationships(p) | s * r.share_max / 100.0)) AS hi, "
    "count(p) AS paths"
)
_ENUMERATE_CYCLES: Final = (
    f"MATCH p = (c:{NODE_LABEL})-[:{OWNS}*1..8]->(c) "
    "WHERE all(r IN relationships(p) WHERE coalesce(r.direct_or_indirect, '') <> 'indirect' "
    "AND (r.start_date IS NULL OR r.start_date <= $day) "
    "AND (r.end_date IS NULL OR r.end_date > $day)) "
    "RETURN DISTINCT c.id AS id"
)


class PathEnumerationTimeoutError(Exception):
    """The server stopped a path-enumerating query at its time limit."""


class PathEnumeration:
    """The questions asked the way path-enumerating tools ask them (benchmark only)."""

    def __init__(self, store: Neo4jStore) -> None:
        self.store = store

    def _run(self, text: str, timeout_s: float, **params: Any) -> list[dict[str, Any]]:
        # Auto-commit, so that a query stopped at its time limit is not retried.
        query = Query(text, timeout=timeout_s)
        try:
            with self.store._session() as session:
                return [r.data() for r in session.run(query, params)]
        except ClientError as exc:
            text_of = f"{exc.code} {exc.message}".lower()
            if "timeout" in text_of or "terminated" in text_of:
                raise PathEnumerationTimeoutError(exc.message or "timeout") from exc
            raise

    def owners(self, subject: str, day: date, timeout_s: float) -> dict[str, tuple[float, float]]:
        """Owner → (sum of products of minimum shares, of maximum shares)."""
        rows = self._run(_ENUMERATE_OWNERS, timeout_s, id=subject, day=day)
        return {r["owner"]: (float(r["lo"]), float(r["hi"])) for r in rows}

    def cycle_members(self, day: date, timeout_s: float) -> set[str]:
        rows = self._run(_ENUMERATE_CYCLES, timeout_s, day=day)
        return {r["id"] for r in rows}
