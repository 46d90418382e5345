"""The one table from the model to graph names: labels, relationship types, edge roles.

No label or relationship-type string lives anywhere else. Cypher that needs a label or a
type takes it from here, never from a request.
"""

from __future__ import annotations

from typing import Final

from registry.codelists import EntitySubtype, EntityType, InterestType, PersonType
from registry.model import Edge, EdgeRole, NodeKind

#: Every party node carries this label too, so one constraint covers all ids.
PARTY_LABEL: Final = "Party"

NODE_LABELS: Final[dict[NodeKind, str]] = {
    NodeKind.PERSON: "Person",
    NodeKind.COMPANY: "Company",
    NodeKind.TRUST: "Trust",
    NodeKind.ARRANGEMENT: "Arrangement",
    NodeKind.PUBLIC_BODY: "PublicBody",
    NodeKind.UNSPECIFIED: "Unspecified",
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
    details = (edge.details or "").lower()
    committee = edge.role is EdgeRole.CONTROL and ("committee" in details or "comité" in details)
    return rel_type_of(edge.interest_type, committee=committee)
