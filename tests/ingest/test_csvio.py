"""read_csv / iter_csv: a corpus of broken inputs, and the real Mexican files."""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from ingest.csvio import CsvRow, CsvRowProblem, CsvTable, column_key, iter_csv, read_csv
from registry.errors import SourceFormatError
from tests.support.paths import SHARED_DATA, require

MX = SHARED_DATA / "mx"

SFP = [
    "Proveedor",
    "Dependencia",
    "Número de Expediente",
    "Hechos",
    "Objeto Social",
    "Sentido de Resolución",
    "Fecha de Notificación",
    "FechadeResolucion",
    "Plazo años - meses",
    "Monto",
    "Nombre del Responsable de la información",
]
SAT = [
    "No",
    "RFC",
    "Nombre del Contribuyente",
    "Situación del contribuyente",
    "Número y fecha de oficio global de presunción SAT",
    "Publicación página SAT presuntos",
    "Número y fecha de oficio global de presunción DOF",
    "Publicación DOF presuntos",
    "Número y fecha de oficio global de contribuyentes que desvirtuaron SAT",
    "Publicación página SAT desvirtuados",
    "Número y fecha de oficio global de contribuyentes que desvirtuaron DOF",
    "Publicación DOF desvirtuados",
    "Número y fecha de oficio global de definitivos SAT",
    "Publicación página SAT definitivos",
    "Número y fecha de oficio global de definitivos DOF",
    "Publicación DOF definitivos",
    "Número y fecha de oficio global de sentencia favorable SAT",
    "Publicación página SAT sentencia favorable",
    "Número y fecha de oficio global de sentencia favorable DOF",
    "Publicación DOF sentencia favorable",
]
TRUSTS = [
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
]
COMPRANET = [
    "GOBIERNO",
    "SIGLAS",
    "DEPENDENCIA",
    "CLAVEUC",
    "NUMERO_PROCEDIMIENTO",
    "TIPO_PROCEDIMIENTO",
    "CODIGO_CONTRATO",
    "TITULO_CONTRATO",
    "FECHA_INICIO",
    "FECHA_FIN",
    "IMPORTE_CONTRATO",
    "MONEDA",
    "PROVEEDOR_CONTRATISTA",
]
ABC = ["RFC", "Nombre", "Monto"]


def _read(
    tmp_path: Path,
    content: bytes,
    expected: Sequence[str] = ABC,
    name: str = "input.csv",
    **kwargs: object,
) -> CsvTable:
    path = tmp_path / name
    path.write_bytes(content)
    return read_csv(path, path.read_bytes(), expected=expected, **kwargs)  # type: ignore[arg-type]


def _error(tmp_path: Path, content: bytes, expected: Sequence[str] = ABC, **kwargs: object) -> str:
    with pytest.raises(SourceFormatError) as info:
        _read(tmp_path, content, expected, name="broken.csv", **kwargs)
    message = info.value.message
    assert "broken.csv" in message
    return message


# -- the normal case -------------------------------------------------------------------


def test_simple_file(tmp_path: Path) -> None:
    table = _read(tmp_path, b"RFC,Nombre,Monto\nAAA010101AAA,Uno,10\nBBB020202BBB,Dos,20\n")
    assert (table.encoding, table.delimiter, table.header_line) == ("utf-8", ",", 1)
    assert table.columns == ABC
    assert [(r.number, r.line) for r in table.rows] == [(1, 2), (2, 3)]
    assert table.rows[0].values == {"RFC": "AAA010101AAA", "Nombre": "Uno", "Monto": "10"}
    assert table.rows[0].extra == {}
    assert table.problems == []
    assert table.warnings == []
    assert table.rows_read == 2


def test_columns_in_any_order_and_extra_columns_kept(tmp_path: Path) -> None:
    table = _read(tmp_path, b"Monto,Otro dato,Nombre,RFC\n10,x,Uno,AAA010101AAA\n")
    assert table.columns == ["Monto", "Nombre", "RFC"]
    assert table.extra_columns == ["Otro dato"]
    row = table.rows[0]
    assert row.values == {"Monto": "10", "Nombre": "Uno", "RFC": "AAA010101AAA"}
    assert row.extra == {"Otro dato": "x"}


def test_missing_optional_column_is_blank(tmp_path: Path) -> None:
    table = _read(tmp_path, b"RFC,Nombre\nAAA010101AAA,Uno\n")
    assert table.columns == ["RFC", "Nombre"]
    assert table.rows[0].values["Monto"] == ""


def test_cells_are_not_cleaned(tmp_path: Path) -> None:
    table = _read(tmp_path, b'RFC,Nombre,Monto\n AAA010101AAA ,"  Uno  ",\n')
    assert table.rows[0].values == {"RFC": " AAA010101AAA ", "Nombre": "  Uno  ", "Monto": ""}


def test_blank_lines_skipped_and_not_counted(tmp_path: Path) -> None:
    table = _read(tmp_path, b"\n\nRFC,Nombre,Monto\n\nA,Uno,1\n   \n,,\nB,Dos,2\n\n")
    assert [(r.number, r.line, r.values["Nombre"]) for r in table.rows] == [
        (1, 5, "Uno"),
        (2, 8, "Dos"),
    ]
    assert table.problems == []
    assert any("only empty cells" in w for w in table.warnings)


def test_crlf_line_ends(tmp_path: Path) -> None:
    table = _read(tmp_path, b"RFC,Nombre,Monto\r\nA,Uno,1\r\nB,Dos,2\r\n")
    assert [r.values["Monto"] for r in table.rows] == ["1", "2"]
    assert [r.line for r in table.rows] == [2, 3]


def test_lone_cr_line_ends(tmp_path: Path) -> None:
    table = _read(tmp_path, b"RFC,Nombre,Monto\rA,Uno,1\rB,Dos,2\r")
    assert [r.values["Nombre"] for r in table.rows] == ["Uno", "Dos"]


# -- encodings -------------------------------------------------------------------------


def test_utf8_bom(tmp_path: Path) -> None:
    table = _read(tmp_path, "\ufeffRFC,Nombre,Monto\nA,Peñoles,1\n".encode())
    assert table.encoding == "utf-8-sig"
    assert table.columns == ABC  # the BOM is not part of the first column name
    assert table.rows[0].values["Nombre"] == "Peñoles"


def test_cp1252(tmp_path: Path) -> None:
    content = "RFC,Nombre,Monto\nA,“INNOVACIÓN” Ñ,1\n".encode("cp1252")
    table = _read(tmp_path, content)
    assert table.encoding == "cp1252"
    assert table.rows[0].values["Nombre"] == "“INNOVACIÓN” Ñ"
    assert table.warnings == []


def test_latin1_undefined_cp1252_bytes_do_not_crash(tmp_path: Path) -> None:
    table = _read(tmp_path, b"RFC,Nombre,Monto\nA,X\x81Y\xd1,1\n")
    assert table.encoding == "cp1252"
    assert table.rows[0].values["Nombre"] == "X\x81YÑ"


def test_mixed_encodings(tmp_path: Path) -> None:
    content = (
        b"RFC,Nombre,Monto\n"
        + "A,Peñoles,1\n".encode()
        + "B,Minera Peña,2\n".encode("cp1252")
        + "C,Acción,3\n".encode()
        + "D,Señor,4\n".encode("cp1252")
        + "E,Niño,5\n".encode()
    )
    table = _read(tmp_path, content)
    assert table.encoding == "utf-8"
    assert [r.values["Nombre"] for r in table.rows] == [
        "Peñoles",
        "Minera Peña",
        "Acción",
        "Señor",
        "Niño",
    ]
    assert len(table.warnings) == 1
    assert "mixed encodings" in table.warnings[0]
    assert "line(s) 3, 5 " in table.warnings[0]


def test_utf16_with_bom(tmp_path: Path) -> None:
    table = _read(tmp_path, "RFC,Nombre,Monto\nA,Peñoles,1\n".encode("utf-16"))
    assert table.encoding == "utf-16"
    assert table.rows[0].values["Nombre"] == "Peñoles"


# -- layout ----------------------------------------------------------------------------


def test_title_lines_above_header(tmp_path: Path) -> None:
    content = (
        "Información actualizada al 30 de noviembre de 2022,,,\n"
        "Listado completo de contribuyentes (Artículo 69-B del CFF),,,\n"
        "No,RFC,Nombre del Contribuyente,Situación del contribuyente\n"
        '1,AAA080808HL8,"ASESORES EN AVALÚOS Y ACTIVOS, S.A. DE C.V.",Sentencia Favorable\n'
    ).encode("cp1252")
    table = _read(tmp_path, content, SAT[:4])
    assert table.header_line == 3
    assert table.rows[0].number == 1
    assert table.rows[0].line == 4
    assert (
        table.rows[0].values["Nombre del Contribuyente"]
        == "ASESORES EN AVALÚOS Y ACTIVOS, S.A. DE C.V."
    )
    assert any("2 line(s) above the header" in w for w in table.warnings)


def test_semicolon_delimiter_sniffed(tmp_path: Path) -> None:
    table = _read(tmp_path, b'RFC;Nombre;Monto\nA;"Uno, Dos";1,5\n')
    assert table.delimiter == ";"
    assert table.rows[0].values == {"RFC": "A", "Nombre": "Uno, Dos", "Monto": "1,5"}


@pytest.mark.parametrize("delimiter", ["\t", "|"])
def test_tab_and_pipe(tmp_path: Path, delimiter: str) -> None:
    content = delimiter.join(ABC) + "\n" + delimiter.join(["A", "Uno", "1"]) + "\n"
    table = _read(tmp_path, content.encode())
    assert table.delimiter == delimiter
    assert table.rows[0].values["Nombre"] == "Uno"


def test_header_names_with_stray_spaces_and_spelling(tmp_path: Path) -> None:
    content = (
        "Proveedor,Dependencia,Número de Expediente         ,Hechos,Objeto Social       ,"
        "Sentido de Resolución ,Fecha de Notificación,FechadeResolucion,"
        "Plazo años - meses               ,Monto,Nombre del Responsable de la información,,\n"
        "X SA,IMSS,0041/2013,h,o,s,2014-08-19,2014-08-06,,90664,LIC. F,,\n"
    )
    expected = [*SFP[:7], "Fecha de Resolución", *SFP[8:]]
    table = _read(tmp_path, content.encode(), expected)
    assert table.columns == expected
    assert table.rows[0].values["Número de Expediente"] == "0041/2013"
    assert table.rows[0].values["Fecha de Resolución"] == "2014-08-06"
    assert table.problems == []  # the two empty trailing cells are tolerated


def test_column_key() -> None:
    assert column_key("Número de Expediente         ") == column_key("numero de expediente")
    assert column_key("FechadeResolucion") == column_key("Fecha de Resolución")
    assert column_key("Plazo años - meses") == "PLAZOANOSMESES"


def test_embedded_newlines(tmp_path: Path) -> None:
    content = b'RFC,Nombre,Monto\nA,"Linea uno\nlinea dos\nlinea tres",1\nB,Dos,2\n'
    table = _read(tmp_path, content)
    assert [(r.number, r.line) for r in table.rows] == [(1, 2), (2, 5)]
    assert table.rows[0].values["Nombre"] == "Linea uno\nlinea dos\nlinea tres"


def test_backslash_escaped_quotes(tmp_path: Path) -> None:
    content = b'"RFC";"Nombre";"Monto"\n"A";"EL \\"GRAN\\" FONDO";"1,000"\n"B";"Dos";"2"\n'
    table = _read(tmp_path, content, escapechar="\\")
    assert table.delimiter == ";"
    assert table.rows[0].values["Nombre"] == 'EL "GRAN" FONDO'
    assert len(table.rows) == 2


def test_unnamed_header_column(tmp_path: Path) -> None:
    table = _read(tmp_path, b",Nombre,Monto,RFC\nAPF,Uno,1,A\n")
    assert table.columns == ["Nombre", "Monto", "RFC"]
    assert table.rows[0].extra == {"column_1": "APF"}
    assert any("column 1 of the header" in w for w in table.warnings)


def test_rows_wider_than_header_everywhere(tmp_path: Path) -> None:
    lines = ["RFC,Nombre,Monto"] + [f"R{i},N{i},{i},alias {i},False" for i in range(20)]
    table = _read(tmp_path, ("\n".join(lines) + "\n").encode())
    assert table.problems == []
    assert table.rows[3].extra == {"column_4": "alias 3", "column_5": "False"}
    assert any("header names only 3 columns" in w for w in table.warnings)


# -- row problems ----------------------------------------------------------------------


def test_wrong_number_of_cells(tmp_path: Path) -> None:
    content = b"RFC,Nombre,Monto\nA,Uno,1\nB,Dos\nC,Tres,3,sobra\nD,Cuatro,4,,\n"
    table = _read(tmp_path, content)
    assert [r.values["RFC"] for r in table.rows] == ["A", "D"]
    assert [(p.number, p.line, p.rule) for p in table.problems] == [
        (2, 3, "wrong_columns"),
        (3, 4, "wrong_columns"),
    ]
    assert table.problems[0].message == "the row has 2 cells but the header has 3 columns"
    assert table.problems[1].message == "the row has 4 cells but the header has 3 columns"
    assert table.problems[0].raw == "B,Dos"
    assert table.rows_read == 4


def test_truncated_inside_quoted_field(tmp_path: Path) -> None:
    content = b'RFC,Nombre,Monto\nA,Uno,1\nB,Dos,2\nC,"Tres y el archivo se cort'
    table = _read(tmp_path, content)
    assert [r.values["RFC"] for r in table.rows] == ["A", "B"]
    assert len(table.problems) == 1
    problem = table.problems[0]
    assert (problem.number, problem.line, problem.rule) == (3, 4, "truncated")
    assert "truncated" in problem.message
    assert problem.raw == 'C,"Tres y el archivo se cort'


def test_truncated_quoted_field_spanning_lines(tmp_path: Path) -> None:
    content = b'RFC,Nombre,Monto\nA,Uno,1\nB,"Dos\nsigue\n'
    table = _read(tmp_path, content)
    assert len(table.rows) == 1
    assert table.problems[0].rule == "truncated"
    assert table.problems[0].line == 3


def test_truncated_mid_row_without_quotes(tmp_path: Path) -> None:
    table = _read(tmp_path, b"RFC,Nombre,Monto\nA,Uno,1\nB,Do")
    assert len(table.rows) == 1
    assert table.problems[0].rule == "truncated"
    assert "2 of 3 cells" in table.problems[0].message


def test_last_row_without_final_newline_is_fine(tmp_path: Path) -> None:
    table = _read(tmp_path, b'RFC,Nombre,Monto\nA,Uno,1\nB,"Dos",2')
    assert len(table.rows) == 2
    assert table.problems == []


# -- whole-file errors -----------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    assert "is empty" in _error(tmp_path, b"")


def test_only_blank_lines(tmp_path: Path) -> None:
    assert "is empty" in _error(tmp_path, b"\n\n  \r\n\t\n")


def test_bom_only(tmp_path: Path) -> None:
    assert "is empty" in _error(tmp_path, b"\xef\xbb\xbf\n")


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    message = _error(tmp_path, b"RFC,Nombre\n\x00\x01\x02\x03binary" * 10)
    assert "is not a text CSV" in message
    assert "NUL" in message


def test_binary_junk_without_nul(tmp_path: Path) -> None:
    rng = random.Random(7)
    junk = bytes(rng.randrange(1, 256) for _ in range(4096))
    assert "is not a text CSV" in _error(tmp_path, junk)


def test_spreadsheet_instead_of_csv(tmp_path: Path) -> None:
    message = _error(tmp_path, b"PK\x03\x04\x14\x00\x06\x00rest of an xlsx")
    assert "is not a text CSV" in message
    assert "xlsx" in message


def test_header_not_found(tmp_path: Path) -> None:
    message = _error(tmp_path, b"Foo,Bar,Baz\n1,2,3\n")
    assert "no header row found" in message
    assert "'RFC'" in message
    assert "'Nombre'" in message
    assert "'Foo,Bar,Baz'" in message


def test_wrong_delimiter_unsupported(tmp_path: Path) -> None:
    message = _error(tmp_path, b"RFC:Nombre:Monto\nA:Uno:1\n")
    assert "the delimiter looks like ':'" in message


def test_wrong_delimiter_given_by_caller(tmp_path: Path) -> None:
    message = _error(tmp_path, b"RFC;Nombre;Monto\nA;Uno;1\n", delimiter=",")
    assert "the delimiter looks like ';'" in message
    assert "3 cells" in message


def test_missing_required_column(tmp_path: Path) -> None:
    message = _error(tmp_path, b"Nombre,Monto\nUno,1\n", required=["RFC"])
    assert "required column(s) missing: RFC" in message
    assert "Nombre, Monto" in message


def test_duplicated_header(tmp_path: Path) -> None:
    message = _error(tmp_path, b"RFC,Nombre,Monto,NOMBRE \nA,Uno,1,Otro\n")
    assert "appears twice" in message
    assert "'NOMBRE'" in message
    assert "columns 2 and 4" in message


def test_error_details_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    with pytest.raises(SourceFormatError) as info:
        read_csv(path, b"", expected=ABC)
    assert info.value.details["file"] == str(path)


# -- never crash -----------------------------------------------------------------------

VALID = (
    b'RFC,Nombre,Monto\nAAA010101AAA,"Uno, S.A. de C.V.",10\n'
    b'BBB020202BBB,"Dos ""quoted""\nsecond line",20\nCCC030303CCC,Tres,30\n'
)


def test_every_truncation_point_is_handled(tmp_path: Path) -> None:
    for cut in range(len(VALID) + 1):
        try:
            table = read_csv(tmp_path / "t.csv", VALID[:cut], expected=ABC)
        except SourceFormatError:
            continue
        for row in table.rows:
            assert set(row.values) == set(ABC)
        assert all(p.rule in {"truncated", "wrong_columns"} for p in table.problems)


def test_random_corruption_never_crashes(tmp_path: Path) -> None:
    rng = random.Random(42)
    for _ in range(300):
        data = bytearray(VALID)
        for _ in range(rng.randrange(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        with contextlib.suppress(SourceFormatError):
            read_csv(tmp_path / "r.csv", bytes(data), expected=ABC)


# -- streaming -------------------------------------------------------------------------


def test_iter_csv_matches_read_csv(tmp_path: Path) -> None:
    content = b"RFC,Nombre,Monto\nA,Uno,1\nB,Dos\nC,Tres,3\n"
    path = tmp_path / "s.csv"
    reader = iter_csv(path, content, expected=ABC)
    assert (reader.encoding, reader.delimiter, reader.header_line) == ("utf-8", ",", 1)
    items = list(reader)
    table = read_csv(path, content, expected=ABC)
    assert [i for i in items if isinstance(i, CsvRow)] == table.rows
    assert [i for i in items if isinstance(i, CsvRowProblem)] == table.problems
    assert [i.number for i in items] == [1, 2, 3]
    with pytest.raises(RuntimeError):
        list(reader)


def test_iter_csv_raises_header_errors_immediately(tmp_path: Path) -> None:
    with pytest.raises(SourceFormatError):
        iter_csv(tmp_path / "e.csv", b"", expected=ABC)


def test_speed(tmp_path: Path) -> None:
    columns = [f"COL_{i}" for i in range(15)]
    row = ",".join(["1", "EMPRESA MINERA SA DE CV", "2020-01-01", "12345.67", *["x"] * 11])
    data = ("\n".join([",".join(columns), *[row] * 50_000]) + "\n").encode()
    start = time.perf_counter()
    table = read_csv(tmp_path / "big.csv", data, expected=columns)
    elapsed = time.perf_counter() - start
    assert len(table.rows) == 50_000
    print(f"read_csv: {50_000 / elapsed:,.0f} rows/s")
    assert elapsed < 5  # target is >= 100,000 rows/s; generous bound for slow CI machines


# -- the real files ----------------------------------------------------------------------


def _real(path: Path, expected: Sequence[str], **kwargs: object) -> CsvTable:
    require(path)
    return read_csv(path, path.read_bytes(), expected=expected, **kwargs)  # type: ignore[arg-type]


@pytest.mark.shared_data
def test_real_sat_69b() -> None:
    table = _real(MX / "sat_69b" / "Listado_Completo_69-B_2022-11-30.csv", SAT, required=["RFC"])
    assert table.encoding == "cp1252"
    assert table.header_line == 3
    assert table.columns == SAT
    assert len(table.rows) == 12_666
    assert table.problems == []
    assert (
        table.rows[0].values["Nombre del Contribuyente"]
        == "ASESORES EN AVALÚOS Y ACTIVOS, S.A. DE C.V."
    )
    assert table.rows[-1].values["No"] == "12666"
    assert sum(r.values["RFC"] == "XXXXXXXXXXXX" for r in table.rows) == 86


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "loaded", "problem_numbers"),
    [
        ("ProveedoresyContratistasSancionados.csv", 1502, [964, 1129]),
        ("ProveedoresyContratistasSancionados_2.csv", 453, [79]),
    ],
)
def test_real_sfp(name: str, loaded: int, problem_numbers: list[int]) -> None:
    table = _real(MX / "sfp_sancionados" / name, SFP, required=["Proveedor"])
    assert table.encoding == "utf-8"
    assert table.columns == SFP
    assert len(table.rows) == loaded
    # rows whose unquoted commas pushed cells past the header's 11 columns
    assert [p.number for p in table.problems] == problem_numbers
    assert {p.rule for p in table.problems} == {"wrong_columns"}


@pytest.mark.shared_data
def test_real_trusts_2015() -> None:
    table = _real(MX / "fideicomisos" / "trusts_2015.csv", TRUSTS, escapechar="\\")
    assert table.delimiter == ";"
    assert table.columns == TRUSTS
    assert len(table.rows) == 348
    assert table.problems == []
    assert table.rows[0].values["registry"] == "20070211301479"
    assert table.rows[0].values["fiduciary"] == "NACIONAL FINANCIERA, S.N.C"


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("sample_Contratos2010_2012_150514080257.csv", 399),
        ("sample_Contratos2013_150514080004.csv", 399),
        ("sample_Contratos2014_150514075704.csv", 399),
        ("sample_Contratos2015_150514075424.csv", 397),
    ],
)
def test_real_compranet(name: str, rows: int) -> None:
    table = _real(MX / "compranet" / name, COMPRANET)
    assert len(table.rows) == rows
    assert table.problems == []
    assert table.rows[0].values["MONEDA"] == "MXN"


@pytest.mark.shared_data
def test_real_compranet_2015_lacks_the_first_header_name() -> None:
    table = _real(MX / "compranet" / "sample_Contratos2015_150514075424.csv", COMPRANET)
    assert "GOBIERNO" not in table.columns
    assert table.rows[0].extra["column_1"] == "APF"


@pytest.mark.shared_data
def test_real_sfp_contracts_with_unnamed_trailing_columns() -> None:
    table = _real(MX / "sfp_sancionados" / "sancionados_url.csv", [*COMPRANET, "FOLIO_RUPC"])
    assert len(table.rows) == 1070
    assert table.problems == []
    assert table.extra_columns[-2:] == ["column_45", "column_46"]
