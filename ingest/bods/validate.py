"""Check Beneficial Ownership Data Standard (BODS) 0.4 statements against the 0.4 rules.

The checks are written by hand for this project from the facts of the BODS 0.4 schema
(field names, required keys, codelists, lengths, formats and the conditional rules); no JSON
Schema engine is used. Every problem found is reported as a :class:`Problem`, named after the
JSON Schema keyword that expresses the broken rule ("required", "type", "enum", "format", ...)
and located by a JSONPath relative to the statement (``$`` is the statement itself).

Choices where the schema leaves room (see also the tests):

* One problem per offending value: a value of the wrong type gets a "type" problem only, not
  also the enum/length/format problems a generic engine would add.
* Dates that may be a date or a date-time (``statementDate``, ``publicationDate``,
  ``retrievedAt``, ``creationDate``), and ``birthDate``/``deathDate`` (year, year-month or full
  date), are reported as "format" problems although the schema spells them as ``anyOf``.
* ``subject``/``interestedParty`` (``oneOf``: a recordId string or an unspecified record): an
  object is checked as an unspecified record and its own problems are reported ("required",
  "enum", ...); any other non-string value gives a "oneOf" problem.
* When ``recordType`` is missing or not a known code, ``recordDetails`` is only checked to be an
  object (the schema would apply all three record schemas at once, or none).
* The type/subtype alignment of ``entityType`` is only checked when ``type`` is a known code.
* Formats follow RFC 3339 (``date``: YYYY-MM-DD with a real calendar day; ``date-time``: with
  ``T``, seconds and a time offset) and RFC 3986 (``uri``: an absolute URI, ASCII only, with a
  scheme, e.g. ``https://...``).
* Numbers must be JSON numbers: booleans, NaN and infinities are "type" problems.
* :func:`validate_statements` reports a top level that is not an array with ``index`` -1.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from registry.codelists import (
    AddressType,
    AnnotationMotivation,
    DirectOrIndirect,
    EntitySubtype,
    EntityType,
    InterestType,
    NameType,
    PersonType,
    RecordStatus,
    RecordType,
    SecuritiesIdentifierScheme,
    SourceType,
    UnspecifiedReason,
)

__all__ = ["Problem", "validate_statement", "validate_statements"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One rule of BODS 0.4 broken by one statement."""

    index: int  # position of the statement in its file (0-based); -1 for the file itself
    statement_id: str | None  # the statementId if it is a string, else None
    rule: str  # JSON Schema keyword naming the rule broken ("required", "type", "enum", ...)
    path: str  # JSONPath of the offending value (for "required": of the object lacking the key)
    field: str  # the property concerned (last property name of the path, or the missing key)
    message: str  # a sentence naming the statement and the problem


# --------------------------------------------------------------------------------------------
# Facts of BODS 0.4 used below (codelists come from registry.codelists).


def _codes(enum: type[StrEnum]) -> frozenset[str]:
    return frozenset(member.value for member in enum)


_RECORD_TYPES: Final = _codes(RecordType)
_RECORD_STATUSES: Final = _codes(RecordStatus)
_ENTITY_TYPES: Final = _codes(EntityType)
_ENTITY_SUBTYPES: Final = _codes(EntitySubtype)
_PERSON_TYPES: Final = _codes(PersonType)
_DIRECT_OR_INDIRECT: Final = _codes(DirectOrIndirect)
_INTEREST_TYPES: Final = _codes(InterestType)
_UNSPECIFIED_REASONS: Final = _codes(UnspecifiedReason)
_ADDRESS_TYPES: Final = _codes(AddressType)
_MOTIVATIONS: Final = _codes(AnnotationMotivation)
_NAME_TYPES: Final = _codes(NameType)
_SECURITY_SCHEMES: Final = _codes(SecuritiesIdentifierScheme)
_SOURCE_TYPES: Final = _codes(SourceType)

# politicalExposure.status is a closed list in the person record, not a codelist file.
_PEP_STATUSES: Final = frozenset({"isPep", "isNotPep", "unknown"})

# Address types allowed where an address is used.
_ENTITY_ADDRESS_TYPES: Final = frozenset(
    {AddressType.REGISTERED, AddressType.BUSINESS, AddressType.ALTERNATIVE}
)
_PERSON_ADDRESS_TYPES: Final = frozenset(
    {AddressType.RESIDENCE, AddressType.SERVICE, AddressType.ALTERNATIVE}
)
_BIRTH_ADDRESS_TYPES: Final = frozenset({AddressType.PLACE_OF_BIRTH})

# Entity subtypes allowed with each entity type.
_SUBTYPES_FOR_TYPE: Final[dict[str, frozenset[str]]] = {
    EntityType.ARRANGEMENT: frozenset(
        {EntitySubtype.TRUST, EntitySubtype.NOMINATION, EntitySubtype.OTHER}
    ),
    EntityType.LEGAL_ENTITY: frozenset({EntitySubtype.TRUST, EntitySubtype.OTHER}),
    EntityType.STATE_BODY: frozenset(
        {EntitySubtype.GOVERNMENT_DEPARTMENT, EntitySubtype.STATE_AGENCY, EntitySubtype.OTHER}
    ),
    EntityType.REGISTERED_ENTITY: frozenset({EntitySubtype.OTHER}),
    EntityType.STATE: frozenset({EntitySubtype.OTHER}),
    EntityType.ANONYMOUS_ENTITY: frozenset({EntitySubtype.OTHER}),
    EntityType.UNKNOWN_ENTITY: frozenset({EntitySubtype.OTHER}),
}

_STATEMENT_REQUIRED: Final = (
    "statementId",
    "declarationSubject",
    "recordId",
    "recordType",
    "recordDetails",
    "statementDate",
)
_STATEMENT_ID_MIN: Final = 32
_STATEMENT_ID_MAX: Final = 64
_SHARE_KEYS: Final = ("exact", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_SHARE_MIN: Final = 0
_SHARE_MAX: Final = 100

# Formats (ASCII digits only, whole-string matches).
_DATE_RE: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DATE_TIME_RE: Final = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?"
    r"(?:[Zz]|[+-]([0-9]{2}):([0-9]{2}))"
)
_PARTIAL_DATE_RE: Final = re.compile(r"[0-9]{4}(?:-(?:1[0-2]|0[1-9]))?")
_VERSION_RE: Final = re.compile(r"[0-9]+\.[0-9]+")

_PCT: Final = r"%[0-9A-Fa-f]{2}"
_PLAIN: Final = r"A-Za-z0-9\-._~!$&'()*+,;="  # unreserved and sub-delims (RFC 3986)
_PCHAR: Final = rf"(?:[{_PLAIN}:@]|{_PCT})"
_URI_RE: Final = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*:"  # scheme
    r"(?:"
    rf"//(?:(?:[{_PLAIN}:]|{_PCT})*@)?"  # userinfo
    rf"(?:\[[0-9A-Fa-f:.{_PLAIN}]+\]|(?:[{_PLAIN}]|{_PCT})*)"  # host
    r"(?::[0-9]*)?"  # port
    rf"(?:/{_PCHAR}*)*"  # path-abempty
    rf"|/?(?:{_PCHAR}+(?:/{_PCHAR}*)*)?"  # path-absolute, path-rootless, path-empty
    r")"
    rf"(?:\?(?:{_PCHAR}|[/?])*)?"  # query
    rf"(?:#(?:{_PCHAR}|[/?])*)?"  # fragment
)

_MISSING: Final = object()
_SHOW_MAX: Final = 60


# --------------------------------------------------------------------------------------------
# Format checks.


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if _is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _valid_ymd(year: str, month: str, day: str) -> bool:
    y, m, d = int(year), int(month), int(day)
    return 1 <= m <= 12 and 1 <= d <= _days_in_month(y, m)


def _is_date(text: str) -> bool:
    """Whether ``text`` is an RFC 3339 full-date (YYYY-MM-DD, a real calendar day)."""
    match = _DATE_RE.fullmatch(text)
    return match is not None and _valid_ymd(*match.group(1, 2, 3))


def _is_date_time(text: str) -> bool:
    """Whether ``text`` is an RFC 3339 date-time (e.g. 2020-01-31T12:00:00Z)."""
    match = _DATE_TIME_RE.fullmatch(text)
    if match is None or not _valid_ymd(*match.group(1, 2, 3)):
        return False
    hour, minute, second = int(match[4]), int(match[5]), int(match[6])
    if hour > 23 or minute > 59 or second > 60:  # 60: leap second
        return False
    return match[7] is None or (int(match[7]) <= 23 and int(match[8]) <= 59)


def _is_uri(text: str) -> bool:
    """Whether ``text`` is an absolute RFC 3986 URI (a scheme, then ASCII URI characters)."""
    return _URI_RE.fullmatch(text) is not None


def _is_partial_date(text: str) -> bool:
    return _PARTIAL_DATE_RE.fullmatch(text) is not None or _is_date(text)


# --------------------------------------------------------------------------------------------
# Messages.


def _show(value: object) -> str:
    """A short, safe rendering of any value for a message (never recursive, never huge)."""
    if isinstance(value, str):
        if len(value) > _SHOW_MAX:
            return repr(value[: _SHOW_MAX - 1]) + "…"
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value.bit_length() > 128:
            return "a very large integer"
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return f"a {type(value).__name__}"


def _where(path: str) -> str:
    return "the statement" if path == "$" else path[2:]


def _child(path: str, key: str) -> str:
    return f"{path}.{key}"


_JSON_TYPE_NAMES: Final = {
    "string": "a string",
    "object": "an object",
    "array": "an array",
    "boolean": "a boolean (true or false)",
    "number": "a number",
}


class _Checker:
    """Collects the problems of one statement."""

    __slots__ = ("index", "label", "problems", "statement_id")

    def __init__(self, index: int, statement_id: str | None) -> None:
        self.index = index
        self.statement_id = statement_id
        if statement_id is not None:
            shown = statement_id if len(statement_id) <= 80 else statement_id[:79] + "…"
            self.label = f"statement {shown}"
        else:
            self.label = f"statement at index {index}"
        self.problems: list[Problem] = []

    def add(self, rule: str, path: str, field: str, detail: str) -> None:
        self.problems.append(
            Problem(self.index, self.statement_id, rule, path, field, f"{self.label}: {detail}")
        )

    # Generic rules -------------------------------------------------------------------------

    def wrong_type(self, path: str, field: str, value: object, json_type: str) -> None:
        self.add(
            "type",
            path,
            field,
            f"{_where(path)} must be {_JSON_TYPE_NAMES[json_type]}, got {_show(value)}",
        )

    def required(self, obj: dict[Any, Any], path: str, keys: tuple[str, ...]) -> None:
        for key in keys:
            if key not in obj:
                self.add(
                    "required",
                    path,
                    key,
                    f"{_where(path)} is missing the required property '{key}'",
                )

    def enum(self, value: str, path: str, field: str, allowed: frozenset[str], what: str) -> None:
        if value not in allowed:
            codes = ", ".join(sorted(allowed)) if len(allowed) <= 8 else f"the {what} codelist"
            self.add(
                "enum",
                path,
                field,
                f"{_where(path)} must be a {what} code ({codes}), got {_show(value)}",
            )

    # Typed property access: the value when present and of the right type, else None --------

    def object_at(self, value: object, path: str, field: str) -> dict[Any, Any] | None:
        if isinstance(value, dict):
            return value
        self.wrong_type(path, field, value, "object")
        return None

    def prop_object(self, obj: dict[Any, Any], key: str, path: str) -> dict[Any, Any] | None:
        value = obj.get(key, _MISSING)
        if value is _MISSING:
            return None
        return self.object_at(value, _child(path, key), key)

    def prop_array(self, obj: dict[Any, Any], key: str, path: str) -> list[Any] | None:
        value = obj.get(key, _MISSING)
        if value is _MISSING:
            return None
        if isinstance(value, list):
            return value
        self.wrong_type(_child(path, key), key, value, "array")
        return None

    def prop_string(self, obj: dict[Any, Any], key: str, path: str) -> str | None:
        value = obj.get(key, _MISSING)
        if value is _MISSING:
            return None
        if isinstance(value, str):
            return value
        self.wrong_type(_child(path, key), key, value, "string")
        return None

    def prop_bool(self, obj: dict[Any, Any], key: str, path: str) -> None:
        value = obj.get(key, _MISSING)
        if value is not _MISSING and not isinstance(value, bool):
            self.wrong_type(_child(path, key), key, value, "boolean")

    def strings(self, obj: dict[Any, Any], path: str, keys: tuple[str, ...]) -> None:
        for key in keys:
            self.prop_string(obj, key, path)

    def prop_enum(
        self, obj: dict[Any, Any], key: str, path: str, allowed: frozenset[str], what: str
    ) -> str | None:
        value = self.prop_string(obj, key, path)
        if value is not None:
            self.enum(value, _child(path, key), key, allowed, what)
        return value

    def prop_length(
        self, obj: dict[Any, Any], key: str, path: str, low: int, high: int
    ) -> str | None:
        value = self.prop_string(obj, key, path)
        if value is None:
            return None
        sub = _child(path, key)
        if len(value) < low:
            self.add(
                "minLength",
                sub,
                key,
                f"{_where(sub)} must have at least {low} characters, got {_show(value)}",
            )
        elif len(value) > high:
            self.add(
                "maxLength",
                sub,
                key,
                f"{_where(sub)} must have at most {high} characters, got {_show(value)}",
            )
        return value

    def prop_uri(self, obj: dict[Any, Any], key: str, path: str) -> None:
        value = self.prop_string(obj, key, path)
        if value is not None:
            self.uri_value(value, _child(path, key), key)

    def uri_value(self, value: str, path: str, field: str) -> None:
        if not _is_uri(value):
            self.add(
                "format",
                path,
                field,
                f"{_where(path)} must be an absolute URI such as 'https://example.com/', "
                f"got {_show(value)}",
            )

    def prop_date(self, obj: dict[Any, Any], key: str, path: str) -> None:
        value = self.prop_string(obj, key, path)
        if value is not None and not _is_date(value):
            sub = _child(path, key)
            self.add(
                "format",
                sub,
                key,
                f"{_where(sub)} must be a date in YYYY-MM-DD form, got {_show(value)}",
            )

    def prop_date_or_date_time(self, obj: dict[Any, Any], key: str, path: str) -> None:
        value = self.prop_string(obj, key, path)
        if value is not None and not (_is_date(value) or _is_date_time(value)):
            sub = _child(path, key)
            self.add(
                "format",
                sub,
                key,
                f"{_where(sub)} must be a date (YYYY-MM-DD) or a date-time "
                f"(YYYY-MM-DDTHH:MM:SSZ), got {_show(value)}",
            )

    def prop_partial_date(self, obj: dict[Any, Any], key: str, path: str) -> None:
        value = self.prop_string(obj, key, path)
        if value is not None and not _is_partial_date(value):
            sub = _child(path, key)
            self.add(
                "format",
                sub,
                key,
                f"{_where(sub)} must be a date in YYYY, YYYY-MM or YYYY-MM-DD form, "
                f"got {_show(value)}",
            )

    def prop_share_number(self, obj: dict[Any, Any], key: str, path: str) -> None:
        value = obj.get(key, _MISSING)
        if value is _MISSING:
            return
        sub = _child(path, key)
        finite = not isinstance(value, float) or math.isfinite(value)
        if isinstance(value, bool) or not isinstance(value, int | float) or not finite:
            self.wrong_type(sub, key, value, "number")
        elif value < _SHARE_MIN:
            self.add(
                "minimum",
                sub,
                key,
                f"{_where(sub)} must be at least {_SHARE_MIN} (a percentage), got {_show(value)}",
            )
        elif value > _SHARE_MAX:
            self.add(
                "maximum",
                sub,
                key,
                f"{_where(sub)} must be at most {_SHARE_MAX} (a percentage), got {_show(value)}",
            )

    def each_object(
        self, obj: dict[Any, Any], key: str, path: str
    ) -> list[tuple[dict[Any, Any], str]]:
        """The items of array ``obj[key]`` that are objects, with their paths."""
        items = self.prop_array(obj, key, path)
        if items is None:
            return []
        found: list[tuple[dict[Any, Any], str]] = []
        base = _child(path, key)
        for position, item in enumerate(items):
            item_path = f"{base}[{position}]"
            if isinstance(item, dict):
                found.append((item, item_path))
            else:
                self.wrong_type(item_path, key, item, "object")
        return found

    def each_string(self, obj: dict[Any, Any], key: str, path: str) -> list[tuple[str, str]]:
        """The items of array ``obj[key]`` that are strings, with their paths."""
        items = self.prop_array(obj, key, path)
        if items is None:
            return []
        found: list[tuple[str, str]] = []
        base = _child(path, key)
        for position, item in enumerate(items):
            item_path = f"{base}[{position}]"
            if isinstance(item, str):
                found.append((item, item_path))
            else:
                self.wrong_type(item_path, key, item, "string")
        return found


# --------------------------------------------------------------------------------------------
# Shared components.


def _country(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.required(obj, path, ("name",))
    c.prop_string(obj, "name", path)
    c.prop_length(obj, "code", path, 2, 2)


def _jurisdiction(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.required(obj, path, ("name",))
    c.prop_string(obj, "name", path)
    c.prop_length(obj, "code", path, 2, 6)


def _address(
    c: _Checker, obj: dict[Any, Any], path: str, allowed: frozenset[str], where: str
) -> None:
    kind = c.prop_enum(obj, "type", path, _ADDRESS_TYPES, "addressType")
    if kind is not None and kind in _ADDRESS_TYPES and kind not in allowed:
        sub = _child(path, "type")
        c.add(
            "enum",
            sub,
            "type",
            f"{_where(sub)} must be one of {', '.join(sorted(allowed))} for {where}, "
            f"got {_show(kind)}",
        )
    c.strings(obj, path, ("address", "postCode"))
    country = c.prop_object(obj, "country", path)
    if country is not None:
        _country(c, country, _child(path, "country"))


def _identifier(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.strings(obj, path, ("id", "scheme", "schemeName"))
    c.prop_uri(obj, "uri", path)
    if "scheme" not in obj and "schemeName" not in obj:
        c.add(
            "anyOf",
            path,
            _field_of(path),
            f"{_where(path)} must have a 'scheme' or a 'schemeName' (or both)",
        )


def _unspecified(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.required(obj, path, ("reason",))
    c.prop_enum(obj, "reason", path, _UNSPECIFIED_REASONS, "unspecifiedReason")
    c.prop_string(obj, "description", path)


def _source(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    for value, item_path in c.each_string(obj, "type", path):
        c.enum(value, item_path, "type", _SOURCE_TYPES, "sourceType")
    c.prop_string(obj, "description", path)
    c.prop_uri(obj, "url", path)
    c.prop_date_or_date_time(obj, "retrievedAt", path)
    for agent, agent_path in c.each_object(obj, "assertedBy", path):
        c.prop_string(agent, "name", agent_path)
        c.prop_uri(agent, "uri", agent_path)


def _field_of(path: str) -> str:
    """The last property name in a path ("" for the root)."""
    last = path.rsplit(".", 1)[-1] if "." in path else ""
    bracket = last.find("[")
    return last if bracket < 0 else last[:bracket]


# --------------------------------------------------------------------------------------------
# Statement.


def _annotation(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.required(obj, path, ("motivation", "statementPointerTarget"))
    c.prop_string(obj, "statementPointerTarget", path)
    c.prop_date_or_date_time(obj, "creationDate", path)
    created_by = c.prop_object(obj, "createdBy", path)
    if created_by is not None:
        sub = _child(path, "createdBy")
        c.prop_string(created_by, "name", sub)
        c.prop_uri(created_by, "uri", sub)
    c.prop_enum(obj, "motivation", path, _MOTIVATIONS, "annotationMotivation")
    c.prop_string(obj, "description", path)
    transformed = c.prop_string(obj, "transformedContent", path)
    c.prop_uri(obj, "url", path)

    motivation = obj.get("motivation", _MISSING)
    if (
        isinstance(motivation, str)
        and motivation == AnnotationMotivation.LINKING
        and ("url" not in obj)
    ):
        c.add(
            "required",
            path,
            "url",
            f"{_where(path)} is missing 'url', which is required when motivation is 'linking'",
        )
    if (
        motivation is not _MISSING
        and not (isinstance(motivation, str) and motivation == AnnotationMotivation.TRANSFORMATION)
        and transformed is not None
        and transformed != ""
    ):
        sub = _child(path, "transformedContent")
        c.add(
            "const",
            sub,
            "transformedContent",
            f"{_where(sub)} must be empty unless motivation is 'transformation', "
            f"got {_show(transformed)}",
        )


def _publication_details(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.required(obj, path, ("publicationDate", "bodsVersion", "publisher"))
    c.prop_date_or_date_time(obj, "publicationDate", path)
    version = c.prop_string(obj, "bodsVersion", path)
    if version is not None and _VERSION_RE.fullmatch(version) is None:
        sub = _child(path, "bodsVersion")
        c.add(
            "pattern",
            sub,
            "bodsVersion",
            f"{_where(sub)} must be a major.minor version such as '0.4', got {_show(version)}",
        )
    c.prop_uri(obj, "license", path)
    publisher = c.prop_object(obj, "publisher", path)
    if publisher is not None:
        sub = _child(path, "publisher")
        c.prop_string(publisher, "name", sub)
        c.prop_uri(publisher, "url", sub)
        if "name" not in publisher and "url" not in publisher:
            c.add("anyOf", sub, "publisher", f"{_where(sub)} must have a 'name' or a 'url'")


def _statement(c: _Checker, obj: dict[Any, Any]) -> None:
    path = "$"
    c.required(obj, path, _STATEMENT_REQUIRED)
    c.prop_length(obj, "statementId", path, _STATEMENT_ID_MIN, _STATEMENT_ID_MAX)
    c.prop_date_or_date_time(obj, "statementDate", path)
    for annotation, annotation_path in c.each_object(obj, "annotations", path):
        _annotation(c, annotation, annotation_path)
    publication = c.prop_object(obj, "publicationDetails", path)
    if publication is not None:
        _publication_details(c, publication, "$.publicationDetails")
    source = c.prop_object(obj, "source", path)
    if source is not None:
        _source(c, source, "$.source")
    c.strings(obj, path, ("declaration", "declarationSubject", "recordId"))
    record_type = c.prop_enum(obj, "recordType", path, _RECORD_TYPES, "recordType")
    c.prop_enum(obj, "recordStatus", path, _RECORD_STATUSES, "recordStatus")
    details = c.prop_object(obj, "recordDetails", path)
    if details is not None:
        check = _RECORD_CHECKS.get(record_type) if record_type is not None else None
        if check is not None:
            check(c, details, "$.recordDetails")


# --------------------------------------------------------------------------------------------
# Entity record.


def _entity_type(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.required(obj, path, ("type",))
    kind = c.prop_enum(obj, "type", path, _ENTITY_TYPES, "entityType")
    subtype = c.prop_enum(obj, "subtype", path, _ENTITY_SUBTYPES, "entitySubtype")
    c.prop_string(obj, "details", path)
    if kind is None or subtype is None or subtype not in _ENTITY_SUBTYPES:
        return
    allowed = _SUBTYPES_FOR_TYPE.get(kind)
    if allowed is not None and subtype not in allowed:
        sub = _child(path, "subtype")
        c.add(
            "enum",
            sub,
            "subtype",
            f"{_where(sub)} must be one of {', '.join(sorted(allowed))} when the entity type "
            f"is {kind!r}, got {_show(subtype)}",
        )


def _security_listing(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.required(obj, path, ("stockExchangeJurisdiction", "security", "stockExchangeName"))
    c.strings(obj, path, ("marketIdentifierCode", "operatingMarketIdentifierCode"))
    c.prop_length(obj, "stockExchangeJurisdiction", path, 2, 6)
    c.prop_string(obj, "stockExchangeName", path)
    security = c.prop_object(obj, "security", path)
    if security is not None:
        sub = _child(path, "security")
        c.required(security, sub, ("ticker",))
        c.prop_enum(security, "idScheme", sub, _SECURITY_SCHEMES, "securitiesIdentifierSchemes")
        c.strings(security, sub, ("id", "ticker"))


def _public_listing(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.required(obj, path, ("hasPublicListing",))
    c.prop_bool(obj, "hasPublicListing", path)
    for url, url_path in c.each_string(obj, "companyFilingsURLs", path):
        c.uri_value(url, url_path, "companyFilingsURLs")
    for listing, listing_path in c.each_object(obj, "securitiesListings", path):
        _security_listing(c, listing, listing_path)


def _entity(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.required(obj, path, ("isComponent", "entityType"))
    c.prop_bool(obj, "isComponent", path)
    entity_type = c.prop_object(obj, "entityType", path)
    if entity_type is not None:
        _entity_type(c, entity_type, _child(path, "entityType"))
    unspecified = c.prop_object(obj, "unspecifiedEntityDetails", path)
    if unspecified is not None:
        _unspecified(c, unspecified, _child(path, "unspecifiedEntityDetails"))
    c.prop_string(obj, "name", path)
    c.each_string(obj, "alternateNames", path)
    jurisdiction = c.prop_object(obj, "jurisdiction", path)
    if jurisdiction is not None:
        _jurisdiction(c, jurisdiction, _child(path, "jurisdiction"))
    for identifier, identifier_path in c.each_object(obj, "identifiers", path):
        _identifier(c, identifier, identifier_path)
    c.prop_date(obj, "foundingDate", path)
    c.prop_date(obj, "dissolutionDate", path)
    for address, address_path in c.each_object(obj, "addresses", path):
        _address(c, address, address_path, _ENTITY_ADDRESS_TYPES, "an entity")
    c.prop_uri(obj, "uri", path)
    listing = c.prop_object(obj, "publicListing", path)
    if listing is not None:
        _public_listing(c, listing, _child(path, "publicListing"))
    statute = c.prop_object(obj, "formedByStatute", path)
    if statute is not None:
        sub = _child(path, "formedByStatute")
        c.prop_string(statute, "name", sub)
        c.prop_date(statute, "date", sub)


# --------------------------------------------------------------------------------------------
# Person record.


def _pep_details(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.strings(obj, path, ("reason", "missingInfoReason"))
    jurisdiction = c.prop_object(obj, "jurisdiction", path)
    if jurisdiction is not None:
        _jurisdiction(c, jurisdiction, _child(path, "jurisdiction"))
    c.prop_date(obj, "startDate", path)
    c.prop_date(obj, "endDate", path)
    source = c.prop_object(obj, "source", path)
    if source is not None:
        _source(c, source, _child(path, "source"))


def _person(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.required(obj, path, ("personType", "isComponent"))
    c.prop_bool(obj, "isComponent", path)
    c.prop_enum(obj, "personType", path, _PERSON_TYPES, "personType")
    unspecified = c.prop_object(obj, "unspecifiedPersonDetails", path)
    if unspecified is not None:
        _unspecified(c, unspecified, _child(path, "unspecifiedPersonDetails"))
    for name, name_path in c.each_object(obj, "names", path):
        c.required(name, name_path, ("fullName",))
        c.prop_enum(name, "type", name_path, _NAME_TYPES, "nameType")
        c.strings(name, name_path, ("fullName", "familyName", "givenName", "patronymicName"))
    for identifier, identifier_path in c.each_object(obj, "identifiers", path):
        _identifier(c, identifier, identifier_path)
    for country, country_path in c.each_object(obj, "nationalities", path):
        _country(c, country, country_path)
    birth_place = c.prop_object(obj, "placeOfBirth", path)
    if birth_place is not None:
        _address(c, birth_place, _child(path, "placeOfBirth"), _BIRTH_ADDRESS_TYPES, "a birthplace")
    c.prop_partial_date(obj, "birthDate", path)
    c.prop_partial_date(obj, "deathDate", path)
    for country, country_path in c.each_object(obj, "taxResidencies", path):
        _country(c, country, country_path)
    for address, address_path in c.each_object(obj, "addresses", path):
        _address(c, address, address_path, _PERSON_ADDRESS_TYPES, "a person")
    exposure = c.prop_object(obj, "politicalExposure", path)
    if exposure is not None:
        sub = _child(path, "politicalExposure")
        c.required(exposure, sub, ("status",))
        c.prop_enum(exposure, "status", sub, _PEP_STATUSES, "PEP status")
        for details, details_path in c.each_object(exposure, "details", sub):
            _pep_details(c, details, details_path)


# --------------------------------------------------------------------------------------------
# Relationship record.


def _party(c: _Checker, obj: dict[Any, Any], key: str, path: str) -> None:
    value = obj.get(key, _MISSING)
    if value is _MISSING or isinstance(value, str):
        return
    sub = _child(path, key)
    if isinstance(value, dict):
        _unspecified(c, value, sub)
        return
    c.add(
        "oneOf",
        sub,
        key,
        f"{_where(sub)} must be a recordId (a string) or an object giving the reason it is "
        f"unspecified, got {_show(value)}",
    )


def _interest(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.prop_enum(obj, "type", path, _INTEREST_TYPES, "interestType")
    c.prop_enum(obj, "directOrIndirect", path, _DIRECT_OR_INDIRECT, "directOrIndirect")
    c.prop_bool(obj, "beneficialOwnershipOrControl", path)
    c.prop_string(obj, "details", path)
    share = c.prop_object(obj, "share", path)
    if share is not None:
        sub = _child(path, "share")
        for key in _SHARE_KEYS:
            c.prop_share_number(share, key, sub)
    c.prop_date(obj, "startDate", path)
    c.prop_date(obj, "endDate", path)


def _relationship(c: _Checker, obj: dict[Any, Any], path: str) -> None:
    c.required(obj, path, ("isComponent", "subject", "interestedParty"))
    c.prop_bool(obj, "isComponent", path)
    components = c.prop_array(obj, "componentRecords", path)
    if components is not None:
        sub = _child(path, "componentRecords")
        for position, item in enumerate(components):
            if not isinstance(item, str):
                c.wrong_type(f"{sub}[{position}]", "componentRecords", item, "string")
        if obj.get("isComponent") is True and components:
            c.add(
                "const",
                sub,
                "componentRecords",
                f"{_where(sub)} must be empty when isComponent is true "
                f"(a component relationship has no components), got {len(components)} item(s)",
            )
    _party(c, obj, "subject", path)
    _party(c, obj, "interestedParty", path)
    for interest, interest_path in c.each_object(obj, "interests", path):
        _interest(c, interest, interest_path)


_RECORD_CHECKS: Final = {
    RecordType.ENTITY.value: _entity,
    RecordType.PERSON.value: _person,
    RecordType.RELATIONSHIP.value: _relationship,
}


# --------------------------------------------------------------------------------------------
# Public API.


def validate_statement(statement: object, index: int) -> list[Problem]:
    """The problems of one statement (empty when it follows BODS 0.4); never raises."""
    if not isinstance(statement, dict):
        return [
            Problem(
                index,
                None,
                "type",
                "$",
                "",
                f"statement at index {index} must be an object, got {_show(statement)}",
            )
        ]
    statement_id = statement.get("statementId")
    checker = _Checker(index, statement_id if isinstance(statement_id, str) else None)
    _statement(checker, statement)
    return checker.problems


def validate_statements(statements: object) -> list[Problem]:
    """The problems of every statement in a BODS 0.4 array of statements; never raises.

    A top level that is not an array gives a single "type" problem with ``index`` -1.
    """
    if not isinstance(statements, list):
        return [
            Problem(
                -1,
                None,
                "type",
                "$",
                "",
                f"the top level must be an array of statements, got {_show(statements)}",
            )
        ]
    problems: list[Problem] = []
    for index, statement in enumerate(statements):
        problems.extend(validate_statement(statement, index))
    return problems
