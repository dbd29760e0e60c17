"""Business-day arithmetic, where off-by-one mistakes put a follow-up on the wrong day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container

import pytest

from py_widgets import business_days as bd

D = dt.date


def naive_add(day: dt.date, count: int, holidays: Container[dt.date] = ()) -> dt.date:
    """Day-by-day reference: walk one calendar day at a time and count only working days."""
    if count == 0:
        while day.weekday() >= 5 or day in holidays:
            day += dt.timedelta(days=1)
        return day
    step = dt.timedelta(days=1 if count > 0 else -1)
    left = abs(count)
    while left:
        day += step
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    return day


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        # month ends
        (D(2026, 1, 30), 1, D(2026, 2, 2)),  # Friday -> Monday in the next month
        (D(2026, 3, 31), 3, D(2026, 4, 3)),
        (D(2026, 4, 30), 5, D(2026, 5, 7)),
        (D(2026, 2, 27), 1, D(2026, 3, 2)),  # Friday, end of a 28-day February
        # year ends
        (D(2025, 12, 31), 1, D(2026, 1, 1)),  # holidays are not counted, by design
        (D(2026, 12, 30), 5, D(2027, 1, 6)),
        (D(2026, 12, 26), 1, D(2026, 12, 28)),  # from a Saturday
        (D(2027, 1, 4), -1, D(2027, 1, 1)),
        (D(2027, 1, 1), -5, D(2026, 12, 25)),
        # leap years
        (D(2028, 2, 28), 1, D(2028, 2, 29)),
        (D(2028, 2, 25), 2, D(2028, 2, 29)),
        (D(2028, 2, 29), 1, D(2028, 3, 1)),
        (D(2024, 2, 29), 5, D(2024, 3, 7)),
        (D(2100, 2, 26), 1, D(2100, 3, 1)),  # 2100 is not a leap year
        # weekends as starting points
        (D(2026, 3, 7), 1, D(2026, 3, 9)),  # Saturday -> Monday
        (D(2026, 3, 8), 5, D(2026, 3, 13)),  # Sunday + 5 -> Friday
        (D(2026, 3, 7), -1, D(2026, 3, 6)),  # Saturday - 1 -> Friday
        (D(2026, 3, 7), 0, D(2026, 3, 9)),
        (D(2026, 3, 6), 0, D(2026, 3, 6)),
        (D(2026, 3, 2), 10, D(2026, 3, 16)),
    ],
)
def test_add_business_days(start: dt.date, count: int, expected: dt.date) -> None:
    assert bd.add_business_days(start, count) == expected
    assert naive_add(start, count) == expected


def test_add_business_days_matches_a_day_by_day_count_for_a_year() -> None:
    """July to July, so the year spans a year end and a leap day."""
    day = D(2027, 7, 1)
    while day < D(2028, 7, 1):
        for count in (-11, -6, -5, -1, 0, 1, 2, 4, 5, 6, 9, 10, 23):
            assert bd.add_business_days(day, count) == naive_add(day, count), (day, count)
        day += dt.timedelta(days=1)


def test_rolling_to_a_business_day() -> None:
    assert bd.on_or_after(D(2026, 12, 26)) == D(2026, 12, 28)
    assert bd.on_or_after(D(2026, 12, 31)) == D(2026, 12, 31)
    assert bd.on_or_before(D(2027, 1, 3)) == D(2027, 1, 1)
    assert bd.on_or_before(D(2026, 2, 1)) == D(2026, 1, 30)


@pytest.mark.parametrize(
    ("day", "friday"),
    [
        (D(2026, 3, 2), D(2026, 3, 6)),
        (D(2026, 3, 6), D(2026, 3, 6)),
        (D(2026, 3, 7), D(2026, 3, 13)),
        (D(2026, 12, 29), D(2027, 1, 1)),
        (D(2028, 2, 28), D(2028, 3, 3)),
    ],
)
def test_end_of_week_is_the_friday_on_or_after(day: dt.date, friday: dt.date) -> None:
    assert bd.end_of_week(day) == friday
