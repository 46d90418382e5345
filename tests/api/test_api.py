"""The API on both stores: the same JSON as the CLI, and errors from the one table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from ingest.demo import write_demo_file
from ingest.graph_builder import build_graph
from ingest.ledger import Ledger
from ingest.pipeline import ingest_files
from registry.queries import owners_of
from registry.settings import Settings
from registry.store import GraphStore


def _demo(store: GraphStore, tmp_path: Path) -> Settings:
    settings = Settings(workspace=tmp_path / "ws")
    ingest_files(settings, "bods", [write_demo_file(tmp_path / "data")])
    with Ledger(settings.ledger_path) as ledger:
        built = build_graph(ledger.records("bods"))
    store.ensure_schema()
    store.write(built.nodes, built.edges)
    return settings


def test_health_and_ready(store: GraphStore, tmp_path: Path) -> None:
    settings = _demo(store, tmp_path)
    with TestClient(create_app(settings, store)) as client:
        assert client.get("/health").json() == {"status": "ok", "backend": store.name}
        assert client.get("/ready").status_code == 200


def test_owners_endpoint_matches_the_library(store: GraphStore, tmp_path: Path) -> None:
    settings = _demo(store, tmp_path)
    with TestClient(create_app(settings, store)) as client:
        response = client.get(
            "/entities/MX-RFC:PGD150101AB1/owners", params={"as_of": "2025-06-01"}
        )
        assert response.status_code == 200
        body = response.json()
    expected = owners_of(store, "MX-RFC:PGD150101AB1", as_of=date(2025, 6, 1))
    assert body == expected.model_dump(mode="json")
    names = {o["name"]: o for o in body["owners"]}
    assert names["Carlos Mendoza Ruiz"]["effective"] == {"min": 15.0, "max": 15.0}
    assert names["Carlos Mendoza Ruiz"]["beneficial_owner"] is False
    assert names["Jorge Ramírez Soto"]["beneficial_owner"] is True
    assert names["María Fernanda López Hernández"]["beneficial_owner"] is True
    assert body["unspecified"][0]["reason"] == "subjectUnableToConfirmOrIdentifyBeneficialOwner"
    assert len(body["circular"]) == 1


def test_owners_parameters_change_the_answer(store: GraphStore, tmp_path: Path) -> None:
    settings = _demo(store, tmp_path)
    with TestClient(create_app(settings, store)) as client:
        low = client.get("/entities/MX-RFC:PGD150101AB1/owners", params={"threshold": 10}).json()
        carlos = next(o for o in low["owners"] if o["name"] == "Carlos Mendoza Ruiz")
        assert carlos["beneficial_owner"] is True
        assert low["threshold"] == {"basis": "custom", "percent": 10.0, "strict": False}
        before = client.get(
            "/entities/MX-RFC:PGD150101AB1/owners", params={"as_of": "2019-01-01"}
        ).json()
        assert before["owners"] == []  # every interest of the demo starts in 2020


def test_errors_come_from_the_table(store: GraphStore, tmp_path: Path) -> None:
    settings = _demo(store, tmp_path)
    with TestClient(create_app(settings, store)) as client:
        missing = client.get("/entities/nobody/owners")
        assert missing.status_code == 404
        assert missing.json()["error"] == "not_found"
        assert "nobody" in missing.json()["message"]
        assert client.get("/entities/x/owners", params={"threshold": 150}).status_code == 422
        assert client.get("/entities/x/owners", params={"basis": "nope"}).status_code == 422
        assert client.get("/entities/x/owners", params={"as_of": "yesterday"}).status_code == 422
        assert client.get("/entities/" + "x" * 600 + "/owners").status_code == 422
        injection = client.get("/entities/x' OR 1=1 //MATCH (n) DETACH DELETE n/owners")
        assert injection.status_code == 404
    assert store.counts()["nodes"] == 15  # nothing was deleted
