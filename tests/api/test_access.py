"""API keys and roles on both stores: 401 without a key, 403 for a reader's judgement, the
analyst's judgement recorded with their name, and settings that refuse unsafe set-ups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from api.auth import principal_of
from api.errors import AuthenticationRequiredError
from ingest.cli import cli
from ingest.ledger import Ledger
from ingest.resolve import judgements, matches
from registry.apikeys import DEVELOPMENT_KEY, ApiKeyRecord, Role, hash_key, new_key
from registry.errors import ConfigurationError
from registry.settings import Mode, Settings
from registry.store import GraphStore
from tests.support.api_workspace import ApiWorkspace


def _keys() -> tuple[dict[Role, str], list[ApiKeyRecord]]:
    made = {role: new_key(f"{role.value}-key", role) for role in Role}
    return {role: key for role, (key, _) in made.items()}, [r for _, r in made.values()]


def _closed(workspace: Path, records: list[ApiKeyRecord]) -> Settings:
    return Settings(workspace=workspace, api_keys=records, api_anonymous_read=False)


def test_reading_needs_a_key_when_anonymous_reading_is_off(
    api_store: GraphStore, api_workspace: ApiWorkspace
) -> None:
    keys, records = _keys()
    settings = _closed(api_workspace.settings.workspace, records)
    holder = api_workspace.holder
    with TestClient(create_app(settings, api_store)) as client:
        for url in (f"/entities/{holder}", "/search?q=minera", "/cycles", "/matches"):
            denied = client.get(url)
            assert denied.status_code == 401, url
            assert denied.json()["error"] == "authentication_required"
            assert denied.headers["www-authenticate"] == "Bearer"
        assert client.get("/health").status_code == 200  # probes need no key
        wrong = client.get("/search?q=minera", headers={"X-API-Key": "rk_not-a-key"})
        assert wrong.status_code == 401
        reader = {"X-API-Key": keys[Role.READER]}
        assert client.get(f"/entities/{holder}", headers=reader).status_code == 200
        bearer = {"Authorization": f"Bearer {keys[Role.READER]}"}
        assert client.get("/whoami", headers=bearer).json()["role"] == "reader"
        # The development key means nothing once keys are configured.
        dev = client.get("/search?q=minera", headers={"X-API-Key": DEVELOPMENT_KEY})
        assert dev.status_code == 401


def test_judgements_need_an_analyst(
    api_store: GraphStore, api_workspace: ApiWorkspace, tmp_path: Path
) -> None:
    keys, records = _keys()
    copy = api_workspace.copy(tmp_path / "ws")
    settings = Settings(workspace=copy.workspace, api_keys=records)
    with Ledger(settings.ledger_path) as ledger:
        pair = matches(ledger, status="possible")[0]
    url = f"/matches/{pair.entity_a}/{pair.entity_b}/judgement"
    with TestClient(create_app(settings, api_store)) as client:
        anonymous = client.post(url, json={"verdict": "different"})
        assert anonymous.status_code == 401
        reader = client.post(
            url, json={"verdict": "different"}, headers={"X-API-Key": keys[Role.READER]}
        )
        assert reader.status_code == 403
        assert reader.json()["error"] == "permission_denied"
        bad = client.post(url, json={"verdict": "maybe"}, headers={"X-API-Key": keys[Role.ANALYST]})
        assert bad.status_code == 422
        made = client.post(
            url,
            json={"verdict": "different", "note": "different mines"},
            headers={"X-API-Key": keys[Role.ANALYST]},
        )
        assert made.status_code == 200, made.text
        assert made.json()["by"] == "analyst-key"
        assert made.json()["verdict"] == "different"
        still = client.get("/matches", params={"limit": 200}).json()["items"]
        assert (pair.entity_a, pair.entity_b) not in {(m["entity_a"], m["entity_b"]) for m in still}
        admin = client.post(
            f"/matches/{pair.entity_a}/nobody/judgement",
            json={"verdict": "same"},
            headers={"X-API-Key": keys[Role.ADMIN]},
        )
        assert admin.status_code == 404
    with Ledger(settings.ledger_path) as ledger:
        last = judgements(ledger)[-1]
    assert (last.a, last.b, last.verdict, last.by) == (
        pair.entity_a,
        pair.entity_b,
        "different",
        "analyst-key",
    )


def test_development_key_works_only_in_development(tmp_path: Path) -> None:
    settings = Settings(workspace=tmp_path)
    found = principal_of(settings, DEVELOPMENT_KEY)
    assert found is not None
    assert found.role is Role.ADMIN
    with pytest.raises(ConfigurationError, match="REGISTRY_API_KEYS"):
        Settings(workspace=tmp_path, mode=Mode.PRODUCTION)
    _, dev = new_key("dev", Role.ADMIN)
    leaked = dev.model_copy(update={"hash": hash_key(DEVELOPMENT_KEY)})
    with pytest.raises(ConfigurationError, match="development API key"):
        Settings(workspace=tmp_path, mode=Mode.PRODUCTION, api_keys=[leaked])
    _, records = _keys()
    production = Settings(workspace=tmp_path, mode=Mode.PRODUCTION, api_keys=records)
    assert production.anonymous_read is False
    with pytest.raises(AuthenticationRequiredError, match="not known"):
        principal_of(production, DEVELOPMENT_KEY)


def test_cli_makes_a_key_that_the_api_accepts(
    api_store: GraphStore, api_workspace: ApiWorkspace
) -> None:
    result = CliRunner().invoke(cli, ["apikey", "create", "--role", "analyst", "--json"])
    assert result.exit_code == 0, result.output
    made = json.loads(result.stdout)
    record = ApiKeyRecord.model_validate(made["record"])
    assert made["key"] not in json.dumps(made["record"])  # only the hash is kept
    settings = _closed(api_workspace.settings.workspace, [record])
    with TestClient(create_app(settings, api_store)) as client:
        who = client.get("/whoami", headers={"X-API-Key": made["key"]}).json()
    assert (who["name"], who["role"], who["authenticated"]) == ("analyst", "analyst", True)
