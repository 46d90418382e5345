"""The ``trusts`` adapter: public trusts, mandates and analogous contracts reported by SHCP.

Two layouts, told apart by content (a file whose first character is ``[`` or ``{`` is
JSON, anything else CSV):

- the CSV of one year (``trusts_2015.csv``): ``;``-separated, quotes escaped with a
  backslash, English column names (``definitions.csv`` gives the Spanish field each one
  translates: branch = ramo, unit = unidad responsable coordinadora, settlor =
  fideicomitente o mandante, registry = clave de registro, designation = denominación,
  fiduciary = fiduciario o mandatario, …). One row is one trust; rows are numbered from 1.
- the JSON of 2014 (``Full2014.json``): an array of trusts with Spanish keys and a yearly
  series under ``Evolucion``. One element is one trust, numbered by its index in the
  array (from 0); the facts of the latest year of the series are the record's amounts,
  the whole series is kept as ``series``.

Each trust becomes a ``TRUST`` record keyed by its clave de registro (14 characters such
as ``20070211301479``; older ones have 12, e.g. ``700002210104``; SHCP publishes one with
13 in both files, kept as written).

Parties:

- the trust itself (kind ``trust``, role ``trust``, name = denominación, ``extra.clave``);
- the settlor (``settlor``/``Fideicomitente``, role ``settlor``): a public body when the
  name is a government, ministry, dependencia or other public entity (``is_public_body``),
  a person when it is clearly a person's name ("DOÑA DOLORES OLMEDO PATIÑO"), else a
  company; "HACIENDA Y CRÉDITO PÚBLICO COMO FIDEICOMITENTE ÚNICO
  DE LA APC" is named "HACIENDA Y CRÉDITO PÚBLICO", the rest kept as ``extra.capacity``;
- the trustee (``fiduciary``/``Fiduciario``, role ``trustee``): a company (a public body
  for a government treasury or agency); "NO APLICA" names none.

Facts: ``clave``, ``designation``, ``year``, ``branch`` (ramo), ``type`` (fideicomiso,
mandato, análogo, sin definir), ``scope`` (federal, estatal, privado), ``unit``,
``objective``, ``theme``, ``balance``, ``income``, ``yield``, ``expenses``,
``availability`` (pesos, floats from "1,234,567.89"), ``availability_type``,
``initial_amount``, ``initial_date`` (ISO; "0000-00-00" is unknown), ``report``,
``comments``, and for the JSON ``series`` (one dict per year with the same amount keys).

Quarantine rules: ``missing_required`` (clave, denominación), ``bad_value`` (a clave that
is not 10–16 letters and digits, an unknown type or scope), ``bad_amount``, ``bad_date``,
``totals_row`` (the CSV's last row: no clave, no trust, only the sum of availability).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.adapters.ocds import decode_json, json_context
from ingest.adapters.sfp_sanctions import finish_row, looks_like_person, supplier_mention
from ingest.adapters.tabular import RowContext, read_table
from ingest.ledger import ParsedRecord
from ingest.normalize.errors import NormalizationError
from ingest.normalize.numbers import parse_amount
from ingest.normalize.orgs import org_key, split_legal_form
from ingest.normalize.text import clean, fold
from ingest.records import NormalisedRecord, PartyKind, PartyMention, RecordKind
from registry.errors import SourceFormatError

__all__ = [
    "CSV_COLUMNS",
    "JSON_FIELDS",
    "TrustsAdapter",
    "is_public_body",
    "parse_csv_row",
    "parse_json_trust",
]

SOURCE = "trusts"

CSV_COLUMNS = (
    "id",
    "year",
    "branch",
    "type",
    "scope",
    "unit",
    "settlor",
    "registry",
    "designation",
    "objective",
    "fiduciary",
    "theme",
    "balance",
    "income",
    "yield",
    "expenses",
    "report",
    "availability",
    "availability_type",
    "initial_amount",
    "initial_date",
    "comments",
    "initial_amount_comments",
)
CSV_REQUIRED = ("registry", "designation", "settlor", "fiduciary")

#: Our fact names → the keys of the JSON layout.
JSON_FIELDS = {
    "registry": "Registro",
    "initial_date": "Fecha_Inicio",
    "initial_amount": "Monto_Inicial",
    "designation": "Designacion",
    "settlor": "Fideicomitente",
    "fiduciary": "Fiduciario",
    "unit": "Coordinador",
    "branch": "Ramo",
    "type": "Tipo",
    "scope": "Ambito",
    "theme": "Tema",
    "objective": "Objetivo",
}
_SERIES_FIELDS = {
    "Ingresos": "income",
    "Rendimientos": "yield",
    "Egresos": "expenses",
    "Disponible": "availability",
}

TYPES = {
    "fideicomiso": "fideicomiso",
    "mandato": "mandato",
    "análogo": "análogo",
    "sin definir": "sin definir",
}
SCOPES = {"federal": "federal", "estatal": "estatal", "privado": "privado"}

_CLAVE = re.compile(r"[0-9A-Z]{10,16}")
_AMOUNTS = ("balance", "income", "yield", "expenses", "availability", "initial_amount")
_HYPHENS = str.maketrans({"‐": "-", "‑": "-", "−": "-", "–": "-"})
_CAPACITY = re.compile(r"\s+COMO\s+(FIDEICOMITENTE|MANDANTE)\b.*$", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(?:DOÑA|DONA|DON)\s+", re.IGNORECASE)
_NONE = re.compile(r"^NO\s+APLICA\b\s*(?:\((?P<inner>[^)]*)\))?\s*$", re.IGNORECASE)

#: Names of public bodies (folded): governments, ministries and their units, agencies.
_PUBLIC = re.compile(
    r"^(?:(?:LOS|EL)\s+)?(?:H\s+)?(?:GOBIERNOS?|SECRETARIA|SUBSECRETARIA|DIRECCION\s+GENERAL|"
    r"UNIDAD\s+DE|OFICIALIA\s+MAYOR|HACIENDA\s+Y\s+CREDITO\s+PUBLICO|PROCURADURIA|"
    r"COMISION|CONSEJO\s+NACIONAL\s+(?:DE\s+CIENCIA|PARA\s+LA\s+CULTURA)|CONACYT|"
    r"FONDO\s+MIXTO\s+CONACYT|AYUNTAMIENTO|TRIBUNAL|TESORERIA|BANCO\s+DE\s+MEXICO|"
    r"INSTITUTO\s+(?:MEXICANO\s+DEL\s+SEGURO|DE\s+SEGURIDAD|NACIONAL|DEL\s+FONDO\s+NACIONAL|"
    r"MEXICANO\s+DEL\s+PETROLEO|MEXICANO\s+DE\s+(?:CINEMATOGRAFIA|TECNOLOGIA))|"
    r"PETROLEOS\s+MEXICANOS|PEMEX|SERVICIO\s+DE\s+ADMINISTRACION|CAMINOS\s+Y\s+PUENTES|"
    r"AEROPUERTOS\s+Y\s+SERVICIOS|LOTERIA\s+NACIONAL|HOSPITAL\s+GENERAL|"
    r"UNIVERSIDAD\s+NACIONAL|ISSSTE|IMSS|SAE|SHCP|FONATUR|PROMEXICO|COLEGIO\s+DE\s+POSTGRADUADOS|"
    r"FERROCARRILES\s+NACIONALES|FINANCIERA\s+RURAL|FONDO\s+DE\s+CULTURA\s+ECONOMICA)\b"
)


def is_public_body(name: str) -> bool:
    """Whether a settlor or trustee name is a public body rather than a company.

    >>> is_public_body("GOBIERNO DEL ESTADO DE SONORA"), is_public_body("BANORTE")
    (True, False)
    """
    folded = fold(name)
    if not folded or split_legal_form(name)[1] is not None:
        return False
    return bool(_PUBLIC.match(folded))


def _org(name: str, field: str, role: str) -> PartyMention:
    """A settlor or trustee: a public body, a person (rarely: a private settlor), or a
    company."""
    text = clean(name)
    extra: dict[str, Any] = {}
    capacity = _CAPACITY.search(text)
    if capacity:
        extra["capacity"] = text[capacity.start() :].strip()
        extra["as_written"] = text
        text = text[: capacity.start()].strip()
    honorific = _HONORIFIC.sub("", text)
    if not is_public_body(text) and looks_like_person(honorific):
        person = supplier_mention(honorific, field, role, extra=extra)
        if person is not None and person.kind is PartyKind.PERSON:
            return person
    base, form = split_legal_form(text)
    if base and base != text:
        extra["base_name"] = clean(base)
    public = is_public_body(text)
    return PartyMention(
        field=field,
        role=role,
        kind=PartyKind.PUBLIC_BODY if public else PartyKind.COMPANY,
        name=text,
        name_key=org_key(text),
        legal_form=form,
        extra=extra,
    )


_BARE_POINT = re.compile(r"^(-?\d+)\.$")


def _amount(ctx: RowContext, column: str, *, signed: bool = True) -> float | None:
    """An amount in pesos. Yields, expenses and balances can be negative (``signed``);
    the JSON layout writes whole numbers with a bare point ("1000.") and some minus signs
    as a Unicode hyphen ("‐381659.46")."""
    raw = _BARE_POINT.sub(r"\1", clean(ctx.raw(column)).translate(_HYPHENS))
    try:
        return parse_amount(raw, allow_negative=signed)
    except NormalizationError as exc:
        ctx.problem(column, exc.rule, exc.message)
        return None


def _year(ctx: RowContext, column: str) -> int | None:
    text = ctx.text(column)
    if not text:
        return None
    if not (text.isdigit() and 1900 <= int(text) <= 2100):
        ctx.problem(column, "bad_value", f"{text!r} is not a year")
        return None
    return int(text)


def _trust(ctx: RowContext, cols: dict[str, str], facts: dict[str, Any]) -> NormalisedRecord:
    """The record of one trust from the cells named by ``cols`` (our name → column)."""
    clave_raw = ctx.required(cols["registry"])
    clave = clave_raw.replace(" ", "").upper()
    if clave and not _CLAVE.fullmatch(clave):
        ctx.problem(cols["registry"], "bad_value", f"{clave_raw!r} is not a clave de registro")
    designation = ctx.required(cols["designation"])
    parties: list[PartyMention] = []
    if designation or clave:
        parties.append(
            PartyMention(
                field=cols["designation"],
                role="trust",
                kind=PartyKind.TRUST,
                name=designation,
                name_key=org_key(designation),
                extra={"clave": clave} if clave else {},
            )
        )
    settlor = ctx.text(cols["settlor"])
    if settlor:
        parties.append(_org(settlor, cols["settlor"], "settlor"))
    fiduciary = ctx.text(cols["fiduciary"])
    none = _NONE.match(fiduciary)
    if none:
        fiduciary = clean(none.group("inner"))
    if fiduciary:
        trustee = _org(fiduciary, cols["fiduciary"], "trustee")
        if none:
            trustee.extra["as_written"] = ctx.text(cols["fiduciary"])
        parties.append(trustee)
    initial = ctx.date(cols["initial_date"])
    ordered: dict[str, Any] = {
        "clave": clave,
        "designation": designation,
        **{k: v for k, v in facts.items() if k == "year"},
        "branch": ctx.text(cols["branch"]),
        "type": ctx.choice(cols["type"], TYPES, required=False),
        "scope": ctx.choice(cols["scope"], SCOPES, required=False),
        "unit": ctx.text(cols["unit"]),
        "objective": ctx.text(cols["objective"]),
        "theme": ctx.text(cols["theme"]),
        "initial_amount": _amount(ctx, cols["initial_amount"], signed=False),
        "initial_date": initial.isoformat() if initial else None,
        **{k: v for k, v in facts.items() if k != "year"},
    }
    return NormalisedRecord(
        source=SOURCE,
        kind=RecordKind.TRUST,
        key=clave or None,
        parties=parties,
        facts={k: v for k, v in ordered.items() if v not in (None, "", [], {})},
    )


# -- CSV -------------------------------------------------------------------------------

_CSV_COLS = {name: name for name in (*JSON_FIELDS, "registry")}


def parse_csv_row(ctx: RowContext) -> NormalisedRecord | None:
    names = ("registry", "designation", "settlor", "fiduciary", "branch", "unit")
    if not any(ctx.text(c) for c in names) and any(ctx.text(c) for c in _AMOUNTS):
        amounts = ", ".join(f"{c} {ctx.text(c)}" for c in _AMOUNTS if ctx.text(c))
        ctx.problem(
            "registry",
            "totals_row",
            f"is a totals row, not a trust: no clave, denomination or parties, only {amounts}",
        )
        return None
    facts: dict[str, Any] = {"year": _year(ctx, "year")}
    for column in ("balance", "income", "yield", "expenses", "availability"):
        facts[column] = _amount(ctx, column)
    facts["availability_type"] = ctx.text("availability_type")
    facts["report"] = ctx.text("report")
    facts["comments"] = ctx.text("comments")
    facts["initial_amount_comments"] = ctx.text("initial_amount_comments")
    facts["shcp_id"] = ctx.text("id")
    return _trust(ctx, _CSV_COLS, facts)


# -- JSON ------------------------------------------------------------------------------


def parse_json_trust(ctx: RowContext, trust: dict[str, Any]) -> NormalisedRecord:
    """One trust of the JSON layout (its cells already in ``ctx`` under the JSON keys)."""
    series: list[dict[str, Any]] = []
    evolution = trust.get("Evolucion")
    if evolution is not None and not isinstance(evolution, list):
        ctx.problem("Evolucion", "bad_value", "is not a list of years")
    for i, year in enumerate(evolution if isinstance(evolution, list) else []):
        if not isinstance(year, dict):
            ctx.problem(f"Evolucion[{i}]", "bad_value", "is not a JSON object")
            continue
        entry: dict[str, Any] = {"year": _year(ctx, f"Evolucion[{i}].Año")}
        for key, name in _SERIES_FIELDS.items():
            entry[name] = _amount(ctx, f"Evolucion[{i}].{key}")
        entry["report"] = ctx.text(f"Evolucion[{i}].Reporte_Cumplimiento")
        entry["comments"] = ctx.text(f"Evolucion[{i}].Observaciones")
        series.append({k: v for k, v in entry.items() if v not in (None, "")})
    series.sort(key=lambda e: e.get("year") or 0)
    facts: dict[str, Any] = {}
    if series:
        latest = series[-1]
        facts = {k: latest.get(k) for k in ("year", *_SERIES_FIELDS.values(), "report")}
        facts["comments"] = latest.get("comments")
        facts["series"] = series
    return _trust(ctx, JSON_FIELDS, facts)


def _json_cells(trust: dict[str, Any]) -> dict[str, str]:
    cells: dict[str, str] = {}
    for key, value in trust.items():
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            cells[key] = str(value)
    evolution = trust.get("Evolucion")
    for i, year in enumerate(evolution if isinstance(evolution, list) else []):
        if isinstance(year, dict):
            for key, value in year.items():
                if isinstance(value, str | int | float) and not isinstance(value, bool):
                    cells[f"Evolucion[{i}].{key}"] = str(value)
    return cells


def _read_json(path: Path, data: bytes) -> AdapterOutput:
    value = decode_json(path, data)
    if isinstance(value, dict) and isinstance(value.get("data"), list):
        value = value["data"]
    if not isinstance(value, list):
        raise SourceFormatError(
            f"{path.name}: a trusts JSON file is an array of trusts, found a JSON "
            f"{type(value).__name__}",
            file=str(path),
        )
    records: list[ParsedRecord] = []
    for index, trust in enumerate(value):
        locator = f"record {index}"
        if not isinstance(trust, dict):
            ctx = json_context(path.name, index, {})
            ctx.problem("", "type", f"is a JSON {type(trust).__name__}, not a trust object")
            records.append(finish_row(ctx, None, trust, locator))
            continue
        if "Registro" not in trust and "Designacion" not in trust:
            keys = ", ".join(sorted(trust)[:8])
            raise SourceFormatError(
                f"{path.name}: record {index} is not an SHCP trust (no 'Registro' or "
                f"'Designacion'; keys: {keys})",
                file=str(path),
            )
        ctx = json_context(path.name, index, _json_cells(trust))
        record = parse_json_trust(ctx, trust)
        records.append(finish_row(ctx, record, trust, locator))
    return AdapterOutput(records=records)


class TrustsAdapter:
    """SHCP public trusts: the yearly CSV or the JSON with yearly series."""

    name = SOURCE
    description = "SHCP public trusts and mandates (CSV of one year, or JSON with series)"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if head in (b"[", b"{"):
            return _read_json(path, data)
        return read_table(
            path,
            data,
            expected=CSV_COLUMNS,
            required=CSV_REQUIRED,
            parse_row=parse_csv_row,
            escapechar="\\",
        )
