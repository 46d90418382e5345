"""Schemathesis against the OpenAPI spec: generated requests for every operation, a bounded
number each, and never a 5xx (nor a response that breaks its own schema)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import Case
from schemathesis.checks import not_a_server_error, response_schema_conformance
from schemathesis.openapi import from_asgi

from api.app import create_app
from registry.store import EmbeddedStore
from tests.support.api_workspace import ApiWorkspace, fill

#: Examples per operation: enough to reach every parameter, bounded for CI's two cores.
MAX_EXAMPLES = 12


def test_generated_requests_never_get_a_server_error(
    api_workspace: ApiWorkspace, tmp_path: Path
) -> None:
    copy = api_workspace.copy(tmp_path / "ws")  # a judgement may not touch the shared one
    store = EmbeddedStore()
    fill(store, api_workspace)
    schema = from_asgi("/openapi.json", create_app(copy, store))
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    labels = {op.label for op in operations}
    assert {"GET /search", "GET /entities/{entity_id}/graph", "GET /export/bods"} <= labels
    assert "POST /matches/{a}/{b}/judgement" in labels
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Case[Any]) -> None:
            response = case.call()
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.text[:300]}")
            elif response.status_code != 308:
                case.validate_response(
                    response, checks=[not_a_server_error, response_schema_conformance]
                )

        run()
    assert failures == []


def test_the_spec_documents_examples_and_errors(api_workspace: ApiWorkspace) -> None:
    with TestClient(create_app(api_workspace.settings, EmbeddedStore())) as client:
        spec = client.get("/openapi.json").json()
    graph = spec["paths"]["/entities/{entity_id}/graph"]["get"]
    assert {"308", "401", "422"} <= set(graph["responses"])
    params = {p["name"]: p for p in graph["parameters"]}
    assert params["entity_id"]["schema"]["examples"] == ["MX-RFC:PGD150101AB1"]
    assert "308" in params["entity_id"]["description"]
    assert params["depth"]["schema"]["examples"] == [3]
    assert "403" in spec["paths"]["/matches/{a}/{b}/judgement"]["post"]["responses"]
