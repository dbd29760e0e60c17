"""The playbook linter: it passes the real playbooks and catches each kind of mistake, by line.

Each file in fixtures/lint/ is one case: a playbook, then a line ``=== expected ===``, then the
problems the linter must report for it, one ``LINE: message`` per line (none for a clean case).
The case is linted as docs/playbooks/<case>.md, so its links resolve against the real docs/.
Adding a case is adding a file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts.lint_playbooks import DOCS, Linter, playbook_files
from tests.support import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "lint"
SEPARATOR = "\n=== expected ===\n"
CASES = sorted(FIXTURES.glob("*.md"))
LINT = [sys.executable, str(ROOT / "scripts" / "lint_playbooks.py")]


def read_case(path: Path) -> tuple[str, list[str]]:
    document, separator, expected = path.read_text("utf-8").partition(SEPARATOR)
    assert separator, f"{path.name}: no '=== expected ===' line after the playbook"
    return document, [line.strip() for line in expected.splitlines() if line.strip()]


def test_there_are_fixture_cases() -> None:
    """A renamed folder or a bad glob must not turn the fixture tests into zero tests."""
    assert len(CASES) >= 20
    assert any(not read_case(path)[1] for path in CASES), "no clean case guards false alarms"


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_fixture_reports_exactly_the_expected_problems(path: Path) -> None:
    document, expected = read_case(path)
    problems = Linter(DOCS).lint_text(document, f"playbooks/{path.name}")
    assert sorted(f"{p.line}: {p.message}" for p in problems) == sorted(expected)


def test_the_real_playbooks_are_clean() -> None:
    result = subprocess.run(LINT, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(playbook_files())} playbook(s) checked: no problems" in result.stderr


def test_the_command_names_file_and_line_and_fails(tmp_path: Path) -> None:
    """What a writer sees in the terminal: path:line: message, and a failing exit status."""
    docs = tmp_path / "docs"
    (docs / "playbooks").mkdir(parents=True)
    document, _ = read_case(FIXTURES / "raw-html-block.md")
    broken = docs / "playbooks" / "broken.md"
    broken.write_text(document, "utf-8")
    (docs / "playbooks" / "missed-interview.md").write_text(
        (DOCS / "playbooks" / "missed-interview.md").read_text("utf-8"), "utf-8"
    )
    (docs / "checklists").mkdir()
    (docs / "checklists" / "right-after-interview.md").write_text("# Checklist\n", "utf-8")
    result = subprocess.run(
        [*LINT, "--docs-dir", str(docs), str(broken)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "docs/playbooks/broken.md:22: raw HTML is not allowed" in result.stdout


def test_the_command_checks_every_playbook_when_given_none(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "playbooks").mkdir(parents=True)
    (docs / "playbooks" / "bare.md").write_text("# Just a heading\n", "utf-8")
    result = subprocess.run(
        [*LINT, "--docs-dir", str(docs)], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "docs/playbooks/bare.md:1: missing front matter" in result.stdout
