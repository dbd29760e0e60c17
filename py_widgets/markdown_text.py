"""Put user-typed text into Markdown so that it can only ever render as the same text.

Exports are opened in whatever Markdown viewer people have to hand (a notes
app, a code host, an email client), so escaping follows CommonMark, where a
backslash before any ASCII punctuation character is always a literal. Escaping
too much costs nothing visible; escaping too little lets a pasted ``<img>`` or
``[link](javascript:...)`` in someone's notes turn into live markup.
"""

from __future__ import annotations

import re

# Characters that start or end inline markup or raw HTML anywhere in a line.
# ``&`` is included so entity references such as ``&lt;`` show as typed.
_INLINE_SPECIAL = frozenset("\\`*_{}[]<>()#+-!|~&")

# Schemes that run code or smuggle content when a viewer turns text into a link.
# Whitespace and control characters between letters are tolerated because
# browsers strip them from URLs before looking at the scheme.
_SCHEME_GAP = r"[\s\x00-\x1f]*"
_DANGEROUS_SCHEME = re.compile(
    "(?i)((?:"
    + "|".join(
        _SCHEME_GAP.join(re.escape(letter) for letter in scheme)
        for scheme in ("javascript", "vbscript", "data", "file")
    )
    + f"){_SCHEME_GAP}):"
)

# A line that opens with digits and ``.`` or ``)`` would become an ordered list.
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])")
# A line made only of ``=`` would turn the line above into a heading.
_SETEXT_EQUALS = re.compile(r"^=+\s*$")


def _escape_line(line: str) -> str:
    line = line.lstrip(" \t")  # four leading spaces would start a code block
    escaped = "".join(f"\\{char}" if char in _INLINE_SPECIAL else char for char in line)
    escaped = _ORDERED_MARKER.sub(r"\1\\\2", escaped)
    if _SETEXT_EQUALS.match(escaped):
        escaped = "\\" + escaped
    return _DANGEROUS_SCHEME.sub(r"\1\\:", escaped)


def clean_text(text: str) -> str:
    """Normalize line endings and drop NUL, which some viewers treat as end of string."""
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


def escape_markdown(text: str) -> str:
    """Escape ``text`` line by line so it renders literally, keeping its line breaks.

    Emoji, right-to-left scripts and every other non-ASCII character pass
    through untouched: they are text, not markup.
    """
    return "\n".join(_escape_line(line) for line in clean_text(text).split("\n"))


def escape_inline(text: str) -> str:
    """Escape ``text`` for use inside one line, such as a list item or a heading.

    Line breaks are folded into spaces because a blank line inside user text
    would otherwise end the list item or heading it was placed in.
    """
    return escape_markdown(" ".join(clean_text(text).split()))


def quote_block(text: str) -> str:
    """Render multi-line text as an escaped block quote, keeping its paragraphs."""
    lines = escape_markdown(text).split("\n")
    return "\n".join(f"> {line}" if line else ">" for line in lines)
