"""Canonical JSON of ledger values, fast and byte for byte what the standard library writes.

The ledger stores every record as ``json.dumps(value, sort_keys=True, ensure_ascii=False,
separators=(",", ":"))`` and keys its duplicates on the SHA-256 of that text, so the text
must never change. ``canonical_json`` writes it with orjson (several times faster) and falls
back to the standard library whenever orjson could write something else:

- orjson refuses the value (a non-string key, an integer beyond 64 bits, a lone surrogate,
  a type that is not JSON: dates and dataclasses are passed through to that refusal);
- the output may hold a float the two libraries spell differently: orjson writes floats
  below 1e-4 as ``0.00001`` or ``1e-7`` where Python writes ``1e-05`` and ``1e-07``, so any
  output containing ``e-`` or ``0.0000`` is redone;
- the output holds ``null``: orjson writes NaN and infinities as ``null``, Python as
  ``NaN`` and ``Infinity``.

Floats of every other magnitude, strings (escapes included), integers, booleans, lists,
tuples and dicts are spelled identically by both (keys sorted by code point).

>>> canonical_json({"b": 1.5, "a": ["ñ", 1e-05, None]})
'{"a":["ñ",1e-05,null],"b":1.5}'
>>> decode_json(canonical_json({"x": float("nan")}))["x"] != 0
True
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

__all__ = ["canonical_json", "canonical_json_checked", "decode_json"]

_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS

_LONG_DIGITS = re.compile(r"\d{19}")


def _standard(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical_json(value: Any) -> str:
    """``json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))``."""
    return canonical_json_checked(value)[0]


def canonical_json_checked(value: Any) -> tuple[str, bool]:
    """``canonical_json(value)``, and whether orjson wrote it (then ``decode_json(text,
    exact=True)`` may read it with orjson alone: it holds no integer beyond 64 bits)."""
    try:
        out = orjson.dumps(value, option=_OPTIONS)
    except TypeError:
        return _standard(value), False
    if b"e-" in out or b"0.0000" in out or b"null" in out:
        return _standard(value), False
    return out.decode("utf-8"), True


def decode_json(text: str, *, exact: bool = False) -> Any:
    """Parse JSON that ``canonical_json`` wrote, exactly as ``json.loads`` would.

    orjson reads integers beyond 64 bits as floats, and refuses ``NaN``: unless the text is
    known to come from orjson (``exact``), text with a run of 19 digits or more, or that
    orjson refuses, is read by the standard library."""
    if not exact and _LONG_DIGITS.search(text):
        return json.loads(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
