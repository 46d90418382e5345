"""Upgrade Beneficial Ownership Data Standard statements from 0.1-0.3 to the 0.4 shape.

BODS 0.2 and 0.3 publish *statements* (``statementType`` entityStatement, personStatement
or ownershipOrControlStatement) that point at each other by ``statementID``; BODS 0.4
publishes statements about *records* (``recordType`` entity, person or relationship) that
point at each other by ``recordId``. This module rewrites the older shape into the newer
one so the registry's 0.4 reader can load it:

* ``statementId`` is the old ``statementID``.
* ``recordId`` is the ``statementID`` of the first statement of a replacement chain
  (``replacesStatements``): a statement that replaces X takes X's ``recordId``, so every
  later statement of the chain updates the same record. ``recordStatus`` is ``new`` for
  the first statement of a chain and ``updated`` for its replacements.
* ``declarationSubject`` is the record's own ``recordId`` for entities and persons, and
  the subject's ``recordId`` for relationships.
* Relationship ``subject`` and ``interestedParty`` become ``recordId`` strings (mapped
  through the replacement chains), or an unspecified-record object.
* Codes are translated to the 0.4 codelists (``registry.codelists``).

Nothing is dropped silently: every value that has to be changed, guessed or left out is
named in a warning, and values with no 0.4 home are kept in ``recordDetails`` (the 0.4
schema allows additional properties there). Input that cannot be upgraded at all is
returned unchanged, with a warning, so that the 0.4 validator reports it.

A replacement chain can only be followed inside one call: statements referring to
statements outside the batch are assumed to refer to the first statement of their chain
(the reference is kept as the ``recordId``), and a warning says so. Upgrade related files
in one call when they share chains.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from registry.codelists import (
    DirectOrIndirect,
    EntitySubtype,
    EntityType,
    InterestType,
    NameType,
    PersonType,
    RecordStatus,
    RecordType,
    SourceType,
    UnspecifiedReason,
)

__all__ = ["UpgradeResult", "detect_version", "upgrade_statements"]

TARGET_VERSION = "0.4"
_OLD_VERSIONS = frozenset({"0.1", "0.2", "0.3"})
_KNOWN_VERSIONS = _OLD_VERSIONS | {TARGET_VERSION}

_STATEMENT_TYPES: dict[str, RecordType] = {
    "entityStatement": RecordType.ENTITY,
    "personStatement": RecordType.PERSON,
    "ownershipOrControlStatement": RecordType.RELATIONSHIP,
}

# BODS 0.2 (hyphenated) interest codes -> 0.4 codes. Codes that changed meaning are
# listed in _LOSSY_INTEREST_TYPES and produce a warning.
_INTEREST_TYPES_02: dict[str, InterestType] = {
    "shareholding": InterestType.SHAREHOLDING,
    "voting-rights": InterestType.VOTING_RIGHTS,
    "appointment-of-board": InterestType.APPOINTMENT_OF_BOARD,
    "other-influence-or-control": InterestType.OTHER_INFLUENCE_OR_CONTROL,
    "senior-managing-official": InterestType.SENIOR_MANAGING_OFFICIAL,
    "settlor-of-trust": InterestType.SETTLOR,
    "trustee-of-trust": InterestType.TRUSTEE,
    "protector-of-trust": InterestType.PROTECTOR,
    "beneficiary-of-trust": InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT,
    "other-influence-or-control-of-trust": InterestType.OTHER_INFLUENCE_OR_CONTROL,
    "rights-to-surplus-assets-on-dissolution": (
        InterestType.RIGHTS_TO_SURPLUS_ASSETS_ON_DISSOLUTION
    ),
    "rights-to-surplus-assets": InterestType.RIGHTS_TO_SURPLUS_ASSETS_ON_DISSOLUTION,
    "rights-to-profit-or-income": InterestType.RIGHTS_TO_PROFIT_OR_INCOME,
    "rights-granted-by-contract": InterestType.RIGHTS_GRANTED_BY_CONTRACT,
    "conditional-rights-granted-by-contract": InterestType.CONDITIONAL_RIGHTS_GRANTED_BY_CONTRACT,
}
_LOSSY_INTEREST_TYPES: dict[str, str] = {
    "other-influence-or-control-of-trust": (
        "0.4 has no trust-specific 'other influence or control' code"
    ),
}

_UNSPECIFIED_REASONS_02: dict[str, UnspecifiedReason] = {
    "no-beneficial-owners": UnspecifiedReason.NO_BENEFICIAL_OWNERS,
    "subject-unable-to-confirm-or-identify-beneficial-owner": (
        UnspecifiedReason.SUBJECT_UNABLE_TO_CONFIRM_OR_IDENTIFY_BENEFICIAL_OWNER
    ),
    "interested-party-has-not-provided-information": (
        UnspecifiedReason.INTERESTED_PARTY_HAS_NOT_PROVIDED_INFORMATION
    ),
    "subject-exempt-from-disclosure": UnspecifiedReason.SUBJECT_EXEMPT_FROM_DISCLOSURE,
    "interested-party-exempt-from-disclosure": (
        UnspecifiedReason.INTERESTED_PARTY_EXEMPT_FROM_DISCLOSURE
    ),
    "unknown": UnspecifiedReason.UNKNOWN,
}

# 0.3 entitySubtype.generalCategory -> 0.4 entityType.subtype
_SUBTYPE_CATEGORIES_03: dict[str, EntitySubtype] = {
    "stateBody-governmentDepartment": EntitySubtype.GOVERNMENT_DEPARTMENT,
    "stateBody-stateAgency": EntitySubtype.STATE_AGENCY,
    "stateBody-other": EntitySubtype.OTHER,
}
# 0.4 entity-record.json: which subtypes each entity type allows
_SUBTYPES_ALLOWED: dict[str, frozenset[str]] = {
    EntityType.ARRANGEMENT: frozenset({"trust", "nomination", "other"}),
    EntityType.LEGAL_ENTITY: frozenset({"trust", "other"}),
    EntityType.STATE_BODY: frozenset({"governmentDepartment", "stateAgency", "other"}),
    EntityType.REGISTERED_ENTITY: frozenset({"other"}),
    EntityType.STATE: frozenset({"other"}),
    EntityType.ANONYMOUS_ENTITY: frozenset({"other"}),
    EntityType.UNKNOWN_ENTITY: frozenset({"other"}),
}

# 0.4 address types allowed per record type (entity-record.json, person-record.json)
_ENTITY_ADDRESS_TYPES = frozenset({"registered", "business", "alternative"})
_PERSON_ADDRESS_TYPES = frozenset({"residence", "service", "alternative"})

_NAME_TYPES_RENAMED = {"individual": NameType.LEGAL}
_PEP_STATUSES = frozenset({"isPep", "isNotPep", "unknown"})
_SHARE_BOUNDS = ("exact", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")

# keys of an old statement that the upgrade consumes; anything else is kept with a warning
_COMMON_KEYS = frozenset(
    {
        "statementID",
        "statementType",
        "statementDate",
        "isComponent",
        "replacesStatements",
        "replacesStatement",
        "publicationDetails",
        "source",
        "annotations",
    }
)
_ENTITY_KEYS = frozenset(
    {
        "entityType",
        "entitySubtype",
        "unspecifiedEntityDetails",
        "missingInfoReason",
        "name",
        "alternateNames",
        "incorporatedInJurisdiction",
        "jurisdiction",
        "identifiers",
        "foundingDate",
        "dissolutionDate",
        "addresses",
        "uri",
        "publicListing",
        "formedByStatute",
    }
)
_PERSON_KEYS = frozenset(
    {
        "personType",
        "unspecifiedPersonDetails",
        "missingInfoReason",
        "names",
        "identifiers",
        "nationalities",
        "placeOfBirth",
        "birthDate",
        "deathDate",
        "placeOfResidence",
        "taxResidencies",
        "addresses",
        "hasPepStatus",
        "pepStatus",
        "pepStatusDetails",
        "politicalExposure",
    }
)
_RELATIONSHIP_KEYS = frozenset({"subject", "interestedParty", "interests", "componentStatementIDs"})
_KEYS_BY_TYPE: dict[RecordType, frozenset[str]] = {
    RecordType.ENTITY: _ENTITY_KEYS,
    RecordType.PERSON: _PERSON_KEYS,
    RecordType.RELATIONSHIP: _RELATIONSHIP_KEYS,
}

_VERSION_RE = re.compile(r"^v?(\d+)\.(\d+)(?:\.\d+)?$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_TIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
_YEAR_MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_YEAR_RE = re.compile(r"^\d{4}$")
_CODE_RE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")


@dataclass(frozen=True, slots=True)
class UpgradeResult:
    """0.4-shaped statements (same order as the input) and what the upgrade had to say."""

    statements: list[dict[str, Any]]
    warnings: list[str]


class _CannotUpgradeError(Exception):
    """The statement lacks something 0.4 cannot do without; it is returned unchanged."""


# --------------------------------------------------------------------------- versions


def _normalise_version(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    match = _VERSION_RE.match(value.strip())
    if match is None:
        return None
    return f"{int(match.group(1))}.{int(match.group(2))}"


def _looks_like_04(statement: Mapping[str, object]) -> bool:
    return "statementType" not in statement and (
        "recordType" in statement or "recordDetails" in statement or "statementId" in statement
    )


def _looks_old(statement: Mapping[str, object]) -> bool:
    return "statementType" in statement or "statementID" in statement


def _has_03_markers(statement: Mapping[str, object]) -> bool:
    if any(
        key in statement
        for key in (
            "isComponent",
            "componentStatementIDs",
            "politicalExposure",
            "entitySubtype",
            "jurisdiction",
            "publicListing",
            "formedByStatute",
        )
    ):
        return True
    interests = statement.get("interests")
    if isinstance(interests, list):
        return any(isinstance(i, Mapping) and "directOrIndirect" in i for i in interests)
    return False


def detect_version(statement: Mapping[str, object]) -> str:
    """The BODS version of one statement: "0.4", "0.3", "0.2" or "0.1".

    ``publicationDetails.bodsVersion`` decides when it names one of these versions;
    otherwise the shape does (``recordType``/``recordDetails`` → 0.4;
    ``statementType``/``statementID`` → 0.3 when a 0.3-only field is present, else 0.2).
    Returns "unknown" when neither the label nor the shape is recognisable.
    """
    details = statement.get("publicationDetails")
    if isinstance(details, Mapping):
        declared = _normalise_version(details.get("bodsVersion"))
        if declared in _KNOWN_VERSIONS:
            return declared
    if _looks_like_04(statement):
        return TARGET_VERSION
    if _looks_old(statement):
        return "0.3" if _has_03_markers(statement) else "0.2"
    return "unknown"


# --------------------------------------------------------------------------- warnings


class _Notes:
    """Warnings about one statement, each a sentence naming it."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.lines: list[str] = []
        self.country_codes_as_names: list[str] = []

    def add(self, message: str) -> None:
        line = f"statement {self.label}: {message}"
        if line not in self.lines:
            self.lines.append(line)

    def flush(self) -> list[str]:
        if self.country_codes_as_names:
            fields = ", ".join(self.country_codes_as_names)
            self.add(
                "0.4 requires a country name but only a country code was given, so the code "
                f"is used as the name ({fields})"
            )
            self.country_codes_as_names = []
        return self.lines


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def _label(statement: object, index: int) -> str:
    if isinstance(statement, Mapping):
        for key in ("statementID", "statementId"):
            sid = statement.get(key)
            if isinstance(sid, str) and sid:
                return sid
    return f"at position {index} (no statementID)"


# --------------------------------------------------------------------------- chains


def _replaced_ids(statement: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """IDs a statement replaces, and problems with how they were given."""
    problems: list[str] = []
    ids: list[str] = []
    raw = statement.get("replacesStatements")
    if raw is None and "replacesStatement" in statement:
        raw = statement.get("replacesStatement")
    if raw is None:
        return ids, problems
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list):
        problems.append(f"replacesStatements {_show(raw)} is not a list of IDs and was ignored")
        return ids, problems
    for item in items:
        if isinstance(item, str) and item:
            if item not in ids:
                ids.append(item)
        else:
            problems.append(f"replacesStatements entry {_show(item)} is not an ID and was ignored")
    return ids, problems


class _Batch:
    """Statement lookups across one call, and the record each statement belongs to."""

    def __init__(self, statements: Sequence[object], old_positions: Sequence[int]) -> None:
        self.old: dict[str, Mapping[str, Any]] = {}
        self.duplicates: set[int] = set()
        self.new_record_by_statement: dict[str, str] = {}
        self.new_record_types: dict[str, str] = {}
        self._cache: dict[str, str] = {}
        self._resolving: set[str] = set()
        self.chain_problems: dict[str, list[str]] = {}
        for position in old_positions:
            statement = statements[position]
            assert isinstance(statement, Mapping)
            sid = statement.get("statementID")
            if not isinstance(sid, str) or not sid:
                continue
            if sid in self.old:
                self.duplicates.add(position)
            else:
                self.old[sid] = statement
        for statement in statements:
            if not isinstance(statement, Mapping) or not _looks_like_04(statement):
                continue
            sid, rid = statement.get("statementId"), statement.get("recordId")
            if isinstance(sid, str) and isinstance(rid, str):
                self.new_record_by_statement.setdefault(sid, rid)
            if isinstance(rid, str) and isinstance(statement.get("recordType"), str):
                self.new_record_types.setdefault(rid, str(statement["recordType"]))

    def knows(self, statement_id: str) -> bool:
        return (
            statement_id in self.old
            or statement_id in self.new_record_by_statement
            or statement_id in self.new_record_types
        )

    def record_type_of(self, statement_id: str) -> str | None:
        old = self.old.get(statement_id)
        if old is not None:
            kind = _STATEMENT_TYPES.get(str(old.get("statementType")))
            return None if kind is None else str(kind)
        rid = self.new_record_by_statement.get(statement_id, statement_id)
        return self.new_record_types.get(rid)

    def reference(self, statement_id: str) -> str:
        """The recordId a reference to ``statement_id`` means."""
        if statement_id in self.old:
            return self.record_id(statement_id)
        return self.new_record_by_statement.get(statement_id, statement_id)

    def record_id(self, statement_id: str) -> str:
        """The recordId of an old statement of this batch: that of its chain's first."""
        cached = self._cache.get(statement_id)
        if cached is not None:
            return cached
        problems = self.chain_problems.setdefault(statement_id, [])
        if statement_id in self._resolving:
            problems.append(
                "its replacesStatements chain loops back to itself; it is treated as the "
                "first statement of its record"
            )
            return statement_id
        self._resolving.add(statement_id)
        replaced, _ = _replaced_ids(self.old[statement_id])
        record = statement_id
        if replaced:
            records: list[str] = []
            for other in replaced:
                if other == statement_id:
                    problems.append("it lists itself in replacesStatements; that entry is ignored")
                    continue
                if not self.knows(other):
                    problems.append(
                        f"it replaces statement {other}, which is not in this batch; the "
                        f"record is assumed to be {other} (true if {other} was the first "
                        "statement of its chain)"
                    )
                records.append(self.reference(other))
            if records:
                record = records[0]
                others = sorted(set(records) - {record})
                if others:
                    problems.append(
                        "it replaces statements of several records "
                        f"({', '.join([record, *others])}); it continues record {record}, "
                        f"and records {', '.join(others)} get no update from it"
                    )
        self._resolving.discard(statement_id)
        self._cache[statement_id] = record
        return record


# --------------------------------------------------------------------------- values


def _date(value: Any, field: str, notes: _Notes, *, partial_ok: bool = False) -> Any:
    """A 0.4 date (YYYY-MM-DD; with ``partial_ok`` also YYYY and YYYY-MM)."""
    if not isinstance(value, str):
        notes.add(f"{field} {_show(value)} is not a date string; kept unchanged")
        return value
    text = value.strip()
    if _DATE_RE.match(text) and _valid_date(text):
        return text
    match = _DATE_TIME_RE.match(text)
    if match and _valid_date(match.group(1)):
        notes.add(
            f"{field} {text!r} was a date-time; 0.4 wants a date, so the date as written, "
            f"{match.group(1)!r}, is kept and the time is dropped"
        )
        return match.group(1)
    if _YEAR_MONTH_RE.match(text):
        if partial_ok:
            return text
        notes.add(
            f"{field} {text!r} gives only year and month; 0.4 wants a full date, so it is "
            f"rounded to the first day of the month, {text + '-01'!r}"
        )
        return text + "-01"
    if _YEAR_RE.match(text):
        if partial_ok:
            return text
        notes.add(
            f"{field} {text!r} gives only a year; 0.4 wants a full date, so it is rounded "
            f"to the first day of the year, {text + '-01-01'!r}"
        )
        return text + "-01-01"
    notes.add(f"{field} {text!r} is not a date 0.4 accepts; kept unchanged")
    return value


def _valid_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _country(value: Any, field: str, notes: _Notes) -> Any:
    """A 0.4 Country object {name, code}; 0.2/0.3 addresses give a bare 2-letter code."""
    if isinstance(value, str):
        code = value.strip()
        if len(code) == 2:
            notes.country_codes_as_names.append(f"{field} {code!r}")
            return {"name": code, "code": code.upper()}
        notes.add(f"{field} {value!r} is not a 2-letter code; it is kept as the country name")
        return {"name": value}
    if isinstance(value, Mapping):
        country = dict(value)
        if not isinstance(country.get("name"), str) or not country.get("name"):
            given = country.get("code")
            if isinstance(given, str) and given:
                notes.country_codes_as_names.append(f"{field} {given!r}")
                country["name"] = given
            else:
                notes.add(f"{field} {_show(value)} has neither name nor code; kept unchanged")
        return country
    notes.add(f"{field} {_show(value)} is not a country; kept unchanged")
    return value


def _jurisdiction(value: Any, field: str, notes: _Notes) -> Any:
    if isinstance(value, str):
        text = value.strip()
        notes.add(f"{field} {value!r} was a plain string; it becomes the jurisdiction name")
        return {"name": text, "code": text} if _CODE_RE.match(text) else {"name": text}
    if isinstance(value, Mapping):
        jurisdiction = dict(value)
        if not isinstance(jurisdiction.get("name"), str) or not jurisdiction.get("name"):
            code = jurisdiction.get("code")
            if isinstance(code, str) and code:
                notes.add(
                    f"{field} has no name; 0.4 requires one, so the code {code!r} is used "
                    "as the name"
                )
                jurisdiction["name"] = code
            else:
                notes.add(f"{field} {_show(value)} has neither name nor code; kept unchanged")
        return jurisdiction
    notes.add(f"{field} {_show(value)} is not a jurisdiction; kept unchanged")
    return value


def _address(
    value: Any, field: str, allowed: frozenset[str], notes: _Notes
) -> dict[str, Any] | Any:
    if not isinstance(value, Mapping):
        notes.add(f"{field} {_show(value)} is not an address object; kept unchanged")
        return value
    address = dict(value)
    kind = address.get("type")
    if kind == "home" and "residence" in allowed:
        address["type"] = "residence"
    elif kind is not None and kind not in allowed:
        del address["type"]
        notes.add(
            f"{field}.type {_show(kind)} is not allowed here in 0.4 (allowed: "
            f"{', '.join(sorted(allowed))}); the address is kept without a type"
        )
    if "country" in address:
        address["country"] = _country(address["country"], f"{field}.country", notes)
    return address


def _addresses(value: Any, field: str, allowed: frozenset[str], notes: _Notes) -> Any:
    if not isinstance(value, list):
        notes.add(f"{field} {_show(value)} is not a list; kept unchanged")
        return value
    return [_address(item, f"{field}[{i}]", allowed, notes) for i, item in enumerate(value)]


def _identifiers(value: Any, field: str, notes: _Notes) -> Any:
    if not isinstance(value, list):
        notes.add(f"{field} {_show(value)} is not a list; kept unchanged")
        return value
    result: list[Any] = []
    for i, item in enumerate(value):
        if isinstance(item, Mapping):
            if not item.get("scheme") and not item.get("schemeName"):
                notes.add(
                    f"{field}[{i}] has neither scheme nor schemeName, which 0.4 requires; "
                    "kept unchanged"
                )
            result.append(dict(item))
        else:
            notes.add(f"{field}[{i}] {_show(item)} is not an identifier object; kept unchanged")
            result.append(item)
    return result


def _countries(value: Any, field: str, notes: _Notes) -> Any:
    if not isinstance(value, list):
        notes.add(f"{field} {_show(value)} is not a list; kept unchanged")
        return value
    return [_country(item, f"{field}[{i}]", notes) for i, item in enumerate(value)]


def _reason(value: Any, field: str, notes: _Notes) -> str | None:
    if isinstance(value, str):
        if value in UnspecifiedReason.__members__.values():
            return value
        mapped = _UNSPECIFIED_REASONS_02.get(value)
        if mapped is not None:
            return str(mapped)
    notes.add(
        f"{field} {_show(value)} is not an unspecified-reason code; 'unknown' is used and "
        "the original is kept in the description"
    )
    return None


def _unspecified(value: Any, field: str, notes: _Notes) -> Any:
    """A 0.4 UnspecifiedRecord {reason, description} from a 0.2/0.3 one."""
    if not isinstance(value, Mapping):
        notes.add(f"{field} {_show(value)} is not an object; kept unchanged")
        return value
    result = dict(value)
    reason = _reason(value.get("reason"), f"{field}.reason", notes)
    if reason is None:
        original = value.get("reason")
        result["reason"] = str(UnspecifiedReason.UNKNOWN)
        description = value.get("description")
        suffix = f"original reason: {original}"
        result["description"] = f"{description} ({suffix})" if description else suffix
    else:
        result["reason"] = reason
    return result


def _keep_extras(
    details: dict[str, Any], extras: Mapping[str, Any], field: str, notes: _Notes
) -> None:
    kept: list[str] = []
    lost: list[str] = []
    for key, value in extras.items():
        if key in details:
            lost.append(f"{key}={_show(value)}")
        else:
            details[key] = copy.deepcopy(value)
            kept.append(key)
    if kept:
        notes.add(
            f"{', '.join(kept)} {'has' if len(kept) == 1 else 'have'} no 0.4 equivalent; kept "
            f"as additional properties of {field}"
        )
    if lost:
        notes.add(
            f"{'; '.join(lost)} could not be kept because {field} already has that property in 0.4"
        )


# --------------------------------------------------------------------------- records


def _entity_details(statement: Mapping[str, Any], notes: _Notes) -> dict[str, Any]:
    details: dict[str, Any] = {"isComponent": _is_component(statement, notes)}

    raw_type = statement.get("entityType")
    entity_type: dict[str, Any]
    if isinstance(raw_type, str) and raw_type in EntityType.__members__.values():
        entity_type = {"type": raw_type}
    elif isinstance(raw_type, Mapping) and raw_type.get("type") in EntityType.__members__.values():
        entity_type = dict(raw_type)
    else:
        entity_type = {"type": str(EntityType.UNKNOWN_ENTITY)}
        if raw_type is not None:
            entity_type["details"] = f"entityType given as {raw_type}"
        notes.add(
            f"entityType {_show(raw_type)} is not a 0.4 entity type; 'unknownEntity' is used "
            "and the original is kept in entityType.details"
        )
    subtype = statement.get("entitySubtype")
    if subtype is not None:
        _entity_subtype(entity_type, subtype, notes)
    details["entityType"] = entity_type

    if "unspecifiedEntityDetails" in statement:
        details["unspecifiedEntityDetails"] = _unspecified(
            statement["unspecifiedEntityDetails"], "unspecifiedEntityDetails", notes
        )
    elif isinstance(statement.get("missingInfoReason"), str):
        details["unspecifiedEntityDetails"] = {
            "reason": str(UnspecifiedReason.UNKNOWN),
            "description": statement["missingInfoReason"],
        }
        notes.add(
            "missingInfoReason became unspecifiedEntityDetails with reason 'unknown' (0.1 "
            "gave no reason code)"
        )

    for key in ("name", "alternateNames", "uri", "publicListing"):
        if key in statement:
            details[key] = copy.deepcopy(statement[key])

    jurisdiction = statement.get("jurisdiction")
    incorporated = statement.get("incorporatedInJurisdiction")
    if jurisdiction is not None:
        details["jurisdiction"] = _jurisdiction(jurisdiction, "jurisdiction", notes)
        if incorporated is not None and incorporated != jurisdiction:
            notes.add(
                f"incorporatedInJurisdiction {_show(incorporated)} differs from jurisdiction "
                "and 0.4 has room for one only; jurisdiction is kept and "
                "incorporatedInJurisdiction is dropped"
            )
    elif incorporated is not None:
        details["jurisdiction"] = _jurisdiction(incorporated, "incorporatedInJurisdiction", notes)

    if "identifiers" in statement:
        details["identifiers"] = _identifiers(statement["identifiers"], "identifiers", notes)
    for key in ("foundingDate", "dissolutionDate"):
        if key in statement:
            details[key] = _date(statement[key], key, notes)
    if "addresses" in statement:
        details["addresses"] = _addresses(
            statement["addresses"], "addresses", _ENTITY_ADDRESS_TYPES, notes
        )
    statute = statement.get("formedByStatute")
    if isinstance(statute, Mapping):
        statute_copy = dict(statute)
        if "date" in statute_copy:
            statute_copy["date"] = _date(statute_copy["date"], "formedByStatute.date", notes)
        details["formedByStatute"] = statute_copy
    elif statute is not None:
        details["formedByStatute"] = copy.deepcopy(statute)
    return details


def _entity_subtype(entity_type: dict[str, Any], subtype: Any, notes: _Notes) -> None:
    if not isinstance(subtype, Mapping):
        entity_type.setdefault("details", f"entitySubtype given as {subtype}")
        notes.add(f"entitySubtype {_show(subtype)} is not an object; kept in entityType.details")
        return
    category = subtype.get("generalCategory")
    local_term = subtype.get("localTerm")
    mapped = _SUBTYPE_CATEGORIES_03.get(category) if isinstance(category, str) else None
    allowed = _SUBTYPES_ALLOWED.get(str(entity_type.get("type")), frozenset())
    if mapped is not None and str(mapped) in allowed:
        entity_type["subtype"] = str(mapped)
    elif category is not None:
        notes.add(
            f"entitySubtype.generalCategory {_show(category)} has no 0.4 subtype for entity "
            f"type {entity_type.get('type')!r}; it is kept in entityType.details"
        )
        local_term = f"{local_term} ({category})" if local_term else str(category)
    if isinstance(local_term, str) and local_term:
        entity_type["details"] = local_term


def _person_details(statement: Mapping[str, Any], notes: _Notes) -> dict[str, Any]:
    details: dict[str, Any] = {"isComponent": _is_component(statement, notes)}

    person_type = statement.get("personType")
    if isinstance(person_type, str) and person_type in PersonType.__members__.values():
        details["personType"] = person_type
    else:
        guess = PersonType.KNOWN_PERSON if statement.get("names") else PersonType.UNKNOWN_PERSON
        details["personType"] = str(guess)
        notes.add(
            f"personType {_show(person_type)} is not a 0.4 person type; {str(guess)!r} is "
            "used because the statement "
            f"{'gives' if guess == PersonType.KNOWN_PERSON else 'gives no'} names"
        )

    if "unspecifiedPersonDetails" in statement:
        details["unspecifiedPersonDetails"] = _unspecified(
            statement["unspecifiedPersonDetails"], "unspecifiedPersonDetails", notes
        )
    elif isinstance(statement.get("missingInfoReason"), str):
        details["unspecifiedPersonDetails"] = {
            "reason": str(UnspecifiedReason.UNKNOWN),
            "description": statement["missingInfoReason"],
        }
        notes.add(
            "missingInfoReason became unspecifiedPersonDetails with reason 'unknown' (0.1 "
            "gave no reason code)"
        )

    if "names" in statement:
        details["names"] = _names(statement["names"], notes)
    if "identifiers" in statement:
        details["identifiers"] = _identifiers(statement["identifiers"], "identifiers", notes)
    if "nationalities" in statement:
        details["nationalities"] = _countries(statement["nationalities"], "nationalities", notes)

    addresses: list[Any] = []
    if "addresses" in statement:
        raw = statement["addresses"]
        if isinstance(raw, list):
            addresses = list(raw)
        else:
            details["addresses"] = copy.deepcopy(raw)
            notes.add(f"addresses {_show(raw)} is not a list; kept unchanged")
    place_of_birth = statement.get("placeOfBirth")
    # a 0.2 address of type placeOfBirth moves to placeOfBirth when that is free
    if place_of_birth is None:
        for i, address in enumerate(addresses):
            if isinstance(address, Mapping) and address.get("type") == "placeOfBirth":
                place_of_birth = addresses.pop(i)
                break
    if place_of_birth is not None:
        details["placeOfBirth"] = _address(
            place_of_birth, "placeOfBirth", frozenset({"placeOfBirth"}), notes
        )
    for key in ("birthDate", "deathDate"):
        if key in statement:
            details[key] = _date(statement[key], key, notes, partial_ok=True)
    residence = statement.get("placeOfResidence")
    if residence is not None:
        if isinstance(residence, Mapping):
            residence = {**residence, "type": residence.get("type") or "residence"}
        addresses.append(residence)
    if addresses:
        details["addresses"] = _addresses(addresses, "addresses", _PERSON_ADDRESS_TYPES, notes)
    if "taxResidencies" in statement:
        details["taxResidencies"] = _countries(statement["taxResidencies"], "taxResidencies", notes)

    exposure = _political_exposure(statement, notes)
    if exposure is not None:
        details["politicalExposure"] = exposure
    return details


def _names(value: Any, notes: _Notes) -> Any:
    if not isinstance(value, list):
        notes.add(f"names {_show(value)} is not a list; kept unchanged")
        return value
    result: list[Any] = []
    for i, item in enumerate(value):
        field = f"names[{i}]"
        if isinstance(item, str):
            result.append({"fullName": item})
            continue
        if not isinstance(item, Mapping):
            notes.add(f"{field} {_show(item)} is not a name object; kept unchanged")
            result.append(item)
            continue
        name = dict(item)
        kind = name.get("type")
        if kind in _NAME_TYPES_RENAMED:
            name["type"] = str(_NAME_TYPES_RENAMED[str(kind)])
        elif kind is not None and kind not in NameType.__members__.values():
            del name["type"]
            notes.add(f"{field}.type {_show(kind)} is not a 0.4 name type; the type is dropped")
        if not isinstance(name.get("fullName"), str) or not name.get("fullName"):
            parts = [
                name[key]
                for key in ("givenName", "patronymicName", "familyName")
                if isinstance(name.get(key), str) and name[key]
            ]
            if parts:
                name["fullName"] = " ".join(parts)
                notes.add(
                    f"{field} had no fullName, which 0.4 requires; it is built from the "
                    f"name parts as {name['fullName']!r}"
                )
            else:
                notes.add(f"{field} has no fullName, which 0.4 requires; kept unchanged")
        result.append(name)
    return result


def _pep_details(value: Any, field: str, notes: _Notes) -> Any:
    if not isinstance(value, list):
        notes.add(f"{field} {_show(value)} is not a list; kept unchanged")
        return value
    result: list[Any] = []
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            notes.add(f"{field}[{i}] {_show(item)} is not an object; kept unchanged")
            result.append(item)
            continue
        detail = dict(item)
        for key in ("startDate", "endDate"):
            if key in detail:
                detail[key] = _date(detail[key], f"{field}[{i}].{key}", notes)
        if "jurisdiction" in detail:
            detail["jurisdiction"] = _jurisdiction(
                detail["jurisdiction"], f"{field}[{i}].jurisdiction", notes
            )
        if "source" in detail:
            source = _source(detail["source"], f"{field}[{i}].source", notes)
            if source is None:
                del detail["source"]
            else:
                detail["source"] = source
        result.append(detail)
    return result


def _political_exposure(statement: Mapping[str, Any], notes: _Notes) -> dict[str, Any] | None:
    exposure = statement.get("politicalExposure")
    if isinstance(exposure, Mapping):
        result = dict(exposure)
        if "details" in result:
            result["details"] = _pep_details(result["details"], "politicalExposure.details", notes)
        dropped = {
            key: statement[key]
            for key in ("hasPepStatus", "pepStatus", "pepStatusDetails")
            if key in statement
        }
        if dropped:
            notes.add(
                f"{', '.join(dropped)} ({_show(dropped)}) dropped because politicalExposure "
                "is given"
            )
        return result

    has_pep = statement.get("hasPepStatus")
    legacy_status = statement.get("pepStatus")
    raw_details = statement.get("pepStatusDetails")
    if has_pep is None and legacy_status is None and raw_details is None:
        return None

    result = {}
    if isinstance(has_pep, bool):
        result["status"] = "isPep" if has_pep else "isNotPep"
    elif isinstance(legacy_status, str) and legacy_status in _PEP_STATUSES:
        result["status"] = legacy_status
    else:
        explicit = has_pep if has_pep is not None else legacy_status
        if explicit is not None:
            notes.add(f"PEP status {_show(explicit)} is not understood")
        # 0.2 semantics: details without missingInfoReason describe a PEP
        described = isinstance(raw_details, list) and any(
            isinstance(d, Mapping) and not d.get("missingInfoReason") for d in raw_details
        )
        result["status"] = "isPep" if described else "unknown"
        notes.add(
            f"no PEP status was given; politicalExposure.status {result['status']!r} is "
            "inferred from pepStatusDetails"
        )
    if raw_details is not None:
        result["details"] = _pep_details(raw_details, "pepStatusDetails", notes)
    return result


def _is_component(statement: Mapping[str, Any], notes: _Notes) -> bool:
    value = statement.get("isComponent", False)
    if isinstance(value, bool):
        return value
    notes.add(f"isComponent {_show(value)} is not a boolean; false is used")
    return False


def _relationship_details(
    statement: Mapping[str, Any], batch: _Batch, notes: _Notes
) -> dict[str, Any]:
    details: dict[str, Any] = {"isComponent": _is_component(statement, notes)}

    component_ids = statement.get("componentStatementIDs")
    if component_ids is not None:
        if isinstance(component_ids, list):
            details["componentRecords"] = [
                _reference(item, f"componentStatementIDs[{i}]", batch, notes, None)
                if isinstance(item, str)
                else item
                for i, item in enumerate(component_ids)
            ]
        else:
            details["componentRecords"] = copy.deepcopy(component_ids)
            notes.add(f"componentStatementIDs {_show(component_ids)} is not a list; kept as is")
        if details["isComponent"] and details["componentRecords"]:
            notes.add(
                "it is a component (isComponent true) yet lists components of its own, "
                "which 0.4 forbids"
            )

    details["subject"] = _party(statement.get("subject"), "subject", batch, notes)
    details["interestedParty"] = _party(
        statement.get("interestedParty"), "interestedParty", batch, notes
    )

    interests = statement.get("interests")
    if isinstance(interests, list):
        details["interests"] = [
            _interest(item, f"interests[{i}]", notes) for i, item in enumerate(interests)
        ]
    elif interests is not None:
        details["interests"] = copy.deepcopy(interests)
        notes.add(f"interests {_show(interests)} is not a list; kept unchanged")
    return details


def _reference(
    statement_id: str, field: str, batch: _Batch, notes: _Notes, expected: str | None
) -> str:
    if not batch.knows(statement_id):
        notes.add(
            f"{field} refers to statement {statement_id}, which is not in this batch; its "
            f"recordId is assumed to be {statement_id}"
        )
        return statement_id
    kind = batch.record_type_of(statement_id)
    if expected is not None and kind is not None and kind != expected:
        notes.add(f"{field} should refer to a {expected} but {statement_id} is a {kind} statement")
    return batch.reference(statement_id)


def _party(value: Any, field: str, batch: _Batch, notes: _Notes) -> Any:
    """A relationship end: a recordId string, or an unspecified-record object."""
    if isinstance(value, str) and value:
        return _reference(value, field, batch, notes, None)
    if not isinstance(value, Mapping):
        raise _CannotUpgradeError(f"its {field} is missing or not an object ({_show(value)})")
    refs = [
        (key, kind, value[key])
        for key, kind in (
            ("describedByEntityStatement", "entity"),
            ("describedByPersonStatement", "person"),
        )
        if isinstance(value.get(key), str) and value[key]
    ]
    if field == "subject" and refs and refs[0][1] != "entity":
        notes.add(f"{field} is described by a person statement; 0.4 requires an entity subject")
    if refs:
        key, kind, target = refs[0]
        if len(refs) > 1 or "unspecified" in value:
            dropped = [k for k in value if k != key]
            notes.add(
                f"{field} gives more than one party; {key} is used and {', '.join(dropped)} "
                f"({_show({k: value[k] for k in dropped})}) is dropped"
            )
        return _reference(target, f"{field}.{key}", batch, notes, kind)
    if "unspecified" in value:
        return _unspecified(value["unspecified"], f"{field}.unspecified", notes)
    if "reason" in value:  # already the 0.4 shape
        return _unspecified(value, field, notes)
    raise _CannotUpgradeError(f"its {field} names no statement and no unspecified reason")


def _interest(value: Any, field: str, notes: _Notes) -> Any:
    if not isinstance(value, Mapping):
        notes.add(f"{field} {_show(value)} is not an interest object; kept unchanged")
        return value
    interest = dict(value)

    if "type" in interest:
        original = interest["type"]
        mapped = _interest_type(original)
        if mapped is None:
            interest["type"] = str(InterestType.UNKNOWN_INTEREST)
            _note_original_type(interest, original)
            notes.add(
                f"{field}.type {_show(original)} is not a known interest type; "
                "'unknownInterest' is used and the original is kept in details"
            )
        else:
            interest["type"] = mapped
            if isinstance(original, str) and original in _LOSSY_INTEREST_TYPES:
                _note_original_type(interest, original)
                notes.add(
                    f"{field}.type {original!r} became {mapped!r}: "
                    f"{_LOSSY_INTEREST_TYPES[original]}; the original is kept in details"
                )

    if "interestLevel" in interest:  # 0.2 name of directOrIndirect
        level = interest["interestLevel"]
        direct = interest.get("directOrIndirect")
        if direct is None:
            interest = {
                ("directOrIndirect" if key == "interestLevel" else key): value
                for key, value in interest.items()
            }
        else:
            del interest["interestLevel"]
            if direct != level:
                notes.add(
                    f"{field} gives interestLevel {_show(level)} and directOrIndirect "
                    f"{_show(direct)}; directOrIndirect is kept"
                )
    direct = interest.get("directOrIndirect")
    if direct is not None and direct not in DirectOrIndirect.__members__.values():
        interest["directOrIndirect"] = str(DirectOrIndirect.UNKNOWN)
        notes.add(f"{field} directness {_show(direct)} is not a 0.4 code; 'unknown' is used")

    if "share" in interest:
        interest["share"] = _share(interest["share"], f"{field}.share", notes)
    for key in ("startDate", "endDate"):
        if key in interest:
            interest[key] = _date(interest[key], f"{field}.{key}", notes)
    return interest


def _interest_type(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    if value in InterestType.__members__.values():
        return value
    mapped = _INTEREST_TYPES_02.get(value)
    return None if mapped is None else str(mapped)


def _note_original_type(interest: dict[str, Any], original: Any) -> None:
    note = f"original interest type: {original}"
    existing = interest.get("details")
    interest["details"] = f"{existing} ({note})" if existing else note


def _share(value: Any, field: str, notes: _Notes) -> Any:
    """0.4 share bounds are numbers; 0.2 gave exclusiveMinimum/Maximum as booleans."""
    if not isinstance(value, Mapping):
        notes.add(f"{field} {_show(value)} is not an object; kept unchanged")
        return value
    share = dict(value)
    for flag, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        marker = share.get(flag)
        if not isinstance(marker, bool):
            continue
        if marker and _is_number(share.get(bound)):
            share[flag] = share.pop(bound)
        else:
            del share[flag]
            if marker:
                notes.add(
                    f"{field}.{flag} is true but there is no {bound} to make exclusive; "
                    "the flag is dropped"
                )
    for key in _SHARE_BOUNDS:
        if key in share and not (_is_number(share[key]) and 0 <= share[key] <= 100):
            notes.add(f"{field}.{key} {_show(share[key])} is not a percentage 0-100; kept as is")
    return share


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# --------------------------------------------------------------------------- statement


def _source(value: Any, field: str, notes: _Notes) -> dict[str, Any] | None:
    if not isinstance(value, Mapping):
        notes.add(f"{field} {_show(value)} is not an object and is dropped")
        return None
    source = dict(value)
    types = source.get("type")
    if isinstance(types, str):
        types = [types]
    if isinstance(types, list):
        valid = [t for t in types if t in SourceType.__members__.values()]
        invalid = [t for t in types if t not in valid]
        if invalid:
            notes.add(
                f"{field}.type {_show(invalid)} {'is' if len(invalid) == 1 else 'are'} not 0.4 "
                "source types and dropped"
            )
        if valid:
            source["type"] = valid
        else:
            source.pop("type", None)
    elif types is not None:
        notes.add(f"{field}.type {_show(types)} is not a list and is dropped")
        del source["type"]
    if "retrievedAt" in source:
        retrieved = source["retrievedAt"]
        if not isinstance(retrieved, str) or not (
            (_DATE_RE.match(retrieved) and _valid_date(retrieved)) or _DATE_TIME_RE.match(retrieved)
        ):
            notes.add(f"{field}.retrievedAt {_show(retrieved)} is not a date or date-time")
    return source


def _publication_details(value: Any, notes: _Notes) -> dict[str, Any] | None:
    if value is None:
        notes.add("it has no publicationDetails; none are added")
        return None
    if not isinstance(value, Mapping):
        notes.add(f"publicationDetails {_show(value)} is not an object and is dropped")
        return None
    details = copy.deepcopy(dict(value))
    details["bodsVersion"] = TARGET_VERSION
    if "publisher" not in details:
        notes.add("publicationDetails has no publisher, which 0.4 requires")
    return details


def _rewrite_pointer(pointer: str) -> str:
    """An annotation's JSON pointer into the old statement, re-aimed at the 0.4 one."""
    if pointer in ("", "/"):  # 0.2 publishers wrote "/" for the whole statement
        return ""
    if not pointer.startswith("/"):
        return pointer
    head, *rest = pointer[1:].split("/")
    if head == "statementID":
        return "/statementId"
    if head in ("statementDate", "publicationDetails", "source", "annotations"):
        return pointer
    if head == "statementType":
        return "/recordType"
    if head in ("replacesStatements", "replacesStatement"):
        return "/recordStatus"
    if head == "incorporatedInJurisdiction":
        head = "jurisdiction"
    elif head == "entityType":
        rest = ["type"]
    elif head == "entitySubtype":
        head, rest = "entityType", ["subtype" if rest[:1] == ["generalCategory"] else "details"]
    elif head == "componentStatementIDs":
        head = "componentRecords"
    elif head in ("subject", "interestedParty"):
        if rest[:1] in (["describedByEntityStatement"], ["describedByPersonStatement"]):
            rest = []
        elif rest[:1] == ["unspecified"]:
            rest = rest[1:]
    elif head == "interests" and len(rest) >= 2 and rest[1] == "interestLevel":
        rest[1] = "directOrIndirect"
    elif head in ("hasPepStatus", "pepStatus"):
        head, rest = "politicalExposure", ["status"]
    elif head == "pepStatusDetails":
        head, rest = "politicalExposure", ["details", *rest]
    elif head == "placeOfResidence":
        head, rest = "addresses", []
    return "/recordDetails/" + "/".join([head, *rest])


def _annotations(value: Any, notes: _Notes) -> Any:
    if not isinstance(value, list):
        notes.add(f"annotations {_show(value)} is not a list and is dropped")
        return None
    result: list[Any] = []
    for item in value:
        if isinstance(item, Mapping):
            annotation = copy.deepcopy(dict(item))
            pointer = annotation.get("statementPointerTarget")
            if isinstance(pointer, str):
                annotation["statementPointerTarget"] = _rewrite_pointer(pointer)
            result.append(annotation)
        else:
            result.append(copy.deepcopy(item))
    return result


def _upgrade_one(
    statement: Mapping[str, Any], version: str, batch: _Batch, notes: _Notes
) -> dict[str, Any]:
    statement = copy.deepcopy(dict(statement))  # nothing below may alias the input
    record_type = _STATEMENT_TYPES.get(str(statement.get("statementType")))
    if record_type is None:
        raise _CannotUpgradeError(
            f"its statementType {_show(statement.get('statementType'))} is not one of "
            f"{', '.join(_STATEMENT_TYPES)}"
        )
    sid = statement.get("statementID")
    if not isinstance(sid, str) or not sid:
        raise _CannotUpgradeError("it has no statementID")

    record_id = batch.record_id(sid)
    replaced, replace_problems = _replaced_ids(statement)
    for problem in [*replace_problems, *batch.chain_problems.get(sid, [])]:
        notes.add(problem)
    status = RecordStatus.UPDATED if replaced else RecordStatus.NEW

    if not 32 <= len(sid) <= 64:
        notes.add(f"statementID is {len(sid)} characters long; 0.4 requires 32 to 64")

    if record_type is RecordType.ENTITY:
        details = _entity_details(statement, notes)
    elif record_type is RecordType.PERSON:
        details = _person_details(statement, notes)
    else:
        details = _relationship_details(statement, batch, notes)

    extras = {
        key: value
        for key, value in statement.items()
        if key not in _COMMON_KEYS and key not in _KEYS_BY_TYPE[record_type]
    }
    if extras:
        _keep_extras(details, extras, "recordDetails", notes)

    if record_type is RecordType.RELATIONSHIP:
        subject = details.get("subject")
        if isinstance(subject, str):
            declaration_subject = subject
        else:
            declaration_subject = record_id
            notes.add(
                "its subject is unspecified, so declarationSubject is the relationship's own "
                "recordId"
            )
    else:
        declaration_subject = record_id

    result: dict[str, Any] = {"statementId": sid, "declarationSubject": declaration_subject}
    if "statementDate" in statement:
        statement_date = statement["statementDate"]
        result["statementDate"] = copy.deepcopy(statement_date)
        if not isinstance(statement_date, str) or not (
            (_DATE_RE.match(statement_date) and _valid_date(statement_date))
            or _DATE_TIME_RE.match(statement_date)
        ):
            notes.add(f"statementDate {_show(statement_date)} is not a date or date-time")
    else:
        notes.add("it has no statementDate, which 0.4 requires")
    if "annotations" in statement:
        annotations = _annotations(statement["annotations"], notes)
        if annotations is not None:
            result["annotations"] = annotations
    publication = _publication_details(statement.get("publicationDetails"), notes)
    if publication is not None:
        result["publicationDetails"] = publication
    if "source" in statement:
        source = _source(statement["source"], "source", notes)
        if source is not None:
            result["source"] = copy.deepcopy(source)
    result["recordId"] = record_id
    result["recordStatus"] = str(status)
    result["recordType"] = str(record_type)
    result["recordDetails"] = details

    chain = "" if record_id == sid else f", continuing record {record_id}"
    notes.lines.insert(
        0,
        f"statement {notes.label}: upgraded from BODS {version} to {TARGET_VERSION} as "
        f"{record_type} record {record_id} ({status}{chain})",
    )
    return result


# --------------------------------------------------------------------------- entry point


def upgrade_statements(statements: Sequence[Mapping[str, Any]]) -> UpgradeResult:
    """Upgrade BODS 0.1-0.3 statements to 0.4; 0.4 statements pass through unchanged.

    Returns the statements in input order with a list of warnings: a summary for the
    batch first, then one sentence per upgraded statement and one per lossy or guessed
    mapping, each naming the statement's ID. Never raises on malformed input: a statement
    that cannot be upgraded is returned unchanged and named in a warning.
    """
    items: Sequence[object] = statements
    plans: list[tuple[str, str]] = []  # (action, version); action: pass | upgrade | keep
    early: dict[int, list[str]] = {}
    for index, statement in enumerate(items):
        label = _label(statement, index)
        if not isinstance(statement, Mapping):
            plans.append(("keep", "unknown"))
            early[index] = [
                f"statement {label}: is not a JSON object ({type(statement).__name__}); "
                "returned unchanged"
            ]
            continue
        version = detect_version(statement)
        if version == TARGET_VERSION:
            if _looks_old(statement) and not _looks_like_04(statement):
                shape = "0.3" if _has_03_markers(statement) else "0.2"
                plans.append(("upgrade", shape))
                early[index] = [
                    f"statement {label}: is labelled BODS {TARGET_VERSION} but has the "
                    f"{shape} shape (statementType/statementID); it is upgraded as {shape}"
                ]
            else:
                plans.append(("pass", version))
        elif version in _OLD_VERSIONS:
            if _looks_like_04(statement) and not _looks_old(statement):
                plans.append(("pass", TARGET_VERSION))
                early[index] = [
                    f"statement {label}: is labelled BODS {version} but has the "
                    f"{TARGET_VERSION} shape (recordType/recordId); passed through unchanged"
                ]
            else:
                plans.append(("upgrade", version))
        else:
            plans.append(("keep", version))
            early[index] = [
                f"statement {label}: its BODS version cannot be recognised (no known "
                "publicationDetails.bodsVersion and neither statementType nor recordType); "
                "returned unchanged"
            ]

    old_positions = [i for i, (action, _) in enumerate(plans) if action == "upgrade"]
    batch = _Batch(items, old_positions)

    out: list[dict[str, Any]] = []
    detail_warnings: list[str] = []
    counts = {"upgraded": 0, "passed": 0, "kept": 0}
    versions: set[str] = set()
    failed: list[str] = []
    for index, (statement, (action, version)) in enumerate(zip(items, plans, strict=True)):
        label = _label(statement, index)
        detail_warnings.extend(early.get(index, []))
        if action == "pass":
            out.append(copy.deepcopy(dict(statement)) if isinstance(statement, Mapping) else {})
            counts["passed"] += 1
            continue
        if action == "keep" or not isinstance(statement, Mapping):
            out.append(_unchanged(statement))
            counts["kept"] += 1
            failed.append(label)
            continue
        notes = _Notes(label)
        if index in batch.duplicates:
            notes.add(
                "its statementID appears earlier in this batch; replacement chains follow the "
                "first occurrence"
            )
        try:
            upgraded = _upgrade_one(statement, version, batch, notes)
        except _CannotUpgradeError as problem:
            out.append(_unchanged(statement))
            counts["kept"] += 1
            failed.append(label)
            detail_warnings.append(
                f"statement {label}: cannot be upgraded from BODS {version} because {problem}; "
                "returned unchanged"
            )
            continue
        except Exception as error:  # defensive: malformed input must never raise
            out.append(_unchanged(statement))
            counts["kept"] += 1
            failed.append(label)
            detail_warnings.append(
                f"statement {label}: cannot be upgraded from BODS {version} "
                f"({type(error).__name__}: {error}); returned unchanged"
            )
            continue
        out.append(upgraded)
        counts["upgraded"] += 1
        versions.add(version)
        detail_warnings.extend(notes.flush())

    summary = _summary(len(out), counts, versions, failed)
    return UpgradeResult(statements=out, warnings=[summary, *detail_warnings])


def _unchanged(statement: object) -> dict[str, Any]:
    if isinstance(statement, Mapping):
        return copy.deepcopy(dict(statement))
    # not an object at all: handed back as it came, for the validator to report
    return cast(dict[str, Any], copy.deepcopy(statement))


def _summary(total: int, counts: Mapping[str, int], versions: set[str], failed: list[str]) -> str:
    if total == 0:
        return "upgrade summary: the batch holds no statements"
    parts = []
    if counts["upgraded"]:
        origin = "/".join(sorted(versions))
        parts.append(f"{counts['upgraded']} upgraded from BODS {origin} to {TARGET_VERSION}")
    if counts["passed"]:
        parts.append(f"{counts['passed']} already BODS {TARGET_VERSION} and passed through")
    if counts["kept"]:
        shown = ", ".join(failed[:5]) + (", ..." if len(failed) > 5 else "")
        parts.append(
            f"{counts['kept']} could not be upgraded and were returned unchanged ({shown})"
        )
    return f"upgrade summary: of {total} statements, " + "; ".join(parts)
