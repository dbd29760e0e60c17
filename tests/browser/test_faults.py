"""Broken storage and failing Python: nothing is lost without the user being told and offered an export."""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.browser.test_checklist_engine import ready

PAGE = "checklists/right-after-interview/"
KEY = "irp:checklist:right-after-interview"
FIRST_BOX = "Write down every question you were asked"

NO_STORAGE = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""

FULL_STORAGE = """
const realSetItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (key.startsWith("irp:checklist:") && !key.endsWith(":probe")) {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  }
  return realSetItem.call(this, key, value);
};
"""

BRIDGE = "async () => await import(new URL('assets/js/bridge.js', document.baseURI.replace(/checklists\\/.*$/, '')))"


def exported_answers(page: Page, tmp_path: Path) -> dict[str, object]:
    with page.expect_download() as download:
        page.get_by_role("button", name="Download answers (JSON)").first.click()
    target = tmp_path / "export.json"
    download.value.save_as(target)
    data: dict[str, object] = json.loads(target.read_text("utf-8"))
    return data


def test_storage_unavailable_keeps_working_and_exports(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    context = browser.new_context(base_url=base_url)
    context.add_init_script(NO_STORAGE)
    try:
        page = context.new_page()
        page.goto(PAGE)
        expect(page.get_by_text(re.compile("not letting this page store anything"))).to_be_visible()
        ready(page)
        page.get_by_label(FIRST_BOX).check()
        expect(page.get_by_text("1 of 8 steps done (13%).")).to_be_visible()
        answers = exported_answers(page, tmp_path)["answers"]
        assert isinstance(answers, dict)
        assert answers["questions-noted"] is True
    finally:
        context.close()


def test_quota_exceeded_tells_the_user_and_keeps_answers(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    context = browser.new_context(base_url=base_url)
    context.add_init_script(FULL_STORAGE)
    try:
        page = context.new_page()
        page.goto(PAGE)
        ready(page)
        page.get_by_label(FIRST_BOX).check()
        expect(page.get_by_text(re.compile(r"^This change could not be saved"))).to_be_visible()
        expect(page.get_by_label(FIRST_BOX)).to_be_checked()
        answers = exported_answers(page, tmp_path)["answers"]
        assert isinstance(answers, dict)
        assert answers["questions-noted"] is True
    finally:
        context.close()


def test_older_version_is_migrated_and_removed_answers_kept(page: Page, tmp_path: Path) -> None:
    page.goto(PAGE)
    ready(page)
    old = {
        "format": "irp-checklist",
        "schema": 1,
        "checklist": "right-after-interview",
        "version": 0,
        "answers": {"questions-noted": True, "retired-question": "notes I wrote last week"},
    }
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(old)])
    page.reload()
    ready(page)
    expect(page.get_by_text(re.compile(r"saved with version 0 of this checklist"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"kept aside, not deleted"))).to_be_visible()
    expect(page.get_by_label(FIRST_BOX)).to_be_checked()
    data = exported_answers(page, tmp_path)
    assert data["set_aside"] == {"retired-question": "notes I wrote last week"}
    assert data["version"] == 1


def test_two_tabs_never_overwrite_each_other_silently(page: Page) -> None:
    page.goto(PAGE)
    ready(page)
    other = page.context.new_page()
    other.goto(PAGE)
    ready(other)
    page.get_by_label(FIRST_BOX).check()
    notice = other.get_by_text(re.compile(r"^This checklist was just changed in another tab"))
    expect(notice).to_be_visible()
    expect(other.get_by_label(FIRST_BOX)).not_to_be_checked()
    other.get_by_role("button", name="Load the other tab's answers").click()
    expect(other.get_by_label(FIRST_BOX)).to_be_checked()
    other.close()


def test_python_error_shows_reason_and_retry(page: Page) -> None:
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(PAGE)
    root = ready(page)
    page.evaluate(
        "() => { const w = document.querySelector('[data-widget]').irpWidget; w.saved = w.definition; w.definition = {...w.definition, audience: 'martians'}; }"
    )
    page.get_by_label(FIRST_BOX).check()
    expect(root).to_have_attribute("data-state", "error")
    expect(
        page.get_by_text(
            re.compile(r"^Python could not compute a result: the input could not be used")
        )
    ).to_be_visible()
    expect(page.get_by_label("Note each interviewer's name")).to_be_enabled()
    page.evaluate(
        "() => { const w = document.querySelector('[data-widget]').irpWidget; w.definition = w.saved; }"
    )
    page.get_by_role("button", name="Try Python again").click()
    expect(root).to_have_attribute("data-state", "ready")
    expect(page.get_by_text("1 of 8 steps done (13%).")).to_be_visible()


def test_worker_crash_mid_session_recovers(page: Page) -> None:
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(PAGE)
    root = ready(page)
    page.evaluate(
        f"async () => (await ({BRIDGE})()).terminateRuntime('the worker was killed by the test')"
    )
    expect(root).to_have_attribute("data-state", "error")
    expect(
        page.get_by_text(re.compile(r"^Python stopped: the worker was killed by the test"))
    ).to_be_visible()
    page.get_by_label(FIRST_BOX).check()
    saved = page.evaluate("key => JSON.parse(localStorage.getItem(key)).answers", KEY)
    assert saved["questions-noted"] is True, "the static form keeps saving without Python"
    page.get_by_role("button", name="Try Python again").click()
    expect(root).to_have_attribute("data-state", "ready", timeout=60_000)
    expect(page.get_by_text("1 of 8 steps done (13%).")).to_be_visible()


def test_five_hundred_rapid_changes(page: Page) -> None:
    page.goto(PAGE)
    root = ready(page)
    stats = f"async () => (await (await ({BRIDGE})()).runtimeStats()).wasmMemoryBytes"
    memory_before = page.evaluate(stats)
    elapsed = page.evaluate(
        """label => {
            const box = [...document.querySelectorAll('[data-widget] input[type=checkbox]')][1];
            const started = performance.now();
            for (let i = 0; i < 501; i++) box.click();
            return performance.now() - started;
        }""",
        FIRST_BOX,
    )
    expect(page.get_by_text("1 of 8 steps done (13%).")).to_be_visible()
    expect(root).to_have_attribute("data-state", "ready")
    computed = int(root.get_attribute("data-computed") or 0)
    memory_after = page.evaluate(stats)
    for _ in range(501):
        page.get_by_label("Pick the one answer you would most like to improve").dispatch_event(
            "click"
        )
    expect(page.get_by_text("2 of 8 steps done (25%).")).to_be_visible()
    memory_final = page.evaluate(stats)
    print(
        f"500 rapid changes: {elapsed:.0f} ms on the main thread for 501 clicks, "
        f"{computed} recomputations (coalesced), wasm memory {memory_before / 2**20:.1f} → "
        f"{memory_after / 2**20:.1f} → {memory_final / 2**20:.1f} MiB after 501 more"
    )
    assert computed < 501, "rapid changes are coalesced, not queued one by one"
    assert memory_final - memory_after <= max(memory_after - memory_before, 16 * 2**20)
