"""Tests of the hand-written BODS 0.4 statement validator (ingest.bods.validate)."""

from __future__ import annotations

import copy
import csv
import json
import math
import os
import random
from pathlib import Path
from typing import Any

import pytest

from ingest.bods.validate import Problem, validate_statement, validate_statements

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
BODS = SHARED_DATA / "bods"
STANDARD = BODS / "data-standard"
INVALID_DIR = STANDARD / "tests" / "data" / "invalid-statements"
EXPECTED_ERRORS = INVALID_DIR / "expected_errors.csv"
VALID_DIRS = (
    STANDARD / "tests" / "data" / "valid-statements",
    STANDARD / "examples",
    BODS / "bods-v04-fixtures" / "core",
    BODS / "bods-v04-fixtures" / "edge-cases",
)

# Rows of expected_errors.csv where we name the broken rule differently; the path must still
# match. The schema writes "a date or a date-time" as anyOf[format date, format date-time]; we
# report a malformed date string as "format" (what is wrong is the string's format, and "anyOf"
# is kept for the structural alternatives: publisher name|url, identifier scheme|schemeName).
RULE_DISAGREEMENTS = {
    "entity_statementDate_format.json": ("anyOf", "format"),
    "statement_statementDate_not_date_string.json": ("anyOf", "format"),
    "publication_details_date_not_date.json": ("anyOf", "format"),
}


# --------------------------------------------------------------------------------------------
# Shared data: skip when absent, unless on CI.


def _require(path: Path) -> None:
    if path.exists():
        return
    message = f"shared BODS data not found: {path}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _json_params(folder: Path) -> list[Any]:
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:  # one placeholder, so that the test reports the missing data
        return [pytest.param(folder, id=f"{folder.name}-missing")]
    return [pytest.param(path, id=f"{folder.name}/{path.name}") for path in files]


def _expected_rows() -> list[Any]:
    if not EXPECTED_ERRORS.is_file():
        return [pytest.param(["<missing>", "", "", ""], id="expected_errors-missing")]
    with EXPECTED_ERRORS.open(encoding="utf-8", newline="") as handle:
        rows = [[cell.strip() for cell in row] for row in csv.reader(handle) if row]
    return [pytest.param(row, id=row[0]) for row in rows]


def _load(path: Path) -> object:
    _require(path)
    if path.is_dir():
        pytest.fail(f"no JSON files in {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def _file_path(problem: Problem) -> str:
    """The problem's JSONPath relative to the file: "$" of statement i becomes "$[i]"."""
    if problem.index < 0:
        return problem.path
    return f"$[{problem.index}]{problem.path[1:]}"


def _show(problems: list[Problem]) -> str:
    return "\n".join(f"{p.rule} {_file_path(p)}: {p.message}" for p in problems)


@pytest.mark.shared_data
@pytest.mark.parametrize("path", [p for d in VALID_DIRS for p in _json_params(d)])
def test_valid_files_have_no_problem(path: Path) -> None:
    data = _load(path)
    assert isinstance(data, list), "the valid files are arrays of statements"
    problems = validate_statements(data)
    assert problems == [], _show(problems)


@pytest.mark.shared_data
@pytest.mark.parametrize("path", _json_params(INVALID_DIR))
def test_invalid_files_are_flagged(path: Path) -> None:
    assert validate_statements(_load(path)), f"{path.name} should give at least one problem"


@pytest.mark.shared_data
@pytest.mark.parametrize("row", _expected_rows())
def test_expected_errors(row: list[str]) -> None:
    _require(EXPECTED_ERRORS)
    name, rule, path = row[0], row[1], row[2]
    if name in RULE_DISAGREEMENTS:
        theirs, ours = RULE_DISAGREEMENTS[name]
        assert rule == theirs, f"expected_errors.csv changed for {name}"
        rule = ours
    problems = validate_statements(_load(INVALID_DIR / name))
    found = [(p.rule, _file_path(p)) for p in problems]
    assert (rule, path) in found, f"expected {rule} at {path}, got:\n{_show(problems)}"


@pytest.mark.shared_data
def test_shared_data_is_complete() -> None:
    for folder in (*VALID_DIRS, INVALID_DIR):
        _require(folder)
    assert len(list(VALID_DIRS[0].glob("*.json"))) >= 111
    assert len(list(VALID_DIRS[1].glob("*.json"))) >= 19
    assert len(list(INVALID_DIR.glob("*.json"))) >= 192


# --------------------------------------------------------------------------------------------
# Hand-written statements.

ENTITY_ID = "2f7bf9370f1254068e5e946df067d07d"
PERSON_ID = "733b20a572f8b306b538344c7946c9cb"
RELATIONSHIP_ID = "9d167324c416bbfd37fe5c1a1b2afa95"


def _entity() -> dict[str, Any]:
    return {
        "statementId": ENTITY_ID,
        "statementDate": "2024-02-29",
        "publicationDetails": {
            "publicationDate": "2024-03-01T10:00:00-06:00",
            "bodsVersion": "0.4",
            "publisher": {"name": "Registro MX"},
            "license": "https://creativecommons.org/licenses/by/4.0/",
        },
        "source": {"type": ["officialRegister", "verified"], "url": "https://example.org/a?b=c"},
        "annotations": [
            {
                "statementPointerTarget": "/recordDetails/name",
                "motivation": "transformation",
                "transformedContent": "MINERA EJEMPLO",
            }
        ],
        "declarationSubject": "ent-1",
        "recordId": "ent-1",
        "recordType": "entity",
        "recordStatus": "new",
        "recordDetails": {
            "isComponent": False,
            "entityType": {"type": "registeredEntity", "subtype": "other"},
            "name": "Minera Ejemplo SA de CV",
            "jurisdiction": {"name": "Mexico", "code": "MX"},
            "identifiers": [{"id": "MEJ010101AAA", "scheme": "MX-RFC"}],
            "foundingDate": "2001-01-01",
            "addresses": [{"type": "registered", "country": {"name": "Mexico", "code": "MX"}}],
        },
    }


def _person() -> dict[str, Any]:
    return {
        "statementId": PERSON_ID,
        "statementDate": "2024-03-01T10:00:00Z",
        "declarationSubject": "ent-1",
        "recordId": "per-1",
        "recordType": "person",
        "recordDetails": {
            "isComponent": False,
            "personType": "knownPerson",
            "names": [{"fullName": "Ana López", "type": "legal"}],
            "birthDate": "1975-06",
            "nationalities": [{"name": "Mexico", "code": "MX"}],
            "placeOfBirth": {"type": "placeOfBirth", "address": "Oaxaca"},
            "addresses": [{"type": "residence", "address": "CDMX"}],
            "politicalExposure": {"status": "isNotPep"},
        },
    }


def _relationship() -> dict[str, Any]:
    return {
        "statementId": RELATIONSHIP_ID,
        "statementDate": "2024-03-01",
        "declarationSubject": "ent-1",
        "recordId": "rel-1",
        "recordType": "relationship",
        "recordDetails": {
            "isComponent": False,
            "subject": "ent-1",
            "interestedParty": "per-1",
            "interests": [
                {
                    "type": "shareholding",
                    "directOrIndirect": "direct",
                    "beneficialOwnershipOrControl": True,
                    "share": {"minimum": 0, "exclusiveMaximum": 100.0},
                    "startDate": "2010-05-01",
                }
            ],
        },
    }


def _rules(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.rule, p.path) for p in problems]


def test_hand_written_statements_are_valid() -> None:
    assert validate_statements([_entity(), _person(), _relationship()]) == []


@pytest.mark.parametrize("value", [None, 1, 2.5, True, "statement", [], [{}]])
def test_statement_that_is_not_an_object_gives_one_type_problem(value: object) -> None:
    problems = validate_statement(value, 7)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.index, problem.statement_id, problem.rule, problem.path) == (
        7,
        None,
        "type",
        "$",
    )
    assert "index 7" in problem.message


@pytest.mark.parametrize("value", [None, {}, _entity(), "[]", 3])
def test_top_level_that_is_not_a_list_gives_one_type_problem(value: object) -> None:
    problems = validate_statements(value)
    assert _rules(problems) == [("type", "$")]
    assert problems[0].index == -1


def test_problems_carry_their_statement_index() -> None:
    broken = _relationship()
    broken["recordDetails"]["interests"][0]["share"]["exact"] = 101
    problems = validate_statements([_entity(), "oops", broken])
    assert [(p.index, p.rule, p.path) for p in problems] == [
        (1, "type", "$"),
        (2, "maximum", "$.recordDetails.interests[0].share.exact"),
    ]


def test_message_names_the_statement_and_the_problem() -> None:
    statement = _entity()
    statement["recordDetails"]["addresses"][0]["country"]["code"] = "G"
    (problem,) = validate_statement(statement, 0)
    assert problem == Problem(
        index=0,
        statement_id=ENTITY_ID,
        rule="minLength",
        path="$.recordDetails.addresses[0].country.code",
        field="code",
        message=(
            f"statement {ENTITY_ID}: recordDetails.addresses[0].country.code "
            "must have at least 2 characters, got 'G'"
        ),
    )


def test_message_without_a_string_statement_id_uses_the_index() -> None:
    statement = _person()
    statement["statementId"] = 12345
    problems = validate_statement(statement, 3)
    assert _rules(problems) == [("type", "$.statementId")]
    assert problems[0].statement_id is None
    assert problems[0].message.startswith("statement at index 3: statementId must be a string")


def test_required_reports_the_object_and_the_missing_key() -> None:
    statement = _entity()
    del statement["recordId"]
    del statement["recordDetails"]["entityType"]["type"]
    problems = validate_statement(statement, 0)
    assert [(p.rule, p.path, p.field) for p in problems] == [
        ("required", "$", "recordId"),
        ("required", "$.recordDetails.entityType", "type"),
    ]


def _deep(depth: int) -> list[object]:
    value: list[object] = []
    for _ in range(depth):
        value = [value]
    return value


def test_garbage_deep_inside_never_raises() -> None:
    deep = _deep(200_000)
    deep_object: dict[str, object] = {}
    for _ in range(200_000):
        deep_object = {"country": deep_object}
    statement = _entity()
    details = statement["recordDetails"]
    details["addresses"] = [deep_object, {"country": deep}, deep]
    details["identifiers"] = deep
    details["name"] = "x" * 1_000_000
    details["alternateNames"] = [deep, 10**5000, math.nan]
    statement["annotations"] = [deep, {"motivation": deep, "transformedContent": deep}]
    statement["source"] = {"type": deep, "assertedBy": [deep_object]}
    problems = validate_statement(statement, 0)
    assert problems
    assert all(isinstance(p, Problem) and len(p.message) < 400 for p in problems)

    relationship = _relationship()
    relationship["recordDetails"]["subject"] = deep_object
    relationship["recordDetails"]["interests"] = [{"share": {"exact": deep, "maximum": 10**5000}}]
    problems = validate_statement(relationship, 1)
    assert ("required", "$.recordDetails.subject") in _rules(problems)
    assert ("maximum", "$.recordDetails.interests[0].share.maximum") in _rules(problems)
    assert all(len(p.message) < 400 for p in problems)


JUNK: list[object] = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    math.inf,
    "",
    "x",
    "2020-13-45",
    [],
    [None],
    [[]],
    {},
    {"name": 1},
    {"reason": None},
    _deep(50),
]


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for position, child in enumerate(value):
            found += _paths(child, (*prefix, position))
    return found


def _replace(document: Any, path: tuple[object, ...], value: object) -> Any:
    if not path:
        return value
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return document


def test_junk_anywhere_never_raises() -> None:
    rng = random.Random(4)
    for make in (_entity, _person, _relationship):
        original = make()
        for path in _paths(original):
            for junk in JUNK:
                mutated = _replace(copy.deepcopy(original), path, copy.deepcopy(junk))
                problems = validate_statements([mutated, rng.choice(JUNK)])
                assert all(isinstance(p, Problem) for p in problems)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2024-02-29", True),
        ("2023-02-29", False),
        ("2024-04-31", False),
        ("2024-1-01", False),
        ("２０２４-01-01", False),  # non-ASCII digits
        ("2024-01-01T12:30:00Z", True),
        ("2024-01-01t12:30:00.125+05:30", True),
        ("2024-01-01T24:00:00Z", False),
        ("2024-01-01T12:30:00", False),  # no time offset
        ("2024-01-01 12:30:00Z", False),
        ("2024-01-01\n", False),
        ("2024", False),
    ],
)
def test_statement_date_formats(value: str, ok: bool) -> None:
    statement = _entity()
    statement["statementDate"] = value
    expected = [] if ok else [("format", "$.statementDate")]
    assert _rules(validate_statement(statement, 0)) == expected


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("1990", True),
        ("1990-06", True),
        ("1990-06-30", True),
        ("1990-13", False),
        ("1990-06-31", False),
        ("90", False),
        ("1990/06", False),
    ],
)
def test_birth_date_forms(value: str, ok: bool) -> None:
    statement = _person()
    statement["recordDetails"]["birthDate"] = value
    expected = [] if ok else [("format", "$.recordDetails.birthDate")]
    assert _rules(validate_statement(statement, 0)) == expected


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("https://example.com/a/b?c=d&e=%20f#g", True),
        ("urn:isbn:0451450523", True),
        ("http://[2001:db8::1]:8080/", True),
        ("mailto:registro@example.mx", True),
        ("www.example.com", False),
        ("http//www.example.com", False),
        ("https://example.com/a b", False),
        ("https://example.com/%zz", False),
        ("https://ejemplo.mx/año", False),  # a URI is ASCII (an IRI is not a URI)
        ("", False),
    ],
)
def test_uri_format(value: str, ok: bool) -> None:
    statement = _entity()
    statement["recordDetails"]["uri"] = value
    expected = [] if ok else [("format", "$.recordDetails.uri")]
    assert _rules(validate_statement(statement, 0)) == expected


@pytest.mark.parametrize(
    ("entity_type", "subtype", "ok"),
    [
        ("stateBody", "governmentDepartment", True),
        ("stateBody", "stateAgency", True),
        ("arrangement", "nomination", True),
        ("legalEntity", "trust", True),
        ("legalEntity", "nomination", False),
        ("state", "stateAgency", False),
        ("registeredEntity", "trust", False),
        ("anonymousEntity", "other", True),
    ],
)
def test_entity_type_and_subtype_must_align(entity_type: str, subtype: str, ok: bool) -> None:
    statement = _entity()
    statement["recordDetails"]["entityType"] = {"type": entity_type, "subtype": subtype}
    expected = [] if ok else [("enum", "$.recordDetails.entityType.subtype")]
    assert _rules(validate_statement(statement, 0)) == expected


def test_address_types_depend_on_the_record() -> None:
    entity = _entity()
    entity["recordDetails"]["addresses"][0]["type"] = "residence"
    person = _person()
    person["recordDetails"]["addresses"][0]["type"] = "registered"
    person["recordDetails"]["placeOfBirth"]["type"] = "residence"
    assert _rules(validate_statement(entity, 0)) == [("enum", "$.recordDetails.addresses[0].type")]
    assert _rules(validate_statement(person, 0)) == [
        ("enum", "$.recordDetails.placeOfBirth.type"),
        ("enum", "$.recordDetails.addresses[0].type"),
    ]


def test_annotation_conditional_rules() -> None:
    statement = _entity()
    statement["annotations"] = [
        {"statementPointerTarget": "", "motivation": "linking"},
        {"statementPointerTarget": "", "motivation": "commenting", "transformedContent": "x"},
        {"statementPointerTarget": "", "motivation": "commenting", "transformedContent": ""},
        {"statementPointerTarget": "", "motivation": "linking", "url": "https://example.com"},
    ]
    assert _rules(validate_statement(statement, 0)) == [
        ("required", "$.annotations[0]"),
        ("const", "$.annotations[1].transformedContent"),
    ]


def test_component_relationship_has_no_component_records() -> None:
    statement = _relationship()
    statement["recordDetails"]["isComponent"] = True
    statement["recordDetails"]["componentRecords"] = []
    assert validate_statement(statement, 0) == []
    statement["recordDetails"]["componentRecords"] = ["rel-2"]
    assert _rules(validate_statement(statement, 0)) == [
        ("const", "$.recordDetails.componentRecords")
    ]


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        ({"exact": 0, "minimum": 100}, []),
        ({"exact": True}, [("type", "exact")]),
        ({"exact": "50"}, [("type", "exact")]),
        ({"exact": math.nan}, [("type", "exact")]),
        ({"maximum": 100.5}, [("maximum", "maximum")]),
        ({"exclusiveMinimum": -0.1}, [("minimum", "exclusiveMinimum")]),
    ],
)
def test_share_percentages(share: dict[str, object], expected: list[tuple[str, str]]) -> None:
    statement = _relationship()
    statement["recordDetails"]["interests"][0]["share"] = share
    problems = validate_statement(statement, 0)
    base = "$.recordDetails.interests[0].share."
    assert _rules(problems) == [(rule, base + key) for rule, key in expected]


@pytest.mark.parametrize(
    ("party", "expected"),
    [
        ({"reason": "subjectExemptFromDisclosure", "description": "listed"}, []),
        (True, [("oneOf", "$.recordDetails.interestedParty")]),
        ([], [("oneOf", "$.recordDetails.interestedParty")]),
        ({}, [("required", "$.recordDetails.interestedParty")]),
        ({"reason": "secret"}, [("enum", "$.recordDetails.interestedParty.reason")]),
    ],
)
def test_interested_party_is_a_record_id_or_an_unspecified_record(
    party: object, expected: list[tuple[str, str]]
) -> None:
    statement = _relationship()
    statement["recordDetails"]["interestedParty"] = party
    assert _rules(validate_statement(statement, 0)) == expected


def test_identifier_needs_scheme_or_scheme_name() -> None:
    statement = _person()
    statement["recordDetails"]["identifiers"] = [
        {"id": "1", "schemeName": "Pasaporte"},
        {"id": "2"},
    ]
    assert _rules(validate_statement(statement, 0)) == [("anyOf", "$.recordDetails.identifiers[1]")]


def test_unknown_record_type_only_checks_record_details_is_an_object() -> None:
    statement = _entity()
    statement["recordType"] = "trust"
    statement["recordDetails"] = {"anything": 1}
    assert _rules(validate_statement(statement, 0)) == [("enum", "$.recordType")]
