"""Coverage: every scenario the site promised to handle maps to a playbook that exists.

docs/coverage.md is the public map from scenario to playbook. The scenarios below are the ones
the project set out to cover; the map must name each of them and link the playbook for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token

from scripts.lint_playbooks import markdown_parser, split_front_matter
from tests.support import ROOT

DOCS = ROOT / "docs"
COVERAGE = DOCS / "coverage.md"
MIN_PLAYBOOKS = 18

# Scenario (a phrase its row must contain) -> the playbook that handles it.
REQUIRED = {
    "missed a phone screen or an interview": "missed-interview",
    "promised to get back to them by a date": "missed-callback",
    "follow-up was generic, or you sent none": "generic-follow-up",
    "followed up too much": "too-many-follow-ups",
    "asked no questions": "no-questions",
    "no knowledge of the company or its industry": "no-company-knowledge",
    "realized mid-interview the job is not a fit": "not-a-fit-midway",
    "cower, deflect, own it or laugh it off": "handling-mistakes",
    "client interview went badly, and which of four causes": "client-interview-went-badly",
    "not going into justification mode": "justification-mode",
    "360 debrief": "debrief-360",
    "recalibrating the brief": "recalibrate-brief",
    "coaching the hiring manager": "coach-hiring-manager",
    "coaching the candidate": "coach-candidate",
    "making a not-a-fit interview useful": "not-a-fit-interview",
    "thank-you note timing": "thank-you-timing",
    "weak answer repaired in the thank-you note": "repair-weak-answer",
    "arriving late": "arrived-late",
    "typo or the wrong name in a note": "typo-in-note",
    "ghosted after a final round": "ghosted-after-final",
    "what cannot be recovered": "cannot-recover",
    "mind went blank": "mind-went-blank",
}


@dataclass(frozen=True)
class Row:
    scenario: str
    links: tuple[str, ...]
    line: int


def cell_text(inline: Token) -> str:
    return "".join(child.content for child in inline.children or [] if child.type == "text")


def table_rows(path: Path) -> list[Row]:
    _, _, body = split_front_matter(path.read_text("utf-8"))
    tokens = markdown_parser().parse(body)
    rows: list[Row] = []
    in_body = False
    cells: list[Token] = []
    line = 0
    for token in tokens:
        if token.type == "tbody_open":
            in_body = True
        elif token.type == "tbody_close":
            in_body = False
        elif in_body and token.type == "tr_open":
            cells = []
            line = (token.map[0] if token.map else 0) + 1
        elif in_body and token.type == "inline":
            cells.append(token)
        elif in_body and token.type == "tr_close" and cells:
            links = tuple(
                str(child.attrGet("href"))
                for cell in cells[1:]
                for child in cell.children or []
                if child.type == "link_open"
            )
            rows.append(Row(cell_text(cells[0]).strip(), links, line))
    return rows


def playbook_slug(href: str) -> str | None:
    prefix, suffix = "playbooks/", ".md"
    if href.startswith(prefix) and href.endswith(suffix):
        return href[len(prefix) : -len(suffix)]
    return None


def test_there_are_enough_playbooks() -> None:
    assert len(list((DOCS / "playbooks").glob("*.md"))) >= MIN_PLAYBOOKS


def test_every_row_links_one_existing_playbook() -> None:
    rows = table_rows(COVERAGE)
    assert len(rows) >= len(REQUIRED), "the coverage table is missing or short"
    problems = []
    for row in rows:
        slugs = [playbook_slug(href) for href in row.links]
        if len(slugs) != 1 or slugs[0] is None:
            problems.append(f"line {row.line}: {row.scenario!r} must link exactly one playbook")
        elif not (DOCS / "playbooks" / f"{slugs[0]}.md").is_file():
            problems.append(
                f"line {row.line}: {row.scenario!r} links a missing playbook {slugs[0]}"
            )
    assert not problems, "\n".join(problems)


def test_every_required_scenario_is_mapped_to_its_playbook() -> None:
    rows = table_rows(COVERAGE)
    problems = []
    for phrase, slug in REQUIRED.items():
        matching = [row for row in rows if phrase in row.scenario.lower()]
        if not matching:
            problems.append(f"no row for the scenario {phrase!r}")
        elif not any(f"playbooks/{slug}.md" in row.links for row in matching):
            problems.append(f"the scenario {phrase!r} does not link {slug}")
    assert not problems, "\n".join(problems)


def test_every_playbook_covers_a_scenario() -> None:
    """A playbook outside the map is either a scenario nobody listed or a page nobody needs."""
    linked = {playbook_slug(href) for row in table_rows(COVERAGE) for href in row.links}
    unmapped = sorted(
        path.stem for path in (DOCS / "playbooks").glob("*.md") if path.stem not in linked
    )
    assert not unmapped, f"playbooks with no row in docs/coverage.md: {unmapped}"
