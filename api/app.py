"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import errors
from api.routers import entities, health
from registry.settings import Settings
from registry.store import GraphStore, open_store


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Build the app; the store opens at start-up (from the settings unless given)."""
    config = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = config
        app.state.store = store or open_store(config)
        try:
            yield
        finally:
            if store is None:
                app.state.store.close()

    app = FastAPI(
        title="Mexico extractive-sector beneficial ownership registry",
        version="0.1.0",
        description="Who owns and controls the holders of Mexico's hydrocarbon contracts, "
        "mining concessions and public contracts.",
        lifespan=lifespan,
    )
    errors.install(app)
    app.include_router(health.router)
    app.include_router(entities.router)
    return app
