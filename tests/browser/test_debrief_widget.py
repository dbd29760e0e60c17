"""The recruiter 360 debrief in the browser: a diagnosis that updates, and a client-safe export that leaks nothing."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.test_checklist_engine import ready, settled

PAGE = "checklists/recruiter-360-debrief/"
PRIVATE_IMPRESSION = "Candidate privately said the panel felt hostile zebra-7731"
HOSTILE = '<img src=x onerror="window.__pwned=1"> [click](javascript:alert(1))'


def test_recruiter_debrief_diagnoses_updates_and_exports_safely(page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(PAGE)
    ready(page)
    page.get_by_label("Write the role title the way the client uses it").fill("Data platform lead")
    page.get_by_role("group", name="Record the hiring manager's overall verdict").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_label("A gap in skills").check()
    page.get_by_label(
        "Write down the manager's feedback, as close to their own words as you can"
    ).fill(f"Not senior enough for the migration work. {HOSTILE}")
    page.get_by_label("Note the candidate's own impressions", exact=False).fill(PRIVATE_IMPRESSION)

    analysis = page.locator('[data-role="analysis"]')
    expect(analysis.get_by_role("heading", name="Diagnosis")).to_be_visible()
    expect(analysis).to_contain_text("Leading cause: Recruiter misjudged the fit")
    expect(analysis).to_contain_text("Not senior enough")
    expect(analysis).to_contain_text("onerror")  # shown as text, not run as markup
    assert page.locator('[data-role="analysis"] img').count() == 0

    group = page.get_by_role(
        "group", name="Note whether the manager described needs that differ from the brief"
    )
    group.get_by_label("Yes", exact=True).check()
    page.get_by_role(
        "group", name="Check whether the brief has changed since the search began"
    ).get_by_label("Yes", exact=True).check()
    expect(analysis).to_contain_text(
        re.compile(r"Client changed its mind or defined the job wrongly: [1-9]\d*%")
    )

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the client-safe summary (Markdown)").click()
    client_safe = Path(download.value.path()).read_text("utf-8")
    assert "Data platform lead" in client_safe
    assert "zebra-7731" not in client_safe
    assert "hostile" not in client_safe.lower()

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the internal debrief (Markdown)").click()
    internal = Path(download.value.path()).read_text("utf-8")
    assert "zebra" in internal
    assert re.search(r"(?<!\\)<img", internal) is None, "hostile HTML must arrive escaped"
    assert re.search(r"(?<!\\)\]\(javascript", internal) is None
    assert page.evaluate("() => window.__pwned") is None
    assert not dialogs


def test_candidate_debrief_builds_a_specific_plan(page: Page) -> None:
    page.goto("checklists/self-debrief/")
    ready(page)
    page.get_by_label("Enter the date of the interview").fill("2026-11-20")
    page.get_by_label("I promised to get back to them by a date and missed it").check()
    page.get_by_label("I gave an answer I would like to improve").check()
    page.get_by_label("Write the main interviewer's name").fill("Priya Nand")
    page.get_by_label("Write the company's name the way the company writes it").fill("Northwind")
    page.get_by_label("Note one specific thing said in the conversation").fill(
        "the plan to move billing onto the new platform"
    )
    analysis = page.locator('[data-role="analysis"]')
    expect(analysis.get_by_role("heading", name="Your recovery plan")).to_be_visible()
    draft = analysis.locator("pre")
    expect(draft).to_contain_text("Priya")
    expect(draft).to_contain_text("billing onto the new platform")
    expect(analysis.get_by_role("link", name="Missed a promised callback").first).to_be_visible()
    expect(analysis).to_contain_text("What your next note can still repair")


US_HOLIDAYS = "United States (federal holidays)"
THANKSGIVING = "Thursday, November 26 is Thanksgiving Day in the US"


def _analysis_text(page: Page) -> str:
    settled(page)
    return page.locator('[data-role="analysis"]').inner_text()


def _picking_the_us_moves_a_step_off_thanksgiving(page: Page) -> None:
    """Weekends only while the region is unanswered; with US holidays the step moves and says why."""
    analysis = page.locator('[data-role="analysis"]')
    expect(analysis).to_contain_text("Public holidays are not skipped yet")
    assert "(2026-11-26)" in _analysis_text(page)

    page.get_by_role("radio", name=US_HOLIDAYS).check()
    expect(analysis).to_contain_text("Thanksgiving Day in the US")
    text = _analysis_text(page)
    assert f"{THANKSGIVING}, so this moves to Friday, November 27." in text, text
    assert "(2026-11-26)" not in text, text
    assert "Dates also skip US federal holidays." in text, text


def test_candidate_debrief_moves_a_check_in_off_thanksgiving(page: Page) -> None:
    """Thanksgiving 2026 is Thursday, November 26: with US holidays the check-in names it and moves."""
    page.clock.set_fixed_time(dt.datetime(2026, 11, 23, 10, 0))
    page.goto("checklists/self-debrief/")
    ready(page)
    page.get_by_label("Enter the date of the interview").fill("2026-11-19")
    page.get_by_role("radio", name="Yes, it's sent").check()
    page.get_by_label("Enter the date you sent your thank-you note").fill("2026-11-19")
    _picking_the_us_moves_a_step_off_thanksgiving(page)


def test_recruiter_debrief_moves_feedback_off_thanksgiving(page: Page) -> None:
    """A debrief the day before Thanksgiving: with US holidays, feedback moves to Friday and says why."""
    page.clock.set_fixed_time(dt.datetime(2026, 11, 25, 10, 0))
    page.goto(PAGE)
    ready(page)
    page.get_by_label("Enter the date of this debrief").fill("2026-11-25")
    page.get_by_role("group", name="Record the hiring manager's overall verdict").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_label("A gap in skills").check()
    _picking_the_us_moves_a_step_off_thanksgiving(page)
