"""split_legal_form / org_key."""

from __future__ import annotations

import pytest

from ingest.normalize.orgs import LEGAL_FORMS, org_key, split_legal_form


@pytest.mark.parametrize(
    ("raw", "name", "form"),
    [
        # Mexican forms, every way they are written
        ("MINERA FRISCO, S.A.B. DE C.V.", "MINERA FRISCO", "SAB DE CV"),
        ("3R INNOVACIÓN Y DISEÑO, S.A. DE  C.V.", "3R INNOVACIÓN Y DISEÑO", "SA DE CV"),
        ("MINERA SA DE CV", "MINERA", "SA DE CV"),
        ("MINERA S. A. DE C. V.", "MINERA", "SA DE CV"),
        ("MINERA, S.A DE C.V", "MINERA", "SA DE CV"),
        ("MINERA, S.A.DE C.V.", "MINERA", "SA DE CV"),
        ("MINERA, S.A. DE .CV.", "MINERA", "SA DE CV"),  # seen in SFP
        ("MINERA, S.A D EC.V", "MINERA", "SA DE CV"),  # seen in SFP
        ("MINERA, S.A.D E C.V.", "MINERA", "SA DE CV"),  # seen in SFP
        ("Minera Sociedad Anónima de Capital Variable", "Minera", "SA DE CV"),
        ("MINERA,,  S.A. DE C.V.,", "MINERA", "SA DE CV"),
        (
            "MONTE REAL DISTRIBUIDORA Y COMERCIALIZADORA , S.A. DE C.V.",
            "MONTE REAL DISTRIBUIDORA Y COMERCIALIZADORA",
            "SA DE CV",
        ),
        (
            "Talos Energy Offshore Mexico 2, S. de R.L. de C.V.",
            "Talos Energy Offshore Mexico 2",
            "S DE RL DE CV",
        ),
        ("X S DE RL DE CV", "X", "S DE RL DE CV"),
        ("X, S.DE R.L. DE C.V.", "X", "S DE RL DE CV"),
        ("X Sociedad de Responsabilidad Limitada de Capital Variable", "X", "S DE RL DE CV"),
        ("X, S.A.P.I. de C.V.", "X", "SAPI DE CV"),
        ("X, S.A.", "X", "SA"),
        ("X, S. de R.L.", "X", "S DE RL"),
        ("X, S. DE R.L. M.I.", "X", "S DE RL MI"),
        ("PARAMETRO CONSULTORES SC", "PARAMETRO CONSULTORES", "SC"),
        ("AFAN. S.C.", "AFAN", "SC"),
        ("X A.C.", "X", "AC"),
        ("X S.A.S.", "X", "SAS"),
        ("X S.P.R. de R.L.", "X", "SPR DE RL"),
        ("X I.A.P.", "X", "IAP"),
        ("LOS RUATANES, S. DE P.R. DE R.L.", "LOS RUATANES", "SPR DE RL"),  # SAT
        ("VIRASI DE MÉXICO, S.C.U.", "VIRASI DE MÉXICO", "SCU"),  # SAT
        ("ADVISOR INN, S.C. DE R.S. DE C.V.", "ADVISOR INN", "SC DE RS DE CV"),  # SAT
        (
            "ADMINISTRADORA MEDICARE CONTRATO 1, A. EN P.",
            "ADMINISTRADORA MEDICARE CONTRATO 1",
            "A EN P",
        ),
        ("NACIONAL FINANCIERA, S.N.C", "NACIONAL FINANCIERA", "SNC"),
        ("X, S.A. DE C.V., SOFOM, E.N.R.", "X", "SA DE CV SOFOM ENR"),
        (
            "BANCO INBURSA, S.A., INSTITUCIÓN DE BANCA MÚLTIPLE, GRUPO FINANCIERO INBURSA, "
            "DIVISIÓN FIDUCIARIA",
            "BANCO INBURSA",
            "SA",
        ),
        ("CIBANCO, S. A. INSTITUCIÓN DE BANCA MÚLTIPLE", "CIBANCO", "SA"),
        ("GRUPO FINANCIERO BANORTE, S.A.B. DE C.V.", "GRUPO FINANCIERO BANORTE", "SAB DE CV"),
        # foreign forms
        (
            "Premier Oil Exploration and Production Mexico B.V.",
            "Premier Oil Exploration and Production Mexico",
            "BV",
        ),
        ("X N.V.", "X", "NV"),
        ("Talos Energy LLC", "Talos Energy", "LLC"),
        ("X, L.L.C.", "X", "LLC"),
        ("X Ltd", "X", "LTD"),
        ("X Limited", "X", "LTD"),
        ("X Inc.", "X", "INC"),
        ("AERO PARTS CONNECTIONS INC", "AERO PARTS CONNECTIONS", "INC"),
        ("X Corp.", "X", "CORP"),
        ("PTUSA CORPORATION", "PTUSA", "CORP"),
        ("X S.à r.l.", "X", "SARL"),
        ("X SARL", "X", "SARL"),
        ("X S.L.", "X", "SL"),
        ("Repsol Exploración, S.A.", "Repsol Exploración", "SA"),
        ("X GmbH", "X", "GMBH"),
        ("X PLC", "X", "PLC"),
        ("X LP", "X", "LP"),
        ("X, L.P.", "X", "LP"),
    ],
)
def test_split_legal_form(raw: str, name: str, form: str) -> None:
    assert split_legal_form(raw) == (name, form)
    assert form in LEGAL_FORMS


@pytest.mark.parametrize(
    "raw",
    [
        "JUAN PEREZ GARCIA",
        "DISTRIBUIDORA GAS LP",  # GAS LP is liquefied gas, not a partnership
        "S.A. de C.V.",  # nothing but a form: kept as the name
        "PEMEX EXPLORACIÓN Y PRODUCCIÓN",
        "",
    ],
)
def test_no_legal_form(raw: str) -> None:
    name, form = split_legal_form(raw)
    assert form is None
    assert name == " ".join(raw.split())


def test_org_key_equal_across_spellings() -> None:
    assert org_key("A.P. INTERNATIONAL, S.A. DE C.V.") == org_key("AP International SA de CV")
    assert org_key("A  AND P INTERNATIONAL, S.A. DE C.V.") == org_key("A & P International S.A.")
    assert (
        org_key("3R INNOVACIÓN Y DISEÑO, S.A. DE  C.V.")
        == org_key("3R INNOVACION Y DISENO SA DE CV")
        == "3R INNOVACION DISENO"
    )
    assert org_key("Constructora de México, S.A.") == org_key("CONSTRUCTORA MEXICO SA DE CV")


def test_org_key_keeps_distinguishing_words() -> None:
    assert org_key("PEMEX EXPLORACIÓN Y PRODUCCIÓN") == "PEMEX EXPLORACION PRODUCCION"
    assert org_key("PEMEX EXPLORACIÓN Y PRODUCCIÓN") != org_key("PETRÓLEOS MEXICANOS")
    assert org_key("PEMEX GAS Y PETROQUIMICA BASICA") != org_key("PEMEX REFINACION")
    assert org_key("Talos Energy Offshore Mexico 2, S. de R.L. de C.V.") != org_key(
        "Talos Energy Offshore Mexico 7, S. de R.L. de C.V."
    )
