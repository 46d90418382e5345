"""Entity resolution: which mentions of the ledger are one company, person or trust.

Deterministic on identifiers (same RFC, CURP or trust key), probabilistic elsewhere
(declared comparison levels, Fellegi–Sunter weights learnt by EM, a threshold the data
chooses), clustered under cannot-link constraints (two valid RFCs, a parent and its
subsidiary, the two parties of one row, a person's "different"). Human judgements override
scores and survive re-runs; canonical ids stay put for entities new data does not touch.

The graph builder asks ``entity_of(ledger)`` for the canonical id of each mention
(``"<source>:<file name>:<row>:<field>"``).
"""

from __future__ import annotations

from ingest.resolve.judgements import export_judgements, import_judgements, judge, judgements
from ingest.resolve.runs import ResolveReport, ResolveSettings, resolve
from ingest.resolve.views import (
    Explanation,
    entity_map,
    entity_of,
    explain,
    explain_pair,
    iter_entities,
    matches,
    redirects,
)
from ingest.resolve.workspace import Judgement, PossibleMatch, Verdict, entity_id_for

__all__ = [
    "Explanation",
    "Judgement",
    "PossibleMatch",
    "ResolveReport",
    "ResolveSettings",
    "Verdict",
    "entity_id_for",
    "entity_map",
    "entity_of",
    "explain",
    "explain_pair",
    "export_judgements",
    "import_judgements",
    "iter_entities",
    "judge",
    "judgements",
    "matches",
    "redirects",
    "resolve",
]
