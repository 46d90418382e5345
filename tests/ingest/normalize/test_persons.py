"""parse_person_name / person_from_parts / person_key."""

from __future__ import annotations

import pytest

from ingest.normalize.persons import PersonName, parse_person_name, person_from_parts, person_key


@pytest.mark.parametrize(
    ("raw", "surname_first", "expected"),
    [
        (
            "MARÍA FERNANDA LÓPEZ HERNÁNDEZ",
            None,
            PersonName("MARÍA FERNANDA", "LÓPEZ", "HERNÁNDEZ"),
        ),
        (
            "LÓPEZ HERNÁNDEZ, MARÍA FERNANDA",
            None,
            PersonName("MARÍA FERNANDA", "LÓPEZ", "HERNÁNDEZ"),
        ),
        (
            "LOPEZ HERNANDEZ MARIA FERNANDA",
            True,
            PersonName("MARIA FERNANDA", "LOPEZ", "HERNANDEZ"),
        ),
        (
            "LOPEZ HERNANDEZ MARIA FERNANDA",
            None,
            PersonName("MARIA FERNANDA", "LOPEZ", "HERNANDEZ"),
        ),
        # SAT lists persons surname first
        (
            "ZUÑIGA MARTINEZ JOSÉ ASCENCION",
            None,
            PersonName("JOSÉ ASCENCION", "ZUÑIGA", "MARTINEZ"),
        ),
        (
            "MARIA DEL CARMEN LOPEZ HERNANDEZ",
            False,
            PersonName("MARIA DEL CARMEN", "LOPEZ", "HERNANDEZ"),
        ),
        ("JUAN DE LA TORRE LOPEZ", None, PersonName("JUAN", "DE LA TORRE", "LOPEZ")),
        (
            "JOSÉ DE JESÚS DEL VALLE DE LOS SANTOS",
            None,
            PersonName("JOSÉ DE JESÚS", "DEL VALLE", "DE LOS SANTOS"),
        ),
        ("ROBERTO PÉREZ Y SOTO GARCÍA", None, PersonName("ROBERTO", "PÉREZ Y SOTO", "GARCÍA")),
        ("DE LA TORRE MIER JUAN", True, PersonName("JUAN", "DE LA TORRE", "MIER")),
        ("LIC. FEDERICO DE ALBA MARTÍNEZ", None, PersonName("FEDERICO", "DE ALBA", "MARTÍNEZ")),
        ("ING. JUAN PÉREZ", None, PersonName("JUAN", "PÉREZ", "")),
        ("C.P. JUAN PEREZ GARCIA", None, PersonName("JUAN", "PEREZ", "GARCIA")),
        ("Dr. Juan Pérez García", None, PersonName("Juan", "Pérez", "García")),
        ("JORGE  TRUJILLO  ABARCA", None, PersonName("JORGE", "TRUJILLO", "ABARCA")),
        ("JUAN", None, PersonName("JUAN", "", "")),
        ("", None, PersonName("", "", "")),
    ],
)
def test_parse_person_name(raw: str, surname_first: bool | None, expected: PersonName) -> None:
    assert parse_person_name(raw, surname_first=surname_first) == expected


def test_full() -> None:
    assert (
        PersonName("MARÍA FERNANDA", "LÓPEZ", "HERNÁNDEZ").full == "MARÍA FERNANDA LÓPEZ HERNÁNDEZ"
    )
    assert PersonName("JUAN", "PÉREZ", "").full == "JUAN PÉREZ"


def test_from_parts() -> None:
    assert person_from_parts(" María  Fernanda ", "López", "Hernández") == PersonName(
        "María Fernanda", "López", "Hernández"
    )
    assert person_from_parts("Lic. Juan", "Pérez", "X") == PersonName("Juan", "Pérez", "")
    assert person_from_parts(None, "Pérez", None) == PersonName("", "Pérez", "")


def test_person_key_is_order_independent() -> None:
    a = parse_person_name("MARIA FERNANDA LOPEZ HERNANDEZ")
    b = parse_person_name("LOPEZ HERNANDEZ MARIA FERNANDA", surname_first=True)
    c = parse_person_name("López Hernández, María Fernanda")
    d = person_from_parts("Ma. Fernanda", "LÓPEZ", "HERNÁNDEZ")
    assert person_key(a) == person_key(b) == person_key(c) == person_key(d)
    assert person_key(a) == "FERNANDA HERNANDEZ LOPEZ MARIA"


def test_person_key_differs_for_different_people() -> None:
    assert person_key(parse_person_name("JUAN PEREZ GARCIA")) != person_key(
        parse_person_name("JUAN PEREZ GARZA")
    )
