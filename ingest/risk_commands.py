"""``registry risk``: the red flags of RISK.md with their evidence, and scores.

``--json`` prints ``{"results": [{"id", "name", "kind", "score", "reasons", "flags":
[{"code", "severity", "scored", "evidence": {...}}]}], "flags": [status of each flag],
...}``; ``--csv FILE`` writes the register-wide report; ``--write`` stores flags and scores
on the nodes (label ``RiskFlagged`` in Neo4j). ``ingest.cli`` registers ``COMMANDS``.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import click
from rich.table import Table

from ingest.cli_support import console, errors, fail_cleanly, settings_of
from registry.risk import FLAGS, RiskAnswer, RiskParameters, assess
from registry.settings import Backend
from registry.store import EmbeddedStore, open_store

__all__ = ["COMMANDS", "write_csv"]

_CSV_COLUMNS = ("id", "name", "kind", "score", "flags", "cleared", "reasons", "sources")


def write_csv(answer: RiskAnswer, path: Path) -> int:
    """One row per flagged party or contract; returns the number of rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(_CSV_COLUMNS)
        for r in answer.results:
            scored = sorted({h.code for h in r.flags if h.scored})
            cleared = sorted({h.code for h in r.flags if not h.scored})
            sources = sorted({s for h in r.flags for s in h.evidence.sources})
            out.writerow(
                (
                    r.id,
                    r.name,
                    r.kind,
                    f"{r.score:g}",
                    ";".join(scored),
                    ";".join(cleared),
                    " | ".join(r.reasons),
                    ";".join(sources[:20]),
                )
            )
    return len(answer.results)


@click.command()
@click.argument("subject", metavar="[ID]", required=False)
@click.option(
    "--flag",
    "flag",
    type=click.Choice([f.code for f in FLAGS], case_sensitive=False),
    default=None,
    help="Only the parties and contracts this flag fires on.",
)
@click.option("--min-score", type=float, default=None, help="Only scores of at least N.")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Interests and positions in force on this day (default: today).",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report (one row per flagged party or contract) to this CSV file.",
)
@click.option("--write", is_flag=True, help="Store flags and scores on the nodes of the graph.")
@click.option(
    "--backend",
    type=click.Choice([b.value for b in Backend]),
    default=None,
    help="Graph store to ask (default: neo4j when REGISTRY_NEO4J_URI is set, else embedded).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.pass_context
@fail_cleanly
def risk(
    ctx: click.Context,
    subject: str | None,
    flag: str | None,
    min_score: float | None,
    as_of: datetime | None,
    csv_path: Path | None,
    write: bool,
    backend: str | None,
    as_json: bool,
) -> None:
    """Sweep the register for the red flags of RISK.md; each hit with its evidence, each
    party and contract with a score and its reasons. Parameters: REGISTRY_RISK_* (see
    registry/risk/parameters.py).

    Example: registry risk --flag SAT_69B --json; registry risk MX-RFC:PGD150101AB1
    """
    settings = settings_of(ctx)
    store = open_store(settings, Backend(backend) if backend else None)
    try:
        answer = assess(
            store,
            subject=subject,
            flag=flag,
            min_score=min_score,
            as_of=as_of.date() if as_of else None,
            params=RiskParameters(max_upstream_nodes=settings.max_upstream_nodes),
            write=write,
        )
        if write and isinstance(store, EmbeddedStore):
            store.save()
    finally:
        store.close()
    if csv_path is not None:
        rows = write_csv(answer, csv_path)
        errors.print(f"{rows} rows written to {csv_path}", highlight=False)
    if as_json:
        click.echo(answer.model_dump_json(indent=2))
    else:
        _print(answer)


def _print(answer: RiskAnswer) -> None:
    table = Table(title=f"red flags as of {answer.as_of} ({len(answer.results)} flagged)")
    for column in ("party or contract", "kind", "score", "flags"):
        table.add_column(column)
    for r in answer.results[:50]:
        codes = ", ".join(
            dict.fromkeys(h.code + ("" if h.scored else " (cleared)") for h in r.flags)
        )
        table.add_row(f"{r.name or r.id}\n[dim]{r.id}[/]", r.kind, f"{r.score:g}", codes)
    console.print(table)
    if len(answer.results) > 50:
        errors.print(f"… {len(answer.results) - 50} more: use --json or --csv", highlight=False)
    for status in answer.flags:
        if not status.evaluated:
            errors.print(
                f"[yellow]not evaluated:[/] {status.code} — {status.reason}", highlight=False
            )


COMMANDS: list[click.Command] = [risk]
