"""Warm starts: a later visit starts Python from the snapshot an earlier visit saved.

The snapshot is an optimisation only, so the tests check both halves of that
promise: a visit that uses it computes exactly what a fresh start computes
(including a lazily fetched library, whose files are not in the snapshot),
and a snapshot that is corrupt or stale is thrown away without the visitor
noticing anything but an ordinary start.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.test_checklist_engine import PYTHON_READY_TIMEOUT, ready, settled

FOLLOW_UP = "checklists/follow-up-timing/"
DEBRIEF = "checklists/self-debrief/"
SNAPSHOT_CACHE = "irp-python-snapshot"

SAVED_SNAPSHOTS_JS = f"""async () => {{
  const cache = await caches.open("{SNAPSHOT_CACHE}");
  return (await cache.keys()).map((request) => request.url);
}}"""


def wait_for_snapshot(page: Page) -> list[str]:
    """The worker saves its snapshot after two quiet seconds; wait for it like a reader who stays."""
    for _ in range(120):
        saved: list[str] = page.evaluate(SAVED_SNAPSHOTS_JS)
        if saved:
            return saved
        page.wait_for_timeout(250)
    raise AssertionError("no start-up snapshot was saved within 30 s of the first result")


def start_kind(page: Page) -> str | None:
    root = ready(page)
    expect(root).to_have_attribute("data-python-start", re.compile(r"fresh|snapshot"))
    return root.get_attribute("data-python-start")


def answer_and_read(page: Page) -> str:
    page.get_by_label("Enter the date of the interview").fill("2026-11-16")
    page.get_by_role("radio", name="Final-round interview").check()
    page.get_by_role("radio", name="They didn't say").check()
    page.get_by_role("radio", name="Not yet").check()
    page.get_by_label("Enter how many people interviewed you").fill("2")
    page.get_by_label("Enter a different date to plan from").fill("2026-11-18")
    # On a snapshot start Python is ready while the fields are still being filled.
    settled(page)
    analysis = page.locator('[data-role="analysis"]')
    expect(analysis).to_contain_text("Your follow-up plan", timeout=PYTHON_READY_TIMEOUT)
    expect(analysis.get_by_role("listitem").first).to_be_visible()
    return analysis.inner_text()


def test_second_visit_starts_from_the_snapshot_and_computes_the_same(page: Page) -> None:
    page.goto(FOLLOW_UP)
    assert start_kind(page) == "fresh"
    fresh = answer_and_read(page)
    saved = wait_for_snapshot(page)
    assert len(saved) == 1
    assert "/assets/python-snapshot/" in saved[0]

    page.evaluate("() => localStorage.clear()")
    page.goto(FOLLOW_UP)
    assert start_kind(page) == "snapshot"
    assert answer_and_read(page) == fresh

    # The calendar library is fetched lazily after the snapshot was taken; it must still install.
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(r"calendar \(\.ics\)")).click()
    assert download.value.suggested_filename.endswith(".ics")


def test_snapshot_from_one_widget_serves_another(page: Page) -> None:
    page.goto(FOLLOW_UP)
    ready(page)
    wait_for_snapshot(page)
    page.goto(DEBRIEF)
    assert start_kind(page) == "snapshot"
    page.get_by_label("I arrived late", exact=True).check()
    expect(page.locator('[data-role="summary"]')).to_contain_text(
        "1 of", timeout=PYTHON_READY_TIMEOUT
    )


def test_a_corrupt_snapshot_is_discarded_and_python_starts_normally(page: Page) -> None:
    page.goto(FOLLOW_UP)
    ready(page)
    [key] = wait_for_snapshot(page)
    page.evaluate(
        """async ([name, key]) => {
          const cache = await caches.open(name);
          const junk = new Response(new Blob([new Uint8Array(4096).fill(7)]).stream().pipeThrough(new CompressionStream("gzip")));
          await cache.put(key, junk);
        }""",
        [SNAPSHOT_CACHE, key],
    )
    page.goto(FOLLOW_UP)
    assert start_kind(page) == "fresh"
    expect(page.locator('[data-role="summary"]')).to_contain_text("0 of 5")
    # The bad copy is gone and a good one replaces it once the page goes quiet.
    saved = wait_for_snapshot(page)
    page.goto(FOLLOW_UP)
    assert saved == [key]
    assert start_kind(page) == "snapshot"
