"""Every route on both stores: the same answers as the library, pagination, bounds, 308."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from registry.analysis.results import CyclesAnswer
from registry.diagram import diagram_of
from registry.queries import cycles_in, holdings_of, owners_of
from registry.store import GraphStore
from tests.support.api_workspace import PLANTED_TRUST, ApiWorkspace


@pytest.fixture
def client(api_store: GraphStore, api_workspace: ApiWorkspace) -> Iterator[TestClient]:
    with TestClient(create_app(api_workspace.settings, api_store)) as test_client:
        yield test_client


def test_health_ready_and_whoami(client: TestClient, api_store: GraphStore) -> None:
    assert client.get("/health").json() == {"status": "ok", "backend": api_store.name}
    assert client.get("/ready").json()["status"] == "ready"
    who = client.get("/whoami").json()
    assert who == {
        "name": "anonymous",
        "role": "reader",
        "authenticated": False,
        "anonymous_read": True,
        "mode": "development",
    }


def test_search_by_name_typo_rfc_and_kind(client: TestClient, api_workspace: ApiWorkspace) -> None:
    name = api_workspace.holder_name
    hits = client.get("/search", params={"q": name, "limit": 5}).json()
    assert hits["items"][0]["id"] == api_workspace.holder
    typo = client.get("/search", params={"q": "Fideicomiso Irevocable Prueba"}).json()
    assert typo["items"][0]["name"] == PLANTED_TRUST
    assert typo["items"][0]["kind"] == "trust"
    rfc = client.get("/search", params={"q": "PGD150101"}).json()
    assert [h["matched"] for h in rfc["items"]] == ["identifier"]
    people = client.get("/search", params={"q": "maria", "kind": "person", "limit": 50}).json()
    assert people["items"]
    assert {h["kind"] for h in people["items"]} == {"person"}
    page = client.get("/search", params={"q": "minera", "limit": 2}).json()
    after = client.get("/search", params={"q": "minera", "limit": 2, "offset": 2}).json()
    assert len(page["items"]) == 2
    assert page["more"] is True
    assert not {h["id"] for h in page["items"]} & {h["id"] for h in after["items"]}


def test_entity_owners_holdings_match_the_library(
    client: TestClient, api_store: GraphStore, api_workspace: ApiWorkspace
) -> None:
    holder = api_workspace.holder
    entity = client.get(f"/entities/{holder}").json()
    assert entity["id"] == holder
    assert entity["kind"] == "company"
    assert entity["sources"]
    assert entity["identifiers"]
    assert any(link["role"] == "participation" for link in entity["links"])
    owners = client.get(f"/entities/{holder}/owners").json()
    assert owners == owners_of(store=api_store, ref=holder).model_dump(mode="json")
    assert owners["circular"]
    member = owners["circular"][0][0]
    holdings = client.get(f"/entities/{member}/holdings").json()
    assert holdings == holdings_of(api_store, member).model_dump(mode="json")
    assert holder in {h["id"] for h in holdings["holdings"]}
    by_rfc = client.get("/entities/MX-RFC:PGD150101AB1")
    assert by_rfc.status_code == 200  # an identifier key answers in place
    assert by_rfc.json()["name"] == "Petrolera del Golfo Demo, S.A. de C.V."


def test_graph_shows_trust_cycle_and_contract(
    client: TestClient, api_store: GraphStore, api_workspace: ApiWorkspace
) -> None:
    holder = api_workspace.holder
    body = client.get(f"/entities/{holder}/graph", params={"depth": 3}).json()
    assert body == diagram_of(api_store, holder, depth=3).model_dump(mode="json")
    kinds = {n["kind"] for n in body["nodes"]}
    assert {"trust", "company", "person", "hydrocarbon_contract"} <= kinds
    assert any(n["cycle"] for n in body["nodes"])
    assert any(e["in_cycle"] for e in body["edges"])
    trust_edge = next(
        e
        for e in body["edges"]
        if e["source"] in {n["id"] for n in body["nodes"] if n["kind"] == "trust"}
    )
    assert trust_edge["share"] == {"min": 25.0, "max": 25.0}
    assert {n["layer"] for n in body["nodes"]} >= {-1, 0, 1}
    capped = client.get(f"/entities/{holder}/graph", params={"depth": 3, "per_node": 1}).json()
    root = next(n for n in capped["nodes"] if n["id"] == holder)
    assert root["more_owners"] >= 2


def test_paths_cycles_and_contracts(
    client: TestClient, api_store: GraphStore, api_workspace: ApiWorkspace
) -> None:
    holder = api_workspace.holder
    member = owners_of(api_store, holder).circular[0][0]
    path = client.get("/paths", params={"from": member, "to": holder}).json()
    assert path["direction"] == "source_holds_target"
    assert path["shortest"]["ids"][0] == member
    assert path["shortest"]["ids"][-1] == holder
    cycles = client.get("/cycles", params={"limit": 1}).json()
    expected: CyclesAnswer = cycles_in(api_store)
    assert cycles["total"] == len(expected.cycles) >= 1
    assert cycles["items"] == [expected.cycles[0].model_dump(mode="json")]
    assert cycles["more"] is (len(expected.cycles) > 1)
    graph = client.get(f"/entities/{holder}/graph", params={"depth": 1}).json()
    contract = next(n for n in graph["nodes"] if n["kind"] == "hydrocarbon_contract")
    answer = client.get(f"/contracts/{contract['name']}").json()
    assert answer["contract"]["id"] == contract["id"]
    assert holder in {h["id"] for h in answer["holders"]}
    assert client.get(f"/contracts/{contract['id']}").json()["contract"]["name"] == contract["name"]


def test_bounds_and_errors(client: TestClient, api_workspace: ApiWorkspace) -> None:
    holder = api_workspace.holder
    too_deep = client.get(f"/entities/{holder}/graph", params={"depth": 7})
    assert too_deep.status_code == 422
    assert too_deep.json()["error"] == "limit_exceeded"
    assert too_deep.json()["details"] == {"parameter": "depth", "value": 7, "bound": 6}
    assert client.get(f"/entities/{holder}/graph", params={"depth": 6}).status_code == 200
    too_many = client.get("/search", params={"q": "minera", "limit": 201})
    assert too_many.status_code == 422
    assert too_many.json()["error"] == "limit_exceeded"
    assert client.get("/entities/nobody").status_code == 404
    assert client.get("/contracts/CNH-NOPE").status_code == 404
    assert client.get("/paths", params={"from": "nobody", "to": holder}).status_code == 404
    assert client.get("/search", params={"q": ""}).status_code == 422


def test_merged_ids_answer_308_to_the_canonical_id(
    client: TestClient, api_workspace: ApiWorkspace
) -> None:
    old, new = api_workspace.retired, api_workspace.survivor
    moved = client.get(f"/entities/{old}", follow_redirects=False)
    assert moved.status_code == 308
    assert moved.headers["location"] == f"/entities/{new}"
    sub = client.get(f"/entities/{old}/owners?as_of=2024-06-30", follow_redirects=False)
    assert sub.status_code == 308
    assert sub.headers["location"] == f"/entities/{new}/owners?as_of=2024-06-30"
    by_entity = client.get(f"/entities/{api_workspace.retired_entity}", follow_redirects=False)
    assert by_entity.headers["location"] == f"/entities/{new}"
    assert client.get(f"/entities/{old}").json()["id"] == new  # followed


def test_matches_list_and_pages(client: TestClient) -> None:
    first = client.get("/matches", params={"limit": 3}).json()
    assert first["total"] >= 3
    assert len(first["items"]) == 3
    assert [m["status"] for m in first["items"]] == ["possible"] * 3
    probabilities = [m["probability"] for m in first["items"]]
    assert probabilities == sorted(probabilities, reverse=True)
    judged = client.get("/matches", params={"status": "same"}).json()
    assert judged["total"] == 0 or {m["status"] for m in judged["items"]} == {"same"}
    assert client.get("/matches", params={"status": "maybe"}).status_code == 422


def test_risk_ranked_and_per_entity(client: TestClient, api_workspace: ApiWorkspace) -> None:
    ranked = client.get("/risk", params={"limit": 5}).json()
    scores = [r["score"] for r in ranked["results"]]
    assert ranked["total"] >= len(scores) > 0
    assert scores == sorted(scores, reverse=True)
    assert {f["code"] for f in ranked["flags"]} >= {"CIRCULAR"}
    top = ranked["results"][0]
    mine = client.get(f"/entities/{top['id']}/risk").json()
    assert [r["id"] for r in mine["results"]] == [top["id"]]
    assert mine["results"][0]["flags"] == top["flags"]
    circular = client.get("/risk", params={"flag": "CIRCULAR", "limit": 200}).json()
    assert all(any(f["code"] == "CIRCULAR" for f in r["flags"]) for r in circular["results"])
    assert client.get("/risk", params={"flag": "NOPE"}).status_code == 422


def test_bods_export_streams_json_lines(client: TestClient, api_store: GraphStore) -> None:
    with client.stream("GET", "/export/bods") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/x-ndjson")
        lines = [json.loads(line) for line in response.iter_lines() if line]
    types = {s["recordType"] for s in lines}
    assert types == {"entity", "person", "relationship"}
    parties = api_store.counts()
    assert sum(s["recordType"] != "relationship" for s in lines) <= parties["nodes"]


def test_a_build_without_the_exporter_answers_501(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ingest.export", None)  # importing it now fails
    missing = client.get("/export/bods")
    assert missing.status_code == 501
    assert missing.json()["error"] == "not_available"


def test_the_page_is_served_without_the_network(client: TestClient) -> None:
    assert client.get("/", follow_redirects=False).headers["location"] == "/ui/"
    page = client.get("/ui/").text
    assert "app.js" in page
    assert "diagram.js" in page
    web = Path(__file__).resolve().parents[2] / "api" / "web"
    for path in web.iterdir():
        # The SVG namespace is a name, not a fetch; any other address would be one.
        text = path.read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", "")
        assert "http://" not in text, path.name
        assert "https://" not in text, path.name
        assert client.get(f"/ui/{path.name}").status_code == 200
