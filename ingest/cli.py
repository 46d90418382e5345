"""The ``registry`` command line: thin commands over the library.

``--json`` prints machine-readable answers; without it, readable tables. Errors name the
file, the record and what to do, and exit with status 1 (2 for usage errors).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click
from rich.console import Console
from rich.table import Table

from ingest.ledger import Ledger
from ingest.pipeline import ingest_files, load
from registry.analysis.results import Basis, OwnersAnswer
from registry.errors import RegistryError
from registry.queries import owners_of
from registry.settings import Backend, Settings
from registry.store import open_store

P = ParamSpec("P")
R = TypeVar("R")

_console = Console()
_errors = Console(stderr=True)


def _fail_cleanly(func: Callable[P, R]) -> Callable[P, R]:
    """Turn domain errors into one readable line and exit status 1."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except RegistryError as exc:
            _errors.print(f"[bold red]error:[/] {exc.message}", highlight=False)
            raise SystemExit(1) from None

    return wrapper


def _settings(ctx: click.Context) -> Settings:
    settings = ctx.obj
    assert isinstance(settings, Settings)
    return settings


def _emit_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Example: registry --workspace work ingest bods statements.json && "
    "registry --workspace work load && registry --workspace work owners MX-RFC:PGD150101AB1",
)
@click.option(
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder with the ledger and the embedded graph "
    "(default: $REGISTRY_WORKSPACE or .registry).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log what happens.")
@click.pass_context
@_fail_cleanly
def cli(ctx: click.Context, workspace: Path | None, verbose: bool) -> None:
    """Beneficial ownership and trust registry for Mexico's extractive sector."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    overrides: dict[str, Any] = {}
    if workspace is not None:
        overrides["workspace"] = workspace
    ctx.obj = Settings(**overrides)


@cli.command()
@click.argument("source")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
@_fail_cleanly
def ingest(ctx: click.Context, source: str, paths: tuple[Path, ...], as_json: bool) -> None:
    """Read source files into the ledger: `registry ingest bods FILE...`.

    Every record is loaded or quarantined with its reason; the same file twice changes
    nothing.
    """
    settings = _settings(ctx)
    progress = None if as_json else (lambda msg: _errors.print(f"[dim]{msg}[/]"))
    reports = ingest_files(settings, source, list(paths), progress)
    if as_json:
        _emit_json({"files": [r.to_dict() for r in reports]})
        return
    table = Table(title=f"ingest {source}")
    for column in ("file", "read", "loaded", "quarantined", "duplicates", "reasons"):
        table.add_column(column, justify="right" if column not in ("file", "reasons") else "left")
    for r in reports:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(r.reasons.items()))
        name = Path(r.path).name + (" (already ingested)" if r.already_ingested else "")
        table.add_row(
            name, str(r.read), str(r.loaded), str(r.quarantined), str(r.duplicates), reasons
        )
    _console.print(table)
    for r in reports:
        for warning in r.warnings[:5]:
            _errors.print(f"[yellow]warning:[/] {warning}", highlight=False)


@cli.command(name="load")
@click.option(
    "--backend",
    type=click.Choice([b.value for b in Backend]),
    default=None,
    help="Graph store to load (default: neo4j when REGISTRY_NEO4J_URI is set, else embedded).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
@_fail_cleanly
def load_command(ctx: click.Context, backend: str | None, as_json: bool) -> None:
    """Build the graph from the ledger and write it into the store."""
    settings = _settings(ctx)
    report = load(settings, Backend(backend) if backend else None)
    if as_json:
        _emit_json(report.to_dict())
        return
    _console.print(
        f"loaded {report.nodes} parties and {report.edges} interests into the "
        f"{report.backend} store from {report.current} current records "
        f"({report.closed} closed) in {report.seconds:.2f} s",
        highlight=False,
    )
    for problem in report.problems[:10]:
        _errors.print(f"[yellow]warning:[/] {problem}", highlight=False)


def _print_owners(answer: OwnersAnswer) -> None:
    s = answer.subject
    t = answer.threshold
    _console.print(
        f"[bold]{s.name or s.id}[/] ({s.kind}, {s.id}) — owners as of {answer.as_of}, "
        f"basis {t.basis} ({'>' if t.strict else '≥'} {t.percent:g} %)",
        highlight=False,
    )
    table = Table()
    for column in ("owner", "kind", "effective %", "BO", "why"):
        table.add_column(column)
    for o in answer.owners:
        eff = o.effective
        pct = f"{eff.min:g}" if eff.min == eff.max else f"{eff.min:g}–{eff.max:g}"
        table.add_row(
            f"{o.name or o.id}\n[dim]{o.id}[/]",
            o.kind,
            pct,
            "yes" if o.beneficial_owner else "",
            "; ".join(o.reasons),
        )
    _console.print(table)
    for u in answer.unspecified:
        _console.print(
            f"unknown owner: {u.reason} ({u.share.min:g}–{u.share.max:g} %)"
            + (f" — {u.description}" if u.description else ""),
            highlight=False,
        )
    _console.print(
        f"traced to natural persons: {answer.traced.min:g}–{answer.traced.max:g} %",
        highlight=False,
    )
    for group in answer.circular:
        _console.print(f"[red]circular ownership:[/] {' → '.join(group)}", highlight=False)


@cli.command()
@click.argument("party_id", metavar="ID")
@click.option("--threshold", type=float, default=None, help="Own threshold in percent (≥).")
@click.option(
    "--basis",
    type=click.Choice([b.value for b in Basis]),
    default=Basis.CFF.value,
    show_default=True,
    help="cff: more than 15 %; lfpiorpi: 25 % or more.",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Count only interests whose dates cover this day (default: today).",
)
@click.option(
    "--backend",
    type=click.Choice([b.value for b in Backend]),
    default=None,
    help="Graph store to ask (default as for load).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.pass_context
@_fail_cleanly
def owners(
    ctx: click.Context,
    party_id: str,
    threshold: float | None,
    basis: str,
    as_of: Any,
    backend: str | None,
    as_json: bool,
) -> None:
    """Who owns and controls ID (canonical id, BODS recordId or MX-RFC:<rfc>).

    Example: registry owners MX-RFC:PGD150101AB1 --basis lfpiorpi --json
    """
    settings = _settings(ctx)
    store = open_store(settings, Backend(backend) if backend else None)
    try:
        answer = owners_of(
            store,
            party_id,
            basis=basis,
            threshold=threshold,
            as_of=as_of.date() if as_of else None,
            max_nodes=settings.max_upstream_nodes,
            max_paths=settings.max_paths_per_owner,
        )
    finally:
        store.close()
    if as_json:
        click.echo(answer.model_dump_json(indent=2))
    else:
        _print_owners(answer)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per reject.")
@click.pass_context
@_fail_cleanly
def quarantine(ctx: click.Context, as_json: bool) -> None:
    """List rejected records with file, row, column and reason."""
    settings = _settings(ctx)
    with Ledger(settings.ledger_path) as ledger:
        entries = ledger.quarantine()
    if as_json:
        _emit_json({"quarantine": [e.to_dict() for e in entries]})
        return
    table = Table(title=f"{len(entries)} rejects")
    for column in ("file", "row", "column", "rule", "reason"):
        table.add_column(column)
    for e in entries:
        table.add_row(e.file_name, e.locator, e.field, e.rule, e.message)
    _console.print(table)


def _serve(settings: Settings, host: str, port: int, backend: Backend | None = None) -> None:
    import uvicorn

    # The app factory reads its settings from the environment: hand them on.
    os.environ["REGISTRY_WORKSPACE"] = str(settings.workspace.resolve())
    if backend is not None:
        os.environ["REGISTRY_BACKEND"] = backend.value
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, log_level="info")


@cli.command()
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.pass_context
@_fail_cleanly
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Serve the API (GET /health, GET /entities/{id}/owners, …)."""
    settings = _settings(ctx)
    _serve(settings, host or settings.api_host, port or settings.api_port)


@cli.command()
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.option("--no-serve", is_flag=True, help="Build the demo workspace and stop.")
@click.pass_context
@_fail_cleanly
def demo(ctx: click.Context, host: str | None, port: int | None, no_serve: bool) -> None:
    """Build a demo workspace from the project's own synthetic data, load it, serve the API."""
    from ingest.demo import write_demo_file

    settings = _settings(ctx)
    path = write_demo_file(settings.workspace / "demo-data")
    reports = ingest_files(settings, "bods", [path])
    report = load(settings, Backend.EMBEDDED)
    _errors.print(
        f"demo: {reports[0].loaded or reports[0].read} statements in the ledger, "
        f"{report.nodes} parties and {report.edges} interests in the embedded store "
        f"({settings.workspace})",
        highlight=False,
    )
    host, port = host or settings.api_host, port or settings.api_port
    _errors.print(
        f"try: curl http://{host}:{port}/entities/MX-RFC:PGD150101AB1/owners", highlight=False
    )
    if not no_serve:
        _serve(settings, host, port, Backend.EMBEDDED)


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="registry", standalone_mode=True)
    except SystemExit as exc:
        sys.exit(exc.code)
