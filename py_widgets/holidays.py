"""Public holidays worked out by rule, so a follow-up plan never lands on a day off.

A recruiter who is off for Thanksgiving or a bank holiday reads mail the next
working day at the earliest, so a check-in planned for that day is planned for
nobody. The dates come from the rules in law, not from a downloaded table: the
site has no server and no third-party hosts, and a rule works for any year
without an update.

Only recurring holidays are covered. One-off days proclaimed for a single year
(a coronation, a jubilee, a state funeral, or a bank holiday moved for an
anniversary, as in May 2020) are not in any rule, so they are not here either;
the page says so where the region is chosen. The US rules are today's: they
give Juneteenth from 2021 and Martin Luther King Jr. Day from 1986, but do not
replay older changes such as the 1971 move of several holidays to Mondays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

ONE_DAY = dt.timedelta(days=1)
MONDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = 0, 3, 4, 5, 6

#: Region codes as the checklist stores them, with the words a sentence uses for them.
REGIONS: Final[dict[str, str]] = {
    "us": "the US",
    "uk-ew": "England and Wales",
}


@dataclass(frozen=True)
class Holiday:
    """A day off work, with the name a reader knows it by.

    ``in_place_of`` is set on a weekday off that stands in for a holiday that
    fell on a weekend ("observed" in the US, "substitute day" in the UK),
    because "Friday, July 3 is Independence Day" would read as a mistake; the
    plan says "the day off for Independence Day" instead.
    """

    date: dt.date
    name: str
    in_place_of: str = ""

    @property
    def substitute(self) -> bool:
        return bool(self.in_place_of)

    @property
    def title(self) -> str:
        """The name as official lists print it."""
        return f"{self.name} ({self.in_place_of})" if self.in_place_of else self.name


def easter_sunday(year: int) -> dt.date:
    """Easter by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).

    It is exact for every Gregorian year and needs only integer arithmetic,
    which is why it is used here rather than an approximation or a table.
    """
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month; negative n counts from the end, as in "last Monday of May"."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = (dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)) - ONE_DAY
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-n - 1))


# ---------------------------------------------------------------- United States


def _us_actual(year: int) -> list[Holiday]:
    """The holidays on their legal dates, before the weekend rule moves any of them."""
    days = [Holiday(dt.date(year, 1, 1), "New Year's Day")]
    if year >= 1986:
        days.append(Holiday(_nth_weekday(year, 1, MONDAY, 3), "Martin Luther King Jr. Day"))
    days += [
        Holiday(_nth_weekday(year, 2, MONDAY, 3), "Washington's Birthday"),
        Holiday(_nth_weekday(year, 5, MONDAY, -1), "Memorial Day"),
    ]
    if year >= 2021:
        days.append(Holiday(dt.date(year, 6, 19), "Juneteenth National Independence Day"))
    days += [
        Holiday(dt.date(year, 7, 4), "Independence Day"),
        Holiday(_nth_weekday(year, 9, MONDAY, 1), "Labor Day"),
        Holiday(_nth_weekday(year, 10, MONDAY, 2), "Columbus Day"),
        Holiday(dt.date(year, 11, 11), "Veterans Day"),
        Holiday(_nth_weekday(year, 11, THURSDAY, 4), "Thanksgiving Day"),
        Holiday(dt.date(year, 12, 25), "Christmas Day"),
    ]
    return days


def _us_observed(holiday: Holiday) -> Holiday:
    """Federal rule (5 U.S.C. 6103): Saturday is observed on Friday, Sunday on Monday."""
    weekday = holiday.date.weekday()
    if weekday == SATURDAY:
        return Holiday(holiday.date - ONE_DAY, holiday.name, "observed")
    if weekday == SUNDAY:
        return Holiday(holiday.date + ONE_DAY, holiday.name, "observed")
    return holiday


def _us(year: int) -> list[Holiday]:
    # New Year's Day on a Saturday is observed on December 31 of the year before,
    # so a year's days off include the next year's New Year when that happens.
    candidates = _us_actual(year)
    if year < dt.MAXYEAR:
        candidates.append(Holiday(dt.date(year + 1, 1, 1), "New Year's Day"))
    observed = [_us_observed(holiday) for holiday in candidates]
    return [holiday for holiday in observed if holiday.date.year == year]


# ---------------------------------------------------------------- England and Wales


def _uk_ew(year: int) -> list[Holiday]:
    easter = easter_sunday(year)
    fixed = [
        Holiday(dt.date(year, 1, 1), "New Year's Day"),
        Holiday(dt.date(year, 12, 25), "Christmas Day"),
        Holiday(dt.date(year, 12, 26), "Boxing Day"),
    ]
    days = [
        Holiday(easter - 2 * ONE_DAY, "Good Friday"),
        Holiday(easter + ONE_DAY, "Easter Monday"),
        Holiday(_nth_weekday(year, 5, MONDAY, 1), "Early May bank holiday"),
        Holiday(_nth_weekday(year, 5, MONDAY, -1), "Spring bank holiday"),
        Holiday(_nth_weekday(year, 8, MONDAY, -1), "Summer bank holiday"),
    ]
    # A fixed holiday at a weekend moves to the next weekday that is not already a
    # holiday. Weekday holidays claim their days first, so when Christmas falls on
    # a Sunday, Boxing Day keeps Monday and Christmas moves to Tuesday.
    taken = {holiday.date for holiday in fixed if holiday.date.weekday() < SATURDAY}
    for holiday in fixed:
        if holiday.date.weekday() < SATURDAY:
            days.append(holiday)
            continue
        day = holiday.date
        while day.weekday() >= SATURDAY or day in taken:
            day += ONE_DAY
        taken.add(day)
        days.append(Holiday(day, holiday.name, "substitute day"))
    return days


_RULES: Final = {"us": _us, "uk-ew": _uk_ew}


@lru_cache(maxsize=64)
def _year_table(region: str, year: int) -> Mapping[dt.date, Holiday]:
    return {holiday.date: holiday for holiday in sorted(_RULES[region](year), key=_by_date)}


def _by_date(holiday: Holiday) -> dt.date:
    return holiday.date


def holidays_in(region: str, year: int) -> tuple[Holiday, ...]:
    """The days off in ``region`` that fall in ``year``, in date order.

    Raises ``KeyError`` for an unknown region, so a typo in a region code fails
    loudly instead of quietly planning for no holidays at all.
    """
    if region not in _RULES:
        raise KeyError(region)
    return tuple(_year_table(region, year).values())


class HolidayCalendar:
    """The days off in one region, for whatever years a plan happens to touch.

    Plans can reach any year a visitor types, so years are worked out on first
    use and cached rather than listed up front. It behaves as a container of
    dates, which is all the business-day arithmetic needs.
    """

    def __init__(self, region: str) -> None:
        if region not in _RULES:
            raise KeyError(region)
        self.region = region
        self.place = REGIONS[region]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and day in _year_table(self.region, day.year)

    def get(self, day: dt.date) -> Holiday | None:
        return _year_table(self.region, day.year).get(day)

    def between(self, first: dt.date, last: dt.date) -> Iterator[Holiday]:
        """Days off from ``first`` to ``last``, both included, in date order."""
        for year in range(first.year, last.year + 1):
            for day, holiday in _year_table(self.region, year).items():
                if first <= day <= last:
                    yield holiday

    def __repr__(self) -> str:
        return f"HolidayCalendar({self.region!r})"
