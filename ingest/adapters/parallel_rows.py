"""Parse the rows of a large table in forked worker processes, in row order.

``read_table`` reads the whole CSV here, then hands the rows to ``parse_rows``. Below
``MIN_PARALLEL_ROWS`` rows (or with one worker) they are parsed here one by one. Above,
``ingest.forkwork.stream_chunks`` deals chunks of rows to one forked child per CPU. A child
already holds the table and the row parser (it is a fork), so it sends back only what it
computed, compactly: per row the canonical JSON of the raw and normalised values
(``ingest.canonical``, read back exactly), the key, the record type and the problems.

The records come back as a list that fills itself while it is iterated: the ledger writes
the first rows while the children still parse the last ones. Anything else done with the
list (indexing, ``len`` aside, comparing, sorting, appending ...) first waits for every
row, so code that post-processes an adapter's records sees the complete list. A row parser
object that keeps a ``warnings`` list (CompraNet, SFP) must have them all when
``read_table`` returns: for such a parser the list is filled before it is returned, and
the children's warnings are appended to the parser's, in row order.

Each record parsed by a child keeps the JSON it was sent as in ``ParsedRecord.canonical``,
so the ledger does not encode it again; its normalised dict has its keys sorted (key order
means nothing in the ledger, which stores sorted JSON).
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Callable, Iterator, Sequence
from functools import wraps
from typing import Any

from ingest.canonical import canonical_json, canonical_json_checked, decode_json
from ingest.csvio import CsvRow
from ingest.forkwork import stream_chunks
from ingest.gcpause import gc_paused
from ingest.ledger import ParsedRecord, Rejection

__all__ = ["CHUNK_ROWS", "MIN_PARALLEL_ROWS", "parse_rows", "raw_of"]

#: Tables with fewer data rows are parsed in this process only: forking costs a few
#: milliseconds, which a small table does not win back.
MIN_PARALLEL_ROWS = 5000
#: Rows per chunk a child sends at once.
CHUNK_ROWS = 500

_Problem = tuple[str, str, str, str]
#: What a child sends per row: raw JSON, normalised JSON, whether orjson wrote it, key,
#: record type, problems.
_Encoded = tuple[str, str | None, bool, str | None, str | None, list[_Problem]]


def raw_of(row: CsvRow) -> dict[str, object]:
    """The raw ledger value of a row: its line and its cells as read."""
    raw: dict[str, object] = {"line": row.line, "values": row.values}
    if row.extra:
        raw["extra"] = row.extra
    return raw


def _encode(record: ParsedRecord) -> _Encoded:
    normalised, exact = None, True
    if record.normalised is not None:
        normalised, exact = canonical_json_checked(record.normalised)
    problems = [(p.rule, p.path, p.field, p.message) for p in record.problems]
    return canonical_json(record.raw), normalised, exact, record.key, record.record_type, problems


def _decode(row: CsvRow, encoded: _Encoded) -> ParsedRecord:
    raw, normalised, exact, key, record_type, problems = encoded
    return ParsedRecord(
        position=row.number,
        locator=f"row {row.number}",
        raw=raw_of(row),
        normalised=None if normalised is None else decode_json(normalised, exact=exact),
        key=key,
        record_type=record_type,
        problems=[Rejection(*p) for p in problems],
        canonical=(raw, normalised),
    )


def _warnings_of(parse_row: object) -> list[str] | None:
    warnings = getattr(parse_row, "warnings", None)
    return warnings if isinstance(warnings, list) else None


class StreamedRecords(list[ParsedRecord]):
    """A list of records that fills itself from a stream as it is iterated.

    ``len`` is known from the start; iterating yields the records as they arrive; every
    other list operation first drains the stream (see the module docstring)."""

    def __init__(self, stream: Iterator[ParsedRecord], total: int) -> None:
        super().__init__()
        self._stream: Iterator[ParsedRecord] | None = stream
        self._total = total

    def _pull(self) -> bool:
        """Append the next record of the stream; ``False`` once it is exhausted."""
        if self._stream is None:
            return False
        try:
            list.append(self, next(self._stream))
        except StopIteration:
            self._stream = None
            return False
        except BaseException:
            self._stream = None
            raise
        return True

    def drain(self) -> None:
        """Wait for every record."""
        while self._pull():
            pass

    def __iter__(self) -> Iterator[ParsedRecord]:
        index = 0
        while index < list.__len__(self) or self._pull():
            yield list.__getitem__(self, index)
            index += 1

    def __len__(self) -> int:
        return self._total if self._stream is not None else list.__len__(self)


def _draining(method: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(method)
    def call(self: StreamedRecords, *args: Any, **kwargs: Any) -> Any:
        self.drain()
        return method(self, *args, **kwargs)

    return call


_DRAINING = (
    "__getitem__ __setitem__ __delitem__ __contains__ __reversed__ __repr__ __reduce_ex__ "
    "__eq__ __ne__ __lt__ __le__ __gt__ __ge__ __add__ __iadd__ __mul__ __rmul__ __imul__ "
    "append extend insert pop remove clear copy count index reverse sort"
)
for _name in _DRAINING.split():
    setattr(StreamedRecords, _name, _draining(getattr(list, _name)))


def parse_rows(
    rows: Sequence[CsvRow],
    parse_row: object,
    parse_one: Callable[[CsvRow], ParsedRecord],
    *,
    rejects: Sequence[ParsedRecord] = (),
    workers: int | None = None,
    min_rows: int | None = None,
) -> list[ParsedRecord]:
    """``sorted([*rejects, *map(parse_one, rows)], key=position)``, on every CPU for a
    large table. ``rejects`` are the rows the CSV reader refused, ``parse_row`` the
    adapter's row parser that ``parse_one`` calls (only its ``warnings``, if it has a
    list of them, is looked at here)."""
    here = os.getpid()
    own_warnings = _warnings_of(parse_row)
    sent = len(own_warnings) if own_warnings is not None else 0  # in a child: already sent

    def work(start: int, stop: int) -> tuple[list[_Encoded], list[str]]:
        nonlocal sent
        with gc_paused():
            encoded = [_encode(parse_one(rows[i])) for i in range(start, stop)]
        if os.getpid() == here:  # a chunk redone here: the parser has its warnings
            return encoded, []
        warnings = _warnings_of(parse_row) or []
        new, sent = warnings[sent:], len(warnings)
        return encoded, new

    least = MIN_PARALLEL_ROWS if min_rows is None else min_rows
    chunks = stream_chunks(len(rows), work, chunk=CHUNK_ROWS, min_items=least, workers=workers)
    if chunks is None:
        with gc_paused():
            parsed = [parse_one(row) for row in rows]
        return sorted([*rejects, *parsed], key=lambda r: r.position)

    def records() -> Iterator[ParsedRecord]:
        offset = 0
        for encoded, warnings in chunks:
            for item in encoded:
                yield _decode(rows[offset], item)
                offset += 1
            if own_warnings is not None:
                own_warnings.extend(warnings)

    merged = records()
    if rejects:
        merged = heapq.merge(sorted(rejects, key=_position), merged, key=_position)
    streamed = StreamedRecords(merged, len(rows) + len(rejects))
    if own_warnings is not None:
        streamed.drain()
    return streamed


def _position(record: ParsedRecord) -> int:
    return record.position
