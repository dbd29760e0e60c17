"""Stable links: every URL the site has published keeps working, and every heading can be linked.

People bookmark playbooks and paste links to "A message you can send" into chats. The list in
published_urls.txt is the promise; a page that moves must leave a redirect behind, and the
built site/ is checked against the list, following mkdocs-redirects' redirect pages.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from mkdocs_redirects.plugin import write_html

from scripts.lint_playbooks import headings, markdown_parser, split_front_matter
from tests.support import ROOT

PUBLISHED = Path(__file__).with_name("published_urls.txt")
DOCS = ROOT / "docs"
MAX_REDIRECTS = 5
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"', re.IGNORECASE)


def published_urls() -> list[str]:
    lines = PUBLISHED.read_text("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


class Anchors(HTMLParser):
    """Element ids, and the ids of headings that carry a permalink to themselves."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.permalinked: set[str] = set()
        self._open_heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        element_id = attributes.get("id")
        if element_id:
            self.ids.add(element_id)
        if re.fullmatch(r"h[1-6]", tag) and element_id:
            self._open_heading = element_id
        elif tag == "a" and self._open_heading is not None:
            classes = (attributes.get("class") or "").split()
            if "headerlink" in classes and attributes.get("href") == f"#{self._open_heading}":
                self.permalinked.add(self._open_heading)

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._open_heading = None


def anchors(html: str) -> Anchors:
    parser = Anchors()
    parser.feed(html)
    return parser


def resolve(site: Path, url: str) -> tuple[Path | None, str]:
    """The HTML file a URL ends up at, after redirects, and why not if it does not."""
    path, _, fragment = url.partition("#")
    path = "" if path in ("", "./") else path
    for _ in range(MAX_REDIRECTS + 1):
        file = site / path / "index.html" if path == "" or path.endswith("/") else site / path
        if not file.is_file():
            return None, f"{url}: nothing at {file.relative_to(site)}"
        html = file.read_text("utf-8")
        redirect = REFRESH.search(html)
        if redirect is None:
            if fragment and fragment not in anchors(html).ids:
                return None, f"{url}: the page has no element with id {fragment!r}"
            return file, ""
        target, _, moved_fragment = redirect.group(1).partition("#")
        fragment = fragment or moved_fragment
        base = path if path.endswith("/") or path == "" else posixpath.dirname(path) + "/"
        path = posixpath.normpath(posixpath.join(base, target))
        path = "" if path == "." else path + ("/" if target.endswith("/") else "")
    return None, f"{url}: more than {MAX_REDIRECTS} redirects"


def page_url(page: Path) -> str:
    """The URL MkDocs gives a docs/ page with use_directory_urls on."""
    rel = page.relative_to(DOCS).with_suffix("").as_posix()
    if rel == "index":
        return "./"
    if rel.endswith("/index"):
        return rel[: -len("index")]
    return rel + "/"


def test_the_list_is_not_empty_and_has_no_duplicates() -> None:
    urls = published_urls()
    assert len(urls) >= 30
    assert len(urls) == len(set(urls)), "a URL is listed twice"


def test_every_published_url_still_resolves(built_site: Path) -> None:
    broken = [
        reason for url in published_urls() for _, reason in [resolve(built_site, url)] if reason
    ]
    assert not broken, "published URLs that no longer resolve:\n" + "\n".join(broken)


def test_every_page_is_on_the_published_list() -> None:
    """A page that is not on the list could move later without anyone noticing the broken links."""
    listed = set(published_urls())
    missing = [page_url(p) for p in sorted(DOCS.rglob("*.md")) if page_url(p) not in listed]
    assert not missing, "add these to tests/content/published_urls.txt:\n" + "\n".join(missing)


def test_redirects_point_at_pages_that_exist() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "redirects" in plugins, "mkdocs-redirects must stay enabled so moved pages redirect"
    entry = next(p for p in config["plugins"] if isinstance(p, dict) and "redirects" in p)
    redirect_maps = entry["redirects"].get("redirect_maps") or {}
    missing = [new for new in redirect_maps.values() if not (DOCS / new.split("#")[0]).is_file()]
    assert not missing, f"redirects to pages that do not exist: {missing}"


def test_a_moved_page_still_resolves_through_its_redirect(tmp_path: Path) -> None:
    """The resolver must follow the exact pages mkdocs-redirects writes, or a move looks broken."""
    new = tmp_path / "playbooks" / "new-name" / "index.html"
    new.parent.mkdir(parents=True)
    new.write_text('<h2 id="what-happened">What happened</h2>', "utf-8")
    write_html(str(tmp_path), "playbooks/old-name/index.html", "../new-name/")
    assert resolve(tmp_path, "playbooks/old-name/#what-happened") == (new, "")
    assert resolve(tmp_path, "playbooks/old-name/#not-there")[0] is None
    assert resolve(tmp_path, "playbooks/never-was/")[0] is None


@pytest.mark.parametrize(
    "page", sorted(DOCS.rglob("*.md")), ids=lambda p: p.relative_to(DOCS).as_posix()
)
def test_every_heading_has_a_permalink(built_site: Path, page: Path) -> None:
    """Each heading written in a page's Markdown gets an id and a link to itself on the site.

    Headings inside the checklist forms are part of a form's HTML, not the page's outline, and
    are left out.
    """
    _, _, body = split_front_matter(page.read_text("utf-8"))
    written = [heading.anchor for heading in headings(markdown_parser().parse(body))]
    assert written, "a page with no heading cannot be linked into"
    file, reason = resolve(built_site, page_url(page))
    assert file is not None, reason
    found = anchors(file.read_text("utf-8"))
    without = [anchor for anchor in written if anchor not in found.permalinked]
    assert not without, f"headings without a permalink anchor: {without}"
