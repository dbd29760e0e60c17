"""Candidate self-debrief scenarios: answers in, ordered dated actions and a specific draft out."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from py_widgets import debrief
from py_widgets.problems import InputError

from .fixture_cases import FIXTURES, assert_subset, cases

TEXT_CHECKS = ("draft_contains", "draft_excludes", "summary_contains", "summary_excludes")
# Per step: fragments its text must hold, such as the holiday that moved it; and
# fragments no step may hold, such as a holiday that moved nothing.
STEP_CHECKS = ("step_contains", "steps_exclude")


def self_debrief() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (FIXTURES / "debrief-definitions" / "self-debrief.json").read_text("utf-8")
    )
    return data


def run(answers: Any, today: Any = "2026-11-23") -> dict[str, Any]:
    return debrief.compute_candidate(
        {"definition": self_debrief(), "answers": answers, "today": today}
    )


def view(output: dict[str, Any]) -> dict[str, Any]:
    """The output plus short projections, so a fixture can state ranking and dates compactly."""
    return {
        **output,
        "action_ids": [a["id"] for a in output["actions"]],
        "action_dates": {a["id"]: a["date"] for a in output["actions"]},
        "action_playbooks": {a["id"]: a["playbook"] for a in output["actions"]},
        "repairable_ids": [r["mistake"] for r in output["repairable"]],
        "unrecoverable_ids": [u["mistake"] for u in output["unrecoverable"]],
        "need_paths": sorted({n["path"] for n in output["needs"]}),
        "problem_paths": sorted({p["path"] for p in output["problems"]}),
    }


def check_steps(
    steps: list[dict[str, Any]], contains: dict[str, list[str]], excludes: list[str]
) -> None:
    texts = {step["id"]: step["what"] for step in steps}
    for step_id, fragments in contains.items():
        for fragment in fragments:
            assert fragment in texts[step_id], f"{step_id} lacks {fragment!r}"
    for step_id, text in texts.items():
        for fragment in excludes:
            assert fragment not in text, f"{step_id} has {fragment!r}"


@pytest.mark.parametrize(("name", "case"), cases("debrief-candidate"))
def test_candidate_scenarios(name: str, case: dict[str, Any]) -> None:
    output = run(case["answers"], case["today"])
    expected = dict(case["expected"])
    checks = {key: expected.pop(key, []) for key in TEXT_CHECKS}
    steps = {key: expected.pop(key, None) for key in STEP_CHECKS}
    assert_subset(expected, view(output))
    check_steps(output["actions"], steps["step_contains"] or {}, steps["steps_exclude"] or [])
    for fragment in checks["draft_contains"]:
        assert fragment in output["draft_message"], f"draft lacks {fragment!r}"
    for fragment in checks["draft_excludes"]:
        assert fragment not in output["draft_message"], f"draft has {fragment!r}"
    for fragment in checks["summary_contains"]:
        assert fragment in output["summary_markdown"], f"summary lacks {fragment!r}"
    for fragment in checks["summary_excludes"]:
        assert fragment not in output["summary_markdown"], f"summary has {fragment!r}"


@pytest.mark.parametrize(("name", "case"), cases("debrief-candidate"))
def test_every_action_is_dated_from_today_on_and_cites_a_playbook(
    name: str, case: dict[str, Any]
) -> None:
    output = run(case["answers"], case["today"])
    assert output["actions"], "a plan always has at least one step"
    dates = [a["date"] for a in output["actions"]]
    assert dates == sorted(dates)
    assert min(dates) >= case["today"]
    for action in output["actions"]:
        assert set(action) >= {"id", "date", "what", "why", "playbook"}
        assert action["playbook"].startswith("playbooks/")
        assert action["what"]
        assert action["why"]
    assert len({a["id"] for a in output["actions"]}) == len(output["actions"])
    json.dumps(output)


def test_the_draft_uses_what_they_wrote() -> None:
    output = run(
        {
            "interview-date": "2026-11-23",
            "interviewer-name": "Dr. Ifeoma Obi",
            "company-name": "Kestrel Bio",
            "conversation-detail": "moving assay work from Boston to Leeds",
            "company-news": "the FDA clearance for their glucose sensor",
            "thank-you-sent": "no",
        }
    )
    draft = output["draft_message"]
    for fragment in (
        "Dr. Ifeoma Obi",
        "Kestrel Bio",
        "moving assay work from Boston to Leeds",
        "the FDA clearance for their glucose sensor",
    ):
        assert fragment in draft


def test_user_text_is_escaped_in_the_summary_but_plain_in_the_draft() -> None:
    hostile = "<img src=x onerror=alert(1)> [x](javascript:alert(1))"
    output = run(
        {
            "interviewer-name": hostile,
            "conversation-detail": hostile,
            "first-impressions": "# not a heading\n- not a list",
            "thank-you-sent": "no",
        }
    )
    assert hostile in output["draft_message"]
    summary = output["summary_markdown"]
    assert not re.search(r"(?<!\\)<img", summary)
    assert not re.search(r"(?<!\\)\]\(javascript", summary)
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in summary
    assert "> \\# not a heading" in summary


def test_bad_today_is_reported_and_the_device_date_used() -> None:
    output = run({}, today="tomorrow-ish")
    assert {"path": "today", "message": "expected today's date as YYYY-MM-DD"} in output["problems"]
    assert output["actions"]


def test_answers_that_are_not_a_table_are_reported_not_raised() -> None:
    output = run(["not", "a", "table"])
    assert output["problems"][0]["path"] == ""
    assert output["actions"]


def test_a_broken_definition_is_an_input_error() -> None:
    with pytest.raises(InputError):
        debrief.compute_candidate({"definition": {"id": "x"}, "answers": {}})


def test_output_survives_the_json_bridge() -> None:
    payload = {
        "definition": self_debrief(),
        "answers": {"mistakes": ["arrived-late"]},
        "today": "2026-11-23",
    }
    direct = debrief.compute_candidate(payload)
    assert json.loads(json.dumps(direct, ensure_ascii=False)) == direct
