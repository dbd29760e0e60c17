"""Business days bound to the reader's region, and which holidays moved a step.

The planners count every wait in business days. Binding the region's holidays
into one object means no scheduling call can forget them, and keeping a
weekends-only twin (:data:`PLAIN`) lets a planner tell whether a holiday is
what moved a step, so the plan can say so in plain words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from py_widgets import business_days as bd
from py_widgets.date_text import MONTHS, WEEKDAYS
from py_widgets.holidays import REGIONS, Holiday, HolidayCalendar


@dataclass(frozen=True)
class Days:
    """Business-day arithmetic bound to the reader's region, so no call can forget the holidays.

    The scheduling code asks this object, never :mod:`business_days` directly,
    and asks :data:`PLAIN` for the weekends-only answer when it needs to tell
    whether a holiday is what moved a step.
    """

    calendar: HolidayCalendar | None = None

    @property
    def holidays(self) -> Container[dt.date]:
        return self.calendar if self.calendar is not None else bd.NO_HOLIDAYS

    def is_business_day(self, day: dt.date) -> bool:
        return bd.is_business_day(day, holidays=self.holidays)

    def on_or_after(self, day: dt.date) -> dt.date:
        return bd.on_or_after(day, holidays=self.holidays)

    def add(self, day: dt.date, count: int) -> dt.date:
        return bd.add_business_days(day, count, holidays=self.holidays)

    def end_of_week(self, day: dt.date) -> dt.date:
        return bd.end_of_week(day, holidays=self.holidays)

    def send_day(self, ideal: dt.date, today: dt.date) -> dt.date:
        """Nothing is planned in the past or on a day off: late steps move to the next business day from today."""
        return self.on_or_after(max(ideal, today))

    def holiday(self, day: dt.date) -> Holiday | None:
        return self.calendar.get(day) if self.calendar is not None else None

    def named_day_off(self, day: dt.date) -> str | None:
        """ "Thanksgiving Day in the US" when ``day`` is a weekday holiday here; None otherwise."""
        holiday = self.holiday(day)
        if day.weekday() >= bd.SATURDAY or holiday is None or self.calendar is None:
            return None
        return f"{holiday_name(holiday)} in {self.calendar.place}"

    def weekday_holidays(self, first: dt.date, last: dt.date) -> tuple[Holiday, ...]:
        """Holidays from ``first`` to ``last`` that would otherwise have been working days."""
        if self.calendar is None or last < first:
            return ()
        return tuple(
            h for h in self.calendar.between(first, last) if h.date.weekday() < bd.SATURDAY
        )


PLAIN = Days()


@cache
def days_for(region: str | None) -> Days:
    """One shared, immutable calendar per region; plans ask for it on every date they work out."""
    return Days(HolidayCalendar(region)) if region in REGIONS else PLAIN


class Move(NamedTuple):
    """The holidays that moved a step, and whether the step would have fallen on one of them."""

    holidays: tuple[Holiday, ...]
    landed: bool


def moved_by_holidays(
    days: Days,
    date: dt.date,
    plain_date: dt.date,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Move | None:
    """The holidays that put a step on ``date`` rather than on its weekends-only ``plain_date``.

    Holidays between the two dates were stepped over. When a counted wait set
    the date, ``since`` is the first day it counted (or ``until`` the last, for
    a wait counted back from a deadline), and every holiday in that span was
    skipped too. Leave both out when the date came from something else, such as
    today's date for a late step, or a long-past interview would name a year of
    holidays. A step that lands where it would have anyway names none.
    """
    if date == plain_date:
        return None
    first = min(since or date, date, plain_date)
    last = max(date, plain_date, until or date)
    holidays = days.weekday_holidays(first, last)
    if not holidays:
        return None
    return Move(holidays, any(h.date == plain_date for h in holidays))


def holiday_name(holiday: Holiday) -> str:
    """A holiday's name as it reads inside a sentence: "the day off for Independence Day"."""
    name = holiday.name
    if name.endswith("bank holiday"):
        name = f"the {name[0].lower()}{name[1:]}"
    return f"the day off for {name}" if holiday.substitute else name


def spoken_date(day: dt.date, today: dt.date) -> str:
    """A date as someone would write it in an email: the year only when it is not this year's."""
    text = f"{WEEKDAYS[day.weekday()]}, {MONTHS[day.month - 1]} {day.day}"
    return text if day.year == today.year else f"{text}, {day.year}"


def moved_sentence(days: Days, move: Move, date: dt.date, today: dt.date) -> str:
    """One plain sentence naming the holidays that moved a step, and where it went.

    ``move.landed`` says the step would have fallen on one of them; otherwise they
    sat inside its wait, and the sentence says they were not counted. Every
    planner uses this wording, so a moved step reads the same on every page.
    """
    holidays = move.holidays
    place = days.calendar.place if days.calendar is not None else ""
    named = [f"{spoken_date(h.date, today)} is {holiday_name(h)}" for h in holidays]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    if move.landed:
        return f"{listed} in {place}, so this moves to {spoken_date(date, today)}."
    counted = (
        "it isn't counted as a business day"
        if len(holidays) == 1
        else "they aren't counted as business days"
    )
    return f"{listed} in {place}, so {counted}, and this moves to {spoken_date(date, today)}."


def holiday_note(region: str | None) -> str:
    """Which days off the dates avoid, so nobody has to guess whether a holiday was counted."""
    if region == "us":
        return "Dates also skip US federal holidays."
    if region == "uk-ew":
        return (
            "Dates also skip bank holidays in England and Wales, but not one-off ones such as a "
            "coronation."
        )
    if region == "none":
        return "Public holidays are not skipped, as you chose, so move a step if it lands on one."
    return "Public holidays are not skipped yet: pick your region in the checklist to skip them."
