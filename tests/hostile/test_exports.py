"""Every hostile string in every free-text field, through every export the widgets produce.

Host only (markdown-it with ``html=True`` and icalendar are used as *viewers*
here, and the corpus holds a 100 KiB string): the Pyodide run collects only
``tests/unit``. One test per (checklist, field) loops over the whole corpus and
collects every failure, so a red run names the checklist, the field and the
corpus index of each string that got through, and the module stays fast.

What a pass means, for each string trimmed to the field's ``max_length``:

* every call through ``py_widgets.api.run`` returns a dict, never raises;
* every Markdown export, rendered by markdown-it both strictly (``html=False``)
  and permissively (``html=True`` and every link target accepted, as a careless
  viewer would), has no script, no event-handler attribute, no tag the user's
  text added (images, links, headings, code...) and no ``javascript:``,
  ``vbscript:`` or ``data:`` URL;
* the typed text is still visible in the rendered summary (escaped, not dropped);
* the saved-state envelope survives JSON and comes back through "import" unchanged;
* the client-safe recruiter export never quotes the private fields;
* the calendar file parses, folds at 75 octets, ends lines in CRLF and has no
  property or component that user text smuggled in.
"""

from __future__ import annotations

import functools
import html as html_lib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt

from py_widgets import api, checklist_state
from scripts.checklists import LoadedChecklist, load_all
from tests.hostile.corpus import CANARY, HOSTILE, HOSTILE_LARGE, PWNED
from tests.ics.test_followup_ics import check_rfc5545, strict_parse

LOADED: dict[str, LoadedChecklist] = load_all()
TODAY = "2026-03-10"

# Realistic answers, in the canonical form the checklist model stores (so an
# import must give them back unchanged). Every required item is answered and
# the choices are ones that make each widget write its fullest exports.
PRIVATE_MARKERS = {
    "candidate-impressions": "PrivImpressionsQ7X",
    "recruiter-notes": "PrivRecruiterNotesQ7X",
}
BASE_ANSWERS: dict[str, dict[str, Any]] = {
    "self-debrief": {
        "interview-date": "2026-03-06",
        "interview-stage": "final-round",
        "interviewer-name": "Grace Liu",
        "company-name": "Pinecrest",
        "mistakes": ["no-questions", "weak-answer", "mind-went-blank"],
        "reaction": "owned-it",
        "thank-you-sent": "no",
        "follow-ups-sent": 0,
        "first-impressions": "Friendly panel, hard system design round.",
        "conversation-detail": "the plan to hire three analysts next year",
        "company-news": "They opened a Lisbon office last month.",
    },
    "recruiter-360-debrief": {
        "debrief-date": "2026-03-09",
        "role-title": "Payroll Manager",
        "candidate-ref": "JO-3",
        "manager-verdict": "no",
        "manager-concerns": ["skills-gap", "experience-level", "motivation"],
        "manager-feedback": "Missing hands-on multi-state payroll; seemed nervous.",
        "manager-changed-requirements": "yes",
        "candidate-self-rating": "mixed",
        "candidate-interest": "unsure",
        "candidate-impressions": f"{PRIVATE_MARKERS['candidate-impressions']} hard technical round.",
        "candidate-off-form": True,
        "brief-must-haves-agreed": "partly",
        "brief-intake-held": False,
        "brief-changed-since": "yes",
        "brief-changes": "Now wants people management as well, since last week.",
        "purple-squirrel": True,
        "interviews-per-hire": 6,
        "assessed-skills": "discussed",
        "assessed-fit": "assumed",
        "recruiter-notes": f"{PRIVATE_MARKERS['recruiter-notes']} coach on the design round.",
    },
    "follow-up-timing": {
        "interview-date": "2026-03-02",
        "interview-time": "15:00",
        "stage": "panel",
        "interviewer-count": 3,
        "told-next-steps": "date",
        "told-date": "2026-03-13",
        "thank-you-sent": "yes",
        "thank-you-date": "2026-03-03",
        "follow-up-dates": "2026-03-04",
        "callback-slipped": True,
        "competing-offer-deadline": "2026-03-20",
    },
    "mistake-handling": {
        "mistake-kind": "wrong-answer",
        "mistake-summary": "I gave the wrong revenue figure for their last year.",
        "first-reaction": "own-it",
        "words-used": "own-it",
        "rest-of-interview": "own-it",
        "acknowledged-plainly": True,
        "no-excuse": True,
        "one-line-reason": True,
        "said-what-differently": True,
        "restated-interest": True,
        "followed-up-promptly": True,
        "message-tone": "own-it",
        "prevention-habit": "Check every figure against the annual report the night before.",
        "ownership-line": "That figure was wrong; the right one is in my note.",
    },
    "right-after-interview": {
        "questions-noted": True,
        "names-noted": True,
        "impressions-noted": True,
        "weak-answer-picked": True,
        "timeline-noted": True,
        "thank-you-sent": True,
        "reminder-set": True,
        "pipeline-moving": True,
    },
}

# The widgets each checklist's page runs besides "progress", and where their
# Markdown is: (widget, key in its output).
WIDGETS: dict[str, list[str]] = {
    "self-debrief": ["debrief-candidate", "debrief-candidate-markdown"],
    "recruiter-360-debrief": ["debrief-recruiter", "debrief-internal", "debrief-client-safe"],
    "follow-up-timing": ["followup", "followup-markdown", "followup-ics"],
}
MARKDOWN_KEYS: dict[str, list[str]] = {
    "progress": ["summary_markdown"],
    "debrief-candidate": ["summary_markdown"],
    "debrief-candidate-markdown": ["content"],
    "debrief-recruiter": ["internal_markdown", "client_safe_markdown"],
    "debrief-internal": ["content"],
    "debrief-client-safe": ["content"],
    "followup": ["summary_markdown"],
    "followup-markdown": ["content"],
}
CLIENT_EXPORTS = ("debrief-recruiter.client_safe_markdown", "debrief-client-safe.content")

TEXT_FIELDS: list[tuple[str, str, int]] = [
    (checklist_id, item.id, item.max_length)
    for checklist_id, loaded in LOADED.items()
    for item in loaded.model.items
    if item.kind == "text"
]
FIELD_IDS = [f"{checklist_id}:{field}" for checklist_id, field, _ in TEXT_FIELDS]


def _permissive() -> MarkdownIt:
    """A careless viewer: raw HTML passes through and every link target is accepted."""
    viewer = MarkdownIt("commonmark", {"html": True})
    viewer.validateLink = lambda _url: True
    return viewer


RENDERERS = {
    "html=False": MarkdownIt("commonmark", {"html": False}),
    "html=True": _permissive(),
}

DANGEROUS_URL = re.compile(r"^(?:javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset"}
# Never in any export: nothing the site writes is an image, a link or a form,
# so one of these can only have come from typed text.
FORBIDDEN_TAGS = {
    "script",
    "img",
    "svg",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "body",
    "details",
    "style",
    "math",
    "base",
    "meta",
    "link",
    "a",
}
# Tags typed text may add by having several paragraphs or a line ending in two
# spaces: layout, not markup anyone wrote.
LAYOUT_TAGS = {"p", "br"}
EVENT_ATTRIBUTE_IN_TAG = re.compile(r"<[a-zA-Z][^>]*\son\w+\s*=", re.IGNORECASE)
# "<", "](" or "]:" after an even number of backslashes: where raw HTML, an
# autolink, a link or a link reference definition could start.
LIVE_MARKUP = re.compile(r"(?<!\\)(?:\\\\)*(?:<|\]\(|\]:)")
CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]+")
EXECUTABLE = re.compile(r"<script|\bon\w+=|(?:java|vb)\W*script|data:text/html|svg", re.IGNORECASE)

SAMPLE = "Plainwords sample"


# ----------------------------------------------------------------------------- reading output


class Page(HTMLParser):
    """Tags, attributes and text of rendered HTML, read the way a browser would."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.tags: Counter[str] = Counter()
        self.attributes: list[tuple[str, str, str]] = []
        self.chunks: list[str] = []
        self.feed(html)
        self.close()
        self.text = flat("".join(self.chunks))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def flat(text: str) -> str:
    """Text compared as a reader sees it: NUL gone, every run of whitespace one space."""
    return " ".join(text.replace("\x00", "").split())


@functools.lru_cache(maxsize=4096)
def render(mode: str, markdown: str) -> Page:
    if mode != "html=False" and not LIVE_MARKUP.search(markdown):
        # The permissive viewer differs only in raw HTML and link targets; with
        # no unescaped "<", "](" or "]:" there is neither, so both read alike.
        return render("html=False", markdown)
    return Page(RENDERERS[mode].render(markdown))


@functools.lru_cache(maxsize=1024)
def render_widget(markdown: str) -> Page:
    """The page's own preview: the "render-markdown" widget."""
    result = api.run("render-markdown", {"markdown": markdown})
    assert result["ok"], result
    return Page(result["output"]["html"])


def html_faults(page: Page, allowed_tags: set[str]) -> list[str]:
    """What is wrong with HTML rendered from an export."""
    faults = []
    if "<script" in page.html.lower():
        faults.append("a <script> tag")
    if EVENT_ATTRIBUTE_IN_TAG.search(page.html):
        faults.append("an on...= attribute inside a tag")
    faults += [f"a <{tag}> element" for tag in sorted(set(page.tags) & FORBIDDEN_TAGS)]
    faults += [
        f"a <{tag}> that plain text never gives"
        for tag in sorted(set(page.tags) - allowed_tags - FORBIDDEN_TAGS)
    ]
    for tag, name, value in page.attributes:
        if name.lower().startswith("on"):
            faults.append(f"<{tag} {name}=...>")
        if name.lower() in URL_ATTRIBUTES and DANGEROUS_URL.match(
            CONTROL_OR_SPACE.sub("", html_lib.unescape(value))
        ):
            faults.append(f"<{tag} {name}={value[:40]!r}>")
    return faults


def ics_faults(ics: str) -> list[str]:
    """RFC 5545 framing, read line by line, then by icalendar and by the strict reader."""
    faults = []
    data = ics.encode("utf-8")
    if not data.endswith(b"\r\n"):
        faults.append("does not end in CRLF")
    lines = data.removesuffix(b"\r\n").split(b"\r\n")
    for number, line in enumerate(lines, start=1):
        if len(line) > 75:
            faults.append(f"line {number} has {len(line)} octets")
        if b"\n" in line or b"\r" in line:
            faults.append(f"line {number} has a bare CR or LF")
    begins = lines.count(b"BEGIN:VEVENT")
    ends = lines.count(b"END:VEVENT")
    if begins != ends or begins == 0:
        faults.append(f"{begins} BEGIN:VEVENT against {ends} END:VEVENT")
    if lines.count(b"BEGIN:VCALENDAR") != 1 or lines.count(b"END:VCALENDAR") != 1:
        faults.append("not exactly one VCALENDAR")
    if lines[-1] != b"END:VCALENDAR":
        faults.append("does not end with END:VCALENDAR")
    try:
        library_events = list(Calendar.from_ical(ics).walk("VEVENT"))
        strict_events = check_rfc5545(strict_parse(ics))
    except (ValueError, AssertionError) as error:
        return [*faults, f"does not parse: {error}"]
    if not len(library_events) == len(strict_events) == begins:
        faults.append(
            f"{begins} BEGIN:VEVENT lines, icalendar reads {len(library_events)} events, "
            f"the strict reader {len(strict_events)}"
        )
    allowed = {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "TRANSP"}
    for event in strict_events:
        extra = {prop.name for prop in event.props} - allowed
        if extra:
            faults.append(f"an event has unexpected properties {sorted(extra)}")
    return faults


def link_faults(value: Any, where: str = "output") -> list[str]:
    """Links a view hands the page (rendered with textContent, but links become href)."""
    faults = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("link", "href", "url") and isinstance(item, str):
                if DANGEROUS_URL.match(CONTROL_OR_SPACE.sub("", item)):
                    faults.append(f"{where}.{key} is {item[:40]!r}")
            else:
                faults += link_faults(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            faults += link_faults(item, f"{where}[{index}]")
    return faults


def strict_json(text: str) -> Any:
    """JSON as the page's ``JSON.parse`` reads it: NaN and Infinity are not JSON."""

    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


# ----------------------------------------------------------------------------- running widgets


def fill(checklist_id: str, field: str, value: str) -> dict[str, Any]:
    """Realistic answers with ``value`` in ``field`` (behind its marker, for a private field)."""
    answers = dict(BASE_ANSWERS[checklist_id])
    marker = PRIVATE_MARKERS.get(field)
    answers[field] = f"{marker} {value}" if marker else value
    return answers


def trimmed(field: str, value: str, limit: int) -> str:
    """What a form with ``maxlength`` sends; a private field's marker counts against the limit."""
    marker = PRIVATE_MARKERS.get(field)
    return value[: limit - len(marker) - 1 if marker else limit]


def payload(checklist_id: str, answers: dict[str, Any], **extra: Any) -> dict[str, Any]:
    loaded = LOADED[checklist_id]
    data: dict[str, Any] = {
        "definition": loaded.raw,
        "answers": answers,
        "set_aside": {},
        "today": TODAY,
        **extra,
    }
    if loaded.rules is not None:
        data["rules"] = loaded.rules
    return data


def run_page(checklist_id: str, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every widget the checklist's page runs, by name; each must answer with a dict."""
    results = {}
    for widget in ["progress", *WIDGETS.get(checklist_id, [])]:
        result = api.run(widget, data)
        assert isinstance(result, dict), f"{widget} returned {type(result).__name__}"
        results[widget] = result
    return results


def markdown_of(results: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Every Markdown text the page can show or download, by ``widget.key``."""
    return {
        f"{widget}.{key}": result["output"][key]
        for widget, result in results.items()
        if result["ok"]
        for key in MARKDOWN_KEYS.get(widget, [])
    }


@functools.cache
def expectations(checklist_id: str, field: str, limit: int) -> tuple[dict[str, set[str]], set[str]]:
    """For plain text and for an empty answer: the tags each export may have, and which quote it."""
    allowed: dict[str, set[str]] = {}
    quoted: set[str] = set()
    for value in ("", trimmed(field, SAMPLE, limit)):
        answers = fill(checklist_id, field, value)
        exports = markdown_of(run_page(checklist_id, payload(checklist_id, answers)))
        for name, markdown in exports.items():
            for mode in RENDERERS:
                allowed.setdefault(name, set(LAYOUT_TAGS)).update(render(mode, markdown).tags)
            if value and flat(answers[field]) in render("html=False", markdown).text:
                quoted.add(name)
    return allowed, quoted


# ----------------------------------------------------------------------------- the sweep


def check_one(checklist_id: str, field: str, limit: int, value: str) -> list[str]:
    """Every check for one value in one field; returns what went wrong."""
    allowed, quoted = expectations(checklist_id, field, limit)
    loaded = LOADED[checklist_id]
    answers = fill(checklist_id, field, value)
    typed = flat(answers[field])
    data = payload(checklist_id, answers)
    results = run_page(checklist_id, data)
    faults: list[str] = []
    if not results["progress"]["ok"]:
        faults.append(f"progress failed: {results['progress']}")
    exports = markdown_of(results)

    for name, markdown in exports.items():
        pages = {mode: render(mode, markdown) for mode in RENDERERS}
        if name == "progress.summary_markdown":
            pages["render-markdown widget"] = render_widget(markdown)
        for mode, page in pages.items():
            faults += [f"{name} ({mode}): {fault}" for fault in html_faults(page, allowed[name])]
            if typed and name in quoted and typed not in page.text:
                faults.append(f"{name} ({mode}): the typed text is not shown as typed")
        if name in CLIENT_EXPORTS:
            for private, marker in PRIVATE_MARKERS.items():
                if marker in markdown or marker in pages["html=False"].text:
                    faults.append(f"{name} quotes the private field {private}")

    for widget, result in results.items():
        faults += link_faults(result, widget)
        if not result["ok"] and not result.get("problems"):
            faults.append(f"{widget} refused without saying why: {result}")
    candidate = results.get("debrief-candidate")
    if candidate and candidate["ok"]:
        draft = candidate["output"]["draft_message"]
        if not isinstance(draft, str) or "\x00" in draft or "\r" in draft:
            faults.append(f"draft_message is not clean text: {draft[:60]!r}")
    ics = results.get("followup-ics")
    if ics and ics["ok"]:
        faults += [f".ics {fault}" for fault in ics_faults(ics["output"]["content"])]

    # Saved state: the envelope survives JSON, and "import" gives the same answers back.
    envelope = checklist_state.envelope(loaded.model, answers, {})
    for ascii_only in (True, False):
        text = json.dumps(envelope, ensure_ascii=ascii_only)
        if json.loads(text) != envelope:
            faults.append(f"the envelope does not survive JSON (ensure_ascii={ascii_only})")
        request = json.dumps({"definition": loaded.raw, "text": text})
        imported = strict_json(api.run_json("import", request))
        output = imported.get("output", {})
        if not (imported["ok"] and output.get("ok")):
            faults.append(f"import refused its own export: {imported}")
        elif (output["answers"], output["problems"], output["set_aside"]) != (answers, [], {}):
            faults.append(
                f"import changed the answers: problems={output['problems']} "
                f"set_aside={sorted(output['set_aside'])}"
            )
    return faults


def sweep(check: Callable[[str], list[str]], values: list[str], label: str) -> list[str]:
    """Run ``check`` on each corpus entry as ``values`` has it; a crash is a finding like any other.

    Entries that a short ``max_length`` cuts down to the same value are checked once.
    """
    failures = []
    seen: set[str] = set()
    for index, (hostile, value) in enumerate(zip(HOSTILE, values, strict=True)):
        if value in seen:
            continue
        seen.add(value)
        try:
            faults = check(value)
        except Exception as error:  # reported with the rest, not the end of the sweep
            faults = [f"raised {type(error).__name__}: {error}"]
        failures += [f"{label} / HOSTILE[{index}] {hostile[:40]!r}: {fault}" for fault in faults]
    return failures


def report(failures: list[str]) -> str:
    shown = "\n".join(failures[:80])
    more = f"\n... and {len(failures) - 80} more" if len(failures) > 80 else ""
    return f"{len(failures)} failure(s):\n{shown}{more}"


@pytest.mark.parametrize(("checklist_id", "field", "limit"), TEXT_FIELDS, ids=FIELD_IDS)
def test_hostile_text_stays_text_in_every_export(checklist_id: str, field: str, limit: int) -> None:
    _, quoted = expectations(checklist_id, field, limit)
    assert "progress.summary_markdown" in quoted, "the summary must quote every text answer"
    failures = sweep(
        lambda value: check_one(checklist_id, field, limit, value),
        [trimmed(field, hostile, limit) for hostile in HOSTILE],
        f"{checklist_id} / {field}",
    )
    assert not failures, report(failures)


@pytest.mark.parametrize(("checklist_id", "field", "limit"), TEXT_FIELDS, ids=FIELD_IDS)
def test_over_length_text_is_reported_never_dropped(
    checklist_id: str, field: str, limit: int
) -> None:
    """Past ``max_length`` (a pasted value, an edited export): a problem on the field, value kept."""
    loaded = LOADED[checklist_id]
    failures: list[str] = []
    for value in ("x" * (limit + 1), HOSTILE_LARGE):
        label = f"{checklist_id} / {field} / {len(value):,} characters"
        answers = {**BASE_ANSWERS[checklist_id], field: value}
        results = run_page(checklist_id, payload(checklist_id, answers))
        for widget, result in results.items():
            output = result["output"] if result["ok"] else result
            if "problems" not in output:
                continue  # a download: its view reports the problem next to the field
            paths = [problem["path"] for problem in output["problems"]]
            if field not in paths:
                failures.append(f"{label}: {widget} does not report the field: {paths}")
        progress = results["progress"]["output"]
        message = next(p["message"] for p in progress["problems"] if p["path"] == field)
        if str(limit) not in message:
            failures.append(f"{label}: the message does not give the limit: {message!r}")
        for name, markdown in markdown_of(results).items():
            for mode in RENDERERS:
                faults = html_faults(render(mode, markdown), allowed_anywhere(checklist_id))
                failures += [f"{label}: {name} ({mode}): {fault}" for fault in faults]
        envelope = checklist_state.envelope(loaded.model, answers, {})
        request = {"definition": loaded.raw, "text": json.dumps(envelope, ensure_ascii=False)}
        imported = api.run("import", request)["output"]
        if not imported["ok"] or imported["answers"].get(field) != value:
            failures.append(f"{label}: import did not keep the value: {str(imported)[:200]}")
        elif field not in [problem["path"] for problem in imported["problems"]]:
            failures.append(f"{label}: import kept the value without a problem")
    assert not failures, report(failures)


@functools.cache
def allowed_anywhere(checklist_id: str) -> set[str]:
    """Every tag any of the checklist's exports has for plain or empty answers."""
    exports = markdown_of(run_page(checklist_id, payload(checklist_id, BASE_ANSWERS[checklist_id])))
    tags = set(LAYOUT_TAGS).union(*(render("html=False", md).tags for md in exports.values()))
    for cid, field, limit in TEXT_FIELDS:
        if cid == checklist_id:
            tags = tags.union(*expectations(cid, field, limit)[0].values())
    return tags


# ----------------------------------------------------------------------------- the harness itself


def test_realistic_answers_give_every_export() -> None:
    """The base answers are clean, so every widget in the sweep really writes its exports."""
    for checklist_id, answers in BASE_ANSWERS.items():
        results = run_page(checklist_id, payload(checklist_id, answers))
        for widget, result in results.items():
            assert result["ok"], (checklist_id, widget, result)
            assert not result["output"].get("problems"), (checklist_id, widget, result)
        names = set(markdown_of(results))
        expected = {f"{w}.{k}" for w in results for k in MARKDOWN_KEYS.get(w, [])}
        assert names == expected
        for markdown in markdown_of(results).values():
            assert html_faults(render("html=False", markdown), allowed_anywhere(checklist_id)) == []
    followup = run_page(
        "follow-up-timing", payload("follow-up-timing", BASE_ANSWERS["follow-up-timing"])
    )
    assert ics_faults(followup["followup-ics"]["output"]["content"]) == []
    recruiter = markdown_of(
        run_page(
            "recruiter-360-debrief",
            payload("recruiter-360-debrief", BASE_ANSWERS["recruiter-360-debrief"]),
        )
    )
    for marker in PRIVATE_MARKERS.values():
        assert marker in recruiter["debrief-recruiter.internal_markdown"]
        assert all(marker not in recruiter[name] for name in CLIENT_EXPORTS)


def test_the_checks_catch_unescaped_text() -> None:
    """A summary that pasted typed text in raw must fail the same checks the sweep uses."""
    allowed = {"p", "ul", "li", "strong", "h1"}

    def naive(value: str) -> list[str]:
        markdown = f"# Title\n\n- **Label:** {value}\n"
        faults = []
        for mode in RENDERERS:
            page = render(mode, markdown)
            faults += html_faults(page, allowed)
            if flat(value) not in page.text:
                faults.append("not shown as typed")
        return faults

    for raw in (
        f"<script>{CANARY}</script>",
        f"<img src=x onerror={CANARY}>",
        f"[click me](javascript:{CANARY})",
        f"![pic](data:image/png,{CANARY})",
        f"<javascript:{CANARY}>",
        "**bold** and `code`",
        "&lt;script&gt;",
        "x\n\n# Heading",
        "x\n\n---",
    ):
        assert naive(raw), f"unescaped {raw!r} went unnoticed"
    assert naive("Just words.") == []


def test_the_calendar_check_catches_smuggled_lines() -> None:
    ics = run_page(
        "follow-up-timing", payload("follow-up-timing", BASE_ANSWERS["follow-up-timing"])
    )["followup-ics"]["output"]["content"]
    assert ics_faults(ics) == []
    injected = ics.replace(
        "TRANSP:TRANSPARENT\r\n", "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n", 1
    )
    assert ics_faults(injected)
    assert ics_faults(ics.replace("TRANSP:TRANSPARENT", "URL:javascript:x", 1))
    assert ics_faults(ics.replace("\r\n", "\n"))
    assert ics_faults(ics.replace("TRANSP:TRANSPARENT", "X-LONG:" + "y" * 80, 1))


# ----------------------------------------------------------------------------- the corpus


def test_corpus_covers_every_kind_of_hostile_text() -> None:
    assert len(HOSTILE) >= 50
    assert len(set(HOSTILE)) == len(HOSTILE)
    assert HOSTILE_LARGE in HOSTILE
    assert len(HOSTILE_LARGE) == 100 * 1024
    kinds: dict[str, Callable[[str], bool]] = {
        "script tag": lambda s: "<script" in s.lower(),
        "event handler": lambda s: re.search(r"on(error|load|toggle)=", s) is not None,
        "<body onload>": lambda s: "<body onload" in s,
        "javascript: URL with a tab": lambda s: "java\tscript:" in s,
        "data: URL": lambda s: "data:" in s.lower(),
        "markdown link": lambda s: "](javascript:" in s,
        "markdown image": lambda s: "![" in s,
        "reference link": lambda s: re.search(r"^\[\w+\]: javascript:", s, re.M) is not None,
        "autolink": lambda s: s.startswith("<javascript:"),
        "entity": lambda s: "&#x3C;" in s or "&lt;" in s,
        "NUL": lambda s: "\x00" in s,
        "RTL override": lambda s: "\u202e" in s,
        "zero width": lambda s: "\u200b" in s,
        "ZWJ emoji": lambda s: "\u200d\U0001f469" in s,
        "flag": lambda s: "\U0001f1fa\U0001f1f8" in s,
        "zalgo": lambda s: sum(unicodedata.combining(c) > 0 for c in s) >= 20,
        "iCalendar break": lambda s: "\r\nEND:VEVENT\r\n" in s,
        "long line": lambda s: 200 < len(s) < 1000 and "\n" not in s,
        "JSON quote and backslash": lambda s: '"' in s and "\\" in s,
        "template": lambda s: "{{" in s,
        "placeholder": lambda s: "${" in s,
        "formula": lambda s: s.startswith("=HYPERLINK("),
        "vbscript: URL": lambda s: s.lower().startswith("vbscript:"),
    }
    missing = [kind for kind, test in kinds.items() if not any(test(s) for s in HOSTILE)]
    assert not missing, missing


def test_every_executable_entry_calls_the_canary() -> None:
    """So a browser test that defines window.__canary can tell if anything ever ran."""
    silent = [
        index
        for index, hostile in enumerate(HOSTILE)
        if EXECUTABLE.search(hostile) and CANARY not in hostile and PWNED not in hostile
    ]
    assert not silent, [HOSTILE[index][:60] for index in silent]


def test_report_how_much_was_tried(
    capsys: pytest.CaptureFixture[str], record_property: Callable[[str, object], None]
) -> None:
    strings, fields = len(HOSTILE), len(TEXT_FIELDS)
    assert strings >= 50
    assert fields >= 10, "every checklist's free-text fields should be found"
    distinct = sum(
        len({trimmed(field, hostile, limit) for hostile in HOSTILE})
        for _, field, limit in TEXT_FIELDS
    )
    line = (
        f"hostile strings × free-text fields: {strings} × {fields} = {strings * fields} "
        f"({distinct} distinct once trimmed to each field's max_length)"
    )
    record_property("hostile_combinations", strings * fields)
    record_property("hostile_distinct_values", distinct)
    with capsys.disabled():
        print(f"\n{line}")


# ----------------------------------------------------------------------------- the import path


def import_text(text: str, checklist_id: str = "self-debrief") -> dict[str, Any]:
    """The "import" widget as the page calls it: JSON in, JSON the browser can parse out."""
    request = json.dumps({"definition": LOADED[checklist_id].raw, "text": text})
    result = strict_json(api.run_json("import", request))
    assert result["ok"] is True, result
    output: dict[str, Any] = result["output"]
    return output


def envelope_text(answers: str, checklist_id: str = "self-debrief") -> str:
    """An export with ``answers`` spliced in as raw JSON text."""
    version = LOADED[checklist_id].model.version
    return (
        f'{{"format": "{checklist_state.FORMAT}", "schema": {checklist_state.SCHEMA}, '
        f'"checklist": "{checklist_id}", "version": {version}, "answers": {answers}, "set_aside": {{}}}}'
    )


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


REFUSED = [
    pytest.param("", "not valid JSON", id="empty"),
    pytest.param('{"format": "irp-checklist"', "not valid JSON", id="truncated"),
    pytest.param("{'format': 'irp-checklist'}", "not valid JSON", id="single-quotes"),
    pytest.param('{"a": 1,}', "not valid JSON", id="trailing-comma"),
    pytest.param('{"a": 1} trailing', "not valid JSON", id="trailing-text"),
    pytest.param("\x00", "not valid JSON", id="nul"),
    pytest.param("<html><script>window.__canary()</script>", "not valid JSON", id="html"),
    pytest.param("[]", "expected a JSON object", id="array"),
    pytest.param('"answers"', "expected a JSON object", id="string"),
    pytest.param("42", "expected a JSON object", id="number"),
    pytest.param("null", "expected a JSON object", id="null"),
    pytest.param("{}", "not exported from", id="empty-object"),
    pytest.param('{"format": "other"}', "not exported from", id="other-format"),
    pytest.param(
        envelope_text("{}").replace('"self-debrief"', '"<script>x</script>"'),
        "belong to the checklist",
        id="other-checklist",
    ),
    pytest.param(
        envelope_text("{}").replace('"schema": 1', '"schema": "1"'),
        "newer version",
        id="schema-string",
    ),
    pytest.param(
        envelope_text("{}").replace('"schema": 1', '"schema": 99'), "newer version", id="schema-99"
    ),
    pytest.param(
        envelope_text("{}").replace('"schema": 1', '"schema": true'),
        "newer version",
        id="schema-bool",
    ),
    pytest.param(envelope_text("[]"), "missing or damaged", id="answers-array"),
    pytest.param(envelope_text('"all of them"'), "missing or damaged", id="answers-string"),
    pytest.param("x" * (checklist_state.MAX_IMPORT_CHARS + 1), "too large", id="oversized-junk"),
    pytest.param(
        envelope_text("{}") + " " * checklist_state.MAX_IMPORT_CHARS,
        "too large",
        id="oversized-export",
    ),
    pytest.param(deep(10_000), "nested too deeply", id="nested-lists-10k"),
    pytest.param(deep(99_000), "nested too deeply", id="nested-lists-99k"),
    pytest.param(
        '{"a": ' * 10_000 + "1" + "}" * 10_000, "nested too deeply", id="nested-objects-10k"
    ),
    pytest.param(
        envelope_text(f'{{"company-name": {deep(10_000)}}}'),
        "nested too deeply",
        id="nested-answer",
    ),
    pytest.param(envelope_text('{"follow-ups-sent": 1e999}'), "not valid JSON", id="1e999"),
    pytest.param(envelope_text('{"follow-ups-sent": -1e999}'), "not valid JSON", id="-1e999"),
    pytest.param(envelope_text('{"follow-ups-sent": NaN}'), "not valid JSON", id="NaN"),
    pytest.param(envelope_text('{"follow-ups-sent": Infinity}'), "not valid JSON", id="Infinity"),
    pytest.param(envelope_text('{"old-item": -Infinity}'), "not valid JSON", id="-Infinity-aside"),
    pytest.param(
        envelope_text('{"follow-ups-sent": 1' + "0" * 400 + "}"), "not valid JSON", id="10e400-int"
    ),
    pytest.param(
        envelope_text('{"follow-ups-sent": ' + "9" * 5000 + "}"), "not valid JSON", id="5000-digits"
    ),
]


@pytest.mark.parametrize(("text", "words"), REFUSED)
def test_import_refuses_with_a_clear_message(text: str, words: str) -> None:
    output = import_text(text)
    assert output["ok"] is False
    assert set(output) == {"ok", "message"}, "a refused import must not offer answers to apply"
    message = output["message"]
    assert isinstance(message, str)
    assert words.lower() in message.lower(), message
    assert len(message) <= 300, f"a message should be short enough to read: {message[:80]}..."


def test_import_keeps_numbers_that_fit() -> None:
    """The refusals above are about JSON a browser would not write, not about big or odd numbers."""
    output = import_text(envelope_text('{"follow-ups-sent": 2, "old-item": 1.5e300, "other": -7}'))
    assert output["ok"], output
    assert output["answers"] == {"follow-ups-sent": 2}
    assert output["set_aside"] == {"old-item": 1.5e300, "other": -7}
    nested = import_text(envelope_text(f'{{"old-item": {deep(200)}}}'))
    assert nested["ok"], nested


def test_import_sets_aside_hostile_keys_and_shows_them_as_text() -> None:
    """Keys the checklist does not know are kept aside word for word, then summarized safely."""
    by_key = {hostile: index for index, hostile in enumerate(HOSTILE)}
    by_value = {f"old-item-{index}": hostile for index, hostile in enumerate(HOSTILE)}
    answers = {**BASE_ANSWERS["self-debrief"]}
    for kept in (by_key, by_value):
        text = json.dumps(
            checklist_state.envelope(LOADED["self-debrief"].model, {**answers, **kept}, {}),
            ensure_ascii=False,
        )
        assert len(text) <= checklist_state.MAX_IMPORT_CHARS
        output = import_text(text)
        assert output["ok"], output
        assert output["answers"] == answers
        assert output["set_aside"] == kept
        assert output["problems"] == []
        assert any("kept aside" in notice for notice in output["notices"])
        restored = api.run(
            "restore", {"definition": LOADED["self-debrief"].raw, "state": json.loads(text)}
        )
        assert restored["ok"]
        assert restored["output"]["set_aside"] == kept

        progress = api.run(
            "progress", payload("self-debrief", output["answers"], set_aside=output["set_aside"])
        )
        assert progress["ok"], progress
        assert sorted(progress["output"]["set_aside"]) == sorted(kept)
        markdown = progress["output"]["summary_markdown"]
        allowed = allowed_anywhere("self-debrief")
        for mode in RENDERERS:
            page = render(mode, markdown)
            assert html_faults(page, allowed) == [], mode
            hidden = [
                index
                for index, (key, value) in enumerate(kept.items())
                if flat(key) not in page.text
                or (isinstance(value, str) and flat(value) not in page.text)
            ]
            assert not hidden, f"{mode}: kept-aside entries not shown as typed: {hidden}"
