"""Properties of the debrief widgets over any valid answers (host only: needs hypothesis).

Valid answers are generated from the checklist definitions themselves, so a
new item or option is covered without editing this file. The privacy property
plants distinctive markers in every private answer and looks for them, raw or
escaped, in the client-safe export.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from py_widgets import debrief
from py_widgets.business_days import add_business_days
from py_widgets.debrief_recruiter import CLIENT_SAFE_FIELDS
from py_widgets.markdown_text import escape_inline, escape_markdown
from py_widgets.workdays import days_for

from .test_debrief_rules_sync import load_default_rules

FIXTURES = Path(__file__).resolve().parents[1] / "unit" / "fixtures" / "debrief-definitions"
SELF_DEBRIEF: dict[str, Any] = json.loads((FIXTURES / "self-debrief.json").read_text("utf-8"))
RECRUITER: dict[str, Any] = json.loads((FIXTURES / "recruiter-360-debrief.json").read_text("utf-8"))
RULES = load_default_rules()
PRIVATE_TEXT = ("candidate-impressions", "recruiter-notes")
PRIVATE_CHOICES = ("candidate-self-rating", "candidate-interest", "candidate-off-form")
RENDERER = MarkdownIt("commonmark", {"html": True}).enable("table")
STRUCTURE_TAGS = {"h1", "h2", "p", "ol", "ul", "li", "strong", "em", "blockquote", "br"}

# Any text a person might type or paste, markup and all.
typed_text = st.text(
    alphabet=st.characters(codec="utf-8"),  # utf-8 already rules out lone surrogates
    max_size=120,
) | st.sampled_from(
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "# heading\n- item\n\n> quote",
        "`code` *em* _em_ | pipe",
        "emoji 🎉 and RTL שלום",
    ]
)
days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2032, 12, 31))


def _items(definition: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in definition["sections"] for item in section["items"]]


@st.composite
def valid_answers(draw: st.DrawFn, definition: dict[str, Any], near: dt.date) -> dict[str, Any]:
    """A value for some of the items, each one the form could really send."""
    answers: dict[str, Any] = {}
    for item in _items(definition):
        if not draw(st.booleans()):
            continue
        kind = item["kind"]
        values = [option["value"] for option in item.get("options", [])]
        if kind == "checkbox":
            answers[item["id"]] = draw(st.booleans())
        elif kind == "single":
            answers[item["id"]] = draw(st.sampled_from(values))
        elif kind == "multiple":
            answers[item["id"]] = draw(st.lists(st.sampled_from(values), unique=True))
        elif kind == "date":
            offset = draw(st.integers(-60, 10))
            answers[item["id"]] = (near + dt.timedelta(days=offset)).isoformat()
        elif kind == "number":
            low, high = int(item.get("min", 0)), int(item.get("max", 100))
            answers[item["id"]] = str(draw(st.integers(low, high)))
        else:
            text = draw(typed_text)
            answers[item["id"]] = text[: item.get("max_length", 500)]
    return answers


def _rendered_tags(markdown: str) -> set[str]:
    return set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", RENDERER.render(markdown)))


@st.composite
def candidate_payloads(draw: st.DrawFn) -> dict[str, Any]:
    today = draw(days)
    answers = draw(valid_answers(SELF_DEBRIEF, today))
    return {"definition": SELF_DEBRIEF, "answers": answers, "today": today.isoformat()}


@st.composite
def recruiter_payloads(draw: st.DrawFn) -> dict[str, Any]:
    today = draw(days)
    answers = draw(valid_answers(RECRUITER, today))
    return {
        "definition": RECRUITER,
        "answers": answers,
        "today": today.isoformat(),
        "rules": RULES,
    }


@given(candidate_payloads())
def test_candidate_plan_is_dated_from_today_and_never_refuses(payload: dict[str, Any]) -> None:
    output = debrief.compute_candidate(payload)
    assert output["problems"] == []
    dates = [action["date"] for action in output["actions"]]
    assert dates, "there is always a next step"
    assert dates == sorted(dates)
    assert min(dates) >= payload["today"]
    assert all(action["playbook"].startswith("playbooks/") for action in output["actions"])
    ticked = set(payload["answers"].get("mistakes", []))
    classified = {r["mistake"] for r in output["repairable"]} | {
        u["mistake"] for u in output["unrecoverable"]
    }
    assert ticked <= classified
    for mistake in ("bad-mouthed-employer", "took-a-call", "other-unrecoverable"):
        if mistake in ticked:
            assert mistake in {u["mistake"] for u in output["unrecoverable"]}
    json.dumps(output)


@given(candidate_payloads())
def test_candidate_summary_never_turns_typed_text_into_markup(payload: dict[str, Any]) -> None:
    output = debrief.compute_candidate(payload)
    assert _rendered_tags(output["summary_markdown"]) <= STRUCTURE_TAGS


@given(recruiter_payloads())
def test_recruiter_weights_are_shares_and_moves_are_prompt(payload: dict[str, Any]) -> None:
    output = debrief.compute_recruiter(payload)
    assert output["problems"] == []
    weights = [cause["weight"] for cause in output["causes"]]
    assert len(weights) == 4
    assert all(0 <= weight <= 1 for weight in weights)
    total = sum(weights)
    assert total == 0 or abs(total - 1) < 1e-9
    assert (total == 0) == (output["leading"] == [])
    assert set(output["leading"]) <= {cause["id"] for cause in output["causes"]}
    for cause in output["causes"]:
        if cause["weight"] > 0:
            assert any("(+" in line for line in cause["evidence"]), "weight without evidence"
    today = dt.date.fromisoformat(payload["today"])
    answered = payload["answers"].get("debrief-date")
    debrief_day = dt.date.fromisoformat(answered) if answered else today
    start = max(debrief_day, today)
    moves = output["moves"]
    assert all(dt.date.fromisoformat(move["date"]) >= start for move in moves)
    assert dt.date.fromisoformat(moves[0]["date"]) <= add_business_days(start, 1)
    assert any(move["id"] == "listen-first" for move in moves)
    json.dumps(output)


def _region_options(definition: dict[str, Any]) -> list[str]:
    item = next(i for i in _items(definition) if i["id"] == "holidays")
    return [option["value"] for option in item["options"]]


@st.composite
def with_region(draw: st.DrawFn, payloads: Any) -> tuple[dict[str, Any], str | None]:
    """A payload with the holidays item set to a drawn region, or left unanswered."""
    payload: dict[str, Any] = draw(payloads)
    region = draw(st.sampled_from([None, *_region_options(payload["definition"])]))
    payload["answers"].pop("holidays", None)
    if region is not None:
        payload["answers"]["holidays"] = region
    return payload, region


def _days_off_planned(
    entries: list[dict[str, Any]], region: str | None, allowed: set[dt.date]
) -> list[str]:
    """Every step planned on a weekend or one of the region's holidays, except on the days allowed."""
    days = days_for(region)
    return [
        f"{entry['id']} on {entry['date']}"
        for entry in entries
        if (day := dt.date.fromisoformat(entry["date"])) not in allowed
        and not days.is_business_day(day)
    ]


def _named_holidays_only_with_a_region(entries: list[dict[str, Any]], region: str | None) -> None:
    if region in ("us", "uk-ew"):
        return
    for entry in entries:
        assert "so this moves to" not in entry["what"], entry["id"]
        assert "and this moves to" not in entry["what"], entry["id"]


@given(with_region(candidate_payloads()))
def test_candidate_plans_no_step_on_a_day_off_after_today(
    case: tuple[dict[str, Any], str | None],
) -> None:
    """What to do today stays today; every later step is a business day in the drawn region."""
    payload, region = case
    output = debrief.compute_candidate(payload)
    today = dt.date.fromisoformat(payload["today"])
    assert _days_off_planned(output["actions"], region, {today}) == []
    _named_holidays_only_with_a_region(output["actions"], region)
    assert output["holiday_note"]


@given(with_region(recruiter_payloads()))
def test_recruiter_plans_no_move_on_a_day_off_after_the_debrief(
    case: tuple[dict[str, Any], str | None],
) -> None:
    """Moves on the debrief day (or today) stay there; every later move is a business day."""
    payload, region = case
    output = debrief.compute_recruiter(payload)
    today = dt.date.fromisoformat(payload["today"])
    answered = payload["answers"].get("debrief-date")
    debrief_day = dt.date.fromisoformat(answered) if answered else today
    assert _days_off_planned(output["moves"], region, {today, debrief_day}) == []
    _named_holidays_only_with_a_region(output["moves"], region)
    assert output["holiday_note"]


@st.composite
def private_payloads(draw: st.DrawFn) -> tuple[dict[str, Any], list[str]]:
    payload = draw(recruiter_payloads())
    markers = []
    for item_id in PRIVATE_TEXT:
        marker = "Pv" + draw(
            st.text(alphabet="BCDFGHJKLMNPQRSTVWXZ0123456789", min_size=10, max_size=10)
        )
        markers.append(marker)
        around = draw(typed_text)
        payload["answers"][item_id] = f"{around[:200]} {marker} {around[200:][:200]}"
    for item_id in PRIVATE_CHOICES:
        item = next(i for i in _items(RECRUITER) if i["id"] == item_id)
        if item["kind"] == "checkbox":
            payload["answers"][item_id] = draw(st.booleans())
        else:
            payload["answers"][item_id] = draw(
                st.sampled_from([o["value"] for o in item["options"]])
            )
    return payload, markers


def _allowed_text(payload: dict[str, Any]) -> str:
    return " ".join(
        json.dumps(payload["answers"].get(item_id), ensure_ascii=False)
        for item_id in CLIENT_SAFE_FIELDS
    )


@given(private_payloads())
def test_client_safe_export_never_contains_private_text(
    case: tuple[dict[str, Any], list[str]],
) -> None:
    payload, markers = case
    allowed = _allowed_text(payload)
    assume(not any(marker in allowed for marker in markers))
    output = debrief.compute_recruiter(payload)
    client = output["client_safe_markdown"]
    internal = output["internal_markdown"]
    for marker in markers:
        assert marker not in client
        assert marker in internal, "the internal export keeps everything"
    exclusive_labels = [
        "It went well",
        "It went badly",
        "Mixed",
        "Keen",
        "Lost interest",
        "ill, nervous or distracted",
        "first impressions",
        "private notes",
    ]
    for label in exclusive_labels:
        if label.lower() not in allowed.lower():
            assert label.lower() not in client.lower(), label
    assert _rendered_tags(client) <= STRUCTURE_TAGS
    assert _rendered_tags(internal) <= STRUCTURE_TAGS


@given(typed_text)
def test_escaped_text_renders_without_markup(text: str) -> None:
    assert _rendered_tags(escape_markdown(text)) <= {"p", "br"}
    assert "\n" not in escape_inline(text)
    assert "\x00" not in escape_markdown(text)
