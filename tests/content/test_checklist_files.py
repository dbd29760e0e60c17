"""Checklist definitions are validated at build time with messages that name the file and the field.

Each fixture in fixtures/checklists/ is a broken definition whose ``# expected:``
comment lines give messages the loader must print; adding a case is adding a file.
Fixtures in fixtures/rules/ do the same for a broken ``<id>.rules.toml``, loaded
beside a copy of the shipped checklist whose rules they replace.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.checklists import ChecklistFileError, load_all, load_file

FIXTURES = Path(__file__).parent / "fixtures" / "checklists"
RULES_FIXTURES = Path(__file__).parent / "fixtures" / "rules"
SHIPPED = Path(__file__).resolve().parents[2] / "checklists"


def expected_messages(path: Path) -> list[str]:
    expected = [
        line.removeprefix("# expected:").strip()
        for line in path.read_text("utf-8").splitlines()
        if line.startswith("# expected:")
    ]
    assert expected, f"{path.name} needs at least one '# expected:' line"
    return expected


def assert_reported(error: ChecklistFileError, expected: list[str]) -> None:
    for message in expected:
        assert any(line.startswith(message) or message in line for line in error.messages), (
            f"{message!r} not among {error.messages}"
        )


def test_every_shipped_checklist_is_valid() -> None:
    loaded = load_all()
    assert {
        "right-after-interview",
        "self-debrief",
        "recruiter-360-debrief",
        "follow-up-timing",
        "mistake-handling",
    } <= set(loaded)
    assert loaded["recruiter-360-debrief"].rules, "the debrief rules travel with their checklist"


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.toml")), ids=lambda p: p.stem)
def test_broken_definitions_are_reported_by_file_and_field(path: Path) -> None:
    with pytest.raises(ChecklistFileError) as raised:
        load_file(path)
    assert_reported(raised.value, expected_messages(path))


@pytest.mark.parametrize("path", sorted(RULES_FIXTURES.glob("*.rules.toml")), ids=lambda p: p.stem)
def test_broken_rules_are_reported_by_file_and_field(path: Path, tmp_path: Path) -> None:
    definition = tmp_path / "recruiter-360-debrief.toml"
    shutil.copy(SHIPPED / definition.name, definition)
    shutil.copy(path, tmp_path / "recruiter-360-debrief.rules.toml")
    with pytest.raises(ChecklistFileError) as raised:
        load_file(definition)
    assert_reported(raised.value, expected_messages(path))
    assert all(
        line.startswith("recruiter-360-debrief.rules.toml: ") for line in raised.value.messages
    )


def test_rules_beside_a_checklist_no_widget_reads_are_refused(tmp_path: Path) -> None:
    definition = tmp_path / "follow-up-timing.toml"
    shutil.copy(SHIPPED / definition.name, definition)
    shutil.copy(
        SHIPPED / "recruiter-360-debrief.rules.toml", tmp_path / "follow-up-timing.rules.toml"
    )
    with pytest.raises(ChecklistFileError) as raised:
        load_file(definition)
    assert raised.value.messages == [
        "follow-up-timing.rules.toml: (top level): no widget reads rules for 'follow-up-timing'; remove the file"
    ]
