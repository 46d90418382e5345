"""The registry's declared models: persons, organisations and trusts.

Read each comparison top to bottom: the first level that holds is the pair's level. The
m values are priors that EM refines on the candidate pairs; u values come from random
pairs of the same group.
"""

from __future__ import annotations

from ingest.resolve.model import (
    AllOf,
    AnyOf,
    AtLeast,
    AtMost,
    Comparison,
    Else,
    Exact,
    ExactKey,
    Flag,
    Level,
    Metric,
    Model,
    Null,
    PairRule,
    SortedNeighbourhood,
    TokenKey,
)
from ingest.resolve.names import ORG_STOPWORDS

__all__ = ["MODELS", "ORGANISATION", "PERSON", "TRUST"]

JW = Metric.JARO_WINKLER
RATIO = Metric.RATIO
DL = Metric.DAMERAU

PERSON_STOPWORDS = frozenset({"DE", "DEL", "LA", "LAS", "LOS", "Y", "E", "VDA", "VIUDA"})


def _identifier(column: str, description: str) -> Comparison:
    """An identifier: equal, one typo away (when one side fails its check digit), other."""
    return Comparison(
        column,
        (
            Level("missing", Null(column)),
            Level("exact", Exact(column), m=0.9, u=1e-6),
            Level(
                "typo",
                AllOf((AtMost(column, DL, 1), Flag(f"{column}_unchecked"))),
                m=0.05,
                u=1e-6,
            ),
            Level("different", Else(), m=0.05),
        ),
        description,
    )


def _optional_exact(column: str, description: str, m: float = 0.8, u: float = 0.01) -> Comparison:
    return Comparison(
        column,
        (
            Level("missing", Null(column)),
            Level("exact", Exact(column), m=m, u=u),
            Level("different", Else(), m=1 - m),
        ),
        description,
    )


_ADDRESS = Comparison(
    "address",
    (
        Level("missing", Null("address")),
        Level("exact", Exact("address"), m=0.6, u=1e-4),
        Level("similar", AtLeast("address", Metric.TOKEN_SET, 0.9), m=0.25, u=5e-4),
        Level("different", Else(), m=0.15),
    ),
    "Normalised street address",
)

PERSON = Model(
    name="person",
    description="Natural persons: name in any order, RFC, CURP, birth date, address",
    comparisons=(
        Comparison(
            "name",
            (
                Level("missing", Null("key")),
                Level(
                    "exact",
                    AllOf((Exact("key"), AnyOf((Exact("surnames"), Null("surnames"))))),
                    m=0.7,
                    u=1e-4,
                    tf="key",
                ),
                # The same words with paternal and maternal surnames swapped: in Mexico
                # another person ("BELTRÁN ZAMORA" is not "ZAMORA BELTRÁN").
                Level("surnames_swapped", Exact("key"), m=0.01, u=1e-4),
                Level("one_edit", AtMost("key", DL, 1), m=0.1, u=1e-4),
                Level("two_edits", AtMost("key", DL, 2), m=0.04, u=2e-4),
                Level("subset", AtLeast("key", Metric.TOKEN_SET, 1.0), m=0.08, u=2e-4),
                Level("similar", AtLeast("key", RATIO, 0.85), m=0.04, u=1e-3),
                Level("different", Else(), m=0.04),
            ),
            "Folded name words in any order (given names first or last): exact, the same "
            "with surnames swapped, one or two edits, a surname or given name missing, "
            "similar, other",
        ),
        _identifier("rfc", "RFC (13 characters for persons)"),
        _identifier("curp", "CURP"),
        Comparison(
            "birth",
            (
                Level("missing", Null("birth")),
                Level("exact", Exact("birth"), m=0.9, u=5e-5),
                Level("one_edit", AtMost("birth", DL, 1), m=0.04, u=5e-4),
                Level("different", Else(), m=0.06, veto=True),
            ),
            "Birth date YYMMDD (declared, or read from the CURP or RFC); two birth dates "
            "more than a typo apart never meet in one entity",
        ),
        _optional_exact("country", "Nationality", m=0.95, u=0.8),
        _optional_exact("postal_code", "Postal code of the address", u=1e-3),
        _ADDRESS,
    ),
    blocking=(
        ExactKey("rfc", ("rfc",)),
        ExactKey("curp", ("curp",)),
        ExactKey("rfc_root", ("rfc",), cap=50, prefix=10),
        # Mexican names share their words (García, Hernández, José): single words and
        # pairs of words make huge buckets, three words rarely do.
        TokenKey("name_triples", "key", cap=50, size=3, stopwords=PERSON_STOPWORDS, per_row=2),
        TokenKey(
            "phonetic_triples",
            "key",
            cap=50,
            size=3,
            phonetic=True,
            stopwords=PERSON_STOPWORDS,
            per_row=2,
        ),
        TokenKey("rare_pairs", "key", cap=30, size=2, stopwords=PERSON_STOPWORDS, per_row=2),
        TokenKey("phonetic_name", "key", cap=50, phonetic=True, whole=True),
        SortedNeighbourhood("name_order", "key", window=4),
        SortedNeighbourhood("name_reversed", "key", window=4, reverse=True),
    ),
    learn_u=True,
    identifiers=("rfc", "curp"),
    one_value=("rfc_stem", "curp_stem"),
)

_ORG_NAME = Comparison(
    "name",
    (
        Level("missing", Null("key")),
        Level("exact", Exact("key"), m=0.7, u=1e-4, tf="key"),
        Level("one_edit", AtMost("key", DL, 1), m=0.1, u=1e-4),
        Level("two_edits", AtMost("key", DL, 2), m=0.05, u=2e-4),
        Level("reordered", AtLeast("key", Metric.TOKEN_SORT, 0.94), m=0.03, u=5e-5),
        Level("similar", AtLeast("key", RATIO, 0.85), m=0.05, u=1e-3),
        Level("different", Else(), m=0.07),
    ),
    "Folded name without legal form, business words in one form: exact, one or two "
    "edits, words reordered, similar, other",
)

_DISTINCTIVE = Comparison(
    "distinctive",
    (
        Level("missing", Null("distinct")),
        Level("exact", Exact("distinct"), m=0.75, u=1e-4),
        Level("typo", AtLeast("distinct", JW, 0.9), m=0.1, u=2e-4),
        Level("subset", AtLeast("distinct", Metric.TOKEN_SET, 1.0), m=0.1, u=2e-4),
        Level("different", Else(), m=0.05),
    ),
    "The rare words of the names (those few names of the register share): equal, one "
    "typo, one's words within the other's, different (SOL vs ENCINO)",
)

ORGANISATION = Model(
    name="organisation",
    description="Companies and public bodies: name without legal form, its rare words, "
    "legal form, RFC, country, address, phone",
    comparisons=(
        _ORG_NAME,
        _DISTINCTIVE,
        _optional_exact(
            "legal_form", "Legal form (S.A. de C.V., S. de R.L. de C.V., …)", m=0.85, u=0.4
        ),
        _identifier("rfc", "RFC (12 characters for companies)"),
        _optional_exact("country", "Country of incorporation", m=0.95, u=0.8),
        _optional_exact("postal_code", "Postal code of the address", u=1e-3),
        _ADDRESS,
        _optional_exact("phone", "Phone number", m=0.7, u=1e-4),
    ),
    blocking=(
        ExactKey("rfc", ("rfc",)),
        TokenKey("rare_words", "key", cap=30, stopwords=ORG_STOPWORDS, per_row=2),
        TokenKey("rare_pairs", "key", cap=40, size=2, stopwords=ORG_STOPWORDS, per_row=2),
        TokenKey("name_triples", "key", cap=50, size=3, stopwords=ORG_STOPWORDS, per_row=2),
        TokenKey(
            "phonetic_pairs",
            "key",
            cap=40,
            size=2,
            phonetic=True,
            stopwords=ORG_STOPWORDS,
            per_row=2,
        ),
        TokenKey("phonetic_name", "key", cap=50, phonetic=True, whole=True),
        SortedNeighbourhood("name_order", "key", window=4),
        SortedNeighbourhood("name_reversed", "key", window=4, reverse=True),
    ),
    learn_u=True,
    identifiers=("rfc",),
    one_value=("rfc_stem",),
    cannot_link=(PairRule("numbers_differ", "key"), PairRule("parent_subsidiary", "key")),
)

TRUST = Model(
    name="trust",
    description="Trusts (fideicomisos): registration key, name, RFC",
    comparisons=(
        _ORG_NAME,
        _identifier("rfc", "RFC of the trust"),
        _optional_exact("clave", "Registration key or contract number", m=0.9, u=1e-5),
    ),
    blocking=(
        ExactKey("clave", ("clave",)),
        ExactKey("rfc", ("rfc",)),
        TokenKey("name_pairs", "key", cap=150, size=2, stopwords=ORG_STOPWORDS),
        SortedNeighbourhood("name_order", "key", window=4),
    ),
    learn_u=True,
    identifiers=("clave", "rfc"),
    one_value=("rfc_stem", "clave"),
    cannot_link=(PairRule("numbers_differ", "key"),),
)

#: Group → model.
MODELS: dict[str, Model] = {"person": PERSON, "organisation": ORGANISATION, "trust": TRUST}
