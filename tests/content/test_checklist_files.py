"""Checklist definitions are validated at build time with messages that name the file and the field.

Each fixture in fixtures/checklists/ is a broken definition whose ``# expected:``
comment lines give messages the loader must print; adding a case is adding a file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.checklists import ChecklistFileError, load_all, load_file

FIXTURES = Path(__file__).parent / "fixtures" / "checklists"


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
    expected = [
        line.removeprefix("# expected:").strip()
        for line in path.read_text("utf-8").splitlines()
        if line.startswith("# expected:")
    ]
    assert expected, f"{path.name} needs at least one '# expected:' line"
    with pytest.raises(ChecklistFileError) as raised:
        load_file(path)
    for message in expected:
        assert any(line.startswith(message) or message in line for line in raised.value.messages), (
            f"{message!r} not among {raised.value.messages}"
        )
