"""The titles widgets use for playbook links must match the playbooks themselves."""

from __future__ import annotations

import re

from py_widgets.playbooks import PLAYBOOK_TITLES
from tests.support import ROOT


def test_titles_match_front_matter() -> None:
    found = {}
    for path in sorted((ROOT / "docs" / "playbooks").glob("*.md")):
        match = re.search(r"^title:\s*(.+)$", path.read_text("utf-8"), re.MULTILINE)
        assert match, f"{path.name} has no title"
        found[f"playbooks/{path.stem}"] = match.group(1).strip()
    assert found == PLAYBOOK_TITLES
