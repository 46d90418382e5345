"""What the registry knows about one node: identifiers, names, sources, and its links that
are not interests (listings, public positions, relatives, contracts, possible matches),
each with the source records behind it — the evidence a flag points to.

>>> from registry.store import EmbeddedStore
>>> from registry.model import Edge, EdgeRole, Node, NodeKind
>>> store = EmbeddedStore()
>>> _ = store.write(
...     [Node(id="c", kind=NodeKind.COMPANY, name="C"),
...      Node(id="l", kind=NodeKind.LISTING, name="SAT 69-B")],
...     [Edge(id="e", source="c", target="l", role=EdgeRole.LISTING, sources=("sat:f.csv:3",))],
... )
>>> view = entity_view(store, "c")
>>> [(link.role.value, link.other.name, link.sources) for link in view.links]
[('listing', 'SAT 69-B', ['sat:f.csv:3'])]
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from registry.analysis.results import PartySummary, Percent
from registry.model import EdgeRole, Node, NodeKind
from registry.queries import resolve
from registry.store.protocol import GraphStore

__all__ = ["LINK_ROLES", "EntityView", "Link", "entity_view"]

_OUT = ConfigDict(frozen=True)
#: Every role but the interests (those are the owners and holdings answers).
LINK_ROLES: frozenset[EdgeRole] = frozenset(r for r in EdgeRole if not r.is_interest)
#: Links read per node at most (a public body may employ thousands).
MAX_LINKS = 500


class Link(BaseModel):
    model_config = _OUT

    id: str
    role: EdgeRole
    outgoing: bool = Field(description="True when this node is the edge's source.")
    other: PartySummary
    share: Percent | None = None
    start_date: date | None = None
    end_date: date | None = None
    attributes: dict[str, str | int | float | bool] = {}
    record_id: str | None = None
    sources: list[str] = []


class EntityView(BaseModel):
    model_config = _OUT

    id: str
    kind: NodeKind
    name: str
    identifiers: list[str]
    record_ids: list[str]
    entity_type: str | None = None
    entity_subtype: str | None = None
    person_type: str | None = None
    jurisdiction: str | None = None
    unspecified_reason: str | None = None
    description: str | None = None
    politically_exposed: bool = False
    incorporation_date: date | None = None
    address: str | None = None
    attributes: dict[str, str | int | float | bool] = {}
    sources: list[str]
    links: list[Link]
    links_truncated: bool = False


def _summary(node: Node) -> PartySummary:
    return PartySummary(
        id=node.id,
        name=node.name or node.id,
        kind=node.kind.value,
        identifiers=[i.key for i in node.identifiers],
        record_ids=list(node.record_ids),
    )


def entity_view(store: GraphStore, ref: str) -> EntityView:
    """The node that ``ref`` names (id, record id or ``MX-RFC:<rfc>``) and its links."""
    node = resolve(store, ref)
    sub = store.edges_of([node.id], LINK_ROLES)
    links = [
        Link(
            id=e.id,
            role=e.role,
            outgoing=e.source == node.id,
            other=_summary(sub.nodes[e.target if e.source == node.id else e.source]),
            share=Percent(min=e.share.min, max=e.share.max) if e.share is not None else None,
            start_date=e.start_date,
            end_date=e.end_date,
            attributes=dict(e.attributes),
            record_id=e.record_id,
            sources=list(e.sources),
        )
        for e in sub.edges
    ]
    links.sort(key=lambda link: (link.role.value, link.other.name, link.id))
    return EntityView(
        id=node.id,
        kind=node.kind,
        name=node.name or ("Unknown owner" if node.kind is NodeKind.UNSPECIFIED else node.id),
        identifiers=[i.key for i in node.identifiers],
        record_ids=list(node.record_ids),
        entity_type=node.entity_type,
        entity_subtype=node.entity_subtype,
        person_type=node.person_type,
        jurisdiction=node.jurisdiction,
        unspecified_reason=node.unspecified_reason.value if node.unspecified_reason else None,
        description=node.description,
        politically_exposed=node.politically_exposed,
        incorporation_date=node.incorporation_date,
        address=node.address,
        attributes=dict(node.attributes),
        sources=list(node.sources),
        links=links[:MAX_LINKS],
        links_truncated=len(links) > MAX_LINKS,
    )
