"""The checklist engine as people use it: keyboard, reload, export, import, share, damaged storage."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.test_widget import PYTHON_READY_TIMEOUT

PAGE = "checklists/self-debrief/"
STORAGE_KEY = "irp:checklist:self-debrief"
CHECKLIST_PAGES = [
    "checklists/right-after-interview/",
    "checklists/self-debrief/",
    "checklists/recruiter-360-debrief/",
    "checklists/follow-up-timing/",
    "checklists/mistake-handling/",
]


def ready(page: Page) -> Locator:
    root = page.locator("[data-widget]")
    expect(root).to_have_attribute("data-state", "ready", timeout=PYTHON_READY_TIMEOUT)
    return root


def settled(page: Page) -> Locator:
    """Wait until the result on screen reflects the last answer given.

    The bridge marks ``data-busy`` synchronously on every change and clears it only when no newer
    change is waiting, so a test that reads text after filling several fields must wait for this,
    or on a fast start it reads a result computed halfway through the filling.
    """
    root = ready(page)
    expect(root).not_to_have_attribute("data-busy", "true", timeout=PYTHON_READY_TIMEOUT)
    return root


def computed_count(page: Page) -> int:
    return int(page.locator("[data-widget]").get_attribute("data-computed") or 0)


def tab_to(page: Page, target: Locator, limit: int = 80) -> None:
    """Move focus with the Tab key only, as a keyboard user would, until ``target`` has it."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"could not reach {target} with the Tab key")


def fill_by_keyboard(page: Page) -> None:
    page.get_by_role("form").get_by_role("textbox").first.focus()
    page.keyboard.press("Shift+Tab")
    date = page.get_by_label("Enter the date of the interview")
    tab_to(page, date)
    page.keyboard.type("11202026")
    stage = page.get_by_role("radio", name="Final-round interview")
    tab_to(page, page.get_by_role("radio", name="Phone or video screen"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(stage).to_be_checked()
    name = page.get_by_label("Write the main interviewer's name")
    tab_to(page, name)
    page.keyboard.type("Dana Reyes")
    late = page.get_by_role("checkbox", name="I arrived late", exact=True)
    tab_to(page, late)
    page.keyboard.press("Space")
    expect(late).to_be_checked()
    impressions = page.get_by_label("Write your honest first impressions")
    tab_to(page, impressions)
    page.keyboard.type("Good rapport; my salary answer was vague.")


def form_snapshot(page: Page) -> dict[str, object]:
    snapshot: dict[str, object] = page.locator("[data-widget] form").evaluate(
        """form => Object.fromEntries([...form.elements].filter(e => e.name).map(e =>
            [e.id, e.type === 'checkbox' || e.type === 'radio' ? e.checked : e.value]))"""
    )
    return snapshot


def test_keyboard_fill_survives_reload(page: Page) -> None:
    page.goto(PAGE)
    ready(page)
    fill_by_keyboard(page)
    expect(page.get_by_label("Write your honest first impressions")).to_have_value(
        "Good rapport; my salary answer was vague."
    )
    before = form_snapshot(page)
    page.reload()
    ready(page)
    assert form_snapshot(page) == before
    expect(page.get_by_label("Write the main interviewer's name")).to_have_value("Dana Reyes")
    expect(page.get_by_text(re.compile(r"^\d+ of \d+ steps done"))).to_be_visible()


def test_section_and_overall_progress_are_shown(page: Page) -> None:
    page.goto("checklists/right-after-interview/")
    ready(page)
    page.get_by_label("Write down every question you were asked").check()
    expect(page.get_by_role("progressbar", name="Progress: In the first hour")).to_have_attribute(
        "value", "33"
    )
    expect(page.get_by_role("progressbar", name="Overall progress")).to_have_attribute(
        "value", "13"
    )
    expect(page.get_by_text("1 of 3 done")).to_be_visible()


def test_export_clear_import_round_trip(page: Page, tmp_path: Path) -> None:
    page.goto(PAGE)
    ready(page)
    fill_by_keyboard(page)
    expect(page.locator("[data-widget]")).to_have_attribute("data-computed", re.compile(r"[1-9]"))
    filled = form_snapshot(page)

    with page.expect_download() as markdown_download:
        page.get_by_role("button", name="Download summary (Markdown)").click()
    markdown = Path(markdown_download.value.path()).read_text("utf-8")
    assert markdown.startswith("# Post-interview self-debrief") or markdown.startswith("# ")
    assert "Dana Reyes" in markdown
    assert "Good rapport; my salary answer was vague" in markdown

    with page.expect_download() as json_download:
        page.get_by_role("button", name="Download answers (JSON)").click()
    exported = tmp_path / "answers.json"
    json_download.value.save_as(exported)
    data = json.loads(exported.read_text("utf-8"))
    assert data["checklist"] == "self-debrief"
    assert data["answers"]["interviewer-name"] == "Dana Reyes"

    page.get_by_role("button", name="Clear answers…").click()
    dialog = page.get_by_role("dialog", name="Clear every answer?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Download answers first")).to_be_visible()
    dialog.get_by_role("button", name="Clear answers").click()
    expect(page.get_by_label("Write the main interviewer's name")).to_have_value("")
    assert form_snapshot(page) != filled

    page.get_by_label("Import answers from a JSON file").set_input_files(str(exported))
    expect(
        page.get_by_text(re.compile(r"^Imported \d+ answers from answers\.json"))
    ).to_be_visible()
    assert form_snapshot(page) == filled
    page.reload()
    ready(page)
    assert form_snapshot(page) == filled


def test_import_rejects_a_malformed_file_and_keeps_answers(page: Page, tmp_path: Path) -> None:
    page.goto(PAGE)
    ready(page)
    page.get_by_label("Write the main interviewer's name").fill("Kept Name")
    page.get_by_label("Write the main interviewer's name").blur()
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "irp-checklist", "schema": 1, "checklist": "mistake-handling", "answers": {}}'
    )
    page.get_by_label("Import answers from a JSON file").set_input_files(str(bad))
    expect(
        page.get_by_text(re.compile(r"^That file could not be imported: .*not to this one"))
    ).to_be_visible()
    expect(page.get_by_label("Write the main interviewer's name")).to_have_value("Kept Name")


def test_share_link_prefills_a_fresh_browser(page: Page, browser: Browser, base_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(PAGE)
    ready(page)
    fill_by_keyboard(page)
    filled = form_snapshot(page)
    page.get_by_role("button", name="Copy a share link").click()
    link_box = page.get_by_label("Share link")
    expect(link_box).to_have_value(re.compile(r"#answers=v1\."))
    link = link_box.input_value()
    assert "?" not in link, "answers must travel in the fragment, never the query string"
    expect(page.get_by_text(re.compile(r"^Share link copied"))).to_be_visible()

    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(link)
        expect(
            other.get_by_text(re.compile(r"^These answers came from a shared link"))
        ).to_be_visible()
        ready(other)
        assert form_snapshot(other) == filled
    finally:
        fresh.close()


def test_corrupted_storage_shows_notice_and_offers_raw_data(page: Page) -> None:
    page.goto(PAGE)
    ready(page)
    damaged = '{"format": "irp-checklist", "answers": {"interviewer-name": "Al'
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, damaged])
    page.reload()
    expect(
        page.get_by_text(re.compile(r"^Your saved answers for this checklist could not be read"))
    ).to_be_visible()
    ready(page)
    expect(page.get_by_role("form")).to_be_visible()
    with page.expect_download() as raw:
        page.get_by_role("button", name="Download the saved data").click()
    assert Path(raw.value.path()).read_text("utf-8") == damaged


def test_wrong_types_in_storage_are_reported_at_the_field(page: Page) -> None:
    page.goto(PAGE)
    ready(page)
    state = {
        "format": "irp-checklist",
        "schema": 1,
        "checklist": "self-debrief",
        "version": 1,
        "answers": {"follow-ups-sent": "lots", "interviewer-name": "Sam", "gone-item": "old words"},
    }
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps(state)]
    )
    page.reload()
    ready(page)
    expect(page.get_by_text("Check this answer: enter a number, for example 3.")).to_be_visible()
    expect(
        page.get_by_text(
            re.compile(r"1 answer\(s\) belong to questions this checklist no longer asks")
        )
    ).to_be_visible()
    expect(page.get_by_label("Write the main interviewer's name")).to_have_value("Sam")


@pytest.mark.parametrize("path", CHECKLIST_PAGES)
def test_every_checklist_works_without_javascript(
    browser: Browser, base_url: str, path: str
) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    try:
        page = context.new_page()
        page.goto(path)
        form = page.get_by_role("form")
        expect(form).to_be_visible()
        assert form.locator("fieldset.irp-section").count() >= 3
        first = form.locator("input:not([type=hidden]), textarea").first
        expect(first).to_be_enabled()
        expect(page.locator('[data-role="tools"]')).to_be_hidden()
    finally:
        context.close()


def test_print_shows_answers_not_empty_controls(page: Page) -> None:
    page.goto(PAGE)
    ready(page)
    page.get_by_label("Write the main interviewer's name").fill("Dana Reyes")
    settled(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("form")).to_be_hidden()
    printed = page.locator('[data-role="print"]')
    expect(printed).to_be_visible()
    expect(printed).to_contain_text("Dana Reyes")
    expect(printed).to_contain_text("Not answered")


def complete_with_keyboard(page: Page) -> None:
    """Tab through the whole form once, answering each control with keys only."""
    page.get_by_role("form").locator("input, textarea").first.focus()
    for _ in range(400):
        kind = page.evaluate(
            "() => { const e = document.activeElement; if (!e.closest('form.irp-checklist')) return 'out';"
            " return e.tagName === 'TEXTAREA' ? 'text' : e.type; }"
        )
        if kind == "out":
            return
        if kind in ("checkbox", "radio"):
            page.keyboard.press("Space")
        elif kind == "date":
            page.keyboard.type("11202026")
        elif kind == "number":
            page.keyboard.type("2")
        elif kind == "text":
            page.keyboard.type("ok")
        page.keyboard.press("Tab")
    pytest.fail("the Tab key never left the form")


@pytest.mark.parametrize("path", CHECKLIST_PAGES)
def test_every_checklist_can_be_completed_with_the_keyboard(page: Page, path: str) -> None:
    page.goto(path)
    ready(page)
    complete_with_keyboard(page)
    live = page.locator('[data-widget] [data-role="live"]')
    expect(live).to_have_attribute("aria-live", "polite")
    expect(live.get_by_text(re.compile(r"^All \d+ steps done\.$"))).to_be_visible()
    expect(page.get_by_role("progressbar", name="Overall progress")).to_have_attribute(
        "value", "100"
    )
