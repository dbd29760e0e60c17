"""Privacy: browsing the site talks to nobody but the site, and content pages never load Python."""

from __future__ import annotations

from urllib.parse import urlparse

from playwright.sync_api import Browser, expect

from tests.browser.test_widget import PYTHON_READY_TIMEOUT, WIDGET_PAGE

CONTENT_PAGES = ["", "playbooks/missed-interview/", "playbooks/ghosted-after-final/"]


def test_only_the_local_server_is_contacted(browser: Browser, base_url: str) -> None:
    local = urlparse(base_url).netloc
    context = browser.new_context(base_url=base_url)
    seen: dict[str, list[str]] = {}
    current = {"page": ""}
    context.on("request", lambda request: seen.setdefault(current["page"], []).append(request.url))
    try:
        page = context.new_page()
        for path in CONTENT_PAGES:
            current["page"] = path
            page.goto(path)
            page.wait_for_load_state("networkidle")
        current["page"] = WIDGET_PAGE
        page.goto(WIDGET_PAGE)
        expect(page.locator("[data-widget]")).to_have_attribute(
            "data-state", "ready", timeout=PYTHON_READY_TIMEOUT
        )
        page.get_by_label("Write down every question you were asked").check()
        page.wait_for_load_state("networkidle")
    finally:
        context.close()

    everything = [url for urls in seen.values() for url in urls]
    foreign = [
        url
        for url in everything
        if urlparse(url).scheme not in ("data", "blob") and urlparse(url).netloc != local
    ]
    assert not foreign, f"requests to other hosts: {foreign}"
    for path in CONTENT_PAGES:
        python_files = [
            url for url in seen[path] if url.endswith((".wasm", ".whl")) or "/pyodide/" in url
        ]
        assert not python_files, f"content page {path or '/'} fetched {python_files}"
    assert any(url.endswith("pyodide.asm.wasm") for url in seen[WIDGET_PAGE]), (
        "the widget page must load Python"
    )
    assert any(url.endswith(".whl") for url in seen[WIDGET_PAGE])
