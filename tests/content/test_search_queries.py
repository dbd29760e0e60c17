"""The search query set is only a fair measure if it reads like real searches and points at real pages."""

from __future__ import annotations

import re

from tests.content.search_queries import QUERIES_FILE, load_queries
from tests.support import ROOT

PLAYBOOKS = ROOT / "docs" / "playbooks"
MIN_QUERIES = 25
# The words the findability issue says people actually type.
NAMED = {
    "ghosted": "ghosted-after-final",
    "no-show": "missed-interview",
    "forgot to call back": "missed-callback",
    "bombed the interview": "cannot-recover",
    "hiring manager hated my candidate": "client-interview-went-badly",
}
TITLE = re.compile(r"^title:\s*(.+)$", re.MULTILINE)


def test_there_are_enough_queries_and_no_repeats() -> None:
    queries = load_queries()
    assert len(queries) >= MIN_QUERIES
    texts = [q.text.lower() for q in queries]
    repeated = sorted({t for t in texts if texts.count(t) > 1})
    assert not repeated, f"queries listed twice in {QUERIES_FILE.name}: {repeated}"


def test_every_query_expects_an_existing_playbook() -> None:
    unknown = [
        f"line {q.line}: {q.slug}"
        for q in load_queries()
        if not (PLAYBOOKS / f"{q.slug}.md").is_file()
    ]
    assert not unknown, "queries expecting playbooks that do not exist:\n" + "\n".join(unknown)


def test_the_named_phrases_are_in_the_set() -> None:
    expected = {q.text: q.slug for q in load_queries()}
    assert {text: expected.get(text) for text in NAMED} == NAMED


def test_no_query_is_just_a_page_title() -> None:
    """Typing a title back into the search box proves nothing about findability."""
    titles = set()
    for page in (ROOT / "docs").rglob("*.md"):
        match = TITLE.search(page.read_text("utf-8"))
        if match:
            titles.add(match.group(1).strip().strip("\"'").lower())
    copied = [q.text for q in load_queries() if q.text.lower() in titles]
    assert not copied, f"queries that are page titles: {copied}"


def test_every_playbook_is_searched_for() -> None:
    wanted = {q.slug for q in load_queries()}
    untested = sorted(p.stem for p in PLAYBOOKS.glob("*.md") if p.stem not in wanted)
    assert not untested, f"playbooks no query expects: {untested}"
