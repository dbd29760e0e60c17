"""Small screens and reduced motion: every page at 320 px, without sideways scrolling."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.browser.test_accessibility import built_pages

OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== 'fixed')
    .filter((el) => !el.closest('.md-sidebar, .md-search, .md-nav, .md-dialog, [hidden]'))
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
  return { scroll: document.documentElement.scrollWidth, width, wide };
}"""


def test_no_horizontal_scrolling_at_320px(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 640})
    problems = {}
    try:
        page = context.new_page()
        pages = built_pages()
        for path in pages:
            page.goto(path)
            if page.locator("[data-widget]").count():
                page.wait_for_selector('[data-widget][data-state="ready"]', timeout=60_000)
            layout = page.evaluate(OVERFLOW_JS)
            if layout["scroll"] > layout["width"]:
                problems[path or "/"] = layout
    finally:
        context.close()
    assert len(pages) > 30
    assert not problems, problems


def test_reduced_motion_turns_transitions_off(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto("")
        durations = page.evaluate(
            "() => [...document.querySelectorAll('.md-header, .md-search__form, .md-nav__link')]"
            ".map((el) => parseFloat(getComputedStyle(el).transitionDuration))"
        )
        assert durations
        assert max(durations) < 0.001, durations
        assert (
            page.evaluate("() => getComputedStyle(document.documentElement).scrollBehavior")
            == "auto"
        )
    finally:
        context.close()
