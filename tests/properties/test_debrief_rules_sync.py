"""Host-only guards that keep the debrief widgets' test copies honest.

The unit suite also runs inside Pyodide, where ``checklists/`` is not
available, so it reads JSON copies of the definitions and of the diagnosis
rules. These tests fail the moment a copy drifts from its TOML source, and
check that every playbook the widgets cite really exists.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from py_widgets.checklist import parse_definition
from py_widgets.debrief_rules import CAUSE_IDS, parse_rules

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = ROOT / "checklists"
FIXTURES = ROOT / "tests" / "unit" / "fixtures"
RULES_TOML = CHECKLISTS / "recruiter-360-debrief.rules.toml"


def load_default_rules() -> dict[str, Any]:
    """The shipped diagnosis rules, parsed the way the build passes them as ``payload["rules"]``."""
    return tomllib.loads(RULES_TOML.read_text("utf-8"))


def _definition(name: str) -> dict[str, Any]:
    return tomllib.loads((CHECKLISTS / f"{name}.toml").read_text("utf-8"))


def test_rules_fixture_matches_the_shipped_rules() -> None:
    copy = json.loads((FIXTURES / "debrief-rules.json").read_text("utf-8"))
    assert copy == load_default_rules(), (
        "tests/unit/fixtures/debrief-rules.json has drifted from "
        "checklists/recruiter-360-debrief.rules.toml; regenerate it from the TOML"
    )


@pytest.mark.parametrize("name", ["self-debrief", "recruiter-360-debrief"])
def test_definition_fixtures_match_the_checklists(name: str) -> None:
    copy = json.loads((FIXTURES / "debrief-definitions" / f"{name}.json").read_text("utf-8"))
    assert copy == _definition(name), f"debrief-definitions/{name}.json has drifted from the TOML"


def test_shipped_rules_are_valid_for_the_shipped_checklist() -> None:
    rules = parse_rules(
        load_default_rules(), parse_definition(_definition("recruiter-360-debrief"))
    )
    assert [cause.id for cause in rules.causes] == list(CAUSE_IDS)
    assert all(cause.signals for cause in rules.causes)


def test_every_cited_playbook_exists() -> None:
    cited: set[str] = set()
    for module in sorted((ROOT / "py_widgets").glob("debrief*.py")):
        cited |= set(re.findall(r"playbooks/([a-z0-9-]+)", module.read_text("utf-8")))
    assert cited
    missing = sorted(
        slug for slug in cited if not (ROOT / "docs" / "playbooks" / f"{slug}.md").is_file()
    )
    assert not missing, f"cited playbooks with no page: {missing}"
