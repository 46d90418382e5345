"""The common path of every CSV adapter: read the table, parse each row, quarantine with reasons.

An adapter declares its columns and writes one ``parse_row`` function that takes a
``RowContext`` and returns a ``NormalisedRecord``. The context reads typed cells and
records every problem with file, row and column; a row with any problem is quarantined
whole (with all its problems), and the rest of the file loads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

from ingest.adapters.base import AdapterOutput
from ingest.adapters.parallel_rows import parse_rows, raw_of
from ingest.csvio import CsvRow, read_csv
from ingest.ledger import ParsedRecord, Rejection
from ingest.normalize.addresses import address_key, phone_key, postal_code
from ingest.normalize.countries import country_code, jurisdiction_code
from ingest.normalize.dates import parse_date
from ingest.normalize.errors import NormalizationError
from ingest.normalize.ids import CurpInfo, RfcInfo, parse_curp, parse_rfc
from ingest.normalize.numbers import Percent, parse_amount, parse_percentage
from ingest.normalize.orgs import org_key, split_legal_form
from ingest.normalize.persons import PersonName, parse_person_name, person_from_parts, person_key
from ingest.normalize.text import clean, fold
from ingest.normalize.yesno import parse_yes_no
from ingest.records import NormalisedRecord, PartyKind, PartyMention

T = TypeVar("T")


@dataclass(slots=True)
class RowContext:
    """Typed access to the cells of one row; problems are collected, never raised."""

    file_name: str
    row: CsvRow
    problems: list[Rejection] = field(default_factory=list)

    # -- bookkeeping -------------------------------------------------------------------
    def problem(self, column: str, rule: str, message: str) -> None:
        self.problems.append(
            Rejection(
                rule=rule,
                path=f"row {self.row.number}",
                field=column,
                message=f"{self.file_name} row {self.row.number}, column {column}: {message}",
            )
        )

    def _parse(self, column: str, parser: Callable[[str], T | None]) -> T | None:
        raw = self.row.values.get(column, "")
        try:
            return parser(raw)
        except NormalizationError as exc:
            self.problem(column, exc.rule, exc.message)
            return None

    # -- cells -------------------------------------------------------------------------
    def raw(self, column: str) -> str:
        return self.row.values.get(column, "")

    def text(self, column: str) -> str:
        return clean(self.row.values.get(column))

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.problem(column, "missing_required", "is empty; this column is required")
        return value

    def date(self, column: str) -> date | None:
        return self._parse(column, parse_date)

    def percent(self, column: str) -> Percent | None:
        return self._parse(column, parse_percentage)

    def amount(self, column: str) -> float | None:
        return self._parse(column, parse_amount)

    def rfc(self, column: str) -> RfcInfo | None:
        info = self._parse(column, parse_rfc)
        return None if info is None or info.generic else info

    def curp(self, column: str) -> CurpInfo | None:
        return self._parse(column, parse_curp)

    def country(self, column: str) -> str | None:
        return self._parse(column, country_code)

    def jurisdiction(self, column: str) -> str | None:
        """A country, or a US state where companies register ("US-DE")."""
        return self._parse(column, jurisdiction_code)

    def yes_no(self, column: str) -> bool | None:
        return self._parse(column, parse_yes_no)

    def choice(self, column: str, options: Mapping[str, T], *, required: bool = True) -> T | None:
        """A value from a closed vocabulary, matched without case, accents or punctuation."""
        value = self.text(column)
        if not value:
            if required:
                self.problem(column, "missing_required", "is empty; this column is required")
            return None
        folded = fold(value)
        for key, result in options.items():
            if fold(key) == folded:
                return result
        allowed = ", ".join(sorted(set(options)))
        self.problem(column, "bad_value", f"{value!r} is not one of: {allowed}")
        return None

    # -- parties -----------------------------------------------------------------------
    def organisation(
        self,
        column: str,
        role: str,
        *,
        rfc_column: str | None = None,
        kind: PartyKind = PartyKind.COMPANY,
        country: str | None = None,
        required: bool = True,
    ) -> PartyMention | None:
        name = self.required(column) if required else self.text(column)
        rfc = self.rfc(rfc_column) if rfc_column else None
        if not name and rfc is None:
            return None
        base, form = split_legal_form(name)
        return PartyMention(
            field=column,
            role=role,
            kind=kind,
            name=name,
            name_key=org_key(name),
            legal_form=form,
            rfc=rfc.value if rfc else None,
            rfc_checksum_ok=rfc.checksum_ok if rfc else None,
            country=country,
            extra={"base_name": clean(base)} if base and base != name else {},
        )

    def person(
        self,
        role: str,
        *,
        full_column: str | None = None,
        given_column: str | None = None,
        paternal_column: str | None = None,
        maternal_column: str | None = None,
        rfc_column: str | None = None,
        curp_column: str | None = None,
        surname_first: bool | None = None,
    ) -> PartyMention | None:
        """A natural person from a full-name column or from the three name columns."""
        parsed: PersonName
        if full_column is not None:
            full = self.required(full_column)
            if not full:
                return None
            parsed = parse_person_name(full, surname_first=surname_first)
            field_name = full_column
        else:
            assert given_column is not None
            given = self.required(given_column)
            paternal = self.text(paternal_column) if paternal_column else ""
            maternal = self.text(maternal_column) if maternal_column else ""
            if not given and not paternal:
                return None
            parsed = person_from_parts(given, paternal, maternal)
            field_name = given_column
        rfc = self.rfc(rfc_column) if rfc_column else None
        curp = self.curp(curp_column) if curp_column else None
        return PartyMention(
            field=field_name,
            role=role,
            kind=PartyKind.PERSON,
            name=parsed.full,
            name_key=person_key(parsed),
            given_names=parsed.given or None,
            paternal_surname=parsed.paternal or None,
            maternal_surname=parsed.maternal or None,
            rfc=rfc.value if rfc else None,
            rfc_checksum_ok=rfc.checksum_ok if rfc else None,
            curp=curp.value if curp else None,
        )

    def address(self, column: str) -> tuple[str | None, str | None]:
        """Normalised address key and postal code of an address cell."""
        raw = self.text(column)
        return address_key(raw), postal_code(raw)

    def phone(self, column: str) -> str | None:
        return phone_key(self.text(column))


RowParser = Callable[[RowContext], NormalisedRecord | None]


def _parse_one(file_name: str, parse_row: RowParser, row: CsvRow) -> ParsedRecord:
    """One data row: its record, or its problems."""
    context = RowContext(file_name, row)
    record = parse_row(context)
    parsed = ParsedRecord(
        position=row.number,
        locator=f"row {row.number}",
        raw=raw_of(row),
        key=record.key if record else None,
        problems=context.problems,
    )
    if record is not None and not context.problems:
        if row.extra:
            record.extra.update(row.extra)
        parsed.normalised = record.model_dump(mode="json", exclude_defaults=True)
        parsed.record_type = record.kind.value
    elif record is None and not context.problems:
        context.problem("", "empty_row", "has no usable value")
        parsed.problems = context.problems
    return parsed


def read_table(
    path: Path,
    data: bytes,
    *,
    expected: Sequence[str],
    required: Sequence[str],
    parse_row: RowParser,
    escapechar: str | None = None,
) -> AdapterOutput:
    """Read a CSV source: each row becomes a record, or a quarantined row with its reasons."""
    table = read_csv(path, data, expected=expected, required=required, escapechar=escapechar)
    rejects: list[ParsedRecord] = []
    for problem in table.problems:
        rejects.append(
            ParsedRecord(
                position=problem.number,
                locator=f"row {problem.number}",
                raw={"line": problem.line, "text": problem.raw[:10_000]},
                problems=[
                    Rejection(
                        problem.rule,
                        f"row {problem.number}",
                        problem.column,
                        f"{path.name} row {problem.number} (line {problem.line}): "
                        f"{problem.message}",
                    )
                ],
            )
        )
    records = parse_rows(
        table.rows, parse_row, partial(_parse_one, path.name, parse_row), rejects=rejects
    )
    return AdapterOutput(records=records, warnings=list(table.warnings))
