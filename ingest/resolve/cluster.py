"""Clusters under constraints: a union-find that refuses merges a cannot-link forbids.

Each cluster carries

- its labels, a mapping that must stay a function: a cluster holds one value per key.
  ``rfc → ABC123…`` makes two valid RFCs never meet; ``row:17 → subject`` keeps the
  declaring company and its holder of one row apart; ``judgement:4 → a`` keeps the sides
  of a negative judgement apart;
- its enemies, rows it may never hold (pairwise rules such as parent and subsidiary);
- its size, for the cap on probabilistic merges.

Merges are tried strongest first; the ones refused are reported with the reason.

>>> c = Clusters(3, labels=[{"rfc": "A"}, {}, {"rfc": "B"}])
>>> c.merge(0, 1), c.merge(1, 2)
((True, ''), (False, 'different rfc: A, B'))
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["Clusters"]


class Clusters:
    """Union-find over ``n`` rows with labels, enemies and sizes."""

    def __init__(
        self,
        n: int,
        *,
        labels: Sequence[dict[str, str] | None] | None = None,
        sizes: Sequence[int] | None = None,
    ) -> None:
        self.parent = list(range(n))
        self.size = list(sizes) if sizes is not None else [1] * n
        self.labels: list[dict[str, str] | None] = (
            [dict(x) if x else None for x in labels] if labels is not None else [None] * n
        )
        self.enemies: list[list[tuple[int, str]] | None] = [None] * n
        self.members: list[list[int] | None] = [[x] for x in range(n)]

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def add_enemy(self, a: int, b: int, rule: str) -> None:
        for x, y in ((a, b), (b, a)):
            root = self.find(x)
            found = self.enemies[root]
            if found is None:
                self.enemies[root] = [(y, rule)]
            else:
                found.append((y, rule))

    def add_label(self, row: int, key: str, value: str) -> None:
        root = self.find(row)
        found = self.labels[root]
        if found is None:
            self.labels[root] = {key: value}
        else:
            found.setdefault(key, value)

    def conflict(
        self,
        ra: int,
        rb: int,
        *,
        keys: frozenset[str] | None = None,
        skip_prefix: str | None = None,
        enemies: bool = True,
    ) -> str:
        """Why roots ``ra`` and ``rb`` may not merge ("" when they may).

        ``keys`` limits the label check to those keys (a human "same" checks identifiers
        only), ``skip_prefix`` leaves out the keys that start with it (identifier links do
        not look at rows); ``enemies`` turns the pairwise rules on or off.
        """
        la, lb = self.labels[ra], self.labels[rb]
        if la and lb:
            small, large = (la, lb) if len(la) <= len(lb) else (lb, la)
            for key, value in small.items():
                other = large.get(key)
                if other is None or other == value:
                    continue
                if keys is not None and key not in keys:
                    continue
                if skip_prefix is not None and key.startswith(skip_prefix):
                    continue
                first, second = sorted((value, other))
                return f"different {key}: {first}, {second}"
        if enemies:
            ea, eb = self.enemies[ra], self.enemies[rb]
            if ea or eb:
                if ea is None or (eb is not None and len(eb) < len(ea)):
                    listed, other_root = eb or [], ra
                else:
                    listed, other_root = ea, rb
                for row, rule in listed:
                    if self.find(row) == other_root:
                        return rule
        return ""

    def union(self, ra: int, rb: int) -> int:
        """Join two roots (no checks); the larger one stays the root."""
        if ra == rb:
            return ra
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        ma, mb = self.members[ra], self.members[rb]
        if ma is not None and mb is not None:
            if len(ma) >= len(mb):
                ma.extend(mb)
            else:
                mb.extend(ma)
                self.members[ra] = mb
        self.members[rb] = None
        lb = self.labels[rb]
        if lb:
            la = self.labels[ra]
            if la is None:
                self.labels[ra] = lb
            elif len(la) >= len(lb):
                for key, value in lb.items():
                    la.setdefault(key, value)
            else:
                for key, value in la.items():
                    lb.setdefault(key, value)
                self.labels[ra] = lb
            self.labels[rb] = None
        eb = self.enemies[rb]
        if eb:
            ea = self.enemies[ra]
            if ea is None:
                self.enemies[ra] = eb
            else:
                ea.extend(eb)
            self.enemies[rb] = None
        return ra

    def merge(
        self,
        a: int,
        b: int,
        *,
        cap: int | None = None,
        keys: frozenset[str] | None = None,
        skip_prefix: str | None = None,
        enemies: bool = True,
    ) -> tuple[bool, str]:
        """Merge the clusters of rows ``a`` and ``b`` unless a constraint forbids it.

        Returns (merged, reason refused); already together is (False, "").
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False, ""
        if cap is not None and self.size[ra] + self.size[rb] > cap:
            return False, f"cluster size cap {cap}"
        reason = self.conflict(ra, rb, keys=keys, skip_prefix=skip_prefix, enemies=enemies)
        if reason:
            return False, reason
        self.union(ra, rb)
        return True, ""

    def cross_weights(
        self,
        ra: int,
        rb: int,
        indptr: npt.NDArray[np.int64],
        neighbours: npt.NDArray[np.int32],
        weights: npt.NDArray[np.float32],
    ) -> list[float]:
        """Weights of the scored pairs between two clusters (adjacency in CSR form)."""
        ma, mb = self.members[ra] or [], self.members[rb] or []
        small, other = (ma, rb) if len(ma) <= len(mb) else (mb, ra)
        found: list[float] = []
        find = self.find
        for row in small:
            start, end = int(indptr[row]), int(indptr[row + 1])
            for neighbour, weight in zip(
                neighbours[start:end].tolist(), weights[start:end].tolist(), strict=True
            ):
                if find(neighbour) == other:
                    found.append(weight)
        return found

    def roots(self) -> list[int]:
        return [self.find(x) for x in range(len(self.parent))]
