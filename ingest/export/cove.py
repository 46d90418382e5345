"""Validate a BODS file with libcovebods, Open Ownership's checker, in a separate process.

libcovebods is AGPL: the registry never imports it, it runs it as a program (``python -c``
with a short bootstrap) and reads its JSON answer. It wants org-id.guide's list of
identifier schemes at first use and downloads it; the bootstrap hands it the offline copy
of ``ingest.export.orgid`` instead, so validation works without a network.

libcovebods reads a JSON array; a JSON Lines file is turned into one first (in a
temporary file). Both of its checks run: the JSON Schema validation of BODS 0.4
(``schema`` problems) and its additional checks of the rules a schema cannot express, such
as "a relationship's subject is an entity record" (``check`` problems). Its statistics
come back too.

Example::

    result = validate_bods(Path("register.jsonl"))
    if not result.ok:
        for problem in result.problems[:10]:
            print(problem.message)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

from ingest.export.orgid import org_id_document
from registry.errors import NotFoundError, RegistryError

__all__ = ["CoveError", "CoveProblem", "CoveResult", "validate_bods"]

#: Runs in the child process: org-id list from a file, then libcovebods' two checks.
_BOOTSTRAP: Final = """
import json, sys
org_ids, data = sys.argv[1], sys.argv[2]
with open(org_ids, encoding="utf-8") as handle:
    codes = [entry["code"] for entry in json.load(handle)["lists"]]

def prefixes(orgids_url=None):
    return list(codes)

import libcove2.common
libcove2.common.get_orgids_prefixes = prefixes
from libcovebods.tasks.checks import legacy_checks, record_based_checks
legacy_checks.get_orgids_prefixes = prefixes
record_based_checks.get_orgids_prefixes = prefixes
import libcovebods.config, libcovebods.data_reader, libcovebods.jsonschemavalidate
import libcovebods.run_tasks, libcovebods.schema
reader = libcovebods.data_reader.DataReader(data)
config = libcovebods.config.LibCoveBODSConfig()
schema = libcovebods.schema.SchemaBODS(reader, config)
errors = libcovebods.jsonschemavalidate.JSONSchemaValidator(schema).validate(reader)
checks = libcovebods.run_tasks.process_additional_checks(
    reader, config, schema, libcovebods.run_tasks.TASK_CLASSES
)
json.dump(
    {"schema_version": schema.schema_version, "schema": [e.json() for e in errors],
     "checks": checks},
    sys.stdout, default=str,
)
"""


class CoveError(RegistryError):
    """libcovebods could not run (not installed, crashed, or gave no answer)."""


@dataclass(frozen=True, slots=True)
class CoveProblem:
    """One problem libcovebods found."""

    kind: str  # "schema" (JSON Schema of BODS) or "check" (an additional check)
    type: str  # the JSON Schema keyword or the check's name
    message: str
    statement: str | None = None  # statementId, where libcovebods names one
    path: str = ""  # where in the statement, for schema problems
    index: int | None = None  # position of the statement in the file (0-based)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CoveResult:
    """libcovebods' verdict on one file."""

    schema_version: str
    problems: tuple[CoveProblem, ...]
    statistics: dict[str, Any]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "schema_version": self.schema_version,
            "problems": [
                {
                    "kind": p.kind,
                    "type": p.type,
                    "message": p.message,
                    "statement": p.statement,
                    "path": p.path,
                    "index": p.index,
                    "details": p.details,
                }
                for p in self.problems
            ],
            "statistics": self.statistics,
        }


def _as_array(path: Path, target: Path) -> None:
    """Copy a BODS file into ``target`` as one JSON array (JSON Lines are joined)."""
    with path.open(encoding="utf-8-sig") as source:
        head = source.read(4096).lstrip()
    if head.startswith("["):
        target.write_bytes(path.read_bytes())
        return
    with path.open(encoding="utf-8-sig") as source, target.open("w", encoding="utf-8") as out:
        out.write("[")
        first = True
        for line in source:
            if not line.strip():
                continue
            out.write(("" if first else ",\n") + line.strip())
            first = False
        out.write("]\n")


def _schema_problem(raw: dict[str, Any]) -> CoveProblem:
    path = raw.get("path")
    steps = list(path) if isinstance(path, list) else []
    index = steps.pop(0) if steps and isinstance(steps[0], int) else None
    message = str(raw.get("message") or raw.get("message_safe") or raw)
    where = "/".join(str(p) for p in steps)
    return CoveProblem(
        kind="schema",
        type=str(raw.get("validator") or raw.get("type") or "schema"),
        message=(f"statement {index}" if index is not None else "file")
        + (f" at {where}" if where else "")
        + f": {message}",
        path=where,
        index=index,
        details={k: v for k, v in raw.items() if k not in ("message", "message_safe")},
    )


def _check_problem(raw: dict[str, Any]) -> CoveProblem:
    kind = str(raw.get("type", "check"))
    statement = raw.get("statement")
    details = {k: v for k, v in raw.items() if k not in ("type", "statement", "statement_type")}
    described = ", ".join(f"{k}={v}" for k, v in details.items())
    return CoveProblem(
        kind="check",
        type=kind,
        message=f"{kind} in statement {statement}" + (f" ({described})" if described else ""),
        statement=str(statement) if statement is not None else None,
        details=details,
    )


def validate_bods(path: Path, *, python: str | None = None, timeout_s: float = 900) -> CoveResult:
    """Run libcovebods on a BODS file (JSON array or JSON Lines), offline."""
    if not path.is_file():
        raise NotFoundError(f"no such file: {path}", file=str(path))
    with tempfile.TemporaryDirectory(prefix="registry-cove-") as tmp:
        folder = Path(tmp)
        data = folder / "statements.json"
        _as_array(path, data)
        org_ids = folder / "org-ids.json"
        org_ids.write_text(json.dumps(org_id_document(date.today().isoformat())), "utf-8")
        try:
            done = subprocess.run(
                [python or sys.executable, "-c", _BOOTSTRAP, str(org_ids), str(data)],
                capture_output=True,
                text=True,
                timeout=timeout_s,
                check=False,
                cwd=folder,
            )
        except subprocess.TimeoutExpired as exc:
            raise CoveError(f"libcovebods took more than {timeout_s:g} s on {path}") from exc
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        hint = " (install it: pip install libcovebods)" if "libcove" in last else ""
        raise CoveError(f"libcovebods failed on {path}: {last}{hint}", file=str(path))
    try:
        answer = json.loads(done.stdout)
    except json.JSONDecodeError as exc:
        raise CoveError(f"libcovebods gave no JSON answer on {path}", file=str(path)) from exc
    checks: dict[str, Any] = answer.get("checks") or {}
    problems = [_schema_problem(e) for e in answer.get("schema") or []]
    problems += [_check_problem(c) for c in checks.get("additional_checks") or []]
    statistics = checks.get("statistics") or {
        k: v for k, v in checks.items() if k != "additional_checks"
    }
    return CoveResult(
        schema_version=str(answer.get("schema_version") or ""),
        problems=tuple(problems),
        statistics=statistics,
    )
