from __future__ import annotations

from typing import Any

import pytest

from py_widgets import progress

from .fixture_cases import assert_subset, cases, definition


@pytest.mark.parametrize(("name", "case"), cases("progress"))
def test_progress_scenarios(name: str, case: dict[str, Any]) -> None:
    source = case["definition"]
    raw = definition(source) if isinstance(source, str) else source
    output = progress.compute({"definition": raw, "answers": case["answers"]})
    assert_subset(case["expected"], output)
