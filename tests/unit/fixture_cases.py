"""Fixture-file scenarios, in the style of markdown-it-py: adding a case is adding a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"


def cases(folder: str) -> list[Any]:
    """One pytest parameter per fixture file, named after the file."""
    import pytest

    return [
        pytest.param(path.stem, json.loads(path.read_text("utf-8")), id=path.stem)
        for path in sorted((FIXTURES / folder).glob("*.json"))
    ]


def definition(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (FIXTURES / "definitions" / f"{name}.json").read_text("utf-8")
    )
    return data


def assert_subset(expected: Any, actual: Any, where: str = "output") -> None:
    """Every key the fixture names must match; keys it leaves out are not checked."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: expected a table, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} is missing"
            assert_subset(value, actual[key], f"{where}.{key}")
    else:
        assert actual == expected, f"{where}: expected {expected!r}, got {actual!r}"
