"""Every notebook runs top to bottom against a fresh demo workspace, and none stores outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from nbclient import NotebookClient

from ingest.cli import cli

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_the_four_notebooks() -> None:
    names = [p.stem for p in NOTEBOOKS]
    assert len(names) == 4
    for word in ("quick-start", "circular", "contracts", "network"):
        assert any(word in n for n in names), word


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_are_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: a code cell has stored outputs"
            assert cell.execution_count is None


@pytest.fixture(scope="module")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace (generator scale 1 and the hand-made BODS group), as `make demo`."""
    workspace = tmp_path_factory.mktemp("notebooks") / "demo"
    result = CliRunner().invoke(cli, ["--workspace", str(workspace), "demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    return workspace


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(
    path: Path, demo_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGISTRY_WORKSPACE", str(demo_workspace))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.delenv("REGISTRY_NEO4J_URI", raising=False)
    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert errors == []
    printed = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert printed, "the notebook printed nothing"
