"""A small register with every structure issue 5 asks about, and its answers by hand.

    ana ─60 %─┐                    carla ─settlor─┐
    beto ─40 %─┴► Holding Norte ─50 %─► Petrolera ◄─30 %─ Fideicomiso ◄─beneficiary─ dario
                        │                   ▲ ▲
                    100 % (2020–)       20 % │ └─ (PARTY_TO 60 %, operator) CNH-R01-L01-A7/2015
                        ▼                    │                 ▲ 40 %
                  Minera Plata          Sierra ⇄ Comer          Socio Extranjero
                  │ HOLDS until         ▲30 %    ▲20 %
                  ▼ 2022-03-01        unknown  Socio Extranjero
               title 227855 ◄─HOLDS from 2022-03-01─ beto

Sierra and Comer own each other (Sierra 80 % of Comer, Comer 70 % of Sierra). Effective
shares of Petrolera (by hand):

* ana: 60 % × 50 % = 30 %; beto: 40 % × 50 % = 20 %; Holding Norte 50 %;
* the trust 30 %: carla (settlor) and dario (beneficiary, [0, 30] %) are beneficial owners;
* Sierra 20 %; through the cycle Y(Sierra) = 0.2 / (1 − 0.56) = 0.4545…: Comer 70 % of it
  = 14 % (its own share, not through itself); Socio Extranjero 20 % × 0.7 × Y = 6.3636… %;
  the unknown owner 30 % × Y = 13.6363… %.
* In the contract (Petrolera 60 %, Socio 40 %): ana 18 %, beto 12 %.
"""

from __future__ import annotations

from datetime import date

from registry.codelists import InterestType, UnspecifiedReason
from registry.model import Edge, EdgeRole, Identifier, Node, NodeKind, Share
from tests.support.factories import company, controls, owns, person, trust, unknown

DAY = date(2024, 6, 1)
TRANSFER = date(2022, 3, 1)


def nodes() -> list[Node]:
    return [
        person("ana", "Ana Torres"),
        person("beto", "Beto Ruiz"),
        person("carla", "Carla Díaz"),
        person("dario", "Darío León", pep=True),
        company("hn", "Holding Norte"),
        Node(
            id="pg",
            kind=NodeKind.COMPANY,
            name="Petrolera Golfo",
            identifiers=(Identifier(scheme="MX-RFC", id="PGO150101AB1"),),
        ),
        company("mp", "Minera Plata"),
        company("si", "Sierra"),
        company("co", "Comer"),
        company("se", "Socio Extranjero"),
        trust("fi", "Fideicomiso"),
        unknown("un", UnspecifiedReason.SUBJECT_UNABLE_TO_CONFIRM_OR_IDENTIFY_BENEFICIAL_OWNER),
        Node(
            id="hc-1",
            kind=NodeKind.HYDROCARBON_CONTRACT,
            name="CNH-R01-L01-A7/2015",
            attributes={"ubicacion": "Aguas Someras"},
        ),
        Node(id="mc-1", kind=NodeKind.MINING_CONCESSION, name="227855"),
    ]


def edges() -> list[Edge]:
    return [
        owns("ana", "hn", 60, edge_id="e-ana-hn"),
        owns("beto", "hn", 40, edge_id="e-beto-hn"),
        owns("hn", "pg", 50, edge_id="e-hn-pg"),
        owns("fi", "pg", 30, edge_id="e-fi-pg"),
        controls("carla", "fi", InterestType.SETTLOR, edge_id="e-carla-fi"),
        controls(
            "dario", "fi", InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT, edge_id="e-dario-fi"
        ),
        owns("si", "pg", 20, edge_id="e-si-pg"),
        owns("si", "co", 80, edge_id="e-si-co"),
        owns("co", "si", 70, edge_id="e-co-si"),
        owns("un", "si", 30, edge_id="e-un-si", interest=None),
        owns("se", "co", 20, edge_id="e-se-co"),
        owns("hn", "mp", 100, edge_id="e-hn-mp", start=date(2020, 1, 1)),
        Edge(
            id="e-pg-hc",
            source="pg",
            target="hc-1",
            role=EdgeRole.PARTICIPATION,
            share=Share.exact(60),
            start_date=date(2015, 9, 4),
            attributes={"operator": True},
        ),
        Edge(
            id="e-se-hc",
            source="se",
            target="hc-1",
            role=EdgeRole.PARTICIPATION,
            share=Share.exact(40),
            start_date=date(2015, 9, 4),
            attributes={"operator": False},
        ),
        Edge(
            id="e-mp-mc",
            source="mp",
            target="mc-1",
            role=EdgeRole.HOLDING,
            start_date=date(2010, 1, 1),
            end_date=TRANSFER,
        ),
        Edge(
            id="e-beto-mc", source="beto", target="mc-1", role=EdgeRole.HOLDING, start_date=TRANSFER
        ),
    ]
