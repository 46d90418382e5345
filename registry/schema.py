"""The one table from the model to graph names: labels, relationship types, edge roles.

No label or relationship-type string lives anywhere else. Cypher that needs a label or a
type takes it from here, never from a request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from registry.codelists import EntitySubtype, EntityType, InterestType, PersonType
from registry.model import Edge, EdgeRole, NodeKind

#: Every node carries this label, so one constraint covers all ids.
NODE_LABEL: Final = "Node"
#: Persons, companies, trusts, arrangements, public bodies and unknown owners carry this too.
PARTY_LABEL: Final = "Party"

NODE_LABELS: Final[dict[NodeKind, str]] = {
    NodeKind.PERSON: "Person",
    NodeKind.COMPANY: "Company",
    NodeKind.TRUST: "Trust",
    NodeKind.ARRANGEMENT: "Arrangement",
    NodeKind.PUBLIC_BODY: "PublicBody",
    NodeKind.UNSPECIFIED: "Unspecified",
    NodeKind.HYDROCARBON_CONTRACT: "HydrocarbonContract",
    NodeKind.MINING_CONCESSION: "MiningConcession",
    NodeKind.PROCUREMENT_CONTRACT: "ProcurementContract",
    NodeKind.LISTING: "Listing",
}

#: Role of each BODS interest type in the analysis.
INTEREST_ROLES: Final[dict[InterestType, EdgeRole]] = {
    InterestType.SHAREHOLDING: EdgeRole.CAPITAL,
    InterestType.UNKNOWN_INTEREST: EdgeRole.CAPITAL,
    InterestType.UNPUBLISHED_INTEREST: EdgeRole.CAPITAL,
    InterestType.VOTING_RIGHTS: EdgeRole.VOTING,
    InterestType.APPOINTMENT_OF_BOARD: EdgeRole.CONTROL,
    InterestType.OTHER_INFLUENCE_OR_CONTROL: EdgeRole.CONTROL,
    InterestType.SENIOR_MANAGING_OFFICIAL: EdgeRole.CONTROL,
    InterestType.RIGHTS_TO_SURPLUS_ASSETS_ON_DISSOLUTION: EdgeRole.CONTROL,
    InterestType.RIGHTS_TO_PROFIT_OR_INCOME: EdgeRole.CONTROL,
    InterestType.RIGHTS_GRANTED_BY_CONTRACT: EdgeRole.CONTROL,
    InterestType.CONDITIONAL_RIGHTS_GRANTED_BY_CONTRACT: EdgeRole.CONTROL,
    InterestType.CONTROL_VIA_COMPANY_RULES_OR_ARTICLES: EdgeRole.CONTROL,
    InterestType.CONTROL_BY_LEGAL_FRAMEWORK: EdgeRole.CONTROL,
    InterestType.BOARD_MEMBER: EdgeRole.CONTROL,
    InterestType.BOARD_CHAIR: EdgeRole.CONTROL,
    InterestType.ENJOYMENT_AND_USE_OF_ASSETS: EdgeRole.CONTROL,
    InterestType.RIGHT_TO_PROFIT_OR_INCOME_FROM_ASSETS: EdgeRole.CONTROL,
    InterestType.NOMINATOR: EdgeRole.CONTROL,
    InterestType.NOMINEE: EdgeRole.NOMINEE,
    InterestType.SETTLOR: EdgeRole.TRUST,
    InterestType.TRUSTEE: EdgeRole.TRUST,
    InterestType.PROTECTOR: EdgeRole.TRUST,
    InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT: EdgeRole.TRUST,
}

#: Relationship type in Neo4j for each interest type; ``None`` (no type given) is OWNS.
OWNS: Final = "OWNS"
CONTROLS: Final = "CONTROLS"
REL_TYPES: Final[dict[InterestType | None, str]] = {
    None: OWNS,
    **{it: OWNS for it, role in INTEREST_ROLES.items() if role is EdgeRole.CAPITAL},
    **{
        it: CONTROLS
        for it, role in INTEREST_ROLES.items()
        if role in (EdgeRole.VOTING, EdgeRole.CONTROL, EdgeRole.NOMINEE)
    },
    InterestType.SETTLOR: "SETTLOR_OF",
    InterestType.TRUSTEE: "TRUSTEE_OF",
    InterestType.PROTECTOR: "PROTECTOR_OF",
    InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT: "BENEFICIARY_OF",
}
COMMITTEE_MEMBER_OF: Final = "COMMITTEE_MEMBER_OF"

#: Every relationship type that links an interested party to a subject.
INTEREST_REL_TYPES: Final[tuple[str, ...]] = tuple(
    sorted({*REL_TYPES.values(), COMMITTEE_MEMBER_OF})
)

#: Relationship types of the other edge roles: what parties do, not who owns them.
ROLE_REL_TYPES: Final[dict[EdgeRole, str]] = {
    EdgeRole.PARTICIPATION: "PARTY_TO",
    EdgeRole.HOLDING: "HOLDS",
    EdgeRole.AWARD: "AWARDED_TO",
    EdgeRole.POSITION: "POSITION_AT",
    EdgeRole.RELATIVE: "RELATIVE_OF",
    EdgeRole.LISTING: "LISTED_IN",
    EdgeRole.POSSIBLY_SAME: "POSSIBLY_SAME_AS",
}
ALL_REL_TYPES: Final[tuple[str, ...]] = tuple(
    sorted({*INTEREST_REL_TYPES, *ROLE_REL_TYPES.values()})
)

#: Derived facts that ``registry analyze`` writes back, so that Neo4j Browser shows them:
#: a natural person (or unknown owner) → the party they ultimately own or control.
ULTIMATE_OWNER_OF: Final = "ULTIMATE_OWNER_OF"
#: Properties of ``ULTIMATE_OWNER_OF``: effective share of capital (percent), the basis
#: (``cff``, ``lfpiorpi`` or ``custom-<percent>``), the day, why, and whether the owner is an
#: unspecified (unknown) party rather than a person.
ULTIMATE_OWNER_PROPERTIES: Final[tuple[str, ...]] = (
    "id",
    "basis",
    "effective_min",
    "effective_max",
    "voting_min",
    "voting_max",
    "as_of",
    "reasons",
    "unknown_owner",
)
#: Label and properties of the members of a circular-ownership group.
CIRCULAR_LABEL: Final = "CircularOwnership"
CIRCULAR_GROUP: Final = "circular_group"
CIRCULAR_SIZE: Final = "circular_size"
#: Label and properties of parties and contracts with red flags (``registry risk --write``).
RISK_LABEL: Final = "RiskFlagged"
RISK_PROPERTIES: Final[tuple[str, ...]] = (
    "risk_score",
    "risk_flags",
    "risk_cleared",
    "risk_reasons",
    "risk_as_of",
)
#: Node kinds found by name (a CNH contract id, a mining title number).
NAMED_KINDS: Final = (NodeKind.HYDROCARBON_CONTRACT, NodeKind.MINING_CONCESSION)


def rel_types_of(roles: Iterable[EdgeRole]) -> tuple[str, ...]:
    """Relationship types whose edges may have one of ``roles`` (filter by role after)."""
    wanted = set(roles)
    types: set[str] = set()
    for interest, role in INTEREST_ROLES.items():
        if role in wanted:
            types.add(REL_TYPES[interest])
    if EdgeRole.CAPITAL in wanted:
        types.add(REL_TYPES[None])
    if EdgeRole.CONTROL in wanted:
        types.add(COMMITTEE_MEMBER_OF)
    types.update(rel for role, rel in ROLE_REL_TYPES.items() if role in wanted)
    return tuple(sorted(types))


def role_of(interest_type: InterestType | None) -> EdgeRole:
    """The analysis role of an interest; an untyped interest may be ownership."""
    if interest_type is None:
        return EdgeRole.CAPITAL
    return INTEREST_ROLES[interest_type]


def rel_type_of(interest_type: InterestType | None, *, committee: bool = False) -> str:
    if committee:
        return COMMITTEE_MEMBER_OF
    return REL_TYPES[interest_type]


def kind_of_entity(entity_type: str | None, subtype: str | None) -> NodeKind:
    """Node kind for a BODS entity type and subtype."""
    if subtype == EntitySubtype.TRUST:
        return NodeKind.TRUST
    if entity_type == EntityType.ARRANGEMENT:
        return NodeKind.ARRANGEMENT
    if entity_type in (EntityType.STATE, EntityType.STATE_BODY):
        return NodeKind.PUBLIC_BODY
    return NodeKind.COMPANY


NATURAL_PERSON_TYPES: Final = frozenset(PersonType)


def edge_rel_type(edge: Edge) -> str:
    """Relationship type of an edge; control by a technical committee has its own type."""
    if not edge.role.is_interest:
        return ROLE_REL_TYPES[edge.role]
    details = (edge.details or "").lower()
    committee = edge.role is EdgeRole.CONTROL and ("committee" in details or "comité" in details)
    return rel_type_of(edge.interest_type, committee=committee)
