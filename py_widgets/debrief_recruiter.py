"""Recruiter 360 debrief: weigh the four usual causes, then plan dated next moves.

The diagnosis comes entirely from the rules file (see ``debrief_rules``), and
every weight is shown with the answers behind it, so a recruiter can disagree
with it on the evidence rather than take it on trust. Two exports are built:
an internal one with everything, and a client-safe one assembled only from an
allow-list of answers, so nothing the candidate said in confidence can reach
the hiring manager by accident, including through fields added later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from py_widgets.date_text import long_date
from py_widgets.debrief_common import (
    Dated,
    Form,
    Planner,
    excerpt,
    problem_dicts,
    read_form,
    read_region,
    read_today,
    relative_day,
)
from py_widgets.debrief_rules import Rules, Scored, has_enough, leading, parse_rules, score
from py_widgets.markdown_text import escape_inline, quote_block
from py_widgets.problems import Problem
from py_widgets.workdays import Days, holiday_note

# The only answers a client-safe export may read. Anything not listed here,
# including items added to the checklist later, stays internal by default.
CLIENT_SAFE_FIELDS = (
    "debrief-date",
    "role-title",
    "manager-verdict",
    "manager-concerns",
    "manager-feedback",
    "manager-changed-requirements",
    "brief-must-haves-agreed",
    "brief-changed-since",
    "brief-changes",
    "interviews-per-hire",
)

BRIEF_CAUSES = ("brief-unqualified", "client-changed")
NO_EVIDENCE = "Not enough answers to diagnose yet: record the hiring manager's verdict, concerns or feedback first."
NO_CAUSE = "Not enough answers to diagnose yet: nothing so far points to a cause. Add the manager's concerns, the candidate's side and your checks on the brief."


@dataclass(frozen=True)
class Move:
    id: str
    date: dt.date
    rank: int
    what: str
    why: str
    playbook: str
    draft: str = ""
    client_date: dt.date | None = None
    """When the client-safe export should give a different date, such as the session itself."""
    planned: dt.date = dt.date.min
    """The date worked out from the debrief, before overdue moves were brought forward to today."""
    moved: str = ""
    """The sentence naming the holidays that moved this move, added to ``what`` once it is dated."""


class SafeView:
    """The allow-listed answers, and nothing else, for text the client will read."""

    def __init__(self, form: Form) -> None:
        self.__form = form

    def _form(self, item_id: str) -> Form:
        if item_id not in CLIENT_SAFE_FIELDS:
            raise KeyError(f"{item_id!r} is not on the client-safe allow-list")
        return self.__form

    def text(self, item_id: str) -> str:
        return self._form(item_id).text(item_id)

    def choice(self, item_id: str) -> str:
        return self._form(item_id).choice(item_id)

    def choices(self, item_id: str) -> list[str]:
        return self._form(item_id).choices(item_id)

    def label(self, item_id: str) -> str:
        return self._form(item_id).choice_label(item_id)

    def labels(self, item_id: str) -> list[str]:
        form = self._form(item_id)
        return [form.option_label(item_id, value) for value in form.choices(item_id)]

    def number(self, item_id: str) -> float | None:
        return self._form(item_id).number(item_id)


# ----------------------------------------------------------------------------- drafts


def _role(safe: SafeView) -> str:
    return safe.text("role-title") or "[Role title]"


def _lower_first(label: str) -> str:
    """Option labels start with a capital; mid-sentence they should not."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _listing(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_MUST_HAVES = {
    "yes": "agreed at intake; check they still hold after this interview.",
    "partly": "only partly separated from the nice-to-haves; agree three to five now.",
    "no": "never separated from the nice-to-haves; agree three to five before anyone else is sourced.",
}


def brief_outline(safe: SafeView, debrief: dt.date) -> list[tuple[str, list[str]]]:
    """A revised job description and person specification, built from client-safe answers only.

    Unknowns stay as [bracketed] prompts: the outline is an agenda for the
    recalibration call, not a finished document, and a blank is more honest
    than a guess.
    """
    changed = safe.label("brief-changed-since")
    changes = safe.text("brief-changes")
    what_changed = excerpt(changes, 300) if changes else "[what changed, and when]"
    if changed:
        what_changed += f" (changed since the search began: {changed})"
    differs = safe.label("manager-changed-requirements") or "[to confirm]"
    concerns = safe.labels("manager-concerns")
    level = "[seniority, scope, reporting line and pay range]"
    if "experience-level" in safe.choices("manager-concerns"):
        level += "; the manager raised the level, so settle it first"
    interviews = safe.number("interviews-per-hire")
    process = "[stages, interviewers, tests, decision owner and timeline]"
    if interviews is not None:
        process += f"; {interviews:g} interviews held so far"
    must_haves = _MUST_HAVES.get(
        safe.choice("brief-must-haves-agreed"), "[status to confirm]; agree three to five."
    )
    return [
        (
            f"Revised brief for sign-off: {_role(safe)} (draft from the debrief of {long_date(debrief)})",
            [],
        ),
        (
            "Job description",
            [
                f"Role title: {_role(safe)}",
                f"What has changed since the original brief: {what_changed}",
                f"Needs the manager described that differ from the brief: {differs}",
                f"Level: {level}",
                "Team: [who they work with, and what the team lacks today]",
                "Success measures: [what good looks like at 90 days and at one year]",
                f"Process: {process}",
            ],
        ),
        (
            "Person specification",
            [
                f"Must-haves: {must_haves} [list them]",
                "Nice-to-haves, ranked: [list them]",
                "Deal-breakers: [anything that rules someone out at once]",
                "To test for at interview, from this round's concerns: "
                + ("; ".join(concerns) if concerns else "[none recorded]"),
            ],
        ),
    ]


def _outline_text(outline: list[tuple[str, list[str]]], extra: list[str]) -> str:
    title, _ = outline[0]
    parts = [title, "Everything in [brackets] is to settle with the client."]
    for heading, lines in outline[1:]:
        parts.append("")
        parts.append(heading)
        parts.extend(f"- {line}" for line in lines)
    if extra:
        parts.append("")
        parts.extend(f"- {line}" for line in extra)
    return "\n".join(parts)


def _outline_markdown(outline: list[tuple[str, list[str]]]) -> list[str]:
    title, _ = outline[0]
    lines = [f"**{escape_inline(title)}**", "", "Everything in brackets is to settle together.", ""]
    for heading, items in outline[1:]:
        lines += [f"*{escape_inline(heading)}*", ""]
        lines += [f"- {escape_inline(item)}" for item in items]
        lines.append("")
    return lines


def _playback(safe: SafeView, plan_date: dt.date) -> str:
    verdict = safe.label("manager-verdict")
    concerns = safe.labels("manager-concerns")
    feedback = safe.text("manager-feedback")
    heard = []
    if verdict:
        heard.append(f"- Your overall view: {verdict}")
    if concerns:
        heard.append(f"- What concerned you: {_listing([_lower_first(c) for c in concerns])}")
    if feedback:
        heard.append(f"- In your words: “{excerpt(feedback, 300)}”")
    if not heard:
        heard.append("- [Their main concern, in their words]")
    return "\n".join(
        [
            "Hi [Hiring manager's name],",
            "",
            f"Thank you for being straight with me about [Candidate name] for the {_role(safe)} role. "
            "I'd rather understand your view properly than argue the case, so here is what I heard:",
            "",
            *heard,
            "",
            "Have I got that right, and is there anything I missed? Once you confirm, "
            f"I'll come back with next steps by {long_date(plan_date)}.",
            "",
            "[Your name]",
        ]
    )


_CANDIDATE_POINTS = {
    "skills-gap": "Walk through one real piece of work step by step: the tools, the decisions and the result in numbers.",
    "experience-level": "Pitch examples at the level of the role: the size of the team, budget or customer base they handled.",
    "culture-fit": "Prepare one true example of how they work with a team and a manager, and what they need from both.",
    "communication": "Practice answers that lead with the point and finish inside two minutes.",
    "motivation": "Be ready to say in two sentences why this role and this company, in their own words.",
    "salary": "Agree with you beforehand how to talk about pay, so it never comes up cold.",
    "other": "Go through the manager's feedback together, point by point.",
}


def _candidate_points(form: Form, candidate_leads: bool) -> str:
    points = [
        "Give the outcome first, then one or two strengths the client noticed.",
        "Name one or two gaps, each tied to a requirement of the role and to something that happened in the interview.",
        "Ask how it felt from their side, and listen before you suggest anything.",
    ]
    points += [
        _CANDIDATE_POINTS[c] for c in form.choices("manager-concerns") if c in _CANDIDATE_POINTS
    ]
    if candidate_leads or form.checked("candidate-off-form"):
        points.append(
            "Before the next interview, brief them on the interviewers, the format and any test, "
            "and run one practice round by phone."
        )
    if form.choice("candidate-interest") in ("lost-interest", "unsure"):
        points.append(
            "Ask plainly whether they still want roles like this one; if not, help them say so."
        )
    points.append(
        "Build flexible answers together: a few true stories with numbers that fit several "
        "behavioral and skills questions, not scripts."
    )
    return "Coaching points for the candidate:\n" + "\n".join(f"- {p}" for p in points)


def _manager_points(form: Form) -> str:
    points = [
        "Ask for a conversation rather than sending a written critique, and pick one or two points."
    ]
    agreed = form.choice("brief-must-haves-agreed")
    if agreed in ("no", "partly"):
        points.append(
            "Agree three to five must-haves, kept apart from the nice-to-haves, before anyone else is interviewed."
        )
    interviews = form.number("interviews-per-hire")
    if interviews is not None and interviews >= 5:
        points.append(
            f"Say, gently, that {interviews:g} interviews for one hire usually means the need isn't settled yet."
        )
    if form.checked("purple-squirrel"):
        points.append(
            "Name the trade-off: which two items on the wish list matter most at this level and salary?"
        )
    if (
        form.choice("manager-changed-requirements") == "yes"
        or form.choice("brief-changed-since") == "yes"
    ):
        points.append(
            "Ask what changed once they met real candidates, and write it into the brief."
        )
    points += [
        "Map two or three interview questions to each must-have, so the interview gathers evidence on what matters most.",
        "Have each interviewer score before comparing notes, so the most senior voice does not set everyone's score.",
    ]
    return "Coaching points for the hiring manager:\n" + "\n".join(f"- {p}" for p in points)


# ----------------------------------------------------------------------------- moves


def _feedback_day(dates: Planner, debrief: dt.date) -> Dated:
    """Candidate feedback within about 48 hours: the next business day, or the debrief day itself.

    The debrief day itself when the next business day is further off than two
    days, as before a weekend or a holiday that makes one longer.
    """

    def rule(days: Days) -> dt.date:
        following = days.add(debrief, 1)
        return following if (following - debrief).days <= 2 else debrief

    return dates.plan(rule, debrief + dt.timedelta(days=1))


def plan_moves(
    form: Form, lead: list[str], enough: bool, debrief: dt.date, today: dt.date
) -> list[Move]:
    dates = Planner(read_region(form), today)
    soon = dates.after(debrief, 1)
    safe = SafeView(form)
    ref = form.text("candidate-ref") or "the candidate"
    role = form.text("role-title") or "this role"
    brief_leads = any(cause in lead for cause in BRIEF_CAUSES)
    fit_leads = "recruiter-fit" in lead
    candidate_leads = "candidate-form" in lead
    hired = form.choice("manager-verdict") == "yes"
    plan_day = dates.after(debrief, 3)
    feedback_day = _feedback_day(dates, debrief)
    moves = [
        Move(
            "listen-first",
            debrief,
            0,
            "Before you explain anything, play the manager's feedback back in their words and ask "
            "three things: where the interview turned for them, which must-have fell short, and "
            "whether that requirement has moved since the brief.",
            "Defending the shortlist stops the client telling you what actually failed, and that "
            "is the information the next shortlist depends on.",
            "playbooks/justification-mode",
            _playback(safe, plan_day.date),
        ),
        Move(
            "candidate-feedback",
            feedback_day.date,
            3,
            f"Call {ref} for about 15 minutes with honest, specific feedback tied to the role's "
            "requirements, and agree what to practice.",
            "Candidates who get usable feedback after a loss often win the next role, and vague "
            "coaching is how recruiters lose good people.",
            "playbooks/coach-candidate",
            _candidate_points(form, candidate_leads),
            moved=feedback_day.moved,
        ),
    ]
    if not enough:
        moves.append(
            Move(
                "get-manager-feedback",
                debrief,
                1,
                "Get the hiring manager's feedback first-hand today, by phone if you can, and write "
                "it down in their own words.",
                "Without the manager's side there is nothing to weigh, and a guess leads to the wrong fix.",
                "playbooks/debrief-360",
            )
        )
    elif not lead:
        moves.append(
            Move(
                "ask-for-specifics",
                debrief,
                1,
                "Go back to the manager for specifics: which answer worried them, which must-have "
                "fell short, and whether the role looks different now they have met someone.",
                "A verdict without reasons can't tell you whether to fix the candidate, your match "
                "or the brief.",
                "playbooks/client-interview-went-badly",
            )
        )
    if not form.text("candidate-impressions") and not form.choice("candidate-self-rating"):
        moves.append(
            Move(
                "capture-candidate-impressions",
                debrief,
                2,
                f"Ask {ref} to write down their impressions now, before they hear the verdict: the "
                "questions, who was in the room, any test, the feel of the team and how keen they are.",
                "Impressions written before the verdict are more honest than memories reshaped by it.",
                "playbooks/debrief-360",
            )
        )
    if candidate_leads and form.choice("candidate-interest") in ("lost-interest", "unsure"):
        moves.append(
            Move(
                "check-interest",
                soon.date,
                4,
                f"Ask {ref} plainly whether they still want this role; if they don't, help them "
                "withdraw gracefully and update your notes.",
                "A candidate who has cooled on the job changes what the feedback means and who "
                "belongs on the next shortlist.",
                "playbooks/coach-candidate",
                moved=soon.moved,
            )
        )
    if fit_leads:
        rescreen = dates.after(debrief, 2)
        concerns = (
            _listing([_lower_first(c) for c in safe.labels("manager-concerns")])
            or "the gap they named"
        )
        moves += [
            Move(
                "own-the-miss",
                soon.date,
                4,
                f"Tell the manager plainly where your read differed from theirs ({concerns}) and "
                "what you will check differently from now on.",
                "Owning a misjudgment costs less trust than defending it, and it makes your next "
                "shortlist believable.",
                "playbooks/client-interview-went-badly",
                moved=soon.moved,
            ),
            Move(
                "rescreen",
                rescreen.date,
                6,
                "Re-screen the rest of your shortlist against the must-haves with a test (an "
                "exercise, a work sample or detailed references) instead of the resume alone.",
                "If you misjudged one candidate, the same assumption may sit behind the others.",
                "playbooks/client-interview-went-badly",
                moved=rescreen.moved,
            ),
        ]
    if brief_leads:
        session = dates.after(debrief, 2)
        intake = session.date
        extra = []
        if form.checked("purple-squirrel"):
            extra.append(
                "Trade-off to put to the client: the wish list describes someone who barely "
                "exists. Which matters more: [A and B at this level] or [A and C at a higher salary]?"
            )
        moves += [
            Move(
                "book-intake",
                debrief,
                1,
                f"Book a 45 to 60 minute recalibration session on {role} with the hiring manager "
                f"for {long_date(intake)} at the latest, and invite everyone who interviews.",
                "Sourcing harder against a brief that was never settled only produces more rejections.",
                "playbooks/recalibrate-brief",
                client_date=intake,
            ),
            Move(
                "revised-brief",
                intake,
                5,
                "Turn the session into a revised job description and person specification the same "
                "day, and send it to the client for sign-off.",
                "Seeing the brief in writing flushes out disagreements that a call smooths over.",
                "playbooks/recalibrate-brief",
                _outline_text(brief_outline(safe, debrief), extra),
                moved=session.moved,
            ),
            Move(
                "coach-hiring-manager",
                intake,
                6,
                "Use part of the session to coach the hiring manager, gently but clearly, on how "
                "the interview is run.",
                "If the brief or the interview was part of the problem, the next good candidate "
                "will fall at the same stage.",
                "playbooks/coach-hiring-manager",
                _manager_points(form),
                moved=session.moved,
            ),
        ]
    if lead and not hired:
        if brief_leads or fit_leads:
            moves.append(
                Move(
                    "revised-plan",
                    plan_day.date,
                    7,
                    "Send the client a revised recruitment plan: what you learned, what changes, "
                    "which channels you will source from, who in your pool can be re-presented, and "
                    "when they will see new candidates.",
                    "Moving fast with a plan, not a rebuttal, is what keeps the assignment.",
                    "playbooks/recalibrate-brief"
                    if brief_leads
                    else "playbooks/client-interview-went-badly",
                    moved=plan_day.moved,
                )
            )
        shortlist = dates.after(debrief, 5)
        source = (
            "against the revised brief"
            if brief_leads
            else "from candidates already screened against the same brief"
        )
        moves.append(
            Move(
                "fresh-shortlist",
                shortlist.date,
                8,
                f"Put a fresh shortlist in front of the client, {source}.",
                "Filling a role is a series of steps; new candidates within the week keep the "
                "client's confidence.",
                "playbooks/client-interview-went-badly",
                moved=shortlist.moved,
            )
        )
        if brief_leads:
            calibration = dates.after(shortlist.date, 2)
            moves.append(
                Move(
                    "calibration-call",
                    calibration.date,
                    9,
                    "Hold a short calibration call after the first new slate to check you and the "
                    "client are now picturing the same person.",
                    "The first profile is a hypothesis; the first new slate is how you test it.",
                    "playbooks/recalibrate-brief",
                    moved=calibration.moved,
                )
            )
    return sorted(
        (
            Move(
                m.id,
                max(m.date, today),
                m.rank,
                # An overdue move is brought forward to today, so what once moved it no longer matters.
                f"{m.what} {m.moved}" if m.moved and m.date >= today else m.what,
                m.why,
                m.playbook,
                m.draft,
                None if m.client_date is None else max(m.client_date, today),
                m.date,
            )
            for m in moves
        ),
        key=lambda m: (m.date, m.rank),
    )


_CLIENT_MOVES = {
    "listen-first": "Please check that I have captured your feedback correctly (above), and tell me anything I missed.",
    "book-intake": "A 45 to 60 minute working session to agree the must-haves, level, success measures, deal-breakers and interview process.",
    "revised-brief": "A revised job description and person specification, sent to you for sign-off (draft below).",
    "revised-plan": "A revised search plan: what changes, where we will look, and when you will see new candidates.",
    "fresh-shortlist": "New candidates for you to review.",
    "calibration-call": "A short calibration call after you have seen the first new candidates.",
}


# ----------------------------------------------------------------------------- exports


def _evidence(finding_weight: float, text: str) -> str:
    sign = "+" if finding_weight >= 0 else "−"
    return f"{text} ({sign}{abs(finding_weight):.2f})"


def _cause_dicts(scored: list[Scored]) -> list[dict[str, Any]]:
    return [
        {
            "id": s.cause.id,
            "label": s.cause.label,
            "weight": s.weight,
            "score": s.score,
            "evidence": [_evidence(f.weight, f.text) for f in s.findings],
        }
        for s in scored
    ]


def _diagnosis(scored: list[Scored], lead: list[str], enough: bool) -> str:
    if not lead:
        return NO_EVIDENCE if not enough else NO_CAUSE
    named = [f"{s.cause.label} ({round(s.weight * 100)}%)" for s in scored if s.cause.id in lead]
    if len(named) == 1:
        return f"Leading cause: {named[0]}."
    return f"Leading causes: {_listing(named)}."


def _when(move: Move, today: dt.date) -> str:
    label = relative_day(move.date, today)
    if move.planned < move.date:
        label += f" (overdue: planned for {relative_day(move.planned, today)})"
    return label


def _move_dict(move: Move, today: dt.date) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": move.id,
        "date": move.date.isoformat(),
        "when": _when(move, today),
        "what": move.what,
        "why": move.why,
        "playbook": move.playbook,
    }
    if move.draft:
        result["draft"] = move.draft
    return result


def _needs(form: Form, rules: Rules, lead: list[str]) -> list[Problem]:
    needs: list[Problem] = []
    if not has_enough(rules, form):
        needs.append(
            Problem(
                rules.requires_any[0],
                "Record the hiring manager's side first: the diagnosis weighs their feedback against everything else.",
            )
        )
    elif not lead:
        needs.append(
            Problem(
                "manager-concerns",
                "Nothing in the answers points to a cause yet: tick the manager's concerns and "
                "complete your checks on the brief and your assessment.",
            )
        )
    if not form.text("candidate-impressions") and not form.choice("candidate-self-rating"):
        needs.append(
            Problem(
                "candidate-impressions",
                "Capture the candidate's impressions before they hear the verdict, so the 360 has both sides.",
            )
        )
    if form.choice("brief-changed-since") == "no" and form.text("brief-changes"):
        needs.append(
            Problem(
                "brief-changed-since",
                "You answered that the brief has not changed, yet described changes: check which is right.",
            )
        )
    if form.choice("manager-verdict") == "yes" and form.choices("manager-concerns"):
        needs.append(
            Problem(
                "manager-verdict",
                "The verdict is Yes, yet concerns are ticked: the diagnosis reads the concerns, so check the verdict.",
            )
        )
    if form.choice("candidate-self-rating") == "went-well" and form.choice("manager-verdict") in (
        "no",
        "strong-no",
    ):
        needs.append(
            Problem(
                "candidate-self-rating",
                "The two accounts disagree sharply: the candidate thought it went well. Compare them "
                "point by point before deciding what to fix.",
            )
        )
    if form.choice("assessed-skills") == "tested" and "skills-gap" in form.choices(
        "manager-concerns"
    ):
        needs.append(
            Problem(
                "assessed-skills",
                "You tested their skills, yet the manager saw a gap: compare what you tested with what "
                "the manager asked about.",
            )
        )
    if form.choice("brief-must-haves-agreed") == "yes" and form.checked("purple-squirrel"):
        needs.append(
            Problem(
                "purple-squirrel",
                "The must-haves were agreed, yet the brief asks for a near-impossible combination: the "
                "agreed must-haves may be the problem.",
            )
        )
    return needs


def _answer_line(form: Form, item_id: str) -> str | None:
    item = form.checklist.item(item_id)
    if item is None:
        return None
    value = form.value(item_id)
    if item.kind == "checkbox":
        shown = "yes" if value is True else ("no" if value is False else "")
    elif item.kind == "single":
        shown = form.choice_label(item_id)
    elif item.kind == "multiple":
        shown = "; ".join(form.option_label(item_id, v) for v in form.choices(item_id))
    elif item.kind == "number":
        number = form.number(item_id)
        shown = "" if number is None else f"{number:g}"
    else:
        shown = form.text(item_id)
    if not shown:
        return f"- {escape_inline(item.label)}: *not answered*"
    if item.kind == "text" and "\n" in shown:
        return f"- {escape_inline(item.label)}:\n\n{quote_block(shown)}\n"
    return f"- {escape_inline(item.label)}: {escape_inline(shown)}"


def _moves_markdown(moves: list[Move], today: dt.date) -> list[str]:
    lines: list[str] = []
    for index, move in enumerate(moves, start=1):
        when = _when(move, today)
        lines.append(
            f"{index}. **{escape_inline(when[:1].upper() + when[1:])} ({move.date.isoformat()})**: "
            f"{escape_inline(move.what)}"
        )
        lines.append(f"   Why: {escape_inline(move.why)} Playbook: {escape_inline(move.playbook)}")
        if move.draft:
            lines.append("")
            lines += ["   " + line if line else "" for line in quote_block(move.draft).split("\n")]
        lines.append("")
    return lines


def internal_markdown(
    form: Form,
    scored: list[Scored],
    diagnosis: str,
    moves: list[Move],
    needs: list[Problem],
    problems: list[Problem],
    debrief: dt.date,
    today: dt.date,
) -> str:
    role = form.text("role-title") or "Role not named"
    ref = form.text("candidate-ref")
    title = f"360 debrief: {role}" + (f" ({ref})" if ref else "")
    lines = [
        f"# {escape_inline(title)}",
        "",
        f"Debrief date: {long_date(debrief)}. Prepared {today.isoformat()}.",
        "",
        "**Internal: this includes the candidate's private notes. Send the client-safe version to the hiring manager.**",
        "",
        "## Diagnosis",
        "",
        escape_inline(diagnosis),
        "",
    ]
    verdict = form.choice_label("manager-verdict")
    feedback = form.text("manager-feedback")
    if verdict or feedback:
        context = f"Hiring manager's verdict: {verdict or 'not recorded'}."
        if feedback:
            context += f" In their words: “{excerpt(feedback, 160)}”"
        lines += [escape_inline(context), ""]
    for index, s in enumerate(scored, start=1):
        lines.append(
            f"{index}. **{escape_inline(s.cause.label)}: {round(s.weight * 100)}%** (score {s.score:g})"
        )
        if s.findings:
            lines += [f"   - {escape_inline(_evidence(f.weight, f.text))}" for f in s.findings]
        else:
            lines.append("   - No evidence in the answers.")
    lines += ["", "## Next moves", ""]
    lines += _moves_markdown(moves, today)
    lines += [escape_inline(holiday_note(read_region(form))), ""]
    sections = [
        (
            "Hiring manager's side",
            (
                "manager-verdict",
                "manager-concerns",
                "manager-feedback",
                "manager-changed-requirements",
            ),
        ),
        (
            "Candidate's side (private)",
            (
                "candidate-self-rating",
                "candidate-interest",
                "candidate-off-form",
                "candidate-impressions",
            ),
        ),
        (
            "Your checks on the brief",
            (
                "brief-must-haves-agreed",
                "brief-intake-held",
                "brief-changed-since",
                "brief-changes",
                "purple-squirrel",
                "interviews-per-hire",
            ),
        ),
        ("Your assessment (private)", ("assessed-skills", "assessed-fit", "recruiter-notes")),
    ]
    for heading, item_ids in sections:
        lines += [f"## {heading}", ""]
        lines += [line for item_id in item_ids if (line := _answer_line(form, item_id))]
        lines.append("")
    if needs:
        lines += ["## Answers to check", ""]
        lines += [f"- {escape_inline(need.message)}" for need in needs]
        lines.append("")
    if problems:
        lines += ["## Answers that could not be used", ""]
        lines += [f"- {escape_inline(str(problem))}" for problem in problems]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def client_safe_markdown(safe: SafeView, steps: list[tuple[str, dt.date]], debrief: dt.date) -> str:
    """The export for the hiring manager, written only from ``SafeView`` and fixed wording.

    It never receives the full form or the internal moves' wording, so a
    private answer cannot be quoted here even by mistake: ``SafeView`` refuses
    any item that is not allow-listed, and each step is only an id and a date.
    """
    lines = [
        f"# Interview feedback and next steps: {escape_inline(_role(safe))}",
        "",
        f"From our debrief on {long_date(debrief)}.",
        "",
        "## What I heard from you",
        "",
    ]
    heard = [
        ("Overall view", safe.label("manager-verdict")),
        ("Concerns raised", "; ".join(safe.labels("manager-concerns"))),
        ("Needs that differ from the brief", safe.label("manager-changed-requirements")),
    ]
    lines += [f"- {name}: {escape_inline(value)}" for name, value in heard if value]
    feedback = safe.text("manager-feedback")
    if feedback:
        lines += ["- In your words:", "", quote_block(feedback)]
    if not any(value for _, value in heard) and not feedback:
        lines.append("- Your feedback, once we have spoken.")
    lines += ["", "## Where the brief stands", ""]
    interviews = safe.number("interviews-per-hire")
    brief = [
        ("Must-haves agreed apart from nice-to-haves", safe.label("brief-must-haves-agreed")),
        ("Changed since the search began", safe.label("brief-changed-since")),
        ("What changed", excerpt(safe.text("brief-changes"), 400)),
        ("Interviews held for this role so far", "" if interviews is None else f"{interviews:g}"),
    ]
    shown = [f"- {name}: {escape_inline(value)}" for name, value in brief if value]
    lines += shown or ["- To confirm together."]
    lines += ["", "## Next steps", ""]
    client_steps = sorted(
        ((move_id, day) for move_id, day in steps if move_id in _CLIENT_MOVES), key=lambda s: s[1]
    )
    for index, (move_id, day) in enumerate(client_steps, start=1):
        lines.append(f"{index}. **By {long_date(day)}**: {escape_inline(_CLIENT_MOVES[move_id])}")
    if any(move_id == "revised-brief" for move_id, _ in client_steps):
        lines += ["", "## Draft revised brief", ""]
        lines += _outline_markdown(brief_outline(safe, debrief))
    return "\n".join(lines).rstrip() + "\n"


def compute(payload: Mapping[str, Any]) -> dict[str, Any]:
    """Input: definition, answers, today and rules; output: causes, moves and both exports."""
    problems: list[Problem] = []
    today = read_today(payload, problems)
    form = read_form(payload)
    rules = parse_rules(payload.get("rules"), form.checklist)
    problems += form.answers.problems
    debrief = form.date("debrief-date") or today
    scored = score(rules, form)
    lead = leading(rules, scored)
    enough = has_enough(rules, form)
    moves = plan_moves(form, lead, enough, debrief, today)
    needs = _needs(form, rules, lead)
    diagnosis = _diagnosis(scored, lead, enough)
    return {
        "causes": _cause_dicts(scored),
        "leading": lead,
        "diagnosis": diagnosis,
        "moves": [_move_dict(move, today) for move in moves],
        "holiday_note": holiday_note(read_region(form)),
        "internal_markdown": internal_markdown(
            form, scored, diagnosis, moves, needs, problems, debrief, today
        ),
        "client_safe_markdown": client_safe_markdown(
            SafeView(form), [(move.id, move.client_date or move.date) for move in moves], debrief
        ),
        "needs": problem_dicts(needs),
        "problems": problem_dicts(problems),
    }
