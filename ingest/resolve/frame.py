"""Columnar rows for the engine: each text column is integer codes over its distinct values.

Comparisons then work on distinct value pairs: two rows with the same name and postal
code cost one string comparison however many candidate pairs carry them.

>>> col = Column.from_values(["ANA", None, "ANA", "LUIS"])
>>> col.codes.tolist(), col.values
([0, -1, 0, 1], ['ANA', 'LUIS'])
>>> col.get(1) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = ["Column", "Frame", "IntArray"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(slots=True)
class Column:
    """Codes (``-1`` for blank) into ``values``."""

    codes: npt.NDArray[np.int32]
    values: list[str]
    _objects: npt.NDArray[np.object_] | None = None
    _counts: npt.NDArray[np.int64] | None = None

    @classmethod
    def from_values(cls, values: Iterable[str | None]) -> Column:
        index: dict[str, int] = {}
        setdefault = index.setdefault
        codes = [-1 if not v else setdefault(v, len(index)) for v in values]
        return cls(np.asarray(codes, dtype=np.int32), list(index))

    def __len__(self) -> int:
        return len(self.codes)

    def get(self, row: int) -> str | None:
        code = int(self.codes[row])
        return None if code < 0 else self.values[code]

    @property
    def objects(self) -> npt.NDArray[np.object_]:
        """The distinct values as an object array (for rapidfuzz and fancy indexing)."""
        if self._objects is None:
            arr = np.empty(len(self.values), dtype=object)
            arr[:] = self.values
            self._objects = arr
        return self._objects

    @property
    def counts(self) -> npt.NDArray[np.int64]:
        """How many rows hold each distinct value."""
        if self._counts is None:
            present = self.codes[self.codes >= 0]
            self._counts = np.bincount(present, minlength=len(self.values)).astype(np.int64)
        return self._counts

    def present(self) -> BoolArray:
        return self.codes >= 0

    def take(self, rows: IntArray) -> Column:
        """The column restricted to ``rows`` (codes re-numbered)."""
        return Column.from_values(self.get(int(r)) for r in rows)


@dataclass(slots=True)
class Frame:
    """The rows the engine resolves.

    ``labels`` are cluster constraints: a cluster may hold one value per label key (the
    engine adds the ``one_value`` columns of the model itself).
    """

    n: int
    columns: dict[str, Column]
    flags: dict[str, BoolArray] = field(default_factory=dict)
    labels: list[tuple[tuple[str, str], ...]] | None = None
    weights: IntArray | None = None  # rows each row stands for (mentions per atom)

    @classmethod
    def from_columns(
        cls,
        columns: Mapping[str, Sequence[str | None]],
        flags: Mapping[str, Sequence[bool]] | None = None,
        labels: list[tuple[tuple[str, str], ...]] | None = None,
    ) -> Frame:
        sizes = {len(v) for v in columns.values()}
        if len(sizes) != 1:
            raise ValueError(f"columns of different lengths: {sorted(sizes)}")
        n = sizes.pop()
        return cls(
            n=n,
            columns={k: Column.from_values(v) for k, v in columns.items()},
            flags={k: np.asarray(v, dtype=bool) for k, v in (flags or {}).items()},
            labels=labels,
        )

    def column(self, name: str) -> Column:
        try:
            return self.columns[name]
        except KeyError:
            raise KeyError(f"the model needs a column {name!r} the rows do not have") from None

    def flag(self, name: str) -> BoolArray:
        found = self.flags.get(name)
        if found is None:
            return np.zeros(self.n, dtype=bool)
        return found
