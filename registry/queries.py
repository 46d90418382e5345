"""Questions asked of a store: the functions the CLI, the API and notebooks call."""

from __future__ import annotations

from datetime import date

from registry.analysis.ownership import owners
from registry.analysis.results import Basis, OwnersAnswer
from registry.errors import InvalidInputError, NotFoundError
from registry.model import Node
from registry.store.protocol import GraphStore

MAX_REF_LENGTH = 512


def resolve(store: GraphStore, ref: str) -> Node:
    """A party by canonical id, source record id (a BODS recordId) or ``MX-RFC:<rfc>``."""
    ref = ref.strip()
    if not ref or len(ref) > MAX_REF_LENGTH:
        raise InvalidInputError(f"an id must have 1 to {MAX_REF_LENGTH} characters", parameter="id")
    node = store.find(ref)
    if node is None:
        raise NotFoundError(
            f"no party with id, record id or identifier {ref!r}; try `registry search`"
            " or an id from `registry owners --json`",
            id=ref,
        )
    return node


def owners_of(
    store: GraphStore,
    ref: str,
    *,
    basis: Basis | str = Basis.CFF,
    threshold: float | None = None,
    as_of: date | None = None,
    max_nodes: int = 50_000,
    max_paths: int = 3,
) -> OwnersAnswer:
    """Owners of a party: effective ranges, beneficial owners, unknowns and cycles."""
    node = resolve(store, ref)
    graph = store.upstream(node.id, max_nodes)
    return owners(
        graph, node.id, basis=basis, threshold=threshold, as_of=as_of, max_paths=max_paths
    )
