"""MkDocs hooks for the playbook content, kept apart from the build machinery in mkdocs_hooks.py.

- Material's search indexes page text, not front matter, so each playbook ends with a visible
  "Also searched as" line built from its ``keywords``: the words people type become searchable
  without anyone having to work them into the prose.
- In body text a keyword weighs no more than any other word, and Material adds a wildcard to
  every query word, so "in" in "froze in the interview" also matches "interviewer", "industry"
  and the like on every long page. The keywords are therefore also written into the search
  index as their own ``keywords`` field, weighted by ``plugins.search.fields.keywords`` in
  mkdocs.yml, on each playbook's own entry.
- A ``[[playbook-list audience=... stage=...]]`` line becomes a table of the matching playbooks,
  so the hub pages can never drift from the playbooks' own front matter. An empty list, an
  unknown filter, or a playbook whose audience or stage has no hub page stops the build.
- Material's search panel is a ``role="dialog"`` with no accessible name, which screen readers
  announce as a bare "dialog" and Lighthouse fails (``aria-dialog-name``); the generated HTML
  gets an ``aria-label`` on it instead of a theme override, so no template is forked.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils.meta import get_data

PLAYBOOK_DIR = "playbooks/"
AUDIENCES = ("candidate", "recruiter", "hiring-manager")
STAGES = ("before", "during", "after")
RECOVERABILITY_LABELS = {
    "high": "High",
    "medium": "Medium",
    "low": "Low",
    "none": "None",
}
# Where a playbook's audience or stage is listed; each must exist so every playbook is reachable.
HUB_PAGES = {
    "audience": {value: f"audience/{value}.md" for value in AUDIENCES},
    "stage": {value: f"stage/{value}.md" for value in STAGES},
}

LIST_LINE = re.compile(r"^\[\[playbook-list(?P<filters>(?:[ \t]+[a-z]+=[a-z-]+)+)\]\][ \t]*$", re.M)
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
SEARCH_INDEX = Path("search") / "search_index.json"
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_DIALOG_NAMED = (
    '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
)
KEYWORDS_FIELD = "keywords"


@dataclass(frozen=True)
class Playbook:
    slug: str
    src_uri: str
    title: str
    description: str
    audience: str
    stage: str
    recoverability: str


# Module state shared by the events of one build: the playbooks found in the files event, and
# each playbook page's keywords by URL, collected from its page event for the search index.
_playbooks: list[Playbook] = []
_keywords_by_url: dict[str, list[str]] = {}


def _escape(text: str) -> str:
    """Front matter is plain text; escaping keeps a stray ``*`` or ``|`` from turning into markup."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _load_playbooks(files: Any) -> list[Playbook]:
    playbooks = []
    for file in files.documentation_pages():
        if not file.src_uri.startswith(PLAYBOOK_DIR):
            continue
        _, meta = get_data(file.content_string)
        playbooks.append(
            Playbook(
                slug=posixpath.splitext(posixpath.basename(file.src_uri))[0],
                src_uri=file.src_uri,
                title=str(meta.get("title", "")),
                description=str(meta.get("description", "")),
                audience=str(meta.get("audience", "")),
                stage=str(meta.get("stage", "")),
                recoverability=str(meta.get("recoverability", "")),
            )
        )
    return sorted(playbooks, key=lambda p: p.slug)


def on_files(files: Any, config: Any) -> Any:
    playbooks = _load_playbooks(files)
    problems = []
    for playbook in playbooks:
        for facet, hubs in HUB_PAGES.items():
            value = getattr(playbook, facet)
            hub = hubs.get(value)
            if hub is None or files.get_file_from_path(hub) is None:
                problems.append(
                    f"{playbook.src_uri}: {facet} {value!r} has no hub page "
                    f"(expected one of: {', '.join(sorted(hubs.values()))})"
                )
    if problems:
        raise PluginError("Playbooks a reader could not reach:\n" + "\n".join(problems))
    _playbooks[:] = playbooks
    _keywords_by_url.clear()
    return files


def keyword_list(keywords: object) -> list[str]:
    if not isinstance(keywords, list):
        return []
    return [" ".join(str(word).split()) for word in keywords if str(word).strip()]


def keywords_line(keywords: list[str]) -> str:
    """The visible line that carries a playbook's search keywords into the page text."""
    if not keywords:
        return ""
    return "**Also searched as:** " + ", ".join(_escape(word) for word in keywords) + "."


def append_block(markdown: str, block: str) -> str:
    """Put ``block`` after everything else, as its own paragraph.

    The keywords are for search, not for reading, so they sit at the foot of the page, after
    the Related list, where they cannot get between a reader and the plan.
    """
    return markdown.rstrip("\n") + "\n\n" + block + "\n"


def _parse_filters(raw: str, where: str) -> dict[str, str]:
    filters: dict[str, str] = {}
    for pair in raw.split():
        key, _, value = pair.partition("=")
        allowed = {"audience": AUDIENCES, "stage": STAGES}.get(key)
        if allowed is None:
            raise PluginError(f"{where}: unknown playbook-list filter {key!r}")
        if value not in allowed:
            raise PluginError(
                f"{where}: {key}={value!r} is not one of {', '.join(allowed)} in playbook-list"
            )
        filters[key] = value
    return filters


def playbook_table(playbooks: list[Playbook], page_src_uri: str) -> str:
    """A Markdown table of playbooks, with links relative to the page it is rendered on."""
    here = posixpath.dirname(page_src_uri)
    ordered = sorted(
        playbooks,
        key=lambda p: (STAGES.index(p.stage), AUDIENCES.index(p.audience), p.title.lower()),
    )
    rows = ["| Playbook | What it helps with | Recoverability |", "| --- | --- | --- |"]
    for playbook in ordered:
        link = posixpath.relpath(playbook.src_uri, here or ".")
        label = RECOVERABILITY_LABELS.get(playbook.recoverability, playbook.recoverability)
        rows.append(
            f"| [{_escape(playbook.title)}]({link}) | {_escape(playbook.description)} | {label} |"
        )
    return "\n".join(rows)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    src_uri: str = page.file.src_uri

    def replace(match: re.Match[str]) -> str:
        line = markdown.count("\n", 0, match.start()) + 1
        filters = _parse_filters(match.group("filters"), f"{src_uri}:{line}")
        chosen = [
            playbook
            for playbook in _playbooks
            if all(getattr(playbook, key) == value for key, value in filters.items())
        ]
        if not chosen:
            raise PluginError(f"{src_uri}:{line}: no playbook matches {match.group(0).strip()}")
        return playbook_table(chosen, src_uri)

    markdown = LIST_LINE.sub(replace, markdown)
    if src_uri.startswith(PLAYBOOK_DIR):
        keywords = keyword_list(page.meta.get("keywords"))
        if keywords:
            _keywords_by_url[page.url] = keywords
            markdown = append_block(markdown, keywords_line(keywords))
    return markdown


def name_search_dialog(html: str) -> str:
    """Give Material's search dialog a name; a page without the search panel is left alone.

    Fails if a page has a search panel in some other markup, because then a Material upgrade
    would have silently brought the unnamed dialog back.
    """
    if SEARCH_DIALOG in html:
        return html.replace(SEARCH_DIALOG, SEARCH_DIALOG_NAMED)
    if 'class="md-search"' in html and SEARCH_DIALOG_NAMED not in html:
        raise PluginError(
            "Material's search dialog markup changed; update SEARCH_DIALOG in "
            "scripts/content_hooks.py so the dialog keeps its accessible name"
        )
    return html


def on_post_page(output: str, page: Any, config: Any) -> str:
    return name_search_dialog(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The 404 page is rendered from a static template, not as a page, and has the panel too."""
    if template_name.endswith(".html"):
        return name_search_dialog(output_content)
    return output_content


def add_keywords_to_index(index: dict[str, Any], keywords_by_url: dict[str, list[str]]) -> None:
    """Give each playbook's own entry (not its sections) a ``keywords`` field.

    Fails rather than degrading quietly: if the field has no weight, or a playbook has no
    entry, the keywords would be in the index and have no effect on the ranking.
    """
    fields = index.get("config", {}).get("fields", {})
    if KEYWORDS_FIELD not in fields:
        raise PluginError(
            f"mkdocs.yml: plugins.search.fields has no {KEYWORDS_FIELD!r} entry, so the "
            "playbook keywords would not count in search; add it with a boost"
        )
    remaining = dict(keywords_by_url)
    for doc in index.get("docs", []):
        keywords = remaining.pop(doc.get("location"), None)
        if keywords is not None:
            doc[KEYWORDS_FIELD] = keywords
    if remaining:
        raise PluginError(
            "search index has no entry for these playbook pages: " + ", ".join(sorted(remaining))
        )


# After Material's search plugin has written the index (hooks run after plugins at equal
# priority; the explicit priority makes the order independent of how hooks are registered).
@event_priority(-100)
def on_post_build(config: Any) -> None:
    path = Path(config["site_dir"]) / SEARCH_INDEX
    if not path.is_file():
        raise PluginError(f"{path} was not written; the search plugin must be enabled")
    index = json.loads(path.read_text("utf-8"))
    add_keywords_to_index(index, _keywords_by_url)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
