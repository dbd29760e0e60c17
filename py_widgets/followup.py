"""The follow-up timing widget: a dated plan of what to send after an interview, and when.

Anxious candidates tend to write too soon and too often, or freeze and send
nothing. The widget turns the follow-up timing checklist into a short, dated
plan that follows the playbooks' cadence (thank-you, check-in, at most one more
check-in, a close-the-loop note, then silence), puts anything urgent first, and
says plainly when to stop. All waits come from :mod:`py_widgets.followup_rules`
so that every number on the page can be traced to the playbook that argues for
it. Input problems come back as data next to the field that caused them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from py_widgets import business_days as bd
from py_widgets.checklist import Checklist, check_answers, parse_definition
from py_widgets.date_text import WEEKDAYS, long_date, short_date
from py_widgets.followup_rules import RULES
from py_widgets.followup_rules import value as rule
from py_widgets.holidays import REGIONS
from py_widgets.playbooks import PLAYBOOK_TITLES, link
from py_widgets.problems import InputError, Problem
from py_widgets.workdays import (
    PLAIN,
    Days,
    Move,
    days_for,
    holiday_note,
    moved_by_holidays,
    moved_sentence,
    spoken_date,
)

if TYPE_CHECKING:
    from icalendar import Calendar

CHECKLIST_ID = "follow-up-timing"

THANK_YOU = "playbooks/thank-you-timing"
TOO_MANY = "playbooks/too-many-follow-ups"
GHOSTED = "playbooks/ghosted-after-final"
MISSED_INTERVIEW = "playbooks/missed-interview"
MISSED_CALLBACK = "playbooks/missed-callback"
GENERIC = "playbooks/generic-follow-up"


STAGE_NAMES = {
    "phone-screen": "phone screen",
    "first-round": "first-round interview",
    "final-round": "final-round interview",
    "panel": "panel interview",
}

STATUS_LABELS = {
    "done": "Done",
    "due": "Due today",
    "upcoming": "Upcoming",
    "overdue-send-now": "Late: send now",
}

FIELD_NAMES = {
    "interview-date": "the date of the interview",
    "stage": "the interview stage",
    "told-next-steps": "what they told you about hearing back",
    "told-date": "the date they said you would hear by",
    "told-delay-weeks": "how many weeks they said it would take",
    "thank-you-sent": "whether you have sent a thank-you note",
    "thank-you-date": "the date you sent your thank-you note",
}

# Steps that are messages counted against the follow-up limit.
FOLLOW_UP_IDS = frozenset({"thank-you-check-in", "expedite-request", "close-the-loop"})

TIME_PATTERN = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
DATE_LIST_SEPARATORS = re.compile(r"[\s,;]+")

# Order of steps that fall on the same day: what already happened, then what
# repairs a mistake, then the thank-you, then the regular cadence.
RANK_DONE = 0
RANK_MISSED_CALL = 1
RANK_CALLBACK = 2
RANK_RESCHEDULE = 3
RANK_THANK_YOU = 4
RANK_EXPEDITE = 5
RANK_FOLLOW_UP = 6
RANK_LET_GO = 8


def is_follow_up(step_id: str) -> bool:
    """Shared with the tests, so the follow-up limit is counted the same way in both places.

    Only messages to the employer count: reminders, apologies for a missed call
    and what was already sent are handled separately.
    """
    return step_id in FOLLOW_UP_IDS or step_id.startswith("check-in-")


# ---------------------------------------------------------------- dates in words


def _spoken(day: dt.date, today: dt.date) -> str:
    """A date as someone would write it in an email: the year only when it is not this year's."""
    return spoken_date(day, today)


def _weeks_text(weeks: float) -> str:
    if weeks == 0:
        return "a few days"
    if weeks == 1:
        return "a week"
    return f"{weeks:g} weeks"


def _days(count: int) -> dt.timedelta:
    return dt.timedelta(days=count)


# ---------------------------------------------------------------- reading the answers


@dataclass(frozen=True)
class Facts:
    """Answers validated once, so the scheduling code never has to re-check a raw value."""

    today: dt.date
    interview: dt.date
    start_hour: int | None
    stage: str
    interviewers: int | None
    told: str
    told_date: dt.date | None
    told_weeks: float | None
    thank_you_sent: bool
    thank_you_date: dt.date | None
    follow_ups: tuple[dt.date, ...]
    missed_call: bool
    callback_slipped: bool
    offer_deadline: dt.date | None
    region: str | None = None

    @property
    def days(self) -> Days:
        return days_for(self.region)

    @property
    def stage_name(self) -> str:
        return STAGE_NAMES.get(self.stage, "interview")

    @property
    def missed_screen(self) -> bool:
        """A missed call at the phone-screen stage is the screen itself, so nothing is owed yet but an apology."""
        return self.missed_call and self.stage == "phone-screen" and self.interview <= self.today

    @property
    def max_follow_ups(self) -> int:
        name = "max_follow_ups_after_final" if self.stage == "final-round" else "max_follow_ups"
        return rule(name)

    @property
    def several_interviewers(self) -> bool:
        if self.interviewers is not None:
            return self.interviewers >= 2
        return self.stage == "panel"


@dataclass
class Reading:
    facts: Facts | None = None
    today: dt.date | None = None
    problems: list[Problem] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    missed_call: bool = False
    callback_slipped: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    region: str | None = None


def _as_date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _payload_today(raw: Any) -> dt.date | None:
    if not isinstance(raw, str):
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None


def _negative_number(raw: Any) -> bool:
    try:
        number = float(raw.strip()) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError):
        return False
    return math.isfinite(number) and number < 0


def _clearer(problem: Problem, raw_answers: Mapping[str, Any]) -> Problem:
    """Reword the generic range message where a specific one helps the person fix it."""
    if problem.path == "told-delay-weeks" and _negative_number(raw_answers.get(problem.path)):
        return Problem(
            problem.path,
            "a wait can't be negative: enter 0 for later this week, 1 for next week, 2 for a couple of weeks",
        )
    return problem


def _start_hour(text: Any, problems: list[Problem]) -> int | None:
    if not isinstance(text, str):
        return None
    match = TIME_PATTERN.match(text.strip())
    if match is None:
        problems.append(
            Problem(
                "interview-time", "enter the start time on a 24-hour clock, such as 09:30 or 14:30"
            )
        )
        return None
    return int(match.group(1))


def _follow_up_dates(
    text: Any, interview: dt.date | None, today: dt.date | None, problems: list[Problem]
) -> tuple[dt.date, ...]:
    """Parse the free-text list, naming each bad entry in one message so all of them can be fixed at once."""
    if not isinstance(text, str):
        return ()
    messages: list[str] = []
    dates: list[dt.date] = []
    for token in DATE_LIST_SEPARATORS.split(text.strip()):
        if not token:
            continue
        try:
            day = dt.date.fromisoformat(token)
        except ValueError:
            messages.append(f'"{token}" is not a real date in the form YYYY-MM-DD')
            continue
        if interview is not None and day < interview:
            messages.append(f"{day.isoformat()} is before the interview on {long_date(interview)}")
        elif today is not None and day > today:
            messages.append(f"{day.isoformat()} is after today ({long_date(today)})")
        else:
            dates.append(day)
    if messages:
        problems.append(
            Problem(
                "follow-up-dates",
                "; ".join(messages)
                + ". List only follow-ups you have already sent since the interview, separated by commas, for example 2026-03-02, 2026-03-09",
            )
        )
    return tuple(sorted(dates))


def _read(checklist: Checklist, payload: Mapping[str, Any]) -> Reading:
    raw_answers = payload.get("answers", {})
    answers = check_answers(checklist, raw_answers)
    raw_map: Mapping[str, Any] = raw_answers if isinstance(raw_answers, Mapping) else {}
    problems = [_clearer(problem, raw_map) for problem in answers.problems]
    values = answers.values
    reading = Reading(
        problems=problems,
        missed_call=values.get("missed-call") is True,
        callback_slipped=values.get("callback-slipped") is True,
        labels={item.id: item.label for item in checklist.items},
    )
    region = values.get("holidays")
    reading.region = region if isinstance(region, str) else None
    today = _as_date(values.get("today-override")) or _payload_today(payload.get("today"))
    if today is None and not any(p.path == "today-override" for p in problems):
        problems.append(
            Problem(
                "today-override",
                "your browser did not say what day it is: enter today's date here to plan from it",
            )
        )
    reading.today = today

    interview = _as_date(values.get("interview-date"))
    start_hour = _start_hour(values.get("interview-time"), problems)
    stage = values.get("stage")

    interviewers: int | None = None
    count = values.get("interviewer-count")
    if isinstance(count, float):
        problems.append(Problem("interviewer-count", "enter a whole number of people, such as 3"))
    elif isinstance(count, int):
        interviewers = count

    told = values.get("told-next-steps")
    told_date = _as_date(values.get("told-date"))
    if told == "date" and told_date is not None and interview is not None and told_date < interview:
        problems.append(
            Problem(
                "told-date",
                f"this is before the interview on {long_date(interview)}: enter the day they said you would hear back by",
            )
        )
    told_weeks_raw = values.get("told-delay-weeks")
    told_weeks = float(told_weeks_raw) if isinstance(told_weeks_raw, int | float) else None

    thank_you = values.get("thank-you-sent")
    thank_you_date = _as_date(values.get("thank-you-date"))
    if thank_you == "yes":
        if thank_you_date is not None and interview is not None and thank_you_date < interview:
            problems.append(
                Problem(
                    "thank-you-date",
                    f"this is before the interview on {long_date(interview)}: enter the day the note went out",
                )
            )
        elif thank_you_date is not None and today is not None and thank_you_date > today:
            problems.append(
                Problem(
                    "thank-you-date",
                    f"this is after today ({long_date(today)}): enter the day the note actually went out",
                )
            )
        elif (
            thank_you_date is None
            and interview is not None
            and today is not None
            and interview > today
        ):
            problems.append(
                Problem(
                    "thank-you-sent",
                    f"the interview on {long_date(interview)} is still ahead, so the note can't have gone out yet",
                )
            )

    follow_ups = _follow_up_dates(values.get("follow-up-dates"), interview, today, problems)

    deadline = _as_date(values.get("competing-offer-deadline"))
    if deadline is not None and today is not None and deadline < today:
        problems.append(
            Problem(
                "competing-offer-deadline",
                "this deadline has already passed: clear it if that offer is settled, or enter the new deadline",
            )
        )

    needs = ["interview-date", "stage"]
    missed_screen = reading.missed_call and stage == "phone-screen"
    if not missed_screen:
        needs.append("told-next-steps")
        if told == "date":
            needs.append("told-date")
        elif told == "delay":
            needs.append("told-delay-weeks")
        needs.append("thank-you-sent")
        if thank_you == "yes":
            needs.append("thank-you-date")
    bad = {problem.path for problem in problems}
    reading.needs = [name for name in needs if values.get(name) is None and name not in bad]

    if reading.problems or reading.needs or today is None or interview is None:
        return reading
    reading.facts = Facts(
        today=today,
        interview=interview,
        start_hour=start_hour,
        stage=str(stage),
        interviewers=interviewers,
        told=str(told or "nothing"),
        told_date=told_date if told == "date" else None,
        told_weeks=told_weeks if told == "delay" else None,
        thank_you_sent=thank_you == "yes",
        thank_you_date=thank_you_date if thank_you == "yes" else None,
        follow_ups=follow_ups,
        missed_call=reading.missed_call,
        callback_slipped=reading.callback_slipped,
        offer_deadline=deadline,
        region=reading.region if reading.region in REGIONS else None,
    )
    return reading


# ---------------------------------------------------------------- the schedule


@dataclass(frozen=True)
class Step:
    id: str
    date: dt.date
    status: str
    title: str
    what: str
    why: str
    template: str
    playbook: str
    rank: int

    def as_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "status": self.status,
            "title": self.title,
            "what": self.what,
            "why": self.why,
            "template": self.template,
            "playbook": self.playbook,
        }


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)

    def warn(self, message: str, playbook: str) -> None:
        self.warnings.append({"message": message, "playbook": playbook})


def _status(ideal: dt.date, date: dt.date, today: dt.date, days: Days) -> str:
    """A late step is "send now" only if nothing else pushed it past the first day it could go out."""
    if date > days.on_or_after(today):
        return "upcoming"
    if ideal < today:
        return "overdue-send-now"
    return "due" if date == today else "upcoming"


def _thank_you_ideal(facts: Facts, days: Days) -> dt.date:
    """Same day for a morning interview, next morning for a later one, and never past 48 hours.

    When the next day is off, the note waits for the next working morning only
    if that is still inside 48 hours (a Wednesday interview before
    Thanksgiving); otherwise, as on a Friday afternoon, it goes that evening.
    """
    day = facts.interview
    if facts.start_hour is not None and facts.start_hour >= rule("morning_ends_at"):
        next_day = day + _days(1)
        if days.is_business_day(next_day):
            return next_day
        next_open = days.on_or_after(next_day)
        if days.is_business_day(day) and _hours_until_morning(facts, next_open) > rule(
            "thank_you_latest"
        ):
            return day  # a Friday afternoon: that evening beats a Monday past the 48-hour limit
        return next_open
    return days.on_or_after(day)


def _hours_until_morning(facts: Facts, day: dt.date) -> float:
    """Hours from the start of the interview to 9:00 on ``day``, the time a morning note goes out."""
    start = dt.datetime.combine(facts.interview, dt.time(facts.start_hour or 9))
    return (dt.datetime.combine(day, dt.time(9)) - start).total_seconds() / 3600


def _expected_by(facts: Facts, days: Days) -> dt.date | None:
    """A named date and "next week" both become one day to count from, so the cadence has one rule."""
    if facts.told == "date":
        return facts.told_date
    if facts.told == "delay" and facts.told_weeks is not None:
        return days.end_of_week(facts.interview + _days(math.ceil(7 * facts.told_weeks)))
    return None


def _first_check_in(facts: Facts, days: Days) -> dt.date:
    expected = _expected_by(facts, days)
    if expected is None:
        return days.add(facts.interview, rule("check_in_without_date"))
    return days.add(expected, rule("check_in_after_given_date"))


def _first_check_in_since(facts: Facts, days: Days) -> dt.date:
    """The first day the wait before the first check-in counts, for naming holidays inside it."""
    return (_expected_by(facts, days) or facts.interview) + _days(1)


class _Writer:
    """The words of each step, written from the facts so templates need as few blanks as possible."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.today = facts.today
        self.days = facts.days

    def spoken(self, day: dt.date) -> str:
        return _spoken(day, self.today)

    def when_we_spoke(self, send_day: dt.date) -> str:
        interview = self.facts.interview
        if send_day == interview:
            return "today"
        if 0 < (send_day - interview).days < 7:
            return f"on {WEEKDAYS[interview.weekday()]}"
        return f"on {self.spoken(interview)}"

    def timing_sentence(self) -> str:
        """The line a check-in opens with, quoting what they said about timing."""
        facts = self.facts
        if facts.told == "date" and facts.told_date is not None:
            return f"When we last spoke, you hoped to have a decision by {self.spoken(facts.told_date)}, so I'm checking in."
        if facts.told == "delay" and facts.told_weeks is not None:
            return (
                f"After our {facts.stage_name} on {self.spoken(facts.interview)}, you mentioned it could take "
                f"about {_weeks_text(facts.told_weeks)}, so I'm checking in."
            )
        return (
            f"I wanted to check in after our {facts.stage_name} on {self.spoken(facts.interview)}."
        )

    def panel_what(self) -> str:
        facts = self.facts
        if not facts.several_interviewers:
            return ""
        if facts.interviewers is not None:
            count = f"{facts.interviewers} separate short notes, one to each interviewer"
        else:
            count = "a separate short note to each person on the panel"
        return (
            f" Write {count}, and mention something that person raised. They may compare notes, "
            "so don't send one paragraph with the names swapped. If you only have one address, "
            "ask the coordinator to pass each note on."
        )

    def thank_you(self, ideal: dt.date, date: dt.date) -> tuple[str, str, str, str]:
        facts = self.facts
        status = _status(ideal, date, self.today, self.days)
        several = facts.several_interviewers
        title = (
            "Send a short thank-you note to each interviewer"
            if several
            else "Send your thank-you note"
        )
        if status == "overdue-send-now":
            title = (
                "Send your thank-you notes now, one per interviewer"
                if several
                else "Send your thank-you note now"
            )
            what = (
                "It's later than ideal, so send a short, specific note today. Don't apologize for the "
                "timing or explain the delay: thank them, make one specific point, and stop there."
            )
            hours = (
                dt.datetime.combine(date, dt.time(9))
                - dt.datetime.combine(facts.interview, dt.time(facts.start_hour or 9))
            ).total_seconds() / 3600
            if hours <= rule("thank_you_latest"):
                why = (
                    f"The best moment was {self.spoken(ideal)}, but you're still inside the "
                    f"{rule('thank_you_latest')}-hour limit, and a good note now still counts."
                )
            else:
                why = (
                    "The usual window has passed, but a short, specific note still shows you were "
                    "listening and are still interested. An excuse would only draw attention to the delay."
                )
            template = self._late_thank_you_template()
        else:
            what = "A short, specific note: thank them, mention one thing they said, and say you're still keen."
            what += " " + self._thank_you_timing(date)
            why = (
                f"Within {rule('thank_you_within')} hours the conversation is still fresh for both of you; "
                "too soon looks pre-written, and too late reads like an afterthought."
            )
            template = self._thank_you_template(date)
        what += self.panel_what()
        if several:
            why += " Each interviewer weighs in separately, so each one gets a note of their own."
        return title, what, why, template

    def _thank_you_timing(self, date: dt.date) -> str:
        facts = self.facts
        if facts.start_hour is None:
            return (
                "Send it a few hours after you finish, not minutes after you leave; if the interview "
                "ran late in the day, the next morning works too."
            )
        if not self.days.is_business_day(facts.interview):
            if facts.interview.weekday() < bd.SATURDAY:
                return (
                    "An interview on a public holiday gets its note on the next business day, "
                    f"{self.spoken(date)}, in the morning."
                )
            return f"A weekend interview gets its note on the first business day, {self.spoken(date)}, in the morning."
        if date == facts.interview:
            if facts.start_hour >= rule("morning_ends_at"):
                if facts.interview.weekday() == bd.FRIDAY:
                    return (
                        "Send it this evening, a few hours after you finish: the next morning is a weekend, "
                        "and waiting until Monday would take it past 48 hours."
                    )
                next_open = self.days.on_or_after(facts.interview + _days(1))
                return (
                    "Send it this evening, a few hours after you finish: the next working morning is "
                    f"{self.spoken(next_open)}, and waiting until then would take it past 48 hours."
                )
            return "Send it later the same day, by late afternoon, a few hours after you finish."
        if date == self.today:
            return "Send it this morning."
        if date == facts.interview + _days(1):
            return f"Send it the next morning, {self.spoken(date)}."
        return f"Send it on the morning of {self.spoken(date)}."

    def day_off(self, day: dt.date) -> str:
        """What makes ``day`` a day off, as the start of a sentence."""
        named = self.days.named_day_off(day)
        return f"It's {named}" if named else "It's the weekend"

    def moved(self, move: Move, date: dt.date) -> str:
        """One plain sentence naming the holidays that moved a step, and where it went."""
        return moved_sentence(self.days, move, date, self.today)

    def _thank_you_template(self, date: dt.date) -> str:
        facts = self.facts
        when = self.when_we_spoke(date)
        told = ""
        if facts.told == "date" and facts.told_date is not None:
            told = f" I'll look out for news around {self.spoken(facts.told_date)}."
        return (
            "Subject: Thank you, [Interviewer's name]\n\n"
            "Hi [Interviewer's name],\n\n"
            f"Thanks so much for your time during our {facts.stage_name} {when}. "
            f"Your point about [something specific they raised] stuck with me, and it reminded me of "
            f"[a related piece of your own experience].\n\n"
            f"I came away even more interested in the [Role] role.{told}\n\n"
            f"All the best,\n[Your name]"
        )

    def _late_thank_you_template(self) -> str:
        facts = self.facts
        return (
            "Subject: Thank you, and a thought on our conversation\n\n"
            "Hi [Interviewer's name],\n\n"
            f"Thank you again for talking with me on {self.spoken(facts.interview)} about the [Role] role. "
            "I've kept thinking about [something specific they raised], and "
            "[one sentence on how your experience fits it].\n\n"
            "I'm still very interested in joining [Company], and I'd be glad to answer anything else "
            "that would help.\n\n"
            "All the best,\n[Your name]"
        )

    def thank_you_check_in(self, deadline: dt.date | None) -> tuple[str, str, str, str]:
        facts = self.facts
        title = "Send one short note: thanks, and a question about timing"
        what = (
            f"Your interview was on {self.spoken(facts.interview)} and the time for a first check-in has "
            "already come, so make it one message: thank them, restate your interest, and ask whether "
            "there's an update. No apology for the delay."
        )
        why = (
            "A late thank-you followed a day later by a check-in would stack two messages together; "
            "one note does both jobs and counts as your first check-in."
        )
        if facts.told == "date" and facts.told_date is not None:
            ask = f"You mentioned you hoped to decide around {self.spoken(facts.told_date)}, so I wanted to ask whether there's any news on timing."
        elif facts.told == "delay" and facts.told_weeks is not None:
            ask = f"You expected it to take about {_weeks_text(facts.told_weeks)}, so I wanted to ask whether there's any news on timing."
        else:
            ask = "I also wanted to ask whether there's any news on timing."
        if deadline is not None:
            what += (
                f" Your other offer's deadline ({self.spoken(deadline)}) is close, so say so in this "
                "same note rather than sending a separate request."
            )
            why += " With your deadline this close, a second message a day or two later would crowd them."
            ask += (
                f" I've also received another offer and been asked to reply by {self.spoken(deadline)}, "
                "so any news before then would help me a great deal."
            )
        template = (
            "Subject: Thank you, and a quick question\n\n"
            "Hi [Name],\n\n"
            f"Thank you again for talking with me on {self.spoken(facts.interview)} about the [Role] role. "
            "I've kept thinking about [something specific they raised], and I'm still very interested "
            "in joining [Company].\n\n"
            f"{ask}\n\n"
            "All the best,\n[Your name]"
        )
        return title, what, why, template

    def check_in(
        self, number: int, ideal: dt.date, date: dt.date, previous: dt.date | None
    ) -> tuple[str, str, str, str]:
        facts = self.facts
        overdue = _status(ideal, date, self.today, self.days) == "overdue-send-now"
        if number == 1:
            title = "Send your first check-in"
            what = (
                "One short, friendly note to the recruiter or coordinator who scheduled you: restate your "
                "interest and ask about timing. Don't list your qualifications again."
            )
            expected = _expected_by(facts, self.days)
            if expected is not None:
                latest = self.days.add(expected, rule("check_in_after_given_date_latest"))
                if facts.told == "delay" and facts.told_weeks is not None:
                    said = (
                        f"They expected it to take about {_weeks_text(facts.told_weeks)}, which runs to "
                        f"{self.spoken(expected)}."
                    )
                else:
                    said = f"They said you would hear by {self.spoken(expected)}."
                why = (
                    f"{said} One or two business days past that (so {short_date(ideal)} or "
                    f"{short_date(latest)}) gives them room without letting it drift."
                )
            else:
                why = (
                    f"They gave no date, so about {rule('check_in_without_date')} business days after the "
                    "interview is a fair wait before asking."
                )
            template = (
                "Subject: Checking in on the [Role] role\n\n"
                "Hi [Name],\n\n"
                f"{self.timing_sentence()} I'm still excited about the [Role] role and the chance to work "
                "with your team.\n\n"
                "Could you let me know where things stand, or when you expect to have news?\n\n"
                "Thanks so much,\n[Your name]"
            )
        else:
            title = "Send one more check-in" if number == 2 else f"Send check-in {number}"
            what = (
                "Only if the last message got no answer: one more short note, ideally to a different contact "
                "or through a different channel, with one new, specific detail. If they've replied, skip "
                "this and follow their timeline."
            )
            why = (
                "About a week after an unanswered check-in, one more is still polite. This is the last "
                "check-in in the plan."
            )
            since = f" from {self.spoken(previous)}" if previous is not None else ""
            template = (
                "Subject: RE: Checking in on the [Role] role\n\n"
                "Hi [Name],\n\n"
                f"I'm following up on my note{since}. I'm still keen on the [Role] role, and "
                "[one new, specific detail: a recent result, an article on something you discussed, or "
                "congratulations on company news].\n\n"
                "If there's any update on timing, I'd be glad to hear it.\n\n"
                "Thanks,\n[Your name]"
            )
        if overdue:
            why += " That day has already passed, so send it now."
        return title, what, why, template

    def close_the_loop(self) -> tuple[str, str, str, str]:
        what = (
            "Only if there's still no reply: one kind note saying you'll assume they've moved on unless "
            "you hear otherwise, and that you'd welcome future contact. After this, send nothing more, "
            "and keep your other applications moving."
        )
        why = (
            "A week after your last unanswered message, this note ends things gracefully and sometimes "
            "prompts a reply. It is the last message in the plan."
        )
        if self.facts.stage == "final-round":
            why += " After a final round, one check-in and this note are the limit."
        template = (
            "Subject: RE: Checking in on the [Role] role\n\n"
            "Hi [Name],\n\n"
            "Since I haven't heard back, I'm guessing the team has decided to go another way, and that's "
            "completely fine. I really appreciated the time you and your colleagues gave me. If the "
            "situation changes, or another role comes up where I could help, I'd love to hear from you.\n\n"
            "Best wishes,\n[Your name]"
        )
        return "Close the loop, then stop", what, why, template

    def expedite(
        self, ideal: dt.date, date: dt.date, deadline: dt.date
    ) -> tuple[str, str, str, str]:
        margin = rule("expedite_margin")
        what = (
            f"Tell the recruiter, once and politely, that you have another offer with a deadline of "
            f"{self.spoken(deadline)}, and ask whether they can share an update before then. No bluffing, "
            "and no ultimatum."
        )
        if ideal < self.today or date == deadline:
            when = "today" if date == self.today else f"first thing {WEEKDAYS[date.weekday()]}"
            what += f" Your deadline is close, so do it {when}, by phone if you can, and confirm in writing."
        why = (
            f"Your other offer needs an answer by {self.spoken(deadline)}. Asking about {margin} business "
            "days ahead gives them a real chance to move; asking the day before rarely does. It takes the "
            "place of a check-in, so it doesn't add to the number of messages."
        )
        template = (
            "Subject: A timing question about the [Role] role\n\n"
            "Hi [Name],\n\n"
            f"I wanted to let you know that I've received another offer, and they've asked for my answer "
            f"by {self.spoken(deadline)}. I'm still very interested in the [Role] role, so before I reply "
            "to them I wanted to ask whether you might have an update for me by then.\n\n"
            "I completely understand if your timeline can't change, and I'm grateful for the time your "
            "team has spent with me.\n\n"
            "Best,\n[Your name]"
        )
        return "Ask whether they can speed things up", what, why, template

    def missed_call(self, date: dt.date) -> tuple[str, str, str, str]:
        facts = self.facts
        what = (
            "Check spam, junk and voicemail first, then call right away. Follow with a short email that "
            "owns the miss, gives a one-line reason, restates your interest and offers three times to "
            "talk, and say what you've changed so it won't happen again."
        )
        if not self.days.is_business_day(self.today):
            what += (
                f" {self.day_off(self.today)}, so send the email now if you can; the call can wait until "
                f"{self.spoken(date)} morning."
            )
        if facts.missed_screen:
            what += (
                " Once a new time is set, change the interview date here and the plan will time your "
                "thank-you note and check-ins."
            )
            if facts.offer_deadline is not None:
                what += (
                    f" Mention your other offer's deadline ({self.spoken(facts.offer_deadline)}) when you "
                    "reschedule, so they can offer an earlier slot."
                )
        why = (
            "Speed is part of the apology. A fast, honest reply can turn a poor first impression into a "
            "decent second one; silence, or acting as if it was no big deal, is what sinks candidates."
        )
        if facts.missed_screen:
            call = f"our {facts.stage_name}"
            if facts.interview < self.today:
                call += f" on {self.spoken(facts.interview)}"
        else:
            call = "our call"
        slots = [self.days.add(date, offset) for offset in (1, 2, 3)]
        times = "\n".join(f"- {self.spoken(slot)}, [time and time zone]" for slot in slots)
        template = (
            "Subject: Sorry I missed our call - [Your name]\n\n"
            "Hi [Name],\n\n"
            f"I'm sorry I missed {call}. I take full responsibility for that: [one-line reason, such as "
            '"my phone was on silent"].\n\n'
            "I'd still very much like to talk about the [Role] role. Could any of these times work?\n"
            f"{times}\n\n"
            "I've [what you've changed, such as set two reminders for every call], so it won't happen "
            "again.\n\n"
            "Thank you for your patience,\n[Your name]\n[Phone number]"
        )
        title = "Call back and apologize"
        if date != self.today:
            title += f" first thing {WEEKDAYS[date.weekday()]}"
        return title, what, why, template

    def reschedule(self, apology: dt.date) -> tuple[str, str, str, str]:
        what = (
            "If they've offered a new time, accept quickly and confirm it in writing with the time zone "
            f"spelled out. If you've heard nothing by the end of {self.spoken(apology)}, send one brief "
            "follow-up to the same person, and keep your phone on and within reach."
        )
        why = (
            "Getting a new time is the point of the apology. One follow-up after a business day is fair; "
            "more than that starts to crowd them. When the call happens, apologize once, briefly, and "
            "move on."
        )
        template = (
            "Subject: RE: Sorry I missed our call - [Your name]\n\n"
            "Hi [Name],\n\n"
            f"I'm following up on my note from {self.spoken(apology)}. I'm still keen to talk about the "
            "[Role] role, and I can work around whatever time suits you best.\n\n"
            "Thank you,\n[Your name]"
        )
        return "Reschedule: confirm a new time, or follow up once", what, why, template

    def callback(self, date: dt.date) -> tuple[str, str, str, str]:
        when = "today" if date == self.today else "as soon as you can"
        what = (
            f"Get in touch {when} in the channel you promised: if you said you'd call, call, then follow "
            "with a short email. Lead with the miss, skip the excuse, give them what you owed right then, "
            "and say you'll understand if things have moved on."
        )
        why = (
            "A missed promise counts against you, but coming forward on your own and telling the truth is "
            "what makes people forgive it. Every extra day of silence makes it harder."
        )
        template = (
            "Subject: [Role] - what I owe you, and an apology\n\n"
            "Hi [Name],\n\n"
            "I promised to be in touch by [the day you promised], and I let that date slip. That's on me, "
            "and I apologize.\n\n"
            "[What you owed them: your answer, the references or the documents.]\n\n"
            "I'll understand if the delay has changed things on your side. Either way, thank you for your "
            "patience with me.\n\n"
            "[Your name]\n[Phone number]"
        )
        if date != self.today:
            what += (
                f" {self.day_off(self.today)}, so an email can go now; if you promised a call, make it first "
                f"thing on {self.spoken(date)}."
            )
            return (
                f"Get back to them first thing {WEEKDAYS[date.weekday()]}, and own the delay",
                what,
                why,
                template,
            )
        return "Get back to them, and own the delay", what, why, template

    def let_go(self, last: dt.date) -> tuple[str, str, str, str]:
        what = (
            "Send nothing. If there's been no reply, treat this role as closed in your own mind and put the "
            "energy into your other applications. If they do write back, answer once, warmly, and match "
            "their pace."
        )
        why = (
            f"Two weeks of silence after your last message on {self.spoken(last)} is an answer of sorts. "
            "Another note to test the waters would only add to the pile."
        )
        template = (
            "Only if they write back:\n\n"
            "Hi [Name],\n\n"
            "Thanks for the update, it's good to hear from you. I'm happy to wait until [the date they "
            "give]; if you need anything from me before then, I'm glad to help.\n\n"
            "Best,\n[Your name]"
        )
        return "Let it go unless they write", what, why, template


def _done_steps(facts: Facts) -> list[Step]:
    steps: list[Step] = []
    if facts.thank_you_sent and facts.thank_you_date is not None:
        sent = facts.thank_you_date
        late = (sent - facts.interview).days * 24 > rule("thank_you_latest")
        why = (
            "It went out after the usual window, which is fine now it's sent. Don't send a second one."
            if late
            else "It went out inside the usual window, so nothing more is needed. Don't send a second one."
        )
        steps.append(
            Step(
                "thank-you",
                sent,
                "done",
                "Thank-you note sent",
                f"You sent it on {long_date(sent)}.",
                why,
                "",
                THANK_YOU,
                RANK_DONE,
            )
        )
    limit = facts.max_follow_ups
    for number, sent in enumerate(facts.follow_ups, start=1):
        steps.append(
            Step(
                f"follow-up-{number}",
                sent,
                "done",
                f"Follow-up {number} sent",
                f"You sent a follow-up on {long_date(sent)}.",
                f"It counts toward the limit of {limit} messages after the thank-you note, and the next "
                "message is spaced from it.",
                "",
                TOO_MANY,
                RANK_DONE,
            )
        )
    return steps


def _plan(facts: Facts) -> Plan:
    today = facts.today
    days = facts.days
    write = _Writer(facts)
    plan = Plan(_done_steps(facts))
    gap = rule("min_gap_between_messages")
    floor = today  # the earliest day a check-in may go out, pushed back by every other message
    if facts.thank_you_date is not None:
        floor = max(floor, days.add(facts.thank_you_date, gap))

    def add(
        step_id: str,
        ideal: dt.date,
        date: dt.date,
        rank: int,
        words: tuple[str, str, str, str],
        playbook: str,
        status: str | None = None,
        moved: Move | None = None,
    ) -> None:
        title, what, why, template = words
        if moved:
            what += " " + write.moved(moved, date)
        plan.steps.append(
            Step(
                step_id,
                date,
                status or _status(ideal, date, today, days),
                title,
                what,
                why,
                template,
                playbook,
                rank,
            )
        )

    first_open = days.send_day(today, today)  # the writer says why when today is a day off
    if facts.missed_call:
        apology = first_open
        add(
            "missed-call-apology",
            today,
            apology,
            RANK_MISSED_CALL,
            write.missed_call(apology),
            MISSED_INTERVIEW,
        )
        wait = rule("missed_call_follow_up_after")
        retry = days.add(apology, wait)
        add(
            "missed-call-reschedule",
            retry,
            retry,
            RANK_RESCHEDULE,
            write.reschedule(apology),
            MISSED_INTERVIEW,
            moved=moved_by_holidays(days, retry, PLAIN.add(apology, wait), apology + _days(1)),
        )
        floor = max(floor, days.add(retry, gap))
    if facts.callback_slipped:
        callback = first_open
        add(
            "callback-apology",
            today,
            callback,
            RANK_CALLBACK,
            write.callback(callback),
            MISSED_CALLBACK,
        )
        floor = max(floor, days.add(callback, gap))
    first_check_in = _first_check_in(facts, days)
    start = _Start(
        first_check_in, _first_check_in(facts, PLAIN), _first_check_in_since(facts, days)
    )
    sent = len(facts.follow_ups)
    limit = facts.max_follow_ups
    after_final = " after a final round" if facts.stage == "final-round" else ""
    stop = False
    early = [day for day in facts.follow_ups if day < first_check_in]
    # A missed screen has no waiting window yet, but too many messages are too many anywhere.
    if len(early) >= 2 and not facts.missed_screen:
        stop = True
        plan.warn(
            f"You've sent {len(early)} follow-ups before {long_date(first_check_in)}, while they were still "
            "inside the time they asked for. Stop here and wait: more messages now read as not listening, "
            "and stepping back works better than any clever note.",
            TOO_MANY,
        )
    if sent > limit:
        stop = True
        plan.warn(
            f"You've sent {sent} follow-ups, more than the {limit} this plan allows{after_final}. The best "
            "recovery is to stop sending, on every channel, and wait for them to come back to you.",
            TOO_MANY,
        )
    if facts.missed_screen:
        _sort(plan)
        return plan

    deadline = facts.offer_deadline
    expedite: _Fixed | None = None
    if deadline is not None:
        expedite_ideal, expedite_date = _expedite_day(days, deadline, facts)
        plain_date = _expedite_day(PLAIN, deadline, facts)[1]
        if expedite_date > deadline:
            plan.warn(
                f"Your other offer's deadline on {long_date(deadline)} comes before the next day you could "
                "reasonably ask this employer to hurry, so ask the other employer for a little more time, "
                "or decide on the offer you have.",
                TOO_MANY,
            )
            deadline = None
        else:
            expedite = _Fixed(
                expedite_ideal,
                expedite_date,
                moved_by_holidays(
                    days,
                    expedite_date,
                    plain_date,
                    until=deadline - _days(1) if expedite_date == expedite_ideal else None,
                ),
            )

    used = sent
    previous = facts.follow_ups[-1] if facts.follow_ups else None
    fold_thanks = False
    if not facts.thank_you_sent:
        if sent:
            fold_thanks = True
        else:
            ideal = _thank_you_ideal(facts, days)
            date = days.send_day(ideal, today)
            plain_date = PLAIN.send_day(_thank_you_ideal(facts, PLAIN), today)
            thanks_moved = moved_by_holidays(days, date, plain_date)
            if ideal < today and first_check_in < days.add(date, gap):
                # A deadline that would need its own request within days rides along instead.
                folded = expedite is not None and expedite.date < days.add(date, gap)
                add(
                    "thank-you-check-in",
                    ideal,
                    date,
                    RANK_THANK_YOU,
                    write.thank_you_check_in(deadline if folded else None),
                    THANK_YOU,
                    moved=thanks_moved,
                )
                if folded:
                    deadline = expedite = None
                used += 1
                previous = date
            else:
                add(
                    "thank-you",
                    ideal,
                    date,
                    RANK_THANK_YOU,
                    write.thank_you(ideal, date),
                    THANK_YOU,
                    moved=thanks_moved,
                )
                floor = max(floor, days.add(date, gap))

    slots = [f"check-in-{n}" for n in range(1, limit)] + ["close-the-loop"]
    remaining = [] if stop else slots[used:]
    schedule = _schedule(days, remaining, previous, start, floor, today)

    if deadline is not None and expedite is not None:
        replace_at = next(
            (i for i, dated in enumerate(schedule) if dated.date >= expedite.date), None
        )
        if not remaining:
            plan.warn(
                "You've already followed up as much as is wise, so this plan won't add a request to speed "
                f"things up. If your other offer's deadline on {long_date(deadline)} comes first, decide "
                "on the offer you have.",
                TOO_MANY,
            )
        elif replace_at is not None:
            remaining = [*remaining[:replace_at], "expedite-request", *remaining[replace_at + 1 :]]
            schedule = _schedule(days, remaining, previous, start, floor, today, expedite)

    for index, (slot, ideal, date, moved) in enumerate(schedule):
        before = schedule[index - 1].date if index else previous
        rank = RANK_FOLLOW_UP
        if slot == "expedite-request":
            assert deadline is not None
            words = write.expedite(ideal, date, deadline)
            playbook, rank = TOO_MANY, RANK_EXPEDITE
        elif slot == "close-the-loop":
            words = write.close_the_loop()
            playbook = GHOSTED if facts.stage == "final-round" else GENERIC
        else:
            number = int(slot.rsplit("-", 1)[1])
            words = write.check_in(number, ideal, date, before)
            playbook = (
                TOO_MANY if number > 1 else GHOSTED if facts.stage == "final-round" else GENERIC
            )
        if index == 0:
            words = _first_message_notes(
                words, facts, fold_thanks, deadline if "expedite-request" not in remaining else None
            )
        add(slot, ideal, date, rank, words, playbook, moved=moved)

    if not schedule and facts.follow_ups:
        last = facts.follow_ups[-1]
        ideal = last + _days(rule("let_go_after"))
        date = days.send_day(ideal, today)
        add(
            "let-it-go",
            ideal,
            date,
            RANK_LET_GO,
            write.let_go(last),
            TOO_MANY,
            "due" if date == today else "upcoming",
            moved=moved_by_holidays(days, date, PLAIN.send_day(ideal, today)),
        )
    _sort(plan)
    return plan


def _first_message_notes(
    words: tuple[str, str, str, str], facts: Facts, fold_thanks: bool, deadline: dt.date | None
) -> tuple[str, str, str, str]:
    """Fold what has no step of its own into the next message instead of adding another one."""
    title, what, why, template = words
    if fold_thanks:
        what += (
            " You never sent a thank-you note, so open this message with a line of thanks for the "
            "conversation rather than sending one separately."
        )
    if deadline is not None:
        what += (
            f" Mention that you hold another offer with a deadline of {_spoken(deadline, facts.today)}, "
            "so they know the timing matters."
        )
    return title, what, why, template


class _Start(NamedTuple):
    """When the first check-in is due, with and without holidays, and when its wait began."""

    date: dt.date
    plain: dt.date
    since: dt.date


class _Fixed(NamedTuple):
    """A step whose date was settled before the schedule, such as the request to hurry."""

    ideal: dt.date
    date: dt.date
    moved: Move | None


class _Dated(NamedTuple):
    slot: str
    ideal: dt.date
    date: dt.date
    moved: Move | None


def _expedite_day(days: Days, deadline: dt.date, facts: Facts) -> tuple[dt.date, dt.date]:
    ideal = days.add(deadline, -rule("expedite_margin"))
    date = days.send_day(ideal, facts.today)
    if facts.follow_ups and date <= facts.follow_ups[-1]:
        date = days.add(facts.follow_ups[-1], 1)  # never twice in a day
    return ideal, date


def _schedule(
    days: Days,
    slots: list[str],
    previous: dt.date | None,
    start: _Start,
    floor: dt.date,
    today: dt.date,
    fixed: _Fixed | None = None,
) -> list[_Dated]:
    """Space each message from the one before it, not from the interview.

    A late start then shifts the whole sequence instead of bunching messages
    together, and the first one still never comes before the wait they asked for.
    Each message is also placed as if there were no holidays, from the same
    previous message, so a step names a holiday only when that holiday is what
    moved it, not when it simply follows a message that moved.
    """
    dated: list[_Dated] = []
    for slot in slots:
        if slot == "expedite-request" and fixed is not None:
            dated.append(_Dated(slot, fixed.ideal, fixed.date, fixed.moved))
            previous = fixed.date
            continue
        if previous is None:
            ideal, plain_ideal = start.date, start.plain
        else:
            wait = rule("close_loop_after" if slot == "close-the-loop" else "second_check_in_after")
            ideal = max(previous + _days(wait), start.date)
            plain_ideal = max(previous + _days(wait), start.plain)
        date = days.send_day(max(ideal, floor), today)
        plain_date = PLAIN.send_day(max(plain_ideal, floor), today)
        # The wait before the first check-in counts business days only when it, not
        # today's date or an earlier message, is what set the date.
        counted = ideal == start.date >= max(floor, today)
        since = start.since if counted else None
        dated.append(_Dated(slot, ideal, date, moved_by_holidays(days, date, plain_date, since)))
        previous = date
    return dated


def _sort(plan: Plan) -> None:
    plan.steps.sort(key=lambda step: (step.date, step.rank))


# ---------------------------------------------------------------- output


def _headline(steps: list[Step], needs_message: str | None) -> str:
    if needs_message:
        return needs_message
    upcoming = [step for step in steps if step.status != "done"]
    if not upcoming:
        return "Nothing more to send. Wait for them to get back to you, and keep your other applications moving."
    first = upcoming[0]
    if first.status == "overdue-send-now":
        return f"Now: {first.title}."
    if first.status == "due":
        return f"Today: {first.title}."
    return f"Next: {first.title}, on {long_date(first.date)}."


def _needs_message(reading: Reading) -> str | None:
    if reading.problems:
        return "Check the answers marked as needing attention, and your plan will appear here."
    if reading.needs:
        names = [FIELD_NAMES.get(name, name) for name in reading.needs]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"To build your plan, fill in {listed}."
    return None


def _urgent_warnings(reading: Reading) -> list[dict[str, str]]:
    """While the plan waits for answers, a missed call or promise should not wait with it."""
    warnings = []
    if reading.missed_call:
        warnings.append(
            {
                "message": "You missed a call: don't wait for the plan. Call back and send a short apology today.",
                "playbook": MISSED_INTERVIEW,
            }
        )
    if reading.callback_slipped:
        warnings.append(
            {
                "message": "You missed a date you promised: get in touch today, own it, and give them what you owed.",
                "playbook": MISSED_CALLBACK,
            }
        )
    return warnings


def _markdown(
    today: dt.date | None,
    steps: list[Step],
    warnings: list[dict[str, str]],
    headline: str,
    region: str | None,
) -> str:
    lines = ["# Your follow-up plan", ""]
    if today is not None:
        lines += [f"Planned from {long_date(today)}.", ""]
    lines += [headline, ""]
    for warning in warnings:
        title = PLAYBOOK_TITLES.get(warning["playbook"], warning["playbook"])
        lines += [
            f"> **Take care:** {warning['message']} See the playbook *{title}* ({warning['playbook']}).",
            "",
        ]
    if not steps:
        return "\n".join(lines).rstrip() + "\n"
    lines += ["## At a glance", "", "| Date | Step | Status |", "| --- | --- | --- |"]
    lines += [f"| {short_date(s.date)} | {s.title} | {STATUS_LABELS[s.status]} |" for s in steps]
    lines += ["", "## Step by step", ""]
    for step in steps:
        lines += [
            f"### {long_date(step.date)}: {step.title}",
            "",
            step.what,
            "",
            f"*Why:* {step.why}",
            "",
        ]
        if step.template:
            lines += ["```text", step.template, "```", ""]
        title = PLAYBOOK_TITLES.get(step.playbook, step.playbook)
        lines += [f"More in the playbook *{title}* ({step.playbook}).", ""]
    lines += [
        "## Where the timings come from",
        "",
        f"Business days run Monday to Friday. {holiday_note(region)}",
        "",
    ]
    for item in RULES.values():
        title = PLAYBOOK_TITLES.get(item["playbook"], item["playbook"])
        lines.append(f"- {_amount(item['value'], item['unit'])}: {item['reason']} (*{title}*)")
    return "\n".join(lines).rstrip() + "\n"


def _amount(number: int, unit: str) -> str:
    if number == 1:
        unit = unit.replace("days", "day", 1)
    return f"{number} {unit}"


def _blocks(
    steps: list[Step],
    warnings: list[dict[str, str]],
    problems: list[Problem],
    headline: str,
    labels: Mapping[str, str],
    region: str | None,
) -> list[dict[str, Any]]:
    """The page view, in the block format the bridge renders with textContent only."""

    blocks: list[dict[str, Any]] = [
        {"kind": "heading", "level": 2, "text": "Your follow-up plan"},
        {"kind": "paragraph", "text": headline},
    ]
    if problems:
        blocks.append(
            {
                "kind": "list",
                "items": [
                    {"label": f"{labels.get(p.path, p.path or 'Answers')}:", "text": p.message}
                    for p in problems
                ],
            }
        )
    if warnings:
        blocks.append(
            {
                "kind": "list",
                "items": [
                    {"label": "Take care:", "text": w["message"], "link": link(w["playbook"])}
                    for w in warnings
                ],
            }
        )
    if not steps:
        return blocks
    blocks.append(
        {
            "kind": "steps",
            "items": [
                {
                    "label": f"{short_date(s.date)}, {STATUS_LABELS[s.status].lower()}:",
                    "text": f"{s.title}. {s.what}",
                    "link": link(s.playbook),
                }
                for s in steps
            ],
        }
    )
    blocks.append({"kind": "paragraph", "text": holiday_note(region)})
    for step in steps:
        if not step.template:
            continue
        blocks += [
            {"kind": "heading", "level": 3, "text": f"{step.title} ({short_date(step.date)})"},
            {"kind": "paragraph", "text": step.why},
            {"kind": "pre", "text": step.template},
        ]
    blocks += [
        {
            "kind": "download",
            "text": "Download the plan for your calendar (.ics)",
            "widget": "followup-ics",
        },
        {
            "kind": "download",
            "text": "Download the plan as Markdown",
            "widget": "followup-markdown",
        },
    ]
    return blocks


def _checklist(payload: Mapping[str, Any]) -> Checklist:
    checklist = parse_definition(payload.get("definition"))
    if checklist.id != CHECKLIST_ID:
        raise InputError(
            [Problem("id", f"expected the {CHECKLIST_ID} checklist, got {checklist.id!r}")]
        )
    return checklist


def _result(payload: Mapping[str, Any]) -> tuple[Reading, Plan]:
    reading = _read(_checklist(payload), payload)
    plan = (
        _plan(reading.facts)
        if reading.facts is not None
        else Plan(warnings=_urgent_warnings(reading))
    )
    return reading, plan


def compute(payload: dict[str, Any]) -> dict[str, Any]:
    """Input ``{"definition", "answers", "today"}``; output the dated plan, its warnings and its exports.

    Never raises for anything a visitor typed: problems come back next to their
    field, and steps appear only once every answer can be trusted, because a
    plan built on a mistyped date would be confidently wrong.
    """
    reading, plan = _result(payload)
    needs_message = _needs_message(reading)
    headline = _headline(plan.steps, needs_message)
    needs = None
    if needs_message:
        fields = list(dict.fromkeys([p.path for p in reading.problems] + reading.needs))
        needs = {"fields": fields, "message": needs_message}
    return {
        "today": reading.today.isoformat() if reading.today else None,
        "headline": headline,
        "needs": needs,
        "steps": [step.as_dict() for step in plan.steps],
        "warnings": plan.warnings,
        "problems": [problem.as_dict() for problem in reading.problems],
        "summary_markdown": _markdown(
            reading.today, plan.steps, plan.warnings, headline, reading.region
        ),
        "rules": {name: dict(item) for name, item in RULES.items()},
        "blocks": _blocks(
            plan.steps, plan.warnings, reading.problems, headline, reading.labels, reading.region
        ),
    }


# ---------------------------------------------------------------- exports


def _uid(facts_key: str, step_id: str) -> str:
    """Stable per interview and step, so importing an updated plan replaces events instead of duplicating them."""
    digest = hashlib.sha256(facts_key.encode("utf-8")).hexdigest()[:16]
    return f"{step_id}-{digest}@interview-recovery-playbooks"


def _description(step: Step) -> str:
    parts = [step.what, f"Why: {step.why}"]
    if step.template:
        parts.append(f"Draft:\n{step.template}")
    title = PLAYBOOK_TITLES.get(step.playbook, step.playbook)
    parts.append(f"Playbook: {title} ({step.playbook})")
    return "\n\n".join(parts)


def _calendar(reading: Reading, plan: Plan, now: dt.datetime) -> Calendar:
    # Imported here, not at module level: the first result on the page must not
    # wait for a library that only the calendar download needs.
    from icalendar import Alarm, Calendar, Event

    facts = reading.facts
    assert facts is not None
    calendar = Calendar()
    calendar.add("prodid", "-//Interview Recovery Playbooks//Follow-up plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    key = f"{facts.interview.isoformat()}|{facts.stage}"
    for step in plan.steps:
        event = Event()
        event.add("uid", _uid(key, step.id))
        event.add("dtstamp", now)
        event.add("dtstart", step.date)
        event.add("dtend", step.date + _days(1))
        prefix = "Done: " if step.status == "done" else ""
        event.add("summary", f"{prefix}{step.title}")
        event.add("description", _description(step))
        event.add("transp", "TRANSPARENT")
        if step.status != "done":
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", step.title)
            alarm.add("trigger", dt.timedelta(hours=9))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar


def calendar_ics(payload: dict[str, Any], *, now: dt.datetime | None = None) -> str:
    """The plan as an RFC 5545 calendar: one all-day event per step, with a 9:00 reminder on planned ones.

    Raises :class:`InputError` when there is no plan yet, because a calendar
    with no events is not valid RFC 5545 and would only confuse an import.
    """
    reading, plan = _result(payload)
    if not plan.steps:
        problems = reading.problems or [
            Problem(name, f"fill in {FIELD_NAMES.get(name, name)} to build a plan")
            for name in reading.needs
        ]
        raise InputError(problems or [Problem("", "there is no plan to export yet")])
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    ics: bytes = _calendar(reading, plan, stamp.replace(microsecond=0)).to_ical()
    return ics.decode("utf-8")


def calendar_file(payload: dict[str, Any]) -> dict[str, str]:
    """The calendar as a download for the page's download buttons."""
    return {
        "filename": "follow-up-plan.ics",
        "content": calendar_ics(payload),
        "type": "text/calendar",
    }


def markdown_file(payload: dict[str, Any]) -> dict[str, str]:
    """The Markdown summary as a download, so the plan can be kept outside the browser."""
    return {
        "filename": "follow-up-plan.md",
        "content": compute(payload)["summary_markdown"],
        "type": "text/markdown",
    }
