"""Where the real files of ../shared/data are, and what to do when they are absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = Path(os.environ.get("REGISTRY_SHARED_DATA", REPO.parent / "shared" / "data"))
BODS = SHARED_DATA / "bods"
EXAMPLES = BODS / "data-standard" / "examples"
VALID_STATEMENTS = BODS / "data-standard" / "tests" / "data" / "valid-statements"
INVALID_STATEMENTS = BODS / "data-standard" / "tests" / "data" / "invalid-statements"
FIXTURES = BODS / "bods-v04-fixtures"
GLEIF = BODS / "gleif-0.2-samples" / "tests" / "fixtures"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(path: Path) -> Path:
    """The path, or a skip (outside CI) / failure (in CI) when the shared data is missing."""
    if not path.exists():
        message = f"shared data not found at {path} (set REGISTRY_SHARED_DATA)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return path
