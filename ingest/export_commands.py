"""Export commands of the ``registry`` command line: ``export bods|graphml|gexf|csv|ftm``
and ``validate-bods``. Thin commands over ``ingest.export``.

``ingest.cli`` registers ``COMMANDS`` on its group.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import click
from rich.table import Table

from ingest.cli_support import console, emit_json, errors, fail_cleanly, settings_of
from ingest.export.bods import export_bods
from ingest.export.cove import validate_bods
from ingest.export.ftm import export_ftm
from ingest.export.networks import export_gexf, export_graphml
from ingest.export.register import ExportReport
from ingest.export.tables import export_csv
from registry.settings import Backend
from registry.store import GraphStore, open_store

__all__ = ["COMMANDS"]

_BACKEND = click.option(
    "--backend",
    type=click.Choice([b.value for b in Backend]),
    default=None,
    help="Graph store to read (default: neo4j when REGISTRY_NEO4J_URI is set, else embedded).",
)
_JSON = click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
_OUT = click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path),
    required=True,
    help="File to write (for csv: a folder, which gets nodes.csv and edges.csv).",
)


def _store(ctx: click.Context, backend: str | None) -> GraphStore:
    return open_store(settings_of(ctx), Backend(backend) if backend else None)


@click.group(name="export")
def export() -> None:
    """Write the register as BODS 0.4, GraphML, GEXF, CSV tables or FollowTheMoney.

    Example: registry export bods -o register.bods.jsonl --validate
    """


@export.command(name="bods")
@_OUT
@click.option(
    "--date",
    "published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Statement and publication date (default: today).",
)
@click.option("--validate", is_flag=True, help="Check the file with libcovebods afterwards.")
@_BACKEND
@_JSON
@click.pass_context
@fail_cleanly
def export_bods_command(
    ctx: click.Context,
    output: Path,
    published: datetime | None,
    validate: bool,
    backend: str | None,
    as_json: bool,
) -> None:
    """The resolved register as BODS 0.4 JSON Lines: entities, persons, relationships."""
    store = _store(ctx, backend)
    try:
        report = export_bods(store, output, published=published.date() if published else None)
    finally:
        store.close()
    answer = {"path": str(output), **report.to_dict()}
    if validate:
        result = validate_bods(output)
        answer["libcovebods"] = {
            "ok": result.ok,
            "schema_version": result.schema_version,
            "problems": [p.message for p in result.problems],
        }
    if as_json:
        emit_json(answer)
    else:
        console.print(
            f"wrote {report.statements} statements to {output}: {report.entities} entities, "
            f"{report.persons} persons, {report.relationships} relationships "
            f"({report.interests} interests, {report.unspecified} unknown owners)",
            highlight=False,
        )
        for reason, count in sorted(report.skipped.items()):
            errors.print(f"[yellow]left out:[/] {count} interests ({reason})", highlight=False)
        if validate:
            _print_validation(answer["libcovebods"])
    if validate and not answer["libcovebods"]["ok"]:
        raise SystemExit(1)


def _print_validation(result: dict[str, object]) -> None:
    problems = result["problems"]
    assert isinstance(problems, list)
    if not problems:
        console.print(f"libcovebods: no problems (BODS {result['schema_version']})")
        return
    errors.print(f"[bold red]libcovebods: {len(problems)} problems[/]", highlight=False)
    for message in problems[:20]:
        errors.print(f"  {message}", highlight=False)


def _graph_command(
    name: str, write: Callable[[GraphStore, Path], ExportReport], help_text: str
) -> click.Command:
    @click.command(name=name, help=help_text)
    @_OUT
    @_BACKEND
    @_JSON
    @click.pass_context
    @fail_cleanly
    def command(ctx: click.Context, output: Path, backend: str | None, as_json: bool) -> None:
        store = _store(ctx, backend)
        try:
            report = write(store, output)
        finally:
            store.close()
        if as_json:
            emit_json(report.to_dict())
            return
        console.print(
            f"wrote {report.nodes} nodes and {report.edges} edges as {name}: "
            + ", ".join(report.files),
            highlight=False,
        )

    return command


export.add_command(
    _graph_command(
        "graphml",
        export_graphml,
        "The whole graph as GraphML, for Gephi, yEd, networkx or igraph.",
    )
)
export.add_command(_graph_command("gexf", export_gexf, "The whole graph as GEXF, for Gephi."))
export.add_command(
    _graph_command("csv", export_csv, "nodes.csv and edges.csv of the whole graph into a folder.")
)
export.add_command(
    _graph_command(
        "ftm",
        export_ftm,
        "FollowTheMoney entities (JSON Lines) for Aleph and OpenSanctions tools; the report "
        "counts entities made from nodes and from edges.",
    )
)


@click.command(name="validate-bods")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_JSON
@fail_cleanly
def validate_bods_command(path: Path, as_json: bool) -> None:
    """Check a BODS file (JSON array or JSON Lines) with libcovebods, offline.

    Exits with status 1 when libcovebods reports a problem.
    """
    result = validate_bods(path)
    if as_json:
        emit_json(result.to_dict())
    elif result.ok:
        console.print(f"libcovebods: no problems (BODS {result.schema_version})")
    else:
        table = Table(title=f"{len(result.problems)} problems")
        for column in ("kind", "type", "statement", "message"):
            table.add_column(column)
        for p in result.problems[:200]:
            where = p.statement or (str(p.index) if p.index is not None else "")
            table.add_row(p.kind, p.type, where, p.message)
        console.print(table)
    if not result.ok:
        raise SystemExit(1)


COMMANDS: list[click.Command] = [export, validate_bods_command]
