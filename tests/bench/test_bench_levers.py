"""The benchmark's lever variants really change the page, and the shipped page has what they undo.

A variant that silently matched nothing would make the "levers" table compare
the shipped page with itself, so each one is checked against the built site.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.bench_server import BRIDGE_TAG, EARLY_START, VARIANTS

PRELOAD = '<link rel="preload"'

WIDGET_PAGE = Path("checklists") / "follow-up-timing" / "index.html"
CONTENT_PAGE = Path("playbooks") / "arrived-late" / "index.html"


@pytest.fixture(scope="module")
def widget_html(built_site: Path) -> str:
    return (built_site / WIDGET_PAGE).read_text("utf-8")


def head(html: str) -> str:
    return html.split("</head>", 1)[0]


def test_widget_pages_start_python_as_soon_as_the_bridge_runs(widget_html: str) -> None:
    top = head(widget_html)
    assert EARLY_START.search(top)
    assert not BRIDGE_TAG.search(top), "measured: the bridge in <head> was no faster"
    assert BRIDGE_TAG.search(widget_html.split("</head>", 1)[1])
    assert PRELOAD not in top, "preloaded runtime files were downloaded twice in fresh contexts"


def test_content_pages_load_none_of_our_scripts(built_site: Path) -> None:
    html = (built_site / CONTENT_PAGE).read_text("utf-8")
    assert "bridge.js" not in html
    assert not EARLY_START.search(html)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_variant_changes_the_widget_page(widget_html: str, variant: str) -> None:
    changed = VARIANTS[variant](widget_html)
    assert changed != widget_html
    assert 'data-widget="' in changed, "a variant must keep the form itself"


def test_bridge_in_head_moves_the_bridge_into_the_head(widget_html: str) -> None:
    changed = VARIANTS["bridge-in-head"](widget_html)
    assert BRIDGE_TAG.search(head(changed))
    assert not BRIDGE_TAG.search(changed.split("</head>", 1)[1])


def test_the_control_page_has_the_bare_worker_instead_of_the_bridge(widget_html: str) -> None:
    changed = VARIANTS["bare-worker-in-page"](widget_html)
    assert not BRIDGE_TAG.search(changed)
    assert "/__bench__/bare-worker-in-page.js" in changed


def test_start_after_parse_removes_the_early_start(widget_html: str) -> None:
    changed = VARIANTS["start-after-parse"](widget_html)
    assert not EARLY_START.search(changed)
    assert BRIDGE_TAG.search(changed)


def test_hint_variants_preload_the_runtime_from_the_head(widget_html: str) -> None:
    hints = head(VARIANTS["hints"](widget_html))
    assert 'href="../../assets/pyodide/python_stdlib.zip"' in hints
    assert "pyodide.asm.wasm" not in hints
    assert 'href="../../assets/pyodide/pyodide.asm.wasm"' in head(
        VARIANTS["hints-and-wasm"](widget_html)
    )
