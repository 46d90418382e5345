"""The ledger's canonical JSON is byte for byte the standard library's, only faster."""

from __future__ import annotations

import json
import math
import random
import struct
from datetime import date
from typing import Any

import pytest

from ingest.canonical import canonical_json, canonical_json_checked, decode_json


def _standard(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


EDGE_VALUES: list[Any] = [
    {"b": 1, "a": [1, 2.5, None, True, False], "ñ": "México", "Z": {"y": [], "x": {}}},
    [0.0, -0.0, 1e-4, 1e-5, 1.234e-7, 1e16, 1e22, 5e-324, 1.7976931348623157e308, 0.1],
    [2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, 10**30],
    [math.nan, math.inf, -math.inf],
    {1: "a", 2: "b"},
    {"\U0001f600": 1, "\uffff": 2, "é": 3, "e": 4},
    "".join(chr(c) for c in range(0, 0x3000)) + "\u2028\u2029\ufeff",
    ("tuple", "is", "an", "array"),
    {"text with e- and 0.0000 inside": "Re-emisión 0.00001"},
]


@pytest.mark.parametrize("value", EDGE_VALUES)
def test_canonical_json_is_what_json_dumps_writes(value: Any) -> None:
    assert canonical_json(value) == _standard(value)


def test_random_floats_and_integers_are_spelled_alike() -> None:
    rng = random.Random(5)
    values: list[Any] = []
    for _ in range(20_000):
        values.append(struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0])
        values.append(rng.uniform(-1e-3, 1e-3))
        values.append(rng.getrandbits(rng.randint(1, 90)) * rng.choice((1, -1)))
    assert [canonical_json(v) for v in values] == [_standard(v) for v in values]


@pytest.mark.parametrize("value", EDGE_VALUES)
def test_decode_reads_back_what_was_written(value: Any) -> None:
    text, exact = canonical_json_checked(value)
    assert canonical_json(decode_json(text, exact=exact)) == text
    assert canonical_json(decode_json(text)) == text


def test_big_integers_do_not_become_floats() -> None:
    text, exact = canonical_json_checked({"n": 10**25})
    assert not exact
    assert decode_json(text, exact=exact) == {"n": 10**25}
    assert type(decode_json(text)["n"]) is int


def test_values_json_refuses_are_still_refused() -> None:
    with pytest.raises(TypeError):
        canonical_json({"when": date(2020, 1, 1)})
    with pytest.raises(TypeError):
        canonical_json({"x": object()})
