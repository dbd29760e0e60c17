"""Plumbing shared by the two debrief widgets: dates, answers and short quotes.

Both widgets turn a filled-in checklist into dated next steps. They share the
rules for reading ``today``, for counting business days in the reader's region
and for quoting what someone typed, so a candidate and a recruiter see the
same conventions, and the same words as the follow-up planner when a public
holiday moves a step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from py_widgets.checklist import Answer, Answers, Checklist, check_answers, parse_definition
from py_widgets.date_text import MONTHS, WEEKDAYS
from py_widgets.markdown_text import clean_text
from py_widgets.problems import Problem
from py_widgets.workdays import (
    PLAIN,
    Days,
    days_for,
    holiday_note,
    moved_by_holidays,
    moved_sentence,
)

REGION_ITEM = "holidays"
REGION_CHOICES = ("us", "uk-ew", "none")


@dataclass(frozen=True)
class Dated:
    """A planned date, and the sentence naming the holidays that moved it ("" when none did)."""

    date: dt.date
    moved: str = ""


@dataclass(frozen=True)
class Planner:
    """Business days in the reader's region, for every dated step of one plan.

    Each date is worked out twice, once with the region's holidays and once with
    weekends only, by the same rule. When the two differ, a holiday moved the
    step, and :meth:`plan` says which one in the follow-up planner's words.
    """

    region: str | None
    today: dt.date

    @property
    def days(self) -> Days:
        return days_for(self.region)

    @property
    def note(self) -> str:
        """The one sentence on which days off the dates avoid."""
        return holiday_note(self.region)

    def plan(self, rule: Callable[[Days], dt.date], since: dt.date | None = None) -> Dated:
        """The date ``rule`` gives in the region, named if a holiday moved it.

        ``since`` is the first day a counted wait counted, as for
        :func:`~py_widgets.workdays.moved_by_holidays`; leave it out when the
        date did not come from counting business days.
        """
        days = self.days
        date = rule(days)
        move = moved_by_holidays(days, date, rule(PLAIN), since)
        return Dated(date, "" if move is None else moved_sentence(days, move, date, self.today))

    def after(self, day: dt.date, count: int) -> Dated:
        """The ``count``-th business day after ``day``."""
        return self.plan(lambda days: days.add(day, count), day + dt.timedelta(days=1))

    def latest(self, *waits: tuple[dt.date, int], floor: dt.date | None = None) -> Dated:
        """The latest of several counted waits (``count`` business days after ``start``), not before ``floor``.

        Holidays are named inside whichever wait set the date, so a check-in held
        back by the day after a late note does not name one from the interview's wait.
        """
        days = self.days
        start = max(waits, key=lambda wait: days.add(*wait))[0]

        def rule(days: Days) -> dt.date:
            latest = max(days.add(begin, count) for begin, count in waits)
            return latest if floor is None else max(latest, floor)

        return self.plan(rule, start + dt.timedelta(days=1))

    def on_or_after(self, day: dt.date) -> Dated:
        """``day``, or the next business day when it is a day off."""
        return self.plan(lambda days: days.on_or_after(day))


def relative_day(day: dt.date, today: dt.date) -> str:
    """How a due date reads next to today's date: "today", "tomorrow" or the weekday and date."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    return f"{WEEKDAYS[day.weekday()]} {MONTHS[day.month - 1][:3]} {day.day}"


def spoken_day(day: dt.date | None, today: dt.date) -> str:
    """A past day as a message would mention it: "today", "yesterday", "on Tuesday"."""
    if day is None:
        return "on [day]"
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if 1 < delta < 7:
        return f"on {WEEKDAYS[day.weekday()]}"
    return f"on {MONTHS[day.month - 1]} {day.day}"


def read_today(payload: Mapping[str, Any], problems: list[Problem]) -> dt.date:
    """The visitor's own calendar date, sent by the page; the device clock is only a fallback."""
    raw = payload.get("today")
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            pass
    if raw is not None:
        problems.append(Problem("today", "expected today's date as YYYY-MM-DD"))
    return dt.date.today()


@dataclass(frozen=True)
class Form:
    """A definition together with answers that already passed its type checks."""

    checklist: Checklist
    answers: Answers

    def value(self, item_id: str) -> Answer:
        return self.answers.values.get(item_id)

    def text(self, item_id: str) -> str:
        """Typed text with surrounding space removed, or "" when unanswered."""
        value = self.value(item_id)
        return clean_text(value).strip() if isinstance(value, str) else ""

    def choice(self, item_id: str) -> str:
        value = self.value(item_id)
        return value if isinstance(value, str) else ""

    def choices(self, item_id: str) -> list[str]:
        value = self.value(item_id)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def checked(self, item_id: str) -> bool | None:
        """True or False when the box was sent either way, None when it was not sent at all."""
        value = self.value(item_id)
        return value if isinstance(value, bool) else None

    def number(self, item_id: str) -> float | None:
        value = self.value(item_id)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)

    def date(self, item_id: str) -> dt.date | None:
        value = self.value(item_id)
        if not isinstance(value, str):
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None

    def option_label(self, item_id: str, value: str) -> str:
        item = self.checklist.item(item_id)
        labels = dict(item.options) if item else {}
        return labels.get(value, value)

    def choice_label(self, item_id: str) -> str:
        value = self.choice(item_id)
        return self.option_label(item_id, value) if value else ""


def read_region(form: Form) -> str | None:
    """The public holidays to skip, or None while unanswered (then weekends only, as before)."""
    region = form.choice(REGION_ITEM)
    return region if region in REGION_CHOICES else None


def read_form(payload: Mapping[str, Any]) -> Form:
    """Parse the definition (raising InputError if the build shipped a broken one) and check answers."""
    checklist = parse_definition(payload.get("definition"))
    raw = payload.get("answers", {})
    return Form(checklist, check_answers(checklist, {} if raw is None else raw))


def excerpt(text: str, limit: int = 160, keyword: str = "") -> str:
    """At most ``limit`` characters of ``text`` on one line, cut at a word and marked with "…".

    With a ``keyword``, the window is centered on its first occurrence, so the
    phrase that triggered a rule stays visible even deep inside a long note.
    """
    flat = " ".join(clean_text(text).split())
    if len(flat) <= limit:
        return flat
    start = 0
    found = flat.lower().find(keyword.lower()) if keyword else -1
    if found > limit // 3:
        start = min(found - limit // 3, len(flat) - limit)
    end = start + limit - 2
    window = flat[start:end]
    if end < len(flat) and " " in window[limit // 2 :]:
        window = window[: window.rfind(" ")]
    if start > 0 and " " in window[: limit // 3]:
        window = window[window.find(" ") + 1 :]
    window = window.strip()
    prefix = "…" if start > 0 else ""
    suffix = "…" if not flat.endswith(window) else ""
    return f"{prefix}{window}{suffix}"


def problem_dicts(problems: list[Problem]) -> list[dict[str, str]]:
    return [problem.as_dict() for problem in problems]
