"""The ``bods`` adapter: BODS 0.4 statements as a JSON array or JSON Lines.

Statements of BODS 0.2 and 0.3 are upgraded to 0.4 with a warning. Each statement is
validated; one that breaks a rule is quarantined with its statementId and the rule, and the
rest of the file still loads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.bods.upgrade import detect_version, upgrade_statements
from ingest.bods.validate import validate_statement
from ingest.ledger import ParsedRecord, Rejection
from registry.errors import SourceFormatError


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceFormatError(
            f"{path.name}: BODS files must be UTF-8; byte {exc.start} is not ({exc.reason})",
            file=str(path),
            offset=exc.start,
        ) from exc


_NOT_IN_ARRAY = "statement 0 (not in an array)"


def _split(path: Path, text: str) -> tuple[list[tuple[str, Any]], list[ParsedRecord]]:
    """Statements with their locators, and the lines that are not JSON."""
    stripped = text.strip()
    if not stripped:
        return [], []
    try:
        whole = json.loads(stripped)
    except json.JSONDecodeError as first_error:
        if stripped.startswith("[") or "\n" not in stripped:
            raise SourceFormatError(
                f"{path.name}: not valid JSON (line {first_error.lineno}, column "
                f"{first_error.colno}: {first_error.msg})",
                file=str(path),
                line=first_error.lineno,
            ) from first_error
        # JSON Lines: one statement per line; a broken line is quarantined, not fatal.
        items: list[tuple[str, Any]] = []
        broken: list[ParsedRecord] = []
        lines = text.splitlines()
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                items.append((f"line {number}", json.loads(line)))
            except json.JSONDecodeError as exc:
                broken.append(
                    ParsedRecord(
                        position=number - 1,
                        locator=f"line {number}",
                        raw=line[:10_000],
                        problems=[
                            Rejection(
                                "json",
                                "$",
                                "",
                                f"{path.name} line {number} is not valid JSON "
                                f"(column {exc.colno}: {exc.msg})",
                            )
                        ],
                    )
                )
        return items, broken
    if isinstance(whole, dict) and isinstance(whole.get("statements"), list):
        whole = whole["statements"]
    if isinstance(whole, list):
        return [(f"statement {i}", item) for i, item in enumerate(whole)], []
    if isinstance(whole, dict):
        if "\n" not in stripped:
            return [("line 1", whole)], []  # JSON Lines with one statement
        return [(_NOT_IN_ARRAY, whole)], []
    raise SourceFormatError(
        f"{path.name}: a BODS file holds a JSON array of statements or JSON Lines, "
        f"found a JSON {type(whole).__name__}",
        file=str(path),
    )


def _field(value: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


class BodsAdapter:
    name = "bods"
    description = "Beneficial Ownership Data Standard statements (0.4; 0.2/0.3 upgraded)"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        items, broken = _split(path, _decode(path, data))
        warnings: list[str] = []
        dicts = [(i, item) for i, (_, item) in enumerate(items) if isinstance(item, dict)]
        old = [item for _, item in dicts if detect_version(item) != "0.4"]
        upgraded: dict[int, dict[str, Any]] = {}
        if old:
            result = upgrade_statements([item for _, item in dicts])
            warnings.extend(f"{path.name}: {w}" for w in result.warnings)
            upgraded = {idx: st for (idx, _), st in zip(dicts, result.statements, strict=True)}
        records: list[ParsedRecord] = list(broken)
        for index, (locator, item) in enumerate(items):
            statement = upgraded.get(index, item)
            sid = _field(statement, "statementId")
            key = sid if isinstance(sid, str) else None
            problems = [
                Rejection(p.rule, p.path, p.field, f"{path.name} {locator}: {p.message}")
                for p in validate_statement(statement, index)
            ]
            if locator == _NOT_IN_ARRAY:
                problems.insert(
                    0,
                    Rejection(
                        "type",
                        "$",
                        "",
                        f"{path.name}: statement {key or 0} is a lone JSON object; a BODS file "
                        "is a JSON array of statements, or JSON Lines with one per line",
                    ),
                )
            record = ParsedRecord(
                position=index if locator.startswith("statement") else int(locator.split()[1]) - 1,
                locator=locator if key is None else f"{locator} ({key})",
                raw=item,
                key=key,
                problems=problems,
            )
            if not problems and isinstance(statement, dict):
                record.normalised = statement
                record.record_id = str(statement["recordId"])
                record.record_type = str(statement["recordType"])
                status = statement.get("recordStatus")
                record.record_status = str(status) if status else None
                record.record_date = str(statement["statementDate"])
            records.append(record)
        records.sort(key=lambda r: r.position)
        return AdapterOutput(records=records, warnings=warnings)
