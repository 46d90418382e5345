"""Questions across parties: the chains between two, and circular ownership."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from api.auth import ReaderDep
from api.deps import SettingsDep, StoreDep
from api.errors import ERROR_RESPONSES
from api.pagination import Page, PageDep
from registry.analysis.results import CycleGroup, PathAnswer
from registry.queries import MAX_REF_LENGTH, cycles_in, path_between

router = APIRouter(tags=["ownership"], dependencies=[ReaderDep])

Ref = Query(min_length=1, max_length=MAX_REF_LENGTH)


class CyclesPage(Page[CycleGroup]):
    as_of: date


@router.get(
    "/paths",
    response_model=PathAnswer,
    summary="How two parties are linked: shortest and strongest chains, common owners",
    responses={**ERROR_RESPONSES, 404: {"description": "No such party"}},
)
def paths(
    store: StoreDep,
    settings: SettingsDep,
    source: Annotated[
        str,
        Query(
            alias="from",
            min_length=1,
            max_length=MAX_REF_LENGTH,
            description="Party id, record id or MX-RFC:<rfc>",
            examples=["MX-RFC:GSM100707ZX4"],
        ),
    ],
    target: Annotated[
        str,
        Query(
            alias="to",
            min_length=1,
            max_length=MAX_REF_LENGTH,
            description="Party id, record id or MX-RFC:<rfc>",
            examples=["MX-RFC:PGD150101AB1"],
        ),
    ],
    as_of: Annotated[date | None, Query(description="Day the interests must cover")] = None,
) -> PathAnswer:
    return path_between(store, source, target, as_of=as_of, max_nodes=settings.max_upstream_nodes)


@router.get(
    "/cycles",
    response_model=CyclesPage,
    summary="Circular-ownership groups of the whole register",
    description="Strongly connected groups of shareholdings in force on the day, paginated.",
    responses=ERROR_RESPONSES,
)
def cycles(
    store: StoreDep,
    page: PageDep,
    as_of: Annotated[date | None, Query(description="Day the interests must cover")] = None,
) -> CyclesPage:
    answer = cycles_in(store, as_of=as_of)
    sliced = page.slice(answer.cycles)
    return CyclesPage(as_of=answer.as_of, **sliced.model_dump())
