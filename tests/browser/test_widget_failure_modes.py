"""The checklist must stay a working form when JavaScript is off or Python cannot load."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.test_widget import PYTHON_READY_TIMEOUT, WIDGET_PAGE, widget


def test_without_javascript_the_form_is_present_and_usable(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    try:
        page = context.new_page()
        page.goto(WIDGET_PAGE)
        form = page.get_by_role("form", name="Right after the interview")
        expect(form).to_be_visible()
        expect(page.get_by_role("group", name="In the first hour")).to_be_visible()
        box = page.get_by_label("Put one follow-up reminder in your calendar")
        box.check()
        expect(box).to_be_checked()
        page.keyboard.press("Tab")
        expect(widget(page)).to_have_attribute("data-state", "static")
        expect(page.get_by_text("This list works on its own")).to_be_visible()
    finally:
        context.close()


def test_unreachable_pyodide_shows_error_and_form_still_works(page: Page) -> None:
    requested: list[str] = []

    def not_found(route: Route) -> None:
        requested.append(route.request.url)
        route.fulfill(status=404, body="gone")

    page.route(re.compile(r"/assets/pyodide/"), not_found)
    console: list[Any] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(WIDGET_PAGE)
    expect(widget(page)).to_have_attribute("data-state", "error", timeout=PYTHON_READY_TIMEOUT)
    expect(
        page.get_by_text(re.compile(r"^Python could not start: .+\. The checklist still works"))
    ).to_be_visible()
    assert requested, "the test must actually have blocked the runtime files"
    box = page.get_by_label("Keep your other applications moving")
    box.check()
    expect(box).to_be_checked()
    assert any("Python could not start" in line for line in console), console


def test_tampered_wheel_fails_integrity_check_with_a_reason(page: Page) -> None:
    def tampered(route: Route) -> None:
        response = route.fetch()
        body = bytearray(response.body())
        body[100] ^= 0xFF
        route.fulfill(response=response, body=bytes(body))

    page.route(re.compile(r"/assets/wheels/[0-9a-f]+/.*\.whl$"), tampered)
    page.goto(WIDGET_PAGE)
    expect(widget(page)).to_have_attribute("data-state", "error", timeout=PYTHON_READY_TIMEOUT)
    expect(page.get_by_text(re.compile("integrity check"))).to_be_visible()
