"""Findability: the words people actually type must reach the right playbook through Material's search.

The search is driven as a reader uses it: click the search field on the home page, type the
query key by key, and read the results in the order shown. Only the first few distinct pages
count, because nobody scrolls a result list when they are upset about an interview.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.content.search_queries import TOP, Query, load_queries

pytestmark = pytest.mark.browser

HIT_RATE_BAR = 0.90
SETTLE_MS = 200
SETTLE_ATTEMPTS = 50

QUERIES = load_queries()
# Material's own wording for zero, one or many results; absent while the index is loading.
RESULT_COUNT = re.compile(r"matching document|No matching documents")
EMPTY_QUERY = "Type to start searching"


@pytest.fixture(scope="module")
def search_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """One tab for every query, as a reader searching again and again would use it.

    Building the search index on every page load would dominate the run; a reader's tab
    builds it once too.
    """
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto("./")
    yield page
    context.close()


def search(page: Page, query: str) -> list[str]:
    """The distinct pages Material lists for ``query``, best first, as site-relative paths.

    Material shows one result item per page, with the matching sections nested inside it, so
    the first link of each item names the page. Results are re-rendered on every keystroke;
    the list is read once it has stopped changing.
    """
    field = page.get_by_placeholder("Search")
    field.click()
    field.press("ControlOrMeta+a")
    field.press("Backspace")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(EMPTY_QUERY)
    field.press_sequentially(query)
    expect(field).to_have_value(query)
    expect(meta).to_have_text(RESULT_COUNT)
    previous: list[str] | None = None
    for _ in range(SETTLE_ATTEMPTS):
        hrefs: list[str] = page.locator(".md-search-result__item").evaluate_all(
            "items => items.map(item => item.querySelector('a.md-search-result__link').href)"
        )
        current = [urlparse(href).path.lstrip("/") for href in hrefs]
        if current == previous:
            return current
        previous = current
        page.wait_for_timeout(SETTLE_MS)
    pytest.fail(f"search results for {query!r} never settled; last seen {previous}")


def playbook_path(slug: str) -> str:
    return f"playbooks/{slug}/"


@pytest.fixture(scope="module")
def seen() -> dict[str, list[str]]:
    """Results already read in this module, so the hit-rate test need not type every query twice."""
    return {}


def results(page: Page, seen: dict[str, list[str]], query: str) -> list[str]:
    if query not in seen:
        seen[query] = search(page, query)
    return seen[query]


@pytest.mark.parametrize("query", QUERIES, ids=[q.text for q in QUERIES])
def test_query_finds_its_playbook_in_the_top_results(
    search_page: Page, seen: dict[str, list[str]], query: Query
) -> None:
    pages = results(search_page, seen, query.text)
    assert playbook_path(query.slug) in pages[:TOP], (
        f"{query.text!r}: expected {query.slug} in the top {TOP}, got {pages[: TOP + 2]}"
    )


def test_top_results_hit_rate_meets_the_bar(
    search_page: Page, seen: dict[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """One figure for the whole query set, so a change to keywords or boosts is judged as a whole."""
    misses = []
    for query in QUERIES:
        pages = results(search_page, seen, query.text)
        if playbook_path(query.slug) not in pages[:TOP]:
            misses.append(f"  {query.text!r}: wanted {query.slug}, got {pages[:TOP]}")
    hits = len(QUERIES) - len(misses)
    rate = hits / len(QUERIES)
    report = f"search top-{TOP} hit rate: {hits}/{len(QUERIES)} = {rate:.1%}"
    with capsys.disabled():
        print("\n" + report + ("\n" + "\n".join(misses) if misses else ""))
    assert rate >= HIT_RATE_BAR, report + "\n" + "\n".join(misses)


def test_a_nonsense_query_finds_nothing(search_page: Page) -> None:
    """Keeps the reading of results honest: an empty list must come back as empty."""
    assert search(search_page, "xylophonezebra") == []
