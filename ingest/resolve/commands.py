"""Command line of entity resolution: ``resolve``, ``entities``, ``matches``, ``judge``,
``explain`` and ``judgements`` (export and import as JSON Lines).

Plain ``click`` commands over the library; ``ctx.obj`` is the ``registry.settings.Settings``
of the main group, whose ``ledger_path`` holds the ledger and the resolver's tables.
``COMMANDS`` lists them for the main group to add.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from ingest.cli_support import console, errors, fail_cleanly, settings_of
from ingest.ledger import Ledger
from ingest.resolve.judgements import export_judgements, import_judgements, judge
from ingest.resolve.runs import resolve
from ingest.resolve.views import explain, iter_entities, matches
from ingest.resolve.workspace import VERDICTS
from registry.errors import NotFoundError

__all__ = ["COMMANDS"]


def _ledger(ctx: click.Context) -> Ledger:
    settings = settings_of(ctx)
    if not settings.ledger_path.exists():
        raise NotFoundError(
            f"no ledger in {settings.workspace}: run `registry ingest` first",
            workspace=str(settings.workspace),
        )
    return Ledger(settings.ledger_path)


def _line(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, default=str))


@click.command(name="resolve")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON object.")
@click.option("--rebuild", is_flag=True, help="Forget earlier results (not judgements), redo all.")
@click.pass_context
@fail_cleanly
def resolve_command(ctx: click.Context, as_json: bool, rebuild: bool) -> None:
    """Resolve the parties of the ledger into entities (only what is new since last time).

    Example: registry resolve --json
    """
    with _ledger(ctx) as ledger:
        if as_json:
            report = resolve(ledger, rebuild=rebuild)
        else:
            with errors.status("resolving…") as status:
                report = resolve(
                    ledger, rebuild=rebuild, progress=lambda m: status.update(f"resolve: {m}")
                )
    if as_json:
        _line(report.to_dict())
        return
    console.print(
        f"{report.records} records, {report.mentions} mentions ({report.new_mentions} new) → "
        f"{report.entities} entities; {report.merged} mentions merged, {report.possible} "
        f"possible matches to review (`registry matches`), in {report.seconds:.1f} s",
        highlight=False,
    )
    table = Table(title="by group")
    for column in ("group", "atoms", "new", "candidate pairs", "merges", "λ", "seconds"):
        table.add_column(column, justify="left" if column == "group" else "right")
    for group, info in report.groups.items():
        table.add_row(
            group,
            str(info["atoms"]),
            str(info["new_atoms"]),
            str(info["candidate_pairs"]),
            str(info["merges"]),
            f"{info['lambda']:.4g}",
            f"{info['seconds']['total']:.2f}",
        )
    if report.groups:
        console.print(table)


@click.command(name="entities")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, with members.")
@click.pass_context
@fail_cleanly
def entities_command(ctx: click.Context, as_json: bool) -> None:
    """List resolved entities: id, kind, name, identifiers and member mentions.

    A member is "<source>:<file name>:<row>:<field>". Example: registry entities --json
    """
    with _ledger(ctx) as ledger:
        if as_json:
            for entity in iter_entities(ledger):
                _line(entity)
            return
        table = Table()
        table.add_column("id", no_wrap=True, min_width=20)
        for column in ("kind", "name", "identifiers", "members"):
            table.add_column(column, justify="right" if column == "members" else "left")
        for entity in iter_entities(ledger):
            table.add_row(
                entity["id"],
                entity["kind"],
                entity["name"],
                ", ".join(entity["identifiers"]),
                str(len(entity["members"])),
            )
    console.print(table)


@click.command(name="matches")
@click.option(
    "--status",
    type=click.Choice(["possible", "unsure", "different", "same", "all"]),
    default="possible",
    show_default=True,
    help="possible: not judged yet; unsure/different/same: judged so; all.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
@fail_cleanly
def matches_command(ctx: click.Context, status: str, as_json: bool) -> None:
    """Possible matches (POSSIBLY_SAME_AS): pairs of entities in the uncertain band, with
    probability, match weight and the comparison levels behind them.

    Judge one with: registry judge ENTITY_A ENTITY_B same|different|unsure --by NAME
    """
    with _ledger(ctx) as ledger:
        found = matches(ledger, status=None if status == "all" else status)
    if as_json:
        for match in found:
            _line(match.to_dict())
        return
    table = Table(title=f"{len(found)} {status} matches")
    for column in ("probability", "entity a", "entity b", "why", "status"):
        table.add_column(column)
    for match in found:
        why = ", ".join(
            f"{name} {level['level']} ({level['weight']:+.1f})"
            for name, level in match.levels.items()
            if level["level"] != "missing"
        )
        table.add_row(
            f"{match.probability:.3f}",
            f"{match.name_a}\n[dim]{match.entity_a}[/]",
            f"{match.name_b}\n[dim]{match.entity_b}[/]",
            f"{why}\n[dim]{match.reason}[/]",
            match.status,
        )
    console.print(table)


@click.command(name="judge")
@click.argument("id_a")
@click.argument("id_b")
@click.argument("verdict", type=click.Choice(list(VERDICTS)))
@click.option("--by", "by", default=None, help="Who decides (default: $USER or 'anonymous').")
@click.option("--note", default=None, help="Why, in a few words.")
@click.option("--json", "as_json", is_flag=True, help="Print the judgement as JSON.")
@click.pass_context
@fail_cleanly
def judge_command(
    ctx: click.Context,
    id_a: str,
    id_b: str,
    verdict: str,
    by: str | None,
    note: str | None,
    as_json: bool,
) -> None:
    """Judge two entities or mentions the same, different, or say you are unsure.

    The judgement overrides scores now and in every later run. Example:
    registry judge ent-1a2b… ent-3c4d… different --by "Ana (UIF)"
    """
    import os

    who = by or os.environ.get("USER") or "anonymous"
    with _ledger(ctx) as ledger:
        judgement = judge(ledger, id_a, id_b, verdict, who, note=note)
    if as_json:
        _line(judgement.to_dict())
        return
    console.print(
        f"judged {id_a} and {id_b}: {verdict} (by {who}, {judgement.at})", highlight=False
    )


@click.command(name="explain")
@click.argument("entity_id")
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
@click.pass_context
@fail_cleanly
def explain_command(ctx: click.Context, entity_id: str, as_json: bool) -> None:
    """Why an entity holds its mentions: each merge with rule, levels, weights, judgement."""
    with _ledger(ctx) as ledger:
        found = explain(ledger, entity_id)
    if as_json:
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return
    entity = found.entity
    console.print(
        f"[bold]{entity['name']}[/] ({entity['kind']}, {entity['id']}) "
        f"{', '.join(entity['identifiers'])}",
        highlight=False,
    )
    for members in found.atoms:
        if len(members) > 1:
            console.print(f"identical: {len(members)} mentions like {members[0]}", highlight=False)
    for edge in found.edges:
        levels = ", ".join(
            f"{name} {lv['level']} ({lv['weight']:+.1f})"
            for name, lv in edge["levels"].items()
            if lv["level"] != "missing"
        )
        console.print(
            f"{edge['a']} ↔ {edge['b']}: {edge['rule']}, weight {edge['weight']:.1f}, "
            f"p={edge['probability']:.3f}; {levels}",
            highlight=False,
        )


@click.command(name="judgements")
@click.option("--export", "export_to", type=click.Path(path_type=Path), default=None)
@click.option("--import", "import_from", type=click.Path(exists=True, path_type=Path), default=None)
@click.pass_context
@fail_cleanly
def judgements_command(
    ctx: click.Context, export_to: Path | None, import_from: Path | None
) -> None:
    """Export judgements to JSON Lines, or import (and apply) them from JSON Lines."""
    with _ledger(ctx) as ledger:
        if import_from is not None:
            added = import_judgements(ledger, import_from)
            console.print(f"imported {added} judgements from {import_from}", highlight=False)
        if export_to is not None:
            count = export_judgements(ledger, export_to)
            console.print(f"exported {count} judgements to {export_to}", highlight=False)
        if import_from is None and export_to is None:
            raise click.UsageError("give --export PATH or --import PATH")


#: The commands for the main ``registry`` group.
COMMANDS: list[click.Command] = [
    resolve_command,
    entities_command,
    matches_command,
    judge_command,
    explain_command,
    judgements_command,
]
