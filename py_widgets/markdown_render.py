"""Markdown to HTML for the in-page preview of a checklist summary.

Raw HTML in the source is escaped (``html=False``) and markdown-it's link
validation refuses ``javascript:``, ``vbscript:`` and most ``data:`` URLs, so
the preview can be inserted into the page even though the summary quotes text
the visitor typed. Kept out of the start-up path: it is imported on demand.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from markdown_it import MarkdownIt


@cache
def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def to_html(markdown: str) -> str:
    html: str = _renderer().render(markdown)
    return html


def compute(payload: dict[str, Any]) -> dict[str, Any]:
    """Widget entry point: ``{"markdown": ...}`` in, ``{"html": ...}`` out."""
    return {"html": to_html(str(payload.get("markdown", "")))}
