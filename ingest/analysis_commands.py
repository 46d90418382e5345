"""Analysis commands of the ``registry`` command line: holdings, path, contract, cycles,
analyze. Thin commands over ``registry.queries``; ``--json`` prints the answer models as
``owners --json`` does, without it readable tables.

``ingest.cli`` registers ``COMMANDS`` on its group.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import click
from rich.table import Table

from ingest.cli_support import console, errors, fail_cleanly, settings_of
from registry.analysis.results import (
    AnalyzeReport,
    Basis,
    ContractAnswer,
    CyclesAnswer,
    HoldingsAnswer,
    OwnershipPath,
    PathAnswer,
    Percent,
)
from registry.queries import analyze_register, contract_of, cycles_in, holdings_of, path_between
from registry.settings import Backend
from registry.store import EmbeddedStore, GraphStore, open_store

__all__ = ["COMMANDS"]


def _store(ctx: click.Context, backend: str | None) -> GraphStore:
    return open_store(settings_of(ctx), Backend(backend) if backend else None)


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _pct(p: Percent | None) -> str:
    if p is None:
        return ""
    return f"{p.min:g}" if p.min == p.max else f"{p.min:g}–{p.max:g}"


def _chain(path: OwnershipPath | None) -> str:
    if path is None:
        return "—"
    share = f" ({_pct(path.share)} %)" if path.share is not None else ""
    return " → ".join(path.ids) + share


_AS_OF = click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Count only interests, participations and titles whose dates cover this day "
    "(default: today).",
)
_BACKEND = click.option(
    "--backend",
    type=click.Choice([b.value for b in Backend]),
    default=None,
    help="Graph store to ask (default: neo4j when REGISTRY_NEO4J_URI is set, else embedded).",
)
_JSON = click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
_BASIS = click.option(
    "--basis",
    type=click.Choice([b.value for b in Basis]),
    default=Basis.CFF.value,
    show_default=True,
    help="cff: more than 15 %; lfpiorpi: 25 % or more.",
)
_THRESHOLD = click.option(
    "--threshold", type=float, default=None, help="Own threshold in percent (≥)."
)


@click.command()
@click.argument("party_id", metavar="ID")
@_AS_OF
@_BACKEND
@_JSON
@click.pass_context
@fail_cleanly
def holdings(
    ctx: click.Context, party_id: str, as_of: datetime | None, backend: str | None, as_json: bool
) -> None:
    """What ID holds, directly or through others, with effective shares, and the contracts
    and mining titles held that way.

    Example: registry holdings MX-RFC:PGD150101AB1 --json
    """
    settings = settings_of(ctx)
    store = _store(ctx, backend)
    try:
        answer = holdings_of(
            store, party_id, as_of=_day(as_of), max_nodes=settings.max_upstream_nodes
        )
    finally:
        store.close()
    if as_json:
        click.echo(answer.model_dump_json(indent=2))
    else:
        _print_holdings(answer)


def _print_holdings(answer: HoldingsAnswer) -> None:
    o = answer.owner
    console.print(
        f"[bold]{o.name or o.id}[/] ({o.kind}, {o.id}) — holdings as of {answer.as_of}",
        highlight=False,
    )
    table = Table()
    for column in ("held", "kind", "effective %", "votes %", "controls", "strongest chain"):
        table.add_column(column)
    for h in answer.holdings:
        table.add_row(
            f"{h.name or h.id}\n[dim]{h.id}[/]",
            h.kind,
            _pct(h.effective),
            _pct(h.voting),
            "yes" if h.controls else "",
            _chain(h.paths[0] if h.paths else None),
        )
    console.print(table)
    if answer.contracts:
        contracts = Table(title="contracts and titles held through them")
        for column in ("contract", "holder", "participation %", "holder share %", "effective %"):
            contracts.add_column(column)
        for c in answer.contracts:
            contracts.add_row(
                c.name,
                c.holder_name or c.holder_id,
                _pct(c.participation) + (" (operator)" if c.operator else ""),
                _pct(c.holder_share),
                _pct(c.effective),
            )
        console.print(contracts)
    for group in answer.circular:
        console.print(f"[red]circular ownership:[/] {' → '.join(group)}", highlight=False)
    for note in answer.notes:
        errors.print(f"[yellow]note:[/] {note}", highlight=False)


@click.command()
@click.argument("source_id", metavar="ID_A")
@click.argument("target_id", metavar="ID_B")
@_AS_OF
@_BACKEND
@_JSON
@click.pass_context
@fail_cleanly
def path(
    ctx: click.Context,
    source_id: str,
    target_id: str,
    as_of: datetime | None,
    backend: str | None,
    as_json: bool,
) -> None:
    """How ID_A and ID_B are linked: the shortest and the strongest chain of interests, or
    the owners and holdings they share.

    Example: registry path MX-RFC:PGD150101AB1 MX-RFC:MPR170101AB1 --json
    """
    settings = settings_of(ctx)
    store = _store(ctx, backend)
    try:
        answer = path_between(
            store, source_id, target_id, as_of=_day(as_of), max_nodes=settings.max_upstream_nodes
        )
    finally:
        store.close()
    if as_json:
        click.echo(answer.model_dump_json(indent=2))
    else:
        _print_path(answer)


def _print_path(answer: PathAnswer) -> None:
    s, t = answer.source, answer.target
    console.print(
        f"[bold]{s.name or s.id}[/] and [bold]{t.name or t.id}[/] as of {answer.as_of}: "
        f"{answer.direction.replace('_', ' ')}",
        highlight=False,
    )
    if answer.effective is not None:
        console.print(f"effective share: {_pct(answer.effective)} %", highlight=False)
    if answer.shortest is not None:
        console.print(f"shortest: {_chain(answer.shortest)}", highlight=False)
        console.print(f"strongest: {_chain(answer.strongest)}", highlight=False)
    for title, items in (
        ("owners of both", answer.common_owners),
        ("held by both", answer.common_holdings),
    ):
        for c in items:
            console.print(
                f"{title}: {c.name or c.id} — {_chain(c.to_source)}; {_chain(c.to_target)}",
                highlight=False,
            )


@click.command()
@click.argument("contract_id", metavar="CONTRACT_ID")
@_BASIS
@_THRESHOLD
@_AS_OF
@_BACKEND
@_JSON
@click.pass_context
@fail_cleanly
def contract(
    ctx: click.Context,
    contract_id: str,
    basis: str,
    threshold: float | None,
    as_of: datetime | None,
    backend: str | None,
    as_json: bool,
) -> None:
    """Holders of a hydrocarbon contract (CNH id) or mining title (T-227855 or 227855) on the
    day, their participations, and each owner's effective share of the contract.

    Example: registry contract CNH-R01-L01-A7/2015 --basis lfpiorpi --json
    """
    settings = settings_of(ctx)
    store = _store(ctx, backend)
    try:
        answer = contract_of(
            store,
            contract_id,
            basis=basis,
            threshold=threshold,
            as_of=_day(as_of),
            max_nodes=settings.max_upstream_nodes,
            max_paths=settings.max_paths_per_owner,
        )
    finally:
        store.close()
    if as_json:
        click.echo(answer.model_dump_json(indent=2))
    else:
        _print_contract(answer)


def _print_contract(answer: ContractAnswer) -> None:
    c, t = answer.contract, answer.threshold
    console.print(
        f"[bold]{c.name or c.id}[/] ({c.kind}) — as of {answer.as_of}, basis {t.basis} "
        f"({'>' if t.strict else '≥'} {t.percent:g} %)",
        highlight=False,
    )
    holders = Table(title="holders")
    for column in ("holder", "participation %", "operator", "traced to persons %"):
        holders.add_column(column)
    for h in answer.holders:
        holders.add_row(
            f"{h.name or h.id}\n[dim]{h.id}[/]",
            _pct(h.participation),
            "yes" if h.operator else "",
            _pct(h.traced),
        )
    console.print(holders)
    owners = Table(title="owners through the holders")
    for column in ("owner", "effective % of the contract", "beneficial owner of", "via"):
        owners.add_column(column)
    for b in answer.beneficial_owners:
        owners.add_row(
            f"{b.name or b.id}\n[dim]{b.id}[/]",
            _pct(b.effective),
            ", ".join(b.beneficial_owner_of),
            ", ".join(b.via),
        )
    console.print(owners)
    for note in answer.notes:
        errors.print(f"[yellow]note:[/] {note}", highlight=False)


@click.command()
@_AS_OF
@_BACKEND
@_JSON
@click.pass_context
@fail_cleanly
def cycles(ctx: click.Context, as_of: datetime | None, backend: str | None, as_json: bool) -> None:
    """Every circular-ownership group in the register (one sweep, no path enumeration).

    Example: registry cycles --json
    """
    store = _store(ctx, backend)
    try:
        answer = cycles_in(store, as_of=_day(as_of))
    finally:
        store.close()
    if as_json:
        click.echo(answer.model_dump_json(indent=2))
    else:
        _print_cycles(answer)


def _print_cycles(answer: CyclesAnswer) -> None:
    table = Table(title=f"{len(answer.cycles)} circular-ownership groups as of {answer.as_of}")
    for column in ("members", "size", "example"):
        table.add_column(column)
    for group in answer.cycles:
        table.add_row(", ".join(group.members), str(len(group.members)), " → ".join(group.example))
    console.print(table)


@click.command()
@_BASIS
@_THRESHOLD
@_AS_OF
@click.option(
    "--all-parties",
    "every_party",
    is_flag=True,
    help="Every party somebody holds an interest in, not only contract and title holders.",
)
@_BACKEND
@_JSON
@click.pass_context
@fail_cleanly
def analyze(
    ctx: click.Context,
    basis: str,
    threshold: float | None,
    as_of: datetime | None,
    every_party: bool,
    backend: str | None,
    as_json: bool,
) -> None:
    """Write derived facts into the store: ULTIMATE_OWNER_OF edges from beneficial owners to
    contract and title holders, and circular-ownership marks. Running it again replaces
    them.

    Example: registry analyze --basis cff — then, in Neo4j Browser, follow the
    ULTIMATE_OWNER_OF relationships and the nodes labelled CircularOwnership.
    """
    settings = settings_of(ctx)
    store = _store(ctx, backend)
    try:
        report = analyze_register(
            store,
            basis=basis,
            threshold=threshold,
            as_of=_day(as_of),
            every_party=every_party,
            max_nodes=settings.max_upstream_nodes,
        )
        if isinstance(store, EmbeddedStore):
            store.save()
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        _print_report(report)


def _print_report(report: AnalyzeReport) -> None:
    console.print(
        f"{report.ultimate_owner_edges} ULTIMATE_OWNER_OF edges ({report.basis}) for "
        f"{report.subjects} parties and {report.cycles} circular-ownership groups "
        f"({report.cycle_members} members) written to the {report.store} store as of "
        f"{report.as_of} in {report.seconds:.2f} s",
        highlight=False,
    )


COMMANDS: list[click.Command] = [holdings, path, contract, cycles, analyze]
