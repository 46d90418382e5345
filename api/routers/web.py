"""The investigator's web page: static files, no build step, nothing from the network."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

WEB = Path(__file__).resolve().parents[1] / "web"

router = APIRouter(include_in_schema=False)


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/ui/", status_code=307)


def mount(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/ui", StaticFiles(directory=WEB, html=True), name="ui")
