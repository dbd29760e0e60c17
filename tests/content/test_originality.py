"""Originality: no page may reuse the wording of the seed articles the playbooks were planned from.

The seeds are other people's writing. A run of 8 or more consecutive words shared with a seed,
compared after lowercasing and dropping punctuation, is treated as copying, however it got in.
The seeds live beside the repository (../shared/seeds, as in CI); without them the check cannot
be made, and it fails rather than passing silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
DOCS = ROOT / "docs"
RUN = 8
PAGES = sorted(DOCS.rglob("*.md"))

# Link targets are addresses, not wording: [text](target) keeps only the text.
LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
APOSTROPHES = re.compile(r"['’‘`]")
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Word:
    text: str
    line: int


def words(text: str) -> list[Word]:
    """Lowercased words without punctuation; an apostrophe joins ("don't" is "dont")."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        cleaned = APOSTROPHES.sub("", LINK_TARGET.sub("]", line.lower()))
        found.extend(Word(match.group(0), number) for match in WORD.finditer(cleaned))
    return found


def runs(sequence: list[str], size: int = RUN) -> Iterator[tuple[int, tuple[str, ...]]]:
    for start in range(len(sequence) - size + 1):
        yield start, tuple(sequence[start : start + size])


@dataclass(frozen=True)
class SharedRun:
    seed: str
    line: int
    text: str


def shared_runs(text: str, seeds: dict[str, set[tuple[str, ...]]]) -> list[SharedRun]:
    """Every maximal stretch of ``text`` built from runs that also occur in a seed."""
    page = words(text)
    plain = [word.text for word in page]
    found: list[SharedRun] = []
    covered_until = -1
    for start, run in runs(plain):
        if start <= covered_until:
            continue
        for name, shingles in seeds.items():
            if run in shingles:
                end = start + RUN - 1
                while end + 1 < len(plain) and tuple(plain[end - RUN + 2 : end + 2]) in shingles:
                    end += 1
                found.append(SharedRun(name, page[start].line, " ".join(plain[start : end + 1])))
                covered_until = end
                break
    return found


@pytest.fixture(scope="module")
def seeds() -> dict[str, set[tuple[str, ...]]]:
    if not SEEDS.is_dir():
        pytest.fail(
            f"the seed articles are missing: expected them in {SEEDS} (the shared folder beside "
            "the repository). The originality check cannot run without them."
        )
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.fail(f"{SEEDS} holds no *.txt seed articles; the originality check cannot run")
    return {
        path.name: {run for _, run in runs([w.text for w in words(path.read_text("utf-8"))])}
        for path in files
    }


def test_every_kind_of_page_is_checked() -> None:
    """A moved docs/ folder must not leave the check with nothing to compare."""
    folders = {page.relative_to(DOCS).parts[0] for page in PAGES}
    assert len(list((DOCS / "playbooks").glob("*.md"))) >= 18
    assert {"playbooks", "checklists", "index.md"} <= folders


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_page_shares_no_run_of_eight_words_with_a_seed(
    page: Path, seeds: dict[str, set[tuple[str, ...]]]
) -> None:
    found = shared_runs(page.read_text("utf-8"), seeds)
    assert not found, "\n".join(
        f"docs/{page.relative_to(DOCS).as_posix()}:{run.line}: shares "
        f"{len(run.text.split())} words with seed {run.seed}: {run.text!r}"
        for run in found
    )


def test_a_copied_sentence_is_caught_whatever_its_punctuation_and_case(
    seeds: dict[str, set[tuple[str, ...]]],
) -> None:
    """The check itself must be able to fail: eight seed words in a row are found, seven are not."""
    name, shingles = next(iter(seeds.items()))
    run = next(iter(sorted(shingles)))
    shouted = ", ".join(word.upper() for word in run) + "!"
    assert [hit.seed for hit in shared_runs(f"Intro.\n{shouted}\n", {name: shingles})] == [name]
    assert shared_runs(" ".join(run[:-1]) + " zzzz", {name: shingles}) == []
