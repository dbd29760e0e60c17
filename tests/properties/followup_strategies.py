"""Hypothesis strategies for follow-up timing answers, shared by the property and calendar suites.

``valid_payloads`` only produces answers a careful person could give (facts
dated between the interview and today), so every example must yield a plan;
``junk_answers`` produces anything at all, so every example must yield data,
never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

DEFINITION: dict[str, Any] = json.loads(
    (
        Path(__file__).resolve().parents[1]
        / "unit"
        / "fixtures"
        / "followup"
        / "definition"
        / "follow-up-timing.json"
    ).read_text("utf-8")
)
ITEM_IDS = [item["id"] for section in DEFINITION["sections"] for item in section["items"]]
STAGES = ["phone-screen", "first-round", "final-round", "panel"]
REGIONS = [None, "none", "us", "uk-ew"]


def _iso(day: dt.date) -> str:
    return day.isoformat()


@st.composite
def valid_payloads(draw: st.DrawFn) -> dict[str, Any]:
    today = draw(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)))
    interview = today + dt.timedelta(days=draw(st.integers(-400, 60)))
    answers: dict[str, Any] = {
        "interview-date": _iso(interview),
        "stage": draw(st.sampled_from(STAGES)),
    }
    region = draw(st.sampled_from(REGIONS))
    if region is not None:  # None: saved before the question existed
        answers["holidays"] = region
    if draw(st.booleans()):
        answers["interview-time"] = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
    if draw(st.booleans()):
        answers["interviewer-count"] = str(draw(st.integers(1, 12)))
    told = draw(st.sampled_from(["date", "delay", "nothing"]))
    answers["told-next-steps"] = told
    if told == "date":
        answers["told-date"] = _iso(interview + dt.timedelta(days=draw(st.integers(0, 60))))
    elif told == "delay":
        weeks = draw(st.sampled_from([0, 0.5, 1, 1.5, 2, 3, 4, 6, 12]))
        answers["told-delay-weeks"] = f"{weeks:g}"
    span = (today - interview).days
    if span >= 0 and draw(st.booleans()):
        answers["thank-you-sent"] = "yes"
        answers["thank-you-date"] = _iso(interview + dt.timedelta(days=draw(st.integers(0, span))))
    else:
        answers["thank-you-sent"] = "no"
    if span >= 0:
        offsets = draw(st.lists(st.integers(0, span), max_size=7))
        if offsets or draw(st.booleans()):
            days = [interview + dt.timedelta(days=offset) for offset in offsets]
            answers["follow-up-dates"] = ", ".join(_iso(day) for day in days)
    if draw(st.booleans()):
        answers["missed-call"] = draw(st.sampled_from([True, "on"]))
    if draw(st.booleans()):
        answers["callback-slipped"] = True
    if draw(st.booleans()):
        answers["competing-offer-deadline"] = _iso(
            today + dt.timedelta(days=draw(st.integers(0, 90)))
        )
    browser_today = today
    if draw(st.booleans()):
        answers["today-override"] = _iso(today)
        browser_today = today + dt.timedelta(days=draw(st.integers(-30, 30)))
    return {"definition": DEFINITION, "answers": answers, "today": _iso(browser_today)}


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates().map(_iso),
    st.sampled_from(
        [
            "yes",
            "no",
            "date",
            "delay",
            "nothing",
            "panel",
            "us",
            "uk-ew",
            "-1",
            "1e308",
            "2026-02-30",
        ]
    ),
)

junk_answers = st.dictionaries(
    st.one_of(st.sampled_from(ITEM_IDS), st.text(max_size=12)),
    st.one_of(_scalars, st.lists(_scalars, max_size=3)),
    max_size=len(ITEM_IDS) + 2,
)
