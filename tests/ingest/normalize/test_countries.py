"""country_code."""

from __future__ import annotations

import pytest

from ingest.normalize.countries import country_code, country_name
from ingest.normalize.errors import NormalizationError


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("MX", "MX"),
        ("mex", "MX"),
        ("USA", "US"),
        ("México", "MX"),
        ("MEXICO", "MX"),
        ("Estados Unidos", "US"),
        ("Estados Unidos de América", "US"),
        ("EUA", "US"),
        ("E.U.A.", "US"),
        ("EE.UU.", "US"),
        ("Países Bajos", "NL"),
        ("Paises Bajos", "NL"),
        ("Holanda", "NL"),
        ("Netherlands", "NL"),
        ("Islas Caimán", "KY"),
        ("Cayman Islands", "KY"),
        ("Islas Vírgenes Británicas", "VG"),
        ("BVI", "VG"),
        ("British Virgin Islands", "VG"),
        ("Luxemburgo", "LU"),
        ("España", "ES"),
        ("Canadá", "CA"),
        ("Panamá", "PA"),
        ("Reino Unido", "GB"),
        ("UK", "GB"),
        ("Inglaterra", "GB"),
        ("Suiza", "CH"),
        ("Bermudas", "BM"),
        ("Bermuda", "BM"),
        ("Chipre", "CY"),
        ("Singapur", "SG"),
        ("Hong Kong", "HK"),
        ("Alemania", "DE"),
        ("Australia", "AU"),
        ("Corea del Sur", "KR"),
        ("Delaware", "US"),
        ("Texas", "US"),
        ("Wilmington, Delaware", "US"),
        ("Houston, Texas, EUA", "US"),
        ("Ontario", "CA"),
        ("Nuevo León", "MX"),
        ("Ciudad de México", "MX"),
        ("mexicana", "MX"),
        ("Estadounidense", "US"),
        ("canadiense", "CA"),
        ("British", "GB"),
        ("Georgia", "GE"),  # the country wins over the US state
    ],
)
def test_country_code(raw: str, code: str) -> None:
    assert country_code(raw) == code


@pytest.mark.parametrize("raw", [None, "", "  ", "N/A", "NA", "desconocido"])
def test_blank(raw: str | None) -> None:
    assert country_code(raw) is None


@pytest.mark.parametrize("raw", ["Atlantis", "XX", "Planeta Tierra"])
def test_unknown(raw: str) -> None:
    with pytest.raises(NormalizationError) as info:
        country_code(raw)
    assert info.value.rule == "bad_country"
    assert repr(raw) in info.value.message


def test_country_name() -> None:
    assert country_name("VG") == "Virgin Islands, British"
    assert country_name("ZZ") is None
