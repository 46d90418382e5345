"""Reading source CSV files as Mexican agencies publish them, robustly and fast.

``read_csv`` (whole table) and ``iter_csv`` (streaming, same semantics) take the file's
bytes and return rows keyed by the canonical column names the adapter expects:

- encoding detected per file: UTF-8, UTF-8 with BOM, cp1252/latin-1, UTF-16 with BOM; a
  mostly-UTF-8 file with some cp1252 lines decodes those lines as cp1252 and warns;
- delimiter ``,`` ``;`` tab or ``|`` sniffed from the header line;
- the header may sit below title lines: it is the first line whose cells match at least
  half of ``expected`` (or all of ``required``), compared without case, accents, spaces
  and punctuation, so "Número de Expediente   " matches "Número de Expediente" and
  "FechadeResolucion" matches "Fecha de Resolución";
- rows with the wrong number of cells and a row cut by a truncated file become
  ``CsvRowProblem`` entries; the other rows load. Whole-file problems (binary, empty,
  header not found, missing required or duplicated columns) raise ``SourceFormatError``.

Cells are returned as decoded, not cleaned (use ``ingest.normalize``). Every expected
column is present in ``CsvRow.values`` ("" when the file does not have it; ``columns`` says
which were found); cells of other columns are in ``CsvRow.extra`` under the header as
written. A header cell that is empty (not trailing) is named ``column_N`` (1-based).

>>> table = read_csv(Path("x.csv"), b"Titulo\\nRFC;Nombre\\nAAA010101AAA;Uno\\n",
...                  expected=["RFC", "Nombre"])
>>> table.delimiter, table.header_line, [r.values for r in table.rows]
(';', 2, [{'RFC': 'AAA010101AAA', 'Nombre': 'Uno'}])
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ingest.normalize.text import fold
from registry.errors import SourceFormatError

__all__ = [
    "CANDIDATE_DELIMITERS",
    "CsvReader",
    "CsvRow",
    "CsvRowProblem",
    "CsvTable",
    "column_key",
    "decode_text",
    "iter_csv",
    "read_csv",
]

CANDIDATE_DELIMITERS = (",", ";", "\t", "|")
_HEADER_SCAN_ROWS = 50
_HEADER_SCAN_CHARS = 512 * 1024
_LOOKAHEAD_ROWS = 200
_FIELD_LIMIT = 64 * 1024 * 1024
_RAW_LIMIT = 4000
_MAX_LISTED_LINES = 20

# bytes that never occur in text files (tab, LF, VT, FF, CR and ESC/SUB excepted)
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 26), *range(28, 32)])
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (an .xlsx workbook?)"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (an .xls workbook?)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
# cp1252 for every byte, with the five bytes cp1252 leaves undefined read as latin-1: a
# 256-character decoding table for ``codecs.charmap_decode`` (one C call per line).
_CP1252_TABLE = "".join(
    bytes([b]).decode("latin-1")
    if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    else bytes([b]).decode("cp1252")
    for b in range(256)
)


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data row. ``number`` counts data rows from 1 (header, title lines and blank
    lines not counted); ``line`` is the physical line where the row starts."""

    number: int
    line: int
    values: dict[str, str]
    extra: dict[str, str]


@dataclass(frozen=True, slots=True)
class CsvRowProblem:
    """A row that could not be read as a row of the table (it still counts as a row read).

    ``rule``: ``wrong_columns`` (more or fewer cells than the header), ``truncated``
    (the file ends inside this row), ``bad_csv`` (the csv parser refused the row).
    ``column`` is "" when the problem is not about one column. ``raw`` is the row's text
    as it appears in the file (cut after 4000 characters).
    """

    number: int
    line: int
    rule: str
    column: str
    message: str
    raw: str


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A whole file read by ``read_csv``. ``columns`` are the canonical names of the
    expected columns found in the header (header order); ``extra_columns`` the other
    columns as written."""

    encoding: str
    delimiter: str
    header_line: int
    columns: list[str]
    rows: list[CsvRow]
    problems: list[CsvRowProblem]
    warnings: list[str]
    extra_columns: list[str] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        """Data rows in the file: loaded rows plus problem rows."""
        return len(self.rows) + len(self.problems)


def column_key(name: str) -> str:
    """Comparison key of a header cell: no case, accents, spaces or punctuation.

    >>> column_key(" Número de Expediente         ") == column_key("NumerodeExpediente")
    True
    """
    return fold(name).replace(" ", "")


def _fail(path: Path, message: str, **details: object) -> SourceFormatError:
    return SourceFormatError(f"{path.name}: {message}", file=str(path), **details)


def _list_lines(lines: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:_MAX_LISTED_LINES])
    more = len(lines) - _MAX_LISTED_LINES
    return f"{shown} and {more} more" if more > 0 else shown


def _decode_cp1252(data: bytes) -> str:
    """cp1252, with the five bytes cp1252 leaves undefined read as latin-1."""
    return codecs.charmap_decode(data, "strict", _CP1252_TABLE)[0]


def decode_text(path: Path, data: bytes) -> tuple[str, str, list[str]]:
    """Decode a text file: (text, encoding, warnings). Raises ``SourceFormatError`` for
    binary or empty files. Line ends are kept as they are (except a lone-CR file, which
    is converted to LF)."""
    warnings: list[str] = []
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _fail(path, f"is not a text CSV file: it looks like {what}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        encoding = "utf-16"
    else:
        body = data
        encoding = "utf-8"
        if data.startswith(b"\xef\xbb\xbf"):
            body, encoding = data[3:], "utf-8-sig"
        nul = body.find(b"\x00")
        if nul >= 0:
            raise _fail(
                path,
                f"is not a text CSV file: it contains NUL bytes (first at byte "
                f"{nul + len(data) - len(body)}); is it binary, or UTF-16 without a "
                "byte-order mark?",
            )
        controls = len(body) - len(body.translate(None, _CONTROL_BYTES))
        if controls > max(8, len(body) // 100):
            raise _fail(
                path,
                f"is not a text CSV file: {controls} of its {len(body)} bytes are control "
                "characters (binary data?)",
            )
        if not body.strip():
            raise _fail(path, "is empty (no text)" if body else "is empty (0 bytes)")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            text, encoding, warnings = _decode_mixed(body, encoding)
    if "\n" not in text and "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _fail(path, "is empty (only blank lines)")
    return text, encoding, warnings


def _decode_mixed(body: bytes, utf8_label: str) -> tuple[str, str, list[str]]:
    """Line by line: UTF-8 where the line is valid UTF-8, cp1252 elsewhere."""
    parts: list[str] = []
    utf8_lines: list[int] = []
    cp_lines: list[int] = []
    for number, line in enumerate(body.split(b"\n"), start=1):
        if line.isascii():
            parts.append(line.decode("ascii"))
            continue
        try:
            parts.append(line.decode("utf-8"))
            utf8_lines.append(number)
        except UnicodeDecodeError:
            parts.append(_decode_cp1252(line))
            cp_lines.append(number)
    text = "\n".join(parts)
    if not utf8_lines:
        return text, "cp1252", []
    if len(utf8_lines) >= len(cp_lines):
        warning = (
            f"mixed encodings: line(s) {_list_lines(cp_lines)} are not valid UTF-8 and "
            "were decoded as cp1252"
        )
        return text, utf8_label, [warning]
    warning = (
        f"mixed encodings: the file is cp1252 but line(s) {_list_lines(utf8_lines)} are "
        "UTF-8 and were decoded as UTF-8"
    )
    return text, "cp1252", [warning]


@dataclass
class _Header:
    delimiter: str
    cells: list[str]
    start_line: int
    end_line: int
    score: int


class _LineReader(Protocol):
    """What we use of a ``csv.reader``."""

    @property
    def line_num(self) -> int: ...

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


def _reader(text: str, delimiter: str, escapechar: str | None) -> _LineReader:
    stream = io.StringIO(text)
    return csv.reader(stream, delimiter=delimiter, escapechar=escapechar, strict=False)


def _scan_header(
    text: str,
    delimiters: Sequence[str],
    expected_keys: dict[str, str],
    required_keys: set[str],
    escapechar: str | None,
) -> _Header | None:
    """Find the header: the first line matching enough expected columns."""
    chunk = text[:_HEADER_SCAN_CHARS]
    cut = len(text) > len(chunk)
    threshold = max(1, math.ceil(len(expected_keys) / 2))
    found: list[_Header] = []
    for d in delimiters:
        reader = _reader(chunk, d, escapechar)
        last_end = 0
        try:
            for count, cells in enumerate(reader):
                start, last_end = last_end + 1, reader.line_num
                if count >= _HEADER_SCAN_ROWS:
                    break
                if not any(c.strip() for c in cells):
                    continue
                keys = {column_key(c) for c in cells}
                score = len(keys & expected_keys.keys())
                has_required = bool(required_keys) and required_keys <= keys
                if score >= threshold or has_required:
                    if cut and last_end >= chunk.count("\n"):
                        break
                    found.append(_Header(d, cells, start, last_end, score))
                    break
        except csv.Error:
            continue
    if not found:
        return None
    found.sort(key=lambda h: (h.start_line, -h.score, -len(h.cells)))
    return found[0]


def _no_header_message(
    text: str,
    expected: Sequence[str],
    tried: Sequence[str],
    threshold: int,
) -> str:
    first_line = next((ln for ln in text.split("\n", 100)[:100] if ln.strip()), "")
    first_line = first_line.rstrip("\r")
    shown = ", ".join(repr(e) for e in expected[:10])
    if len(expected) > 10:
        shown += f" … ({len(expected)} in all)"
    message = (
        f"no header row found in the first {_HEADER_SCAN_ROWS} lines: expected columns "
        f"{shown} (at least {threshold} of them in one line); the first line is "
        f"{first_line[:300]!r}"
    )
    counts = Counter(c for c in first_line if c in ",;\t|:^~#/")
    if not counts:
        return message
    likely, n = counts.most_common(1)[0]
    if likely in tried:
        return message  # the delimiter is not the problem
    if likely not in CANDIDATE_DELIMITERS:
        return message + (
            f"; the delimiter looks like {likely!r} ({n} in the first line), which is "
            "not one of , ; tab |"
        )
    try:
        cells = next(csv.reader([first_line.replace("\r", " ")], delimiter=likely), [])
    except csv.Error:
        cells = first_line.split(likely)
    return message + (
        f"; the delimiter looks like {likely!r}, not {', '.join(map(repr, tried))}: split on "
        f"it the first line has {len(cells)} cells: "
        f"{', '.join(repr(c.strip()) for c in cells[:8])}"
    )


class CsvReader:
    """A CSV file opened by ``iter_csv``: header facts as attributes, rows by iteration.

    Iterating yields ``CsvRow`` and ``CsvRowProblem`` in file order, once. ``warnings``
    may grow during iteration (e.g. skipped empty rows)."""

    def __init__(
        self,
        path: Path,
        data: bytes,
        *,
        expected: Sequence[str],
        required: Sequence[str] = (),
        escapechar: str | None = None,
        delimiter: str | None = None,
    ) -> None:
        self.path = path
        text, self.encoding, warnings = decode_text(path, data)
        self.warnings: list[str] = list(warnings)
        self._text = text
        self._escapechar = escapechar
        expected_keys: dict[str, str] = {}
        for name in [*expected, *required]:
            expected_keys.setdefault(column_key(name), name)
        required_keys = {column_key(r) for r in required}
        delimiters = (delimiter,) if delimiter else CANDIDATE_DELIMITERS
        header = _scan_header(text, delimiters, expected_keys, required_keys, escapechar)
        if header is None:
            threshold = max(1, math.ceil(len(expected_keys) / 2))
            raise _fail(
                path,
                _no_header_message(text, [*expected, *required], delimiters, threshold),
                expected=list(expected),
            )
        self.delimiter = header.delimiter
        self.header_line = header.start_line
        self._header_end = header.end_line
        if header.start_line > 1:
            self.warnings.append(
                f"{header.start_line - 1} line(s) above the header (title lines) were skipped"
            )
        self._setup_columns(header, expected_keys, required)
        self._consumed = False
        self._empty_rows = 0
        self._line_starts: list[int] | None = None

    def _setup_columns(
        self, header: _Header, expected_keys: dict[str, str], required: Sequence[str]
    ) -> None:
        cells = list(header.cells)
        while cells and not cells[-1].strip():
            cells.pop()
        names: list[str] = []
        is_expected: list[bool] = []
        seen: dict[str, int] = {}
        for i, cell in enumerate(cells):
            written = cell.strip()
            key = column_key(cell)
            if not key:
                name, expected_col = f"column_{i + 1}", False
                self.warnings.append(
                    f"column {i + 1} of the header (line {header.start_line}) has no name; "
                    f"its cells are kept as extra {name!r}"
                )
                key = name
            elif key in expected_keys:
                name, expected_col = expected_keys[key], True
            else:
                name, expected_col = written, False
            if key in seen:
                raise _fail(
                    self.path,
                    f"column {written!r} appears twice in the header at line "
                    f"{header.start_line} (columns {seen[key] + 1} and {i + 1})",
                    column=written,
                )
            seen[key] = i
            names.append(name)
            is_expected.append(expected_col)
        missing = [r for r in required if column_key(r) not in seen]
        if missing:
            raise _fail(
                self.path,
                f"required column(s) missing: {', '.join(missing)} (the header at line "
                f"{header.start_line} has: {', '.join(c.strip() for c in cells)})",
                missing=missing,
            )
        self.columns = [n for n, e in zip(names, is_expected, strict=True) if e]
        self.extra_columns = [n for n, e in zip(names, is_expected, strict=True) if not e]
        self._names = names
        self._is_expected = is_expected
        found = set(self.columns)
        self._absent = {
            name: "" for name in dict.fromkeys(expected_keys.values()) if name not in found
        }

    # -- rows ---------------------------------------------------------------------------

    def _records(self) -> Iterator[tuple[list[str] | str, int, int]]:
        """(cells or csv error message, start line, end line) for every record after the
        header, blank lines excluded."""
        if csv.field_size_limit() < _FIELD_LIMIT:
            csv.field_size_limit(_FIELD_LIMIT)
        reader = _reader(self._text, self.delimiter, self._escapechar)
        header_end = self._header_end
        last_end = 0
        while last_end < header_end:
            try:
                for _ in reader:
                    last_end = reader.line_num
                    if last_end >= header_end:
                        break
                else:
                    return
            except csv.Error:
                last_end = reader.line_num
        while True:
            try:
                for cells in reader:
                    start, last_end = last_end + 1, reader.line_num
                    if not cells or (not cells[0].strip() and not "".join(cells).strip()):
                        if len(cells) > 1:
                            self._empty_rows += 1
                        continue
                    yield cells, start, last_end
                return
            except csv.Error as exc:
                start, last_end = last_end + 1, reader.line_num
                yield f"the CSV parser refused this row: {exc}", start, last_end

    def _raw(self, start: int, end: int) -> str:
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self._text))]
        starts = self._line_starts
        a = starts[start - 1] if start - 1 < len(starts) else len(self._text)
        b = starts[end] if end < len(starts) else len(self._text)
        raw = self._text[a:b].rstrip("\r\n")
        return raw if len(raw) <= _RAW_LIMIT else raw[:_RAW_LIMIT] + "…"

    def _widen_for_unnamed(self, head: list[tuple[list[str] | str, int, int]]) -> None:
        """When (nearly) every row has the same number of cells, more than the header
        names and not empty, the header lacks names: keep those cells as extra columns."""
        width = len(self._names)
        lengths = [len(r) for r, _, _ in head if isinstance(r, list)]
        if not lengths:
            return
        wide = [
            len(r) for r, _, _ in head if isinstance(r, list) and len(r) > width and any(r[width:])
        ]
        if not wide:
            return
        common, n = Counter(wide).most_common(1)[0]
        if n < 0.9 * len(lengths):
            return
        added = [f"column_{i + 1}" for i in range(width, common)]
        self._names.extend(added)
        self._is_expected.extend([False] * len(added))
        self.extra_columns.extend(added)
        self.warnings.append(
            f"rows have {common} cells but the header names only {width} columns; the "
            f"cells beyond are kept as extra columns {', '.join(added)}"
        )

    def __iter__(self) -> Iterator[CsvRow | CsvRowProblem]:
        if self._consumed:
            raise RuntimeError("a CsvReader can be iterated only once")
        self._consumed = True
        return self._iterate()

    def _iterate(self) -> Iterator[CsvRow | CsvRowProblem]:
        records = self._records()
        head = list(itertools.islice(records, _LOOKAHEAD_ROWS))
        self._widen_for_unnamed(head)
        names = self._names
        width = len(names)
        exp_idx = [i for i, e in enumerate(self._is_expected) if e]
        extra_idx = [i for i, e in enumerate(self._is_expected) if not e]
        exp_names = [names[i] for i in exp_idx]
        extra_names = [names[i] for i in extra_idx]
        get_expected = _getter(exp_idx)
        get_extra = _getter(extra_idx)
        absent = self._absent
        pending: CsvRow | CsvRowProblem | None = None
        pending_cells: list[str] | None = None
        rows = itertools.chain(head, records)
        for number, (cells, start, end) in enumerate(rows, start=1):
            item: CsvRow | CsvRowProblem
            if isinstance(cells, str):
                item = CsvRowProblem(number, start, "bad_csv", "", cells, self._raw(start, end))
                cells = []
            else:
                n = len(cells)
                if n != width and not (n > width and not any(cells[width:])):
                    item = CsvRowProblem(
                        number,
                        start,
                        "wrong_columns",
                        "",
                        f"the row has {n} cells but the header has {width} columns",
                        self._raw(start, end),
                    )
                else:
                    values = dict(zip(exp_names, get_expected(cells), strict=True))
                    if absent:
                        values.update(absent)
                    extra = (
                        dict(zip(extra_names, get_extra(cells), strict=True)) if extra_idx else {}
                    )
                    item = CsvRow(number, start, values, extra)
            if pending is not None:
                yield pending
            pending, pending_cells = item, cells if isinstance(cells, list) else None
        if pending is not None:
            yield self._check_last(pending, pending_cells or [], width)
        if self._empty_rows:
            self.warnings.append(f"{self._empty_rows} row(s) with only empty cells were skipped")

    def _check_last(
        self, item: CsvRow | CsvRowProblem, cells: list[str], width: int
    ) -> CsvRow | CsvRowProblem:
        """Turn the last row into a ``truncated`` problem when the file ends inside it."""
        text = self._text
        nl_after_start = text.count("\n") - (item.line - 1)
        pos = len(text)
        for _ in range(nl_after_start + 1):
            found = text.rfind("\n", 0, pos)
            if found < 0:
                pos = 0
                break
            pos = found
        else:
            pos += 1
        raw = text[pos:]
        if _ends_in_open_quote(raw, self.delimiter, self._escapechar):
            cut = raw if len(raw) <= _RAW_LIMIT else raw[:_RAW_LIMIT] + "…"
            return CsvRowProblem(
                item.number,
                item.line,
                "truncated",
                "",
                "the file ends inside a quoted field of this row: the file looks truncated",
                cut,
            )
        ends_cleanly = text.endswith(("\n", "\r"))
        if (
            isinstance(item, CsvRowProblem)
            and item.rule == "wrong_columns"
            and not ends_cleanly
            and len(cells) < width
        ):
            return CsvRowProblem(
                item.number,
                item.line,
                "truncated",
                "",
                f"the file ends in the middle of this row ({len(cells)} of {width} "
                "cells, no final line break): the file looks truncated",
                item.raw,
            )
        return item


def _getter(indexes: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    if not indexes:
        return lambda cells: ()
    if len(indexes) == 1:
        only = indexes[0]
        return lambda cells: (cells[only],)
    getter = operator.itemgetter(*indexes)
    return lambda cells: getter(cells)


def _ends_in_open_quote(raw: str, delimiter: str, escapechar: str | None) -> bool:
    """Whether a record's text ends inside a quoted field (csv non-strict rules)."""
    in_quotes = False
    field_start = True
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if escapechar is not None and c == escapechar:
            i += 2
            field_start = False
            continue
        if in_quotes:
            if c == '"':
                if i + 1 < n and raw[i + 1] == '"':
                    i += 2
                    continue
                in_quotes = False
        elif c == '"' and field_start:
            in_quotes = True
            field_start = False
        else:
            field_start = c in (delimiter, "\n", "\r")
        i += 1
    return in_quotes


def iter_csv(
    path: Path,
    data: bytes,
    *,
    expected: Sequence[str],
    required: Sequence[str] = (),
    escapechar: str | None = None,
    delimiter: str | None = None,
) -> CsvReader:
    """Open a CSV for streaming: header problems raise now, rows come by iteration
    (``CsvRow | CsvRowProblem``). ``delimiter`` skips sniffing when the caller knows it."""
    return CsvReader(
        path, data, expected=expected, required=required, escapechar=escapechar, delimiter=delimiter
    )


def read_csv(
    path: Path,
    data: bytes,
    *,
    expected: Sequence[str],
    required: Sequence[str] = (),
    escapechar: str | None = None,
    delimiter: str | None = None,
) -> CsvTable:
    """Read a whole CSV file (see the module docstring for the rules)."""
    reader = iter_csv(
        path, data, expected=expected, required=required, escapechar=escapechar, delimiter=delimiter
    )
    rows: list[CsvRow] = []
    problems: list[CsvRowProblem] = []
    # Building hundreds of thousands of small objects triggers the cyclic garbage
    # collector over and over although none of them form cycles; pause it meanwhile.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for item in reader:
            if type(item) is CsvRow:
                rows.append(item)
            else:
                problems.append(item)  # type: ignore[arg-type]
    finally:
        if gc_was_enabled:
            gc.enable()
    return CsvTable(
        encoding=reader.encoding,
        delimiter=reader.delimiter,
        header_line=reader.header_line,
        columns=list(reader.columns),
        rows=rows,
        problems=problems,
        warnings=list(reader.warnings),
        extra_columns=list(reader.extra_columns),
    )
