"""Candidate self-debrief: turn "what went wrong" into dated steps and a message worth sending.

Someone filling this in has usually just had a bad interview. They need the
one thing to do today, which slips a note can still repair and which are
better left alone, and a draft that sounds like them because it is built
from what they noted about this conversation, not from a generic template.
"""

from __future__ import annotations

import datetime as dt
import re
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
    spoken_day,
)
from py_widgets.markdown_text import escape_inline, quote_block
from py_widgets.problems import Problem
from py_widgets.workdays import spoken_date

UNRECOVERABLE = ("bad-mouthed-employer", "took-a-call", "other-unrecoverable")
IN_THE_ROOM = (
    "no-questions",
    "no-company-knowledge",
    "not-a-fit",
    "arrived-late",
    "weak-answer",
    "mind-went-blank",
    "bad-mouthed-employer",
    "took-a-call",
    "other-unrecoverable",
)
ANSWER_REPAIRS = ("weak-answer", "mind-went-blank")
# Slips that can be named in a message; research or question gaps are fixed by showing, not telling.
NAMEABLE = (
    "arrived-late",
    "weak-answer",
    "mind-went-blank",
    "missed-interview",
    "missed-callback",
    "typo-in-note",
    "other-unrecoverable",
)
REPAIR_WINDOW_DAYS = 2
ONE_DAY = dt.timedelta(days=1)

PLAYBOOKS = {
    "missed-interview": "playbooks/missed-interview",
    "missed-callback": "playbooks/missed-callback",
    "generic-follow-up": "playbooks/generic-follow-up",
    "too-many-follow-ups": "playbooks/too-many-follow-ups",
    "no-questions": "playbooks/no-questions",
    "no-company-knowledge": "playbooks/no-company-knowledge",
    "not-a-fit": "playbooks/not-a-fit-midway",
    "arrived-late": "playbooks/arrived-late",
    "weak-answer": "playbooks/repair-weak-answer",
    "mind-went-blank": "playbooks/mind-went-blank",
    "typo-in-note": "playbooks/typo-in-note",
    "bad-mouthed-employer": "playbooks/cannot-recover",
    "took-a-call": "playbooks/cannot-recover",
    "other-unrecoverable": "playbooks/cannot-recover",
}

_HOW = {
    "missed-interview": "Call, then email within the hour: own it, give a one-line reason, restate your interest, offer two or three times and say how you'll stop it happening again.",
    "missed-callback": "Get in touch today in the channel you promised, lead with the miss, skip the excuse and give the answer you owed.",
    "no-questions": "Send two or three thoughtful questions tied to the conversation; more turns a note into homework.",
    "no-company-knowledge": "Do the research now and let one recent development and one question about the company's plans show in what you write.",
    "not-a-fit": "Thank them for their candor, name one piece of their advice you're acting on, and ask to be considered for roles closer to your background.",
    "arrived-late": "One line in the thank-you note, and only if the delay was more than a few minutes or cut the interview short.",
    "weak-answer": "Add a short, better answer in three or four sentences: “I'd like to add to my answer on …”. One repair is the limit.",
    "mind-went-blank": "Give the example you couldn't find, in three or four sentences: the situation, what you did and the result.",
    "typo-in-note": "One short correction in the same thread, today. Only the person affected needs it, and once is enough.",
}

_INSTEAD = {
    "bad-mouthed-employer": "No note will undo it. Send a plain, courteous thank-you if you'd send one anyway, don't mention the remark, and prepare a neutral, forward-looking line about why you left for next time.",
    "took-a-call": "No note will undo it. Send a plain, courteous thank-you if you'd send one anyway, don't explain the call, and make switching your phone off and out of sight part of walking in.",
    "other-unrecoverable": "If you said something untrue, send one short, plain correction; that is the right thing to do even if it costs you the job. Otherwise don't reopen it: learn from it and keep your other applications moving.",
    "too-many-follow-ups": "A message can't fix this one; stepping back can. Stop sending on every channel, don't apologize for following up, and answer once, calmly, if they reply.",
    "weak-answer": "The window for a repair note has passed, so don't reopen it in check-ins. Practice a short story for that question so it's ready next time.",
    "mind-went-blank": "The window for sending the missing example has passed, so leave it. Add the question to your preparation list and rehearse your “give me a moment” line.",
}

_OPPOSITE_HABIT = {
    "bad-mouthed-employer": "prepare a neutral, forward-looking line about why you left",
    "took-a-call": "switch your phone off and put it out of sight before you walk in or log on",
    "other-unrecoverable": "ask the recruiter about the dress code and keep your language a notch more formal than the interviewer's",
}


@dataclass(frozen=True)
class Action:
    id: str
    date: dt.date
    rank: int
    what: str
    why: str
    playbook: str
    moved: str = ""
    """The sentence naming the holidays that moved this step, added to ``what`` by :func:`plan`."""


@dataclass(frozen=True)
class Debrief:
    """The answers the plan depends on, read once, with the judgments derived from them."""

    form: Form
    today: dt.date
    interview: dt.date | None
    stage: str
    mistakes: tuple[str, ...]
    reaction: str
    thank_you: str
    thank_you_date: dt.date | None
    follow_ups: int
    interviewer: str
    company: str
    detail: str
    news: str
    region: str | None = None

    @property
    def dates(self) -> Planner:
        """Business days in the reader's region; weekends only while the region is unanswered."""
        return Planner(self.region, self.today)

    @property
    def sent(self) -> bool:
        return self.thank_you == "yes"

    @property
    def too_many(self) -> bool:
        return "too-many-follow-ups" in self.mistakes or self.follow_ups >= 3

    @property
    def unrecoverable(self) -> tuple[str, ...]:
        return tuple(m for m in self.mistakes if m in UNRECOVERABLE)

    def has(self, mistake: str) -> bool:
        return mistake in self.mistakes

    @property
    def repair_open(self) -> bool:
        """Whether a weak answer can still be added to: in the note, or within two days of it."""
        if not self.sent:
            return True
        sent_on = self.thank_you_date or self.interview or self.today
        return (self.today - sent_on).days <= REPAIR_WINDOW_DAYS

    @property
    def who(self) -> str:
        return self.interviewer or "the interviewer"


def _read(form: Form, today: dt.date) -> Debrief:
    count = form.number("follow-ups-sent")
    return Debrief(
        form=form,
        today=today,
        interview=form.date("interview-date"),
        stage=form.choice("interview-stage"),
        mistakes=tuple(form.choices("mistakes")),
        reaction=form.choice("reaction"),
        thank_you=form.choice("thank-you-sent"),
        thank_you_date=form.date("thank-you-date"),
        follow_ups=0 if count is None else int(count),
        interviewer=excerpt(form.text("interviewer-name"), 120),
        company=excerpt(form.text("company-name"), 120),
        detail=form.text("conversation-detail"),
        news=form.text("company-news"),
        region=read_region(form),
    )


# ----------------------------------------------------------------------------- timing


def thank_you_due(d: Debrief) -> tuple[Dated, str]:
    """The deadline for the thank-you note and how to say it: within 24 hours, never past 48."""
    today = Dated(d.today)
    if d.interview is None:
        return today, "today, while the conversation is still fresh"
    days = (d.today - d.interview).days
    if days < 0:
        return d.dates.on_or_after(d.interview + ONE_DAY), "within 24 hours of the interview"
    if days == 0:
        tomorrow = d.today + ONE_DAY
        if not d.dates.days.is_business_day(tomorrow):
            return today, f"today, a few hours after you finish: {_day_off(d, tomorrow)}"
        return (
            Dated(tomorrow),
            "later today if the interview was in the morning, otherwise tomorrow morning",
        )
    if days <= 2:
        return today, "today: you're still inside the 48-hour window"
    if days <= 7:
        return (
            today,
            "today; it's late, so keep it short and specific and skip apologizing for the delay",
        )
    return (
        today,
        "today, unless you've already heard about next steps, in which case fold your thanks into your reply",
    )


def _day_off(d: Debrief, tomorrow: dt.date) -> str:
    """Why the note can't wait for tomorrow morning, when tomorrow is a day off."""
    named = d.dates.days.named_day_off(tomorrow)
    if named is None:
        return "tomorrow is the weekend, and Monday would take it past 48 hours"
    return (
        f"tomorrow, {spoken_date(tomorrow, d.today)}, is {named}, "
        "and nobody reads mail on a day off"
    )


def _check_in_days(d: Debrief, after: dt.date) -> tuple[Dated, Dated]:
    """About five business days after the interview for the check-in, a week later to close the loop.

    The loop is closed five business days after the check-in itself, so a holiday
    that only moved the check-in is named there, not again on the closing note.
    """
    base = d.interview or d.today
    check_in = d.dates.latest((base, 5), (after, 1), floor=d.today)
    return check_in, d.dates.after(check_in.date, 5)


# ----------------------------------------------------------------------------- the plan


def _hook(d: Debrief) -> str:
    if d.detail:
        return f"what {d.who} said about {_phrase(d.detail)}"
    if d.news:
        return f"the news about {_phrase(d.news)}"
    return "one specific thing from the conversation"


def _note_contents(d: Debrief) -> list[str]:
    parts = [f"refer to {_hook(d)}"]
    if d.has("arrived-late"):
        parts.append("one line about arriving late, only if the delay was significant")
    if d.has("weak-answer"):
        parts.append("a short, better answer to the question you'd like to redo")
    if d.has("mind-went-blank"):
        parts.append("the example you couldn't find in the room")
    if d.has("no-questions"):
        parts.append("two or three questions")
    if d.has("no-company-knowledge"):
        parts.append("one recent development at the company")
    if d.has("not-a-fit"):
        parts.append("thanks for their candor and one piece of advice you're acting on")
    return parts


def _urgent_actions(d: Debrief) -> list[Action]:
    actions: list[Action] = []
    t = d.today
    soon = d.dates.after(t, 1)
    if d.has("missed-interview"):
        contact = d.interviewer or "the recruiter"
        let_go = d.dates.on_or_after(t + dt.timedelta(days=7))
        actions += [
            Action(
                "call-and-apologize",
                t,
                0,
                f"Check spam and voicemail, then call {contact} right away. Within the hour, email "
                "as well: own it, give a one-line reason, restate your interest, offer two or three "
                "times and say how you'll stop it happening again.",
                "Speed is part of the apology. What ends a candidacy is silence, or acting as if "
                "it was no big deal.",
                PLAYBOOKS["missed-interview"],
            ),
            Action(
                "missed-interview-follow-up",
                soon.date,
                6,
                "If there's no reply by the end of the business day, send one brief follow-up to "
                "the same person. If they offer a new slot, accept quickly and confirm it in "
                "writing with the time zone.",
                "One follow-up shows you're serious; the rescheduled call is where you rebuild the "
                "first impression.",
                PLAYBOOKS["missed-interview"],
                soon.moved,
            ),
            Action(
                "missed-interview-let-go",
                let_go.date,
                8,
                "If a week after your apology and one follow-up you still have no reply, stop "
                "there and note what went wrong. You can apply fresh to a later role.",
                "A third message won't help and may hurt; your energy is better spent elsewhere.",
                PLAYBOOKS["missed-interview"],
                let_go.moved,
            ),
        ]
    if d.has("missed-callback"):
        close = d.dates.after(t, 5)
        actions += [
            Action(
                "keep-your-word",
                t,
                0,
                "Get in touch today in the channel you promised (call if you said you'd call): "
                "lead with the miss, skip the excuse, give the answer you owed, and leave them "
                "room to have moved on.",
                "A late answer given honestly and unprompted can still win the job; another day of "
                "silence can't.",
                PLAYBOOKS["missed-callback"],
            ),
            Action(
                "callback-reminders",
                soon.date,
                6,
                "If you only reached voicemail, call once more. Then put every remaining promise "
                "in this process in your calendar.",
                "A second miss undoes the goodwill the first honest call earned.",
                PLAYBOOKS["missed-callback"],
                soon.moved,
            ),
            Action(
                "callback-close-loop",
                close.date,
                8,
                "If you've called and emailed and still hear nothing, send one short "
                "close-the-loop note and move on.",
                "After that, more contact only adds pressure on a decision that's already made.",
                PLAYBOOKS["missed-callback"],
                close.moved,
            ),
        ]
    if d.has("typo-in-note"):
        actions.append(
            Action(
                "send-correction",
                t,
                0,
                "Reply in the same thread with one short correction of two or three sentences: "
                "acknowledge the slip, give the right version and thank them again. If it was a "
                "panel, only the person affected needs it.",
                "A wrong name suggests the note wasn't written for them. One calm correction fixes "
                "that; a second one makes it bigger.",
                PLAYBOOKS["typo-in-note"],
            )
        )
    if d.too_many:
        count = f"You've sent {d.follow_ups} follow-ups. " if d.follow_ups >= 3 else ""
        actions.append(
            Action(
                "stop-following-up",
                t,
                1,
                f"{count}Stop sending on every channel, and don't send an apology for following "
                "up: that's one more message. Put your next allowed contact date in your calendar, "
                "which from here is simply: wait for them.",
                "Stepping back is the only repair available, and it works better than any clever "
                "message.",
                PLAYBOOKS["too-many-follow-ups"],
            )
        )
    return actions


def _reaction_actions(d: Debrief) -> list[Action]:
    """Coach the reaction as well as the slip: how it was handled is what the interviewer keeps."""
    if not d.mistakes or d.reaction not in ("cowered", "deflected", "laughed-it-off"):
        return []
    if all(m in ("bad-mouthed-employer", "took-a-call") for m in d.mistakes):
        return []  # an apology would only draw attention to these; write-it-down covers them
    if any(d.has(m) for m in ("missed-interview", "missed-callback", "typo-in-note")):
        placement = "Use it in the message you send today."
    elif any(d.has(m) for m in NAMEABLE):
        placement = f"Use it in {'your next message' if d.sent else 'your thank-you note'}."
    else:
        placement = (
            "Keep it ready in case the slip comes up again; in your note, let the fix show "
            "rather than announcing the slip."
        )
    text = {
        "cowered": "Stop replaying it. Write one calm line that owns the slip and says what "
        f"you'll do differently, then leave it there. {placement} More self-criticism is just "
        "cowering in private.",
        "deflected": "Write your ownership line: what happened, that it was on you, and what "
        f"you'll do differently, with no “but”. {placement}",
        "laughed-it-off": "Write your ownership line: what happened, that it was on you, and what "
        f"you'll do differently. {placement} Humor is fine after you own a slip, not instead of it.",
    }[d.reaction]
    return [
        Action(
            "own-it",
            d.today,
            2,
            text,
            "Interviewers read how you handle a slip as a preview of how you'd handle one at work, "
            "and you can still change the impression you left.",
            "playbooks/handling-mistakes",
        )
    ]


def _preparation_actions(d: Debrief) -> list[Action]:
    t = d.today
    soon = d.dates.after(t, 1)
    actions: list[Action] = []
    save = " Save them for your check-in." if d.sent else ""
    if d.has("no-company-knowledge"):
        known = f" You already have one: {_phrase(d.news)}." if d.news else ""
        actions.append(
            Action(
                "research-company",
                t,
                3,
                "Spend 45 minutes on the research you skipped: the company's site, its press "
                "releases and news from the last six months, outside coverage, and every email "
                "about this interview. Pick one recent development and one question about how the "
                f"role fits the company's longer-term goals.{known}{save}",
                "Showing what you've learned since is the way to close a gap you can't redo.",
                PLAYBOOKS["no-company-knowledge"],
            )
        )
    if d.has("no-questions"):
        start = f" Start from {_phrase(d.detail)}." if d.detail else ""
        actions.append(
            Action(
                "draft-questions",
                t,
                3,
                "Draft two or three questions tied to what they told you, and cut any the company "
                f"website already answers.{start}{save}",
                "Questions show you were listening and can picture yourself in the job; asking "
                "none can read as low interest.",
                PLAYBOOKS["no-questions"],
            )
        )
    if d.repair_open:
        if d.has("weak-answer"):
            actions.append(
                Action(
                    "draft-better-answer",
                    t,
                    3,
                    "Write down the question as closely as you remember it, then the answer you "
                    "wish you'd given in three or four sentences: the situation, what you did and "
                    "the result, with a number if you can.",
                    "A calm, brief addition shows you reflect and close loops; an anxious essay "
                    "makes the weak moment bigger.",
                    PLAYBOOKS["weak-answer"],
                )
            )
        if d.has("mind-went-blank"):
            actions.append(
                Action(
                    "draft-missing-example",
                    t,
                    3,
                    "Write down the question you froze on and the example you were reaching for: "
                    "the situation, what you did and the outcome.",
                    "Giving the answer afterwards, especially if you offered to, turns the blank "
                    "into a promise kept.",
                    PLAYBOOKS["mind-went-blank"],
                )
            )
        if d.sent and any(d.has(m) for m in ANSWER_REPAIRS):
            sent_on = d.thank_you_date or d.interview or t
            last = max(sent_on + dt.timedelta(days=REPAIR_WINDOW_DAYS), t)
            actions.append(
                Action(
                    "send-repair",
                    t,
                    4,
                    "Your thank-you note has gone, so send a separate short email with the better "
                    f"answer, by {long_date(last)} at the latest. After that, leave it.",
                    "One repair in one short note is the limit; reopening it later only draws "
                    "attention to it.",
                    PLAYBOOKS["weak-answer"],
                )
            )
    else:
        for mistake in ANSWER_REPAIRS:
            if d.has(mistake):
                actions.append(
                    Action(
                        f"practice-{mistake}",
                        soon.date,
                        5,
                        "Add the question to your preparation list and practice a short, true "
                        "story for it out loud before your next interview.",
                        "The moment for a repair note has passed; the fix now is readiness.",
                        PLAYBOOKS[mistake],
                        soon.moved,
                    )
                )
    if d.has("not-a-fit"):
        actions += [
            Action(
                "capture-advice",
                t,
                3,
                "Write down the gap in their words and every piece of advice they gave. If your "
                "resume overstated anything, fix that line before it goes to another employer.",
                "Not being a fit is information; what they told you is worth more than the "
                "interview itself.",
                PLAYBOOKS["not-a-fit"],
            ),
            Action(
                "act-on-advice",
                soon.date,
                5,
                "Take one concrete step on their advice: join the group, update the resume, or "
                "contact one firm they suggested.",
                "Acting on it gives you something real to mention and keeps the relationship.",
                PLAYBOOKS["not-a-fit"],
                soon.moved,
            ),
        ]
    if d.has("arrived-late"):
        actions.append(
            Action(
                "fix-lateness",
                t,
                5,
                "Work out why you were late and fix the cause before your next interview: plan the "
                "route with time to spare, test the video link, set two alarms.",
                "Reliability is the most basic signal an interviewer gets, so make the next one "
                "effortless.",
                PLAYBOOKS["arrived-late"],
            )
        )
    if d.unrecoverable:
        actions.append(
            Action(
                "write-it-down",
                t,
                3,
                "Write down exactly what happened and how they reacted, without softening it. Then "
                "check it really belongs on the can't-fix list: a passing remark or a buzzing phone "
                "is not the same as a rant or an answered call.",
                "An honest record is what turns an expensive lesson into a useful one.",
                "playbooks/cannot-recover",
            )
        )
        if d.has("other-unrecoverable"):
            actions.append(
                Action(
                    "correct-untruth",
                    t,
                    4,
                    "If what happened was something untrue you said, send a short, plain "
                    "correction today. Don't ask for another chance in it.",
                    "A correction is the right thing to do even if it costs the job, and it "
                    "protects you if the untruth surfaces later.",
                    "playbooks/cannot-recover",
                )
            )
        habits = "; ".join(_OPPOSITE_HABIT[m] for m in d.unrecoverable)
        actions.append(
            Action(
                "plan-the-opposite",
                soon.date,
                5,
                f"Plan the opposite habit for your next interview: {habits}.",
                "These slips come from habits, and habits are what you can change before next time.",
                "playbooks/cannot-recover",
                soon.moved,
            )
        )
    return actions


def _note_actions(d: Debrief) -> list[Action]:
    """The thank-you note and the check-ins after it, when the situation still calls for them."""
    if d.has("missed-interview") or d.has("missed-callback") or d.too_many:
        return []
    actions: list[Action] = []
    due = d.today
    if not d.sent:
        note, timing = thank_you_due(d)
        due = note.date
        if d.unrecoverable and not any(m in _HOW for m in d.mistakes):
            contents = (
                f" Keep it short and courteous: thank them, refer to {_hook(d)}, and don't argue "
                "your case or mention the slip."
            )
        else:
            contents = " In it: " + "; ".join(_note_contents(d)) + "."
        panel = (
            " After a panel, send a short, separate note to each interviewer, each with its own detail."
            if d.stage == "panel"
            else ""
        )
        actions.append(
            Action(
                "send-thank-you",
                due,
                4,
                f"Send {d.who} a specific thank-you note {timing}.{contents}{panel}",
                "The note is the last thing they see from you before comparing candidates, and the "
                "one place where most slips can still be repaired.",
                PLAYBOOKS["generic-follow-up"]
                if d.has("generic-follow-up")
                else "playbooks/thank-you-timing",
                note.moved,
            )
        )
    if d.unrecoverable:
        actions.append(
            Action(
                "let-it-go",
                due,
                8,
                "After the note, and any correction you owe, stop contacting this employer about "
                "this role. Graceful silence is the best last impression you can leave.",
                "More messages won't reverse a judgment about character and can reinforce it.",
                "playbooks/cannot-recover",
            )
        )
        return actions
    if d.has("not-a-fit"):
        return actions
    cadence = (
        "playbooks/ghosted-after-final"
        if d.stage == "final-round"
        else PLAYBOOKS["generic-follow-up"]
    )
    if d.follow_ups >= 2:
        actions.append(
            Action(
                "wait-for-them",
                d.today,
                8,
                "You've sent the two follow-ups that help. Wait for them to get in touch, and "
                "answer warmly if they do.",
                "Two messages after the thank-you note is the limit; past it, chasing can tip a "
                "borderline decision against you.",
                PLAYBOOKS["too-many-follow-ups"],
            )
        )
        return actions
    check_in, close = _check_in_days(d, due)
    if d.follow_ups == 0:
        extras = []
        if d.sent and d.has("generic-follow-up"):
            extras.append(
                "don't send a second thank-you; this check-in is where your specific hook goes"
            )
        if d.sent and d.has("no-questions"):
            extras.append("include your two or three questions")
        if d.sent and d.has("no-company-knowledge"):
            extras.append("mention one recent development")
        extra = (" Also: " + "; ".join(extras) + ".") if extras else ""
        actions.append(
            Action(
                "check-in",
                check_in.date,
                7,
                "If they gave you a decision date, check in one or two business days after it "
                "instead. Otherwise send one short, friendly check-in: restate your interest, ask "
                f"about timing and refer to {_hook(d)}.{extra}",
                "One polite check-in keeps you visible and professional without adding pressure.",
                cadence,
                check_in.moved,
            )
        )
    else:
        close = d.dates.latest((d.interview or d.today, 10), (d.today, 5))
    actions.append(
        Action(
            "close-the-loop",
            close.date,
            8,
            "If there's still no reply, send a single close-the-loop note saying you'll assume "
            "they've moved on unless you hear otherwise, then stop.",
            "Two messages after your thank-you is the limit, and a gracious close keeps the door "
            "open for future roles.",
            "playbooks/ghosted-after-final",
            close.moved,
        )
    )
    return actions


def plan(d: Debrief) -> list[Action]:
    """Every step, in date order, on today or a later business day, naming any holiday that moved it.

    Steps for today stay on today even when it is a day off: they are what to do
    now, and most are private work. Every later date is a business day.
    """
    keep_applying = d.dates.after(d.today, 1)
    actions = (
        _urgent_actions(d)
        + _reaction_actions(d)
        + _preparation_actions(d)
        + _note_actions(d)
        + [
            Action(
                "keep-applying",
                keep_applying.date,
                9,
                "Keep your other applications moving: reply to one other recruiter or send one "
                "application you've been holding back.",
                "Waiting on a single outcome costs weeks you won't get back, whatever this one "
                "decides.",
                "playbooks/ghosted-after-final"
                if d.stage == "final-round"
                else "playbooks/handling-mistakes",
                keep_applying.moved,
            )
        ]
    )
    return sorted(
        (_settled(a, d.today) for a in actions),
        key=lambda a: (a.date, a.rank),
    )


def _settled(action: Action, today: dt.date) -> Action:
    """Nothing is planned in the past; a step that moved says why in its own words."""
    if action.date < today:
        return Action(action.id, today, action.rank, action.what, action.why, action.playbook)
    what = f"{action.what} {action.moved}" if action.moved else action.what
    return Action(action.id, action.date, action.rank, what, action.why, action.playbook)


def classify(d: Debrief) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Split the ticked mistakes into those a note can still repair and those it cannot."""
    repairable: list[dict[str, str]] = []
    unrecoverable: list[dict[str, str]] = []
    for mistake in d.mistakes:
        label = d.form.option_label("mistakes", mistake)
        playbook = PLAYBOOKS.get(mistake, "playbooks/handling-mistakes")
        if mistake == "generic-follow-up":
            how = (
                "Don't send a second thank-you; put a specific hook, such as something they said "
                "or recent company news, in your check-in."
                if d.sent
                else "Send a specific note now that refers to something the interviewer actually said."
            )
            repairable.append(
                {"mistake": mistake, "label": label, "how": how, "playbook": playbook}
            )
        elif (
            mistake in UNRECOVERABLE
            or mistake == "too-many-follow-ups"
            or (mistake in ANSWER_REPAIRS and not d.repair_open)
        ):
            unrecoverable.append(
                {
                    "mistake": mistake,
                    "label": label,
                    "instead": _INSTEAD[mistake],
                    "playbook": playbook,
                }
            )
        else:
            how = _HOW.get(mistake, "")
            if mistake in ANSWER_REPAIRS and d.sent:
                how += " Your note has gone, so use a separate short email within two days of it."
            repairable.append(
                {"mistake": mistake, "label": label, "how": how, "playbook": playbook}
            )
    if d.follow_ups >= 3 and not d.has("too-many-follow-ups"):
        unrecoverable.append(
            {
                "mistake": "too-many-follow-ups",
                "label": d.form.option_label("mistakes", "too-many-follow-ups"),
                "instead": _INSTEAD["too-many-follow-ups"],
                "playbook": PLAYBOOKS["too-many-follow-ups"],
            }
        )
    return repairable, unrecoverable


# ----------------------------------------------------------------------------- the draft

_SENTENCE_START = re.compile(r"^(i|we|she|he|they|you|it|our|my|their|the interviewer)\b", re.I)


def _phrase(text: str, limit: int = 200) -> str:
    """User text shaped to sit inside a sentence: one line, no closing full stop."""
    return excerpt(text, limit).rstrip(" .;:,")


def _detail_sentence(d: Debrief) -> str:
    detail = _phrase(d.detail)
    if not detail:
        return "I keep coming back to what you said about [one specific thing they said]."
    if _SENTENCE_START.match(detail) or len(detail) > 90 or ". " in detail:
        return f"I keep thinking about one part of our conversation: {detail}."
    return f"I keep coming back to what you said about {detail}."


def _greeting(d: Debrief) -> str:
    return f"Hi {d.interviewer or '[Interviewer name]'},"


def _company(d: Debrief) -> str:
    return d.company or "[Company]"


_SIGN_OFF = "Best,\n[Your name]"


def _missed_interview_message(d: Debrief) -> str:
    news = f" Reading about {_phrase(d.news)} has made me keener still." if d.news else ""
    return "\n\n".join(
        [
            f"Subject: Sorry I missed our call {spoken_day(d.interview, d.today)}",
            _greeting(d),
            f"I'm sorry I missed our call {spoken_day(d.interview, d.today)} about the [Role] role. "
            "That's on me: [one-line reason, e.g. I had the wrong time zone in my calendar].",
            f"I'm still very interested in the role and in {_company(d)}.{news} I'd be grateful "
            "for another chance to talk, and I'm free at any of these times:\n"
            "- [Day, date, time, time zone]\n- [Day, date, time, time zone]\n"
            "- [Day, date, time, time zone]",
            "I've [set two calendar alerts for every call] so this won't happen again.",
            "Thank you for your patience,\n[Your name]\n[Phone number]",
        ]
    )


def _missed_callback_message(d: Debrief) -> str:
    reason = (
        f"What you said about {_phrase(d.detail)} is exactly the kind of work I want to do."
        if d.detail
        else "[One specific reason you want the job.]"
    )
    return "\n\n".join(
        [
            "Subject: My answer, and an apology",
            _greeting(d),
            "I said I'd get back to you by [the day you promised], and I didn't. There's no good "
            "excuse for that, and I'm sorry.",
            f"My answer is a clear yes: I want the [Role] job at {_company(d)}, and I'm ready for "
            f"the next step. {reason}",
            "I'll understand if the delay has cost me my place. Either way, thank you for the "
            "time you've given me.",
            "[Your name]\n[Phone number]",
        ]
    )


def _after_too_many_message(d: Debrief) -> str:
    return "\n\n".join(
        [
            "(Send this only when they get back to you, not before.)",
            _greeting(d),
            f"Thanks for the update on the [Role] role at {_company(d)}. That timeline works for "
            "me, and I look forward to hearing from you around [the date they gave]. If anything "
            "would help in the meantime, just let me know.",
            _SIGN_OFF,
        ]
    )


def _correction_message(d: Debrief) -> str:
    names = " or ".join(f"“{x}”" for x in (d.interviewer, d.company) if x)
    right = f"[the right version, e.g. {names}]" if names else "[the right version]"
    topic = _phrase(d.detail) if d.detail else "[specific topic]"
    return "\n\n".join(
        [
            "Subject: RE: [your earlier subject line]",
            _greeting(d),
            f"I'm sorry for the slip in my earlier note: it should have said {right}. Thank you "
            f"again for your time {spoken_day(d.interview, d.today)}; I especially enjoyed our "
            f"conversation about {topic}.",
            _SIGN_OFF,
        ]
    )


def _repair_paragraphs(d: Debrief) -> list[str]:
    paragraphs = []
    if d.has("weak-answer"):
        paragraphs.append(
            "I'd like to add to my answer on [question topic]. A better example is [project] at "
            "[previous company], where I [what you did], which led to [result, ideally with a number]."
        )
    if d.has("mind-went-blank"):
        paragraphs.append(
            "When you asked about [question topic], the example I wanted didn't come to me, so "
            "here it is: at [previous company], I [what you did], and the result was [outcome]."
        )
    return paragraphs


def _questions(d: Debrief) -> str:
    first = (
        f"You mentioned {_phrase(d.detail, 120)}. What would success there look like six months from now?"
        if d.detail
        else "[A question about something they mentioned.] What would success there look like six months from now?"
    )
    return (
        "You covered a lot, so I took some time before sending the questions that matter most to me:\n"
        f"1. {first}\n"
        "2. What would a great first 90 days look like in this role?\n"
        "3. What has made people successful in this role before?"
    )


def _thank_you_message(d: Debrief) -> str:
    day = spoken_day(d.interview, d.today)
    quiet = bool(d.unrecoverable) and not any(m in _HOW for m in d.mistakes)
    opening = f"Thank you for talking with me {day} about the [Role] role at {_company(d)}."
    if d.has("arrived-late"):
        if d.reaction in ("deflected", "laughed-it-off"):
            opening += (
                " I'm sorry again that I arrived late. That was on me, and I've [what you changed, "
                "e.g. planned my route with time to spare] so it won't happen again."
            )
        else:
            opening += (
                " Thank you, too, for your patience when I arrived late; I appreciate that you "
                "made the time work."
            )
    if d.has("not-a-fit"):
        opening += (
            " I'm grateful you were so direct about where my experience falls short for this role."
        )
    paragraphs = [opening, _detail_sentence(d)]
    if quiet:
        paragraphs.append("I appreciated the time you gave me and what I learned about the team.")
        return "\n\n".join(
            ["Subject: Thank you for your time", _greeting(d), *paragraphs, _SIGN_OFF]
        )
    if d.has("no-company-knowledge"):
        news = _phrase(d.news) if d.news else "[a recent launch, acquisition or announcement]"
        paragraphs.append(
            f"Since we talked, I've been reading about {news}, and I'd like to understand how this "
            "role would support it over the next year."
        )
    elif d.news:
        paragraphs.append(
            f"I also saw the news about {_phrase(d.news)}; congratulations to you and the team."
        )
    paragraphs += _repair_paragraphs(d)
    if d.has("no-questions"):
        paragraphs.append(_questions(d))
    if d.has("not-a-fit"):
        paragraphs.append(
            "Your suggestion to [the advice they gave] was genuinely useful, and I've already "
            f"[first step you took]. If a role opens at {_company(d)} that's a closer match for my "
            "background in [your area], I'd be glad to be considered."
        )
    else:
        paragraphs.append(
            f"I'm very interested in the role and in {_company(d)}, and I look forward to hearing "
            "about next steps."
        )
    subject = (
        "Subject: Thank you, and a follow-up from our conversation"
        if any(d.has(m) for m in (*ANSWER_REPAIRS, "no-questions"))
        else f"Subject: Thank you, {d.interviewer or '[Interviewer name]'}"
    )
    return "\n\n".join([subject, _greeting(d), *paragraphs, _SIGN_OFF])


def _follow_up_message(d: Debrief) -> str:
    """The next message after a thank-you that has already gone out."""
    paragraphs = []
    if d.follow_ups >= 1:
        paragraphs.append(
            "I haven't heard back, so I'll assume the team has moved in another direction for now. "
            f"Thank you again for the time you spent with me {spoken_day(d.interview, d.today)}. "
            "If anything changes, or a similar role opens up, I'd be glad to talk."
        )
        return "\n\n".join(
            ["Subject: RE: Checking in on the [Role] role", _greeting(d), *paragraphs, _SIGN_OFF]
        )
    repairing = d.repair_open and any(d.has(m) for m in ANSWER_REPAIRS)
    if repairing:
        paragraphs.append(
            f"Thank you again for our conversation {spoken_day(d.interview, d.today)}. "
            + _detail_sentence(d)
        )
        paragraphs += _repair_paragraphs(d)
    else:
        paragraphs.append("I hope your week is going well.")
        if d.news:
            paragraphs.append(
                f"I saw the news about {_phrase(d.news)} and wanted to say congratulations. "
                + (
                    f"It made me think of what you said about {_phrase(d.detail)}."
                    if d.detail
                    else "It made me think of our conversation about [topic]."
                )
            )
        elif d.has("no-company-knowledge"):
            paragraphs.append(
                "Since we talked, I've been reading about [a recent development], and I'd like to "
                "understand how this role would support it."
            )
        else:
            paragraphs.append(_detail_sentence(d))
        if d.has("no-questions"):
            paragraphs.append(_questions(d))
    paragraphs.append(
        f"I'm still very interested in the [Role] role at {_company(d)}. Is there any update on "
        "timing you can share?"
    )
    subject = (
        "Subject: A follow-up on our conversation"
        if repairing
        else "Subject: Checking in on the [Role] role"
    )
    return "\n\n".join([subject, _greeting(d), *paragraphs, _SIGN_OFF])


def draft_message(d: Debrief) -> str:
    """The one message to send next, chosen by what is most urgent, built from their own notes."""
    if d.has("missed-interview"):
        return _missed_interview_message(d)
    if d.has("missed-callback"):
        return _missed_callback_message(d)
    if d.too_many:
        return _after_too_many_message(d)
    if d.sent and d.has("typo-in-note"):
        return _correction_message(d)
    if not d.sent:
        return _thank_you_message(d)
    if d.unrecoverable or d.has("not-a-fit"):
        return ""
    return _follow_up_message(d)


# ----------------------------------------------------------------------------- checks


def _needs(d: Debrief, draft: str) -> list[Problem]:
    needs: list[Problem] = []
    form = d.form
    in_room = [m for m in d.mistakes if m in IN_THE_ROOM]
    if d.interview is None:
        needs.append(
            Problem(
                "interview-date",
                "Add the interview date: the note and check-in dates are counted from it, and from today until then.",
            )
        )
    elif d.interview > d.today:
        needs.append(
            Problem(
                "interview-date",
                "The interview date is after today; check it, since every date in the plan is counted from it.",
            )
        )
    if not d.thank_you and not d.has("missed-interview"):
        needs.append(
            Problem(
                "thank-you-sent",
                "Say whether your thank-you note has gone out; until then the plan assumes it hasn't.",
            )
        )
    if draft and not d.interviewer:
        needs.append(
            Problem(
                "interviewer-name",
                "Add the interviewer's name, spelled exactly right, so the draft can greet them.",
            )
        )
    if draft and not d.company:
        needs.append(Problem("company-name", "Add the company's name so the draft can use it."))
    if draft and not d.detail and not d.has("missed-interview") and not d.too_many:
        needs.append(
            Problem(
                "conversation-detail",
                "Note one specific thing the interviewer said; without it the draft keeps a placeholder and reads as generic.",
            )
        )
    if d.has("no-company-knowledge") and not d.news:
        needs.append(
            Problem(
                "company-news",
                "Once you've done the research, note one recent development so the draft can mention it.",
            )
        )
    if not d.mistakes and d.reaction in ("cowered", "deflected", "laughed-it-off"):
        needs.append(
            Problem(
                "mistakes",
                "You described how you reacted to a slip; tick what the slip was so the plan can cover it.",
            )
        )
    if d.has("missed-interview") and in_room:
        needs.append(
            Problem(
                "mistakes",
                "You ticked that you missed the interview and also things that happen in the room. "
                "If it was rescheduled and took place, untick the missed interview.",
            )
        )
    if d.reaction == "not-applicable" and in_room:
        needs.append(
            Problem(
                "reaction",
                "You said nothing went wrong in the room, yet ticked slips that happen there: check which is right.",
            )
        )
    if d.thank_you == "no" and d.thank_you_date is not None:
        needs.append(
            Problem(
                "thank-you-date",
                "There is a date for your thank-you note, but you said it hasn't gone out.",
            )
        )
    if d.thank_you == "no" and d.has("typo-in-note"):
        needs.append(
            Problem(
                "thank-you-sent",
                "You ticked a typo in your note but said no thank-you has gone out; if it was another note, the correction step still applies.",
            )
        )
    if d.thank_you_date is not None and d.interview is not None and d.thank_you_date < d.interview:
        needs.append(Problem("thank-you-date", "The thank-you date is before the interview date."))
    if d.thank_you_date is not None and d.thank_you_date > d.today:
        needs.append(Problem("thank-you-date", "The thank-you date is after today."))
    if d.has("too-many-follow-ups") and form.number("follow-ups-sent") == 0:
        needs.append(
            Problem(
                "follow-ups-sent",
                "You ticked following up too often but entered no follow-ups: check the number.",
            )
        )
    if d.follow_ups >= 3 and not d.has("too-many-follow-ups"):
        needs.append(
            Problem(
                "follow-ups-sent",
                f"{d.follow_ups} follow-ups after the thank-you is more than helps, so the plan treats it as following up too much.",
            )
        )
    return needs


# ----------------------------------------------------------------------------- export


def summary_markdown(
    d: Debrief,
    actions: list[Action],
    repairable: list[dict[str, str]],
    unrecoverable: list[dict[str, str]],
    draft: str,
    needs: list[Problem],
    problems: list[Problem],
) -> str:
    """A private, exportable record; everything typed is escaped so it stays text."""
    where = f" at {d.company}" if d.company else ""
    when = f" on {long_date(d.interview)}" if d.interview else ""
    lines = [
        f"# {escape_inline(f'Recovery plan: your interview{where}{when}')}",
        "",
        f"Prepared {long_date(d.today)}. This is your private record.",
        "",
        "## Your next steps",
        "",
    ]
    for index, action in enumerate(actions, start=1):
        label = relative_day(action.date, d.today)
        lines.append(
            f"{index}. **{escape_inline(label[:1].upper() + label[1:])} ({action.date.isoformat()})**: "
            f"{escape_inline(action.what)}"
        )
        lines.append(
            f"   Why: {escape_inline(action.why)} Playbook: {escape_inline(action.playbook)}"
        )
    lines += ["", escape_inline(d.dates.note)]
    if repairable:
        lines += ["", "## What a note can still repair", ""]
        lines += [
            f"- **{escape_inline(r['label'])}**: {escape_inline(r['how'])}" for r in repairable
        ]
    if unrecoverable:
        lines += ["", "## What a note can't repair, and what to do instead", ""]
        lines += [
            f"- **{escape_inline(u['label'])}**: {escape_inline(u['instead'])}"
            for u in unrecoverable
        ]
    lines += ["", "## Your draft message", ""]
    if draft:
        lines += [
            "Fill in everything in \\[brackets\\] before you send it.",
            "",
            quote_block(draft),
        ]
    else:
        lines.append(
            "Nothing to send right now: a further message would not help with what happened. "
            "Follow the steps above instead."
        )
    notes = [
        ("Your first impressions", d.form.text("first-impressions")),
        ("What they said that you can refer back to", d.detail),
        ("Company news", d.news),
    ]
    if any(text for _, text in notes):
        lines += ["", "## Your notes", ""]
        for heading, text in notes:
            if text:
                lines += [f"**{heading}**", "", quote_block(text), ""]
    if needs or problems:
        lines += ["", "## To check in your answers", ""]
        lines += [f"- {escape_inline(n.message)}" for n in needs]
        lines += [f"- {escape_inline(str(p))}" for p in problems]
    return "\n".join(lines).rstrip() + "\n"


def _action_dict(action: Action, today: dt.date) -> dict[str, str]:
    return {
        "id": action.id,
        "date": action.date.isoformat(),
        "when": relative_day(action.date, today),
        "what": action.what,
        "why": action.why,
        "playbook": action.playbook,
    }


def compute(payload: Mapping[str, Any]) -> dict[str, Any]:
    """Input: definition, answers and today; output: the plan, the draft and the summary."""
    problems: list[Problem] = []
    today = read_today(payload, problems)
    form = read_form(payload)
    problems += form.answers.problems
    debrief = _read(form, today)
    actions = plan(debrief)
    repairable, unrecoverable = classify(debrief)
    draft = draft_message(debrief)
    needs = _needs(debrief, draft)
    return {
        "actions": [_action_dict(action, today) for action in actions],
        "repairable": repairable,
        "unrecoverable": unrecoverable,
        "draft_message": draft,
        "holiday_note": debrief.dates.note,
        "summary_markdown": summary_markdown(
            debrief, actions, repairable, unrecoverable, draft, needs, problems
        ),
        "needs": problem_dicts(needs),
        "problems": problem_dicts(problems),
    }
