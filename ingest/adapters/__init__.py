"""Source adapters, by the name `registry ingest NAME PATH` takes.

Adding a source means one new module and one line in ``ADAPTERS``.
"""

from __future__ import annotations

from ingest.adapters.base import Adapter, AdapterOutput
from ingest.adapters.bods import BodsAdapter
from registry.errors import InvalidInputError

ADAPTERS: dict[str, Adapter] = {
    BodsAdapter.name: BodsAdapter(),
}

__all__ = ["ADAPTERS", "Adapter", "AdapterOutput", "get_adapter"]


def get_adapter(name: str) -> Adapter:
    try:
        return ADAPTERS[name]
    except KeyError:
        raise InvalidInputError(
            f"unknown source {name!r}; known sources: {', '.join(sorted(ADAPTERS))}",
            source=name,
        ) from None
