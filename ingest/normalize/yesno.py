"""Yes/no cells: S/N, SI/NO, Sí, X, 1/0, TRUE/FALSE, VERDADERO/FALSO.

>>> parse_yes_no("Sí"), parse_yes_no("N"), parse_yes_no("x"), parse_yes_no(" ")
(True, False, True, None)
"""

from __future__ import annotations

from functools import lru_cache

from ingest.normalize.errors import NormalizationError
from ingest.normalize.text import fold

__all__ = ["parse_yes_no"]

_TRUE = frozenset({"S", "SI", "X", "1", "TRUE", "VERDADERO", "V", "YES", "Y", "T", "1 0"})
_FALSE = frozenset({"N", "NO", "0", "FALSE", "FALSO", "F", "0 0"})


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def parse_yes_no(s: str | None) -> bool | None:
    """``True``/``False``; ``None`` for blank. Anything else raises
    ``NormalizationError("bad_value")``."""
    v = fold(s)
    if not v:
        return None
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise NormalizationError(
        "bad_value", f"{s!r} is not a yes/no value (expected S/N, SI/NO, X, 1/0)"
    )
