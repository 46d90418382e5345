"""Liveness and readiness."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from api.deps import get_store
from registry.store import GraphStore

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    backend: str


@router.get("/health", response_model=Health, summary="The API process is up")
def health(store: Annotated[GraphStore, Depends(get_store)]) -> Health:
    return Health(status="ok", backend=store.name)


@router.get("/ready", response_model=Health, summary="The graph store answers")
def ready(store: Annotated[GraphStore, Depends(get_store)]) -> Health:
    store.ping()
    return Health(status="ready", backend=store.name)
