"""Working-day date arithmetic for every planned date.

Recruiters read mail on working days, so every wait in the playbooks is counted
in business days and no message is planned for a day off. Weekends are always
days off. Public holidays are too, but only when the caller passes them: they
differ by country, so each planner asks the reader which region to follow
(``py_widgets.workdays`` binds that choice), and a reader who has not chosen
gets plain Monday-to-Friday counting from the empty default. Everything works on
:class:`datetime.date`, which already handles month ends, year ends and leap
days; the functions only ever step across days off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from typing import Final

ONE_DAY = dt.timedelta(days=1)
SATURDAY = 5
FRIDAY = 4

NO_HOLIDAYS: Final[frozenset[dt.date]] = frozenset()


def is_business_day(day: dt.date, *, holidays: Container[dt.date] = NO_HOLIDAYS) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def on_or_after(day: dt.date, *, holidays: Container[dt.date] = NO_HOLIDAYS) -> dt.date:
    """Roll a day off forward to the next business day, so a planned date never lands on one."""
    while not is_business_day(day, holidays=holidays):
        day += ONE_DAY
    return day


def on_or_before(day: dt.date, *, holidays: Container[dt.date] = NO_HOLIDAYS) -> dt.date:
    """Roll a day off back to the business day before it, for dates that must not pass a deadline."""
    while not is_business_day(day, holidays=holidays):
        day -= ONE_DAY
    return day


def add_business_days(
    day: dt.date, count: int, *, holidays: Container[dt.date] = NO_HOLIDAYS
) -> dt.date:
    """The ``count``-th business day after ``day`` (before it when ``count`` is negative).

    ``count == 0`` gives ``day`` itself rolled forward to a business day, which
    is what "wait zero days" means to someone planning a message. Without
    holidays, whole weeks are skipped arithmetically so large waits cost no more
    than small ones. With holidays a week no longer always holds five business
    days, so the count walks day by day; the planner's waits are a few days, so
    that costs nothing that matters, and it cannot be wrong about a holiday
    inside a skipped week.
    """
    if count == 0:
        return on_or_after(day, holidays=holidays)
    step = ONE_DAY if count > 0 else -ONE_DAY
    if holidays:
        left = abs(count)
        while left:
            day += step
            if is_business_day(day, holidays=holidays):
                left -= 1
        return day
    weeks, remainder = divmod(abs(count), 5)
    # Start from a business day so that a whole week of five business days is
    # exactly seven calendar days; a weekend start is moved to its neighbouring
    # business day in the direction of travel without counting it.
    if not is_business_day(day):
        day = on_or_before(day) if count > 0 else on_or_after(day)
    day += dt.timedelta(days=7 * weeks) * (1 if count > 0 else -1)
    while remainder:
        day += step
        if is_business_day(day):
            remainder -= 1
    return day


def end_of_week(day: dt.date, *, holidays: Container[dt.date] = NO_HOLIDAYS) -> dt.date:
    """The last business day of the week, on or after ``day``: "we'll know next week" means by then.

    That is the Friday on or after ``day``, or the working day before it when
    the Friday is a holiday, because nobody decides anything on Good Friday.
    It never goes back before ``day``, which the person was told to wait past:
    if every day from ``day`` to Friday is off, the Friday is kept, and counting
    on from it skips the days off anyway.
    """
    friday = day + dt.timedelta(days=(FRIDAY - day.weekday()) % 7)
    last = friday
    while last >= day and not is_business_day(last, holidays=holidays):
        last -= ONE_DAY
    return last if last >= day else friday
