"""Parties and their owners."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from api.deps import get_settings, get_store
from registry.analysis.results import Basis, OwnersAnswer
from registry.queries import MAX_REF_LENGTH, owners_of
from registry.settings import Settings
from registry.store import GraphStore

router = APIRouter(prefix="/entities", tags=["ownership"])


@router.get(
    "/{entity_id}/owners",
    response_model=OwnersAnswer,
    summary="Owners and beneficial owners of a party",
    description=(
        "Effective ownership ranges through every chain, beneficial owners by the chosen "
        "basis, unknown owners with their BODS reason, and circular-ownership groups. "
        "The id may be a canonical id, a BODS recordId or `MX-RFC:<rfc>`."
    ),
    responses={404: {"description": "No such party"}, 422: {"description": "Bad parameter"}},
)
def entity_owners(
    entity_id: Annotated[
        str,
        Path(max_length=MAX_REF_LENGTH, examples=["MX-RFC:PGD150101AB1"]),
    ],
    store: Annotated[GraphStore, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    basis: Annotated[Basis, Query(description="cff (> 15 %) or lfpiorpi (≥ 25 %)")] = Basis.CFF,
    threshold: Annotated[
        float | None, Query(ge=0, le=100, description="Own threshold in percent (≥)")
    ] = None,
    as_of: Annotated[date | None, Query(description="Day the interests must cover")] = None,
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
