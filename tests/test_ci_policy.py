"""In CI a test that needs Neo4j fails when no server can be had; it never skips."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run_store_suite(ci: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_NEO4J")}
    env.update({"CI": ci, "REGISTRY_NEO4J_START_TIMEOUT": "0"})
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/registry/test_store_conformance.py::test_round_trip_keeps_every_field[neo4j]",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_neo4j_tests_fail_in_ci_when_the_server_cannot_start() -> None:
    result = _run_store_suite("true")
    assert result.returncode == 1, result.stdout[-2000:]
    assert "1 error" in result.stdout
    assert "skipped" not in result.stdout
    assert "CI needs a real Neo4j" in result.stdout


def test_neo4j_tests_skip_outside_ci_when_the_server_cannot_start() -> None:
    result = _run_store_suite("")
    assert result.returncode == 0, result.stdout[-2000:]
    assert "1 skipped" in result.stdout
