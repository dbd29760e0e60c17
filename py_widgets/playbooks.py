"""Titles of the playbooks that widget results link to.

Widgets cite playbooks by slug (``playbooks/<slug>``); the page needs a human
title for the link text. The titles live in each playbook's front matter, and
a host-side content test fails if this table drifts from them.
"""

from __future__ import annotations

PLAYBOOK_TITLES: dict[str, str] = {
    "playbooks/arrived-late": "Running late to an interview",
    "playbooks/cannot-recover": "What can't be recovered",
    "playbooks/client-interview-went-badly": "A client interview went badly",
    "playbooks/coach-candidate": "Coaching the candidate",
    "playbooks/coach-hiring-manager": "Coaching the hiring manager",
    "playbooks/debrief-360": "Running a 360-degree debrief",
    "playbooks/generic-follow-up": "Sent a generic follow-up (or none)",
    "playbooks/ghosted-after-final": "Ghosted after the final round",
    "playbooks/handling-mistakes": "How you handle a mistake",
    "playbooks/justification-mode": "Defending the shortlist",
    "playbooks/mind-went-blank": "Mind went blank on a question",
    "playbooks/missed-callback": "Missed a promised callback",
    "playbooks/missed-interview": "Missed a phone screen",
    "playbooks/no-company-knowledge": "Showed no knowledge of the company",
    "playbooks/no-questions": "Asked no questions",
    "playbooks/not-a-fit-interview": "Interviewing someone who isn't a fit",
    "playbooks/not-a-fit-midway": "Realized mid-interview you're not a fit",
    "playbooks/recalibrate-brief": "Recalibrating the brief",
    "playbooks/repair-weak-answer": "Gave a weak answer",
    "playbooks/thank-you-timing": "Not sure when to send the thank-you note",
    "playbooks/too-many-follow-ups": "Followed up too much",
    "playbooks/typo-in-note": "Typo or wrong name in the note",
}


def link(playbook: str) -> dict[str, str]:
    """A link block for the bridge: it accepts only ``playbooks/`` and ``checklists/`` targets."""
    return {"href": playbook, "text": PLAYBOOK_TITLES.get(playbook, "Read the playbook")}
