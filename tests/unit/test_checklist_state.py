from __future__ import annotations

import json
from typing import Any

import pytest

from py_widgets import checklist_state
from py_widgets.checklist import check_answers, parse_definition

from .fixture_cases import assert_subset, cases, definition


@pytest.mark.parametrize(("name", "case"), cases("state"))
def test_import_scenarios(name: str, case: dict[str, Any]) -> None:
    checklist = parse_definition(definition(case["definition"]))
    assert_subset(case["expected"], checklist_state.import_text(checklist, case["text"]))


def test_oversized_import_is_refused_before_parsing() -> None:
    checklist = parse_definition(definition("small"))
    result = checklist_state.import_text(checklist, " " * (checklist_state.MAX_IMPORT_CHARS + 1))
    assert result["ok"] is False
    assert "too large" in result["message"]


def test_export_then_import_gives_the_same_answers() -> None:
    checklist = parse_definition(definition("small"))
    answers = {"notes": True, "topics": ["skills"], "when": "2026-01-31", "thoughts": "ok"}
    exported = checklist_state.envelope(checklist, answers, {"old": "x"})
    result = checklist_state.import_text(checklist, json.dumps(exported))
    assert result["ok"] is True
    assert result["answers"] == answers
    assert result["set_aside"] == {"old": "x"}


def test_markdown_summary_escapes_typed_text() -> None:
    checklist = parse_definition(definition("small"))
    answers = check_answers(checklist, {"thoughts": "[x](javascript:1)", "notes": True})
    summary = checklist_state.markdown_summary(checklist, answers, "1 of 7 steps done.")
    assert "- [x] Write notes" in summary
    assert "](javascript" not in summary
    assert "\\[x\\]" in summary
