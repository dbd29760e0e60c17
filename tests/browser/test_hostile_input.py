"""Hostile text typed into every free-text field, imported from a file and opened from a share link.

Each string must show as text: no dialog, no canary call, no element created
from it, in the form, the preview, the printed view or the analysis.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_checklist_engine import CHECKLIST_PAGES, ready
from tests.hostile.corpus import HOSTILE

CANARY = """
window.__canaryCalls = 0;
window.__canary = () => { window.__canaryCalls += 1; };
"""
INJECTED = "[data-widget] :is(script, img, svg, iframe, object, embed, a[href^='javascript' i], [onerror], [onload])"
TEXT_PAGES = [path for path in CHECKLIST_PAGES if "right-after" not in path]


def watch(page: Page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def assert_inert(page: Page, dialogs: list[str], label: str) -> None:
    assert not dialogs, f"{label}: a dialog opened: {dialogs}"
    assert page.evaluate("() => window.__canaryCalls") == 0, f"{label}: the canary ran"
    assert page.evaluate("() => window.__pwned") is None, f"{label}: window.__pwned was set"
    assert page.locator(INJECTED).count() == 0, f"{label}: markup was created from typed text"


def wait_for_recompute(page: Page, before: int) -> None:
    """Wait until a result reflecting the latest answers is on screen."""
    page.wait_for_selector(
        f'[data-widget]:not([data-computed="{before}"]):not([data-busy])', timeout=30_000
    )


@pytest.mark.parametrize("path", TEXT_PAGES)
def test_hostile_strings_in_every_text_field(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(base_url=base_url)
    context.add_init_script(CANARY)
    try:
        page = context.new_page()
        dialogs = watch(page)
        page.goto(path)
        root = ready(page)
        page.locator('[data-role="preview"] summary').click()
        fields = page.get_by_role("form").locator("textarea").all()
        assert fields
        for index, text in enumerate(HOSTILE):
            before = int(root.get_attribute("data-computed") or 0)
            for field in fields:
                field.fill(text)
            wait_for_recompute(page, before)
            expect(root).to_have_attribute("data-state", "ready")
            assert_inert(page, dialogs, f"{path} string {index}")
            if text.strip() and len(text) < 400:
                printed = page.locator('[data-role="print"]').text_content() or ""
                visible = text.strip().split()[0]
                assert visible in printed or len(text) > fields[0].evaluate("e => e.maxLength"), (
                    f"{path} string {index}: typed text missing from the printed answers"
                )
        print(f"{path}: {len(HOSTILE)} hostile strings × {len(fields)} free-text fields")
    finally:
        context.close()


def envelope(checklist: str, answers: dict[str, str]) -> dict[str, object]:
    return {
        "format": "irp-checklist",
        "schema": 1,
        "checklist": checklist,
        "version": 1,
        "answers": answers,
    }


def share_fragment(data: dict[str, object]) -> str:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = compressor.compress(json.dumps(data).encode()) + compressor.flush()
    return "#answers=v1." + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def text_fields(page: Page) -> dict[str, int]:
    fields: dict[str, int] = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-widget] textarea')].map(e => [e.name, e.maxLength]))"
    )
    return fields


def test_hostile_import_and_share_link(browser: Browser, base_url: str, tmp_path: Path) -> None:
    context = browser.new_context(base_url=base_url)
    context.add_init_script(CANARY)
    try:
        page = context.new_page()
        dialogs = watch(page)
        page.goto("checklists/self-debrief/")
        ready(page)
        fields = text_fields(page)
        short = [text for text in HOSTILE if 0 < len(text) <= min(fields.values())]
        for start in range(0, len(short), len(fields)):
            chunk = short[start : start + len(fields)]
            answers = dict(zip(fields, chunk, strict=False))
            file = tmp_path / f"import-{start}.json"
            file.write_text(json.dumps(envelope("self-debrief", answers)), "utf-8")
            page.get_by_label("Import answers from a JSON file").set_input_files(str(file))
            expect(
                page.get_by_text(re.compile(rf"^Imported \d+ answers from import-{start}\.json"))
            ).to_be_visible()
            for name, text in answers.items():
                expect(page.locator(f'[data-widget] textarea[name="{name}"]')).to_have_value(
                    text.replace("\r\n", "\n").replace("\r", "\n")
                )
            assert_inert(page, dialogs, f"import chunk {start}")

        oversized = tmp_path / "oversized.json"
        oversized.write_text(
            json.dumps(envelope("self-debrief", {"first-impressions": "x" * 300_000})), "utf-8"
        )
        page.get_by_label("Import answers from a JSON file").set_input_files(str(oversized))
        expect(
            page.get_by_text(re.compile(r"^That file could not be imported: .*too large"))
        ).to_be_visible()

        shared = dict(zip(fields, short[-len(fields) :], strict=False))
        page.goto("checklists/self-debrief/" + share_fragment(envelope("self-debrief", shared)))
        expect(
            page.get_by_text(re.compile(r"^These answers came from a shared link"))
        ).to_be_visible()
        ready(page)
        for name, text in shared.items():
            expect(page.locator(f'[data-widget] textarea[name="{name}"]')).to_have_value(
                text.replace("\r\n", "\n").replace("\r", "\n")
            )
        assert_inert(page, dialogs, "share link")

        page.goto("checklists/self-debrief/#answers=v1.not-really-deflate-data!!")
        expect(
            page.get_by_text(re.compile(r"^This shared link is damaged or incomplete"))
        ).to_be_visible()
        assert_inert(page, dialogs, "damaged share link")
    finally:
        context.close()
