"""The progress widget, driven as a person would: by labels, roles and visible text."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

WIDGET_PAGE = "checklists/right-after-interview/"
PYTHON_READY_TIMEOUT = 60_000


def widget(page: Page):
    return page.locator('[data-widget="progress"]')


def test_widget_reaches_ready_and_computes_after_ticks(page: Page) -> None:
    page.goto(WIDGET_PAGE)
    expect(widget(page)).to_have_attribute("data-state", "loading")
    expect(widget(page)).to_have_attribute("data-state", "ready", timeout=PYTHON_READY_TIMEOUT)
    summary = page.get_by_text(re.compile(r"^0 of 8 steps done"))
    expect(summary).to_be_visible()

    page.get_by_label("Write down every question you were asked").check()
    page.get_by_label("Note each interviewer's name").check()
    expect(page.get_by_text("2 of 8 steps done (25%).")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"^Next: Write your honest first impressions"))
    ).to_be_visible()
    expect(page.get_by_role("progressbar", name="Overall progress")).to_have_attribute(
        "value", "25"
    )
