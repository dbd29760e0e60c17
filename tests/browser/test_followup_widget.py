"""The follow-up planner in the browser: fill by label, the schedule moves with the stated date, the .ics parses."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser.test_checklist_engine import ready, settled

PAGE = "checklists/follow-up-timing/"


def analysis_text(page: Page) -> str:
    settled(page)
    return page.locator('[data-role="analysis"]').inner_text()


def business_day_after(day: dt.date, count: int) -> dt.date:
    while count:
        day += dt.timedelta(days=1)
        count -= day.weekday() < 5
    return day


def test_schedule_follows_the_stated_date_and_exports_ics(page: Page) -> None:
    today = dt.date.today()
    interview = today - dt.timedelta(days=1)
    while interview.weekday() >= 5:  # a weekday interview, so every dated step is a business day
        interview -= dt.timedelta(days=1)
    page.goto(PAGE)
    ready(page)
    page.get_by_label("Enter the date of the interview").fill(interview.isoformat())
    page.get_by_role("radio", name="Final-round interview").check()
    page.get_by_label("Enter how many people interviewed you").fill("1")
    page.get_by_role("radio", name="They gave a date").check()
    first_date = today + dt.timedelta(days=14)
    page.get_by_label("Enter the date they said you would hear by").fill(first_date.isoformat())
    page.get_by_role("radio", name="Yes, it's sent").check()
    page.get_by_label("Enter the date you sent your thank-you note").fill(interview.isoformat())

    analysis = page.locator('[data-role="analysis"]')
    expect(analysis).to_contain_text("Your follow-up plan")
    expect(analysis.get_by_role("listitem").first).to_be_visible()
    before = analysis_text(page)

    later = first_date + dt.timedelta(days=7)
    page.get_by_label("Enter the date they said you would hear by").fill(later.isoformat())
    expect(analysis).not_to_have_text(before)
    after = analysis_text(page)
    check_in = business_day_after(later, 1)
    assert check_in.strftime("%b %-d") in after, after

    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(r"calendar \(\.ics\)")).click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    events = [component for component in calendar.walk() if component.name == "VEVENT"]
    assert events, "the calendar has one event per step"
    starts = sorted(event.decoded("DTSTART") for event in events)
    assert all(start.weekday() < 5 for start in starts)
    assert check_in in starts or any(start >= check_in for start in starts)
    assert len({str(event["UID"]) for event in events}) == len(events)
    assert all("DTSTAMP" in event for event in events)


def test_bad_dates_get_a_message_at_the_field(page: Page) -> None:
    page.goto(PAGE)
    ready(page)
    page.get_by_label("Enter the date of the interview").fill("2026-11-18")
    page.get_by_role("radio", name="They gave a date").check()
    page.get_by_label("Enter the date they said you would hear by").fill("2026-11-10")
    problem = page.locator('[data-problem-for="told-date"]')
    expect(problem).to_be_visible()
    expect(problem).to_contain_text("Check this answer")
    expect(page.get_by_label("Enter the date they said you would hear by")).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(page.locator('[data-role="analysis"]')).not_to_contain_text("Traceback")


def test_picking_a_region_moves_a_check_in_off_a_holiday(page: Page) -> None:
    """Thanksgiving 2026 is Thursday, November 26: with US holidays the check-in names it and moves."""
    page.goto(PAGE)
    ready(page)
    page.get_by_label("Enter a different date to plan from").fill("2026-11-22")
    page.get_by_label("Enter the date of the interview").fill("2026-11-19")
    page.get_by_role("radio", name="First-round interview").check()
    page.get_by_role("radio", name="They didn't say").check()
    page.get_by_role("radio", name="Yes, it's sent").check()
    page.get_by_label("Enter the date you sent your thank-you note").fill("2026-11-19")
    analysis = page.locator('[data-role="analysis"]')
    expect(analysis).to_contain_text("Public holidays are not skipped yet")
    assert "Nov 26" in analysis_text(page)

    page.get_by_role("radio", name="United States (federal holidays)").check()
    expect(analysis).to_contain_text("Thanksgiving Day in the US")
    text = analysis_text(page)
    assert "so this moves to Friday, November 27" in text, text
    assert "Nov 26" not in text, text
