"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import errors
from api.match_redirects import MergedIds
from api.routers import (
    contracts,
    entities,
    export,
    health,
    matches,
    ownership,
    risk,
    search,
    session,
    web,
)
from registry.settings import Settings
from registry.store import GraphStore, open_store

DESCRIPTION = """\
Who owns and controls the holders of Mexico's hydrocarbon contracts, mining concessions and
public contracts.

**Access.** Send an API key as `X-API-Key: <key>` or `Authorization: Bearer <key>`. Roles:
*reader* reads, *analyst* also judges possible matches, *admin* may do everything. Reading
without a key is allowed when the server says so (`REGISTRY_API_ANONYMOUS_READ`; on by
default in development mode only). Keys are made with `registry apikey create`.

**Ids.** Routes under `/entities/{id}` take a node id, a BODS recordId or an identifier key
(`MX-RFC:<rfc>`). An id that entity resolution retired (two entities judged the same), or
a resolver entity id (`ent-…`), answers **308** with the canonical route in `Location`.

**Bounds.** Lists take `limit` and `offset`; `limit` over `REGISTRY_API_MAX_PAGE_SIZE` and a
diagram `depth` over `REGISTRY_API_MAX_GRAPH_DEPTH` answer 422 `limit_exceeded`.

**Errors** are `{"error": code, "message": what to do, "details": {...}}`.
"""


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Build the app; the store opens at start-up (from the settings unless given)."""
    config = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = store or open_store(config)
        try:
            yield
        finally:
            if store is None:
                app.state.store.close()

    app = FastAPI(
        title="Mexico extractive-sector beneficial ownership registry",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = config
    app.state.merged = MergedIds(config)
    if store is not None:
        # A store handed in serves at once, also to clients that skip the lifespan.
        app.state.store = store
    errors.install(app)
    for module in (health, session, search, entities, ownership, contracts, risk, matches):
        app.include_router(module.router)
    app.include_router(export.router)
    web.mount(app)
    return app
