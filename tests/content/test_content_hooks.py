"""The content hooks: keywords reach the search index, and the hub pages list every playbook.

These check the built site/, because what matters is what a reader gets, plus the hook's own
failure modes, which must stop a build rather than quietly drop keywords or playbooks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import PluginError

from scripts import content_hooks
from scripts.content_hooks import Playbook
from tests.support import ROOT

DOCS = ROOT / "docs"
PLAYBOOKS = sorted((DOCS / "playbooks").glob("*.md"))
HUBS = {
    "audience": sorted((DOCS / "audience").glob("*.md")),
    "stage": sorted((DOCS / "stage").glob("*.md")),
}


def front_matter(path: Path) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
    return data


def built(site: Path, docs_page: Path) -> str:
    """The page's own content, without the navigation that links every page from everywhere."""
    rel = docs_page.relative_to(DOCS).with_suffix("").as_posix()
    html = (site / rel / "index.html").read_text("utf-8")
    article = re.search(r"<article\b.*?</article>", html, re.DOTALL)
    assert article, f"{rel}: no <article> in the built page"
    return article.group(0)


def test_every_playbook_entry_in_the_search_index_carries_its_keywords(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert (
        index["config"]["fields"]["keywords"]["boost"] > index["config"]["fields"]["text"]["boost"]
    )
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for path in PLAYBOOKS:
        entry = by_location[f"playbooks/{path.stem}/"]
        assert entry.get("keywords") == front_matter(path)["keywords"], path.name
    sections = [doc for doc in index["docs"] if "#" in doc["location"] and "keywords" in doc]
    assert not sections, "keywords belong on a playbook's own entry, not on its sections"


def test_every_playbook_shows_its_keywords(built_site: Path) -> None:
    for path in PLAYBOOKS:
        html = built(built_site, path)
        keywords = front_matter(path)["keywords"]
        assert isinstance(keywords, list)
        assert "<strong>Also searched as:</strong>" in html, path.name
        assert all(
            str(word).replace("'", "&#x27;") in html or str(word) in html for word in keywords
        )


@pytest.mark.parametrize("facet", list(HUBS))
def test_each_playbook_is_listed_on_exactly_one_hub_of_each_kind(
    built_site: Path, facet: str
) -> None:
    listed: dict[str, list[str]] = {path.stem: [] for path in PLAYBOOKS}
    for hub in HUBS[facet]:
        html = built(built_site, hub)
        for slug in set(re.findall(r'<td><a href="\.\./\.\./playbooks/([a-z0-9-]+)/"', html)):
            listed[slug].append(hub.stem)
        assert front_matter(hub).get("search"), f"{hub.name} should sit below playbooks in search"
    wrong = {slug: hubs for slug, hubs in listed.items() if len(hubs) != 1}
    assert not wrong, f"playbooks not listed on exactly one {facet} hub: {wrong}"
    for path in PLAYBOOKS:
        expected = front_matter(path)[facet]
        assert listed[path.stem] == [expected], f"{path.name} is listed under {listed[path.stem]}"


def test_hub_tables_escape_text_that_would_break_the_table() -> None:
    playbook = Playbook(
        slug="x",
        src_uri="playbooks/x.md",
        title="A | B",
        description="Uses *stars* and | pipes.",
        audience="candidate",
        stage="after",
        recoverability="high",
    )
    table = content_hooks.playbook_table([playbook], "audience/candidate.md")
    row = table.splitlines()[-1]
    assert row == r"| [A \| B](../playbooks/x.md) | Uses \*stars\* and \| pipes. | High |"


def test_a_list_marker_with_a_typo_stops_the_build() -> None:
    with pytest.raises(PluginError, match="audience='candiate'"):
        content_hooks._parse_filters(" audience=candiate", "hub.md:3")
    with pytest.raises(PluginError, match="unknown playbook-list filter 'audeince'"):
        content_hooks._parse_filters(" audeince=candidate", "hub.md:3")


def test_keywords_that_cannot_count_stop_the_build() -> None:
    unweighted = {"config": {"fields": {"title": {}, "text": {}}}, "docs": []}
    with pytest.raises(PluginError, match="no 'keywords' entry"):
        content_hooks.add_keywords_to_index(unweighted, {"playbooks/x/": ["a"]})
    orphan = {"config": {"fields": {"keywords": {"boost": 1}}}, "docs": [{"location": "other/"}]}
    with pytest.raises(PluginError, match="no entry for these playbook pages: playbooks/x/"):
        content_hooks.add_keywords_to_index(orphan, {"playbooks/x/": ["a"]})


def test_every_page_names_the_search_dialog(built_site: Path) -> None:
    """Material ships the search panel as an unnamed dialog; screen readers announce just "dialog"."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    unnamed = [
        str(page.relative_to(built_site))
        for page in pages
        if 'class="md-search"' in (html := page.read_text("utf-8"))
        and 'role="dialog" aria-label="Search"' not in html
    ]
    assert not unnamed, unnamed
