"""Resolution over a real ledger: identifiers, cannot-links, judgements, stable ids,
explanations. Each test writes a few declaration rows and ingests them."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from ingest.ledger import Ledger
from ingest.pipeline import ingest_files
from ingest.resolve import (
    entity_map,
    entity_of,
    explain,
    explain_pair,
    export_judgements,
    import_judgements,
    iter_entities,
    judge,
    judgements,
    matches,
    resolve,
)
from registry.errors import InvalidInputError, NotFoundError
from registry.settings import Settings
from tests.ingest.resolve.factories import (
    company_row,
    curp,
    ingest,
    mention,
    person_row,
    rfc,
    write_declarations,
)

R_TALOS = rfc("TOS150820AB")
R_PEMEX = rfc("PME380607P3")
R_PEP = rfc("PEP920716KL")
R_MARIA = rfc("LOHM680202EF")
R_OTHER_MARIA = rfc("LOHM680202XY")
C_MARIA = curp("LOHM680202MDFPRR0")


def _members(ledger: Ledger) -> dict[str, set[str]]:
    return {e["id"]: set(e["members"]) for e in iter_entities(ledger)}


def _together(ledger: Ledger, *mention_ids: str) -> bool:
    found = entity_map(ledger)
    return len({found[m] for m in mention_ids}) == 1


def _sector_rows() -> list[dict[str, str]]:
    return [
        company_row(
            "Talos Energy Offshore México 7, S. de R.L. de C.V.",
            "Talos Energy LLC",
            declarer_rfc=R_TALOS,
        ),
        company_row(
            "TALOS ENERGY OFFSHORE MEXICO 7 S DE RL DE CV", "Sierra Oil & Gas S de RL de CV"
        ),
        company_row("TALOS ENERGY OFSHORE MEXICO 7 S DE RL DE CV", "Premier Oil Mexico SA de CV"),
        company_row("TALOS ENERGY OFFSHORE MEXICO 2 S DE RL DE CV", "Talos Energy LLC"),
        company_row("Petróleos Mexicanos", "Gobierno Federal", declarer_rfc=R_PEMEX),
        company_row("PEMEX EXPLORACION Y PRODUCCION", "PETROLEOS MEXICANOS", declarer_rfc=R_PEP),
        company_row("Pemex Exploración y Producción", "Pemex"),
        person_row(
            "Sierra Oil & Gas S de RL de CV",
            "María Fernanda",
            "López",
            "Hernández",
            person_rfc=R_MARIA,
        ),
        person_row("SIERRA OIL AND GAS", "MARIA FERNANDA", "LOPEZ", "HERNANDEZ"),
        person_row("SIERRA OIL GAS", "LOPEZ", "HERNANDEZ", "MARIA FERNANDA"),
        person_row("Premier Oil Mexico SA de CV", "Jorge", "Ramírez", "Soto", person_curp=""),
    ]


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    found = ingest(workspace, "decl.csv", _sector_rows())
    resolve(found)
    return found


def test_spellings_of_one_company_are_one_entity(ledger: Ledger) -> None:
    assert _together(
        ledger,
        mention("decl.csv", 1, "EMPRESA_DECLARANTE"),
        mention("decl.csv", 2, "EMPRESA_DECLARANTE"),
        mention("decl.csv", 3, "EMPRESA_DECLARANTE"),
    )
    assert _together(
        ledger,
        mention("decl.csv", 2, "RAZON_SOCIAL"),
        mention("decl.csv", 8, "EMPRESA_DECLARANTE"),
        mention("decl.csv", 9, "EMPRESA_DECLARANTE"),
        mention("decl.csv", 10, "EMPRESA_DECLARANTE"),
    )


def test_a_different_number_is_a_different_company(ledger: Ledger) -> None:
    assert not _together(
        ledger,
        mention("decl.csv", 1, "EMPRESA_DECLARANTE"),
        mention("decl.csv", 4, "EMPRESA_DECLARANTE"),
    )


def test_a_parent_and_its_subsidiary_are_different_entities(ledger: Ledger) -> None:
    pemex = mention("decl.csv", 5, "EMPRESA_DECLARANTE")
    pep = mention("decl.csv", 6, "EMPRESA_DECLARANTE")
    assert _together(ledger, pep, mention("decl.csv", 7, "EMPRESA_DECLARANTE"))
    assert _together(ledger, pemex, mention("decl.csv", 6, "RAZON_SOCIAL"))
    assert not _together(ledger, pemex, pep)
    assert not _together(ledger, mention("decl.csv", 7, "RAZON_SOCIAL"), pep)


def test_a_person_in_any_name_order_is_one_person(ledger: Ledger) -> None:
    maria = [mention("decl.csv", row, "NOMBRE") for row in (8, 9, 10)]
    assert _together(ledger, *maria)
    entity = entity_map(ledger)[maria[0]]
    listed = next(e for e in iter_entities(ledger) if e["id"] == entity)
    assert listed["kind"] == "person"
    assert f"MEX-TAXID:{R_MARIA}" in listed["identifiers"]


def test_the_same_rfc_links_whatever_the_name(tmp_path: Path) -> None:
    ledger = ingest(
        tmp_path,
        "rfc.csv",
        [
            company_row("Minera Alfa SA de CV", "Holding Uno SA", declarer_rfc=R_TALOS),
            company_row(
                "Compañía Totalmente Otra SA de CV", "Holding Dos SA", declarer_rfc=R_TALOS
            ),
        ],
    )
    resolve(ledger)
    first, second = (
        mention("rfc.csv", 1, "EMPRESA_DECLARANTE"),
        mention("rfc.csv", 2, "EMPRESA_DECLARANTE"),
    )
    assert _together(ledger, first, second)
    assert [e["rule"] for e in explain_pair(ledger, first, second)] == ["identifier:rfc"]


def test_a_generic_rfc_links_nothing(tmp_path: Path) -> None:
    ledger = ingest(
        tmp_path,
        "generic.csv",
        [
            person_row(
                "Minera Alfa SA de CV", "Juan", "Pérez", "Gómez", person_rfc="XAXX010101000"
            ),
            person_row(
                "Minera Beta SA de CV", "Luisa", "Martínez", "Ruiz", person_rfc="XAXX010101000"
            ),
        ],
    )
    resolve(ledger)
    assert not _together(
        ledger, mention("generic.csv", 1, "NOMBRE"), mention("generic.csv", 2, "NOMBRE")
    )
    assert all(not e["identifiers"] for e in iter_entities(ledger) if e["kind"] == "person")


def test_no_cluster_holds_two_different_valid_rfcs(tmp_path: Path) -> None:
    # Same name, birth date and address: only the RFCs tell them apart.
    ledger = ingest(
        tmp_path,
        "twins.csv",
        [
            person_row(
                "Minera Alfa SA",
                "María",
                "López",
                "Hernández",
                person_rfc=R_MARIA,
                birth="1968-02-02",
            ),
            person_row("Minera Alfa SA", "Maria", "Lopez", "Hernandez", birth="1968-02-02"),
            person_row(
                "Minera Alfa SA",
                "María",
                "López",
                "Hernández",
                person_rfc=R_OTHER_MARIA,
                birth="1968-02-02",
            ),
            person_row("Minera Beta SA", "MARIA", "LOPEZ", "HERNANDEZ", birth="1968-02-02"),
        ],
    )
    resolve(ledger)
    for entity in iter_entities(ledger):
        rfcs = {i for i in entity["identifiers"] if i.startswith("MEX-TAXID:")}
        assert len(rfcs) <= 1, entity
    assert not _together(
        ledger, mention("twins.csv", 1, "NOMBRE"), mention("twins.csv", 3, "NOMBRE")
    )


def test_a_negative_judgement_splits_a_cluster_and_stays(ledger: Ledger) -> None:
    a, b = mention("decl.csv", 8, "NOMBRE"), mention("decl.csv", 10, "NOMBRE")
    assert _together(ledger, a, b)
    judge(ledger, a, b, "different", "ana")
    assert not _together(ledger, a, b)
    resolve(ledger)
    assert not _together(ledger, a, b)
    resolve(ledger, rebuild=True)
    assert not _together(ledger, a, b)
    assert [j.verdict for j in judgements(ledger)] == ["different"]


def test_a_negative_judgement_between_entities_keeps_new_data_apart(ledger: Ledger) -> None:
    talos7 = entity_map(ledger)[mention("decl.csv", 1, "EMPRESA_DECLARANTE")]
    talos2 = entity_map(ledger)[mention("decl.csv", 4, "EMPRESA_DECLARANTE")]
    judge(ledger, talos7, talos2, "different", "ana")
    assert entity_map(ledger)[mention("decl.csv", 1, "EMPRESA_DECLARANTE")] == talos7


def test_a_positive_judgement_merges_and_survives_a_rebuild(ledger: Ledger) -> None:
    pemex = mention("decl.csv", 7, "RAZON_SOCIAL")
    petroleos = mention("decl.csv", 5, "EMPRESA_DECLARANTE")
    assert not _together(ledger, pemex, petroleos)
    judge(ledger, pemex, petroleos, "same", "ana")
    assert _together(ledger, pemex, petroleos)
    rules = [e["rule"] for e in explain_pair(ledger, pemex, petroleos)]
    assert "judgement" in rules
    resolve(ledger, rebuild=True)
    assert _together(ledger, pemex, petroleos)


def test_same_is_refused_for_two_valid_rfcs(ledger: Ledger) -> None:
    with pytest.raises(InvalidInputError, match="different valid RFC"):
        judge(
            ledger,
            mention("decl.csv", 5, "EMPRESA_DECLARANTE"),
            mention("decl.csv", 6, "EMPRESA_DECLARANTE"),
            "same",
            "ana",
        )


def test_unknown_ids_are_refused_with_a_hint(ledger: Ledger) -> None:
    with pytest.raises(NotFoundError, match="registry entities"):
        judge(ledger, "ent-nope", mention("decl.csv", 1, "NOMBRE"), "same", "ana")
    with pytest.raises(InvalidInputError):
        judge(ledger, "a", "b", "maybe", "ana")


def test_new_files_leave_untouched_entities_alone(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    ledger = ingest(workspace, "decl.csv", _sector_rows())
    first = resolve(ledger)
    before = _members(ledger)
    settings = Settings(workspace=workspace)
    more = write_declarations(
        tmp_path / "more.csv",
        [
            company_row("Talos Energy Offshore Mexico 7 S. de R.L. de C.V.", "Talos Energy, LLC"),
            company_row("Minera Nueva del Norte SA de CV", "Inversiones Nuevas SA de CV"),
            person_row("Minera Nueva del Norte SA de CV", "Jorge", "Ramirez", "Soto"),
        ],
    )
    ingest_files(settings, "bo-declarations", [more])
    second = resolve(ledger)
    assert second.records == first.records + 3
    after = _members(ledger)
    new_mentions = {
        mention("more.csv", r, f)
        for r in (1, 2, 3)
        for f in ("EMPRESA_DECLARANTE", "RAZON_SOCIAL", "NOMBRE")
    }
    untouched = 0
    for entity_id, members in before.items():
        assert entity_id in after, f"{entity_id} changed id"
        assert members <= after[entity_id], f"{entity_id} lost a member"
        assert after[entity_id] - members <= new_mentions
        untouched += after[entity_id] == members
    assert untouched >= len(before) - 3
    jorge = entity_map(ledger)[mention("decl.csv", 11, "NOMBRE")]
    assert mention("more.csv", 3, "NOMBRE") in after[jorge]
    talos = entity_map(ledger)[mention("decl.csv", 1, "EMPRESA_DECLARANTE")]
    assert mention("more.csv", 1, "EMPRESA_DECLARANTE") in after[talos]
    # Nothing new: a re-run changes nothing.
    third = resolve(ledger)
    assert third.to_dict() == second.to_dict()
    assert _members(ledger) == after


def test_canonical_ids_do_not_depend_on_the_run(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    ledger = ingest(workspace, "decl.csv", _sector_rows())
    resolve(ledger)
    once = _members(ledger)
    resolve(ledger, rebuild=True)
    assert _members(ledger) == once


def test_every_merged_pair_can_be_explained(ledger: Ledger) -> None:
    for entity in iter_entities(ledger):
        explanation = explain(ledger, entity["id"])
        assert sorted(explanation.entity["members"]) == sorted(entity["members"])
        for a, b in itertools.combinations(entity["members"], 2):
            path = explain_pair(ledger, a, b)
            for edge in path:
                assert edge["rule"] in {
                    "identifier:rfc",
                    "identifier:curp",
                    "probabilistic",
                    "judgement",
                }
                assert edge["levels"], edge
                if edge["rule"] == "probabilistic":
                    assert edge["probability"] >= 0.5
        for edge in explanation.edges:
            assert set(edge["levels"]) >= {"name", "rfc"}
            assert all("level" in v and "weight" in v for v in edge["levels"].values())


def test_explaining_mentions_of_two_entities_fails(ledger: Ledger) -> None:
    with pytest.raises(NotFoundError):
        explain_pair(
            ledger,
            mention("decl.csv", 5, "EMPRESA_DECLARANTE"),
            mention("decl.csv", 6, "EMPRESA_DECLARANTE"),
        )


def test_possible_matches_carry_a_score_and_reasons(ledger: Ledger) -> None:
    for match in matches(ledger, status=None):
        assert 0.0 <= match.probability <= 1.0
        assert match.reason
        assert match.levels
        assert match.entity_a != match.entity_b


def test_unsure_marks_a_possible_match_as_reviewed(ledger: Ledger) -> None:
    found = matches(ledger)
    if not found:
        pytest.skip("no possible match in this fixture")
    first = found[0]
    judge(ledger, first.entity_a, first.entity_b, "unsure", "ana")
    assert (first.entity_a, first.entity_b) not in {
        (m.entity_a, m.entity_b) for m in matches(ledger)
    }
    assert any(m.status == "unsure" for m in matches(ledger, status="unsure"))


def test_judgements_travel_as_json_lines(ledger: Ledger, tmp_path: Path) -> None:
    a, b = mention("decl.csv", 8, "NOMBRE"), mention("decl.csv", 10, "NOMBRE")
    judge(ledger, a, b, "different", "ana", note="two people")
    out = tmp_path / "judgements.jsonl"
    assert export_judgements(ledger, out) == 1
    line = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert {"a", "b", "verdict", "by", "at"} <= set(line)
    assert line["verdict"] == "different"
    assert line["by"] == "ana"

    other_ws = tmp_path / "other"
    other_ws.mkdir()
    other = ingest(other_ws, "decl.csv", _sector_rows())
    assert import_judgements(other, out) == 1
    assert import_judgements(other, out) == 0  # already there
    resolve(other)
    assert not _together(other, a, b)


def test_entity_of_gives_the_canonical_id_of_each_mention(ledger: Ledger) -> None:
    lookup = entity_of(ledger)
    found = entity_map(ledger)
    assert (
        lookup(mention("decl.csv", 1, "EMPRESA_DECLARANTE"))
        == found[mention("decl.csv", 1, "EMPRESA_DECLARANTE")]
    )
    assert lookup("bo-declarations:nope.csv:1:NOMBRE") is None
    assert all(v.startswith("ent-") for v in found.values())


def test_bods_statements_are_mentions_too(tmp_path: Path) -> None:
    from ingest.demo import write_demo_file

    settings = Settings(workspace=tmp_path / "ws")
    ingest_files(settings, "bods", [write_demo_file(tmp_path)])
    with Ledger(settings.ledger_path) as ledger:
        report = resolve(ledger)
        assert report.records > 0
        entities = list(iter_entities(ledger))
    names = {e["name"] for e in entities}
    assert "Petrolera del Golfo Demo, S.A. de C.V." in names
    assert any(m.endswith(":recordDetails") for e in entities for m in e["members"])
    carlos = next(e for e in entities if e["name"] == "Carlos Mendoza Ruiz")
    assert carlos["kind"] == "person"
    assert carlos["identifiers"] == ["MEX-TAXID:MERC700101AB1"]


def test_curp_links_persons(tmp_path: Path) -> None:
    ledger = ingest(
        tmp_path,
        "curp.csv",
        [
            person_row("Minera Alfa SA", "María", "López", "Hernández", person_curp=C_MARIA),
            person_row("Minera Beta SA", "Ma. Fernanda", "Lopes", "Hdez", person_curp=C_MARIA),
        ],
    )
    resolve(ledger)
    assert _together(ledger, mention("curp.csv", 1, "NOMBRE"), mention("curp.csv", 2, "NOMBRE"))


def test_a_company_holding_its_own_shares_stays_one_entity(tmp_path: Path) -> None:
    """Treasury stock: a row whose holder is the declaring company under another spelling
    does not keep the two apart; a row naming a parent still does."""
    workspace = tmp_path / "ws"
    workspace.mkdir()
    found = ingest(
        workspace,
        "decl.csv",
        [
            company_row("Administradora Tajo Alba S.A.B. de C.V.", "Grupo Tajo Alba, S.A."),
            company_row(
                "Administradora Tajo Alba S.A.B. de C.V.",
                "ADMINISTRADORA TAJO ALBA, SOCIEDAD ANONIMA BURSATIL DE CAPITAL VARIABLE",
            ),
            company_row("ADMINISTRADORA TAJO ALBA SAB DE CV", "Inversiones Ébano, S.A. de C.V."),
        ],
    )
    resolve(found)
    assert _together(
        found,
        mention("decl.csv", 2, "EMPRESA_DECLARANTE"),
        mention("decl.csv", 2, "RAZON_SOCIAL"),
        mention("decl.csv", 3, "EMPRESA_DECLARANTE"),
    )
    assert not _together(
        found, mention("decl.csv", 1, "EMPRESA_DECLARANTE"), mention("decl.csv", 1, "RAZON_SOCIAL")
    )
