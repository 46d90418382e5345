"""The demo data set: a small, made-up Mexican extractive group in BODS 0.4.

It shows each thing the registry is for: a hydrocarbon contract holder owned through an
indirect chain, a trust (fideicomiso) with settlor, trustee and beneficiary, joint
ownership, a circular holding, and an owner the company could not identify. Every name
and RFC here is invented.

Ownership, worked out by hand (percentages of Petrolera del Golfo Demo):

* Inversiones Istmo owns 60 %, Fideicomiso Minero Demo owns 40 %.
* Istmo is owned 50 % by a joint arrangement of Carlos Mendoza Ruiz and Ana Torres Vega
  (50 % each) and 50 % by Grupo Sierra Madre.
* Sierra Madre and Comercializadora Norte own each other (70 % and 80 %): a cycle. An
  unidentified owner holds the other 30 % of Sierra Madre; Offshore Holdings (Panama)
  holds the other 20 % of Comercializadora Norte.
* Carlos and Ana therefore each own 60 × 50 × 50 % = 15 % of Petrolera: not more than
  15 %, so not beneficial owners by the CFF, nor by the LFPIORPI (25 %).
* The trust's settlor, trustee and beneficiary are beneficial owners by CFF art. 32-B
  Quinquies, because the trust holds 40 % (> 15 %).
* Minera Plata Real is held 100 % by Holding Minero del Norte, itself 80 % Istmo's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEMO_FILE_NAME = "demo-bods.json"

#: Files the generator writes, and the source (adapter) that reads each.
GENERATED_SOURCES: dict[str, str] = {
    "companies.csv": "companies",
    "cnh-contracts.csv": "cnh-contracts",
    "cnh-participations.csv": "cnh-participations",
    "bo-declarations.csv": "bo-declarations",
    "mining-concessions.csv": "mining-concessions",
    "mining-acts.csv": "mining-acts",
    "trusts.csv": "trusts",
    "trust-parties.csv": "trust-parties",
    "pep.csv": "pep",
    "sat-69b.csv": "sat-69b",
    "sfp-sanctions.csv": "sfp-sanctions",
    "compranet.csv": "compranet",
}
_DATE = "2025-01-15"
_PUBLICATION = {
    "publicationDate": _DATE,
    "bodsVersion": "0.4",
    "publisher": {"name": "mx-bo-registry demo (synthetic data)"},
}
_SOURCE = {"type": ["selfDeclaration"], "description": "Synthetic demo declaration"}


def _statement(
    number: int, record_id: str, record_type: str, subject: str, details: dict[str, Any]
) -> dict[str, Any]:
    return {
        "statementId": f"demo-statement-{number:04d}-0000-0000-000000000000",
        "declarationSubject": subject,
        "statementDate": _DATE,
        "recordId": record_id,
        "recordType": record_type,
        "recordStatus": "new",
        "recordDetails": details,
        "publicationDetails": _PUBLICATION,
        "source": _SOURCE,
    }


def _entity(
    rid: str,
    name: str,
    rfc: str | None,
    *,
    trust: bool = False,
    country: str = "MX",
    arrangement: bool = False,
) -> tuple[str, str, dict[str, Any]]:
    entity_type: dict[str, Any] = {"type": "registeredEntity"}
    if trust:
        entity_type = {"type": "arrangement", "subtype": "trust"}
    elif arrangement:
        entity_type = {"type": "arrangement"}
    details: dict[str, Any] = {"isComponent": False, "entityType": entity_type, "name": name}
    if rfc:
        details["identifiers"] = [{"scheme": "MX-RFC", "id": rfc}]
    if not arrangement:
        details["jurisdiction"] = {
            "code": country,
            "name": {"MX": "Mexico", "PA": "Panama"}[country],
        }
    return rid, "entity", details


def _person(rid: str, name: str, rfc: str, *, pep: bool = False) -> tuple[str, str, dict[str, Any]]:
    details: dict[str, Any] = {
        "isComponent": False,
        "personType": "knownPerson",
        "names": [{"type": "legal", "fullName": name}],
        "identifiers": [{"scheme": "MEX-TAXID", "id": rfc}],
        "nationalities": [{"code": "MX", "name": "Mexico"}],
    }
    if pep:
        details["politicalExposure"] = {"status": "isPep"}
    return rid, "person", details


def _owns(
    rid: str, owner: str | dict[str, str], subject: str, interests: list[dict[str, Any]]
) -> tuple[str, str, dict[str, Any]]:
    details = {
        "isComponent": False,
        "subject": subject,
        "interestedParty": owner,
        "interests": interests,
    }
    return rid, "relationship", details


def _shares(pct: float | None, kind: str = "shareholding") -> dict[str, Any]:
    interest: dict[str, Any] = {
        "type": kind,
        "directOrIndirect": "direct",
        "beneficialOwnershipOrControl": False,
        "startDate": "2020-01-01",
    }
    if pct is not None:
        interest["share"] = {"exact": pct}
    return interest


def demo_statements() -> list[dict[str, Any]]:
    """The demo's BODS 0.4 statements, deterministic."""
    parties = [
        _entity("mx-petrolera-golfo", "Petrolera del Golfo Demo, S.A. de C.V.", "PGD150101AB1"),
        _entity("mx-inversiones-istmo", "Inversiones Istmo, S.A.P.I. de C.V.", "IIS120315KL2"),
        _entity("mx-fideicomiso-minero", "Fideicomiso Minero Demo 1234", None, trust=True),
        _entity("mx-banco-fiduciario", "Banco Fiduciario Demo, S.A.", "BFD990101QW3"),
        _entity("mx-arreglo-mendoza-torres", "Copropiedad Mendoza-Torres", None, arrangement=True),
        _entity("mx-grupo-sierra-madre", "Grupo Sierra Madre, S.A. de C.V.", "GSM100707ZX4"),
        _entity(
            "mx-comercializadora-norte",
            "Comercializadora Norte, S. de R.L. de C.V.",
            "CNO110808RT5",
        ),
        _entity("pa-offshore-holdings", "Offshore Holdings Inc.", None, country="PA"),
        _entity(
            "mx-holding-minero-norte", "Holding Minero del Norte, S.A. de C.V.", "HMN130909UV6"
        ),
        _entity("mx-minera-plata-real", "Minera Plata Real, S.A. de C.V.", "MPR140101GH7"),
        _person("mx-p-carlos-mendoza", "Carlos Mendoza Ruiz", "MERC700101AB1"),
        _person("mx-p-ana-torres", "Ana Torres Vega", "TOVA750505CD2"),
        _person("mx-p-maria-lopez", "María Fernanda López Hernández", "LOHM680202EF3", pep=True),
        _person("mx-p-jorge-ramirez", "Jorge Ramírez Soto", "RASJ800303GH4"),
    ]
    unknown = {
        "reason": "subjectUnableToConfirmOrIdentifyBeneficialOwner",
        "description": "Grupo Sierra Madre could not identify the holder of 30 % of its shares",
    }
    relationships = [
        _owns(
            "rel-istmo-petrolera",
            "mx-inversiones-istmo",
            "mx-petrolera-golfo",
            [_shares(60), _shares(60, "votingRights")],
        ),
        _owns(
            "rel-fideicomiso-petrolera",
            "mx-fideicomiso-minero",
            "mx-petrolera-golfo",
            [_shares(40)],
        ),
        _owns(
            "rel-maria-settlor",
            "mx-p-maria-lopez",
            "mx-fideicomiso-minero",
            [_shares(None, "settlor")],
        ),
        _owns(
            "rel-banco-trustee",
            "mx-banco-fiduciario",
            "mx-fideicomiso-minero",
            [_shares(None, "trustee")],
        ),
        _owns(
            "rel-jorge-beneficiary",
            "mx-p-jorge-ramirez",
            "mx-fideicomiso-minero",
            [_shares(None, "beneficiaryOfLegalArrangement")],
        ),
        _owns(
            "rel-arreglo-istmo", "mx-arreglo-mendoza-torres", "mx-inversiones-istmo", [_shares(50)]
        ),
        _owns(
            "rel-carlos-arreglo", "mx-p-carlos-mendoza", "mx-arreglo-mendoza-torres", [_shares(50)]
        ),
        _owns("rel-ana-arreglo", "mx-p-ana-torres", "mx-arreglo-mendoza-torres", [_shares(50)]),
        _owns("rel-sierra-istmo", "mx-grupo-sierra-madre", "mx-inversiones-istmo", [_shares(50)]),
        _owns(
            "rel-norte-sierra", "mx-comercializadora-norte", "mx-grupo-sierra-madre", [_shares(70)]
        ),
        _owns(
            "rel-sierra-norte", "mx-grupo-sierra-madre", "mx-comercializadora-norte", [_shares(80)]
        ),
        _owns("rel-unknown-sierra", unknown, "mx-grupo-sierra-madre", [_shares(30)]),
        _owns(
            "rel-offshore-norte", "pa-offshore-holdings", "mx-comercializadora-norte", [_shares(20)]
        ),
        _owns(
            "rel-istmo-holding-minero",
            "mx-inversiones-istmo",
            "mx-holding-minero-norte",
            [_shares(80)],
        ),
        _owns(
            "rel-holding-minera", "mx-holding-minero-norte", "mx-minera-plata-real", [_shares(100)]
        ),
    ]
    statements = []
    for number, (rid, rtype, details) in enumerate([*parties, *relationships], start=1):
        subject = details["subject"] if rtype == "relationship" else rid
        statements.append(_statement(number, rid, rtype, subject, details))
    return statements


def write_demo_file(directory: Path) -> Path:
    """Write the demo statements into ``directory`` and return the file's path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / DEMO_FILE_NAME
    path.write_text(
        json.dumps(demo_statements(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return path
