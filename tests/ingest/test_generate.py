"""The synthetic sector generator: determinism, sizes, layouts, and a truth that holds up
against simple, independent parsing of the files it describes."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest
from stdnum.mx import curp as stdnum_curp
from stdnum.mx import rfc as stdnum_rfc

from ingest.generate import GenerateReport, generate
from ingest.generate.vocab import COUNTRY_SPELLINGS
from tests.support.paths import SHARED_DATA, require

REF = date(2024, 6, 30)

# -- layouts as SOURCES.md writes them (independent of ingest.generate.layouts) ---------
OUR_HEADERS = {
    "cnh-contracts.csv": "NUM_CONTRATO, RONDA, LICITACION, AREA_CONTRACTUAL, TIPO_CONTRATO, "
    "UBICACION, CUENCA, ENTIDAD_FEDERATIVA, SUPERFICIE_KM2, FECHA_FALLO, FECHA_FIRMA, "
    "VIGENCIA_ANIOS, OPERADOR, RFC_OPERADOR, ESTATUS",
    "cnh-participations.csv": "NUM_CONTRATO, EMPRESA, RFC, PAIS_ORIGEN, "
    "PORCENTAJE_PARTICIPACION, ES_OPERADOR, FECHA_INICIO, FECHA_FIN, EVENTO",
    "bo-declarations.csv": "ID_DECLARACION, FECHA_DECLARACION, EMPRESA_DECLARANTE, "
    "RFC_EMPRESA, TIPO_TITULAR, NOMBRE, PRIMER_APELLIDO, SEGUNDO_APELLIDO, RAZON_SOCIAL, RFC, "
    "CURP, NACIONALIDAD, JURISDICCION, FECHA_NACIMIENTO, DOMICILIO, TIPO_INTERES, PORCENTAJE, "
    "DIRECTO_INDIRECTO, FECHA_INICIO, FECHA_FIN, MOTIVO_NO_IDENTIFICADO, CLAVE_FIDEICOMISO, "
    "FUENTE",
    "mining-concessions.csv": "TITULO, NOMBRE_LOTE, TITULAR, RFC_TITULAR, TIPO, "
    "FECHA_EXPEDICION, FECHA_INICIO_VIGENCIA, FECHA_FIN_VIGENCIA, SUPERFICIE_HA, ESTADO, "
    "MUNICIPIO, SUSTANCIAS, SITUACION",
    "mining-acts.csv": "TITULO, NUM_INSCRIPCION, TIPO_ACTO, CEDENTE, RFC_CEDENTE, CESIONARIO, "
    "RFC_CESIONARIO, FECHA_INSCRIPCION",
    "trust-parties.csv": "CLAVE_REGISTRO, PARTE, TIPO_PERSONA, NOMBRE, RFC, CURP, CARGO, "
    "FECHA_INICIO, FECHA_FIN",
    "pep.csv": "ID_PEP, NOMBRE, PRIMER_APELLIDO, SEGUNDO_APELLIDO, CURP, RFC, CARGO, "
    "DEPENDENCIA, ORDEN_GOBIERNO, FECHA_INICIO_CARGO, FECHA_FIN_CARGO, PARENTESCO, "
    "ID_PEP_RELACIONADO, FUENTE",
    "companies.csv": "RFC, RAZON_SOCIAL, FECHA_CONSTITUCION, DOMICILIO, CODIGO_POSTAL, "
    "MUNICIPIO, ENTIDAD_FEDERATIVA, PAIS, TELEFONO, REPRESENTANTE_LEGAL, ADMINISTRADOR_UNICO",
}
ENCODING = {
    "mining-concessions.csv": "cp1252",
    "mining-acts.csv": "cp1252",
    "companies.csv": "utf-8-sig",
    "sat-69b.csv": "latin-1",
}
REAL_FILES = {
    "sat-69b.csv": "mx/sat_69b/Listado_Completo_69-B_2022-11-30.csv",
    "sfp-sanctions.csv": "mx/sfp_sancionados/ProveedoresyContratistasSancionados.csv",
    "compranet.csv": "mx/compranet/sample_Contratos2015_150514075424.csv",
    "trusts.csv": "mx/fideicomisos/trusts_2015.csv",
}
PARTY_COLUMNS = {
    "cnh-contracts.csv": ("OPERADOR",),
    "cnh-participations.csv": ("EMPRESA",),
    "bo-declarations.csv": ("EMPRESA_DECLARANTE", "NOMBRE", "RAZON_SOCIAL"),
    "mining-concessions.csv": ("TITULAR",),
    "mining-acts.csv": ("CEDENTE", "CESIONARIO"),
    "trust-parties.csv": ("NOMBRE",),
    "pep.csv": ("NOMBRE", "DEPENDENCIA"),
    "companies.csv": ("RAZON_SOCIAL", "REPRESENTANTE_LEGAL", "ADMINISTRADOR_UNICO"),
    "sat-69b.csv": ("Nombre del Contribuyente",),
    "sfp-sanctions.csv": ("Proveedor", "Dependencia", "Nombre del Responsable de la información"),
    "compranet.csv": ("DEPENDENCIA", "PROVEEDOR_CONTRATISTA", "RESPONSABLE"),
    "trusts.csv": ("settlor", "designation", "fiduciary"),
}
REQUIRED = {
    "cnh-contracts.csv": ("NUM_CONTRATO",),
    "cnh-participations.csv": ("NUM_CONTRATO", "EMPRESA"),
    "bo-declarations.csv": ("EMPRESA_DECLARANTE", "TIPO_TITULAR", "TIPO_INTERES"),
    "mining-concessions.csv": ("TITULO", "TITULAR"),
    "mining-acts.csv": ("TITULO", "TIPO_ACTO", "FECHA_INSCRIPCION"),
    "trust-parties.csv": ("CLAVE_REGISTRO", "PARTE", "NOMBRE"),
    "pep.csv": ("ID_PEP", "NOMBRE"),
    "companies.csv": ("RAZON_SOCIAL",),
}
VOCAB = {
    "TIPO_TITULAR": "Persona física|Persona moral|Fideicomiso|Desconocido",
    "TIPO_INTERES": "Accionista|Derechos de voto|Nombramiento de consejeros|Control por otros "
    "medios|Administrador|Fideicomitente|Fiduciario|Fideicomisario|Comité técnico",
    "DIRECTO_INDIRECTO": "Directo|Indirecto|Desconocido",
    "EVENTO": "Adjudicación|Cesión de interés|Cambio de control|Cambio de operador",
    "TIPO_ACTO": "Transmisión de titularidad|Cesión|Contrato de exploración|Contrato de "
    "explotación",
    "PARTE": "Fideicomitente|Fiduciario|Fideicomisario|Comité técnico|Mandante|Mandatario",
    "TIPO_PERSONA": "Física|Moral",
    "ES_OPERADOR": "S|N|SI|NO|Sí|X|1|0",
    "MOTIVO_NO_IDENTIFICADO": "Sin beneficiario controlador|Se desconoce|Sin respuesta|Exento",
    "TIPO_CONTRATO": "Producción Compartida|Licencia|Utilidad Compartida",
    "UBICACION": "Aguas Someras|Aguas Profundas|Terrestre|No Convencional",
    "ESTATUS": "Vigente|Terminado|Renuncia|Terminación anticipada",
    "SITUACION": "Vigente|Cancelada|En trámite",
    "ORDEN_GOBIERNO": "Federal|Estatal|Municipal",
    "PARENTESCO": "cónyuge|hijo(a)|padre|madre|hermano(a)|socio",
}
DATES = {
    "FECHA_FALLO",
    "FECHA_FIRMA",
    "FECHA_INICIO",
    "FECHA_FIN",
    "FECHA_DECLARACION",
    "FECHA_NACIMIENTO",
    "FECHA_EXPEDICION",
    "FECHA_INICIO_VIGENCIA",
    "FECHA_FIN_VIGENCIA",
    "FECHA_INSCRIPCION",
    "FECHA_INICIO_CARGO",
    "FECHA_FIN_CARGO",
    "FECHA_CONSTITUCION",
}
RFC_COLUMNS = {"RFC", "RFC_OPERADOR", "RFC_EMPRESA", "RFC_TITULAR", "RFC_CEDENTE", "RFC_CESIONARIO"}
COUNTRY_COLUMNS = {"PAIS_ORIGEN", "NACIONALIDAD", "JURISDICCION", "PAIS"}
PERCENT_COLUMNS = {"PORCENTAJE", "PORCENTAJE_PARTICIPACION"}
AMOUNT_COLUMNS = {"SUPERFICIE_KM2", "SUPERFICIE_HA"}
MONTHS = {
    m: k
    for k, m in enumerate(
        (
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ),
        start=1,
    )
}


# -- independent parsing -----------------------------------------------------------------
def fold(s: str) -> str:
    text = unicodedata.normalize("NFKD", s)
    text = "".join(c for c in text if not unicodedata.combining(c)).upper()
    return " ".join(re.sub(r"[^0-9A-Z]+", " ", text).split())


def is_date(s: str) -> bool:
    t = s.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            datetime.strptime(t, fmt)
            return True
        except ValueError:
            pass
    m = re.fullmatch(r"(\d{1,2}) de ([a-z]+) de (\d{4})", t)
    if not m or m.group(2) not in MONTHS:
        return False
    try:
        date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        return False
    return True


_NUM = r"(\d+(?:\.\d+)?)"


def parse_percent(s: str) -> tuple[float, float] | None:
    """[min, max] of a percentage cell, or None when it is not a percentage."""
    t = s.strip().lower().replace(",", ".")
    for pattern, kind in (
        (rf"{_NUM}\s*%?", "exact"),
        (rf"{_NUM}\s*(?:-|a)\s*{_NUM}\s*%?", "range"),
        (rf"(?:>|más del?|mas del?)\s*{_NUM}\s*%?", "above"),
        (rf"(?:<|menos del?)\s*{_NUM}\s*%?", "below"),
    ):
        m = re.fullmatch(pattern, t)
        if not m:
            continue
        values = [float(g) for g in m.groups()]
        if any(v < 0 or v > 100 for v in values):
            return None
        if kind == "exact":
            return values[0], values[0]
        if kind == "range":
            return (values[0], values[1]) if values[0] <= values[1] else None
        if kind == "above":
            return values[0], 100.0
        return 0.0, values[0]
    return None


def is_rfc(s: str) -> bool:
    compact = stdnum_rfc.compact(s)
    return len(compact) in (12, 13) and stdnum_rfc.is_valid(compact)


def is_amount(s: str) -> bool:
    try:
        return float(s.replace(",", "")) >= 0
    except ValueError:
        return False


COUNTRIES = {fold(s) for spellings in COUNTRY_SPELLINGS.values() for s in spellings}
VOCAB_FOLDED = {col: {fold(v) for v in values.split("|")} for col, values in VOCAB.items()}
VOCAB_FOLDED["ES_OPERADOR"] |= {"NO", "SI"}


def problems(file: str, row: dict[str, str]) -> set[tuple[str, str]]:
    found = set()
    for col, value in row.items():
        v = value.strip()
        if col in REQUIRED[file] and not v:
            found.add((col, "missing_required"))
        if not v:
            continue
        if col in DATES and not is_date(v):
            found.add((col, "bad_date"))
        if col in PERCENT_COLUMNS and parse_percent(v) is None:
            found.add((col, "bad_percentage"))
        if col in AMOUNT_COLUMNS and not is_amount(v):
            found.add((col, "bad_amount"))
        if col in RFC_COLUMNS and not is_rfc(v):
            found.add((col, "bad_rfc"))
        if col in VOCAB_FOLDED and fold(v) not in VOCAB_FOLDED[col]:
            found.add((col, "bad_value"))
        if col in COUNTRY_COLUMNS and fold(v) not in COUNTRIES:
            found.add((col, "bad_country"))
    return found


# -- reading -------------------------------------------------------------------------
def read_rows(folder: Path, file: str) -> tuple[list[str], list[dict[str, str]]]:
    encoding = ENCODING.get(file, "utf-8")
    with open(folder / file, encoding=encoding, newline="") as fh:
        if file == "sat-69b.csv":
            fh.readline()
            fh.readline()
        kw: dict[str, object] = {}
        if file == "trusts.csv":
            kw = {"delimiter": ";", "escapechar": "\\", "doublequote": False}
        reader = csv.reader(fh, **kw)  # type: ignore[arg-type]
        header = next(reader)
        return header, [dict(zip(header, cells, strict=True)) for cells in reader]


def truth(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / "truth" / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def all_bytes(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.csv"))
    } | {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.suffix in (".json", ".md")
    }


# -- fixtures ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sector(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GenerateReport]:
    out = tmp_path_factory.mktemp("sector1")
    return out, generate(out, scale=1, seed=7)


@pytest.fixture(scope="module")
def folder(sector: tuple[Path, GenerateReport]) -> Path:
    return sector[0]


@pytest.fixture(scope="module")
def broken(folder: Path) -> dict[tuple[str, int], tuple[str, str]]:
    return {
        (r["file"], int(r["row"])): (r["column"], r["rule"])
        for r in truth(folder, "broken_rows.csv")
    }


@pytest.fixture(scope="module")
def mentions(folder: Path) -> dict[tuple[str, int, str], str]:
    return {
        (r["file"], int(r["row"]), r["field"]): r["entity_id"]
        for r in truth(folder, "mentions.csv")
    }


@pytest.fixture(scope="module")
def entities(folder: Path) -> dict[str, dict[str, str]]:
    return {r["entity_id"]: r for r in truth(folder, "entities.csv")}


# -- determinism and size ------------------------------------------------------------
def test_same_seed_same_bytes_other_seed_other_bytes(folder: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again", scale=1, seed=7)
    generate(tmp_path / "other", scale=1, seed=8)
    first, again, other = (
        all_bytes(folder),
        all_bytes(tmp_path / "again"),
        all_bytes(tmp_path / "other"),
    )
    assert first.keys() == again.keys()
    assert [k for k in first if first[k] != again[k]] == []
    assert first["bo-declarations.csv"] != other["bo-declarations.csv"]
    assert first["truth/ownership.csv"] != other["truth/ownership.csv"]


def test_report_counts_match_the_files(sector: tuple[Path, GenerateReport]) -> None:
    folder, report = sector
    assert report.truth_dir == folder / "truth"
    assert set(report.files) == set(OUR_HEADERS) | set(REAL_FILES)
    for file, n in report.files.items():
        assert len(read_rows(folder, file)[1]) == n, file
    assert report.files["cnh-contracts.csv"] == 111
    assert sum(report.files.values()) >= 10_000  # so that scale 100 passes 1,000,000
    assert report.seconds > 0


def test_sizes_grow_linearly(sector: tuple[Path, GenerateReport], tmp_path: Path) -> None:
    one = sector[1].files
    two = generate(tmp_path, scale=2, seed=7).files
    for file, n in one.items():
        assert 1.85 <= two[file] / n <= 2.15, (file, n, two[file])


# -- layouts -------------------------------------------------------------------------
@pytest.mark.parametrize("file", sorted(OUR_HEADERS))
def test_our_layouts_have_the_columns_of_sources_md(folder: Path, file: str) -> None:
    assert read_rows(folder, file)[0] == OUR_HEADERS[file].split(", ")


@pytest.mark.shared_data
@pytest.mark.parametrize("file", sorted(REAL_FILES))
def test_real_layouts_copy_the_real_headers(folder: Path, file: str) -> None:
    real = require(SHARED_DATA / REAL_FILES[file])
    encoding = ENCODING.get(file, "utf-8")
    real_lines = real.read_bytes().decode(encoding).splitlines()
    ours = (folder / file).read_bytes().decode(encoding).splitlines()
    skip = 2 if file == "sat-69b.csv" else 0
    assert ours[skip] == real_lines[skip]
    if file == "sat-69b.csv":
        assert ours[0].startswith("Información actualizada al ")
        assert ours[1] == real_lines[1]


def test_real_layouts_read_as_the_real_files_do(folder: Path) -> None:
    sat = (folder / "sat-69b.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        sat.decode("utf-8")
    assert b"\r\n" in sat
    _, rows = read_rows(folder, "sat-69b.csv")
    assert {r["Situación del contribuyente"] for r in rows} == {
        "Presunto",
        "Desvirtuado",
        "Definitivo",
        "Sentencia Favorable",
    }
    assert [int(r["No"]) for r in rows] == list(range(1, len(rows) + 1))
    for r in rows:
        assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", r["Publicación página SAT presuntos"])
        assert " de fecha " in r["Número y fecha de oficio global de presunción SAT"]
        if r["Situación del contribuyente"] == "Desvirtuado":
            assert r["Publicación página SAT desvirtuados"]
            assert not r["Publicación página SAT definitivos"]
        if r["Situación del contribuyente"] == "Sentencia Favorable":
            assert r["Publicación página SAT sentencia favorable"]
    _, trusts = read_rows(folder, "trusts.csv")
    keys = {r["registry"] for r in trusts}
    assert all(len(k) == 14 for k in keys)
    assert any("\n" in r["report"] for r in trusts)
    assert any('"' in r["comments"] for r in trusts)  # written as \" in the file
    _, parties = read_rows(folder, "trust-parties.csv")
    public = {r["CLAVE_REGISTRO"] for r in parties if not r["CLAVE_REGISTRO"].startswith("F/")}
    assert public <= keys
    assert len(public) > len(keys) * 0.9
    _, sfp = read_rows(folder, "sfp-sanctions.csv")
    assert "RFC" not in sfp[0]
    header, compranet = read_rows(folder, "compranet.csv")
    assert header[0] == ""
    assert len(header) == 39
    assert all(r[""] == "APF" for r in compranet)


# -- broken rows ---------------------------------------------------------------------
def test_broken_rows_are_broken_as_listed_and_no_other_row_is(
    folder: Path, broken: dict[tuple[str, int], tuple[str, str]]
) -> None:
    found: dict[tuple[str, int], set[tuple[str, str]]] = {}
    total = 0
    for file in OUR_HEADERS:
        _, rows = read_rows(folder, file)
        total += len(rows)
        for n, row in enumerate(rows, start=1):
            p = problems(file, row)
            if p:
                found[(file, n)] = p
    listed = {k: {v} for k, v in broken.items()}
    assert found == listed
    assert 0.003 <= len(broken) / total <= 0.008
    assert {rule for _, rule in broken.values()} == {
        "missing_required",
        "bad_date",
        "bad_percentage",
        "bad_amount",
        "bad_rfc",
        "bad_value",
        "bad_country",
    }
    assert all(file in OUR_HEADERS for file, _ in broken)


def test_rows_are_never_exact_duplicates(folder: Path) -> None:
    for file in [*OUR_HEADERS, *REAL_FILES]:
        _, rows = read_rows(folder, file)
        keys = [tuple(r.values()) for r in rows]
        assert len(keys) == len(set(keys)), file


# -- noise ---------------------------------------------------------------------------
def test_the_noise_of_real_registers_is_there(folder: Path) -> None:
    _, bo = read_rows(folder, "bo-declarations.csv")
    shares = [r["PORCENTAJE"] for r in bo if r["PORCENTAJE"]]
    assert any("," in s for s in shares)
    assert any(s.endswith("%") and s[0].isdigit() for s in shares)
    assert any(re.fullmatch(r"\d+ ?(-|a) ?\d+", s) for s in shares)
    assert any(s.startswith((">", "más", "mas")) for s in shares)
    assert any(s.startswith("menos") for s in shares)
    dates = [r["FECHA_INICIO"] for r in bo if r["FECHA_INICIO"]]
    assert any(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates)
    assert any(re.fullmatch(r"\d\d/\d\d/\d{4}", d) for d in dates)
    assert any(re.fullmatch(r"\d\d-\d\d-\d{4}", d) for d in dates)
    assert any(" de " in d for d in dates)
    rfcs = [r["RFC"] for r in bo if r["RFC"]]
    assert "XAXX010101000" in rfcs
    valid = [x for x in rfcs if is_rfc(x)]
    assert any(not stdnum_rfc.is_valid(x, validate_check_digits=True) for x in valid)
    assert any("-" in x or " " in x for x in valid)
    _, parts = read_rows(folder, "cnh-participations.csv")
    assert {fold(r["ES_OPERADOR"]) for r in parts} >= {"S", "N", "SI", "NO", "X", "1", "0"}
    names = [r["RAZON_SOCIAL"] for r in read_rows(folder, "companies.csv")[1]]
    for form in ("S.A. de C.V.", "SA DE CV", "S. A. DE C. V.", "S. de R.L. de C.V.", "SAPI DE CV"):
        assert any(form.upper() in n.upper() for n in names), form
    assert any("Sociedad Anónima de Capital Variable".upper() in n.upper() for n in names)
    titulars = read_rows(folder, "mining-concessions.csv")[1]
    assert any(r["TITULO"].startswith("T-") for r in titulars)
    assert any(r["TITULO"].isdigit() for r in titulars)
    for file in ("mining-concessions.csv", "mining-acts.csv"):
        raw = (folder / file).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
    assert (folder / "companies.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_identifiers_are_realistic(entities: dict[str, dict[str, str]]) -> None:
    people = [e for e in entities.values() if e["kind"] == "person" and e["rfc"]]
    companies = [e for e in entities.values() if e["kind"] == "company" and e["rfc"]]
    assert all(len(e["rfc"]) == 13 and stdnum_rfc.is_valid(e["rfc"]) for e in people)
    assert all(len(e["rfc"]) == 12 and stdnum_rfc.is_valid(e["rfc"]) for e in companies)
    for e in companies[:200]:
        born = e["incorporation_or_birth_date"]
        assert e["rfc"][3:9] == born[2:4] + born[5:7] + born[8:10]
    with_check = [e for e in people + companies if stdnum_rfc.is_valid(e["rfc"], True)]
    assert 0.95 < len(with_check) / len(people + companies) < 1
    curps = [e["curp"] for e in entities.values() if e["curp"]]
    assert curps
    assert all(len(c) == 18 and stdnum_curp.is_valid(c) for c in curps)
    rfcs = [e["rfc"] for e in people + companies]
    assert len(rfcs) == len(set(rfcs))


# -- mentions ------------------------------------------------------------------------
def test_mentions_cover_every_party_cell_of_every_loaded_row(
    folder: Path,
    broken: dict[tuple[str, int], tuple[str, str]],
    mentions: dict[tuple[str, int, str], str],
    entities: dict[str, dict[str, str]],
) -> None:
    expected = set()
    for file, columns in PARTY_COLUMNS.items():
        _, rows = read_rows(folder, file)
        for n, row in enumerate(rows, start=1):
            if (file, n) in broken:
                continue
            expected |= {(file, n, c) for c in columns if row[c].strip()}
    assert set(mentions) == expected
    assert set(mentions.values()) <= set(entities)


def test_mentions_point_at_entities_of_the_right_kind(
    folder: Path, mentions: dict[tuple[str, int, str], str], entities: dict[str, dict[str, str]]
) -> None:
    _, bo = read_rows(folder, "bo-declarations.csv")
    kinds = {"Persona fisica": "person", "Persona moral": "company", "Fideicomiso": "trust"}
    for n, row in enumerate(bo, start=1):
        key = ("bo-declarations.csv", n, "NOMBRE" if row["NOMBRE"] else "RAZON_SOCIAL")
        if key in mentions:
            assert entities[mentions[key]]["kind"] == kinds[fold(row["TIPO_TITULAR"]).capitalize()]
    _, companies = read_rows(folder, "companies.csv")
    for n, row in enumerate(companies, start=1):
        key = ("companies.csv", n, "RAZON_SOCIAL")
        if key in mentions and row["RFC"] and is_rfc(row["RFC"]):
            rfc = stdnum_rfc.compact(row["RFC"])
            true = entities[mentions[key]]["rfc"]
            assert rfc in ("XAXX010101000", "XEXX010101000") or rfc[:-1] == true[:-1]


def test_the_known_contracts_are_seeded(
    folder: Path, mentions: dict[tuple[str, int, str], str], entities: dict[str, dict[str, str]]
) -> None:
    _, parts = read_rows(folder, "cnh-participations.csv")
    got: dict[str, list[tuple[str, float, bool]]] = defaultdict(list)
    for n, row in enumerate(parts, start=1):
        if row["NUM_CONTRATO"] in ("CNH-R01-L01-A2/2015", "CNH-R01-L01-A7/2015"):
            name = entities[mentions[("cnh-participations.csv", n, "EMPRESA")]]["name"]
            share = parse_percent(row["PORCENTAJE_PARTICIPACION"])
            assert share is not None
            operator = fold(row["ES_OPERADOR"]) in ("S", "SI", "X", "1")
            got[row["NUM_CONTRATO"]].append((name.split()[0], share[0], operator))
            assert row["FECHA_INICIO"] in (
                "2015-09-04",
                "04/09/2015",
                "04-09-2015",
                "4 de septiembre de 2015",
            )
    assert sorted(got["CNH-R01-L01-A2/2015"]) == [
        ("Premier", 10, False),
        ("Sierra", 45, False),
        ("Talos", 45, True),
    ]
    assert sorted(got["CNH-R01-L01-A7/2015"]) == [
        ("Premier", 25, False),
        ("Sierra", 40, False),
        ("Talos", 35, True),
    ]


# -- ownership -----------------------------------------------------------------------
def shares_in_force(
    folder: Path,
    broken: dict[tuple[str, int], tuple[str, str]],
    mentions: dict[tuple[str, int, str], str],
) -> dict[str, list[tuple[str, float, float]]]:
    """owned -> [(owner, min, max)] from loaded Accionista rows in force on REF."""

    _, bo = read_rows(folder, "bo-declarations.csv")
    shares: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    unknown = 0
    for n, row in enumerate(bo, start=1):
        if ("bo-declarations.csv", n) in broken or fold(row["TIPO_INTERES"]) != "ACCIONISTA":
            continue
        start, end = parse_day(row["FECHA_INICIO"]), parse_day(row["FECHA_FIN"])
        if (start and start > REF) or (end and end < REF):
            continue
        owned = mentions[("bo-declarations.csv", n, "EMPRESA_DECLARANTE")]
        owner = mentions.get(("bo-declarations.csv", n, "NOMBRE")) or mentions.get(
            ("bo-declarations.csv", n, "RAZON_SOCIAL")
        )
        if owner is None:
            unknown += 1
            owner = f"unknown-{n}"
        share = parse_percent(row["PORCENTAJE"]) if row["PORCENTAJE"] else (0.0, 100.0)
        assert share is not None
        shares[owned].append((owner, *share))
    assert unknown > 0
    return shares


def walk_ownership(
    holder: str, shares: dict[str, list[tuple[str, float, float]]]
) -> dict[str, list[float]]:
    """Sum over walks owner -> ... -> holder that stop at the holder and never return to
    their own start, enumerated from the holder upwards (independent of the DP)."""
    out: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])

    def up(node: str, lo: float, hi: float, path: tuple[str, ...], depth: int) -> None:
        for owner, a, b in shares.get(node, ()):
            if owner == holder:
                continue
            plo, phi = lo * a / 100, hi * b / 100
            if owner not in path:
                out[owner][0] += plo
                out[owner][1] += phi
            if depth < 80 and phi > 1e-13:
                up(owner, plo, phi, (*path, owner), depth + 1)

    up(holder, 1.0, 1.0, (holder,), 0)
    return out


def test_ownership_truth_matches_an_independent_walk(
    folder: Path,
    broken: dict[tuple[str, int], tuple[str, str]],
    mentions: dict[tuple[str, int, str], str],
) -> None:
    shares = shares_in_force(folder, broken, mentions)
    rows = truth(folder, "ownership.csv")
    by_holder: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
    for r in rows:
        by_holder[r["holder_entity_id"]][r["owner_entity_id"]] = (
            float(r["effective_min"]),
            float(r["effective_max"]),
        )
    holders = [r["holder_entity_id"] for r in truth(folder, "holders.csv")]
    assert len(holders) > 300
    checked = 0
    for h in holders:
        walked = walk_ownership(h, shares)
        named = {k: v for k, v in walked.items() if not k.startswith("unknown-")}
        truth_named = {k: v for k, v in by_holder[h].items() if not k.startswith("U")}
        assert set(named) == set(truth_named), h
        for owner, (lo, hi) in named.items():
            t_lo, t_hi = truth_named[owner]
            assert t_lo == pytest.approx(lo * 100, abs=1e-4), (h, owner)
            assert t_lo - 1e-6 <= t_hi <= min(100.0, hi * 100) + 1e-4, (h, owner)
        unknown_walk = sorted(
            round(v[0] * 100, 4) for k, v in walked.items() if k.startswith("unknown-")
        )
        unknown_truth = sorted(round(v[0], 4) for k, v in by_holder[h].items() if k.startswith("U"))
        assert unknown_walk == unknown_truth, h
        checked += 1
    assert checked == len(holders)


def test_ownership_sums_to_at_most_100_over_people_and_unknowns(
    folder: Path, entities: dict[str, dict[str, str]]
) -> None:
    totals: dict[str, float] = defaultdict(float)
    for r in truth(folder, "ownership.csv"):
        lo, hi = float(r["effective_min"]), float(r["effective_max"])
        assert 0 <= lo <= hi <= 100
        if entities[r["owner_entity_id"]]["kind"] in ("person", "unspecified"):
            totals[r["holder_entity_id"]] += lo
    assert totals
    assert max(totals.values()) <= 100 + 1e-6
    assert any(v == pytest.approx(100) for v in totals.values())


def test_planted_cycles_exist_in_the_declarations(
    folder: Path,
    broken: dict[tuple[str, int], tuple[str, str]],
    mentions: dict[tuple[str, int, str], str],
) -> None:
    cycles = json.loads((folder / "truth" / "cycles.json").read_text())
    assert len(cycles) == 3
    assert sorted(len(c) for c in cycles) == [1, 2, 3]
    shares = shares_in_force(folder, broken, mentions)
    for group in cycles:
        members = set(group)
        edges = {(o, owned) for owned in members for o, _, _ in shares[owned] if o in members}
        if len(group) == 1:
            assert (group[0], group[0]) in edges
            continue
        for start in group:  # every member reaches every other member inside the group
            seen, todo = {start}, [start]
            while todo:
                x = todo.pop()
                for a, b in edges:
                    if a == x and b not in seen:
                        seen.add(b)
                        todo.append(b)
            assert seen == members
    readme = (folder / "truth" / "README.md").read_text()
    assert "exactly the planted ones" in readme
    assert "Reference date: 2024-06-30" in readme


def test_cycle_members_own_value_excludes_returning_chains(folder: Path) -> None:
    rows = {(r["holder_entity_id"], r["owner_entity_id"]): float(r["effective_min"])
            for r in truth(folder, "ownership.csv")}  # fmt: skip
    cycles = json.loads((folder / "truth" / "cycles.json").read_text())
    two = next(c for c in cycles if len(c) == 2)
    holder = next(h for (h, o) in rows if o == two[0] and (h, two[1]) in rows)
    a, b = sorted(two, key=lambda x: -rows[(holder, x)])
    # B owns 99.99 % of the holder and A 0.01 %; A owns 75 % of B and B 20 % of A:
    # A's own value: 0.0001 + 0.75*0.9999 = 75.0025 %; B's own: 0.9999 + 0.2*0.0001
    assert rows[(holder, a)] == pytest.approx(99.992, abs=1e-3)
    assert rows[(holder, b)] == pytest.approx(75.0025, abs=1e-3)


# -- flags ---------------------------------------------------------------------------
def test_every_flag_code_fires_and_every_planted_flag_is_listed(folder: Path) -> None:
    flags = truth(folder, "flags.csv")
    codes = {f["code"] for f in flags}
    assert codes >= {
        "CIRCULAR",
        "SAT_69B",
        "SANCTIONED",
        "PEP_OWNER",
        "UNTRACED",
        "TRUST_OPAQUE",
        "LAYERING",
        "NEW_COMPANY",
        "SHARED_ADDRESS",
        "FLIP",
        "NOMINEE",
        "COMMON_OWNER",
    }
    fired = {(f["entity_or_contract_id"], f["code"]) for f in flags if f["planted"] == "yes"}
    planted = {(p["entity_or_contract_id"], p["code"]) for p in truth(folder, "planted.csv")}
    assert planted == fired
    assert all(f["detail"] for f in flags)


def test_truth_files_have_their_headers(folder: Path) -> None:
    def header(name: str) -> list[str]:
        with open(folder / "truth" / name, encoding="utf-8") as fh:
            return fh.readline().strip().split(",")

    assert header("broken_rows.csv") == ["file", "row", "column", "rule"]
    assert header("mentions.csv") == ["file", "row", "field", "entity_id"]
    assert header("entities.csv")[:7] == [
        "entity_id",
        "kind",
        "name",
        "rfc",
        "curp",
        "country",
        "incorporation_or_birth_date",
    ]
    assert header("ownership.csv") == [
        "holder_entity_id",
        "owner_entity_id",
        "effective_min",
        "effective_max",
    ]
    assert header("flags.csv")[:3] == ["entity_or_contract_id", "code", "detail"]


def parse_day(s: str) -> date | None:
    s = s.strip()
    if not s:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    m = re.fullmatch(r"(\d+) de ([a-z]+) de (\d{4})", s)
    assert m is not None, s
    return date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))


def test_participations_of_a_contract_sum_to_100_on_every_day(
    folder: Path, broken: dict[tuple[str, int], tuple[str, str]]
) -> None:
    _, parts = read_rows(folder, "cnh-participations.csv")
    by_contract: dict[str, list[tuple[float, date, date | None]]] = defaultdict(list)
    spoiled = set()
    for n, row in enumerate(parts, start=1):
        if ("cnh-participations.csv", n) in broken:
            # rows come grouped by contract: a blanked NUM_CONTRATO spoils a neighbour's
            spoiled |= {r["NUM_CONTRATO"] for r in parts[max(0, n - 2) : n + 1]}
            continue
        share = parse_percent(row["PORCENTAJE_PARTICIPACION"])
        start = parse_day(row["FECHA_INICIO"])
        assert share is not None
        assert start is not None
        by_contract[row["NUM_CONTRATO"]].append((share[0], start, parse_day(row["FECHA_FIN"])))
    checked = 0
    for contract, rows in by_contract.items():
        if contract in spoiled:
            continue
        for _, day, _ in rows:
            total = sum(s for s, a, b in rows if a <= day and (b is None or b >= day))
            assert total == pytest.approx(100), (contract, day)
        checked += 1
    assert checked > 100


def test_trusts_have_every_role_and_declared_trusts_have_parties(folder: Path) -> None:
    _, parties = read_rows(folder, "trust-parties.csv")
    roles = {fold(r["PARTE"]) for r in parties}
    assert roles >= {
        fold(x)
        for x in (
            "Fideicomitente",
            "Fiduciario",
            "Fideicomisario",
            "Comité técnico",
            "Mandante",
            "Mandatario",
        )
    }
    keys = {r["CLAVE_REGISTRO"] for r in parties}
    _, bo = read_rows(folder, "bo-declarations.csv")
    declared = {r["CLAVE_FIDEICOMISO"] for r in bo if r["CLAVE_FIDEICOMISO"]}
    assert declared
    assert declared <= keys


def test_pep_relatives_point_at_peps(folder: Path) -> None:
    _, peps = read_rows(folder, "pep.csv")
    ids = {r["ID_PEP"] for r in peps}
    relatives = [r for r in peps if r["PARENTESCO"]]
    assert relatives
    # a PEP row broken on purpose (blank ID_PEP) may leave a relative pointing nowhere
    pointing = [r["ID_PEP_RELACIONADO"] in ids for r in relatives]
    assert sum(pointing) >= 0.95 * len(relatives)
    assert all(not r["CARGO"] for r in relatives)
