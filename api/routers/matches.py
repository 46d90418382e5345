"""The review of possible matches: pairs the resolver was unsure of, and judgements.

A judgement is applied to the resolution at once ("same" merges the two entities, and the
retired id then answers 308); the graph shows it after the next ``registry load``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Path, Query
from pydantic import BaseModel, Field

from api.auth import Principal, ReaderDep, require
from api.deps import SettingsDep, StoreDep
from api.errors import ERROR_RESPONSES
from api.match_redirects import node_of_entity
from api.pagination import Page, PageDep
from ingest.ledger import Ledger
from ingest.resolve import judge, matches
from registry.apikeys import Role
from registry.errors import NotFoundError
from registry.settings import Settings

router = APIRouter(tags=["review"])

Status = Literal["possible", "unsure", "different", "same", "all"]
_MENTION = Path(min_length=1, max_length=300, description="Entity id (ent-…) or mention id")


class MatchView(BaseModel):
    entity_a: str
    entity_b: str
    node_a: str | None = Field(description="Graph node of entity a, to open its page.")
    node_b: str | None = Field(description="Graph node of entity b.")
    mention_a: str
    mention_b: str
    name_a: str
    name_b: str
    probability: float
    weight: float
    reason: str
    levels: dict[str, object]
    status: str


class JudgementIn(BaseModel):
    verdict: Literal["same", "different", "unsure"]
    note: str | None = Field(default=None, max_length=2000)


class JudgementOut(BaseModel):
    a: str
    b: str
    verdict: str
    by: str
    at: str
    a_members: list[str]
    b_members: list[str]
    note: str | None = None


def _ledger(settings: Settings) -> Ledger:
    if not settings.ledger_path.exists():
        raise NotFoundError(
            "this server has no ledger, so nothing to review: run `registry ingest` and "
            "`registry load` in its workspace",
            workspace=str(settings.workspace),
        )
    return Ledger(settings.ledger_path)


@router.get(
    "/matches",
    response_model=Page[MatchView],
    summary="Possible matches awaiting a human (or judged ones)",
    description="One per pair of entities, most probable first, with the comparison levels.",
    responses={**ERROR_RESPONSES, 404: {"description": "No ledger on this server"}},
    dependencies=[ReaderDep],
)
def list_matches(
    settings: SettingsDep,
    store: StoreDep,
    page: PageDep,
    status: Annotated[Status, Query(description="Which pairs")] = "possible",
) -> Page[MatchView]:
    with _ledger(settings) as ledger:
        found = matches(ledger, status=None if status == "all" else status)
    sliced = page.slice(found)
    items = [
        MatchView(
            **m.to_dict(),
            node_a=node_of_entity(store, m.entity_a),
            node_b=node_of_entity(store, m.entity_b),
        )
        for m in sliced.items
    ]
    return Page[MatchView](
        total=sliced.total, limit=page.limit, offset=page.offset, items=items, more=sliced.more
    )


@router.post(
    "/matches/{a}/{b}/judgement",
    response_model=JudgementOut,
    summary="Judge a pair: same, different or unsure (needs an analyst key)",
    description=(
        "Recorded with the key's name and the time, applied to the resolution at once, kept "
        "through every later run. Two different valid RFCs or CURPs are never the same (422)."
    ),
    responses={
        **ERROR_RESPONSES,
        403: {"description": "The key's role is below analyst"},
        404: {"description": "Unknown entity or mention id, or no ledger"},
    },
)
def judge_pair(
    a: Annotated[str, _MENTION],
    b: Annotated[str, _MENTION],
    judgement: Annotated[JudgementIn, Body(examples=[{"verdict": "same", "note": "same RFC"}])],
    settings: SettingsDep,
    principal: Annotated[Principal, Depends(require(Role.ANALYST))],
) -> JudgementOut:
    with _ledger(settings) as ledger:
        made = judge(ledger, a, b, judgement.verdict, by=principal.name, note=judgement.note)
    return JudgementOut(**made.to_dict())
