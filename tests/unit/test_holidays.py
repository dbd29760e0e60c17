"""Public holidays by rule, and business-day counting that skips them.

Each file in fixtures/holidays/tables/ is one region's year, with every date
worked out by hand from the calendar; each file in fixtures/holidays/business-days/
is a set of counts across a holiday. Adding a case is adding a file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from py_widgets import business_days as bd
from py_widgets.holidays import REGIONS, HolidayCalendar, easter_sunday, holidays_in

from .fixture_cases import cases
from .test_business_days import naive_add

D = dt.date.fromisoformat


@pytest.mark.parametrize(("name", "case"), cases("holidays/tables"))
def test_holiday_tables(name: str, case: dict[str, Any]) -> None:
    table = {h.date.isoformat(): h.title for h in holidays_in(case["region"], case["year"])}
    if case["complete"]:
        assert table == case["holidays"]
    else:
        for day, title in case["holidays"].items():
            assert table.get(day) == title, day
    calendar = HolidayCalendar(case["region"])
    for day in case["holidays"]:
        assert D(day) in calendar
    for day in case.get("not_holidays", []):
        assert D(day) not in calendar


@pytest.mark.parametrize(("name", "case"), cases("holidays/business-days"))
def test_counting_across_holidays(name: str, case: dict[str, Any]) -> None:
    calendar = HolidayCalendar(case["region"])
    for start, count, expected in case["add"]:
        got = bd.add_business_days(D(start), count, holidays=calendar)
        assert got == D(expected), (start, count)
        assert naive_add(D(start), count, calendar) == D(expected), (start, count)
    for start, expected in case.get("end_of_week", []):
        assert bd.end_of_week(D(start), holidays=calendar) == D(expected), start


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_counting_matches_a_day_by_day_walk_for_two_years(region: str) -> None:
    calendar = HolidayCalendar(region)
    day = D("2026-07-01")
    while day < D("2028-07-01"):
        for count in (-11, -5, -3, -1, 0, 1, 2, 5, 6, 10):
            assert bd.add_business_days(day, count, holidays=calendar) == naive_add(
                day, count, calendar
            ), (day, count)
        assert bd.is_business_day(bd.on_or_after(day, holidays=calendar), holidays=calendar)
        assert bd.is_business_day(bd.on_or_before(day, holidays=calendar), holidays=calendar)
        day += dt.timedelta(days=1)


def test_a_frozenset_of_holidays_works_as_well_as_a_calendar() -> None:
    """Callers may pass any container; a non-empty set takes the day-by-day path."""
    thanksgiving = frozenset({D("2026-11-26")})
    assert bd.add_business_days(D("2026-11-19"), 5, holidays=thanksgiving) == D("2026-11-27")
    assert bd.add_business_days(D("2026-11-19"), 5) == D("2026-11-26")


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2019, "2019-04-21"),
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2028, "2028-04-16"),
        (2038, "2038-04-25"),  # as late as Easter can be
        (2285, "2285-03-22"),  # as early as Easter can be
        (2000, "2000-04-23"),
        (1818, "1818-03-22"),
    ],
)
def test_easter(year: int, easter: str) -> None:
    assert easter_sunday(year) == D(easter)


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_every_year_has_weekday_holidays_in_order(region: str) -> None:
    """Over four centuries: no crash at the ends of the calendar, and every day off is a weekday."""
    for year in (*range(1, 5), *range(1900, 2301), *range(9996, 10000)):
        table = holidays_in(region, year)
        dates = [h.date for h in table]
        assert dates == sorted(set(dates)), year
        assert all(day.weekday() < 5 and day.year == year for day in dates), year
        assert all(h.name for h in table)


def test_an_unknown_region_fails_loudly() -> None:
    with pytest.raises(KeyError):
        holidays_in("fr", 2026)
    with pytest.raises(KeyError):
        HolidayCalendar("fr")
