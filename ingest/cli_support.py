"""What every ``registry`` command shares: clean failures, the settings, JSON output.

Commands live in ``ingest.cli`` (ingest, load, owners, serve, demo), ``ingest.resolve.commands``
and ``ingest.analysis_commands``; they all fail the same way and find the settings the same
way through these helpers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import click
from rich.console import Console

from registry.errors import RegistryError
from registry.settings import Settings

__all__ = ["console", "emit_json", "errors", "fail_cleanly", "settings_of"]

P = ParamSpec("P")
R = TypeVar("R")

console = Console()
errors = Console(stderr=True)


def fail_cleanly(func: Callable[P, R]) -> Callable[P, R]:
    """Turn domain errors into one readable line on stderr and exit status 1."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except RegistryError as exc:
            errors.print(f"[bold red]error:[/] {exc.message}", highlight=False)
            raise SystemExit(1) from None

    return wrapper


def settings_of(ctx: click.Context) -> Settings:
    """The settings the main group built, or the environment's when run on its own."""
    settings = ctx.find_object(Settings)
    return settings if settings is not None else Settings()


def emit_json(value: Any, *, indent: int | None = 2) -> None:
    """Print one JSON document (UTF-8 kept readable; dates and paths as strings)."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=indent, default=str))
