"""The timing rules behind the follow-up plan, as data with their sources.

The numbers are editorial decisions, not code: each one sits next to the
playbook that argues for it, so a reviewer can check a value against its page
and an editor can change a value without touching the scheduling logic. The
plan echoes this table in its output so the page can show where every wait
comes from.
"""

from __future__ import annotations

from typing import Final, TypedDict


class Rule(TypedDict):
    value: int
    unit: str
    playbook: str
    reason: str


RULES: Final[dict[str, Rule]] = {
    "thank_you_within": {
        "value": 24,
        "unit": "hours",
        "playbook": "playbooks/thank-you-timing",
        "reason": "A thank-you note lands best within a day, while the conversation is still fresh for both of you.",
    },
    "thank_you_latest": {
        "value": 48,
        "unit": "hours",
        "playbook": "playbooks/thank-you-timing",
        "reason": "After two days the note arrives while decisions are already forming; past that, send it anyway but keep it short.",
    },
    "morning_ends_at": {
        "value": 12,
        "unit": "o'clock (24-hour clock)",
        "playbook": "playbooks/thank-you-timing",
        "reason": "An interview that starts before noon gets its note the same afternoon; a later one gets it the next morning.",
    },
    "check_in_after_given_date": {
        "value": 1,
        "unit": "business days",
        "playbook": "playbooks/ghosted-after-final",
        "reason": "Give them the whole day they named, and check in no sooner than the business day after it.",
    },
    "check_in_after_given_date_latest": {
        "value": 2,
        "unit": "business days",
        "playbook": "playbooks/ghosted-after-final",
        "reason": "One or two business days past their date is the polite window for the first check-in.",
    },
    "check_in_without_date": {
        "value": 5,
        "unit": "business days",
        "playbook": "playbooks/too-many-follow-ups",
        "reason": "With no date to go by, about a working week after the interview is a fair wait before asking.",
    },
    "second_check_in_after": {
        "value": 7,
        "unit": "days",
        "playbook": "playbooks/too-many-follow-ups",
        "reason": "If the first check-in gets no answer, one more about a week later is still reasonable.",
    },
    "close_loop_after": {
        "value": 7,
        "unit": "days",
        "playbook": "playbooks/ghosted-after-final",
        "reason": "A week after the last unanswered check-in, a single close-the-loop note ends things gracefully.",
    },
    "max_follow_ups": {
        "value": 3,
        "unit": "messages after the thank-you note",
        "playbook": "playbooks/too-many-follow-ups",
        "reason": "Two check-ins and one close-the-loop note, then stop: more than that reads as not listening.",
    },
    "max_follow_ups_after_final": {
        "value": 2,
        "unit": "messages after the thank-you note",
        "playbook": "playbooks/ghosted-after-final",
        "reason": "After a final round, one check-in and one close-the-loop note are the limit.",
    },
    "min_gap_between_messages": {
        "value": 2,
        "unit": "business days",
        "playbook": "playbooks/too-many-follow-ups",
        "reason": "Each message needs room for a reply before the next one, or the messages start to stack up.",
    },
    "let_go_after": {
        "value": 14,
        "unit": "days",
        "playbook": "playbooks/too-many-follow-ups",
        "reason": "Two weeks of silence after your last message means it is time to treat the role as closed.",
    },
    "missed_call_follow_up_after": {
        "value": 1,
        "unit": "business days",
        "playbook": "playbooks/missed-interview",
        "reason": "If the apology gets no answer by the end of the next business day, one short follow-up is fair.",
    },
    "expedite_margin": {
        "value": 3,
        "unit": "business days before the other offer's deadline",
        "playbook": "playbooks/too-many-follow-ups",
        "reason": "Ask once, early enough that they can realistically answer before your deadline, so the request doesn't read as pressure.",
    },
}


def value(name: str) -> int:
    """Look a rule up by name, so a typo in a rule name fails loudly instead of using a default."""
    return RULES[name]["value"]
