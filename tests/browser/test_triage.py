"""The home page's first screen is a triage: a worried reader is one click from the right playbook."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

TRIAGE = ("I missed…", "I said or did…", "I haven't heard back…", "My client says…")
# A few of the lines a reader would pick, and the playbook each must open.
CHOICES = {
    "a phone screen or an interview": ("playbooks/missed-interview/", "Missed a phone screen"),
    "nothing when they asked if I had questions": ("playbooks/no-questions/", "Asked no questions"),
    "since my final round": ("playbooks/ghosted-after-final/", "Ghosted after the final round"),
    "the interview went badly": (
        "playbooks/client-interview-went-badly/",
        "A client interview went badly",
    ),
}


def test_the_first_screen_is_the_triage(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("./")
    first = page.get_by_role("heading", name=TRIAGE[0])
    expect(first).to_be_in_viewport()
    expect(page.get_by_role("link", name="a phone screen or an interview")).to_be_in_viewport()
    for name in TRIAGE:
        expect(page.get_by_role("heading", name=name)).to_be_visible()


@pytest.mark.parametrize("choice", list(CHOICES), ids=list(CHOICES))
def test_one_click_opens_the_right_playbook(page: Page, base_url: str, choice: str) -> None:
    path, title = CHOICES[choice]
    page.goto("./")
    page.get_by_role("link", name=choice, exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(base_url + path) + "$"))
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()


def test_every_triage_line_leads_to_a_playbook(page: Page) -> None:
    """Each line under the four triage headings is a link straight to a playbook, not a hub."""
    page.goto("./")
    hrefs: list[str] = page.locator("article").evaluate(
        """(article, triage) => {
            const found = [];
            for (const h2 of article.querySelectorAll("h2")) {
                if (!triage.includes(h2.textContent.replace(/¶$/, "").trim())) continue;
                const list = h2.nextElementSibling;
                for (const a of list.querySelectorAll("a")) found.push(a.getAttribute("href"));
            }
            return found;
        }""",
        list(TRIAGE),
    )
    assert len(hrefs) >= 4 * 3, f"the triage lists look empty: {hrefs}"
    not_playbooks = [href for href in hrefs if not re.fullmatch(r"playbooks/[a-z0-9-]+/", href)]
    assert not not_playbooks, f"triage links that do not open a playbook: {not_playbooks}"
