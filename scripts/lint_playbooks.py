"""Lint the playbooks, naming the file and line of every problem.

A playbook is only useful if a reader in a hurry can trust its shape: the same seven sections in
the same order, a message they can copy, links that go somewhere, and front matter the hub
pages, tags and search are built from. This checks all of that before the site is built.

    python scripts/lint_playbooks.py                # every docs/playbooks/*.md
    python scripts/lint_playbooks.py FILE [FILE...] # just these

Exit status: 0 when clean, 1 when any problem was found, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from markdown.extensions import toc  # type: ignore[import-untyped]
from markdown_it import MarkdownIt
from markdown_it.token import Token

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PLAYBOOK_DIR = "playbooks"
CHECKLIST_DIR = "checklists"

SECTIONS = (
    "What happened",
    "Why it matters",
    "In the next hour",
    "In the next 24 hours",
    "A message you can send",
    "When to let it go",
    "Related",
)
TEMPLATE_SECTION = "A message you can send"
REQUIRED_FIELDS = (
    "title",
    "description",
    "audience",
    "stage",
    "recoverability",
    "tags",
    "related",
    "keywords",
)
CHOICES = {
    "audience": ("candidate", "recruiter", "hiring-manager"),
    "stage": ("before", "during", "after"),
    "recoverability": ("high", "medium", "low", "none"),
}
MAX_DESCRIPTION = 160
CHECKLIST_PREFIX = "checklist:"

TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A sentence ends at . ! or ?, perhaps followed by a closing quote or bracket, then a space.
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+\S")
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
ATTR_LIST = re.compile(r"\s*\{:?([^}]*)\}\s*$")
ATTR_ID = re.compile(r"(?:^|\s)#([\w-]+)")
FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")

# The checks report through this: report(line, message).
Reporter = Callable[[int, str], None]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int
    token_index: int


def markdown_parser() -> MarkdownIt:
    # CommonMark with tables, as Python-Markdown renders them on the site; html on so that raw
    # HTML shows up as tokens instead of being silently escaped.
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def split_front_matter(text: str) -> tuple[str | None, int, str]:
    """The front matter source, the number of lines it spans, and the Markdown after it.

    The Markdown keeps its own line numbers: the front matter is replaced by blank lines.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, 0, text
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            body = "\n" * (index + 1) + "\n".join(lines[index + 1 :])
            return "\n".join(lines[1:index]), index + 1, body
    return None, 0, text


def key_lines(source: str) -> dict[str, int]:
    """The file line of each top-level front matter key (the file's line 1 is the opening ---)."""
    found: dict[str, int] = {}
    for offset, line in enumerate(source.split("\n")):
        match = FRONT_MATTER_KEY.match(line)
        if match and match.group(1) not in found:
            found[match.group(1)] = offset + 2
    return found


def item_lines(source: str, start: int) -> list[int]:
    """The file line of each ``- item`` under the key on line ``start``; none for inline lists."""
    lines = source.split("\n")
    result = []
    for offset in range(start - 1, len(lines)):
        line = lines[offset]
        if FRONT_MATTER_KEY.match(line):
            break
        if line.lstrip().startswith("- "):
            result.append(offset + 2)
    return result


def plain_text(inline: Token) -> str:
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def headings(tokens: Sequence[Token]) -> list[Heading]:
    """Every heading, with the anchor Python-Markdown's toc extension gives it on the site."""
    found: list[Heading] = []
    used: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = plain_text(tokens[index + 1])
        explicit = None
        attrs = ATTR_LIST.search(text)
        if attrs:
            text = text[: attrs.start()]
            id_match = ATTR_ID.search(attrs.group(1))
            explicit = id_match.group(1) if id_match else None
        text = text.strip()
        if explicit:
            anchor = explicit
            used.add(anchor)
        else:
            # The same functions Python-Markdown's toc extension uses to give headings their ids.
            anchor = str(toc.unique(toc.slugify(text, "-"), used))
        line = (token.map[0] if token.map else 0) + 1
        found.append(Heading(int(token.tag[1]), text, anchor, line, index))
    return found


def inline_children_with_lines(tokens: Sequence[Token]) -> Iterator[tuple[Token, int]]:
    """Each inline child token with the file line it sits on."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        line = (token.map[0] if token.map else 0) + 1
        for child in token.children:
            yield child, line
            if child.type in ("softbreak", "hardbreak"):
                line += 1


class Linter:
    def __init__(self, docs_dir: Path = DOCS) -> None:
        self.docs_dir = docs_dir
        self.parser = markdown_parser()
        self._anchor_cache: dict[str, set[str]] = {}

    # -- front matter -------------------------------------------------------------------------

    def check_front_matter(self, text: str, slug: str, report: Reporter) -> int:
        """Check the front matter and return the number of lines it spans."""
        source, length, _ = split_front_matter(text)
        if source is None:
            report(1, "missing front matter: the file must start with a --- block")
            return 0
        try:
            data = yaml.safe_load(source)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            problem = getattr(error, "problem", None) or str(error).split("\n")[0]
            report(line, f"front matter is not valid YAML: {problem}")
            return length
        if not isinstance(data, dict):
            report(1, "front matter must be a mapping of keys to values")
            return length
        lines = key_lines(source)
        for field in REQUIRED_FIELDS:
            if field not in data or data[field] in (None, "", []):
                report(1, f"front matter: missing {field!r}")
        self._check_title(data, lines, report)
        self._check_description(data, lines, report)
        for field, choices in CHOICES.items():
            value = data.get(field)
            if value not in (None, "") and value not in choices:
                report(
                    lines.get(field, 1),
                    f"front matter: {field} is {value!r}; use one of: {', '.join(choices)}",
                )
        for field in ("tags", "related", "keywords"):
            self._check_list(data, field, source, lines, slug, report)
        return length

    def _check_title(self, data: dict[str, Any], lines: dict[str, int], report: Reporter) -> None:
        title = data.get("title")
        if title not in (None, "") and not isinstance(title, str):
            report(lines.get("title", 1), "front matter: title must be text")

    def _check_description(
        self, data: dict[str, Any], lines: dict[str, int], report: Reporter
    ) -> None:
        description = data.get("description")
        if description in (None, ""):
            return
        line = lines.get("description", 1)
        if not isinstance(description, str):
            report(line, "front matter: description must be text")
            return
        description = " ".join(description.split())
        if len(description) >= MAX_DESCRIPTION:
            report(
                line,
                f"front matter: description is {len(description)} characters; "
                f"keep it under {MAX_DESCRIPTION}",
            )
        if SENTENCE_BREAK.search(description) or not SENTENCE_END.search(description):
            report(line, "front matter: description must be exactly one sentence")

    def _check_list(
        self,
        data: dict[str, Any],
        field: str,
        source: str,
        lines: dict[str, int],
        slug: str,
        report: Reporter,
    ) -> None:
        value = data.get(field)
        if value in (None, "", []):
            return
        line = lines.get(field, 1)
        if not isinstance(value, list):
            report(line, f"front matter: {field} must be a list")
            return
        where = item_lines(source, line)
        for index, item in enumerate(value):
            item_line = where[index] if index < len(where) else line
            if not isinstance(item, str) or not item.strip():
                report(item_line, f"front matter: {field} entries must be non-empty text")
            elif field == "tags" and not TAG.match(item):
                report(item_line, f"front matter: tag {item!r} must be lowercase-words-with-dashes")
            elif field == "related":
                problem = self._related_problem(item, slug)
                if problem:
                    report(item_line, problem)

    def _related_problem(self, item: str, slug: str) -> str | None:
        if item.startswith(CHECKLIST_PREFIX):
            checklist = item[len(CHECKLIST_PREFIX) :]
            if not (self.docs_dir / CHECKLIST_DIR / f"{checklist}.md").is_file():
                return (
                    f"front matter: related {item!r} names no checklist "
                    f"(no docs/{CHECKLIST_DIR}/{checklist}.md)"
                )
            return None
        if item == slug:
            return f"front matter: related {item!r} is this playbook itself"
        if not (self.docs_dir / PLAYBOOK_DIR / f"{item}.md").is_file():
            return (
                f"front matter: related {item!r} is not a playbook slug "
                f"(no docs/{PLAYBOOK_DIR}/{item}.md) or {CHECKLIST_PREFIX}<id>"
            )
        return None

    # -- body -----------------------------------------------------------------------------------

    def check_sections(self, tokens: Sequence[Token], last_line: int, report: Reporter) -> None:
        found = [h for h in headings(tokens) if h.level == 2]
        seen: dict[str, Heading] = {}
        furthest: Heading | None = None
        for heading in found:
            if heading.text not in SECTIONS:
                report(
                    heading.line,
                    f"unexpected section {heading.text!r}; the ## sections are: "
                    + ", ".join(SECTIONS),
                )
                continue
            if heading.text in seen:
                report(heading.line, f"section {heading.text!r} appears twice")
                continue
            seen[heading.text] = heading
            if furthest is not None and SECTIONS.index(heading.text) < SECTIONS.index(
                furthest.text
            ):
                report(
                    heading.line,
                    f"section {heading.text!r} is out of order: it belongs before "
                    f"{furthest.text!r}",
                )
            elif furthest is None or SECTIONS.index(heading.text) > SECTIONS.index(furthest.text):
                furthest = heading
        for position, name in enumerate(SECTIONS):
            if name in seen:
                continue
            following = [seen[later] for later in SECTIONS[position + 1 :] if later in seen]
            line = following[0].line if following else last_line
            report(line, f"missing section {name!r}")
        template = seen.get(TEMPLATE_SECTION)
        if template is not None and not self._section_has_fence(tokens, template):
            report(
                template.line,
                f"section {TEMPLATE_SECTION!r} has no template: add a fenced code block "
                "with the message",
            )

    @staticmethod
    def _section_has_fence(tokens: Sequence[Token], section: Heading) -> bool:
        for token in tokens[section.token_index + 1 :]:
            if token.type == "heading_open" and token.tag in ("h1", "h2"):
                return False
            if token.type == "fence":
                return True
        return False

    def check_raw_html(self, tokens: Sequence[Token], report: Reporter) -> None:
        for token in tokens:
            if token.type == "html_block":
                line = (token.map[0] if token.map else 0) + 1
                report(line, f"raw HTML is not allowed: {_snippet(token.content)}")
        for child, line in inline_children_with_lines(tokens):
            if child.type == "html_inline":
                report(line, f"raw HTML is not allowed: {_snippet(child.content)}")

    def check_links(
        self, tokens: Sequence[Token], src: str, own_anchors: set[str], report: Reporter
    ) -> None:
        for child, line in inline_children_with_lines(tokens):
            if child.type == "link_open":
                target = str(child.attrGet("href") or "")
            elif child.type == "image":
                target = str(child.attrGet("src") or "")
            else:
                continue
            problem = self._link_problem(target, src, own_anchors)
            if problem:
                report(line, problem)

    def _link_problem(self, target: str, src: str, own_anchors: set[str]) -> str | None:
        if not target:
            return "empty link"
        if SCHEME.match(target) or target.startswith("//"):
            return None
        parts = urlsplit(target)
        path, fragment = unquote(parts.path), unquote(parts.fragment)
        if path.startswith("/"):
            return f"absolute link {target!r}: link to the .md file with a relative path"
        if not path:
            if fragment and fragment not in own_anchors:
                return f"broken anchor {target!r}: this page has no heading with that id"
            return None
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
        if resolved.startswith("../") or resolved == "..":
            return f"broken link {target!r}: it points outside docs/"
        file = self.docs_dir / resolved
        if file.is_dir() or path.endswith("/"):
            return f"link {target!r} points at a folder: link to the .md file instead"
        if not file.is_file():
            return f"broken link {target!r}: docs/{resolved} does not exist"
        if fragment and resolved.endswith(".md") and fragment not in self._anchors_of(resolved):
            return f"broken anchor {target!r}: docs/{resolved} has no heading with that id"
        return None

    def _anchors_of(self, resolved: str) -> set[str]:
        if resolved not in self._anchor_cache:
            text = (self.docs_dir / resolved).read_text("utf-8")
            _, _, body = split_front_matter(text)
            tokens = self.parser.parse(body)
            self._anchor_cache[resolved] = {h.anchor for h in headings(tokens)}
        return self._anchor_cache[resolved]

    # -- whole file -----------------------------------------------------------------------------

    def lint_text(self, text: str, src: str, display: str | None = None) -> list[Problem]:
        """Lint one playbook's text; ``src`` is its path under docs/, used to resolve links."""
        shown = display or f"docs/{src}"
        problems: list[Problem] = []

        def report(line: int, message: str) -> None:
            problems.append(Problem(shown, line, message))

        slug = posixpath.splitext(posixpath.basename(src))[0]
        self.check_front_matter(text, slug, report)
        _, _, body = split_front_matter(text)
        tokens = self.parser.parse(body)
        last_line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        self.check_sections(tokens, last_line, report)
        self.check_raw_html(tokens, report)
        own_anchors = {h.anchor for h in headings(tokens)}
        self.check_links(tokens, src, own_anchors, report)
        return sorted(set(problems))

    def lint_file(self, path: Path) -> list[Problem]:
        path = path.resolve()
        try:
            src = path.relative_to(self.docs_dir.resolve()).as_posix()
        except ValueError:
            src = f"{PLAYBOOK_DIR}/{path.name}"
        try:
            display = path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            display = str(path)
        return self.lint_text(path.read_text("utf-8"), src, display)


def _snippet(html: str) -> str:
    first = html.strip().split("\n")[0]
    return repr(first if len(first) <= 60 else first[:57] + "...")


def playbook_files(docs_dir: Path = DOCS) -> list[Path]:
    return sorted((docs_dir / PLAYBOOK_DIR).glob("*.md"))


def lint_paths(paths: Iterable[Path], docs_dir: Path = DOCS) -> list[Problem]:
    linter = Linter(docs_dir)
    problems: list[Problem] = []
    for path in paths:
        problems.extend(linter.lint_file(path))
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="playbooks to check (default: all)")
    parser.add_argument("--docs-dir", type=Path, default=DOCS, help="the MkDocs docs/ folder")
    args = parser.parse_args(argv)
    docs_dir: Path = args.docs_dir
    files: list[Path] = args.files or playbook_files(docs_dir)
    if not files:
        print(f"no playbooks found under {docs_dir / PLAYBOOK_DIR}", file=sys.stderr)
        return 1
    missing = [path for path in files if not path.is_file()]
    if missing:
        for path in missing:
            print(f"{path}: no such file", file=sys.stderr)
        return 2
    problems = lint_paths(files, docs_dir)
    for problem in problems:
        print(problem)
    if problems:
        affected = len({problem.path for problem in problems})
        print(
            f"{len(problems)} problem(s) in {affected} of {len(files)} playbook(s)", file=sys.stderr
        )
        return 1
    print(f"{len(files)} playbook(s) checked: no problems", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
