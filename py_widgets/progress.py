"""The checklist progress widget: how far along you are, and the one thing to do next.

People open these checklists in the hour after a stressful interview; a bare
percentage does not help them, so the widget always ends in a concrete next
step taken from the definition's own ``next`` text for the first open item.
"""

from __future__ import annotations

from typing import Any

from py_widgets.checklist import (
    Answers,
    Checklist,
    Item,
    check_answers,
    is_answered,
    parse_definition,
)
from py_widgets.checklist import progress as measure
from py_widgets.checklist_state import markdown_summary, readable


def _pending(checklist: Checklist, answers: Answers) -> list[Item]:
    return [
        item
        for item in checklist.items
        if not item.optional and not is_answered(item, answers.values.get(item.id))
    ]


def _summary(done: int, total: int, percent: int) -> str:
    if total == 0:
        return "Nothing to tick yet."
    if done == total:
        return f"All {total} steps done."
    step_word = "step" if total == 1 else "steps"
    return f"{done} of {total} {step_word} done ({percent}%)."


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(("?", "!", ".")) else f"{text}."


def _next_step(checklist: Checklist, pending: list[Item], done: int) -> str:
    if not pending:
        return checklist.done_message or "Everything on this list is done. Well handled."
    first = pending[0]
    advice = first.next or first.help
    opener = "Start here" if done == 0 else "Next"
    sentence = f"{opener}: {_as_sentence(first.label)}"
    if advice:
        sentence += f" {_as_sentence(advice)}"
    if len(pending) > 1:
        sentence += f" After that: {_as_sentence(pending[1].label)}"
    return sentence


def compute(payload: dict[str, Any]) -> dict[str, Any]:
    """Input ``{"definition", "answers", "set_aside"}``; output everything the page shows and exports."""
    checklist = parse_definition(payload.get("definition"))
    answers = check_answers(checklist, payload.get("answers", {}))
    earlier = payload.get("set_aside")
    if isinstance(earlier, dict):
        answers.set_aside = {**earlier, **answers.set_aside}
    shares = measure(checklist, answers)
    pending = _pending(checklist, answers)
    summary = _summary(shares["done"], shares["total"], shares["percent"])
    return {
        "checklist": checklist.id,
        "progress": shares,
        "summary": summary,
        "next_step": _next_step(checklist, pending, shares["done"]),
        "next_item": pending[0].id if pending else None,
        "problems": [problem.as_dict() for problem in answers.problems],
        "set_aside": sorted(answers.set_aside),
        "readable": readable(checklist, answers),
        "summary_markdown": markdown_summary(checklist, answers, summary),
    }
