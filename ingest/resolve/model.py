"""The declared parts of a resolution model: comparisons with named levels, blocking rules,
identifiers, cannot-link rules and the clustering limits.

A model is data, read top to bottom: each ``Comparison`` lists its ``Level`` s in the order
they are tried, and the first whose condition holds for a pair is that pair's level (as in
Splink's comparison levels). Each level has an m prior (how often true matches land there)
that expectation maximisation refines; the u probability (how often non-matches land
there) comes from random pairs. A level whose condition is ``Null`` carries no evidence.

>>> name = Comparison("surname", (
...     Level("missing", Null("surname")),
...     Level("exact", Exact("surname"), m=0.9, tf="surname"),
...     Level("typo", AtLeast("surname", Metric.JARO_WINKLER, 0.92), m=0.07),
...     Level("different", Else(), m=0.03),
... ))
>>> [level.name for level in name.levels]
['missing', 'exact', 'typo', 'different']
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "AllOf",
    "AnyOf",
    "AtLeast",
    "AtMost",
    "BlockRule",
    "Comparison",
    "Condition",
    "Crossed",
    "Else",
    "Exact",
    "ExactKey",
    "Flag",
    "Level",
    "Metric",
    "Model",
    "Null",
    "PairRule",
    "SortedNeighbourhood",
    "TokenKey",
]


class Metric(StrEnum):
    """String measures, each computed a column at a time with rapidfuzz."""

    JARO_WINKLER = "jaro_winkler"  # similarity, 0–1
    RATIO = "ratio"  # normalised Indel similarity, 0–1
    TOKEN_SORT = "token_sort"  # ratio of the sorted tokens, 0–1
    TOKEN_SET = "token_set"  # 1 when one token set holds the other, 0–1
    DAMERAU = "damerau"  # Damerau–Levenshtein distance, in edits
    LEVENSHTEIN = "levenshtein"  # Levenshtein distance, in edits


DISTANCES = frozenset({Metric.DAMERAU, Metric.LEVENSHTEIN})


# -- conditions ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Null:
    """Either side is blank."""

    column: str


@dataclass(frozen=True, slots=True)
class Exact:
    """Both sides present and equal."""

    column: str


@dataclass(frozen=True, slots=True)
class AtLeast:
    """Both present and the similarity is at least ``threshold`` (0–1)."""

    column: str
    metric: Metric
    threshold: float


@dataclass(frozen=True, slots=True)
class AtMost:
    """Both present and the distance is at most ``distance`` edits."""

    column: str
    metric: Metric
    distance: int


@dataclass(frozen=True, slots=True)
class Crossed:
    """The values are swapped between two columns (given name written as surname)."""

    column: str
    other: str


@dataclass(frozen=True, slots=True)
class Flag:
    """A boolean column is true on either side."""

    column: str


@dataclass(frozen=True, slots=True)
class AllOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Else:
    """Always holds: the last level of a comparison."""


Condition = Null | Exact | AtLeast | AtMost | Crossed | Flag | AllOf | AnyOf | Else


@dataclass(frozen=True, slots=True)
class Level:
    """One named outcome of a comparison."""

    name: str
    when: Condition
    m: float = 0.1
    #: Prior of u, used while the data is too small to learn from (the else level: 1).
    u: float | None = None
    tf: str | None = None  # column whose value frequency adjusts an exact level's weight
    #: A pair at this level never ends in one cluster, directly or through others (unless
    #: an identifier or a person says so): two birth dates that are not a typo apart.
    veto: bool = False

    @property
    def u_prior(self) -> float:
        if self.u is not None:
            return self.u
        return 1.0 if isinstance(self.when, Else) else 0.01

    @property
    def is_null(self) -> bool:
        return isinstance(self.when, Null)


@dataclass(frozen=True, slots=True)
class Comparison:
    """A named comparison: its levels in the order they are tried."""

    name: str
    levels: tuple[Level, ...]
    description: str = ""

    def __post_init__(self) -> None:
        if not self.levels or not isinstance(self.levels[-1].when, Else):
            raise ValueError(f"comparison {self.name!r} must end with an Else() level")
        if len({lv.name for lv in self.levels}) != len(self.levels):
            raise ValueError(f"comparison {self.name!r} repeats a level name")


# -- blocking -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ExactKey:
    """Rows whose ``columns`` all agree (and are present) are candidates.

    ``unordered`` makes the key the sorted values, so that swapped columns agree too.
    ``prefix`` keeps the first characters of each value only.
    """

    name: str
    columns: tuple[str, ...]
    cap: int | None = None
    unordered: bool = False
    prefix: int | None = None


@dataclass(frozen=True, slots=True)
class TokenKey:
    """Rows that share a token of ``column`` (or ``size`` tokens, or phonetic tokens).

    Buckets larger than ``cap`` are dropped: a token that many rows share ("MINERA",
    "HERNANDEZ") says little and would cost the square of its count.
    """

    name: str
    column: str
    cap: int
    size: int = 1  # 1: single tokens; 2: unordered pairs; 3: triples
    phonetic: bool = False
    whole: bool = False  # the phonetic key of the whole text (sorted tokens), not per token
    min_length: int = 2
    stopwords: frozenset[str] = frozenset()
    #: Keep only each row's rarest keys (by bucket size), so that a common surname pair
    #: costs nothing while the rare pair of the same name still finds its match.
    per_row: int | None = None


@dataclass(frozen=True, slots=True)
class SortedNeighbourhood:
    """Sort by ``column`` and pair each row with the next ``window - 1`` rows."""

    name: str
    column: str
    window: int
    reverse: bool = False  # sort by the reversed text: catches typos at the start


BlockRule = ExactKey | TokenKey | SortedNeighbourhood


@dataclass(frozen=True, slots=True)
class PairRule:
    """A cannot-link rule over one column of a pair (see ``rules.PAIR_RULES``)."""

    name: str
    column: str


@dataclass(frozen=True, slots=True)
class Model:
    """Everything that decides how one kind of record is resolved."""

    name: str
    comparisons: tuple[Comparison, ...]
    blocking: tuple[BlockRule, ...]
    #: Columns whose equal values link rows deterministically ("identifier:<column>").
    identifiers: tuple[str, ...] = ()
    #: Columns of which a cluster may hold one value only (two valid RFCs never merge).
    one_value: tuple[str, ...] = ()
    #: Pairwise cannot-link rules (parent and subsidiary, different numbers in a name).
    cannot_link: tuple[PairRule, ...] = ()
    #: Only pairs whose values in this column differ are compared (linkage, not dedupe).
    link_only_column: str | None = None
    #: Two clusters merge on probability only if the pairs scored between them weigh, on
    #: average, at least the match threshold (one strong pair does not drag a cluster in).
    average_linkage: bool = True
    #: No probabilistic merge makes a cluster of more rows than this.
    max_cluster_size: int = 2000
    #: A pair whose posterior match probability reaches this merges (0.5: Bayes' rule).
    match_probability: float = 0.5
    #: Below the match probability and at least this: a possible match, for review.
    possible_probability: float = 0.05
    #: Share of matches among candidate pairs assumed while the data is too small to learn.
    prior_lambda: float = 0.1
    #: Fewer candidate pairs than this: keep the declared m and u (EM would be noise).
    min_fit_pairs: int = 1000
    #: Learn u on the candidate pairs too (needs identifiers as anchors), not only from
    #: random pairs: right where candidate non-matches look alike (one register's names).
    learn_u: bool = False
    #: Random pairs sampled to estimate the u probabilities.
    u_sample_pairs: int = 100_000
    em_iterations: int = 60
    #: Cap, in bits, of the term-frequency adjustment of one exact level.
    tf_cap: float = 6.0
    description: str = ""
