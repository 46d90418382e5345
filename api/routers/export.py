"""The register as BODS 0.4 JSON Lines, streamed as it is produced."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from api.auth import ReaderDep
from api.deps import StoreDep
from api.errors import ERROR_RESPONSES
from registry.errors import NotAvailableError
from registry.store import GraphStore

router = APIRouter(tags=["export"], dependencies=[ReaderDep])


def _statements(store: GraphStore) -> Iterator[dict[str, Any]]:
    # Imported when asked: a build without the exporter still serves everything else.
    try:
        from ingest.export import bods_statements
    except ImportError as exc:
        raise NotAvailableError("this build has no BODS exporter", feature="export") from exc
    return bods_statements(store).statements()


def _lines(statements: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    for statement in statements:
        yield (json.dumps(statement, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


@router.get(
    "/export/bods",
    summary="The whole register as BODS 0.4 statements (JSON Lines, streamed)",
    response_class=StreamingResponse,
    responses={
        **ERROR_RESPONSES,
        200: {"content": {"application/x-ndjson": {}}, "description": "One statement a line"},
        501: {"description": "This build has no BODS exporter"},
    },
)
def export_bods(store: StoreDep) -> StreamingResponse:
    statements = _statements(store)
    return StreamingResponse(
        _lines(statements),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="register.bods.jsonl"'},
    )
