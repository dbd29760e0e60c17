"""Recruiter 360 scenarios: answers in, weighted causes with evidence and dated moves out.

The rules come from ``fixtures/debrief-rules.json``, a copy of
``checklists/recruiter-360-debrief.rules.toml`` that a host-only test keeps in
sync, because this suite also runs inside Pyodide where ``checklists/`` is absent.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from py_widgets import debrief
from py_widgets.problems import InputError

from .fixture_cases import FIXTURES, assert_subset, cases
from .test_debrief_candidate import check_steps

PRIVATE_ITEMS = (
    "candidate-impressions",
    "recruiter-notes",
    "candidate-self-rating",
    "candidate-interest",
    "candidate-off-form",
)
TEXT_CHECKS = (
    "internal_contains",
    "client_safe_contains",
    "client_safe_excludes",
    "evidence_contains",
)
# Per move: fragments its text must hold, such as the holiday that moved it; and
# fragments no move may hold, such as a holiday that moved nothing.
STEP_CHECKS = ("step_contains", "steps_exclude")


def definition() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (FIXTURES / "debrief-definitions" / "recruiter-360-debrief.json").read_text("utf-8")
    )
    return data


def rules() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "debrief-rules.json").read_text("utf-8"))
    return data


def run(answers: Any, today: str = "2026-11-18", rule_data: Any = None) -> dict[str, Any]:
    return debrief.compute_recruiter(
        {
            "definition": definition(),
            "answers": answers,
            "today": today,
            "rules": rules() if rule_data is None else rule_data,
        }
    )


def view(output: dict[str, Any]) -> dict[str, Any]:
    return {
        **output,
        "cause_ranking": [c["id"] for c in output["causes"]],
        "weights": {c["id"]: c["weight"] for c in output["causes"]},
        "move_ids": [m["id"] for m in output["moves"]],
        "move_dates": {m["id"]: m["date"] for m in output["moves"]},
        "need_paths": sorted({n["path"] for n in output["needs"]}),
        "problem_paths": sorted({p["path"] for p in output["problems"]}),
    }


@pytest.mark.parametrize(("name", "case"), cases("debrief-recruiter"))
def test_recruiter_scenarios(name: str, case: dict[str, Any]) -> None:
    output = run(case["answers"], case["today"])
    expected = dict(case["expected"])
    checks = {key: expected.pop(key, []) for key in TEXT_CHECKS}
    steps = {key: expected.pop(key, None) for key in STEP_CHECKS}
    assert_subset(expected, view(output))
    check_steps(output["moves"], steps["step_contains"] or {}, steps["steps_exclude"] or [])
    for fragment in checks["internal_contains"]:
        assert fragment in output["internal_markdown"], f"internal export lacks {fragment!r}"
    for fragment in checks["client_safe_contains"]:
        assert fragment in output["client_safe_markdown"], f"client export lacks {fragment!r}"
    for fragment in checks["client_safe_excludes"]:
        assert fragment not in output["client_safe_markdown"], f"client export has {fragment!r}"
    evidence = [line for cause in output["causes"] for line in cause["evidence"]]
    for fragment in checks["evidence_contains"]:
        assert any(fragment in line for line in evidence), f"no evidence mentions {fragment!r}"


@pytest.mark.parametrize(("name", "case"), cases("debrief-recruiter"))
def test_weights_moves_and_privacy_hold_in_every_scenario(name: str, case: dict[str, Any]) -> None:
    output = run(case["answers"], case["today"])
    weights = [c["weight"] for c in output["causes"]]
    assert all(0 <= w <= 1 for w in weights)
    assert weights == sorted(weights, reverse=True)
    assert round(sum(weights), 6) in (0, 1)
    assert (sum(weights) == 0) == (output["leading"] == [])
    moves = output["moves"]
    assert moves[0]["id"] == "listen-first" or moves[0]["date"] == moves[1]["date"]
    assert any(m["id"] == "listen-first" for m in moves), (
        "the justification reminder is always there"
    )
    assert min(m["date"] for m in moves) >= case["today"]
    for item_id in PRIVATE_ITEMS:
        value = case["answers"].get(item_id)
        if isinstance(value, str) and len(value) > 12:
            assert value not in output["client_safe_markdown"]
    json.dumps(output)


def test_client_safe_export_never_quotes_private_answers() -> None:
    answers = {
        "debrief-date": "2026-11-18",
        "role-title": "Ops Manager",
        "manager-verdict": "no",
        "manager-concerns": ["motivation"],
        "manager-feedback": "Seemed tired.",
        "candidate-self-rating": "went-badly",
        "candidate-interest": "lost-interest",
        "candidate-impressions": "PRIVATE-IMPRESSION-7731 the panel ran late",
        "candidate-off-form": True,
        "recruiter-notes": "PRIVATE-NOTE-5512 push for a second chat",
    }
    output = run(answers)
    client = output["client_safe_markdown"]
    internal = output["internal_markdown"]
    for secret in ("PRIVATE-IMPRESSION-7731", "PRIVATE-NOTE-5512"):
        assert secret not in client
        assert secret.replace("-", "\\-") in internal
    for label in ("It went badly", "Lost interest", "ill, nervous or distracted"):
        assert label not in client


def test_evidence_quotes_long_feedback_as_a_short_excerpt() -> None:
    feedback = (
        ("Background chatter. " * 12)
        + "Honestly she seemed flat the whole time. "
        + ("More words here. " * 12)
    )
    output = run({"manager-verdict": "no", "manager-feedback": feedback})
    quoted = next(
        line
        for cause in output["causes"]
        if cause["id"] == "candidate-form"
        for line in cause["evidence"]
        if "flat" in line
    )
    assert "seemed flat" in quoted
    assert len(quoted) < 260


def test_rules_decide_the_weights() -> None:
    tuned = copy.deepcopy(rules())
    for cause in tuned["causes"]:
        for signal in cause["signals"]:
            if signal["item"] == "candidate-off-form":
                signal["weight"] = 1.0
    answers = {
        "manager-verdict": "no",
        "candidate-off-form": True,
        "assessed-skills": "assumed",
        "assessed-fit": "assumed",
    }
    default = view(run(answers))
    changed = view(run(answers, rule_data=tuned))
    assert default["cause_ranking"][0] == "recruiter-fit"
    assert changed["cause_ranking"][0] == "candidate-form"


def test_malformed_rules_are_reported_with_paths() -> None:
    broken = copy.deepcopy(rules())
    broken["version"] = 2
    broken["diagnosis"]["cap"] = "high"
    first = broken["causes"][0]["signals"]
    first[0]["weight"] = 3
    first[1]["item"] = "no-such-item"
    first[2]["equals"] = "not-an-option"
    first[3]["evidence"] = "Unknown {placeholder}"
    first[4]["wieght"] = 0.2
    first[5]["includes"] = "keen"
    broken["causes"][1]["id"] = "astrology"
    with pytest.raises(InputError) as raised:
        run({}, rule_data=broken)
    paths = {problem.path for problem in raised.value.problems}
    assert paths >= {
        "rules.version",
        "rules.diagnosis.cap",
        "rules.causes[0].signals[0].weight",
        "rules.causes[0].signals[1].item",
        "rules.causes[0].signals[2].equals",
        "rules.causes[0].signals[3].evidence",
        "rules.causes[0].signals[4].wieght",
        "rules.causes[0].signals[5]",
        "rules.causes[1].id",
        "rules.causes",
    }


@pytest.mark.parametrize("rule_data", [None, [], "rules", {"version": 1}])
def test_missing_rules_are_an_input_error(rule_data: Any) -> None:
    payload = {"definition": definition(), "answers": {}, "today": "2026-11-18"}
    if rule_data is not None:
        payload["rules"] = rule_data
    with pytest.raises(InputError) as raised:
        debrief.compute_recruiter(payload)
    assert all(problem.path.startswith("rules") for problem in raised.value.problems)


def test_invalid_answers_come_back_as_problems() -> None:
    output = run({"debrief-date": "soon", "interviews-per-hire": "lots", "manager-verdict": "meh"})
    assert view(output)["problem_paths"] == [
        "debrief-date",
        "interviews-per-hire",
        "manager-verdict",
    ]
    assert output["moves"][0]["date"] == "2026-11-18"
