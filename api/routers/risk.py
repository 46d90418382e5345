"""Risk flags with their evidence, and ranked scores: thin routes over ``registry.risk``."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.auth import ReaderDep
from api.deps import EntityRef, StoreDep
from api.errors import ERROR_RESPONSES
from api.pagination import PageDep
from registry.risk import FlagStatus, RiskAnswer, RiskResult, assess

router = APIRouter(tags=["risk"], dependencies=[ReaderDep])


class RiskPage(BaseModel):
    """Ranked results (highest score first) and the status of every flag."""

    as_of: date
    total: int
    limit: int
    offset: int
    more: bool
    results: list[RiskResult]
    flags: list[FlagStatus]


@router.get(
    "/entities/{entity_id}/risk",
    response_model=RiskAnswer,
    summary="Red flags of a party or contract, each with its evidence, and its score",
    description=(
        "The hits of every flag on this subject (nodes, edges, paths and source records that "
        "made it fire) and the status of every flag on this register (evaluated or not, "
        "and why)."
    ),
    responses={**ERROR_RESPONSES, 404: {"description": "No such party"}},
)
def entity_risk(
    entity_id: EntityRef,
    store: StoreDep,
    as_of: Annotated[date | None, Query(description="Day of the assessment")] = None,
) -> RiskAnswer:
    return assess(store, subject=entity_id, as_of=as_of)


@router.get(
    "/risk",
    response_model=RiskPage,
    summary="Parties and contracts ranked by risk score, filterable by flag and score",
    responses=ERROR_RESPONSES,
)
def ranked_risk(
    store: StoreDep,
    page: PageDep,
    flag: Annotated[
        str | None,
        Query(max_length=40, description="Only those this flag fires on", examples=["CIRCULAR"]),
    ] = None,
    min_score: Annotated[float | None, Query(ge=0, le=1000, description="Score at least")] = None,
    as_of: Annotated[date | None, Query(description="Day of the assessment")] = None,
) -> RiskPage:
    answer = assess(store, flag=flag, min_score=min_score, as_of=as_of)
    results = sorted(answer.results, key=lambda r: (-r.score, r.id))
    return RiskPage(
        as_of=answer.as_of,
        total=len(results),
        limit=page.limit,
        offset=page.offset,
        more=len(results) > page.offset + page.limit,
        results=results[page.offset : page.offset + page.limit],
        flags=answer.flags,
    )
