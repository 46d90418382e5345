"""Derived facts written back into the store, so that a Neo4j Browser user sees them.

* ``ULTIMATE_OWNER_OF`` from each beneficial owner (a natural person) to the party they
  ultimately own or control, with the effective range of capital (and votes), the basis and
  the day; also from an unknown owner whose share may pass the threshold, marked
  ``unknown_owner``, so that what is hidden shows too.
* Membership of a circular-ownership group on each member node.

>>> from datetime import date
>>> from registry.analysis.results import CycleGroup, CyclesAnswer
>>> marks = cycle_marks(
...     CyclesAnswer(as_of=date(2024, 1, 1), cycles=[
...         CycleGroup(id="cy-1", members=["a", "b"], edges=[], example=["a", "b", "a"])]))
>>> [(m.node, m.group, m.size) for m in marks]
[('a', 'cy-1', 2), ('b', 'cy-1', 2)]
"""

from __future__ import annotations

from collections.abc import Mapping

from registry.analysis.integrated import Interval
from registry.analysis.interests import passes
from registry.analysis.results import CyclesAnswer, OwnersAnswer, Threshold
from registry.model import Node
from registry.store.protocol import CycleMark, UltimateOwnerFact

__all__ = ["basis_key", "cycle_marks", "ultimate_owner_facts"]


def basis_key(threshold: Threshold) -> str:
    """``cff``, ``lfpiorpi``, or ``custom-<percent>`` for a threshold of one's own."""
    if threshold.basis == "custom":
        return f"custom-{threshold.percent:g}"
    return threshold.basis


def ultimate_owner_facts(
    answer: OwnersAnswer, nodes: Mapping[str, Node]
) -> list[UltimateOwnerFact]:
    """The ``ULTIMATE_OWNER_OF`` facts of one owners answer."""
    key = basis_key(answer.threshold)
    facts: list[UltimateOwnerFact] = []
    for owner in answer.owners:
        node = nodes.get(owner.id)
        if not owner.beneficial_owner or node is None or not node.is_natural_person:
            continue
        facts.append(
            UltimateOwnerFact(
                owner=owner.id,
                subject=answer.subject.id,
                basis=key,
                effective_min=owner.effective.min,
                effective_max=owner.effective.max,
                as_of=answer.as_of,
                reasons=tuple(owner.reasons),
                voting_min=owner.voting.min if owner.voting else None,
                voting_max=owner.voting.max if owner.voting else None,
            )
        )
    for unknown in answer.unspecified:
        most = Interval(unknown.share.max / 100.0, unknown.share.max / 100.0)
        if unknown.share.max > 0 and passes(most, answer.threshold):
            facts.append(
                UltimateOwnerFact(
                    owner=unknown.id,
                    subject=answer.subject.id,
                    basis=key,
                    effective_min=unknown.share.min,
                    effective_max=unknown.share.max,
                    as_of=answer.as_of,
                    reasons=(f"unknown owner: {unknown.reason}",),
                    unknown_owner=True,
                )
            )
    return facts


def cycle_marks(answer: CyclesAnswer) -> list[CycleMark]:
    """One mark per member of every circular-ownership group."""
    return [
        CycleMark(node=member, group=group.id, size=len(group.members))
        for group in answer.cycles
        for member in group.members
    ]
