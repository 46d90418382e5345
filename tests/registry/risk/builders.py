"""Small builders of registers for the risk tests: contracts, awards, listings, positions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import count
from typing import Any

from registry.codelists import InterestType
from registry.model import Edge, EdgeRole, Identifier, Node, NodeKind
from registry.risk import RiskAnswer, RiskParameters, assess
from registry.store.protocol import GraphStore
from tests.support.factories import controls

DAY = date(2024, 6, 30)
_ids = count(1)


def _eid() -> str:
    return f"r{next(_ids):05d}"


def firm(node_id: str, *, rfc: str | None = None, **values: Any) -> Node:
    """A company with a legal form in its name (and whatever else is given)."""
    identifiers = (Identifier(scheme="MX-RFC", id=rfc),) if rfc else ()
    return Node.model_validate(
        {
            "id": node_id,
            "kind": NodeKind.COMPANY,
            "name": f"{node_id.upper()} S.A. DE C.V.",
            "identifiers": identifiers,
            **values,
        }
    )


def hydrocarbon(node_id: str, fallo: str) -> Node:
    return Node(
        id=node_id,
        kind=NodeKind.HYDROCARBON_CONTRACT,
        name=f"CNH-{node_id}",
        attributes={"fecha_fallo": fallo},
    )


def member(
    party: str, contract: str, *, event: str = "Adjudicación", start: date | None = None
) -> Edge:
    return Edge(
        id=_eid(),
        source=party,
        target=contract,
        role=EdgeRole.PARTICIPATION,
        start_date=start,
        attributes={"event": event},
    )


def procurement(node_id: str, *, day: str, amount: float, competition: str = "open") -> Node:
    return Node(
        id=node_id,
        kind=NodeKind.PROCUREMENT_CONTRACT,
        name=node_id,
        attributes={
            "fecha_celebracion": day,
            "importe": amount,
            "competition": competition,
            "numero_procedimiento": f"P-{node_id}",
        },
    )


def award(contract: str, supplier: str) -> Edge:
    return Edge(id=_eid(), source=contract, target=supplier, role=EdgeRole.AWARD)


def buyer(body: str, contract: str) -> Edge:
    return Edge(
        id=_eid(),
        source=body,
        target=contract,
        role=EdgeRole.PARTICIPATION,
        attributes={"buyer": True},
    )


def body(node_id: str) -> Node:
    return Node(id=node_id, kind=NodeKind.PUBLIC_BODY, name=node_id)


def listed(party: str, list_name: str, status: str) -> list[Node | Edge]:
    """A listing node and the LISTED_IN edge; ``status`` is the situación or the sentido."""
    key = "situacion" if list_name == "SAT 69-B" else "sentido"
    attributes: dict[str, str | int | float | bool] = {"list": list_name, key: status}
    if status.upper().startswith("ABSOLUTORIA"):
        attributes["absolutoria"] = True
    listing = Node(
        id=f"li-{party}-{next(_ids)}",
        kind=NodeKind.LISTING,
        name=f"{list_name}: {party}",
        attributes=attributes,
        sources=(f"list:{party}.csv:1",),
    )
    edge = Edge(
        id=_eid(),
        source=party,
        target=listing.id,
        role=EdgeRole.LISTING,
        attributes={"list": list_name},
        sources=(f"list:{party}.csv:1",),
    )
    return [listing, edge]


def position(person: str, at: str, start: date, end: date | None = None) -> Edge:
    return Edge(
        id=_eid(), source=person, target=at, role=EdgeRole.POSITION, start_date=start, end_date=end
    )


def relative(person: str, pep: str) -> Edge:
    return Edge(
        id=_eid(),
        source=person,
        target=pep,
        role=EdgeRole.RELATIVE,
        attributes={"kinship": "hijo(a)"},
    )


def officer(person: str, company: str) -> Edge:
    return controls(person, company, InterestType.SENIOR_MANAGING_OFFICIAL)


def flatten(items: Iterable[Node | Edge | list[Node | Edge]]) -> list[Node | Edge]:
    out: list[Node | Edge] = []
    for item in items:
        out.extend(item if isinstance(item, list) else [item])
    return out


def run(store: GraphStore, *items: Node | Edge | list[Node | Edge], **params: object) -> RiskAnswer:
    """Write the register into ``store`` and sweep it as of ``DAY``."""
    flat = flatten(items)
    store.write([i for i in flat if isinstance(i, Node)], [i for i in flat if isinstance(i, Edge)])
    return assess(store, as_of=DAY, params=RiskParameters.model_validate(params))


def codes(answer: RiskAnswer, subject: str, *, scored: bool = True) -> set[str]:
    return {
        h.code for r in answer.results if r.id == subject for h in r.flags if h.scored or not scored
    }
