"""The risk engine on the generated sector at scale 10 against its ground truth.

Generate → ingest every generated source → load (entity resolution, embedded store) →
sweep → compare with ``truth/flags.csv``. Measured at seed 11: every planted flag is found
but one CIRCULAR member the resolver split in two (a declaring company named without RFC
as "… SOCIEDAD ANONIMA BURSATIL DE CAPITAL VARIABLE"); precision is 1.0 for most of the
deterministic flags, 0.99 for UNTRACED, 0.97 for NEW_COMPANY and 0.93 for PEP_OWNER (two
PEPs the resolver merged with a namesake who owns a holder). The bounds below leave room
for those resolver errors and no more.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from ingest.demo import GENERATED_SOURCES
from ingest.generate import REF_DATE, generate
from ingest.pipeline import ingest_files, load
from registry.model import Node, NodeKind
from registry.risk import RiskAnswer, assess
from registry.settings import Backend, Settings
from registry.store import EmbeddedStore
from tests.registry.risk.truth import Score, compare

DETERMINISTIC = (
    "CIRCULAR",
    "SAT_69B",
    "SANCTIONED",
    "PEP_OWNER",
    "UNTRACED",
    "TRUST_OPAQUE",
    "LAYERING",
    "NEW_COMPANY",
    "SHARED_ADDRESS",
)


@dataclass(frozen=True)
class Swept:
    answer: RiskAnswer
    nodes: dict[str, Node]
    truth: Path


@pytest.fixture(scope="module")
def swept(tmp_path_factory: pytest.TempPathFactory) -> Swept:
    root = tmp_path_factory.mktemp("risk-scale-10")
    data = root / "sector"
    generate(data, 10, 11)
    settings = Settings(workspace=root / "ws")
    for name, source in GENERATED_SOURCES.items():
        ingest_files(settings, source, [data / name])
    load(settings, Backend.EMBEDDED)
    store = EmbeddedStore.open(settings.workspace)
    answer = assess(store, as_of=REF_DATE)
    nodes = {n.id: n for n in store.iter_nodes(set(NodeKind))}
    return Swept(answer, nodes, data / "truth")


def _scores(swept: Swept) -> dict[str, Score]:
    scores, _ = compare(swept.answer.results, swept.nodes, swept.truth)
    return scores


def test_every_planted_flag_is_found(swept: Swept) -> None:
    scores, missed = compare(swept.answer.results, swept.nodes, swept.truth)
    planted = sum(s.planted for s in scores.values())
    found = sum(s.planted_found for s in scores.values())
    assert planted > 200
    assert found >= planted - 2, {c: sorted(m) for c, m in missed.items() if m}
    for code, score in scores.items():
        if score.planted:
            assert score.planted_found >= score.planted - 1, (code, sorted(missed[code]))


def test_precision_of_the_deterministic_flags(swept: Swept) -> None:
    scores = _scores(swept)
    for code in DETERMINISTIC:
        score = scores[code]
        assert score.found > 0, code
        floor = 0.9 if code == "PEP_OWNER" else 0.95
        assert score.precision >= floor, (code, score)


def test_every_flag_is_evaluated_or_says_why(swept: Swept) -> None:
    statuses = {s.code: s for s in swept.answer.flags}
    assert set(statuses) >= set(DETERMINISTIC)
    for code in DETERMINISTIC:
        assert statuses[code].evaluated, code
    split = statuses["SPLIT"]
    assert not split.evaluated
    assert split.reason
    for result in swept.answer.results[:50]:
        assert result.reasons
        assert all(h.evidence.summary for h in result.flags)
