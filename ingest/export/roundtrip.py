"""Check a BODS export by reading it back: export → ingest → load → the same owners answers.

The re-imported register has new node ids (built from BODS record ids), but each party's
record id is its id in the original register, so the parties are matched by it. For each
holder (a party owned or controlled by someone, or holding a contract or concession) the
owners answer is reduced to what must survive the trip — each owner's effective and
voting ranges and beneficial-owner verdict, the unknown owners with their reasons and
shares, the share traced to natural persons, the circular groups — and compared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ingest.export.bods import BodsExportReport, export_bods
from ingest.pipeline import ingest_files, load
from registry.analysis.results import OwnersAnswer, Percent
from registry.model import EdgeRole, NodeKind
from registry.queries import owners_of
from registry.settings import Backend, Settings
from registry.store import EmbeddedStore, GraphStore

__all__ = ["RoundTripReport", "holders", "owners_signature", "round_trip"]

_DIGITS = 9
_HOLDER_ROLES = (EdgeRole.PARTICIPATION, EdgeRole.HOLDING)


@dataclass(slots=True)
class RoundTripReport:
    export: BodsExportReport
    holders: int = 0
    same: int = 0
    different: list[str] = field(default_factory=list)  # original ids whose answer changed
    missing: list[str] = field(default_factory=list)  # original ids not found after the trip

    @property
    def ok(self) -> bool:
        return not self.different and not self.missing

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "export": self.export.to_dict(),
            "holders": self.holders,
            "same": self.same,
            "different": self.different,
            "missing": self.missing,
        }


def holders(store: GraphStore) -> list[str]:
    """Parties someone has an interest in, and parties in contracts or concessions, by id."""
    kinds = {n.id: n.kind for n in store.iter_nodes(list(NodeKind))}
    found: set[str] = set()
    for edge in store.iter_edges([r for r in EdgeRole if r.is_interest]):
        if kinds.get(edge.target, NodeKind.LISTING).is_party:
            found.add(edge.target)
    for edge in store.iter_edges(_HOLDER_ROLES):
        if kinds.get(edge.source, NodeKind.LISTING).is_party:
            found.add(edge.source)
    return sorted(n for n in found if kinds[n] is not NodeKind.UNSPECIFIED)


def _range(p: Percent | None) -> tuple[float, float] | None:
    return None if p is None else (round(p.min, _DIGITS), round(p.max, _DIGITS))


def owners_signature(answer: OwnersAnswer, key: Callable[[str], str]) -> dict[str, Any]:
    """What of an owners answer must not change when only the node ids do."""
    return {
        "owners": sorted(
            (key(o.id), _range(o.effective), _range(o.voting), o.beneficial_owner)
            for o in answer.owners
        ),
        "unspecified": sorted(
            (u.reason, u.description or "", _range(u.share)) for u in answer.unspecified
        ),
        "traced": _range(answer.traced),
        "circular": sorted(sorted(key(i) for i in group) for group in answer.circular),
    }


def round_trip(
    store: GraphStore,
    folder: Path,
    *,
    refs: Iterable[str] | None = None,
    as_of: date | None = None,
) -> RoundTripReport:
    """Export ``store`` to BODS in ``folder``, re-import it into a fresh workspace there,
    and compare the owners answers of ``refs`` (default: every holder)."""
    day = as_of or date.today()
    path = folder / "register.bods.jsonl"
    report = RoundTripReport(export=export_bods(store, path, published=day))
    settings = Settings(workspace=folder / "workspace")
    ingest_files(settings, "bods", [path])
    load(settings, Backend.EMBEDDED)
    again = EmbeddedStore.open(settings.workspace)
    record_of = {
        n.id: (n.record_ids[0] if n.record_ids else n.id) for n in again.iter_nodes(list(NodeKind))
    }
    for ref in refs if refs is not None else holders(store):
        report.holders += 1
        before = owners_signature(owners_of(store, ref, as_of=day), lambda i: i)
        if again.find(ref) is None:
            report.missing.append(ref)
            continue
        after = owners_signature(owners_of(again, ref, as_of=day), lambda i: record_of.get(i, i))
        if before == after:
            report.same += 1
        else:
            report.different.append(ref)
    return report
