"""A recruiter's fully filled-in debrief must fit in a share link that survives email clients."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.test_checklist_engine import ready

LARGEST = "checklists/recruiter-360-debrief/"
LIMIT = 2_000
SENTENCES = [
    "Strong on the technical screen, but the manager felt the stakeholder examples were thin and too junior.",
    "Candidate said the panel ran long, the second interviewer seemed distracted and the salary question came early.",
    "Brief changed last week: the team now wants someone who has led a migration, which was never in the intake notes.",
    "Manager would consider a second conversation if the candidate can show a recent example of owning a release end to end.",
]


def fill_everything(page: Page) -> None:
    """Answer every control the way a thorough recruiter would, with realistic free text."""
    form = page.get_by_role("form")
    for index, box in enumerate(form.locator("textarea").all()):
        limit = int(box.get_attribute("maxlength") or 200)
        box.fill(SENTENCES[index % len(SENTENCES)][:limit] if limit > 40 else "J.R. / 2611")
    for date in form.locator("input[type=date]").all():
        date.fill("2026-11-20")
    for number in form.locator("input[type=number]").all():
        number.fill("4")
    for group in form.locator("fieldset.irp-item--single").all():
        group.locator("input[type=radio]").first.check()
    for box in form.locator("input[type=checkbox]").all():
        box.check()


def test_fully_filled_largest_checklist_shares_under_limit(page: Page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(LARGEST)
    ready(page)
    fill_everything(page)
    page.get_by_role("button", name="Copy a share link").click()
    link_box = page.get_by_label("Share link")
    expect(link_box).to_have_value(re.compile(r"#answers=v1\."))
    link = link_box.input_value()
    print(f"share link for {LARGEST}, fully filled in: {len(link)} characters")
    assert len(link) < LIMIT, f"share link is {len(link)} characters"
