"""Dependencies the routers take: settings, the graph store, and entity ids made canonical."""

from __future__ import annotations

from typing import Annotated, cast
from urllib.parse import quote

from fastapi import Depends, Path, Request

from api.errors import MovedError
from api.match_redirects import MergedIds
from registry.queries import MAX_REF_LENGTH
from registry.settings import Settings
from registry.store import GraphStore


def get_settings(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


def get_store(request: Request) -> GraphStore:
    return cast(GraphStore, request.app.state.store)


def get_merged(request: Request) -> MergedIds:
    return cast(MergedIds, request.app.state.merged)


ENTITY_ID_DOC = (
    "A node id, a BODS recordId, or an identifier key (`MX-RFC:<rfc>`, `MX-CURP:<curp>`). "
    "An id retired by entity resolution (two entities judged the same), or a resolver "
    "entity id (`ent-…`), answers **308** to the same route under the canonical node id."
)


def entity_ref(
    request: Request,
    entity_id: Annotated[
        str,
        Path(
            min_length=1,
            max_length=MAX_REF_LENGTH,
            description=ENTITY_ID_DOC,
            examples=["MX-RFC:PGD150101AB1"],
        ),
    ],
    store: Annotated[GraphStore, Depends(get_store)],
    merged: Annotated[MergedIds, Depends(get_merged)],
) -> str:
    """The reference as given when the store knows it; a 308 when it was merged away."""
    key = entity_id.strip()
    if not key or store.find(key) is not None:
        return entity_id
    target = merged.target(store, key)
    if target is None:
        return entity_id
    route = request.scope.get("route")
    template = getattr(route, "path_format", "/entities/{entity_id}")
    location = template.replace("{entity_id}", quote(target, safe=""))
    if request.url.query:
        location += "?" + request.url.query
    raise MovedError(location)


EntityRef = Annotated[str, Depends(entity_ref)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
