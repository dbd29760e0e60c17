"""The calendar export, read back by icalendar and by an independent strict RFC 5545 reader.

Host only: icalendar is not installed in the Pyodide test run. Two readers
because icalendar is also the writer, and a library tends to accept what it
produces; the small reader below follows RFC 5545 sections 3.1 (content lines,
folding), 3.3.11 (TEXT escaping) and 3.6 (components) and refuses anything
loose.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from icalendar import Calendar

from py_widgets import followup
from py_widgets.followup import Facts, Plan, Reading, Step
from tests.properties.followup_strategies import DEFINITION, valid_payloads

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 3, 10, 8, 30, 15, tzinfo=dt.UTC)

NAME = re.compile(r"[A-Za-z0-9-]+")
PARAM_TEXT = re.compile(r'[^";:,\x00-\x08\x0a-\x1f\x7f]*')
QUOTED = re.compile(r'"[^"\x00-\x08\x0a-\x1f\x7f]*"')
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "PRODID", "UID"}


class StrictError(AssertionError):
    pass


@dataclass
class Prop:
    name: str
    params: dict[str, str]
    value: str


@dataclass
class Component:
    name: str
    props: list[Prop] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def all(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name]

    def one(self, name: str) -> Prop:
        found = self.all(name)
        if len(found) != 1:
            raise StrictError(f"{self.name}: expected exactly one {name}, found {len(found)}")
        return found[0]


def unfold(data: bytes) -> list[str]:
    """Section 3.1: CRLF line breaks, at most 75 octets a line, folds never split a UTF-8 character."""
    if not data.endswith(b"\r\n"):
        raise StrictError("the last line must end with CRLF")
    physical = data[:-2].split(b"\r\n")
    lines: list[str] = []
    for number, raw in enumerate(physical, start=1):
        if b"\r" in raw or b"\n" in raw:
            raise StrictError(f"line {number}: bare CR or LF")
        if len(raw) > 75:
            raise StrictError(f"line {number}: {len(raw)} octets, more than 75")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise StrictError(f"line {number}: a fold split a UTF-8 character") from error
        if text[:1] in (" ", "\t"):
            if not lines:
                raise StrictError("the first line cannot be a continuation")
            lines[-1] += text[1:]
        elif not text:
            raise StrictError(f"line {number}: empty content line")
        else:
            lines.append(text)
    return lines


def parse_line(line: str) -> Prop:
    """``name *(";" param) ":" value``, with quoted parameter values allowed to hold ``:`` and ``;``."""
    match = NAME.match(line)
    if not match:
        raise StrictError(f"no property name in {line!r}")
    name, position = match.group().upper(), match.end()
    params: dict[str, str] = {}
    while line[position : position + 1] == ";":
        key = NAME.match(line, position + 1)
        if not key or line[key.end() : key.end() + 1] != "=":
            raise StrictError(f"bad parameter in {line!r}")
        value = QUOTED.match(line, key.end() + 1) or PARAM_TEXT.match(line, key.end() + 1)
        assert value is not None
        params[key.group().upper()] = value.group().strip('"')
        position = value.end()
    if line[position : position + 1] != ":":
        raise StrictError(f"expected ':' in {line!r}")
    value_text = line[position + 1 :]
    if CONTROL.search(value_text):
        raise StrictError(f"control character in the value of {name}")
    return Prop(name, params, value_text)


def unescape_text(value: str, name: str) -> str:
    """Section 3.3.11: only \\\\ \\; \\, \\n \\N are escapes, and a bare ; or , is not allowed in TEXT."""
    out: list[str] = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\":
            pair = value[index : index + 2]
            mapping = {"\\\\": "\\", "\\;": ";", "\\,": ",", "\\n": "\n", "\\N": "\n"}
            if pair not in mapping:
                raise StrictError(f"{name}: bad escape {pair!r}")
            out.append(mapping[pair])
            index += 2
            continue
        if char in ";,":
            raise StrictError(f"{name}: unescaped {char!r}")
        out.append(char)
        index += 1
    return "".join(out)


def strict_parse(ics: str) -> Component:
    stack: list[Component] = []
    root: Component | None = None
    for line in unfold(ics.encode("utf-8")):
        prop = parse_line(line)
        if prop.name == "BEGIN":
            component = Component(prop.value.upper())
            if stack:
                stack[-1].children.append(component)
            elif root is not None:
                raise StrictError("more than one top-level component")
            else:
                root = component
            stack.append(component)
        elif prop.name == "END":
            if not stack or stack[-1].name != prop.value.upper():
                raise StrictError(f"END:{prop.value} does not match")
            stack.pop()
        else:
            if not stack:
                raise StrictError(f"{prop.name} outside any component")
            if prop.name in TEXT_PROPERTIES:
                prop.value = unescape_text(prop.value, prop.name)
            stack[-1].props.append(prop)
    if stack or root is None:
        raise StrictError("unterminated or missing VCALENDAR")
    return root


def check_rfc5545(calendar: Component) -> list[Component]:
    """The structural rules an importer relies on; returns the events."""
    assert calendar.name == "VCALENDAR"
    assert calendar.one("VERSION").value == "2.0"
    assert calendar.one("PRODID").value
    events = [c for c in calendar.children if c.name == "VEVENT"]
    assert events, "RFC 5545 needs at least one component in a calendar"
    uids = [event.one("UID").value for event in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        assert re.fullmatch(r"\d{8}T\d{6}Z", event.one("DTSTAMP").value)
        start, end = event.one("DTSTART"), event.one("DTEND")
        assert start.params.get("VALUE") == "DATE"
        assert end.params.get("VALUE") == "DATE"
        assert re.fullmatch(r"\d{8}", start.value)
        assert end.value > start.value
        for alarm in event.children:
            assert alarm.name == "VALARM"
            assert alarm.one("ACTION").value == "DISPLAY"
            assert alarm.one("TRIGGER").value
            assert alarm.one("DESCRIPTION").value
    return events


def payload(answers: dict[str, Any], today: str) -> dict[str, Any]:
    return {"definition": DEFINITION, "answers": answers, "today": today}


BUSY = payload(
    {
        "interview-date": "2026-03-02",
        "interview-time": "15:00",
        "stage": "panel",
        "interviewer-count": "3",
        "told-next-steps": "date",
        "told-date": "2026-03-13",
        "thank-you-sent": "yes",
        "thank-you-date": "2026-03-03",
        "follow-up-dates": "2026-03-04",
        "callback-slipped": True,
        "competing-offer-deadline": "2026-03-20",
    },
    "2026-03-05",
)


def both_ways(ics: str, steps: list[dict[str, Any]]) -> None:
    """Read the file with both readers and find every step, word for word, in each."""
    events = check_rfc5545(strict_parse(ics))
    assert len(events) == len(steps)
    by_start = sorted(events, key=lambda e: e.one("DTSTART").value)
    library = Calendar.from_ical(ics)
    library_events = list(library.walk("VEVENT"))
    assert len(library_events) == len(steps)
    for step, event, other in zip(steps, by_start, library_events, strict=True):
        date = dt.date.fromisoformat(step["date"])
        prefix = "Done: " if step["status"] == "done" else ""
        assert event.one("DTSTART").value == date.strftime("%Y%m%d")
        assert event.one("SUMMARY").value == prefix + step["title"]
        description = event.one("DESCRIPTION").value
        assert step["what"] in description
        assert step["template"] in description
        assert bool(event.children) == (step["status"] != "done")
        assert other.decoded("dtstart") == date
        assert str(other["summary"]) == prefix + step["title"]
        assert str(other["description"]) == description
        assert str(other["uid"]) == event.one("UID").value


def test_busy_plan_reads_back_identically_with_both_readers() -> None:
    output = followup.compute(BUSY)
    ics = followup.calendar_ics(BUSY, now=NOW)
    both_ways(ics, sorted(output["steps"], key=lambda s: s["date"]))
    assert "DTSTAMP:20260310T083015Z" in ics


def test_export_is_deterministic_and_uids_survive_a_new_today() -> None:
    first = followup.calendar_ics(BUSY, now=NOW)
    assert followup.calendar_ics(BUSY, now=NOW) == first
    later = {**BUSY, "today": "2026-03-09"}
    uid = re.compile(r"UID:(.+)")
    earlier_uids = set(uid.findall(first.replace("\r\n ", "")))
    later_uids = set(uid.findall(followup.calendar_ics(later, now=NOW).replace("\r\n ", "")))
    assert earlier_uids & later_uids, "steps that remain must keep their UID"


def test_default_stamp_is_now_in_utc() -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    calendar = strict_parse(followup.calendar_ics(BUSY))
    stamp = dt.datetime.strptime(
        calendar.children[0].one("DTSTAMP").value, "%Y%m%dT%H%M%SZ"
    ).replace(tzinfo=dt.UTC)
    assert before <= stamp <= dt.datetime.now(dt.UTC)


def test_escaping_and_folding_of_awkward_text() -> None:
    """Backslashes, separators, newlines and multi-byte characters on fold boundaries survive."""
    facts = Facts(
        today=dt.date(2026, 3, 10),
        interview=dt.date(2026, 3, 9),
        start_hour=None,
        stage="panel",
        interviewers=None,
        told="nothing",
        told_date=None,
        told_weeks=None,
        thank_you_sent=False,
        thank_you_date=None,
        follow_ups=(),
        missed_call=False,
        callback_slipped=False,
        offer_deadline=None,
    )
    awkward = (
        "Café; naïve, “quoted” \\ back\\slash – 日本語のテキスト 🎉 " * 6
        + "\nsecond line, with a comma; and a semicolon"
    )
    step = Step(
        "thank-you",
        dt.date(2026, 3, 10),
        "due",
        "Ünïcode title, with; separators",
        awkward,
        "why",
        awkward,
        "playbooks/thank-you-timing",
        4,
    )
    plan = Plan(steps=[step])
    ics: bytes = followup._calendar(Reading(facts=facts), plan, NOW).to_ical()
    text = ics.decode("utf-8")
    events = check_rfc5545(strict_parse(text))
    assert events[0].one("SUMMARY").value == step.title
    assert events[0].one("DESCRIPTION").value.startswith(awkward + "\n\nWhy: why")
    library_event = next(iter(Calendar.from_ical(text).walk("VEVENT")))
    assert str(library_event["summary"]) == step.title
    assert str(library_event["description"]) == events[0].one("DESCRIPTION").value


def test_strict_reader_refuses_loose_files() -> None:
    good = followup.calendar_ics(BUSY, now=NOW)
    with pytest.raises(StrictError):
        strict_parse(good.replace("\r\n", "\n"))
    with pytest.raises(StrictError):
        strict_parse(good.replace("\r\n ", ""))  # unfolded: lines longer than 75 octets
    with pytest.raises(StrictError):
        strict_parse(good.replace("\\,", ",", 1))
    with pytest.raises(StrictError):
        strict_parse(good.replace("END:VEVENT", "END:VTODO", 1))


def test_calendar_file_is_ready_for_the_download_button() -> None:
    file = followup.calendar_file(BUSY)
    assert file["filename"].endswith(".ics")
    assert file["type"] == "text/calendar"
    check_rfc5545(strict_parse(file["content"]))


@settings(max_examples=60, deadline=None, database=None)
@given(valid_payloads())
def test_any_plan_exports_cleanly(random_payload: dict[str, Any]) -> None:
    steps = followup.compute(random_payload)["steps"]
    ics = followup.calendar_ics(random_payload, now=NOW)
    both_ways(ics, sorted(steps, key=lambda s: s["date"]))


def test_the_calendar_library_loads_only_for_the_export() -> None:
    """The first result must not pay for importing icalendar; checked in a fresh interpreter."""
    script = (
        "import json, sys\n"
        "from py_widgets import followup\n"
        f"payload = json.loads({json.dumps(json.dumps(BUSY))})\n"
        "followup.compute(payload)\n"
        "print('icalendar' in sys.modules)\n"
        "followup.calendar_ics(payload)\n"
        "print('icalendar' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.split() == ["False", "True"]


def test_the_calendar_uses_the_same_holiday_aware_dates_as_the_plan() -> None:
    """Thanksgiving 2026 is a Thursday: the US plan and its calendar both move the check-in to Friday."""
    case = json.loads(
        (ROOT / "tests/unit/fixtures/followup/holidays-thanksgiving-us.json").read_text("utf-8")
    )
    payload = {"definition": DEFINITION, "answers": case["answers"], "today": case["today"]}
    events = Calendar.from_ical(followup.calendar_ics(payload, now=NOW)).walk("VEVENT")
    starts = sorted(event.decoded("DTSTART").isoformat() for event in events)
    planned = sorted(step["date"] for step in followup.compute(payload)["steps"])
    assert starts == planned
    assert "2026-11-27" in starts
    assert "2026-11-26" not in starts
