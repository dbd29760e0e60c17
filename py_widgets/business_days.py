"""Monday-to-Friday date arithmetic for follow-up timing.

Recruiters read mail on working days, so every wait in the playbooks is counted
in business days and no message is planned for a weekend. Public holidays are
left out on purpose: they differ by country and region, and the plan would
rather be simple and predictable than wrong in a way nobody can see. Everything
works on :class:`datetime.date`, which already handles month ends, year ends and
leap days; the functions only ever step across weekends.
"""

from __future__ import annotations

import datetime as dt

ONE_DAY = dt.timedelta(days=1)
SATURDAY = 5
FRIDAY = 4


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < SATURDAY


def on_or_after(day: dt.date) -> dt.date:
    """Roll a weekend day forward to Monday, so a planned date never lands on a weekend."""
    while not is_business_day(day):
        day += ONE_DAY
    return day


def on_or_before(day: dt.date) -> dt.date:
    """Roll a weekend day back to Friday, for dates that must not come after a deadline."""
    while not is_business_day(day):
        day -= ONE_DAY
    return day


def add_business_days(day: dt.date, count: int) -> dt.date:
    """The ``count``-th business day after ``day`` (before it when ``count`` is negative).

    ``count == 0`` gives ``day`` itself rolled forward to a business day, which
    is what "wait zero days" means to someone planning a message. Whole weeks
    are skipped arithmetically so large waits cost no more than small ones.
    """
    if count == 0:
        return on_or_after(day)
    step = ONE_DAY if count > 0 else -ONE_DAY
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


def end_of_week(day: dt.date) -> dt.date:
    """The Friday on or after ``day``: "we'll know next week" means by the end of that week."""
    return day + dt.timedelta(days=(FRIDAY - day.weekday()) % 7)
