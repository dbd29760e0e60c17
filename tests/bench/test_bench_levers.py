"""The benchmark's lever variants really change the page, and the shipped page has what they undo.

A variant that silently matched nothing would make the "levers" table compare
the shipped page with itself, so each one is checked against the built site.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.bench_server import BRIDGE_TAG, EARLY_START, HINT, VARIANTS

WIDGET_PAGE = Path("checklists") / "follow-up-timing" / "index.html"
CONTENT_PAGE = Path("playbooks") / "arrived-late" / "index.html"


@pytest.fixture(scope="module")
def widget_html(built_site: Path) -> str:
    return (built_site / WIDGET_PAGE).read_text("utf-8")


def head(html: str) -> str:
    return html.split("</head>", 1)[0]


def test_widget_pages_start_python_from_the_head(widget_html: str) -> None:
    top = head(widget_html)
    assert EARLY_START.search(top)
    assert BRIDGE_TAG.search(top), "the bridge should be loaded from <head> on widget pages"
    hinted = [match.group(0) for match in HINT.finditer(top)]
    assert any("pyodide.asm.mjs" in hint for hint in hinted)
    assert not any("pyodide.asm.wasm" in hint for hint in hinted), (
        "preloading the wasm made fresh contexts download it twice"
    )


def test_content_pages_load_none_of_our_scripts(built_site: Path) -> None:
    html = (built_site / CONTENT_PAGE).read_text("utf-8")
    assert "bridge.js" not in html
    assert not EARLY_START.search(html)
    assert not HINT.search(html)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_variant_changes_the_widget_page(widget_html: str, variant: str) -> None:
    changed = VARIANTS[variant](widget_html)
    assert changed != widget_html
    assert 'data-widget="' in changed, "a variant must keep the form itself"


def test_bridge_at_end_moves_the_bridge_out_of_the_head(widget_html: str) -> None:
    changed = VARIANTS["bridge-at-end"](widget_html)
    assert not BRIDGE_TAG.search(head(changed))
    assert BRIDGE_TAG.search(changed.split("</head>", 1)[1])


def test_start_after_parse_undoes_every_start_up_lever(widget_html: str) -> None:
    changed = VARIANTS["start-after-parse"](widget_html)
    assert not EARLY_START.search(changed)
    assert not HINT.search(changed)
    assert not BRIDGE_TAG.search(head(changed))
