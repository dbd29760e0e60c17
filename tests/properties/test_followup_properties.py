"""Properties of every follow-up plan, over answers hypothesis makes up.

Host only: hypothesis is not installed in the Pyodide test run. The example
count comes from the ``irp`` profile in ``conftest.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Container
from typing import Any

from hypothesis import given

from py_widgets import business_days as bd
from py_widgets import followup
from py_widgets.followup_rules import value
from py_widgets.holidays import REGIONS, HolidayCalendar

from .followup_strategies import DEFINITION, ITEM_IDS, junk_answers, valid_payloads

D = dt.date.fromisoformat


def planned(output: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for step in output["steps"] if step["status"] != "done"]


def days_off(payload: dict[str, Any]) -> Container[dt.date]:
    """The holidays the reader chose, built here from the holiday module, not from the planner."""
    region = payload["answers"].get("holidays")
    return HolidayCalendar(region) if region in REGIONS else bd.NO_HOLIDAYS


def facts(payload: dict[str, Any]) -> dict[str, Any]:
    answers = payload["answers"]
    text = answers.get("follow-up-dates", "")
    return {
        "today": D(answers.get("today-override") or payload["today"]),
        "sent": [D(day) for day in text.split(", ") if day],
        "limit": value(
            "max_follow_ups_after_final" if answers["stage"] == "final-round" else "max_follow_ups"
        ),
    }


@given(valid_payloads())
def test_sensible_answers_always_give_a_plan(payload: dict[str, Any]) -> None:
    output = followup.compute(payload)
    assert output["problems"] == []
    assert output["needs"] is None
    assert output["steps"]
    assert output["today"] == facts(payload)["today"].isoformat()
    json.dumps(output)


@given(valid_payloads())
def test_no_step_is_planned_for_a_weekend(payload: dict[str, Any]) -> None:
    for step in planned(followup.compute(payload)):
        assert bd.is_business_day(D(step["date"])), step


@given(valid_payloads())
def test_no_step_is_planned_for_a_holiday_in_the_chosen_region(payload: dict[str, Any]) -> None:
    holidays = days_off(payload)
    output = followup.compute(payload)
    for step in planned(output):
        assert bd.is_business_day(D(step["date"]), holidays=holidays), step
        if not isinstance(holidays, HolidayCalendar):
            # Weekends only: no step may claim a holiday moved it.
            assert "so this moves to" not in step["what"], step
            assert "counted as a business day" not in step["what"], step


@given(valid_payloads())
def test_steps_are_strictly_ordered(payload: dict[str, Any]) -> None:
    steps = followup.compute(payload)["steps"]
    dates = [step["date"] for step in steps]
    assert dates == sorted(dates)
    assert len({step["id"] for step in steps}) == len(steps)
    # The messages to the employer form a chain: each one strictly after the last.
    chain = [
        D(s["date"]) for s in steps if s["status"] != "done" and followup.is_follow_up(s["id"])
    ]
    assert all(a < b for a, b in itertools.pairwise(chain))
    sent = facts(payload)["sent"]
    if sent and chain:
        assert chain[0] > sent[-1]
    thank_you = [D(s["date"]) for s in steps if s["id"] == "thank-you" and s["status"] != "done"]
    regular = [
        day
        for s, day in zip(planned_follow_ups(steps), chain, strict=True)
        if s != "expedite-request"
    ]
    if thank_you:
        assert all(day > thank_you[0] for day in regular)


def planned_follow_ups(steps: list[dict[str, Any]]) -> list[str]:
    return [s["id"] for s in steps if s["status"] != "done" and followup.is_follow_up(s["id"])]


@given(valid_payloads())
def test_never_more_than_the_maximum_number_of_follow_ups(payload: dict[str, Any]) -> None:
    output = followup.compute(payload)
    known = facts(payload)
    new = [s for s in planned(output) if followup.is_follow_up(s["id"])]
    check_ins = [s for s in new if s["id"].startswith("check-in-")]
    assert len(check_ins) <= known["limit"] - 1
    if len(known["sent"]) >= known["limit"]:
        assert new == []
    else:
        assert len(known["sent"]) + len(new) <= known["limit"]


@given(valid_payloads())
def test_nothing_is_planned_in_the_past(payload: dict[str, Any]) -> None:
    output = followup.compute(payload)
    today = facts(payload)["today"]
    for step in output["steps"]:
        if step["status"] == "done":
            assert D(step["date"]) <= today
            assert step["id"] == "thank-you" or step["id"].startswith("follow-up-")
        else:
            assert D(step["date"]) >= today


@given(valid_payloads())
def test_statuses_match_the_dates(payload: dict[str, Any]) -> None:
    today = facts(payload)["today"]
    first_possible = bd.on_or_after(today, holidays=days_off(payload))
    for step in planned(followup.compute(payload)):
        day = D(step["date"])
        if step["status"] == "due":
            assert day == today
        elif step["status"] == "overdue-send-now":
            assert day == first_possible
        else:
            assert step["status"] == "upcoming"
            assert day > today


@given(valid_payloads())
def test_every_step_is_explained(payload: dict[str, Any]) -> None:
    output = followup.compute(payload)
    for step in output["steps"]:
        assert step["title"].strip()
        assert step["what"].strip()
        assert step["why"].strip()
        assert step["playbook"] in followup.PLAYBOOK_TITLES
        if step["status"] != "done":
            assert step["template"].strip()
            assert step["title"] in output["summary_markdown"]


@given(valid_payloads())
def test_over_following_up_is_always_flagged(payload: dict[str, Any]) -> None:
    output = followup.compute(payload)
    known = facts(payload)
    if len(known["sent"]) > known["limit"]:
        assert any(w["playbook"] == "playbooks/too-many-follow-ups" for w in output["warnings"])
        missed_screen = (
            payload["answers"].get("missed-call") in (True, "on")
            and payload["answers"]["stage"] == "phone-screen"
        )
        if not missed_screen:
            assert any(s["id"] == "let-it-go" for s in output["steps"])


@given(valid_payloads())
def test_an_expedite_request_never_comes_after_the_deadline(payload: dict[str, Any]) -> None:
    output = followup.compute(payload)
    deadline = payload["answers"].get("competing-offer-deadline")
    for step in output["steps"]:
        if step["id"] == "expedite-request":
            assert deadline is not None
            assert D(step["date"]) <= D(deadline)


@given(valid_payloads())
def test_a_missed_call_comes_first(payload: dict[str, Any]) -> None:
    output = followup.compute(payload)
    if payload["answers"].get("missed-call") in (True, "on"):
        first = planned(output)[0]
        assert first["id"] == "missed-call-apology"
        assert D(first["date"]) == bd.on_or_after(
            facts(payload)["today"], holidays=days_off(payload)
        )


@given(junk_answers)
def test_any_answers_give_data_not_a_traceback(answers: dict[str, Any]) -> None:
    output = followup.compute({"definition": DEFINITION, "answers": answers, "today": "2026-03-10"})
    json.dumps(output)
    for problem in output["problems"]:
        assert problem["path"] in ITEM_IDS
        assert problem["message"]
    if output["problems"] or output["needs"]:
        assert output["steps"] == []
