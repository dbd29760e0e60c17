from __future__ import annotations

import html
import re

import pytest

from py_widgets.markdown_text import clean_text, escape_inline, escape_markdown, quote_block

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(document.cookie))",
    "<javascript:alert(1)>",
    "![pixel](https://tracker.example/p.png)",
    "**bold** and _italic_ and `code` and ~~struck~~",
    "# Heading\n## Another",
    "> quoted\n>> deeper",
    "- item\n+ item\n* item",
    "1. first\n2) second",
    "---\n***\n___",
    "Title\n=====",
    "    indented code block",
    "```\nfenced\n```",
    "~~~python\nfenced\n~~~",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "[ref]: https://evil.example\n[ref]",
    "[^note]\n[^note]: footnote",
    "&lt;script&gt; and &#60;b&#62;",
    "back\\slash \\* and trailing \\",
    "<!-- comment --> <?php ?> <![CDATA[x]]>",
    "{curly} (round) [square] #hash +plus -minus !bang |pipe",
    "www.example.com and https://example.com",
    "line one  \nline two with hard break",
    "Emoji 🎉👩🏽‍💻 and RTL שלום مرحبا stay as text",
    "NUL\x00inside and\r\nwindows\rold mac",
    "vbscript:msgbox and data:text/html;base64,PHNjcmlwdD4=",
    "java\tscript:alert(1)",
]


def _expected_text(text: str) -> str:
    """What a reader should see: the same characters, minus NUL and leading indentation."""
    lines = clean_text(text).split("\n")
    return "\n".join(line.lstrip(" \t") for line in lines)


def test_nul_is_stripped_and_line_endings_normalized() -> None:
    assert escape_markdown("a\x00b\r\nc\rd") == "ab\nc\nd"


def test_every_significant_character_is_backslash_escaped() -> None:
    assert escape_markdown("\\`*_{}[]<>()#+-!|") == "".join(f"\\{c}" for c in "\\`*_{}[]<>()#+-!|")


def test_leading_line_constructs_are_neutralised() -> None:
    assert escape_markdown("1. one\n22) two") == "1\\. one\n22\\) two"
    assert escape_markdown("Title\n===") == "Title\n\\==="
    assert escape_markdown("    code") == "code"


def test_dangerous_link_schemes_lose_their_colon() -> None:
    assert escape_markdown("javascript:alert") == "javascript\\:alert"
    assert escape_markdown("JAVASCRIPT :x") == "JAVASCRIPT \\:x"
    assert "\\:" in escape_markdown("data:text/html,hi")
    assert escape_markdown("https://example.com") == "https://example.com"


def test_emoji_and_right_to_left_text_pass_through() -> None:
    text = "🎉 שלום مرحبا 👩🏽‍💻"
    assert escape_markdown(text) == text


def test_inline_folds_line_breaks() -> None:
    assert escape_inline("one\n\n# two\n- three") == "one \\# two \\- three"


def test_quote_block_keeps_paragraphs_inside_the_quote() -> None:
    assert quote_block("a\n\n<b>") == "> a\n>\n> \\<b\\>"


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_the_same_text(text: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    # Raw HTML is switched on here on purpose: escaping alone must keep it inert.
    renderer = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")
    rendered = renderer.render(escape_markdown(text))
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", rendered))
    assert tags <= {"p", "br"}, rendered
    visible = html.unescape(re.sub(r"<br />\n?|</?p>", "\n", rendered))
    assert " ".join(visible.split()) == " ".join(_expected_text(text).split())


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_inside_a_list_item(text: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    renderer = markdown_it.MarkdownIt("commonmark", {"html": True})
    rendered = renderer.render(f"- Note: {escape_inline(text)}\n- Next")
    assert rendered.count("<li>") == 2, rendered
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", rendered))
    assert tags <= {"ul", "li"}, rendered
