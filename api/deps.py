"""Dependencies the routers take: settings and the graph store."""

from __future__ import annotations

from typing import cast

from fastapi import Request

from registry.settings import Settings
from registry.store import GraphStore


def get_settings(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


def get_store(request: Request) -> GraphStore:
    return cast(GraphStore, request.app.state.store)
