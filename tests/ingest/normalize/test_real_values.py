"""The normalisers on every value of the real Mexican files (../shared/data/mx)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from ingest.csvio import CsvTable, read_csv
from ingest.normalize import (
    NormalizationError,
    org_key,
    parse_amount,
    parse_date,
    parse_dates,
    parse_person_name,
    parse_rfc,
    parse_term_months,
    split_legal_form,
)
from tests.support.paths import SHARED_DATA, require

pytestmark = pytest.mark.shared_data

MX = SHARED_DATA / "mx"
SAT_FILE = MX / "sat_69b" / "Listado_Completo_69-B_2022-11-30.csv"


def _table(path: Path, expected: Sequence[str], **kwargs: object) -> CsvTable:
    require(path)
    return read_csv(path, path.read_bytes(), expected=expected, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sat() -> CsvTable:
    return _table(
        SAT_FILE, ["No", "RFC", "Nombre del Contribuyente", "Situación del contribuyente"]
    )


def test_sat_rfcs(sat: CsvTable) -> None:
    kinds: Counter[tuple[str, bool]] = Counter()
    redacted = 0
    for row in sat.rows:
        info = parse_rfc(row.values["RFC"])
        if info is None:
            redacted += 1
            continue
        kinds[(info.kind, info.checksum_ok)] += 1
    assert redacted == 86
    assert kinds[("company", True)] + kinds[("company", False)] == 9963
    assert kinds[("person", True)] + kinds[("person", False)] == 2617
    failing = kinds[("company", False)] + kinds[("person", False)]
    assert 0 < failing < 0.015 * len(sat.rows)  # "about 1.5 %" fail the check digit


def test_sat_oficio_and_publication_dates(sat: CsvTable) -> None:
    oficio_columns = [c for c in sat.extra_columns if c.startswith("Número y fecha")]
    publication_columns = [c for c in sat.extra_columns if c.startswith("Publicación")]
    assert len(oficio_columns) == 8
    assert len(publication_columns) == 8
    two_dates = 0
    for row in sat.rows:
        for column in oficio_columns:
            cell = row.extra[column]
            if cell.strip():
                found = parse_dates(cell)
                assert 1 <= len(found) <= 2, cell
                assert all(1990 < d.year < 2030 for d in found), cell
        for column in publication_columns:
            cell = row.extra[column]
            found = parse_dates(cell)
            if len(found) == 2:
                two_dates += 1
                with pytest.raises(NormalizationError, match="holds 2 dates"):
                    parse_date(cell)
            elif cell.strip():
                value = parse_date(cell)  # includes the two spreadsheet serials
                assert value is not None, cell
                assert 2010 < value.year < 2030, cell
    assert two_dates > 100


def test_sat_names(sat: CsvTable) -> None:
    forms: Counter[str | None] = Counter()
    for row in sat.rows:
        name = row.values["Nombre del Contribuyente"]
        info = parse_rfc(row.values["RFC"])
        if info is not None and info.kind == "person":
            person = parse_person_name(name, surname_first=True)
            assert person.given, name
            assert person.paternal, name
        else:
            _base, form = split_legal_form(name)
            forms[form] += 1
            assert org_key(name), name
    assert forms["SA DE CV"] > 7900
    assert forms[None] < 0.05 * sum(forms.values())


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


@pytest.mark.parametrize(
    "name", ["ProveedoresyContratistasSancionados.csv", "ProveedoresyContratistasSancionados_2.csv"]
)
def test_sfp_values(name: str) -> None:
    table = _table(MX / "sfp_sancionados" / name, SFP)
    bad: Counter[str] = Counter()
    for row in table.rows:
        assert parse_date(row.values["FechadeResolucion"]) is not None
        for column, parse in (
            ("Fecha de Notificación", parse_date),
            ("Monto", parse_amount),
            ("Plazo años - meses", parse_term_months),
        ):
            try:
                parse(row.values[column])
            except NormalizationError:
                bad[column] += 1
        assert split_legal_form(row.values["Proveedor"])[0]
    # the few rows whose cells were shifted, and "2006-Ju-30"
    assert sum(bad.values()) <= 6


def test_trust_amounts_and_dates() -> None:
    columns = ["registry", "balance", "income", "yield", "expenses", "availability"]
    table = _table(
        MX / "fideicomisos" / "trusts_2015.csv",
        [*columns, "initial_amount", "initial_date", "fiduciary", "settlor"],
        escapechar="\\",
    )
    negatives = 0
    for row in table.rows:
        for column in columns[1:]:
            value = parse_amount(row.values[column], allow_negative=True)
            negatives += value is not None and value < 0
        parse_amount(row.values["initial_amount"])
        if row.values["initial_date"]:
            assert parse_date(row.values["initial_date"]) is not None
    assert negatives == 6  # yields, balances, availabilities, expenses
    fiduciaries = Counter(split_legal_form(r.values["fiduciary"]) for r in table.rows)
    assert fiduciaries[("NACIONAL FINANCIERA", "SNC")] == 103


@pytest.mark.parametrize("path", sorted((MX / "compranet").glob("*.csv")), ids=lambda p: p.name)
def test_compranet_values(path: Path) -> None:
    dates = ["FECHA_INICIO", "FECHA_FIN", "EXP_F_FALLO", "PROC_F_PUBLICACION", "FECHA_CELEBRACION"]
    table = _table(path, [*dates, "IMPORTE_CONTRATO", "PROVEEDOR_CONTRATISTA", "MONEDA"])
    for row in table.rows:
        for column in dates:
            parse_date(row.values[column])
        amount = parse_amount(row.values["IMPORTE_CONTRATO"])
        assert amount is not None
