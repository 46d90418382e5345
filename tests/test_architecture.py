"""The package directions of DESIGN.md, checked by parsing every import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("registry", "ingest", "api")

#: What each package may import from the others.
ALLOWED: dict[str, set[str]] = {
    "registry": {"registry"},
    "ingest": {"registry", "ingest"},
    "api": {"registry", "api", "ingest"},
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_point_downstream_only(package: str) -> None:
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules(package)
        for name in _imports(path)
        if name.split(".")[0] in PACKAGES and name.split(".")[0] not in ALLOWED[package]
    ]
    assert wrong == []


def test_api_uses_ingest_only_for_the_review_of_matches_and_exports() -> None:
    # The BODS exporter lives in ingest/export; only the export route may stream from it.
    users = [
        str(path.relative_to(ROOT))
        for path in _modules("api")
        if any(n.split(".")[0] == "ingest" for n in _imports(path))
    ]
    assert all("match" in u or "review" in u or "export" in u for u in users), users


def test_only_the_store_imports_neo4j_and_only_the_api_imports_fastapi() -> None:
    neo4j_users = {
        str(p.relative_to(ROOT))
        for pkg in PACKAGES
        for p in _modules(pkg)
        if any(n.split(".")[0] == "neo4j" for n in _imports(p))
    }
    assert neo4j_users == {"registry/store/neo4j_store.py"}
    fastapi_users = {
        pkg
        for pkg in PACKAGES
        for p in _modules(pkg)
        if any(n.split(".")[0] in ("fastapi", "starlette") for n in _imports(p))
    }
    assert fastapi_users == {"api"}


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import ingest.cli\nfrom api.app import create_app\n")
    assert _imports(bad) == ["ingest.cli", "api.app"]


def test_labels_and_types_live_only_in_the_mapping_table() -> None:
    # Cypher spells a label or a type after a colon; Python annotations put a space there.
    literals = (":OWNS", ":Person", ":Company", ":TRUSTEE_OF", ":HOLDS", ":PARTY_TO", '"OWNS"')
    offenders = [
        str(p.relative_to(ROOT))
        for pkg in PACKAGES
        for p in _modules(pkg)
        if p.name != "schema.py" and any(lit in p.read_text() for lit in literals)
    ]
    assert offenders == []
