"""Pages of lists, and the bounds from the settings that a request may not pass."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel

from api.deps import get_settings
from registry.errors import LimitExceededError
from registry.settings import Settings

T = TypeVar("T")

__all__ = ["Page", "PageParams", "check_bound", "page_params"]


class Page(BaseModel, Generic[T]):
    """``items`` from ``offset``; ``total`` items in all; ``more`` when a next page has some."""

    total: int
    limit: int
    offset: int
    items: list[T]
    more: bool = False


class PageParams(BaseModel):
    limit: int
    offset: int

    def slice(self, items: list[T]) -> Page[T]:
        return Page[T](
            total=len(items),
            limit=self.limit,
            offset=self.offset,
            items=items[self.offset : self.offset + self.limit],
            more=len(items) > self.offset + self.limit,
        )


def check_bound(name: str, value: int, bound: int) -> None:
    """422 with the bound in the message when ``value`` passes it."""
    if value > bound:
        raise LimitExceededError(
            f"{name} {value} is over the bound of this server ({bound}); ask for less",
            parameter=name,
            value=value,
            bound=bound,
        )


def page_params(
    settings: Annotated[Settings, Depends(get_settings)],
    limit: Annotated[
        int, Query(ge=1, description="Items per page (at most the server's bound)")
    ] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip")] = 0,
) -> PageParams:
    check_bound("limit", limit, settings.api_max_page_size)
    return PageParams(limit=limit, offset=offset)


PageDep = Annotated[PageParams, Depends(page_params)]
