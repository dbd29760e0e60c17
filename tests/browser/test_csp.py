"""Every page and every widget under the exact headers in site/_headers: zero CSP violations."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Browser, expect

from tests.browser.test_accessibility import built_pages
from tests.browser.test_widget import PYTHON_READY_TIMEOUT
from tests.support import SITE

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


def test_headers_file_is_strict() -> None:
    text = (SITE / "_headers").read_text("utf-8")
    assert "script-src 'self' 'wasm-unsafe-eval'" in text
    for directive in (
        "worker-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'none'",
    ):
        assert directive in text
    assert "unsafe-inline" not in text
    assert "Referrer-Policy: no-referrer" in text
    assert "X-Content-Type-Options: nosniff" in text


def test_no_violations_on_any_page_or_widget(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    found: dict[str, Any] = {}
    try:
        page = context.new_page()
        page.on("console", lambda message: console.append(message.text))
        response = page.goto("")
        assert response is not None
        assert "wasm-unsafe-eval" in (response.headers.get("content-security-policy") or "")
        pages = built_pages()
        for path in pages:
            page.goto(path)
            widgets = page.locator("[data-widget]")
            if widgets.count():
                expect(widgets.first).to_have_attribute(
                    "data-state", "ready", timeout=PYTHON_READY_TIMEOUT
                )
                form = page.get_by_role("form")
                form.locator("input[type=checkbox]").first.check()
                for date in form.locator("input[type=date]").all()[:1]:
                    date.fill("2026-11-20")
                expect(widgets.first).to_have_attribute("data-computed", re.compile(r"[2-9]|\d\d"))
                page.get_by_role("button", name="Copy a share link").click()
                for button in page.locator('[data-role="analysis"] button').all():
                    with page.expect_download():
                        button.click()
                page.locator('[data-role="preview"] summary').click()
                expect(page.locator('[data-role="preview-body"] h1')).to_be_visible()
            violations = page.evaluate("() => window.__csp")
            if violations:
                found[path] = violations
    finally:
        context.close()
    refused = [
        line for line in console if "Content Security Policy" in line or "Refused to" in line
    ]
    assert len(pages) > 30
    assert not found, found
    assert not refused, refused
