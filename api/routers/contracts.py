"""Hydrocarbon contracts and mining titles: holders and their beneficial owners."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.auth import ReaderDep
from api.deps import SettingsDep, StoreDep
from api.errors import ERROR_RESPONSES
from registry.analysis.results import Basis, ContractAnswer
from registry.queries import MAX_REF_LENGTH, contract_of

router = APIRouter(tags=["contracts"], dependencies=[ReaderDep])


@router.get(
    "/contracts/{contract_id:path}",
    response_model=ContractAnswer,
    summary="Holders of a contract or title on the day, and who owns them",
    description=(
        "A CNH contract id (`CNH-R01-L01-A7/2015`), a mining title (`T-227855` or `227855`) "
        "or a node id. Each holder's participation, its owners' effective share of the "
        "contract through it, and the contract's beneficial owners summed over holders."
    ),
    responses={**ERROR_RESPONSES, 404: {"description": "No such contract or title"}},
)
def contract(
    contract_id: Annotated[
        str,
        Path(min_length=1, max_length=MAX_REF_LENGTH, examples=["CNH-R01-L01-A7/2015"]),
    ],
    store: StoreDep,
    settings: SettingsDep,
    basis: Annotated[Basis, Query(description="cff (> 15 %) or lfpiorpi (≥ 25 %)")] = Basis.CFF,
    threshold: Annotated[
        float | None, Query(ge=0, le=100, description="Own threshold in percent (≥)")
    ] = None,
    as_of: Annotated[date | None, Query(description="Day the interests must cover")] = None,
) -> ContractAnswer:
    return contract_of(
        store,
        contract_id,
        basis=basis,
        threshold=threshold,
        as_of=as_of,
        max_nodes=settings.max_upstream_nodes,
    )
