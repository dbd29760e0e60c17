"""Page views and downloadable files for the two debrief widgets.

The debrief modules compute plans as domain data; this module turns them into
the block list the bridge renders with ``textContent`` only, and into the
files the page offers for download. Keeping presentation here leaves the
analysis testable on its own and the JavaScript free of per-widget logic.
"""

from __future__ import annotations

from typing import Any

from py_widgets import debrief
from py_widgets.playbooks import link

Block = dict[str, Any]


def _problems(output: dict[str, Any]) -> list[Block]:
    notes = [*output.get("needs", []), *output.get("problems", [])]
    if not notes:
        return []
    return [{"kind": "list", "items": [{"text": note["message"]} for note in notes]}]


def _dated(entries: list[dict[str, Any]]) -> Block:
    return {
        "kind": "steps",
        "items": [
            {
                "label": f"{entry['when'].capitalize()} ({entry['date']}):",
                "text": f"{entry['what']} Why: {entry['why']}",
                "link": link(entry["playbook"]),
            }
            for entry in entries
        ],
    }


def _labelled(heading: str, entries: list[dict[str, Any]], text_key: str) -> list[Block]:
    if not entries:
        return []
    items = [
        {"label": f"{entry['label']}:", "text": entry[text_key], "link": link(entry["playbook"])}
        for entry in entries
    ]
    return [{"kind": "heading", "level": 3, "text": heading}, {"kind": "list", "items": items}]


def candidate_view(payload: dict[str, Any]) -> dict[str, Any]:
    output = debrief.compute_candidate(payload)
    blocks: list[Block] = [{"kind": "heading", "level": 2, "text": "Your recovery plan"}]
    blocks += _problems(output)
    if output["actions"]:
        blocks += [_dated(output["actions"]), {"kind": "paragraph", "text": output["holiday_note"]}]
    blocks += _labelled(
        "What your next note can still repair", output["repairable"], "how"
    ) + _labelled(
        "What a note cannot fix, and what to do instead", output["unrecoverable"], "instead"
    )
    if output["draft_message"]:
        blocks += [
            {"kind": "heading", "level": 3, "text": "A draft follow-up message"},
            {"kind": "pre", "text": output["draft_message"]},
        ]
    blocks.append(
        {
            "kind": "download",
            "text": "Download your plan (Markdown)",
            "widget": "debrief-candidate-markdown",
        }
    )
    return {**output, "blocks": blocks}


def recruiter_view(payload: dict[str, Any]) -> dict[str, Any]:
    output = debrief.compute_recruiter(payload)
    causes = {
        "kind": "list",
        "items": [
            {
                "label": f"{cause['label']}: {round(cause['weight'] * 100)}%.",
                "text": " ".join(cause["evidence"]) or "Nothing in the answers points here.",
            }
            for cause in output["causes"]
        ],
    }
    blocks: list[Block] = [
        {"kind": "heading", "level": 2, "text": "Diagnosis"},
        {"kind": "paragraph", "text": output["diagnosis"]},
        *_problems(output),
        causes,
        {"kind": "heading", "level": 2, "text": "Next moves"},
        _dated(output["moves"]),
        {"kind": "paragraph", "text": output["holiday_note"]},
    ]
    for move in output["moves"]:
        if move.get("draft"):
            blocks += [
                {"kind": "heading", "level": 3, "text": f"Draft for: {move['what'].split('.')[0]}"},
                {"kind": "pre", "text": move["draft"]},
            ]
    blocks += [
        {
            "kind": "download",
            "text": "Download the internal debrief (Markdown)",
            "widget": "debrief-internal",
        },
        {
            "kind": "download",
            "text": "Download the client-safe summary (Markdown)",
            "widget": "debrief-client-safe",
        },
    ]
    return {**output, "blocks": blocks}


def _file(name: str, content: str) -> dict[str, str]:
    return {"filename": name, "content": content, "type": "text/markdown"}


def candidate_markdown(payload: dict[str, Any]) -> dict[str, str]:
    return _file("recovery-plan.md", debrief.compute_candidate(payload)["summary_markdown"])


def internal_markdown(payload: dict[str, Any]) -> dict[str, str]:
    return _file("debrief-internal.md", debrief.compute_recruiter(payload)["internal_markdown"])


def client_safe_markdown(payload: dict[str, Any]) -> dict[str, str]:
    """The only export meant for the hiring manager: built from an allow-list, no private notes."""
    return _file(
        "debrief-for-client.md", debrief.compute_recruiter(payload)["client_safe_markdown"]
    )
