"""Follow-up plan scenarios: each fixture file is one situation a candidate might be in.

A fixture's ``expected`` is checked as a subset of the output, plus a few
derived views that keep the files readable: ``schedule`` (one
``"date status id"`` line per step), ``step`` (steps by id),
``warning_playbooks`` and ``problem_paths``. ``mentions``, ``lacks``,
``template_lacks``, ``warning_mentions`` and ``plan_mentions`` (the Markdown
summary) check wording without pinning whole paragraphs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from py_widgets import followup
from py_widgets.followup_rules import RULES
from py_widgets.problems import InputError

from .fixture_cases import FIXTURES, assert_subset, cases

DEFINITION = json.loads(
    (FIXTURES / "followup" / "definition" / "follow-up-timing.json").read_text("utf-8")
)
SOURCE = Path(__file__).resolve().parents[2] / "checklists" / "follow-up-timing.toml"
PLAYBOOKS = Path(__file__).resolve().parents[2] / "docs" / "playbooks"
SAFE_LINK = re.compile(r"^(playbooks|checklists)/[a-z0-9-]+$")


def run(answers: Any, today: str | None) -> dict[str, Any]:
    payload: dict[str, Any] = {"definition": DEFINITION, "answers": answers}
    if today is not None:
        payload["today"] = today
    return followup.compute(payload)


def view(output: dict[str, Any]) -> dict[str, Any]:
    return {
        **output,
        "schedule": [f"{s['date']} {s['status']} {s['id']}" for s in output["steps"]],
        "step": {s["id"]: s for s in output["steps"]},
        "warning_playbooks": [w["playbook"] for w in output["warnings"]],
        "problem_paths": [p["path"] for p in output["problems"]],
    }


def check_invariants(output: dict[str, Any]) -> None:
    """What holds for every plan, whatever the scenario."""
    json.dumps(output)
    steps = output["steps"]
    assert len({s["id"] for s in steps}) == len(steps)
    dates = [s["date"] for s in steps]
    assert dates == sorted(dates)
    for step in steps:
        assert all(step[key] for key in ("title", "what", "why")), step
        assert SAFE_LINK.match(step["playbook"]), step["playbook"]
        if step["status"] != "done":
            assert step["template"]
            assert step["date"] >= output["today"]
    for warning in output["warnings"]:
        assert warning["message"]
        assert SAFE_LINK.match(warning["playbook"])
    assert (output["needs"] is None) == bool(steps)


@pytest.mark.parametrize(("name", "case"), cases("followup"))
def test_followup_scenarios(name: str, case: dict[str, Any]) -> None:
    output = run(case["answers"], case["today"])
    expected = dict(case["expected"])
    mentions = expected.pop("mentions", {})
    lacks = expected.pop("template_lacks", {})
    text_lacks = expected.pop("lacks", {})
    warning_mentions = expected.pop("warning_mentions", [])
    plan_mentions = expected.pop("plan_mentions", [])
    actual = view(output)
    assert_subset(expected, actual)
    for step_id, phrases in mentions.items():
        step = actual["step"][step_id]
        text = " ".join((step["title"], step["what"], step["why"], step["template"]))
        for phrase in phrases:
            assert phrase in text, f"{step_id}: {phrase!r} not in {text!r}"
    for step_id, words in lacks.items():
        template = actual["step"][step_id]["template"].lower()
        for word in words:
            assert word not in template, f"{step_id}: template says {word!r}"
    for step_id, phrases in text_lacks.items():
        step = actual["step"][step_id]
        text = " ".join((step["title"], step["what"], step["why"], step["template"]))
        for phrase in phrases:
            assert phrase not in text, f"{step_id}: {phrase!r} in {text!r}"
    for phrase in plan_mentions:
        assert phrase in output["summary_markdown"], phrase
    warnings_text = " ".join(w["message"] for w in output["warnings"])
    for phrase in warning_mentions:
        assert phrase in warnings_text
    check_invariants(output)


def test_there_are_enough_scenarios() -> None:
    assert len(cases("followup")) >= 25


def test_definition_copy_matches_the_checklist_file() -> None:
    """The fixture copy exists because the Pyodide run cannot see checklists/; it must not drift."""
    if not SOURCE.is_file():
        pytest.skip("checklists/ is not mounted here (in-Pyodide run)")
    import tomllib

    assert tomllib.loads(SOURCE.read_text("utf-8")) == DEFINITION


@pytest.mark.parametrize(
    "answers",
    [
        None,
        ["interview-date"],
        "2026-03-10",
        {"interview-date": 20260310, "stage": ["panel"], "missed-call": "maybe"},
        {"interview-date": "2026-03-10", "follow-up-dates": 12, "interviewer-count": True},
        {"interview-date": "2026-03-10", "told-delay-weeks": "nan", "today-override": "soon"},
        {"interview-date": "2026-03-10", "follow-up-dates": ",,, ;", "interview-time": "25:00"},
    ],
)
def test_junk_answers_come_back_as_problems(answers: Any) -> None:
    output = run(answers, "2026-03-11")
    check_invariants(output)
    assert output["steps"] == []
    assert output["problems"] or output["needs"]


def test_junk_today_is_reported_on_the_override_field() -> None:
    output = run({"interview-date": "2026-03-10"}, "yesterday")
    assert [p["path"] for p in output["problems"]] == ["today-override"]


def test_a_different_checklist_is_refused_as_a_whole() -> None:
    other = {**DEFINITION, "id": "self-debrief"}
    with pytest.raises(InputError) as raised:
        followup.compute({"definition": other, "answers": {}, "today": "2026-03-10"})
    assert [p.path for p in raised.value.problems] == ["id"]


def test_rules_are_data_with_a_playbook_each() -> None:
    output = run({}, "2026-03-10")
    assert output["rules"] == RULES
    for name, rule in RULES.items():
        assert isinstance(rule["value"], int), name
        assert rule["value"] > 0, name
        assert rule["unit"], name
        assert rule["reason"].endswith("."), name
        assert rule["playbook"].startswith("playbooks/"), name
        assert SAFE_LINK.match(rule["playbook"]), name
        assert rule["playbook"] in followup.PLAYBOOK_TITLES


def test_every_cited_playbook_exists() -> None:
    if not PLAYBOOKS.is_dir():
        pytest.skip("docs/ is not mounted here (in-Pyodide run)")
    for slug in followup.PLAYBOOK_TITLES:
        page = PLAYBOOKS / f"{slug.removeprefix('playbooks/')}.md"
        assert page.is_file(), slug
        assert f"# {followup.PLAYBOOK_TITLES[slug]}" in page.read_text("utf-8")


def test_summary_markdown_lists_every_step_and_template() -> None:
    output = run(
        {
            "interview-date": "2026-03-10",
            "stage": "final-round",
            "told-next-steps": "nothing",
            "thank-you-sent": "no",
            "follow-up-dates": "",
        },
        "2026-03-10",
    )
    markdown = output["summary_markdown"]
    assert markdown.startswith("# Your follow-up plan\n")
    assert "Planned from Tuesday, March 10, 2026." in markdown
    for step in output["steps"]:
        assert step["title"] in markdown
        assert step["template"] in markdown
    assert markdown.count("```text") == len(output["steps"])
    assert "Public holidays are not skipped yet: pick your region" in markdown
    assert followup.markdown_file({"definition": DEFINITION, "answers": {}, "today": "2026-03-10"})[
        "content"
    ].startswith("# Your follow-up plan")


def test_blocks_use_only_what_the_bridge_renders() -> None:
    output = run(
        {
            "interview-date": "2026-03-02",
            "stage": "panel",
            "told-next-steps": "nothing",
            "thank-you-sent": "yes",
            "thank-you-date": "2026-03-02",
            "follow-up-dates": "2026-03-03, 2026-03-04",
        },
        "2026-03-05",
    )
    kinds = {"heading", "paragraph", "pre", "list", "steps", "download"}
    for block in output["blocks"]:
        assert block["kind"] in kinds
        for item in block.get("items", []):
            if "link" in item:
                assert SAFE_LINK.match(item["link"]["href"])
    downloads = [b["widget"] for b in output["blocks"] if b["kind"] == "download"]
    assert downloads == ["followup-ics", "followup-markdown"]


def test_calendar_export_without_a_plan_names_the_missing_fields() -> None:
    """Refused before the calendar library is needed, so this runs in Pyodide too."""
    with pytest.raises(InputError) as raised:
        followup.calendar_ics({"definition": DEFINITION, "answers": {}, "today": "2026-03-10"})
    assert [p.path for p in raised.value.problems] == [
        "interview-date",
        "stage",
        "told-next-steps",
        "thank-you-sent",
    ]


@pytest.mark.parametrize(
    ("region", "note"),
    [
        (None, "Public holidays are not skipped yet: pick your region in the checklist"),
        ("none", "Public holidays are not skipped, as you chose"),
        ("us", "Dates also skip US federal holidays."),
        ("uk-ew", "not one-off ones such as a coronation"),
    ],
)
def test_the_plan_says_which_holidays_it_skips(region: str | None, note: str) -> None:
    case = json.loads((FIXTURES / "followup" / "holidays-thanksgiving-unanswered.json").read_text())
    answers = dict(case["answers"])
    if region is not None:
        answers["holidays"] = region
    output = run(answers, case["today"])
    assert note in output["summary_markdown"]
    paragraphs = [b["text"] for b in output["blocks"] if b["kind"] == "paragraph"]
    assert any(note in text for text in paragraphs)


def test_an_unknown_region_is_a_problem_at_its_field() -> None:
    output = run({"interview-date": "2026-11-19", "holidays": "fr"}, "2026-11-22")
    assert "holidays" in [p["path"] for p in output["problems"]]
    assert output["steps"] == []
