"""The eight CSV layouts of our own (SOURCES.md, "Our layouts"): what loads, what is rejected.

Fixtures are written into ``tmp_path`` from one valid base row per source, changed cell by
cell, so that each test says exactly which cell it is about.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from ingest.adapters import get_adapter
from ingest.ledger import Ledger, ParsedRecord
from ingest.pipeline import ingest_files
from registry.settings import Settings

# RFCs and CURPs with correct check digits (computed with python-stdnum).
RFC_TALOS = "TOS150820AB8"
RFC_SIERRA = "SOG140101AAA"
RFC_MINERA = "ACM050505EE9"
RFC_JOSE = "LOMJ800101AB5"
RFC_MARIA = "PEGM700202CD9"
RFC_LAURA = "RASL650303EF1"
CURP_JOSE = "LOMJ800101HDFPRN00"
CURP_MARIA = "PEGM700202MDFRRR07"
CURP_LAURA = "RASL650303HNLMNS06"

BASE: dict[str, dict[str, str]] = {
    "cnh-contracts": {
        "NUM_CONTRATO": "CNH-R01-L01-A7/2015",
        "RONDA": "Ronda 1",
        "LICITACION": "L01",
        "AREA_CONTRACTUAL": "Área 7",
        "TIPO_CONTRATO": "Producción Compartida",
        "UBICACION": "Aguas Someras",
        "CUENCA": "Cuencas del Sureste",
        "ENTIDAD_FEDERATIVA": "Tabasco",
        "SUPERFICIE_KM2": "464.8",
        "FECHA_FALLO": "2015-07-15",
        "FECHA_FIRMA": "04/09/2015",
        "VIGENCIA_ANIOS": "30",
        "OPERADOR": "Talos Energy Offshore Mexico 7, S. de R.L. de C.V.",
        "RFC_OPERADOR": RFC_TALOS,
        "ESTATUS": "Vigente",
    },
    "cnh-participations": {
        "NUM_CONTRATO": "CNH-R01-L01-A7/2015",
        "EMPRESA": "Sierra Oil & Gas, S. de R.L. de C.V.",
        "RFC": RFC_SIERRA,
        "PAIS_ORIGEN": "México",
        "PORCENTAJE_PARTICIPACION": "40",
        "ES_OPERADOR": "N",
        "FECHA_INICIO": "2015-09-04",
        "FECHA_FIN": "",
        "EVENTO": "Adjudicación",
    },
    "bo-declarations": {
        "ID_DECLARACION": "D-0001",
        "FECHA_DECLARACION": "2023-01-31",
        "EMPRESA_DECLARANTE": "Minera Ejemplo, S.A. de C.V.",
        "RFC_EMPRESA": RFC_MINERA,
        "TIPO_TITULAR": "Persona física",
        "NOMBRE": "José Luis",
        "PRIMER_APELLIDO": "López",
        "SEGUNDO_APELLIDO": "Martínez",
        "RAZON_SOCIAL": "",
        "RFC": RFC_JOSE,
        "CURP": CURP_JOSE,
        "NACIONALIDAD": "México",
        "JURISDICCION": "",
        "FECHA_NACIMIENTO": "01/01/1980",
        "DOMICILIO": "Av. Reforma 222, Col. Juárez, C.P. 06600, Ciudad de México",
        "TIPO_INTERES": "Accionista",
        "PORCENTAJE": "60",
        "DIRECTO_INDIRECTO": "Directo",
        "FECHA_INICIO": "2020-01-01",
        "FECHA_FIN": "",
        "MOTIVO_NO_IDENTIFICADO": "",
        "CLAVE_FIDEICOMISO": "",
        "FUENTE": "Declaración anual 2023",
    },
    "mining-concessions": {
        "TITULO": "T-227855",
        "NOMBRE_LOTE": "La Esperanza",
        "TITULAR": "Minera Ejemplo, S.A. de C.V.",
        "RFC_TITULAR": RFC_MINERA,
        "TIPO": "Concesión minera",
        "FECHA_EXPEDICION": "16 de diciembre de 2006",
        "FECHA_INICIO_VIGENCIA": "16/12/2006",
        "FECHA_FIN_VIGENCIA": "15-12-2056",
        "SUPERFICIE_HA": "1250.5",
        "ESTADO": "Sonora",
        "MUNICIPIO": "Caborca",
        "SUSTANCIAS": "Oro, Plata y Cobre",
        "SITUACION": "Vigente",
    },
    "mining-acts": {
        "TITULO": "227855",
        "NUM_INSCRIPCION": "123/2019",
        "TIPO_ACTO": "Transmisión de titularidad",
        "CEDENTE": "Minera Ejemplo, S.A. de C.V.",
        "RFC_CEDENTE": RFC_MINERA,
        "CESIONARIO": "María Pérez Gómez",
        "RFC_CESIONARIO": RFC_MARIA,
        "FECHA_INSCRIPCION": "2019-03-15",
    },
    "trust-parties": {
        "CLAVE_REGISTRO": "20070211301479",
        "PARTE": "Comité técnico",
        "TIPO_PERSONA": "Física",
        "NOMBRE": "Laura Ramírez Salinas",
        "RFC": RFC_LAURA,
        "CURP": CURP_LAURA,
        "CARGO": "vocal",
        "FECHA_INICIO": "2018-01-01",
        "FECHA_FIN": "",
    },
    "pep": {
        "ID_PEP": "PEP-001",
        "NOMBRE": "María",
        "PRIMER_APELLIDO": "Pérez",
        "SEGUNDO_APELLIDO": "Gómez",
        "CURP": CURP_MARIA,
        "RFC": RFC_MARIA,
        "CARGO": "Directora General",
        "DEPENDENCIA": "Secretaría de Energía",
        "ORDEN_GOBIERNO": "Federal",
        "FECHA_INICIO_CARGO": "2018-12-01",
        "FECHA_FIN_CARGO": "2021-06-30",
        "PARENTESCO": "",
        "ID_PEP_RELACIONADO": "",
        "FUENTE": "DeclaraNet",
    },
    "companies": {
        "RFC": RFC_MINERA,
        "RAZON_SOCIAL": "Minera Ejemplo, S.A. de C.V.",
        "FECHA_CONSTITUCION": "05/05/2005",
        "DOMICILIO": "Av. Reforma 222, Col. Juárez",
        "CODIGO_POSTAL": "6600",
        "MUNICIPIO": "Cuauhtémoc",
        "ENTIDAD_FEDERATIVA": "Ciudad de México",
        "PAIS": "",
        "TELEFONO": "+52 (55) 5555-1234",
        "REPRESENTANTE_LEGAL": "José Luis López Martínez",
        "ADMINISTRADOR_UNICO": "",
    },
}
SOURCES = sorted(BASE)


# -- helpers -------------------------------------------------------------------------------
def row(source: str, **changes: str) -> dict[str, str]:
    return {**BASE[source], **changes}


def to_csv(
    rows: Sequence[Mapping[str, str]],
    columns: Sequence[str] | None = None,
    *,
    delimiter: str = ",",
) -> str:
    names = list(columns or rows[0])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(names)
    for item in rows:
        writer.writerow([item.get(name, "") for name in names])
    return out.getvalue()


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def parse(source: str, path: Path) -> list[ParsedRecord]:
    return get_adapter(source).read(path, path.read_bytes()).records


def parse_rows(
    tmp_path: Path, source: str, rows: Sequence[Mapping[str, str]]
) -> list[ParsedRecord]:
    return parse(source, write(tmp_path, f"{source}.csv", to_csv(rows)))


def loaded(record: ParsedRecord) -> dict[str, Any]:
    assert not record.problems, [p.message for p in record.problems]
    assert record.normalised is not None
    return record.normalised


def one(tmp_path: Path, source: str, **changes: str) -> dict[str, Any]:
    (record,) = parse_rows(tmp_path, source, [row(source, **changes)])
    return loaded(record)


def party(normalised: Mapping[str, Any], role: str) -> dict[str, Any]:
    (found,) = [p for p in normalised["parties"] if p["role"] == role]
    return dict(found)


def settings(tmp_path: Path) -> Settings:
    return Settings(workspace=tmp_path / "ws")


# -- every base row loads --------------------------------------------------------------------
@pytest.mark.parametrize("source", SOURCES)
def test_base_row_loads(tmp_path: Path, source: str) -> None:
    normalised = one(tmp_path, source)
    assert normalised["source"] == source
    assert normalised["key"]


def test_adapter_names_match_the_registry() -> None:
    for source in SOURCES:
        adapter = get_adapter(source)
        assert adapter.name == source
        assert adapter.description


# -- one row per adapter, normalised -------------------------------------------------------
def test_cnh_contract_row(tmp_path: Path) -> None:
    n = one(tmp_path, "cnh-contracts")
    assert n["kind"] == "hydrocarbon_contract"
    assert n["key"] == "CNH-R01-L01-A7/2015"
    assert n["facts"] == {
        "contract": "CNH-R01-L01-A7/2015",
        "ronda": "Ronda 1",
        "licitacion": "L01",
        "area": "Área 7",
        "tipo_contrato": "Producción Compartida",
        "ubicacion": "Aguas Someras",
        "cuenca": "Cuencas del Sureste",
        "entidad": "Tabasco",
        "superficie_km2": 464.8,
        "fecha_fallo": "2015-07-15",
        "fecha_firma": "2015-09-04",
        "vigencia_anios": 30,
        "estatus": "Vigente",
    }
    operator = party(n, "operator")
    assert operator["field"] == "OPERADOR"
    assert operator["kind"] == "company"
    assert operator["name"] == "Talos Energy Offshore Mexico 7, S. de R.L. de C.V."
    assert operator["rfc"] == RFC_TALOS
    assert operator["rfc_checksum_ok"] is True


def test_cnh_participation_row(tmp_path: Path) -> None:
    n = one(tmp_path, "cnh-participations")
    assert n["kind"] == "participation"
    assert n["key"] == "CNH-R01-L01-A7/2015|Sierra Oil & Gas, S. de R.L. de C.V.|2015-09-04"
    assert n["facts"] == {
        "contract": "CNH-R01-L01-A7/2015",
        "share": {"min": 40.0, "max": 40.0, "exclusive_min": False, "exclusive_max": False},
        "operator": False,
        "start": "2015-09-04",
        "event": "Adjudicación",
    }
    member = party(n, "member")
    assert (member["field"], member["kind"], member["rfc"], member["country"]) == (
        "EMPRESA",
        "company",
        RFC_SIERRA,
        "MX",
    )


def test_bo_declaration_row_person(tmp_path: Path) -> None:
    n = one(tmp_path, "bo-declarations")
    assert n["kind"] == "declaration"
    assert n["key"] == "D-0001"
    assert n["facts"] == {
        "declaration_id": "D-0001",
        "date": "2023-01-31",
        "holder_type": "person",
        "interest_type": "shareholding",
        "committee": False,
        "share": {"min": 60.0, "max": 60.0, "exclusive_min": False, "exclusive_max": False},
        "direct_or_indirect": "direct",
        "start": "2020-01-01",
        "source": "Declaración anual 2023",
    }
    subject = party(n, "subject")
    assert (subject["field"], subject["kind"], subject["rfc"]) == (
        "EMPRESA_DECLARANTE",
        "company",
        RFC_MINERA,
    )
    owner = party(n, "owner")
    assert owner["field"] == "NOMBRE"
    assert owner["kind"] == "person"
    assert owner["name"] == "José Luis López Martínez"
    assert (owner["given_names"], owner["paternal_surname"], owner["maternal_surname"]) == (
        "José Luis",
        "López",
        "Martínez",
    )
    assert (owner["rfc"], owner["curp"], owner["country"]) == (RFC_JOSE, CURP_JOSE, "MX")
    assert owner["postal_code"] == "06600"
    assert owner["extra"]["birth_date"] == "1980-01-01"
    assert owner["extra"]["domicilio"].startswith("Av. Reforma 222")


def test_mining_concession_row(tmp_path: Path) -> None:
    n = one(tmp_path, "mining-concessions")
    assert n["kind"] == "concession"
    assert n["key"] == "227855"
    assert n["facts"] == {
        "title": "227855",
        "title_display": "T-227855",
        "lot": "La Esperanza",
        "tipo": "Concesión minera",
        "expedition": "2006-12-16",
        "start": "2006-12-16",
        "end": "2056-12-15",
        "superficie_ha": 1250.5,
        "estado": "Sonora",
        "municipio": "Caborca",
        "sustancias": ["Oro", "Plata", "Cobre"],
        "situacion": "Vigente",
    }
    holder = party(n, "holder")
    assert (holder["field"], holder["kind"], holder["rfc"]) == ("TITULAR", "company", RFC_MINERA)


def test_mining_act_row(tmp_path: Path) -> None:
    n = one(tmp_path, "mining-acts")
    assert n["kind"] == "mining_act"
    assert n["key"] == "227855|123/2019"
    assert n["facts"] == {
        "title": "227855",
        "title_display": "227855",
        "inscription": "123/2019",
        "act_type": "Transmisión de titularidad",
        "transfers_title": True,
        "date": "2019-03-15",
    }
    assignor, assignee = party(n, "from"), party(n, "to")
    assert (assignor["field"], assignor["kind"], assignor["rfc"]) == (
        "CEDENTE",
        "company",
        RFC_MINERA,
    )
    # A 13-character RFC is a person's: the assignee is a person.
    assert (assignee["field"], assignee["kind"], assignee["rfc"]) == (
        "CESIONARIO",
        "person",
        RFC_MARIA,
    )
    assert assignee["name"] == "María Pérez Gómez"


def test_trust_party_row(tmp_path: Path) -> None:
    n = one(tmp_path, "trust-parties")
    assert n["kind"] == "trust_party"
    assert n["key"] == "20070211301479|Comité técnico|Laura Ramírez Salinas"
    assert n["facts"] == {
        "clave": "20070211301479",
        "role": "committee",
        "parte": "Comité técnico",
        "cargo": "vocal",
        "start": "2018-01-01",
    }
    trust = party(n, "trust")
    assert (trust["field"], trust["kind"], trust["name"]) == (
        "CLAVE_REGISTRO",
        "trust",
        "20070211301479",
    )
    member = party(n, "committee")
    assert member["field"] == "NOMBRE"
    assert member["kind"] == "person"
    assert (member["given_names"], member["paternal_surname"], member["maternal_surname"]) == (
        "Laura",
        "Ramírez",
        "Salinas",
    )
    assert (member["rfc"], member["curp"]) == (RFC_LAURA, CURP_LAURA)


def test_pep_row(tmp_path: Path) -> None:
    n = one(tmp_path, "pep")
    assert n["kind"] == "pep"
    assert n["key"] == "PEP-001"
    assert n["facts"] == {
        "is_pep": True,
        "cargo": "Directora General",
        "dependencia": "Secretaría de Energía",
        "orden_gobierno": "Federal",
        "start": "2018-12-01",
        "end": "2021-06-30",
        "fuente": "DeclaraNet",
    }
    person = party(n, "pep")
    assert (person["field"], person["kind"], person["name"]) == (
        "NOMBRE",
        "person",
        "María Pérez Gómez",
    )
    assert (person["rfc"], person["curp"]) == (RFC_MARIA, CURP_MARIA)


def test_company_row(tmp_path: Path) -> None:
    n = one(tmp_path, "companies")
    assert n["kind"] == "company"
    assert n["key"] == RFC_MINERA
    assert n["facts"] == {
        "incorporation_date": "2005-05-05",
        "municipio": "Cuauhtémoc",
        "entidad": "Ciudad de México",
        "address": "Av. Reforma 222, Col. Juárez",
        "postal_code": "06600",
        "phone": "5555551234",
        "country": "MX",
    }
    company = party(n, "company")
    assert (company["field"], company["kind"], company["rfc"], company["country"]) == (
        "RAZON_SOCIAL",
        "company",
        RFC_MINERA,
        "MX",
    )
    assert (company["postal_code"], company["phone"]) == ("06600", "5555551234")
    assert company["address"]
    representative = party(n, "legal_representative")
    assert (representative["field"], representative["kind"]) == ("REPRESENTANTE_LEGAL", "person")
    assert representative["paternal_surname"] == "López"
    assert not [p for p in n["parties"] if p["role"] == "sole_administrator"]


# -- vocabularies ----------------------------------------------------------------------------
#: (source, column, facts key) → (cell, expected fact) for every value of the vocabulary,
#: with case, accent and punctuation variants.
VALUES: dict[tuple[str, str, str], list[tuple[str, Any]]] = {
    ("cnh-contracts", "TIPO_CONTRATO", "tipo_contrato"): [
        ("Producción Compartida", "Producción Compartida"),
        ("licencia", "Licencia"),
        ("UTILIDAD COMPARTIDA", "Utilidad Compartida"),
    ],
    ("cnh-contracts", "UBICACION", "ubicacion"): [
        ("Aguas Someras", "Aguas Someras"),
        ("aguas profundas", "Aguas Profundas"),
        ("Terrestre", "Terrestre"),
        ("No Convencional", "No Convencional"),
    ],
    ("cnh-contracts", "ESTATUS", "estatus"): [
        ("Vigente", "Vigente"),
        ("Terminado", "Terminado"),
        ("Renuncia", "Renuncia"),
        ("TERMINACION ANTICIPADA", "Terminación anticipada"),
    ],
    ("cnh-participations", "EVENTO", "event"): [
        ("Adjudicación", "Adjudicación"),
        ("Cesion de interes", "Cesión de interés"),
        ("Cambio de control", "Cambio de control"),
        ("cambio de operador", "Cambio de operador"),
    ],
    ("cnh-participations", "ES_OPERADOR", "operator"): [
        ("S", True),
        ("N", False),
        ("SI", True),
        ("NO", False),
        ("Sí", True),
        ("X", True),
        ("1", True),
        ("0", False),
        ("", None),
    ],
    ("bo-declarations", "TIPO_INTERES", "interest_type"): [
        ("Accionista", "shareholding"),
        ("Derechos de voto", "votingRights"),
        ("Nombramiento de consejeros", "appointmentOfBoard"),
        ("Control por otros medios", "otherInfluenceOrControl"),
        ("Administrador", "seniorManagingOfficial"),
        ("Fideicomitente", "settlor"),
        ("Fiduciario", "trustee"),
        ("Fideicomisario", "beneficiaryOfLegalArrangement"),
        ("Comité técnico", "otherInfluenceOrControl"),
    ],
    ("bo-declarations", "TIPO_INTERES", "committee"): [
        ("comite tecnico", True),
        ("Accionista", False),
    ],
    ("bo-declarations", "DIRECTO_INDIRECTO", "direct_or_indirect"): [
        ("Directo", "direct"),
        ("Indirecto", "indirect"),
        ("Desconocido", "unknown"),
        ("", None),
    ],
    ("bo-declarations", "TIPO_TITULAR", "holder_type"): [
        ("Persona física", "person"),
        ("PERSONA FISICA", "person"),
        ("Desconocido", "unknown"),
    ],
    ("mining-concessions", "SITUACION", "situacion"): [
        ("Vigente", "Vigente"),
        ("cancelada", "Cancelada"),
        ("En tramite", "En trámite"),
    ],
    ("mining-acts", "TIPO_ACTO", "act_type"): [
        ("Transmisión de titularidad", "Transmisión de titularidad"),
        ("Cesión", "Cesión"),
        ("Contrato de exploración", "Contrato de exploración"),
        ("contrato de explotacion", "Contrato de explotación"),
    ],
    ("mining-acts", "TIPO_ACTO", "transfers_title"): [
        ("Transmision de titularidad", True),
        ("Cesión", False),
    ],
    ("trust-parties", "PARTE", "role"): [
        ("Fideicomitente", "settlor"),
        ("Fiduciario", "trustee"),
        ("Fideicomisario", "beneficiary"),
        ("Comité técnico", "committee"),
        ("Mandante", "principal"),
        ("MANDATARIO", "agent"),
    ],
    ("pep", "ORDEN_GOBIERNO", "orden_gobierno"): [
        ("Federal", "Federal"),
        ("estatal", "Estatal"),
        ("Municipal", "Municipal"),
    ],
    ("pep", "PARENTESCO", "parentesco"): [
        ("cónyuge", "cónyuge"),
        ("Conyuge", "cónyuge"),
        ("hijo(a)", "hijo(a)"),
        ("hijo", "hijo(a)"),
        ("Hija", "hijo(a)"),
        ("padre", "padre"),
        ("madre", "madre"),
        ("hermano(a)", "hermano(a)"),
        ("hermano", "hermano(a)"),
        ("hermana", "hermano(a)"),
        ("socio", "socio"),
    ],
    ("pep", "PARENTESCO", "relation"): [("socio", "associate"), ("madre", "relative")],
}

VOCABULARY: list[tuple[str, dict[str, str], str, Any]] = [
    # (source, cells, facts key, expected value)
    *(
        (source, {column: cell}, fact, expected)
        for (source, column, fact), pairs in VALUES.items()
        for cell, expected in pairs
    ),
    # Holder types whose name is in RAZON_SOCIAL.
    (
        "bo-declarations",
        {"TIPO_TITULAR": "Persona moral", "RAZON_SOCIAL": "H SA"},
        "holder_type",
        "company",
    ),
    (
        "bo-declarations",
        {"TIPO_TITULAR": "fideicomiso", "RAZON_SOCIAL": "F 1"},
        "holder_type",
        "trust",
    ),
]


@pytest.mark.parametrize(("source", "cells", "fact", "expected"), VOCABULARY)
def test_vocabulary_values(
    tmp_path: Path, source: str, cells: dict[str, str], fact: str, expected: Any
) -> None:
    facts = one(tmp_path, source, **cells)["facts"]
    assert facts.get(fact) == expected


def test_all_vocabulary_values_in_one_file_load(tmp_path: Path) -> None:
    by_source: dict[str, list[dict[str, str]]] = {}
    for source, cells, _, _ in VOCABULARY:
        by_source.setdefault(source, []).append(row(source, **cells))
    for source, rows in by_source.items():
        records = parse_rows(tmp_path, source, rows)
        assert [r.problems for r in records] == [[] for _ in rows], source


@pytest.mark.parametrize(
    ("reason", "code"),
    [
        ("Sin beneficiario controlador", "noBeneficialOwners"),
        ("Se desconoce", "subjectUnableToConfirmOrIdentifyBeneficialOwner"),
        ("Sin respuesta", "interestedPartyHasNotProvidedInformation"),
        ("EXENTO", "subjectExemptFromDisclosure"),
        ("", "unknown"),
    ],
)
def test_unidentified_owner_reasons(tmp_path: Path, reason: str, code: str) -> None:
    n = one(
        tmp_path,
        "bo-declarations",
        TIPO_TITULAR="Desconocido",
        NOMBRE="",
        PRIMER_APELLIDO="",
        SEGUNDO_APELLIDO="",
        RFC="",
        CURP="",
        PORCENTAJE="",
        MOTIVO_NO_IDENTIFICADO=reason,
    )
    owner = party(n, "owner")
    assert owner["kind"] == "unknown"
    assert owner["field"] == "MOTIVO_NO_IDENTIFICADO"
    assert owner["unspecified_reason"] == code
    assert "share" not in n["facts"]  # blank is unknown, never zero


def test_holder_kinds(tmp_path: Path) -> None:
    moral = one(
        tmp_path,
        "bo-declarations",
        TIPO_TITULAR="Persona moral",
        RAZON_SOCIAL="Holding Caimán Ltd",
        RFC="",
        CURP="",
        NACIONALIDAD="",
        JURISDICCION="Islas Caimán",
    )
    owner = party(moral, "owner")
    assert (owner["field"], owner["kind"], owner["name"], owner["country"]) == (
        "RAZON_SOCIAL",
        "company",
        "Holding Caimán Ltd",
        "KY",
    )
    trust = one(
        tmp_path,
        "bo-declarations",
        TIPO_TITULAR="Fideicomiso",
        RAZON_SOCIAL="Fideicomiso Minero 2020",
        RFC=RFC_MINERA,
        CURP="",
        CLAVE_FIDEICOMISO="f/ 1234",
        TIPO_INTERES="Fideicomisario",
    )
    owner = party(trust, "owner")
    assert (owner["field"], owner["kind"], owner["rfc"]) == ("RAZON_SOCIAL", "trust", RFC_MINERA)
    assert owner["extra"]["clave"] == "F/1234"


def test_trust_party_person_types(tmp_path: Path) -> None:
    moral = one(
        tmp_path,
        "trust-parties",
        PARTE="Fiduciario",
        TIPO_PERSONA="Moral",
        NOMBRE="Banco Ejemplo, S.A.",
        RFC=RFC_MINERA,
        CURP="",
    )
    assert party(moral, "trustee")["kind"] == "company"
    fisica = one(tmp_path, "trust-parties", TIPO_PERSONA="fisica")
    assert party(fisica, "committee")["kind"] == "person"
    # Blank TIPO_PERSONA: a CURP or a person's RFC says person, else organisation.
    assert party(one(tmp_path, "trust-parties", TIPO_PERSONA=""), "committee")["kind"] == "person"
    guessed = one(tmp_path, "trust-parties", TIPO_PERSONA="", RFC=RFC_MINERA, CURP="")
    assert party(guessed, "committee")["kind"] == "company"


def test_pep_relative_is_not_a_pep(tmp_path: Path) -> None:
    n = one(
        tmp_path,
        "pep",
        ID_PEP="PEP-002",
        NOMBRE="Ana",
        CURP="",
        RFC="",
        CARGO="",
        DEPENDENCIA="",
        ORDEN_GOBIERNO="",
        FECHA_INICIO_CARGO="",
        FECHA_FIN_CARGO="",
        PARENTESCO="hija",
        ID_PEP_RELACIONADO="PEP-001",
    )
    assert n["facts"] == {
        "is_pep": False,
        "parentesco": "hijo(a)",
        "relation": "relative",
        "related_pep": "PEP-001",
        "fuente": "DeclaraNet",
    }
    assert party(n, "relative")["kind"] == "person"


# -- percentages, dates, identifiers ---------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("45", (45.0, 45.0, False, False)),
        ("45.5", (45.5, 45.5, False, False)),
        ("45,5", (45.5, 45.5, False, False)),
        ("45%", (45.0, 45.0, False, False)),
        ("25-50", (25.0, 50.0, False, False)),
        ("25 a 50", (25.0, 50.0, False, False)),
        (">25", (25.0, 100.0, True, False)),
        ("más del 25%", (25.0, 100.0, True, False)),
        ("menos de 10%", (0.0, 10.0, False, True)),
        ("0", (0.0, 0.0, False, False)),
        ("100", (100.0, 100.0, False, False)),
    ],
)
def test_percentage_formats(
    tmp_path: Path, cell: str, expected: tuple[float, float, bool, bool]
) -> None:
    for source, column in (
        ("cnh-participations", "PORCENTAJE_PARTICIPACION"),
        ("bo-declarations", "PORCENTAJE"),
    ):
        share = one(tmp_path, source, **{column: cell})["facts"]["share"]
        assert (
            share["min"],
            share["max"],
            share["exclusive_min"],
            share["exclusive_max"],
        ) == expected


def test_blank_percentage_is_unknown_not_zero(tmp_path: Path) -> None:
    assert "share" not in one(tmp_path, "cnh-participations", PORCENTAJE_PARTICIPACION="")["facts"]


@pytest.mark.parametrize(
    "cell", ["2015-09-04", "04/09/2015", "04-09-2015", "4 de septiembre de 2015"]
)
def test_date_formats(tmp_path: Path, cell: str) -> None:
    assert one(tmp_path, "cnh-contracts", FECHA_FIRMA=cell)["facts"]["fecha_firma"] == "2015-09-04"
    assert one(tmp_path, "cnh-participations", FECHA_INICIO=cell)["facts"]["start"] == "2015-09-04"
    assert one(tmp_path, "pep", FECHA_FIN_CARGO=cell)["facts"]["end"] == "2015-09-04"


def test_two_dates_in_a_single_date_column_are_rejected(tmp_path: Path) -> None:
    (record,) = parse_rows(
        tmp_path,
        "cnh-participations",
        [row("cnh-participations", FECHA_FIN="25/05/2022 - 26/04/2021")],
    )
    assert [(p.field, p.rule) for p in record.problems] == [("FECHA_FIN", "bad_date")]


def test_rfc_with_wrong_check_digit_loads_flagged(tmp_path: Path) -> None:
    wrong = RFC_TALOS[:-1] + ("9" if RFC_TALOS[-1] != "9" else "8")
    operator = party(one(tmp_path, "cnh-contracts", RFC_OPERADOR=wrong), "operator")
    assert (operator["rfc"], operator["rfc_checksum_ok"]) == (wrong, False)


@pytest.mark.parametrize("generic", ["XAXX010101000", "XEXX010101000"])
def test_generic_rfc_is_no_rfc(tmp_path: Path, generic: str) -> None:
    n = one(tmp_path, "companies", RFC=generic)
    assert "rfc" not in party(n, "company")
    assert n["key"] == "Minera Ejemplo, S.A. de C.V."


def test_mining_titles_and_substances(tmp_path: Path) -> None:
    records = parse_rows(
        tmp_path,
        "mining-concessions",
        [
            row("mining-concessions", TITULO="T-227855"),
            row("mining-concessions", TITULO="227855", SUSTANCIAS="Fierro; Manganeso"),
            row("mining-concessions", TITULO=" t 227855 ", SUSTANCIAS="Oro y plata, oro"),
        ],
    )
    keys = [loaded(r)["key"] for r in records]
    assert keys == ["227855", "227855", "227855"]
    substances = [loaded(r)["facts"]["sustancias"] for r in records]
    assert substances == [["Oro", "Plata", "Cobre"], ["Fierro", "Manganeso"], ["Oro", "plata"]]


def test_mining_holder_person_by_rfc(tmp_path: Path) -> None:
    n = one(tmp_path, "mining-concessions", TITULAR="María Pérez Gómez", RFC_TITULAR=RFC_MARIA)
    holder = party(n, "holder")
    assert (holder["kind"], holder["paternal_surname"]) == ("person", "Pérez")
    # RFC often blank: an organisation, resolved by name later.
    assert "rfc" not in party(one(tmp_path, "mining-concessions", RFC_TITULAR=""), "holder")


def test_mining_act_parties_are_optional(tmp_path: Path) -> None:
    n = one(
        tmp_path,
        "mining-acts",
        CEDENTE="",
        RFC_CEDENTE="",
        TIPO_ACTO="Contrato de exploración",
        NUM_INSCRIPCION="",
    )
    assert [p["role"] for p in n["parties"]] == ["to"]
    assert n["key"] == "227855|2019-03-15"


def test_company_country(tmp_path: Path) -> None:
    def country(**cells: str) -> Any:
        return one(tmp_path, "companies", **cells)["facts"].get("country")

    assert country(PAIS="", ENTIDAD_FEDERATIVA="Nuevo León") == "MX"
    assert country(PAIS="", ENTIDAD_FEDERATIVA="CDMX") == "MX"
    assert country(PAIS="Estados Unidos", ENTIDAD_FEDERATIVA="Texas") == "US"
    assert country(PAIS="", ENTIDAD_FEDERATIVA="Texas") is None
    assert country(PAIS="", ENTIDAD_FEDERATIVA="") is None


def test_company_officers(tmp_path: Path) -> None:
    n = one(tmp_path, "companies", ADMINISTRADOR_UNICO="Laura Ramírez Salinas")
    admin = party(n, "sole_administrator")
    assert (admin["field"], admin["kind"], admin["given_names"]) == (
        "ADMINISTRADOR_UNICO",
        "person",
        "Laura",
    )
    bare = one(tmp_path, "companies", RFC="", REPRESENTANTE_LEGAL="", CODIGO_POSTAL="")
    assert [p["role"] for p in bare["parties"]] == ["company"]
    assert bare["key"] == "Minera Ejemplo, S.A. de C.V."


def test_repeated_declaration_ids_get_row_keys(tmp_path: Path) -> None:
    records = parse_rows(
        tmp_path,
        "bo-declarations",
        [
            row("bo-declarations"),
            row("bo-declarations", TIPO_INTERES="Derechos de voto"),
            row("bo-declarations", ID_DECLARACION="D-0002"),
            row("bo-declarations", ID_DECLARACION=""),
        ],
    )
    keys = [loaded(r)["key"] for r in records]
    assert keys == ["D-0001|row 1", "D-0001|row 2", "D-0002", "row 4"]
    assert [r.key for r in records] == keys


# -- file shapes -----------------------------------------------------------------------------
def test_latin1_file(tmp_path: Path) -> None:
    text = to_csv(
        [
            row(
                "cnh-participations",
                EMPRESA="Compañía Petrolera del Golfo, S.A. de C.V.",
                EVENTO="Cesión de interés",
            )
        ]
    )
    n = loaded(parse("cnh-participations", write(tmp_path, "l1.csv", text, "latin-1"))[0])
    assert party(n, "member")["name"] == "Compañía Petrolera del Golfo, S.A. de C.V."
    assert n["facts"]["event"] == "Cesión de interés"


def test_utf8_bom_file(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.csv", to_csv([row("cnh-contracts")]), "utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    n = loaded(parse("cnh-contracts", path)[0])
    assert n["key"] == "CNH-R01-L01-A7/2015"
    assert n["facts"]["area"] == "Área 7"


def test_semicolon_delimiter(tmp_path: Path) -> None:
    text = to_csv([row("bo-declarations", PORCENTAJE="45,5")], delimiter=";")
    assert '"45,5"' not in text  # unquoted: the comma is not a delimiter here
    n = loaded(parse("bo-declarations", write(tmp_path, "semi.csv", text))[0])
    assert n["facts"]["share"]["min"] == 45.5
    assert party(n, "subject")["name"] == "Minera Ejemplo, S.A. de C.V."


@pytest.mark.parametrize("source", SOURCES)
def test_columns_in_another_order_and_unknown_column_kept(tmp_path: Path, source: str) -> None:
    base = row(source)
    columns = ["OBSERVACIONES", *reversed(list(base))]
    text = to_csv([{**base, "OBSERVACIONES": "revisado"}], columns)
    reordered = loaded(parse(source, write(tmp_path, "reordered.csv", text))[0])
    plain = one(tmp_path, source)
    assert reordered["extra"] == {"OBSERVACIONES": "revisado"}
    assert {k: v for k, v in reordered.items() if k != "extra"} == plain


# -- quarantine ------------------------------------------------------------------------------
def broken(source: str, column: str, value: str, rule: str) -> tuple[str, dict[str, str], str, str]:
    return (source, {column: value}, column, rule)


BROKEN: list[tuple[str, dict[str, str], str, str]] = [
    # (source, cells, column, rule): each row has exactly this one problem
    broken("cnh-contracts", "NUM_CONTRATO", "", "missing_required"),
    broken("cnh-contracts", "TIPO_CONTRATO", "Concesión", "bad_value"),
    broken("cnh-contracts", "UBICACION", "Marina", "bad_value"),
    broken("cnh-contracts", "ESTATUS", "Suspendido", "bad_value"),
    broken("cnh-contracts", "SUPERFICIE_KM2", "-5", "bad_amount"),
    broken("cnh-contracts", "SUPERFICIE_KM2", "mucho", "bad_amount"),
    broken("cnh-contracts", "FECHA_FIRMA", "31/02/2020", "bad_date"),
    broken("cnh-contracts", "FECHA_FALLO", "pronto", "bad_date"),
    broken("cnh-contracts", "RFC_OPERADOR", "ABC123", "bad_rfc"),
    broken("cnh-participations", "NUM_CONTRATO", "", "missing_required"),
    broken("cnh-participations", "EMPRESA", " ", "missing_required"),
    broken("cnh-participations", "PORCENTAJE_PARTICIPACION", "150", "bad_percentage"),
    broken("cnh-participations", "PORCENTAJE_PARTICIPACION", "-5", "bad_percentage"),
    broken("cnh-participations", "PORCENTAJE_PARTICIPACION", "la mitad", "bad_percentage"),
    broken("cnh-participations", "ES_OPERADOR", "quizás", "bad_value"),
    broken("cnh-participations", "EVENTO", "Fusión", "bad_value"),
    broken("cnh-participations", "PAIS_ORIGEN", "Narnia", "bad_country"),
    broken("cnh-participations", "FECHA_INICIO", "2020-13-01", "bad_date"),
    broken("cnh-participations", "RFC", "12345", "bad_rfc"),
    broken("bo-declarations", "EMPRESA_DECLARANTE", "", "missing_required"),
    broken("bo-declarations", "TIPO_TITULAR", "", "missing_required"),
    broken("bo-declarations", "TIPO_INTERES", "", "missing_required"),
    broken("bo-declarations", "NOMBRE", "", "missing_required"),
    ("bo-declarations", {"TIPO_TITULAR": "Persona moral"}, "RAZON_SOCIAL", "missing_required"),
    ("bo-declarations", {"TIPO_TITULAR": "Fideicomiso"}, "RAZON_SOCIAL", "missing_required"),
    broken("bo-declarations", "TIPO_TITULAR", "Persona jurídica", "bad_value"),
    broken("bo-declarations", "TIPO_INTERES", "Usufructo", "bad_value"),
    broken("bo-declarations", "DIRECTO_INDIRECTO", "Parcial", "bad_value"),
    (
        "bo-declarations",
        {"TIPO_TITULAR": "Desconocido", "MOTIVO_NO_IDENTIFICADO": "Otro"},
        "MOTIVO_NO_IDENTIFICADO",
        "bad_value",
    ),
    broken("bo-declarations", "PORCENTAJE", "101", "bad_percentage"),
    broken("bo-declarations", "RFC", "NOESUNRFC", "bad_rfc"),
    broken("bo-declarations", "RFC_EMPRESA", "123", "bad_rfc"),
    broken("bo-declarations", "CURP", "XYZ", "bad_curp"),
    broken("bo-declarations", "NACIONALIDAD", "Narnia", "bad_country"),
    broken("bo-declarations", "JURISDICCION", "Atlántida", "bad_country"),
    broken("bo-declarations", "FECHA_NACIMIENTO", "32/01/1980", "bad_date"),
    broken("bo-declarations", "FECHA_DECLARACION", "ayer", "bad_date"),
    broken("bo-declarations", "FECHA_FIN", "2021-02-29", "bad_date"),
    broken("mining-concessions", "TITULO", "", "missing_required"),
    broken("mining-concessions", "TITULAR", "", "missing_required"),
    broken("mining-concessions", "SUPERFICIE_HA", "-1", "bad_amount"),
    broken("mining-concessions", "SUPERFICIE_HA", "n/d", "bad_amount"),
    broken("mining-concessions", "SITUACION", "Suspendida", "bad_value"),
    broken("mining-concessions", "FECHA_EXPEDICION", "2006-02-30", "bad_date"),
    broken("mining-concessions", "RFC_TITULAR", "NOPE", "bad_rfc"),
    broken("mining-acts", "TITULO", "", "missing_required"),
    broken("mining-acts", "TIPO_ACTO", "", "missing_required"),
    broken("mining-acts", "FECHA_INSCRIPCION", "", "missing_required"),
    broken("mining-acts", "TIPO_ACTO", "Hipoteca", "bad_value"),
    broken("mining-acts", "FECHA_INSCRIPCION", "mañana", "bad_date"),
    broken("mining-acts", "RFC_CESIONARIO", "X1", "bad_rfc"),
    broken("trust-parties", "CLAVE_REGISTRO", "", "missing_required"),
    broken("trust-parties", "PARTE", "", "missing_required"),
    broken("trust-parties", "NOMBRE", "", "missing_required"),
    ("trust-parties", {"TIPO_PERSONA": "Moral", "NOMBRE": ""}, "NOMBRE", "missing_required"),
    broken("trust-parties", "PARTE", "Testigo", "bad_value"),
    broken("trust-parties", "TIPO_PERSONA", "Jurídica", "bad_value"),
    broken("trust-parties", "CURP", "BAD", "bad_curp"),
    broken("trust-parties", "RFC", "BAD", "bad_rfc"),
    broken("trust-parties", "FECHA_FIN", "99/99/9999", "bad_date"),
    broken("pep", "ID_PEP", "", "missing_required"),
    broken("pep", "NOMBRE", "", "missing_required"),
    broken("pep", "ORDEN_GOBIERNO", "Internacional", "bad_value"),
    broken("pep", "PARENTESCO", "primo", "bad_value"),
    broken("pep", "RFC", "ZZZ", "bad_rfc"),
    broken("pep", "CURP", "ZZZ", "bad_curp"),
    broken("pep", "FECHA_INICIO_CARGO", "2020-02-30", "bad_date"),
    broken("companies", "RAZON_SOCIAL", "", "missing_required"),
    broken("companies", "PAIS", "Narnia", "bad_country"),
    broken("companies", "FECHA_CONSTITUCION", "31/04/2005", "bad_date"),
    broken("companies", "RFC", "ABC", "bad_rfc"),
]


@pytest.mark.parametrize(("source", "cells", "column", "rule"), BROKEN)
def test_each_rule_fires_with_file_row_column_and_reason(
    tmp_path: Path, source: str, cells: dict[str, str], column: str, rule: str
) -> None:
    path = write(tmp_path, f"{source}-broken.csv", to_csv([row(source), row(source, **cells)]))
    good, bad = parse(source, path)
    assert not good.problems
    assert bad.normalised is None
    assert [(p.rule, p.field) for p in bad.problems] == [(rule, column)]
    (problem,) = bad.problems
    assert problem.path == "row 2"
    assert f"{path.name} row 2" in problem.message
    assert column in problem.message


def test_a_row_with_several_problems_is_quarantined_once_with_all(tmp_path: Path) -> None:
    rows = [
        row("bo-declarations"),
        row("bo-declarations", RFC="BAD", FECHA_INICIO="30/02/2020", PORCENTAJE="200", CURP=""),
    ]
    path = write(tmp_path, "multi.csv", to_csv(rows))
    (report,) = ingest_files(settings(tmp_path), "bo-declarations", [path])
    assert (report.read, report.loaded, report.quarantined, report.duplicates) == (2, 1, 1, 0)
    assert report.reasons == {"bad_rfc": 1, "bad_date": 1, "bad_percentage": 1}
    with Ledger(settings(tmp_path).ledger_path) as ledger:
        entries = ledger.quarantine()
    assert {(e.position, e.field, e.rule) for e in entries} == {
        (2, "RFC", "bad_rfc"),
        (2, "FECHA_INICIO", "bad_date"),
        (2, "PORCENTAJE", "bad_percentage"),
    }
    assert all("multi.csv row 2" in e.message for e in entries)


@pytest.mark.parametrize("source", SOURCES)
def test_count_invariant_through_ingest(tmp_path: Path, source: str) -> None:
    broken = [row(source, **cells) for s, cells, _, _ in BROKEN if s == source]
    good = [row(source, **cells) for s, cells, _, _ in VOCABULARY if s == source] or [row(source)]
    first = write(tmp_path, "first.csv", to_csv([*good, *broken]))
    # The same rows again plus one more: the repeated rows are exact duplicates.
    second = write(tmp_path, "second.csv", to_csv([*good, *broken, row(source)]))
    cfg = settings(tmp_path)
    one_report, two_report = ingest_files(cfg, source, [first, second])
    for report in (one_report, two_report):
        assert report.read == report.loaded + report.quarantined + report.duplicates
    assert (one_report.read, one_report.quarantined, one_report.duplicates) == (
        len(good) + len(broken),
        len(broken),
        0,
    )
    assert two_report.quarantined == len(broken)
    assert two_report.loaded + two_report.duplicates == len(good) + 1
    # Same file again: a no-op that reports what the ledger already holds.
    (again,) = ingest_files(cfg, source, [first])
    assert again.already_ingested
    with Ledger(cfg.ledger_path) as ledger:
        stored = list(ledger.records(source))
        positions = {e.position for e in ledger.quarantine() if e.file_name == "first.csv"}
    assert len(stored) == one_report.loaded + two_report.loaded
    assert positions == set(range(len(good) + 1, len(good) + len(broken) + 1))


def test_quoted_cell_with_a_newline_keeps_row_numbers(tmp_path: Path) -> None:
    rows = [
        row("companies", DOMICILIO="Av. Reforma 222\nCol. Juárez"),
        row("companies", RAZON_SOCIAL=""),
    ]
    first, second = parse("companies", write(tmp_path, "nl.csv", to_csv(rows)))
    assert loaded(first)["facts"]["address"] == "Av. Reforma 222 Col. Juárez"
    assert [(p.rule, p.field, p.path) for p in second.problems] == [
        ("missing_required", "RAZON_SOCIAL", "row 2")
    ]
