"""``registry apikey create``: make an API key for the API, print it once with the line to
add to ``REGISTRY_API_KEYS``. Only the salted hash goes into the settings.

``ingest.cli`` registers ``COMMANDS`` on its group.
"""

from __future__ import annotations

import json

import click

from ingest.cli_support import emit_json, errors
from registry.apikeys import Role, new_key

__all__ = ["COMMANDS"]


@click.group()
def apikey() -> None:
    """API keys with roles (reader, analyst, admin) for `registry serve`."""


@apikey.command()
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.READER.value,
    show_default=True,
    help="reader reads; analyst also judges possible matches; admin may do everything.",
)
@click.option("--name", default=None, help="Who or what uses the key (default: the role).")
@click.option("--json", "as_json", is_flag=True, help="Print {key, record} as JSON.")
def create(role: str, name: str | None, as_json: bool) -> None:
    """Make a key; it is printed once and never stored, only its salted hash."""
    key, record = new_key(name or role, Role(role))
    entry = record.model_dump(mode="json")
    if as_json:
        emit_json({"key": key, "record": entry})
        return
    click.echo(key)
    errors.print(
        "The key above is shown once. Add this entry to the JSON list in REGISTRY_API_KEYS:",
        highlight=False,
    )
    errors.print(json.dumps(entry), highlight=False, soft_wrap=True)


COMMANDS: list[click.Command] = [apikey]
