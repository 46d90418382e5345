"""The five adapters of the real Mexican layouts (SOURCES.md, "Real layouts"): the real
files under ``../shared/data/mx`` through the real pipeline, and small hand-made files for
the rules the real files do not exercise.

The real files are skipped when the shared data is absent, except on CI (``CI=true``),
where their absence fails the run.
"""

from __future__ import annotations

import doctest
import importlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ingest.adapters import get_adapter
from ingest.adapters.compranet import competition
from ingest.adapters.sfp_sanctions import looks_like_person, realign
from ingest.ledger import FileReport, Ledger, ParsedRecord, StoredRecord
from ingest.pipeline import ingest_files
from registry.errors import SourceFormatError
from registry.settings import Settings
from tests.support.paths import SHARED_DATA, require

MX = SHARED_DATA / "mx"

#: Every real file, with its source and what it must give: (read, loaded, quarantined).
REAL_FILES: dict[str, tuple[str, tuple[int, int, int]]] = {
    "sat_69b/Listado_Completo_69-B_2022-11-30.csv": ("sat-69b", (12_666, 12_666, 0)),
    "sfp_sancionados/ProveedoresyContratistasSancionados.csv": ("sfp-sanctions", (1504, 1504, 0)),
    "sfp_sancionados/ProveedoresyContratistasSancionados_2.csv": ("sfp-sanctions", (454, 454, 0)),
    "fideicomisos/trusts_2015.csv": ("trusts", (348, 347, 1)),
    "fideicomisos/Full2014.json": ("trusts", (614, 614, 0)),
    "compranet/sample_Contratos2010_2012_150514080257.csv": ("compranet", (399, 399, 0)),
    "compranet/sample_Contratos2013_150514080004.csv": ("compranet", (399, 399, 0)),
    "compranet/sample_Contratos2014_150514075704.csv": ("compranet", (399, 399, 0)),
    "compranet/sample_Contratos2015_150514075424.csv": ("compranet", (397, 397, 0)),
    "sfp_sancionados/sancionados_url.csv": ("compranet", (1070, 1070, 0)),
    "ocds_cdmx/OCDS-87SD3T-SEFIN-DRM-AD-009-2016.json": ("ocds", (1, 1, 0)),
    "ocds_cdmx/OCDS-87SD3T-SEFIN-DRM-AD-CC-002-2016.json": ("ocds", (1, 1, 0)),
    "ocds_cdmx/OCDS-87SD3T-SEFIN-DRM-LPN-001-2016.json": ("ocds", (1, 1, 0)),
    "ocds_cdmx/OCDS-87SD3T-SEFIN-DRM-LPN-007-2015.json": ("ocds", (1, 1, 0)),
}
#: Real files an adapter refuses as a whole, and why.
REFUSED: dict[str, tuple[str, str]] = {
    "ocds_cdmx/Dependencias.json": ("ocds", "lookup list of 43 'dependencia' entries"),
    "ocds_cdmx/Proveedores.json": ("ocds", "lookup list of 500 'proveedor' entries"),
}
#: Files under mx/ that are not source data of these adapters.
NOT_SOURCES = {
    "PROVENANCE.txt",
    "fideicomisos/definitions.csv",
    "fideicomisos/types.csv",
    "fideicomisos/scopes.csv",
    "redflags/banderas-definidas.csv",
    "redflags/banderas.json",
}


@dataclass(frozen=True)
class Ingested:
    settings: Settings
    reports: dict[str, FileReport]

    def records(self, source: str, file_name: str | None = None) -> list[StoredRecord]:
        with Ledger(self.settings.ledger_path) as ledger:
            return [
                r for r in ledger.records(source) if file_name is None or r.file_name == file_name
            ]

    def record(self, source: str, file_name: str, position: int) -> dict[str, Any]:
        found = [r for r in self.records(source, file_name) if r.position == position]
        assert len(found) == 1, (file_name, position)
        return found[0].normalised


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """Every real file ingested once, through the pipeline, into one workspace."""
    require(MX)
    settings = Settings(workspace=tmp_path_factory.mktemp("real"))
    reports: dict[str, FileReport] = {}
    for relative, (source, _) in REAL_FILES.items():
        (report,) = ingest_files(settings, source, [require(MX / relative)])
        reports[relative] = report
    return Ingested(settings, reports)


def _parties(normalised: dict[str, Any], role: str) -> list[dict[str, Any]]:
    return [p for p in normalised["parties"] if p["role"] == role]


# -- every real file ---------------------------------------------------------------------


@pytest.mark.shared_data
def test_every_real_file_is_covered() -> None:
    present = {str(p.relative_to(require(MX))) for p in MX.rglob("*") if p.is_file()}
    assert present - NOT_SOURCES == set(REAL_FILES) | set(REFUSED)


@pytest.mark.shared_data
@pytest.mark.parametrize("relative", sorted(REAL_FILES))
def test_real_file_counts(real: Ingested, relative: str) -> None:
    report = real.reports[relative]
    expected = REAL_FILES[relative][1]
    assert report.read == report.loaded + report.quarantined + report.duplicates
    assert (report.read, report.loaded, report.quarantined) == expected, report.reasons


@pytest.mark.shared_data
@pytest.mark.parametrize("relative", sorted(REFUSED))
def test_lookup_lists_are_not_release_packages(tmp_path: Path, relative: str) -> None:
    source, reason = REFUSED[relative]
    path = require(MX / relative)
    with pytest.raises(SourceFormatError) as caught:
        ingest_files(Settings(workspace=tmp_path), source, [path])
    assert path.name in caught.value.message
    assert "not an OCDS release package" in caught.value.message
    assert reason in caught.value.message


# -- sat-69b -----------------------------------------------------------------------------

SAT = "Listado_Completo_69-B_2022-11-30.csv"


@pytest.mark.shared_data
def test_sat_situations(real: Ingested) -> None:
    records = real.records("sat-69b")
    assert len(records) == 12_666
    situations = Counter(r.normalised["facts"]["situacion"] for r in records)
    assert situations == {
        "Definitivo": 10_954,
        "Sentencia Favorable": 1241,
        "Desvirtuado": 330,
        "Presunto": 141,
    }


@pytest.mark.shared_data
def test_sat_redacted_rfcs_load_without_an_rfc(real: Ingested) -> None:
    records = real.records("sat-69b")
    redacted = [r for r in records if r.normalised["facts"].get("redacted")]
    assert len(redacted) == 86
    for record in redacted:
        (party,) = record.normalised["parties"]
        assert "rfc" not in party
        assert party["kind"] == "unknown"
        assert record.key == f"No:{record.normalised['facts']['number']}"
        assert (
            record.normalised["facts"]["redaction_note"]
            .lower()
            .startswith(("información suprimida", "“información suprimida"))
        )
    with_rfc = [r for r in records if not r.normalised["facts"].get("redacted")]
    kinds = Counter(
        (len(r.normalised["parties"][0]["rfc"]), r.normalised["parties"][0]["kind"])
        for r in with_rfc
    )
    assert set(kinds) == {(12, "company"), (13, "person")}


@pytest.mark.shared_data
def test_sat_stages_oficios_and_dates(real: Ingested) -> None:
    first = real.record("sat-69b", SAT, 1)["facts"]
    assert first["sentencia_favorable"] == {
        "oficio": "500-05-2019-7305",
        "oficio_date": "2019-03-05",
        "sat_publication": "2019-03-05",
        "dof_publication": "2019-04-16",
    }
    assert first["situacion_date"] == "2019-03-05"
    # a second listing: two oficios and two publication dates in one cell
    sixth = real.record("sat-69b", SAT, 6)["facts"]["definitivo"]
    assert (sixth["oficio"], sixth["oficio_date"]) == ("500-05-2022-6121", "2022-05-25")
    assert sixth["earlier"] == [
        {
            "oficio": "500-05-2021-6937",
            "oficio_date": "2021-04-26",
            "sat_publication": "2021-04-26",
            "dof_publication": "2021-05-13",
        }
    ]
    # a spreadsheet serial number where a date belongs (44014 = 2020-07-02)
    assert real.record("sat-69b", SAT, 425)["facts"]["presunto"]["dof_publication"] == (
        "2020-07-02"
    )


@pytest.mark.shared_data
def test_sat_names_notes_and_persons(real: Ingested) -> None:
    noted = real.record("sat-69b", SAT, 1656)
    (party,) = noted["parties"]
    assert party["name"] == "CONSTRUCCIONES ALAZRAKI, S.A. DE C.V."
    assert noted["facts"]["name_note"].startswith("En cumplimiento a la sentencia")
    renamed = real.record("sat-69b", SAT, 8282)["parties"][0]
    assert renamed["name"] == "NEGOCIOS NUEVOS DE ANTEQUERA, S.A. DE C.V."
    assert renamed["extra"]["former_names"] == ["MRCI NEGOCIOS, S.A. DE C.V."]
    person = real.record("sat-69b", SAT, 12663)["parties"][0]
    assert person["kind"] == "person"
    assert (person["paternal_surname"], person["given_names"]) == ("ZÚÑIGA", "VÍCTOR")


# -- sfp-sanctions -----------------------------------------------------------------------

SFP = "ProveedoresyContratistasSancionados.csv"


@pytest.mark.shared_data
def test_sfp_facts(real: Ingested) -> None:
    first = real.record("sfp-sanctions", SFP, 1)
    assert first["facts"] | {"hechos": ""} == {
        "dependencia": "INSTITUTO MEXICANO DEL SEGURO SOCIAL",
        "expediente": "0041/2013",
        "hechos": "",
        "objeto_social": "3RINNOVACION@LIVE.COM.MX.",
        "sentido": "SANCIONATORIA CON MULTA",
        "multa": True,
        "inhabilitacion": False,
        "fecha_notificacion": "2014-08-19",
        "fecha_resolucion": "2014-08-06",
        "monto": 90664.0,
        "responsable": "LIC. FEDERICO DE ALBA MARTÍNEZ",
    }
    (supplier,) = _parties(first, "sanctioned")
    assert (supplier["kind"], supplier["name"]) == (
        "company",
        "3R INNOVACIÓN Y DISEÑO, S.A. DE C.V.",
    )
    term = real.record("sfp-sanctions", SFP, 2)["facts"]
    assert (term["plazo"], term["plazo_anios"], term["plazo_meses"]) == ("1 AÑO", 1, 0)


@pytest.mark.shared_data
def test_sfp_rows_with_slid_cells_are_put_back(real: Ingested) -> None:
    # "..., ASI COMO ..." split Hechos in two: everything after it moved one column right
    moved = real.record("sfp-sanctions", SFP, 964)["facts"]
    assert moved["hechos"].endswith(
        "RESPECTIVO, ASI COMO NEGATIVA A LA ENTREGA DE LA GARANTIA DE CUMPLIMIENTO."
    )
    assert moved["objeto_social"] == "COMERCIO AL POR MAYOR DE PINTURAS, ENTRE OTRAS"
    assert moved["sentido"] == "SANCIONATORIA CON MULTA"
    assert (moved["fecha_resolucion"], moved["monto"]) == ("2014-10-28", 20075.6)
    assert moved["responsable"] == "NOE ESTRADA AHUMADA"
    # two cells of Objeto Social and a third date where Sentido belongs
    people_care = real.record("sfp-sanctions", SFP, 1129)["facts"]
    assert people_care["objeto_social"].startswith("MANO DE OBRA PARA ADMINISTRACIÓN, ASESORÍA")
    assert "sentido" not in people_care
    assert people_care["fecha_adicional"] == "2010-08-06"
    assert (people_care["fecha_notificacion"], people_care["fecha_resolucion"]) == (
        "2010-08-06",
        "2010-07-23",
    )
    assert people_care["responsable"] == "VICTOR MANUEL MUCIÑO GARCIA"


@pytest.mark.shared_data
def test_sfp_unreadable_notification_date_warns(real: Ingested) -> None:
    facts = real.record("sfp-sanctions", SFP, 855)["facts"]
    assert facts["fecha_notificacion_texto"] == "2006-Ju-30"
    assert "fecha_notificacion" not in facts
    assert any("2006-Ju-30" in w for w in real.reports[f"sfp_sancionados/{SFP}"].warnings)


@pytest.mark.shared_data
def test_sfp_persons_are_told_from_companies(real: Ingested) -> None:
    suppliers = [
        p for r in real.records("sfp-sanctions") for p in _parties(r.normalised, "sanctioned")
    ]
    by_name = {p["name"]: p["kind"] for p in suppliers}
    assert by_name["JUAN PABLO EGUIA SANDOVAL"] == "person"
    assert by_name["MARIA DOLORES ROMERO RODRIGUEZ"] == "person"
    assert by_name["PEOPLE CARE, S.A. DE C.V."] == "company"
    assert 200 < sum(1 for p in suppliers if p["kind"] == "person") < 400


# -- trusts ------------------------------------------------------------------------------


@pytest.mark.shared_data
def test_trusts_csv(real: Ingested) -> None:
    report = real.reports["fideicomisos/trusts_2015.csv"]
    assert report.reasons == {"totals_row": 1}
    first = real.record("trusts", "trusts_2015.csv", 1)
    assert first["key"] == "20070211301479"
    facts = first["facts"]
    assert (facts["year"], facts["type"], facts["scope"]) == (2015, "fideicomiso", "federal")
    assert (facts["balance"], facts["income"], facts["initial_amount"]) == (
        318036.01,
        1552177.81,
        5000000.0,
    )
    assert facts["initial_date"] == "2007-12-26"
    (trust,) = _parties(first, "trust")
    assert (trust["kind"], trust["extra"]["clave"]) == ("trust", "20070211301479")
    (settlor,) = _parties(first, "settlor")
    assert (settlor["kind"], settlor["name"]) == ("public_body", "HACIENDA Y CRÉDITO PÚBLICO")
    assert settlor["extra"]["capacity"] == "COMO FIDEICOMITENTE ÚNICO DE LA APC"
    (trustee,) = _parties(first, "trustee")
    assert (trustee["kind"], trustee["name"]) == ("company", "NACIONAL FINANCIERA, S.N.C")
    negative = [
        r.normalised["facts"]
        for r in real.records("trusts", "trusts_2015.csv")
        if any(isinstance(v, float) and v < 0 for v in r.normalised["facts"].values())
    ]
    assert negative, "negative yields and balances load"


@pytest.mark.shared_data
def test_trusts_json(real: Ingested) -> None:
    records = real.records("trusts", "Full2014.json")
    assert [r.position for r in records] == list(range(614))
    first = records[0].normalised
    assert first["key"] == "700002210104"
    facts = first["facts"]
    assert facts["initial_amount"] == 1000.0
    assert [e["year"] for e in facts["series"]] == list(range(2006, 2015))
    assert facts["year"] == 2014
    assert facts["income"] == facts["series"][-1]["income"]
    unknown_start = [r for r in records if "initial_date" not in r.normalised["facts"]]
    assert len(unknown_start) == 223  # "0000-00-00"
    energy = [r for r in records if r.normalised["facts"]["branch"] == "Energía"]
    assert len(energy) == 36


# -- compranet ---------------------------------------------------------------------------


@pytest.mark.shared_data
def test_compranet_contract(real: Ingested) -> None:
    record = real.record("compranet", "sample_Contratos2010_2012_150514080257.csv", 314)
    facts = record["facts"]
    assert record["key"] == facts["codigo_contrato"] == "32269"
    # TIPO_PROCEDIMIENTO is blank: the kind comes from PLANTILLA_EXPEDIENTE
    assert "tipo_procedimiento" not in facts
    assert (facts["competition"], facts["direct_award"]) == ("direct", True)
    assert (facts["fecha_inicio"], facts["fecha_fin"], facts["fecha_celebracion"]) == (
        "2011-06-14",
        "2011-09-05",
        "2011-06-10",
    )
    assert (facts["importe"], facts["moneda"]) == (334874.8, "MXN")
    (supplier,) = _parties(record, "supplier")
    assert (supplier["kind"], supplier["name"]) == ("person", "IVAN DE JESUS CERVANTES RODRIGUEZ")
    (buyer,) = _parties(record, "buyer")
    assert buyer["kind"] == "public_body"
    assert buyer["extra"]["siglas"] == "API-Ensenada"


@pytest.mark.shared_data
def test_compranet_variants(real: Ingested) -> None:
    sample_2015 = real.record("compranet", "sample_Contratos2015_150514075424.csv", 1)
    assert _parties(sample_2015, "buyer")[0]["extra"]["gobierno"] == "APF"
    test_currency = real.record("compranet", "sample_Contratos2015_150514075424.csv", 345)
    assert test_currency["facts"]["moneda_texto"] == "TEST"
    assert "moneda" not in test_currency["facts"]
    sanctioned = real.records("compranet", "sancionados_url.csv")
    with_folio = [
        p
        for r in sanctioned
        for p in _parties(r.normalised, "supplier")
        if p.get("extra", {}).get("folio_rupc")
    ]
    assert len(with_folio) == 625
    assert all(p["country"] == "MX" for p in with_folio)
    assert all(r.normalised["extra"]["column_46"] == "False" for r in sanctioned)
    withheld = [
        p
        for r in real.records("compranet")
        for p in _parties(r.normalised, "supplier")
        if p["kind"] == "unknown"
    ]
    assert len(withheld) == 3  # "---"
    kinds = Counter(r.normalised["facts"].get("competition") for r in real.records("compranet"))
    assert set(kinds) == {"direct", "restricted", "open"}


# -- ocds --------------------------------------------------------------------------------


@pytest.mark.shared_data
def test_ocds_releases(real: Ingested) -> None:
    record = real.record("ocds", "OCDS-87SD3T-SEFIN-DRM-LPN-001-2016.json", 0)
    assert record["key"] == "OCDS-87SD3T-SEFIN-DRM-LPN-001-2016|1"
    (supplier,) = _parties(record, "supplier")
    # the award names the supplier by RFC only: the name comes from the tenderers
    assert (supplier["rfc"], supplier["name"]) == (
        "JLS121217JU4",
        "JOAD LIMPIEZA Y SERVICIOS SA DE CV",
    )
    (buyer,) = _parties(record, "buyer")
    assert (buyer["kind"], buyer["rfc"]) == ("public_body", "GDF9712054NA")
    facts = record["facts"]
    assert (facts["procurement_method"], facts["competition"], facts["direct_award"]) == (
        "open",
        "open",
        False,
    )
    assert (facts["fecha_inicio"], facts["fecha_fin"]) == ("2016-02-16", "2016-12-31")
    direct = real.record("ocds", "OCDS-87SD3T-SEFIN-DRM-AD-009-2016.json", 0)["facts"]
    assert (direct["procurement_method"], direct["direct_award"]) == ("limited", True)
    assert direct["pagado"] == 131465.0


# -- small files: the rules the real files do not exercise ------------------------------


def _read(source: str, tmp_path: Path, name: str, content: bytes) -> list[ParsedRecord]:
    path = tmp_path / name
    path.write_bytes(content)
    return get_adapter(source).read(path, content).records


def _rules(record: ParsedRecord) -> set[str]:
    return {p.rule for p in record.problems}


SAT_HEADER = (
    "No,RFC,Nombre del Contribuyente,Situación del contribuyente,"
    "Número y fecha de oficio global de presunción SAT,Publicación página SAT presuntos,"
    "Número y fecha de oficio global de presunción DOF,Publicación DOF presuntos\n"
)


def test_sat_quarantines_bad_situation_and_date(tmp_path: Path) -> None:
    content = (
        "Información actualizada al 30 de noviembre de 2022,,,,,,,\n"
        "Listado completo de contribuyentes (Artículo 69-B del CFF),,,,,,,\n"
        + SAT_HEADER
        + '1,AAA080808HL8,"UNO, S.A. DE C.V.",Presuntos,500-05-2018-16632 de fecha 01 de '
        "junio de 2018,01/06/2018,,\n"
        '2,AAA080808HL8,"DOS, S.A. DE C.V.",Cancelado,,,,\n'
        '3,AAA080808HL8,"TRES, S.A. DE C.V.",Presunto,,31/02/2018,,\n'
        "4,XXXXXXXXXXXX,Información suprimida,Definitivo,,,,\n"
    ).encode("cp1252")
    records = _read("sat-69b", tmp_path, "sat.csv", content)
    assert [_rules(r) for r in records] == [set(), {"bad_value"}, {"bad_date"}, set()]
    assert records[0].normalised is not None
    assert records[0].normalised["facts"]["situacion"] == "Presunto"
    assert records[1].problems[0].field == "Situación del contribuyente"
    assert records[3].key == "No:4"


def test_sfp_realign() -> None:
    cells = [
        "X, S.A. DE C.V.",
        "PEMEX",
        "0001/2014",
        "HECHOS",
        " Y MAS",
        "OBJETO",
        "SANCIONATORIA",
        "2014-10-29",
        "2014-10-28",
        "3 MESES",
        "100",
        "RESPONSABLE",
        "",
    ]
    fixed = realign(cells)
    assert fixed is not None
    assert fixed["Hechos"] == "HECHOS, Y MAS"
    assert fixed["Objeto Social"] == "OBJETO"
    assert fixed["Nombre del Responsable de la información"] == "RESPONSABLE"
    assert realign(["A", "B", "C", "D", "E", "F", "G", "H"]) is None


def test_supplier_names() -> None:
    assert looks_like_person("JOSE ANTONIO DE LA FUENTE PULIDO")
    assert not looks_like_person("CONSTRUCCIONES BALUARTE DE PARAISO SA DE CV")
    assert not looks_like_person("LA VACA INDEPENDIENTE")
    assert competition("Licitación Pública con OSD") == "open"
    assert competition("Proyecto de Convocatoria") is None


def test_trusts_json_rules(tmp_path: Path) -> None:
    trusts = [
        {
            "Registro": "20070211301479",
            "Fecha_Inicio": "0000-00-00",
            "Monto_Inicial": "1000.",
            "Designacion": "Fideicomiso uno",
            "Fideicomitente": "Gobierno del estado de Sonora",
            "Fiduciario": "No aplica",
            "Tipo": "Mandato",
            "Ambito": "Estatal",
            "Evolucion": [{"Año": "2014", "Rendimientos": "‐12.5", "Disponible": "3."}],
        },
        {"Registro": "bad clave!", "Designacion": "Dos", "Tipo": "Fideicomiso"},
        {"Registro": "20070211301480", "Designacion": "Tres", "Monto_Inicial": "-5"},
        {"Registro": "20070211301481", "Designacion": "Cuatro", "Tipo": "Contrato"},
    ]
    records = _read("trusts", tmp_path, "t.json", json.dumps(trusts).encode())
    assert [_rules(r) for r in records] == [set(), {"bad_value"}, {"bad_amount"}, {"bad_value"}]
    assert [r.locator for r in records] == ["record 0", "record 1", "record 2", "record 3"]
    first = records[0].normalised
    assert first is not None
    assert first["facts"]["yield"] == -12.5
    assert first["facts"]["initial_amount"] == 1000.0
    assert "initial_date" not in first["facts"]
    assert [p["role"] for p in first["parties"]] == ["trust", "settlor"]  # no trustee
    assert first["parties"][1]["kind"] == "public_body"


def test_trusts_json_that_is_not_a_list(tmp_path: Path) -> None:
    with pytest.raises(SourceFormatError, match=r"t\.json: a trusts JSON file is an array"):
        _read("trusts", tmp_path, "t.json", b'{"Registro": "1"}')


def _release(**changes: Any) -> dict[str, Any]:
    release: dict[str, Any] = {
        "ocid": "ocds-x-1",
        "id": "1",
        "date": "2016-01-01T00:00:00-06:00",
        "tender": {"id": "t1", "title": "Obra", "procurementMethod": "direct"},
        "buyer": {"id": "b1", "name": "Secretaría de Obras"},
        "parties": [
            {"id": "b1", "name": "Secretaría de Obras", "identifier": {"id": "GDF9712054NA"}},
        ],
        "awards": [
            {
                "id": "a1",
                "value": {"amount": 100, "currency": "MXN"},
                "suppliers": [
                    {"name": "UNO SA DE CV", "identifier": {"id": "CKI130702HN5"}},
                    {"name": "DOS SA DE CV", "identifier": {"id": "NOT-AN-RFC"}},
                ],
            }
        ],
    }
    release.update(changes)
    return release


def test_ocds_items_and_rules(tmp_path: Path) -> None:
    package = {"version": "1.1", "releases": [_release(), _release(id="2", awards=[])]}
    records = _read("ocds", tmp_path, "p.json", json.dumps(package).encode())
    assert [r.locator for r in records] == [
        "releases[0].awards[0].suppliers[0]",
        "releases[0].awards[0].suppliers[1]",
        "releases[1]",
    ]
    assert [r.position for r in records] == [0, 1, 2]
    first, bad, no_award = records
    assert first.normalised is not None
    assert first.key == "ocds-x-1|a1"
    buyer = _parties(first.normalised, "buyer")[0]
    assert buyer["rfc"] == "GDF9712054NA"  # 1.1: identifier from parties
    assert first.normalised["facts"]["direct_award"] is True
    assert _rules(bad) == {"bad_rfc"}
    assert bad.problems[0].field == "releases[0].awards[0].suppliers[1].identifier.id"
    assert no_award.key == "ocds-x-1"
    assert no_award.normalised is not None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"OCID,AWARD\n1,2\n", "not valid JSON"),
        (b"\xff\xfe\x00\x01", "not UTF-8 JSON"),
        (b'[{"proveedor": {"rfc": "X"}}]', "lookup list of 1 'proveedor'"),
        (b'{"uri": "x"}', "without 'releases' or 'records'"),
    ],
)
def test_ocds_whole_file_problems(tmp_path: Path, content: bytes, message: str) -> None:
    with pytest.raises(SourceFormatError) as caught:
        _read("ocds", tmp_path, "bad.json", content)
    assert caught.value.message.startswith("bad.json")
    assert message in caught.value.message


MODULES = [
    "ingest.adapters.sat_69b",
    "ingest.adapters.sfp_sanctions",
    "ingest.adapters.trusts",
    "ingest.adapters.compranet",
    "ingest.adapters.ocds",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__doc__
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
