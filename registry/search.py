"""Fuzzy search by name and by RFC/CURP: pure functions, tested without a store.

Both stores hand their candidates to :func:`rank`, so that a query gives the same hits on
either. A candidate matches when

* an identifier: its RFC (``MX-RFC`` or ``MEX-TAXID``) or CURP starts with the query
  written compactly (at least 4 characters, upper case, no spaces or hyphens);
* a party's name: a query token of 3 or more letters is a prefix of a name token, or one
  edit (insert, delete, substitute, swap) away from one, accents and case folded — what the
  Neo4j full-text query of :func:`lucene_query` finds on an index with a folding analyzer;
* a contract's, title's or listing's name: a query token of 2 or more characters occurs in
  the lower-cased name (``CNH-R01``, ``T-227855``).

Hits are ranked by score (an exact identifier 100, a prefix 90; a name 70 × the part of
the query's words found plus 0.3 × rapidfuzz's ``WRatio`` of the folded texts), then by
name and id.

>>> fold("  Petrolera  del Golfo, S.A. de C.V.")
'petrolera del golfo s a de c v'
>>> lucene_query("petrolra golf")
'(petrolra~1 OR petrolra*) OR (golf~1 OR golf*)'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from registry.model import Node, NodeKind

__all__ = [
    "CONTRACT_LIKE_KINDS",
    "MAX_QUERY_LENGTH",
    "NAME_KINDS",
    "SEARCH_KINDS",
    "SearchHit",
    "compact_identifier",
    "curp_of",
    "fold",
    "lucene_query",
    "matches",
    "name_tokens",
    "rank",
    "rfc_of",
    "substring_tokens",
]

MAX_QUERY_LENGTH = 200
#: Kinds whose names are matched token by token (the full-text index in Neo4j).
NAME_KINDS: frozenset[NodeKind] = frozenset(
    k for k in NodeKind if k.is_party and k is not NodeKind.UNSPECIFIED
)
#: Kinds whose names are codes, matched by substring.
CONTRACT_LIKE_KINDS: frozenset[NodeKind] = frozenset(
    {
        NodeKind.HYDROCARBON_CONTRACT,
        NodeKind.MINING_CONCESSION,
        NodeKind.PROCUREMENT_CONTRACT,
        NodeKind.LISTING,
    }
)
#: Everything a search may return (unknown owners have no name to find them by).
SEARCH_KINDS: frozenset[NodeKind] = NAME_KINDS | CONTRACT_LIKE_KINDS

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_COMPACT = re.compile(r"[\s\-./]+")
_MIN_FUZZY = 3
_MIN_SUBSTRING = 2
_MIN_IDENTIFIER = 4


class SearchHit(BaseModel):
    """One node that matches a query, and why."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: NodeKind
    name: str
    identifiers: list[str]
    score: float
    matched: str  # "identifier" or "name"


def fold(text: str) -> str:
    """Lower case, accents removed (as ASCII folding does: ñ is n), punctuation as spaces,
    spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_ALNUM.sub(" ", stripped).split())


def name_tokens(text: str) -> list[str]:
    """Folded tokens of a query that take part in the name match (3 letters or more)."""
    return [t for t in fold(text).split() if len(t) >= _MIN_FUZZY]


def substring_tokens(text: str) -> list[str]:
    """Lower-cased whitespace tokens of a query matched inside contract names."""
    return [t for t in text.lower().split() if len(t) >= _MIN_SUBSTRING]


def compact_identifier(text: str) -> str | None:
    """The query as an identifier prefix, or ``None`` when it cannot be one."""
    value = _COMPACT.sub("", text).upper()
    if len(value) < _MIN_IDENTIFIER or not value.isalnum() or not any(c.isdigit() for c in value):
        return None
    return value


def lucene_query(text: str) -> str | None:
    """The Lucene query that finds (a superset of) the name matches; tokens are folded to
    letters and digits, so no Lucene syntax from the request survives."""
    parts = [f"({t}~1 OR {t}*)" for t in dict.fromkeys(name_tokens(text))]
    return " OR ".join(parts) if parts else None


def rfc_of(node: Node) -> str | None:
    return next((i.id for i in node.identifiers if i.scheme in ("MX-RFC", "MEX-TAXID")), None)


def curp_of(node: Node) -> str | None:
    return next((i.id for i in node.identifiers if i.scheme == "MX-CURP"), None)


def _covered(query: Sequence[str], name: Sequence[str]) -> float:
    """Part of the query tokens that are a prefix of, or one edit from, a name token."""
    found = sum(
        any(t.startswith(q) or OSA.distance(q, t, score_cutoff=1) <= 1 for t in name) for q in query
    )
    return found / len(query)


def matches(text: str, node: Node) -> tuple[float, str] | None:
    """``(score, what matched)`` of a node for a query, or ``None``."""
    ident = compact_identifier(text)
    if ident is not None:
        for value in (rfc_of(node), curp_of(node)):
            if value is not None and value.startswith(ident):
                return (100.0 if value == ident else 90.0), "identifier"
    if node.kind in NAME_KINDS:
        wanted = name_tokens(text)
        folded = fold(node.name)
        covered = _covered(wanted, folded.split()) if wanted else 0.0
        if covered > 0:
            # Most of the score is how many of the words were found; the rest, how alike.
            return round(70 * covered + 0.3 * fuzz.WRatio(fold(text), folded), 1), "name"
    elif node.kind in CONTRACT_LIKE_KINDS:
        lowered = node.name.lower()
        pieces = substring_tokens(text)
        if pieces and any(p in lowered for p in pieces):
            return round(fuzz.WRatio(text.lower(), lowered), 1), "name"
    return None


def rank(
    text: str, candidates: Iterable[Node], kinds: Collection[NodeKind], limit: int
) -> list[SearchHit]:
    """The best ``limit`` hits among ``candidates`` (duplicates by id are fine)."""
    wanted = set(kinds) & SEARCH_KINDS
    hits: dict[str, SearchHit] = {}
    for node in candidates:
        if node.kind not in wanted or node.id in hits:
            continue
        found = matches(text, node)
        if found is None:
            continue
        hits[node.id] = SearchHit(
            id=node.id,
            kind=node.kind,
            name=node.name,
            identifiers=[i.key for i in node.identifiers],
            score=found[0],
            matched=found[1],
        )
    ordered = sorted(hits.values(), key=lambda h: (-h.score, h.name, h.id))
    return ordered[:limit]
