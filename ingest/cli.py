"""The ``registry`` command line: thin commands over the library.

``--json`` prints machine-readable answers; without it, readable tables. Errors name the
file, the record and what to do, and exit with status 1 (2 for usage errors).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ingest.analysis_commands import COMMANDS as ANALYSIS_COMMANDS
from ingest.apikey_commands import COMMANDS as APIKEY_COMMANDS
from ingest.cli_support import console, emit_json, errors, fail_cleanly, settings_of
from ingest.export_commands import COMMANDS as EXPORT_COMMANDS
from ingest.ledger import FileReport, Ledger
from ingest.pipeline import ingest_files, load
from ingest.resolve.commands import COMMANDS as RESOLVE_COMMANDS
from ingest.risk_commands import COMMANDS as RISK_COMMANDS
from registry.analysis.results import Basis, OwnersAnswer
from registry.apikeys import DEVELOPMENT_KEY
from registry.queries import owners_of
from registry.settings import Backend, Settings
from registry.store import open_store


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
@fail_cleanly
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
@fail_cleanly
def ingest(ctx: click.Context, source: str, paths: tuple[Path, ...], as_json: bool) -> None:
    """Read source files into the ledger: `registry ingest bods FILE...`.

    Every record is loaded or quarantined with its reason; the same file twice changes
    nothing.
    """
    settings = settings_of(ctx)
    if as_json:
        reports = ingest_files(settings, source, list(paths))
    else:
        reports = _ingest_with_progress(settings, source, list(paths))
    if as_json:
        emit_json({"files": [r.to_dict() for r in reports]})
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
    console.print(table)
    for r in reports:
        for warning in r.warnings[:5]:
            errors.print(f"[yellow]warning:[/] {warning}", highlight=False)


def _ingest_with_progress(settings: Settings, source: str, paths: list[Path]) -> list[FileReport]:
    """Ingest with a progress bar over the files (and their bytes) on standard error."""
    total = sum(p.stat().st_size for p in paths if p.is_file())
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=errors, transient=True) as bar:
        task = bar.add_task(f"ingest {source}", total=total or None)
        reports: list[FileReport] = []
        for path in paths:
            bar.update(task, description=f"{source}: {path.name}")
            reports.extend(ingest_files(settings, source, [path]))
            if path.is_file():
                bar.advance(task, path.stat().st_size)
    return reports


@cli.command(name="load")
@click.option(
    "--backend",
    type=click.Choice([b.value for b in Backend]),
    default=None,
    help="Graph store to load (default: neo4j when REGISTRY_NEO4J_URI is set, else embedded).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
@fail_cleanly
def load_command(ctx: click.Context, backend: str | None, as_json: bool) -> None:
    """Build the graph from the ledger and write it into the store."""
    settings = settings_of(ctx)
    report = load(settings, Backend(backend) if backend else None)
    if as_json:
        emit_json(report.to_dict())
        return
    console.print(
        f"resolved {report.entities} entities ({report.possible} possible matches); "
        f"loaded {report.nodes} nodes and {report.edges} edges into the "
        f"{report.backend} store from {report.current} current records "
        f"({report.closed} closed) in {report.seconds:.2f} s",
        highlight=False,
    )
    for problem in report.problems[:10]:
        errors.print(f"[yellow]warning:[/] {problem}", highlight=False)


def _print_owners(answer: OwnersAnswer) -> None:
    s = answer.subject
    t = answer.threshold
    console.print(
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
    console.print(table)
    for u in answer.unspecified:
        console.print(
            f"unknown owner: {u.reason} ({u.share.min:g}–{u.share.max:g} %)"
            + (f" — {u.description}" if u.description else ""),
            highlight=False,
        )
    console.print(
        f"traced to natural persons: {answer.traced.min:g}–{answer.traced.max:g} %",
        highlight=False,
    )
    for group in answer.circular:
        console.print(f"[red]circular ownership:[/] {' → '.join(group)}", highlight=False)


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
@fail_cleanly
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
    settings = settings_of(ctx)
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
@fail_cleanly
def quarantine(ctx: click.Context, as_json: bool) -> None:
    """List rejected records with file, row, column and reason."""
    settings = settings_of(ctx)
    with Ledger(settings.ledger_path) as ledger:
        entries = ledger.quarantine()
    if as_json:
        emit_json({"quarantine": [e.to_dict() for e in entries]})
        return
    table = Table(title=f"{len(entries)} rejects")
    for column in ("file", "row", "column", "rule", "reason"):
        table.add_column(column)
    for e in entries:
        table.add_row(e.file_name, e.locator, e.field, e.rule, e.message)
    console.print(table)


@cli.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--scale",
    type=click.IntRange(1, 1000),
    default=1,
    show_default=True,
    help="Size: 1 is about 111 hydrocarbon contracts; rows grow linearly.",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@fail_cleanly
def generate(out_dir: Path, scale: int, seed: int, as_json: bool) -> None:
    """Write a synthetic Mexican extractive sector, with ground truth in OUT_DIR/truth.

    Example: registry generate --scale 10 --seed 7 work/sector
    """
    from ingest.generate import generate as run_generator

    report = run_generator(out_dir, scale, seed)
    if as_json:
        emit_json(
            {
                "files": report.files,
                "truth": str(report.truth_dir),
                "seconds": round(report.seconds, 3),
            }
        )
        return
    table = Table(title=f"generated scale {scale}, seed {seed} in {report.seconds:.1f} s")
    table.add_column("file")
    table.add_column("rows", justify="right")
    for name, rows in sorted(report.files.items()):
        table.add_row(name, str(rows))
    table.add_row("[bold]total", f"[bold]{sum(report.files.values())}")
    console.print(table)
    console.print(f"ground truth: {report.truth_dir}", highlight=False)


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
@fail_cleanly
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Serve the API (GET /health, GET /entities/{id}/owners, …)."""
    settings = settings_of(ctx)
    _serve(settings, host or settings.api_host, port or settings.api_port)


@cli.command()
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.option("--no-serve", is_flag=True, help="Build the demo workspace and stop.")
@click.pass_context
@fail_cleanly
def demo(ctx: click.Context, host: str | None, port: int | None, no_serve: bool) -> None:
    """Build a demo workspace from the project's own synthetic data, load it, serve the API.

    The workspace holds the generated Mexican extractive sector (scale 1) and a small
    hand-made BODS group whose answers are worked out in ingest/demo.py.
    """
    from ingest.demo import GENERATED_SOURCES, write_demo_file
    from ingest.generate import generate as run_generator

    settings = settings_of(ctx)
    data = settings.workspace / "demo-data"
    if not (data / "truth").exists():
        errors.print("demo: generating the synthetic sector (scale 1)…", highlight=False)
        run_generator(data, 1, 1)
    reports = ingest_files(settings, "bods", [write_demo_file(data)])
    for name, source in GENERATED_SOURCES.items():
        if (data / name).exists():
            reports += ingest_files(settings, source, [data / name])
    report = load(settings, Backend.EMBEDDED)
    rows = sum(r.read for r in reports)
    quarantined = sum(r.quarantined for r in reports)
    errors.print(
        f"demo: {rows} rows read ({quarantined} quarantined: `registry --workspace "
        f"{settings.workspace} quarantine`), {report.nodes} nodes and {report.edges} edges "
        f"in the embedded store ({settings.workspace})",
        highlight=False,
    )
    host, port = host or settings.api_host, port or settings.api_port
    errors.print(
        f"try: curl http://{host}:{port}/entities/MX-RFC:PGD150101AB1/owners, or open "
        f"http://{host}:{port}/ for the page (judging matches: API key {DEVELOPMENT_KEY})",
        highlight=False,
    )
    if not no_serve:
        _serve(settings, host, port, Backend.EMBEDDED)


for _command in [
    *RESOLVE_COMMANDS,
    *ANALYSIS_COMMANDS,
    *APIKEY_COMMANDS,
    *RISK_COMMANDS,
    *EXPORT_COMMANDS,
]:
    cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="registry", standalone_mode=True)
    except SystemExit as exc:
        sys.exit(exc.code)
