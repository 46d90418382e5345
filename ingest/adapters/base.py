"""What every source adapter provides: parsed records with provenance, or rejects."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ingest.ledger import ParsedRecord


@dataclass(slots=True)
class AdapterOutput:
    records: list[ParsedRecord]
    warnings: list[str] = field(default_factory=list)


class Adapter(Protocol):
    """Reads one source file into normalised records; never raises on a bad row."""

    name: str
    description: str

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        """Parse ``data`` (the bytes of ``path``). A file that cannot be read at all raises
        ``SourceFormatError``; a bad record becomes a ``ParsedRecord`` with problems."""
