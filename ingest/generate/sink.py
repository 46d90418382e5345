"""Writing rows: streaming CSV writers that break a few rows on purpose and record the
truth about every row (which entity each party cell names, which cell was broken).

A row of one of our layouts is broken with probability ``BREAK_RATE`` unless it is
protected (a planted fact or a seeded contract). Exactly one non-empty cell is spoiled,
in one of the ways the adapters quarantine (``missing_required``, ``bad_date``,
``bad_percentage``, ``bad_amount``, ``bad_rfc``, ``bad_value``, ``bad_country``); the
cell chosen is one the row uses, so an adapter reads it. Exact duplicate rows are never
written by accident: a repeated row is an error of the generator.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from ingest.generate.identifiers import GENERIC_FOREIGN, GENERIC_NATIONAL, mangle_rfc
from ingest.generate.layouts import Layout
from ingest.generate.vocab import BAD_COUNTRIES, BAD_VALUES

__all__ = ["BREAK_RATE", "Sink", "TableWriter"]

BREAK_RATE = 0.0055
_BAD_DATES = (
    "31/02/2020",
    "2019-13-45",
    "30-02-2021",
    "29/02/2019",
    "2021-04-31",
    "31 de abril de 2018",
    "45/13/2019",
    "2022-00-10",
)
_BAD_PERCENTS = ("101 %", "-5", "abc", "120%", "cien", "150", "-12,5")
_BAD_YES_NO = ("Tal vez", "2", "Quizás", "Ambos")


class Sink:
    """The output folder and the two truth files every writer appends to."""

    def __init__(self, out_dir: Path, truth_dir: Path, seed: int) -> None:
        self.out_dir = out_dir
        self.truth_dir = truth_dir
        self.seed = seed
        self.counts: dict[str, int] = {}
        self._mentions_fh = open(truth_dir / "mentions.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
        self._broken_fh = open(truth_dir / "broken_rows.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
        self.mentions = csv.writer(self._mentions_fh, lineterminator="\n")
        self.broken = csv.writer(self._broken_fh, lineterminator="\n")
        self.mentions.writerow(("file", "row", "field", "entity_id"))
        self.broken.writerow(("file", "row", "column", "rule"))
        self.rules: dict[str, int] = {}

    def table(self, layout: Layout, *, preamble: Sequence[Sequence[str]] = ()) -> TableWriter:
        return TableWriter(self, layout, preamble)

    def close(self) -> None:
        self._mentions_fh.close()
        self._broken_fh.close()


class TableWriter:
    """One output file. ``write`` returns whether the row loads (is not broken)."""

    def __init__(self, sink: Sink, layout: Layout, preamble: Sequence[Sequence[str]]) -> None:
        self.sink = sink
        self.layout = layout
        self.rng = random.Random(f"mx-bo-generator/{sink.seed}/break/{layout.file}")
        self.row = 0
        self.rules: dict[str, int] = {}
        self._seen: set[int] = set()
        self._fh: IO[str] = open(  # noqa: SIM115
            sink.out_dir / layout.file, "w", encoding=layout.encoding, newline=""
        )
        if layout.file == "trusts.csv":
            self._csv = csv.writer(
                self._fh,
                delimiter=";",
                quoting=csv.QUOTE_ALL,
                escapechar="\\",
                doublequote=False,
                lineterminator="\n",
            )
        else:
            terminator = "\r\n" if layout.file == "sat-69b.csv" else "\n"
            self._csv = csv.writer(self._fh, delimiter=layout.delimiter, lineterminator=terminator)
        for line in preamble:
            self._csv.writerow(line)
        self._csv.writerow(layout.header)
        self._index = {c: i for i, c in enumerate(layout.header)}

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._fh.close()
        self.sink.counts[self.layout.file] = self.row

    # -- rows --------------------------------------------------------------------------
    def write(
        self,
        cells: dict[str, str],
        mentions: Sequence[tuple[str, str]] = (),
        *,
        protected: bool = False,
    ) -> bool:
        """Write one row; record its mentions if it loads, or its broken cell if not."""
        row = [cells.get(c, "") for c in self.layout.header]
        broken: tuple[str, str] | None = None
        if not self.layout.real and not protected and self.rng.random() < BREAK_RATE:
            for _ in range(6):
                attempt = list(row)
                broken = self._break(attempt)
                if broken is None or hash(tuple(attempt)) not in self._seen:
                    if broken is not None:
                        row = attempt
                    break
                broken = None
        key = hash(tuple(row))
        if key in self._seen:
            raise RuntimeError(f"{self.layout.file}: generated an exact duplicate row: {row}")
        self._seen.add(key)
        self._csv.writerow(row)
        self.row += 1
        if broken is not None:
            self.sink.broken.writerow((self.layout.file, self.row, broken[0], broken[1]))
            self.sink.rules[broken[1]] = self.sink.rules.get(broken[1], 0) + 1
            self.rules[broken[1]] = self.rules.get(broken[1], 0) + 1
            return False
        for column, entity_id in mentions:
            if row[self._index[column]].strip():
                self.sink.mentions.writerow((self.layout.file, self.row, column, entity_id))
        return True

    def _break(self, row: list[str]) -> tuple[str, str] | None:
        """Spoil one used cell of ``row`` in place; return (column, rule)."""
        lay = self.layout
        filled = {c for c, i in self._index.items() if row[i].strip()}
        options: list[tuple[str, str]] = []
        options += [(c, "missing_required") for c in lay.required if c in filled]
        options += [(c, "bad_date") for c in lay.dates if c in filled]
        options += [(c, "bad_percentage") for c in lay.percents if c in filled]
        options += [(c, "bad_amount") for c in lay.amounts if c in filled]
        options += [
            (c, "bad_rfc")
            for c in lay.rfcs
            if c in filled and row[self._index[c]] not in (GENERIC_NATIONAL, GENERIC_FOREIGN)
        ]
        options += [(c, "bad_value") for c in lay.vocab if c in filled]
        options += [(c, "bad_country") for c in lay.countries if c in filled]
        if not options:
            return None
        # the rule used least in this file, then in all files, among those this row allows:
        # every file spreads its breakage over its rules, and every rule shows up
        rules = sorted({r for _, r in options})
        rank = {r: (self.rules.get(r, 0), self.sink.rules.get(r, 0)) for r in rules}
        fewest = min(rank.values())
        rule = self.rng.choice([r for r in rules if rank[r] == fewest])
        column = self.rng.choice([c for c, r in options if r == rule])
        i = self._index[column]
        rng = self.rng
        if rule == "missing_required":
            row[i] = ""
        elif rule == "bad_date":
            row[i] = rng.choice(_BAD_DATES)
        elif rule == "bad_percentage":
            row[i] = rng.choice(_BAD_PERCENTS)
        elif rule == "bad_amount":
            row[i] = "-" + row[i].lstrip("-")
        elif rule == "bad_rfc":
            compact = row[i].replace("-", "").replace(" ", "").upper()
            row[i] = mangle_rfc(compact, rng)
        elif rule == "bad_value":
            row[i] = rng.choice(_BAD_YES_NO if column == "ES_OPERADOR" else BAD_VALUES)
        else:
            row[i] = rng.choice(BAD_COUNTRIES)
        return column, rule
