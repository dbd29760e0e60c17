"""Saved, exported and shared checklist state: one format, validated one way.

localStorage, JSON export, JSON import and share links all carry the same
envelope, so one function decides what is usable in each of them. Nothing is
thrown away: answers to items a newer definition dropped are kept aside, and
values that no longer fit are reported next to their field.
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

from py_widgets.checklist import Answer, Answers, Checklist, Item, check_answers
from py_widgets.markdown_text import escape_markdown

FORMAT = "irp-checklist"
SCHEMA = 1
MAX_IMPORT_CHARS = 200_000


def envelope(
    checklist: Checklist, answers: dict[str, Any], set_aside: dict[str, Any]
) -> dict[str, Any]:
    """The JSON every save, export and share link carries."""
    return {
        "format": FORMAT,
        "schema": SCHEMA,
        "checklist": checklist.id,
        "version": checklist.version,
        "answers": answers,
        "set_aside": set_aside,
    }


def read_state(checklist: Checklist, data: Any) -> dict[str, Any]:
    """Check an envelope from storage, a file or a link against the current definition.

    Returns ``{"ok": False, "message": ...}`` when the data cannot be used at
    all, so the caller leaves the current answers untouched and shows why.
    """
    if not isinstance(data, dict):
        return _refuse("This is not a saved checklist: expected a JSON object.")
    if data.get("format") != FORMAT:
        return _refuse("This file was not exported from an Interview Recovery Playbooks checklist.")
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema > SCHEMA:
        return _refuse(
            "This file was saved by a newer version of the site; reload the page and try again."
        )
    if data.get("checklist") != checklist.id:
        return _refuse(
            f"These answers belong to the checklist {str(data.get('checklist'))[:80]!r}, not to this one."
        )
    raw_answers = data.get("answers")
    if not isinstance(raw_answers, dict):
        return _refuse("The answers in this file are missing or damaged.")
    answers = check_answers(checklist, raw_answers)
    previous_aside = data.get("set_aside")
    set_aside = {
        **(previous_aside if isinstance(previous_aside, dict) else {}),
        **answers.set_aside,
    }
    saved_version = data.get("version")
    notices = []
    if isinstance(saved_version, int) and saved_version < checklist.version:
        notices.append(
            f"These answers were saved with version {saved_version} of this checklist; "
            f"they now follow version {checklist.version}."
        )
    if answers.set_aside:
        notices.append(
            f"{len(answers.set_aside)} answer(s) belong to questions this checklist no longer asks; "
            "they are kept aside, not deleted, and stay in your exports."
        )
    # Values that failed validation are returned as typed, so the form shows them with a message.
    kept = {
        **answers.values,
        **{p.path: raw_answers[p.path] for p in answers.problems if p.path in raw_answers},
    }
    return {
        "ok": True,
        "answers": kept,
        "set_aside": set_aside,
        "problems": [p.as_dict() for p in answers.problems],
        "notices": notices,
    }


def import_text(checklist: Checklist, text: str) -> dict[str, Any]:
    """Validate an uploaded JSON file before it may replace anything."""
    if len(text) > MAX_IMPORT_CHARS:
        return _refuse(
            f"This file is too large to be a checklist export ({len(text):,} characters; the limit is {MAX_IMPORT_CHARS:,})."
        )
    try:
        data = json.loads(
            text, parse_constant=_no_constant, parse_float=_finite_float, parse_int=_finite_int
        )
    except json.JSONDecodeError as error:
        return _refuse(f"This file is not valid JSON ({error.msg} at line {error.lineno}).")
    except ValueError as error:  # e.g. numbers too long to convert
        return _refuse(f"This file is not valid JSON ({error}).")
    except RecursionError:
        return _refuse("This file is nested too deeply to be a checklist export.")
    return read_state(checklist, data)


# Python's json accepts NaN and Infinity, which the page's JSON.parse rejects when
# they are echoed back, and numbers past the float range, which no answer can hold
# (a huge integer made the number check raise OverflowError). No export has them.
def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"the number {text[:40]} is too large")
    return number


def _finite_int(text: str) -> int:
    number = int(text) if len(text) <= 400 else None
    if number is None or abs(number) > sys.float_info.max:
        raise ValueError(f"the number {text[:40]} is too large")
    return number


def _refuse(message: str) -> dict[str, Any]:
    return {"ok": False, "message": message}


def readable_answer(item: Item, value: Answer) -> str | None:
    """How an answer reads to a person, or None when the item is unanswered."""
    if value in (None, "", []) or (item.kind == "checkbox" and value is not True):
        return None
    labels = dict(item.options)
    if item.kind == "checkbox":
        return "Done"
    if item.kind == "single":
        return labels.get(str(value), str(value))
    if item.kind == "multiple" and isinstance(value, list):
        return "; ".join(labels.get(v, v) for v in value)
    return str(value)


def readable(checklist: Checklist, answers: Answers) -> list[dict[str, Any]]:
    """Answers grouped by section, for the printed page and the summary."""
    return [
        {
            "title": section.title,
            "items": [
                {
                    "label": item.label,
                    "kind": item.kind,
                    "answer": readable_answer(item, answers.values.get(item.id)),
                }
                for item in section.items
            ],
        }
        for section in checklist.sections
    ]


def markdown_summary(checklist: Checklist, answers: Answers, progress_line: str) -> str:
    """A plain summary to paste into an email.

    Text from the definition is the site's own and stays readable; every
    string the visitor typed is escaped so it cannot become a link, image or HTML.
    """
    lines = [f"# {checklist.title}", "", progress_line, ""]
    for section in readable(checklist, answers):
        lines += [f"## {section['title']}", ""]
        for item in section["items"]:
            label, answer = item["label"], item["answer"]
            if item["kind"] == "checkbox":
                lines.append(f"- [{'x' if answer else ' '}] {label}")
            else:
                shown = "_not answered_"
                if answer is not None:
                    shown = (
                        answer
                        if item["kind"] in ("single", "multiple")
                        else escape_markdown(answer)
                    )
                lines.append(f"- **{label}:** {shown}")
        lines.append("")
    if answers.set_aside:
        lines += ["## Kept aside from an earlier version", ""]
        for key, value in sorted(answers.set_aside.items()):
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            lines.append(f"- {escape_markdown(key)}: {escape_markdown(text)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
