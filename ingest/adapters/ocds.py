"""The ``ocds`` adapter: Open Contracting Data Standard 1.0/1.1 releases (CDMX's
"Contrataciones Abiertas" files and the like).

Accepted shapes: a release package (``{"releases": [...]}``), a record package
(``{"records": [...]}``: each record's ``compiledRelease``, else its ``releases``), a JSON
array of releases, or one release. Anything else — including the CDMX lookup lists
``Proveedores.json`` (``[{"proveedor": …}]``, a supplier catalogue whose names are cut at
35 characters) and ``Dependencias.json`` (``[{"dependencia": …}]``, the buyer catalogue)
— is not a release package and raises ``SourceFormatError`` naming the file and what it
holds. A file that is not UTF-8 JSON raises ``SourceFormatError`` too.

What a "row" is here: one item per (release, award, supplier) — releases in file order,
awards in release order, suppliers in award order — numbered from 0 in that order
(``position``), with the JSON path as locator (``releases[0].awards[1].suppliers[0]``). An
award without suppliers is one item (``releases[i].awards[j]``); a release without awards
is one item (``releases[i]``). Each item becomes a ``PROCUREMENT_CONTRACT`` record keyed
by ``<ocid>|<award id>`` (``<ocid>`` alone without an award), so that the suppliers of
one award share the contract.

Parties:

- the supplier (role ``supplier``): ``identifier.id`` is its RFC (a person when it has 13
  characters). When the award names the supplier only by identifier, or cuts its name, the
  name comes from the organisation with the same identifier in ``parties``,
  ``tender.tenderers`` or the receivers of ``implementation.transactions``;
- the buyer (role ``buyer``, ``public_body``): ``buyer`` (for 1.1, completed from
  ``parties``), else ``tender.procuringEntity``; its RFC from ``identifier.id``.

Facts: ``ocid``, ``release_id``, ``release_date``, ``tag``, ``tender_id``, ``titulo``,
``procurement_method`` (as published), ``competition`` (open, restricted or direct:
``open`` → open, ``selective`` → restricted, ``limited``/``direct`` → direct — the
Mexican mapping puts adjudicación directa under ``limited``), ``direct_award``,
``award_id``, ``award_status``, ``award_date``, ``importe`` / ``moneda`` (award value),
``contract_ids``, ``codigo_contrato`` (the first contract's title, CDMX's contract
number), ``contract_status``, ``fecha_inicio`` / ``fecha_fin`` (contract period),
``fecha_celebracion`` (date signed), ``contract_value``, ``pagado`` (sum of the
transactions).

Quarantine rules: ``bad_rfc``, ``bad_date``, ``bad_amount``, ``type`` (a release that is
not a JSON object).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.adapters.sfp_sanctions import finish_row, supplier_mention
from ingest.adapters.tabular import RowContext
from ingest.csvio import CsvRow
from ingest.ledger import ParsedRecord, Rejection
from ingest.normalize.errors import NormalizationError
from ingest.normalize.numbers import parse_amount
from ingest.normalize.orgs import org_key, split_legal_form
from ingest.normalize.persons import parse_person_name, person_key
from ingest.normalize.text import clean
from ingest.records import NormalisedRecord, PartyKind, PartyMention, RecordKind
from registry.errors import SourceFormatError

__all__ = [
    "JsonRecordContext",
    "OcdsAdapter",
    "decode_json",
    "releases_of",
]

SOURCE = "ocds"

#: OCDS procurementMethod → competition.
COMPETITION = {
    "open": "open",
    "selective": "restricted",
    "limited": "direct",
    "direct": "direct",
}


class JsonRecordContext(RowContext):
    """A ``RowContext`` over the fields of one JSON record: the cell readers and problem
    collection of the CSV adapters, with problems located as ``record <n>``/JSON paths."""

    __slots__ = ()

    def problem(self, column: str, rule: str, message: str) -> None:
        self.problems.append(
            Rejection(
                rule=rule,
                path=f"record {self.row.number}",
                field=column,
                message=f"{self.file_name} record {self.row.number}, {column or 'record'}: "
                f"{message}",
            )
        )


def json_context(file_name: str, number: int, values: dict[str, str]) -> JsonRecordContext:
    return JsonRecordContext(file_name, CsvRow(number, 0, values, {}))


def decode_json(path: Path, data: bytes) -> Any:
    """The JSON value of a file; ``SourceFormatError`` naming the file when it is not."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceFormatError(
            f"{path.name}: not UTF-8 JSON (byte {exc.start}: {exc.reason})",
            file=str(path),
            offset=exc.start,
        ) from exc
    if not text.strip():
        raise SourceFormatError(f"{path.name} is empty", file=str(path))
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(
            f"{path.name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            file=str(path),
            line=exc.lineno,
        ) from exc


def _lookup_list(value: list[Any]) -> str | None:
    """The wrapper key of a CDMX lookup list (``proveedor``, ``dependencia``), if it is one."""
    keys = {next(iter(item)) for item in value[:50] if isinstance(item, dict) and len(item) == 1}
    return next(iter(keys)) if len(keys) == 1 else None


def releases_of(path: Path, value: Any) -> list[tuple[str, Any]]:
    """(JSON path, release) of every release in a file, or ``SourceFormatError``."""
    if isinstance(value, dict):
        if isinstance(value.get("releases"), list):
            return [(f"releases[{i}]", r) for i, r in enumerate(value["releases"])]
        if isinstance(value.get("records"), list):
            found: list[tuple[str, Any]] = []
            for i, rec in enumerate(value["records"]):
                if isinstance(rec, dict) and isinstance(rec.get("compiledRelease"), dict):
                    found.append((f"records[{i}].compiledRelease", rec["compiledRelease"]))
                elif isinstance(rec, dict) and isinstance(rec.get("releases"), list):
                    found.extend(
                        (f"records[{i}].releases[{j}]", r) for j, r in enumerate(rec["releases"])
                    )
                else:
                    found.append((f"records[{i}]", rec))
            return found
        if "ocid" in value:
            return [("$", value)]
        keys = ", ".join(sorted(value)[:8])
        raise SourceFormatError(
            f"{path.name} is not an OCDS release package: a JSON object without 'releases' "
            f"or 'records' (keys: {keys})",
            file=str(path),
        )
    if isinstance(value, list):
        if value and all(isinstance(r, dict) and "ocid" in r for r in value):
            return [(f"[{i}]", r) for i, r in enumerate(value)]
        wrapper = _lookup_list(value)
        if wrapper is not None:
            raise SourceFormatError(
                f"{path.name} is not an OCDS release package: it is a lookup list of "
                f"{len(value)} {wrapper!r} entries (a catalogue, without ocid, awards or "
                "contracts)",
                file=str(path),
                entries=len(value),
                kind=wrapper,
            )
        raise SourceFormatError(
            f"{path.name} is not an OCDS release package: a JSON array of {len(value)} items "
            "that are not releases (no 'ocid')",
            file=str(path),
        )
    raise SourceFormatError(
        f"{path.name} is not an OCDS release package: a JSON {type(value).__name__}",
        file=str(path),
    )


# -- reading one release ---------------------------------------------------------------


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if isinstance(value, str | int | float) else ""


def _org_id(org: dict[str, Any]) -> str:
    return clean(_str(_dict(org.get("identifier")).get("id")) or _str(org.get("id"))).upper()


@dataclass(slots=True)
class _Item:
    """One (release, award, supplier) item and the fields it is read from."""

    locator: str
    release: dict[str, Any]
    award: dict[str, Any] | None
    supplier: dict[str, Any] | None
    award_path: str
    supplier_path: str


def _items(path: str, release: dict[str, Any]) -> Iterator[_Item]:
    awards = _list(release.get("awards"))
    if not awards:
        yield _Item(path, release, None, None, "", "")
        return
    for j, award in enumerate(awards):
        award_path = f"{path}.awards[{j}]"
        award_dict = _dict(award)
        suppliers = _list(award_dict.get("suppliers"))
        if not suppliers:
            yield _Item(award_path, release, award_dict, None, award_path, "")
            continue
        for k, supplier in enumerate(suppliers):
            supplier_path = f"{award_path}.suppliers[{k}]"
            yield _Item(
                supplier_path, release, award_dict, _dict(supplier), award_path, supplier_path
            )


def _names_by_id(release: dict[str, Any]) -> dict[str, list[str]]:
    """Organisation names by identifier, from parties, tenderers and payment receivers."""
    names: dict[str, list[str]] = {}

    def add(org: Any, name_key: str = "name") -> None:
        org = _dict(org)
        oid = _org_id(org)
        name = clean(_str(org.get(name_key))).strip(" ,;")
        if oid and name:
            names.setdefault(oid, []).append(name)

    for party in _list(release.get("parties")):
        add(party)
    for tenderer in _list(_dict(release.get("tender")).get("tenderers")):
        add(tenderer)
    for contract in _list(release.get("contracts")):
        implementation = _dict(_dict(contract).get("implementation"))
        for tx in _list(implementation.get("transactions")):
            add(_dict(tx).get("receiverOrganization"), "legalName")
            add(_dict(tx).get("payee"))
    return names


def _best_name(own: str, others: list[str]) -> str:
    """The award's own name, unless it is blank or cut short of another spelling."""
    if not own:
        return others[0] if others else ""
    longer = [o for o in others if len(o) > len(own) and o.upper().startswith(own.upper())]
    return max(longer, key=len) if longer else own


def _party(
    ctx: RowContext, role: str, name: str, field: str, rfc_field: str, kind: PartyKind
) -> PartyMention | None:
    rfc = ctx.rfc(rfc_field) if ctx.text(rfc_field) else None
    if not name and rfc is None:
        return None
    if kind is PartyKind.PUBLIC_BODY:
        _, form = split_legal_form(name)
        return PartyMention(
            field=field,
            role=role,
            kind=kind,
            name=name,
            name_key=org_key(name),
            legal_form=form,
            rfc=rfc.value if rfc else None,
            rfc_checksum_ok=rfc.checksum_ok if rfc else None,
        )
    if rfc is not None and rfc.kind == "person":
        parsed = parse_person_name(name)
        return PartyMention(
            field=field,
            role=role,
            kind=PartyKind.PERSON,
            name=parsed.full or name,
            name_key=person_key(parsed) if name else "",
            given_names=parsed.given or None,
            paternal_surname=parsed.paternal or None,
            maternal_surname=parsed.maternal or None,
            rfc=rfc.value,
            rfc_checksum_ok=rfc.checksum_ok,
        )
    if rfc is not None:
        _, form = split_legal_form(name)
        return PartyMention(
            field=field,
            role=role,
            kind=PartyKind.COMPANY,
            name=name,
            name_key=org_key(name) if name else "",
            legal_form=form,
            rfc=rfc.value,
            rfc_checksum_ok=rfc.checksum_ok,
        )
    return supplier_mention(name, field, role)


def _buyer(release: dict[str, Any], path: str) -> tuple[dict[str, Any], str]:
    """The buyer organisation (completed from ``parties`` for 1.1) and its JSON path."""
    buyer = _dict(release.get("buyer"))
    where = f"{path}.buyer"
    if not buyer:
        buyer = _dict(_dict(release.get("tender")).get("procuringEntity"))
        where = f"{path}.tender.procuringEntity"
    if buyer and "identifier" not in buyer and buyer.get("id"):
        for i, party in enumerate(_list(release.get("parties"))):
            if _dict(party).get("id") == buyer.get("id"):
                return {**_dict(party), **buyer, "identifier": _dict(party).get("identifier")}, (
                    f"{path}.parties[{i}]"
                )
    return buyer, where


def _values(item: _Item, path: str) -> dict[str, str]:
    """The fields of an item as text cells keyed by their JSON path."""
    release = item.release
    tender = _dict(release.get("tender"))
    award = item.award or {}
    contracts = [
        _dict(c)
        for c in _list(release.get("contracts"))
        if item.award is None or _str(_dict(c).get("awardID")) == _str(award.get("id"))
    ]
    contract = contracts[0] if contracts else {}
    cpath = (
        f"{path}.contracts[{_list(release.get('contracts')).index(contract)}]" if contract else ""
    )
    buyer, buyer_path = _buyer(release, path)
    values: dict[str, str] = {
        f"{path}.ocid": _str(release.get("ocid")),
        f"{path}.id": _str(release.get("id")),
        f"{path}.date": _str(release.get("date")),
        f"{path}.tender.id": _str(tender.get("id")),
        f"{path}.tender.title": _str(tender.get("title")),
        f"{path}.tender.procurementMethod": _str(tender.get("procurementMethod")),
        f"{path}.tender.procurementMethodDetails": _str(tender.get("procurementMethodDetails")),
        "buyer.name": _str(buyer.get("name")),
        "buyer.id": _org_id(buyer),
        "buyer.path": buyer_path,
    }
    if item.award is not None:
        ap = item.award_path
        value = _dict(award.get("value"))
        values |= {
            f"{ap}.id": _str(award.get("id")),
            f"{ap}.title": _str(award.get("title")),
            f"{ap}.status": _str(award.get("status")),
            f"{ap}.date": _str(award.get("date")),
            f"{ap}.value.amount": _str(value.get("amount")),
            f"{ap}.value.currency": _str(value.get("currency")),
        }
    if contract:
        period = _dict(contract.get("period"))
        value = _dict(contract.get("value"))
        paid = [
            _str(_dict(_dict(tx).get("amount") or _dict(tx).get("value")).get("amount"))
            for tx in _list(_dict(contract.get("implementation")).get("transactions"))
        ]
        values |= {
            f"{cpath}.id": _str(contract.get("id")),
            f"{cpath}.title": _str(contract.get("title")),
            f"{cpath}.status": _str(contract.get("status")),
            f"{cpath}.period.startDate": _str(period.get("startDate")),
            f"{cpath}.period.endDate": _str(period.get("endDate")),
            f"{cpath}.dateSigned": _str(contract.get("dateSigned")),
            f"{cpath}.value.amount": _str(value.get("amount")),
            "contract.path": cpath,
            "contract.ids": "\n".join(_str(c.get("id")) for c in contracts if c.get("id")),
            "contract.paid": "\n".join(p for p in paid if p),
        }
    if item.supplier is not None:
        sp = item.supplier_path
        values |= {
            f"{sp}.name": _str(item.supplier.get("name")),
            f"{sp}.identifier.id": _org_id(item.supplier),
        }
    return values


def _amount(ctx: RowContext, field: str, text: str) -> float | None:
    try:
        return parse_amount(text)
    except NormalizationError as exc:
        ctx.problem(field, exc.rule, exc.message)
        return None


def _iso(ctx: RowContext, field: str) -> str | None:
    value = ctx.date(field) if field in ctx.row.values else None
    return value.isoformat() if value else None


def _parse_item(ctx: RowContext, item: _Item, path: str) -> NormalisedRecord:
    v = ctx.row.values
    ocid = ctx.text(f"{path}.ocid")
    method = ctx.text(f"{path}.tender.procurementMethod")
    competition = COMPETITION.get(method.lower()) if method else None
    facts: dict[str, Any] = {
        "ocid": ocid,
        "release_id": ctx.text(f"{path}.id"),
        "release_date": _iso(ctx, f"{path}.date"),
        "tag": [t for t in _list(item.release.get("tag")) if isinstance(t, str)],
        "tender_id": ctx.text(f"{path}.tender.id"),
        "procurement_method": method,
        "procurement_method_details": ctx.text(f"{path}.tender.procurementMethodDetails"),
        "competition": competition,
        "direct_award": competition == "direct" if competition else None,
    }
    parties: list[PartyMention] = []
    award_id = ""
    if item.award is not None:
        ap = item.award_path
        award_id = ctx.text(f"{ap}.id")
        facts |= {
            "titulo": ctx.text(f"{ap}.title") or ctx.text(f"{path}.tender.title"),
            "award_id": award_id,
            "award_status": ctx.text(f"{ap}.status"),
            "award_date": _iso(ctx, f"{ap}.date"),
            "importe": ctx.amount(f"{ap}.value.amount"),
            "moneda": ctx.text(f"{ap}.value.currency"),
        }
    else:
        facts["titulo"] = ctx.text(f"{path}.tender.title")
    cpath = v.get("contract.path", "")
    if cpath:
        payments = v.get("contract.paid", "")
        total: float | None = None
        if payments:
            total = 0.0
            for amount in payments.split("\n"):
                one = _amount(ctx, "contract.paid", amount)
                total = None if one is None or total is None else total + one
        facts |= {
            "contract_ids": [c for c in v.get("contract.ids", "").split("\n") if c],
            "codigo_contrato": ctx.text(f"{cpath}.title") or ctx.text(f"{cpath}.id"),
            "contract_status": ctx.text(f"{cpath}.status"),
            "fecha_inicio": _iso(ctx, f"{cpath}.period.startDate"),
            "fecha_fin": _iso(ctx, f"{cpath}.period.endDate"),
            "fecha_celebracion": _iso(ctx, f"{cpath}.dateSigned"),
            "contract_value": ctx.amount(f"{cpath}.value.amount"),
            "pagado": total,
        }
    if item.supplier is not None:
        sp = item.supplier_path
        oid = ctx.text(f"{sp}.identifier.id")
        own = ctx.text(f"{sp}.name").strip(" ,;")
        name = _best_name(own, _names_by_id(item.release).get(oid, []))
        supplier = _party(
            ctx, "supplier", name, f"{sp}.name", f"{sp}.identifier.id", PartyKind.COMPANY
        )
        if supplier is not None:
            parties.append(supplier)
    buyer = _party(
        ctx, "buyer", ctx.text("buyer.name"), v.get("buyer.path", ""), "buyer.id",
        PartyKind.PUBLIC_BODY,
    )  # fmt: skip
    if buyer is not None:
        parties.append(buyer)
    return NormalisedRecord(
        source=SOURCE,
        kind=RecordKind.PROCUREMENT_CONTRACT,
        key=f"{ocid}|{award_id}" if award_id else (ocid or None),
        parties=parties,
        facts={k: v for k, v in facts.items() if v not in (None, "", [], {})},
    )


class OcdsAdapter:
    """OCDS release packages: one record per (release, award, supplier)."""

    name = SOURCE
    description = "Open Contracting Data Standard 1.0/1.1 release packages (contracts)"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        releases = releases_of(path, decode_json(path, data))
        records: list[ParsedRecord] = []
        number = 0
        for release_path, release in releases:
            if not isinstance(release, dict):
                ctx = json_context(path.name, number, {})
                ctx.problem(
                    "", "type", f"{release_path} is a JSON {type(release).__name__}, not a release"
                )
                records.append(finish_row(ctx, None, release, release_path))
                number += 1
                continue
            for item in _items(release_path, release):
                ctx = json_context(path.name, number, _values(item, release_path))
                record = _parse_item(ctx, item, release_path)
                raw = {"locator": item.locator, "release": release}
                records.append(finish_row(ctx, record, raw, item.locator))
                number += 1
        return AdapterOutput(records=records)
