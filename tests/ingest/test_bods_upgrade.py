"""Tests for ingest.bods.upgrade: BODS 0.1-0.3 statements upgraded to the 0.4 shape."""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ingest.bods.upgrade import UpgradeResult, detect_version, upgrade_statements

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
GLEIF_FIXTURES = SHARED_DATA / "bods" / "gleif-0.2-samples" / "tests" / "fixtures"


def _shared(path: Path) -> Path:
    """A path under the shared data folder; skip when it is absent (fail on CI)."""
    if not path.exists():
        message = f"shared data not found at {path}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def _id(name: str) -> str:
    """A statement ID of the length 0.4 requires (32-64 characters)."""
    return f"{name}-".ljust(36, "0")


def _publication(version: str) -> dict[str, Any]:
    return {
        "publicationDate": "2024-01-15",
        "bodsVersion": version,
        "publisher": {"name": "Registro de prueba", "url": "https://example.org/registro"},
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
    }


def _by_id(result: UpgradeResult) -> dict[str, dict[str, Any]]:
    return {s["statementId"]: s for s in result.statements}


def _warnings_about(result: UpgradeResult, statement_id: str) -> list[str]:
    return [w for w in result.warnings if w.startswith(f"statement {statement_id}:")]


# --------------------------------------------------------------------------- 0.2 fixtures

ENTITY = _id("entity-minera")
ENTITY_V2 = _id("entity-minera-v2")
PERSON = _id("person-ana")
OWNERSHIP = _id("ooc-ana-minera")
UNSPECIFIED = _id("ooc-unspecified")
OWNERSHIP_V2 = _id("ooc-ana-minera-v2")


def _file_02() -> list[dict[str, Any]]:
    source = {"type": ["officialRegister"], "description": "Registro Público de Comercio"}
    return [
        {
            "statementID": ENTITY,
            "statementType": "entityStatement",
            "statementDate": "2020-03-04",
            "entityType": "registeredEntity",
            "name": "Minera del Norte SA de CV",
            "incorporatedInJurisdiction": {"name": "Mexico", "code": "MX"},
            "identifiers": [{"scheme": "MX-RFC", "id": "MNO010101AAA"}],
            "foundingDate": "2001-05",
            "addresses": [
                {"type": "registered", "address": "Av. Reforma 1, CDMX", "country": "MX"}
            ],
            "publicationDetails": _publication("0.2"),
            "source": source,
        },
        {
            "statementID": PERSON,
            "statementType": "personStatement",
            "statementDate": "2020-03-04",
            "personType": "knownPerson",
            "names": [
                {
                    "type": "individual",
                    "fullName": "Ana López García",
                    "givenName": "Ana",
                    "familyName": "López García",
                },
                {"type": "alternative", "givenName": "Anita", "familyName": "López"},
            ],
            "nationalities": [{"code": "MX"}],
            "birthDate": "1970-02",
            "addresses": [{"type": "home", "address": "Calle 5, Monterrey", "country": "MX"}],
            "hasPepStatus": False,
            "publicationDetails": _publication("0.2"),
            "source": source,
        },
        {
            "statementID": OWNERSHIP,
            "statementType": "ownershipOrControlStatement",
            "statementDate": "2020-03-04",
            "subject": {"describedByEntityStatement": ENTITY},
            "interestedParty": {"describedByPersonStatement": PERSON},
            "interests": [
                {
                    "type": "shareholding",
                    "interestLevel": "direct",
                    "beneficialOwnershipOrControl": True,
                    "share": {"minimum": 25, "maximum": 50, "exclusiveMinimum": True},
                    "startDate": "2016-04-06",
                },
                {
                    "type": "voting-rights",
                    "interestLevel": "indirect",
                    "beneficialOwnershipOrControl": True,
                    "share": {"exact": 30},
                },
                {"type": "appointment-of-board", "interestLevel": "unknown"},
                {"type": "senior-managing-official"},
                {"type": "settlor-of-trust"},
                {"type": "trustee-of-trust"},
                {"type": "protector-of-trust"},
                {"type": "beneficiary-of-trust"},
                {"type": "other-influence-or-control"},
                {"type": "other-influence-or-control-of-trust", "details": "fideicomiso"},
                {"type": "other-social-enterprise"},
            ],
            "publicationDetails": _publication("0.2"),
            "source": source,
        },
        {
            "statementID": UNSPECIFIED,
            "statementType": "ownershipOrControlStatement",
            "statementDate": "2020-03-04",
            "subject": {"describedByEntityStatement": ENTITY},
            "interestedParty": {
                "unspecified": {
                    "reason": "subject-exempt-from-disclosure",
                    "description": "Empresa listada en la BMV",
                }
            },
            "publicationDetails": _publication("0.2"),
        },
        {
            "statementID": ENTITY_V2,
            "statementType": "entityStatement",
            "statementDate": "2021-07-01",
            "entityType": "registeredEntity",
            "name": "Minera del Norte SAB de CV",
            "replacesStatements": [ENTITY],
            "publicationDetails": _publication("0.2"),
        },
        {
            "statementID": OWNERSHIP_V2,
            "statementType": "ownershipOrControlStatement",
            "statementDate": "2021-07-01",
            "subject": {"describedByEntityStatement": ENTITY_V2},
            "interestedParty": {"describedByPersonStatement": PERSON},
            "interests": [{"type": "shareholding", "share": {"exact": 60}}],
            "replacesStatements": [OWNERSHIP],
            "publicationDetails": _publication("0.2"),
        },
    ]


@pytest.fixture
def upgraded_02() -> UpgradeResult:
    return upgrade_statements(_file_02())


# --------------------------------------------------------------------------- detect_version


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ({"statementID": "x", "publicationDetails": {"bodsVersion": "0.2"}}, "0.2"),
        ({"statementID": "x", "publicationDetails": {"bodsVersion": "0.3"}}, "0.3"),
        ({"statementID": "x", "publicationDetails": {"bodsVersion": "0.1"}}, "0.1"),
        ({"recordId": "x", "publicationDetails": {"bodsVersion": "0.4"}}, "0.4"),
        ({"statementID": "x", "publicationDetails": {"bodsVersion": "0.2.1"}}, "0.2"),
        ({"statementType": "entityStatement", "statementID": "x"}, "0.2"),
        ({"statementType": "entityStatement", "isComponent": False}, "0.3"),
        (
            {
                "statementType": "ownershipOrControlStatement",
                "interests": [{"directOrIndirect": "direct"}],
            },
            "0.3",
        ),
        ({"statementId": "x", "recordType": "entity", "recordDetails": {}}, "0.4"),
        ({"statementID": "x", "publicationDetails": {"bodsVersion": "nonsense"}}, "0.2"),
        ({"recordType": "entity", "publicationDetails": "not an object"}, "0.4"),
        ({"name": "no statement shape at all"}, "unknown"),
    ],
)
def test_detect_version(statement: dict[str, object], expected: str) -> None:
    assert detect_version(statement) == expected


# --------------------------------------------------------------------------- 0.2 mapping


def test_02_entity(upgraded_02: UpgradeResult) -> None:
    entity = _by_id(upgraded_02)[ENTITY]
    assert entity["recordId"] == ENTITY
    assert entity["recordType"] == "entity"
    assert entity["recordStatus"] == "new"
    assert entity["declarationSubject"] == ENTITY
    assert entity["statementDate"] == "2020-03-04"
    assert entity["publicationDetails"] == {**_publication("0.2"), "bodsVersion": "0.4"}
    assert entity["source"] == {
        "type": ["officialRegister"],
        "description": "Registro Público de Comercio",
    }
    assert "statementID" not in entity
    assert "statementType" not in entity
    details = entity["recordDetails"]
    assert details["isComponent"] is False
    assert details["entityType"] == {"type": "registeredEntity"}
    assert details["jurisdiction"] == {"name": "Mexico", "code": "MX"}
    assert "incorporatedInJurisdiction" not in details
    assert details["identifiers"] == [{"scheme": "MX-RFC", "id": "MNO010101AAA"}]
    assert details["foundingDate"] == "2001-05-01"
    assert details["addresses"] == [
        {
            "type": "registered",
            "address": "Av. Reforma 1, CDMX",
            "country": {"name": "MX", "code": "MX"},
        }
    ]
    notes = _warnings_about(upgraded_02, ENTITY)
    assert any("upgraded from BODS 0.2 to 0.4" in w for w in notes)
    assert any("foundingDate '2001-05'" in w and "2001-05-01" in w for w in notes)
    assert any("country name" in w and "addresses[0].country 'MX'" in w for w in notes)


def test_02_person(upgraded_02: UpgradeResult) -> None:
    person = _by_id(upgraded_02)[PERSON]
    assert person["recordType"] == "person"
    assert person["recordId"] == PERSON
    assert person["declarationSubject"] == PERSON
    details = person["recordDetails"]
    assert details["personType"] == "knownPerson"
    assert details["isComponent"] is False
    assert details["names"][0]["type"] == "legal"
    assert details["names"][0]["fullName"] == "Ana López García"
    assert details["names"][1] == {
        "type": "alternative",
        "givenName": "Anita",
        "familyName": "López",
        "fullName": "Anita López",
    }
    assert details["nationalities"] == [{"code": "MX", "name": "MX"}]
    assert details["birthDate"] == "1970-02"  # 0.4 allows year-month birth dates
    assert details["addresses"][0]["type"] == "residence"
    assert details["politicalExposure"] == {"status": "isNotPep"}
    assert "hasPepStatus" not in details
    notes = _warnings_about(upgraded_02, PERSON)
    assert any("names[1] had no fullName" in w for w in notes)


def test_02_ownership_shares_and_interest_types(upgraded_02: UpgradeResult) -> None:
    relationship = _by_id(upgraded_02)[OWNERSHIP]
    assert relationship["recordType"] == "relationship"
    assert relationship["declarationSubject"] == ENTITY
    details = relationship["recordDetails"]
    assert details["isComponent"] is False
    assert details["subject"] == ENTITY
    assert details["interestedParty"] == PERSON
    interests = details["interests"]
    assert interests[0] == {
        "type": "shareholding",
        "directOrIndirect": "direct",
        "beneficialOwnershipOrControl": True,
        "share": {"maximum": 50, "exclusiveMinimum": 25},
        "startDate": "2016-04-06",
    }
    assert interests[1]["directOrIndirect"] == "indirect"
    assert interests[1]["share"] == {"exact": 30}
    assert interests[2]["directOrIndirect"] == "unknown"
    assert all("interestLevel" not in i for i in interests)
    assert [i["type"] for i in interests] == [
        "shareholding",
        "votingRights",
        "appointmentOfBoard",
        "seniorManagingOfficial",
        "settlor",
        "trustee",
        "protector",
        "beneficiaryOfLegalArrangement",
        "otherInfluenceOrControl",
        "otherInfluenceOrControl",
        "unknownInterest",
    ]
    # lossy mappings keep the original code in details and are named in a warning
    assert interests[9]["details"] == (
        "fideicomiso (original interest type: other-influence-or-control-of-trust)"
    )
    assert interests[10]["details"] == "original interest type: other-social-enterprise"
    notes = _warnings_about(upgraded_02, OWNERSHIP)
    assert any("interests[9].type 'other-influence-or-control-of-trust'" in w for w in notes)
    assert any(
        "interests[10].type 'other-social-enterprise'" in w and "unknownInterest" in w
        for w in notes
    )


def test_02_unspecified_interested_party(upgraded_02: UpgradeResult) -> None:
    relationship = _by_id(upgraded_02)[UNSPECIFIED]
    assert relationship["recordDetails"]["subject"] == ENTITY
    assert relationship["recordDetails"]["interestedParty"] == {
        "reason": "subjectExemptFromDisclosure",
        "description": "Empresa listada en la BMV",
    }
    assert relationship["declarationSubject"] == ENTITY
    assert "source" not in relationship


@pytest.mark.parametrize(
    ("reason_02", "reason_04"),
    [
        ("no-beneficial-owners", "noBeneficialOwners"),
        (
            "subject-unable-to-confirm-or-identify-beneficial-owner",
            "subjectUnableToConfirmOrIdentifyBeneficialOwner",
        ),
        (
            "interested-party-has-not-provided-information",
            "interestedPartyHasNotProvidedInformation",
        ),
        ("subject-exempt-from-disclosure", "subjectExemptFromDisclosure"),
        ("interested-party-exempt-from-disclosure", "interestedPartyExemptFromDisclosure"),
        ("unknown", "unknown"),
        ("informationUnknownToPublisher", "informationUnknownToPublisher"),
    ],
)
def test_unspecified_reasons(reason_02: str, reason_04: str) -> None:
    statement = {
        "statementID": _id("ooc"),
        "statementType": "ownershipOrControlStatement",
        "statementDate": "2020-01-01",
        "subject": {"describedByEntityStatement": ENTITY},
        "interestedParty": {"unspecified": {"reason": reason_02}},
    }
    result = upgrade_statements([statement])
    assert result.statements[0]["recordDetails"]["interestedParty"] == {"reason": reason_04}


def test_unknown_unspecified_reason_is_kept_in_description() -> None:
    statement = {
        "statementID": _id("ooc"),
        "statementType": "ownershipOrControlStatement",
        "statementDate": "2020-01-01",
        "subject": {"describedByEntityStatement": ENTITY},
        "interestedParty": {"unspecified": {"reason": "secret", "description": "no sabemos"}},
    }
    result = upgrade_statements([statement])
    assert result.statements[0]["recordDetails"]["interestedParty"] == {
        "reason": "unknown",
        "description": "no sabemos (original reason: secret)",
    }
    assert any("'secret'" in w for w in _warnings_about(result, _id("ooc")))


def test_02_replacement_chain(upgraded_02: UpgradeResult) -> None:
    by_id = _by_id(upgraded_02)
    first, second = by_id[ENTITY], by_id[ENTITY_V2]
    assert first["recordId"] == ENTITY
    assert first["recordStatus"] == "new"
    assert second["recordId"] == ENTITY  # the replacement updates the same record
    assert second["recordStatus"] == "updated"
    assert second["declarationSubject"] == ENTITY
    assert second["statementId"] == ENTITY_V2
    # a relationship pointing at the replacement points at the record
    relationship = by_id[OWNERSHIP_V2]
    assert relationship["recordId"] == OWNERSHIP
    assert relationship["recordStatus"] == "updated"
    assert relationship["recordDetails"]["subject"] == ENTITY
    assert relationship["declarationSubject"] == ENTITY
    assert any(f"continuing record {ENTITY}" in w for w in _warnings_about(upgraded_02, ENTITY_V2))


def test_chain_of_three_and_order_independence() -> None:
    first, second, third = _id("chain-1"), _id("chain-2"), _id("chain-3")

    def entity(sid: str, replaces: list[str]) -> dict[str, Any]:
        statement: dict[str, Any] = {
            "statementID": sid,
            "statementType": "entityStatement",
            "statementDate": "2020-01-01",
            "entityType": "legalEntity",
        }
        if replaces:
            statement["replacesStatements"] = replaces
        return statement

    # the latest statement comes first in the file: the chain is still followed
    result = upgrade_statements(
        [entity(third, [second]), entity(first, []), entity(second, [first])]
    )
    assert [s["recordId"] for s in result.statements] == [first, first, first]
    assert [s["recordStatus"] for s in result.statements] == ["updated", "new", "updated"]


def test_replaced_statement_outside_batch() -> None:
    missing, sid = _id("earlier-file"), _id("later")
    result = upgrade_statements(
        [
            {
                "statementID": sid,
                "statementType": "entityStatement",
                "statementDate": "2020-01-01",
                "entityType": "registeredEntity",
                "replacesStatements": [missing],
            }
        ]
    )
    statement = result.statements[0]
    assert statement["recordId"] == missing
    assert statement["recordStatus"] == "updated"
    assert any(f"replaces statement {missing}" in w for w in _warnings_about(result, sid))


def test_replacement_cycle_does_not_hang() -> None:
    a, b = _id("cycle-a"), _id("cycle-b")
    statements = [
        {
            "statementID": a,
            "statementType": "entityStatement",
            "entityType": "registeredEntity",
            "replacesStatements": [b],
        },
        {
            "statementID": b,
            "statementType": "entityStatement",
            "entityType": "registeredEntity",
            "replacesStatements": [a],
        },
    ]
    result = upgrade_statements(statements)
    assert {s["recordId"] for s in result.statements} == {a}
    assert any("loops back" in w for w in result.warnings)


# --------------------------------------------------------------------------- 0.3


def _file_03() -> list[dict[str, Any]]:
    publication = _publication("0.3")
    return [
        {
            "statementID": _id("sener"),
            "statementType": "entityStatement",
            "statementDate": "2022-01-10",
            "isComponent": False,
            "entityType": "stateBody",
            "entitySubtype": {
                "generalCategory": "stateBody-governmentDepartment",
                "localTerm": "Secretaría",
            },
            "name": "Secretaría de Energía",
            "jurisdiction": {"name": "Mexico", "code": "MX"},
            "formedByStatute": {"name": "Ley Orgánica", "date": "1976"},
            "publicationDetails": publication,
        },
        {
            "statementID": _id("holding"),
            "statementType": "entityStatement",
            "statementDate": "2022-01-10",
            "isComponent": True,
            "entityType": "registeredEntity",
            "name": "Tenedora SA",
            "publicationDetails": publication,
        },
        {
            "statementID": _id("mina"),
            "statementType": "entityStatement",
            "statementDate": "2022-01-10",
            "isComponent": False,
            "entityType": "registeredEntity",
            "name": "Mina SA",
            "publicationDetails": publication,
        },
        {
            "statementID": _id("luis"),
            "statementType": "personStatement",
            "statementDate": "2022-01-10",
            "isComponent": False,
            "personType": "knownPerson",
            "names": [{"type": "individual", "fullName": "Luis Pérez"}],
            "politicalExposure": {
                "status": "isPep",
                "details": [{"reason": "Diputado", "startDate": "2018-09-01T00:00:00Z"}],
            },
            "publicationDetails": publication,
        },
        {
            "statementID": _id("ooc-component"),
            "statementType": "ownershipOrControlStatement",
            "statementDate": "2022-01-10",
            "isComponent": True,
            "subject": {"describedByEntityStatement": _id("mina")},
            "interestedParty": {"describedByEntityStatement": _id("holding")},
            "interests": [{"type": "shareholding", "directOrIndirect": "direct"}],
            "publicationDetails": publication,
        },
        {
            "statementID": _id("ooc-primary"),
            "statementType": "ownershipOrControlStatement",
            "statementDate": "2022-01-10",
            "isComponent": False,
            "componentStatementIDs": [_id("holding"), _id("ooc-component")],
            "subject": {"describedByEntityStatement": _id("mina")},
            "interestedParty": {"describedByPersonStatement": _id("luis")},
            "interests": [
                {
                    "type": "rightsToProfitOrIncome",
                    "directOrIndirect": "indirect",
                    "beneficialOwnershipOrControl": True,
                    "share": {"exclusiveMinimum": 25, "maximum": 50},
                }
            ],
            "publicationDetails": publication,
        },
    ]


def test_03_file() -> None:
    result = upgrade_statements(_file_03())
    by_id = _by_id(result)
    assert result.warnings[0].startswith("upgrade summary: of 6 statements, 6 upgraded")
    assert "0.3 to 0.4" in result.warnings[0]

    state_body = by_id[_id("sener")]["recordDetails"]
    assert state_body["entityType"] == {
        "type": "stateBody",
        "subtype": "governmentDepartment",
        "details": "Secretaría",
    }
    assert state_body["jurisdiction"] == {"name": "Mexico", "code": "MX"}
    assert state_body["formedByStatute"] == {"name": "Ley Orgánica", "date": "1976-01-01"}

    assert by_id[_id("holding")]["recordDetails"]["isComponent"] is True

    person = by_id[_id("luis")]["recordDetails"]
    assert person["names"] == [{"type": "legal", "fullName": "Luis Pérez"}]
    assert person["politicalExposure"] == {
        "status": "isPep",
        "details": [{"reason": "Diputado", "startDate": "2018-09-01"}],
    }

    component = by_id[_id("ooc-component")]["recordDetails"]
    assert component["isComponent"] is True
    assert "componentRecords" not in component

    primary = by_id[_id("ooc-primary")]
    assert primary["declarationSubject"] == _id("mina")
    details = primary["recordDetails"]
    assert details["componentRecords"] == [_id("holding"), _id("ooc-component")]
    assert details["subject"] == _id("mina")
    assert details["interestedParty"] == _id("luis")
    assert details["interests"] == [
        {
            "type": "rightsToProfitOrIncome",
            "directOrIndirect": "indirect",
            "beneficialOwnershipOrControl": True,
            "share": {"exclusiveMinimum": 25, "maximum": 50},
        }
    ]


def test_02_pep_details_without_status() -> None:
    sid = _id("pep")
    result = upgrade_statements(
        [
            {
                "statementID": sid,
                "statementType": "personStatement",
                "personType": "knownPerson",
                "pepStatusDetails": [{"reason": "Senadora", "jurisdiction": {"code": "MX"}}],
            }
        ]
    )
    exposure = result.statements[0]["recordDetails"]["politicalExposure"]
    assert exposure == {
        "status": "isPep",
        "details": [{"reason": "Senadora", "jurisdiction": {"code": "MX", "name": "MX"}}],
    }
    assert any("inferred" in w for w in _warnings_about(result, sid))


# --------------------------------------------------------------------------- 0.4 and mixes


def _statement_04() -> dict[str, Any]:
    return {
        "statementId": _id("v04-entity"),
        "declarationSubject": "rec-minera",
        "statementDate": "2024-01-15",
        "publicationDetails": _publication("0.4"),
        "recordId": "rec-minera",
        "recordStatus": "new",
        "recordType": "entity",
        "recordDetails": {
            "isComponent": False,
            "entityType": {"type": "registeredEntity"},
            "name": "Minera Cuatro SA",
            # something the upgrader would touch if it did not pass 0.4 through
            "foundingDate": "2001",
        },
    }


def test_04_passes_through_unchanged() -> None:
    original = _statement_04()
    result = upgrade_statements([original])
    assert result.statements == [_statement_04()]
    assert result.statements[0] is not original
    assert result.warnings == [
        "upgrade summary: of 1 statements, 1 already BODS 0.4 and passed through"
    ]


def test_04_examples_pass_through_unchanged() -> None:
    examples = _shared(SHARED_DATA / "bods" / "data-standard" / "examples")
    files = sorted(examples.glob("*.json"))
    assert files
    for path in files:
        statements = json.loads(path.read_text(encoding="utf-8"))
        result = upgrade_statements(statements)
        assert result.statements == statements, path.name
        assert len(result.warnings) == 1, path.name


def test_mixed_batch_refers_to_04_records() -> None:
    sid = _id("old-ooc")
    old = {
        "statementID": sid,
        "statementType": "ownershipOrControlStatement",
        "statementDate": "2020-01-01",
        "subject": {"describedByEntityStatement": _id("v04-entity")},
        "interestedParty": {"unspecified": {"reason": "unknown"}},
        "publicationDetails": _publication("0.2"),
    }
    result = upgrade_statements([_statement_04(), old])
    assert result.statements[0] == _statement_04()
    assert result.statements[1]["recordDetails"]["subject"] == "rec-minera"
    assert result.statements[1]["declarationSubject"] == "rec-minera"
    assert "1 upgraded from BODS 0.2" in result.warnings[0]
    assert "1 already BODS 0.4" in result.warnings[0]


def test_mislabelled_versions_follow_the_shape() -> None:
    old_shape = {**_file_02()[0], "publicationDetails": _publication("0.4")}
    new_shape = {**_statement_04(), "publicationDetails": _publication("0.2")}
    result = upgrade_statements([old_shape, new_shape])
    assert result.statements[0]["recordId"] == ENTITY
    assert result.statements[0]["recordDetails"]["entityType"] == {"type": "registeredEntity"}
    assert result.statements[1] == new_shape
    assert any("labelled BODS 0.4 but has the 0.2 shape" in w for w in result.warnings)
    assert any("labelled BODS 0.2 but has the 0.4 shape" in w for w in result.warnings)


def test_duplicate_statement_ids_are_reported() -> None:
    statement = _file_02()[0]
    result = upgrade_statements([statement, copy.deepcopy(statement)])
    assert [s["recordId"] for s in result.statements] == [ENTITY, ENTITY]
    assert any("appears earlier in this batch" in w for w in _warnings_about(result, ENTITY))


# --------------------------------------------------------------------------- warnings


def test_warnings_name_statements_and_start_with_summary(upgraded_02: UpgradeResult) -> None:
    summary, *rest = upgraded_02.warnings
    assert summary == "upgrade summary: of 6 statements, 6 upgraded from BODS 0.2 to 0.4"
    ids = {s["statementID"] for s in _file_02()}
    pattern = re.compile(r"^statement (\S+): \S")
    for warning in rest:
        match = pattern.match(warning)
        assert match is not None, warning
        assert match.group(1) in ids, warning
    for sid in ids:
        assert any(w.startswith(f"statement {sid}: upgraded from BODS 0.2 to 0.4") for w in rest), (
            sid
        )


def test_unmapped_values_are_kept_with_a_warning() -> None:
    sid = _id("extras")
    result = upgrade_statements(
        [
            {
                "statementID": sid,
                "statementType": "entityStatement",
                "statementDate": "2020-01-01",
                "entityType": "trust",
                "incorporatedInCompanyRegister": "Registro Público",
                "addresses": [{"type": "residence", "address": "Calle 1"}],
                "source": {"type": ["officialRegister", "rumour"]},
            }
        ]
    )
    statement = result.statements[0]
    details = statement["recordDetails"]
    assert details["incorporatedInCompanyRegister"] == "Registro Público"
    assert details["entityType"] == {
        "type": "unknownEntity",
        "details": "entityType given as trust",
    }
    assert details["addresses"] == [{"address": "Calle 1"}]
    assert statement["source"] == {"type": ["officialRegister"]}
    notes = " | ".join(_warnings_about(result, sid))
    assert "incorporatedInCompanyRegister has no 0.4 equivalent" in notes
    assert "entityType 'trust'" in notes
    assert "addresses[0].type 'residence'" in notes
    assert "'rumour'" in notes


def test_annotation_pointers_follow_the_fields() -> None:
    annotation = {"motivation": "commenting", "description": "nota"}
    sid = _id("annotated")
    pointers = {
        "/": "",
        "/statementID": "/statementId",
        "/statementDate": "/statementDate",
        "/interests/0/type": "/recordDetails/interests/0/type",
        "/interests/1/interestLevel": "/recordDetails/interests/1/directOrIndirect",
        "/interestedParty/describedByPersonStatement": "/recordDetails/interestedParty",
        "/subject": "/recordDetails/subject",
    }
    statement = {
        "statementID": sid,
        "statementType": "ownershipOrControlStatement",
        "statementDate": "2020-01-01",
        "subject": {"describedByEntityStatement": ENTITY},
        "interestedParty": {"describedByPersonStatement": PERSON},
        "annotations": [{**annotation, "statementPointerTarget": p} for p in pointers],
    }
    result = upgrade_statements([statement])
    targets = [a["statementPointerTarget"] for a in result.statements[0]["annotations"]]
    assert targets == list(pointers.values())


def test_references_outside_the_batch_are_reported() -> None:
    sid = _id("lonely-ooc")
    result = upgrade_statements(
        [
            {
                "statementID": sid,
                "statementType": "ownershipOrControlStatement",
                "statementDate": "2020-01-01",
                "subject": {"describedByEntityStatement": ENTITY},
                "interestedParty": {"describedByPersonStatement": PERSON},
            }
        ]
    )
    details = result.statements[0]["recordDetails"]
    assert (details["subject"], details["interestedParty"]) == (ENTITY, PERSON)
    notes = _warnings_about(result, sid)
    assert any(f"refers to statement {ENTITY}, which is not in this batch" in w for w in notes)
    assert any(f"refers to statement {PERSON}, which is not in this batch" in w for w in notes)


# --------------------------------------------------------------------------- malformed input


def _bad(**changes: Any) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "statementID": _id("bad"),
        "statementType": "ownershipOrControlStatement",
        "statementDate": "2020-01-01",
        "subject": {"describedByEntityStatement": ENTITY},
        "interestedParty": {"describedByPersonStatement": PERSON},
    }
    for key, value in changes.items():
        if value is None:
            statement.pop(key, None)
        else:
            statement[key] = value
    return statement


@pytest.mark.parametrize(
    "statement",
    [
        _bad(subject=None),
        _bad(subject=7),
        _bad(interestedParty={"somethingElse": 1}),
        _bad(statementType="annotationStatement"),
        _bad(statementID=None),
        {"name": "not a statement"},
    ],
)
def test_statements_that_cannot_be_upgraded_come_back_unchanged(
    statement: dict[str, Any],
) -> None:
    result = upgrade_statements([statement])
    assert result.statements == [statement]
    assert "could not be upgraded" in result.warnings[0]
    assert any("returned unchanged" in w for w in result.warnings[1:])


@pytest.mark.parametrize(
    "mutate",
    [
        lambda s: s.update(interests="lots"),
        lambda s: s.update(interests=[None, 3, {"share": "half"}, {"type": 5}]),
        lambda s: s.update(publicationDetails=["x"]),
        lambda s: s.update(source="GLEIF"),
        lambda s: s.update(annotations={"a": 1}),
        lambda s: s.update(replacesStatements=7),
        lambda s: s.update(replacesStatements=[None, _id("bad")]),
        lambda s: s.update(componentStatementIDs="x", isComponent="yes"),
        lambda s: s.update(statementDate=20200101),
        lambda s: s.update(interestedParty={"unspecified": "why"}),
    ],
)
def test_malformed_values_never_raise(mutate: Callable[[dict[str, Any]], None]) -> None:
    statement = _bad()
    mutate(statement)
    result = upgrade_statements([statement])
    assert len(result.statements) == 1
    assert len(result.warnings) >= 2


def test_non_objects_and_empty_input_never_raise() -> None:
    result = upgrade_statements([None, "text", 3])  # type: ignore[list-item]
    assert result.statements == [None, "text", 3]  # type: ignore[comparison-overlap]
    assert "3 could not be upgraded" in result.warnings[0]
    empty = upgrade_statements([])
    assert empty.statements == []
    assert empty.warnings == ["upgrade summary: the batch holds no statements"]


def test_output_does_not_alias_input() -> None:
    statements = [*_file_02(), _statement_04()]
    before = copy.deepcopy(statements)
    result = upgrade_statements(statements)
    for statement in result.statements:
        statement["recordDetails"]["mutated"] = True
        for value in statement["recordDetails"].values():
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, dict):
                        item["mutated"] = True
    assert statements == before


# --------------------------------------------------------------------------- validator


def _validator() -> Callable[[object, int], list[Any]]:
    module = pytest.importorskip("ingest.bods.validate")
    validate: Callable[[object, int], list[Any]] = module.validate_statement
    return validate


def test_hand_built_upgrades_validate() -> None:
    validate = _validator()
    for statements in (_file_02(), _file_03()):
        result = upgrade_statements(statements)
        problems = [p for i, s in enumerate(result.statements) for p in validate(s, i)]
        assert problems == []


# --------------------------------------------------------------------------- real gleif samples


def _looks_like_bods(item: object) -> bool:
    return isinstance(item, dict) and "statementID" in item and "statementType" in item


def _gleif_files() -> dict[str, list[Any]]:
    folder = _shared(GLEIF_FIXTURES)
    files: dict[str, list[Any]] = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, list), f"{path.name} is not a JSON array"
        files[path.name] = data
    return files


def _gleif_bods_files() -> dict[str, list[dict[str, Any]]]:
    return {
        name: items
        for name, items in _gleif_files().items()
        if items and all(_looks_like_bods(item) for item in items)
    }


@pytest.mark.shared_data
def test_gleif_which_files_are_bods() -> None:
    files = _gleif_files()
    bods = _gleif_bods_files()
    # the generated *-out.json files are BODS 0.2; the rest are GLEIF source records
    assert sorted(bods) == sorted(name for name in files if name.endswith("-out.json"))
    assert len(bods) == 10
    for name, items in files.items():
        if name in bods:
            assert {detect_version(item) for item in items} == {"0.2"}, name
        else:
            assert not any(_looks_like_bods(item) for item in items), name
            assert all(
                isinstance(item, dict) and ("LEI" in item or "Relationship" in item)
                for item in items
            ), name


@pytest.mark.shared_data
def test_gleif_statements_upgrade() -> None:
    total = 0
    for name, items in _gleif_bods_files().items():
        result = upgrade_statements(items)
        assert len(result.statements) == len(items), name
        assert result.warnings[0] == (
            f"upgrade summary: of {len(items)} statements, {len(items)} upgraded from "
            "BODS 0.2 to 0.4"
        ), name
        for original, upgraded in zip(items, result.statements, strict=True):
            sid = original["statementID"]
            assert upgraded["statementId"] == sid
            assert upgraded["recordId"] == sid  # the samples hold no replacement chains
            assert upgraded["recordStatus"] == "new"
            assert upgraded["publicationDetails"]["bodsVersion"] == "0.4"
            assert upgraded["source"] == original["source"]
            assert upgraded["recordType"] in {"entity", "person", "relationship"}
            assert any(
                w.startswith(f"statement {sid}: upgraded from BODS 0.2 to 0.4")
                for w in result.warnings
            ), sid
        total += len(items)
    assert total == 96


def _unresolved(result: UpgradeResult) -> list[tuple[str, str, str]]:
    records = {s["recordId"] for s in result.statements}
    missing: list[tuple[str, str, str]] = []
    for statement in result.statements:
        if statement["recordType"] != "relationship":
            continue
        for end in ("subject", "interestedParty"):
            target = statement["recordDetails"][end]
            if isinstance(target, str) and target not in records:
                missing.append((statement["statementId"], end, target))
    return missing


@pytest.mark.shared_data
def test_gleif_relationship_ends_resolve_or_are_reported() -> None:
    unresolved_counts: dict[str, int] = {}
    for name, items in _gleif_bods_files().items():
        result = upgrade_statements(items)
        missing = _unresolved(result)
        unresolved_counts[name] = len(missing)
        for sid, end, target in missing:
            assert any(
                w.startswith(f"statement {sid}: {end}.")
                and f"refers to statement {target}, which is not in this batch" in w
                for w in result.warnings
            ), (name, sid, end)
        if name.startswith("repex"):
            # reporting exceptions: the unknown owner is always in the same file ...
            for statement in result.statements:
                if statement["recordType"] == "relationship":
                    assert statement["recordDetails"]["interestedParty"] in {
                        s["recordId"] for s in result.statements
                    }
    # ... while the subjects of repex and both ends of rr relationships are LEI entities
    # published in other files (and mostly not in the samples at all)
    assert unresolved_counts == {
        "lei-data-out.json": 0,
        "lei-updates-data-out.json": 0,
        "lei-updates-data2-new-out.json": 0,
        "lei-updates-data2-out.json": 0,
        "repex-updates-data2-new-out.json": 7,
        "repex-updates-data2-out.json": 7,
        "rr-data-out.json": 20,
        "rr-updates-data-out.json": 6,
        "rr-updates-data2-new-out.json": 20,
        "rr-updates-data2-out.json": 22,
    }


@pytest.mark.shared_data
def test_gleif_lossy_mappings_are_warned() -> None:
    items = _gleif_bods_files()["rr-updates-data2-out.json"]
    result = upgrade_statements(items)
    first = result.statements[0]
    assert first["recordDetails"]["interests"][0]["startDate"] == "2005-03-23"
    assert any("'2005-03-23T08:00:00+01:00' was a date-time" in w for w in result.warnings)
    entities = upgrade_statements(_gleif_bods_files()["lei-data-out.json"])
    assert entities.statements[0]["recordDetails"]["foundingDate"] == "2012-11-29"
    assert sum("country name" in w for w in entities.warnings) == 5


@pytest.mark.shared_data
def test_gleif_upgrades_validate() -> None:
    validate = _validator()
    for name, items in _gleif_bods_files().items():
        result = upgrade_statements(items)
        problems = [
            (p.statement_id, p.rule, p.path)
            for i, s in enumerate(result.statements)
            for p in validate(s, i)
        ]
        assert problems == [], name
