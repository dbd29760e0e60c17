"""axe-core on every built page, in both colour schemes, after widgets have rendered their results."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.test_widget import PYTHON_READY_TIMEOUT
from tests.support import ROOT, SITE

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def built_pages() -> list[str]:
    """Every HTML page in site/, as a site-relative URL; a missing build yields one failing case."""
    pages = sorted(
        path.relative_to(SITE).as_posix().removesuffix("index.html")
        for path in SITE.rglob("*.html")
        if "assets" not in path.relative_to(SITE).parts
    )
    return pages or ["(site not built)"]


def violations(browser: Browser, base_url: str, path: str, scheme: str) -> list[dict[str, Any]]:
    # bypass_csp lets Playwright inject axe itself; the pages still get the strict policy otherwise.
    context = browser.new_context(base_url=base_url, color_scheme=scheme, bypass_csp=True)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(path)
        widgets = page.locator("[data-widget]")
        if widgets.count():
            expect(widgets.first).to_have_attribute(
                "data-computed", re.compile(r"\d"), timeout=PYTHON_READY_TIMEOUT
            )
        page.add_script_tag(path=str(AXE))
        result: dict[str, Any] = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        return [
            {"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", built_pages())
def test_no_axe_violations(browser: Browser, base_url: str, path: str, scheme: str) -> None:
    assert path != "(site not built)", "build the site first: bash scripts/dev.sh test"
    found = violations(browser, base_url, path, scheme)
    assert not found, f"{path or '/'} ({scheme}): {found}"
