"""Parties: what the registry knows, their owners, holdings and ownership diagram."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from api.auth import ReaderDep
from api.deps import EntityRef, SettingsDep, StoreDep
from api.errors import ERROR_RESPONSES
from api.pagination import check_bound
from registry.analysis.results import Basis, HoldingsAnswer, OwnersAnswer
from registry.diagram import Diagram, diagram_of
from registry.entity_view import EntityView, entity_view
from registry.queries import holdings_of, owners_of

router = APIRouter(prefix="/entities", tags=["entities"], dependencies=[ReaderDep])

_RESPONSES: dict[int | str, dict[str, object]] = {
    **ERROR_RESPONSES,
    308: {"description": "The id was merged into another; follow Location"},
    404: {"description": "No such party"},
}
AsOf = Annotated[
    date | None, Query(description="Day the interests must cover", examples=["2024-06-30"])
]


@router.get(
    "/{entity_id}",
    response_model=EntityView,
    summary="A party, contract or listing: identifiers, names, sources and links",
    description=(
        "Identifiers, record ids, the source records (`source:file:row:field`) it was built "
        "from, and its links that are not interests — listings (SAT 69-B, sanctions), public "
        "positions, relatives, contracts held, possible duplicates — each with its sources. "
        "Risk flags are at `/entities/{id}/risk`."
    ),
    responses=_RESPONSES,
)
def entity(entity_id: EntityRef, store: StoreDep) -> EntityView:
    return entity_view(store, entity_id)


@router.get(
    "/{entity_id}/owners",
    response_model=OwnersAnswer,
    summary="Owners and beneficial owners of a party",
    description=(
        "Effective ownership ranges through every chain, beneficial owners by the chosen "
        "basis, unknown owners with their BODS reason, and circular-ownership groups. "
        "The id may be a canonical id, a BODS recordId or `MX-RFC:<rfc>`."
    ),
    responses=_RESPONSES,
)
def entity_owners(
    entity_id: EntityRef,
    store: StoreDep,
    settings: SettingsDep,
    basis: Annotated[Basis, Query(description="cff (> 15 %) or lfpiorpi (≥ 25 %)")] = Basis.CFF,
    threshold: Annotated[
        float | None, Query(ge=0, le=100, description="Own threshold in percent (≥)")
    ] = None,
    as_of: AsOf = None,
) -> OwnersAnswer:
    return owners_of(
        store,
        entity_id,
        basis=basis,
        threshold=threshold,
        as_of=as_of,
        max_nodes=settings.max_upstream_nodes,
        max_paths=settings.max_paths_per_owner,
    )


@router.get(
    "/{entity_id}/holdings",
    response_model=HoldingsAnswer,
    summary="What a party holds, directly or through others, and the contracts held so",
    responses=_RESPONSES,
)
def entity_holdings(
    entity_id: EntityRef, store: StoreDep, settings: SettingsDep, as_of: AsOf = None
) -> HoldingsAnswer:
    return holdings_of(store, entity_id, as_of=as_of, max_nodes=settings.max_upstream_nodes)


@router.get(
    "/{entity_id}/graph",
    response_model=Diagram,
    summary="Nodes and edges to draw the ownership diagram, upstream and downstream",
    description=(
        "Breadth first, `depth` levels up (owners, negative `layer`) and down (holdings and "
        "the contracts held, positive `layer`), at most `per_node` neighbours per node "
        "(largest share first; `more_owners`/`more_holdings` count the rest) and the "
        "server's node cap in all. `depth` over the server's bound "
        "(`REGISTRY_API_MAX_GRAPH_DEPTH`) is a 422."
    ),
    responses=_RESPONSES,
)
def entity_graph(
    entity_id: EntityRef,
    store: StoreDep,
    settings: SettingsDep,
    depth: Annotated[int, Query(ge=0, description="Levels each way", examples=[3])] = 3,
    per_node: Annotated[int, Query(ge=1, le=1000, description="Neighbours per node")] = 12,
    as_of: AsOf = None,
) -> Diagram:
    check_bound("depth", depth, settings.api_max_graph_depth)
    return diagram_of(
        store,
        entity_id,
        depth=depth,
        per_node=per_node,
        max_nodes=settings.api_max_graph_nodes,
        as_of=as_of,
    )
