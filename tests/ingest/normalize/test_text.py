"""clean / fold / mojibake repair."""

from __future__ import annotations

import pytest

from ingest.normalize.text import clean, fold, repair_mojibake, strip_accents


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("  A  AND P INTERNATIONAL ", "A AND P INTERNATIONAL"),
        ("JORGE\u00a0 TRUJILLO\tABARCA\n", "JORGE TRUJILLO ABARCA"),
        ("INNOVACIÃ\x93N", "INNOVACIÓN"),
        ("DISEÃ‘O", "DISEÑO"),
        ("MÃ©xico", "México"),
        ("â€œCOMILLASâ€\x9d", "“COMILLAS”"),
        ("Jose\u0301", "José"),  # decomposed accent → NFC
        ("A\u200bB", "AB"),  # zero-width space
        ("SÃO PAULO", "SÃO PAULO"),  # genuine, not mojibake
        ("CAFÉ”", "CAFÉ”"),  # accented letter before a curly quote is not mojibake
        ("ZUÑIGA MARTINEZ JOSÉ ASCENCION", "ZUÑIGA MARTINEZ JOSÉ ASCENCION"),
    ],
)
def test_clean(raw: str | None, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("Peñoles, S.A.B. de C.V.", "PENOLES S A B DE C V"),
        ("3R INNOVACIÓN Y DISEÑO, S.A. DE  C.V.", "3R INNOVACION Y DISENO S A DE C V"),
        ("PEMEX EXPLORACIÓN Y PRODUCCION", "PEMEX EXPLORACION Y PRODUCCION"),
        ("Ørsted A/S", "ORSTED A S"),
        ("INNOVACIÃ\x93N", "INNOVACION"),
        ("1º  piso", "1 PISO"),
    ],
)
def test_fold(raw: str | None, expected: str) -> None:
    assert fold(raw) == expected


def test_strip_accents_keeps_case() -> None:
    assert strip_accents("Ñuñoa") == "Nunoa"


def test_repair_only_whole_sequences() -> None:
    # a lone "Ã" followed by a letter is left alone
    assert repair_mojibake("Ãx") == "Ãx"
