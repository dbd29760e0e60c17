from __future__ import annotations

from typing import Any

import pytest

from py_widgets.checklist import check_answers, parse_definition
from py_widgets.problems import InputError

from .fixture_cases import cases, definition


@pytest.mark.parametrize(("name", "case"), cases("invalid-definitions"))
def test_invalid_definitions_name_every_bad_field(name: str, case: dict[str, Any]) -> None:
    with pytest.raises(InputError) as raised:
        parse_definition(case["definition"])
    assert sorted({p.path for p in raised.value.problems}) == sorted(case["problems"])
    assert all(p.message for p in raised.value.problems)


def test_valid_definition_keeps_ids_and_order() -> None:
    checklist = parse_definition(definition("small"))
    assert [item.id for item in checklist.items] == [
        "notes",
        "names",
        "extra",
        "stage",
        "topics",
        "when",
        "count",
        "thoughts",
    ]
    assert checklist.item("stage") is not None
    assert checklist.item("missing") is None


def test_answers_to_removed_items_are_set_aside_not_lost() -> None:
    checklist = parse_definition(definition("small"))
    answers = check_answers(checklist, {"notes": True, "old-item": "my words"})
    assert answers.values == {"notes": True}
    assert answers.set_aside == {"old-item": "my words"}


def test_answers_that_are_not_a_table_are_reported() -> None:
    checklist = parse_definition(definition("small"))
    answers = check_answers(checklist, ["notes"])
    assert answers.values == {}
    assert [p.path for p in answers.problems] == [""]


def test_multiple_choice_answers_follow_definition_order() -> None:
    checklist = parse_definition(definition("small"))
    answers = check_answers(checklist, {"topics": ["culture", "skills"]})
    assert answers.values["topics"] == ["skills", "culture"]
