"""`registry demo` builds, loads and serves with nothing but Python: no Java on the PATH."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> str:
    curl = shutil.which("curl")
    if curl:
        return subprocess.run(
            [curl, "-sf", url], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode())


def test_demo_serves_owners_without_java(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    registry = bin_dir / "registry"
    assert registry.exists(), "the console script `registry` is installed by make"
    port = _free_port()
    env = {
        "PATH": str(bin_dir),  # no java, no mvn: only the virtual environment
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
    }
    assert shutil.which("java", path=env["PATH"]) is None
    process = subprocess.Popen(
        [str(registry), "--workspace", str(tmp_path / "ws"), "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                if json.loads(_get(url + "/health"))["status"] == "ok":
                    break
            except (OSError, subprocess.CalledProcessError, ValueError):
                pass
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            assert time.monotonic() < deadline, "the demo API did not answer in 90 s"
            time.sleep(0.5)
        body = json.loads(_get(url + "/entities/MX-RFC:PGD150101AB1/owners"))
        assert body["subject"]["name"] == "Petrolera del Golfo Demo, S.A. de C.V."
        beneficial = {o["name"] for o in body["owners"] if o["beneficial_owner"]}
        assert beneficial == {"María Fernanda López Hernández", "Jorge Ramírez Soto"}
        assert body["circular"]
        assert body["unspecified"]
        kinds = {o["kind"] for o in body["owners"]}
        assert {"trust", "arrangement", "person", "company"} <= kinds
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
