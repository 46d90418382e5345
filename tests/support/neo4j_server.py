"""A real Neo4j for the test session, started through tools/neo4j unless one is configured.

With ``REGISTRY_NEO4J_URI`` set, the tests use that server. Otherwise the session starts
the harness launcher on a free port with a throw-away folder, and stops it at the end.
In CI (``CI=true``) a server that cannot be had fails the tests; elsewhere they skip.
"""

from __future__ import annotations

import os
import secrets
import select
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import REPO

READY = "REGISTRY-NEO4J READY"
START_TIMEOUT_S = float(os.environ.get("REGISTRY_NEO4J_START_TIMEOUT", "900"))


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    user: str
    password: str
    process: subprocess.Popen[str] | None = None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def configured() -> Neo4jServer | None:
    uri = os.environ.get("REGISTRY_NEO4J_URI")
    if not uri:
        return None
    return Neo4jServer(
        uri=uri,
        user=os.environ.get("REGISTRY_NEO4J_USER", "neo4j"),
        password=os.environ.get("REGISTRY_NEO4J_PASSWORD", ""),
    )


def start() -> Neo4jServer:
    """Start the launcher; raise ``RuntimeError`` with its output if it does not come up."""
    script = REPO / "tools" / "neo4j" / "neo4j.sh"
    if not script.exists():
        raise RuntimeError(f"{script} is missing")
    port = _free_port()
    password = "test-" + secrets.token_hex(8)
    env = {
        **os.environ,
        "REGISTRY_NEO4J_PORT": str(port),
        "REGISTRY_NEO4J_PASSWORD": password,
        "REGISTRY_NEO4J_HEAP": os.environ.get("REGISTRY_NEO4J_HEAP", "1g"),
    }
    log_path = REPO / ".neo4j" / f"test-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("w")
    process = subprocess.Popen(
        ["bash", str(script), "run", "--ephemeral", "--stop-on-stdin-eof"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        env=env,
        cwd=str(REPO),
    )
    assert process.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        ready, _, _ = select.select([process.stdout], [], [], 1.0)
        if ready:
            line = process.stdout.readline()
            if line.startswith(READY):
                uri = line.split()[-1]
                return Neo4jServer(uri=uri, user="neo4j", password=password, process=process)
    stop(Neo4jServer("", "", "", process))
    tail = Path(log_path).read_text(errors="replace")[-4000:]
    raise RuntimeError(f"Neo4j did not start within {START_TIMEOUT_S:.0f} s; log:\n{tail}")


def stop(server: Neo4jServer) -> None:
    process = server.process
    if process is None or process.poll() is not None:
        return
    try:
        if process.stdin:
            process.stdin.close()
        process.terminate()
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)
