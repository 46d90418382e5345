"""Fuzzy search by name, RFC or CURP."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.auth import ReaderDep
from api.deps import StoreDep
from api.errors import ERROR_RESPONSES
from api.pagination import Page, PageDep
from registry.model import NodeKind
from registry.search import MAX_QUERY_LENGTH, SEARCH_KINDS, SearchHit

router = APIRouter(tags=["search"], dependencies=[ReaderDep])


@router.get(
    "/search",
    response_model=Page[SearchHit],
    summary="Find parties, contracts and titles by name, RFC or CURP",
    description=(
        "Names match word by word, accents and case aside: a word of the query that starts "
        "a word of the name, or is one typo away from one (`petrolra` finds Petrolera). An "
        "RFC or CURP matches from its start (`LOHM680202`). Contract ids and mining titles "
        "match by substring (`CNH-R01`, `227855`). Best first; `total` counts the hits up to "
        "this page and one more (`more` says whether there are others)."
    ),
    responses=ERROR_RESPONSES,
)
def search(
    store: StoreDep,
    page: PageDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_QUERY_LENGTH,
            description="Words of a name, or an RFC/CURP (or its start)",
            examples=["petrolera golfo"],
        ),
    ],
    kind: Annotated[
        list[NodeKind] | None,
        Query(description="Only these kinds (repeat the parameter)", examples=[["company"]]),
    ] = None,
) -> Page[SearchHit]:
    kinds = set(kind) if kind else set(SEARCH_KINDS)
    hits = store.search(q, kinds, page.offset + page.limit + 1)
    return Page[SearchHit](
        total=len(hits),
        limit=page.limit,
        offset=page.offset,
        items=hits[page.offset : page.offset + page.limit],
        more=len(hits) > page.offset + page.limit,
    )
