"""address_key / postal_code / phone_key."""

from __future__ import annotations

import pytest

from ingest.normalize.addresses import address_key, phone_key, postal_code


def test_address_key_unifies_abbreviations() -> None:
    variants = [
        "Av. Paseo de la Reforma No. 222, Int. 5, Col. Juárez, C.P. 06600",
        "AVENIDA PASEO DE LA REFORMA # 222 INTERIOR 5 COLONIA JUAREZ CP 06600",
        "Ave Paseo de la Reforma Núm. 222 int 5 col Juarez, c.p.06600",
        "AV. PASEO DE LA REFORMA N° 222, INT. 5, COL. JUÁREZ, CÓDIGO POSTAL 06600",
    ]
    keys = {address_key(v) for v in variants}
    assert keys == {"AV PASEO DE LA REFORMA NUM 222 INT 5 COL JUAREZ CP 06600"}


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Calle 5 de Mayo #10 Desp. 3, Piso 2", "CALLE 5 DE MAYO NUM 10 DESP 3 PISO 2"),
        ("C. 5 DE MAYO NO. 10 DESPACHO 3 PISO 2", "CALLE 5 DE MAYO NUM 10 DESP 3 PISO 2"),
        ("Blvd. Kukulcán Km 12.5 S/N", "BLVD KUKULCAN KM 12 5 SN"),
        ("Número 10 Exterior 4", "NUM 10 EXT 4"),
    ],
)
def test_address_key(raw: str, key: str) -> None:
    assert address_key(raw) == key


@pytest.mark.parametrize("raw", [None, "", "  ", ",,"])
def test_address_key_blank(raw: str | None) -> None:
    assert address_key(raw) is None


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Av. Reforma 222, Col. Juárez, C.P. 06600, CDMX", "06600"),
        ("Calle 10 número 12345, CP 64000 Monterrey", "64000"),  # the labelled one wins
        ("Calle 10, 83000 Hermosillo, Son.", "83000"),
        ("06600", "06600"),
        ("6600", "06600"),  # leading zero lost in a spreadsheet
        ("C.P. 6600", "06600"),
        ("00000", None),
        ("sin código", None),
        (None, None),
    ],
)
def test_postal_code(raw: str | None, code: str | None) -> None:
    assert postal_code(raw) == code


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("+52 (55) 1234-5678", "5512345678"),
        ("55 1234 5678 ext. 101", "5512345678"),
        ("044 55 1234 5678", "5512345678"),
        ("01 (800) 123 4567", "8001234567"),
        ("55-1234-5678 / 55-8765-4321", "5512345678"),
        ("123-4567", "1234567"),
        ("12345", None),
        ("", None),
        (None, None),
    ],
)
def test_phone_key(raw: str | None, key: str | None) -> None:
    assert phone_key(raw) == key
