"""The recruiter diagnosis as data: rules read from TOML, checked, then applied to answers.

Recruiters tune the weights in ``checklists/recruiter-360-debrief.rules.toml``
without touching code, so this module treats the rules as untrusted input:
every mistake in them is reported with its path (``rules.causes[1].signals[3].weight``)
instead of silently skewing a diagnosis. Scoring is deliberately simple
arithmetic, so the evidence list fully explains every number shown.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from py_widgets.checklist import Checklist, Item
from py_widgets.debrief_common import Form, excerpt
from py_widgets.problems import InputError, Problem

CAUSE_IDS = ("candidate-form", "recruiter-fit", "brief-unqualified", "client-changed")
TESTS = ("equals", "includes", "checked", "at_least", "at_most", "mentions", "answered")
TEST_KINDS = {
    "equals": ("single",),
    "includes": ("multiple",),
    "checked": ("checkbox",),
    "at_least": ("number",),
    "at_most": ("number",),
    "mentions": ("text",),
    "answered": ("text",),
}
PLACEHOLDERS = frozenset({"label", "value", "excerpt", "match"})
SIGNAL_KEYS = frozenset({"item", "weight", "evidence", *TESTS})


@dataclass(frozen=True)
class Signal:
    item: str
    test: str
    expected: Any
    weight: float
    evidence: str


@dataclass(frozen=True)
class Cause:
    id: str
    label: str
    signals: tuple[Signal, ...]


@dataclass(frozen=True)
class Rules:
    cap: float
    leading_min_weight: float
    leading_margin: float
    excerpt_chars: int
    requires_any: tuple[str, ...]
    causes: tuple[Cause, ...]


def _number(
    raw: Mapping[str, Any],
    key: str,
    path: str,
    low: float,
    high: float,
    problems: list[Problem],
) -> float:
    value = raw.get(key)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not low <= value <= high
    ):
        problems.append(Problem(f"{path}.{key}", f"expected a number from {low:g} to {high:g}"))
        return low
    return float(value)


def _template_problem(template: str) -> str | None:
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as error:
        return f"not a usable template ({error}); write literal braces as {{{{ and }}}}"
    unknown = sorted({name for name in fields if name not in PLACEHOLDERS})
    if unknown:
        allowed = ", ".join("{" + name + "}" for name in sorted(PLACEHOLDERS))
        return f"unknown placeholder {{{unknown[0]}}}; use {allowed}"
    return None


def _check_test(item: Item, test: str, expected: Any) -> str | None:
    """Why this test cannot work on this item, or None when it can."""
    if item.kind not in TEST_KINDS[test]:
        return f"{test} does not apply to {item.id!r}, which is a {item.kind} item"
    options = {value for value, _ in item.options}
    if test in ("equals", "includes"):
        if not isinstance(expected, str) or expected not in options:
            return f"expected one of the options of {item.id!r}: {', '.join(sorted(options))}"
    elif test == "checked":
        if not isinstance(expected, bool):
            return "expected true or false"
    elif test in ("at_least", "at_most"):
        if (
            isinstance(expected, bool)
            or not isinstance(expected, int | float)
            or not math.isfinite(expected)
        ):
            return "expected a number"
    elif test == "mentions":
        if (
            not isinstance(expected, list)
            or not expected
            or not all(isinstance(word, str) and word.strip() for word in expected)
        ):
            return "expected a non-empty list of words or phrases"
    elif expected is not True:
        return "expected true"
    return None


def _signal(raw: Any, path: str, checklist: Checklist, problems: list[Problem]) -> Signal | None:
    if not isinstance(raw, Mapping):
        problems.append(Problem(path, "expected a table describing one signal"))
        return None
    before = len(problems)
    for key in sorted(set(raw) - SIGNAL_KEYS):
        problems.append(
            Problem(
                f"{path}.{key}",
                f"unknown key; use item, weight, evidence and one of {', '.join(TESTS)}",
            )
        )
    item_id = raw.get("item")
    item = checklist.item(item_id) if isinstance(item_id, str) else None
    if item is None:
        problems.append(Problem(f"{path}.item", f"expected an item id from {checklist.id!r}"))
    tests = [key for key in TESTS if key in raw]
    if len(tests) != 1:
        problems.append(Problem(path, f"expected exactly one test: {', '.join(TESTS)}"))
    elif item is not None:
        message = _check_test(item, tests[0], raw[tests[0]])
        if message:
            problems.append(Problem(f"{path}.{tests[0]}", message))
    weight = _number(raw, "weight", path, -1.0, 1.0, problems)
    evidence = raw.get("evidence")
    if not isinstance(evidence, str) or not evidence.strip():
        problems.append(Problem(f"{path}.evidence", "expected a non-empty sentence"))
    else:
        message = _template_problem(evidence)
        if message:
            problems.append(Problem(f"{path}.evidence", message))
    if len(problems) > before or item is None:
        return None
    expected = raw[tests[0]]
    if tests[0] == "mentions":
        expected = tuple(word.strip().lower() for word in expected)
    return Signal(str(item_id), tests[0], expected, weight, str(evidence))


def _cause(raw: Any, path: str, checklist: Checklist, problems: list[Problem]) -> Cause | None:
    if not isinstance(raw, Mapping):
        problems.append(Problem(path, "expected a table describing one cause"))
        return None
    cause_id = raw.get("id")
    if cause_id not in CAUSE_IDS:
        problems.append(Problem(f"{path}.id", f"expected one of {', '.join(CAUSE_IDS)}"))
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        problems.append(Problem(f"{path}.label", "expected a non-empty label"))
    raw_signals = raw.get("signals", [])
    if not isinstance(raw_signals, list):
        problems.append(Problem(f"{path}.signals", "expected a list of signals"))
        raw_signals = []
    signals = [
        _signal(signal, f"{path}.signals[{index}]", checklist, problems)
        for index, signal in enumerate(raw_signals)
    ]
    if cause_id not in CAUSE_IDS or not isinstance(label, str):
        return None
    return Cause(str(cause_id), label.strip(), tuple(s for s in signals if s is not None))


def parse_rules(raw: Any, checklist: Checklist) -> Rules:
    """Check the rules against the checklist they score, raising InputError with every problem."""
    if not isinstance(raw, Mapping):
        raise InputError(
            [
                Problem(
                    "rules",
                    "expected the diagnosis rules from checklists/recruiter-360-debrief.rules.toml",
                )
            ]
        )
    problems: list[Problem] = []
    if raw.get("version") != 1 or isinstance(raw.get("version"), bool):
        problems.append(Problem("rules.version", "expected 1"))
    diagnosis = raw.get("diagnosis")
    if not isinstance(diagnosis, Mapping):
        problems.append(Problem("rules.diagnosis", "expected a table of diagnosis settings"))
        diagnosis = {}
    cap = _number(diagnosis, "cap", "rules.diagnosis", 0.01, 100.0, problems)
    min_weight = _number(diagnosis, "leading_min_weight", "rules.diagnosis", 0.0, 1.0, problems)
    margin = _number(diagnosis, "leading_margin", "rules.diagnosis", 0.0, 1.0, problems)
    chars = _number(diagnosis, "excerpt_chars", "rules.diagnosis", 40, 600, problems)
    requires = diagnosis.get("requires_any", [])
    if not isinstance(requires, list) or not all(
        isinstance(item_id, str) and checklist.item(item_id) for item_id in requires
    ):
        problems.append(
            Problem(
                "rules.diagnosis.requires_any", f"expected a list of item ids from {checklist.id!r}"
            )
        )
        requires = []
    raw_causes = raw.get("causes")
    if not isinstance(raw_causes, list):
        problems.append(Problem("rules.causes", "expected a list of causes"))
        raw_causes = []
    causes = [
        _cause(cause, f"rules.causes[{index}]", checklist, problems)
        for index, cause in enumerate(raw_causes)
    ]
    named = [cause.get("id") for cause in raw_causes if isinstance(cause, Mapping)]
    for cause_id in CAUSE_IDS:
        if named.count(cause_id) > 1:
            problems.append(Problem("rules.causes", f"cause {cause_id!r} appears more than once"))
        elif cause_id not in named:
            problems.append(Problem("rules.causes", f"missing cause {cause_id!r}"))
    if problems:
        raise InputError(problems)
    return Rules(
        cap=cap,
        leading_min_weight=min_weight,
        leading_margin=margin,
        excerpt_chars=int(chars),
        requires_any=tuple(requires),
        causes=tuple(cause for cause in causes if cause is not None),
    )


# ----------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Finding:
    """One signal that matched, with its evidence already quoting the answer."""

    weight: float
    text: str


@dataclass(frozen=True)
class Scored:
    cause: Cause
    score: float
    weight: float
    findings: tuple[Finding, ...]


def _mention(text: str, words: tuple[str, ...]) -> str | None:
    lowered = text.lower()
    for word in words:
        if re.search(r"(?<!\w)" + re.escape(word), lowered):
            return word
    return None


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Substitute placeholders; answer text is inserted as-is and never parsed as a template."""
    return template.format_map({name: values.get(name, "") for name in PLACEHOLDERS})


def match(signal: Signal, form: Form, excerpt_chars: int) -> Finding | None:
    item = form.checklist.item(signal.item)
    if item is None:
        return None
    value = form.value(signal.item)
    fields: dict[str, str] = {"label": item.label}
    matched = False
    if signal.test == "equals":
        matched = value == signal.expected
        fields["label"] = fields["value"] = form.option_label(signal.item, str(signal.expected))
    elif signal.test == "includes":
        matched = isinstance(value, list) and signal.expected in value
        fields["label"] = fields["value"] = form.option_label(signal.item, str(signal.expected))
    elif signal.test == "checked":
        matched = value is signal.expected
    elif signal.test in ("at_least", "at_most"):
        number = form.number(signal.item)
        if number is not None:
            matched = (
                number >= signal.expected
                if signal.test == "at_least"
                else number <= signal.expected
            )
            fields["value"] = f"{number:g}"
    else:
        text = form.text(signal.item)
        if signal.test == "answered":
            matched = bool(text)
            fields["excerpt"] = excerpt(text, excerpt_chars)
        else:
            word = _mention(text, signal.expected) if text else None
            matched = word is not None
            if word is not None:
                fields["match"] = word
                fields["excerpt"] = excerpt(text, excerpt_chars, keyword=word)
        fields["value"] = fields.get("excerpt", "")
    if not matched:
        return None
    return Finding(signal.weight, _fill(signal.evidence, fields))


def has_enough(rules: Rules, form: Form) -> bool:
    if not rules.requires_any:
        return True
    return any(form.value(item_id) not in (None, "", []) for item_id in rules.requires_any)


def _hundredths(scores: list[float]) -> list[int]:
    """Shares of 100 that add up to exactly 100, by largest remainder, so rounding never shows 99%."""
    total = sum(scores)
    raw = [100 * score / total for score in scores]
    floors = [math.floor(share) for share in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for index in order[: 100 - sum(floors)]:
        floors[index] += 1
    return floors


def score(rules: Rules, form: Form) -> list[Scored]:
    """Per cause: matched evidence, clamped score and normalized weight, best first.

    Ties keep the order of the causes in the rules file, so the ranking is
    stable and a recruiter can read why one cause comes before another.
    """
    enough = has_enough(rules, form)
    results: list[tuple[Cause, float, tuple[Finding, ...]]] = []
    for cause in rules.causes:
        findings = tuple(
            finding
            for signal in cause.signals
            if enough and (finding := match(signal, form, rules.excerpt_chars)) is not None
        )
        total = sum(finding.weight for finding in findings)
        results.append((cause, float(min(max(total, 0.0), rules.cap)), findings))
    scores = [clamped for _, clamped, _ in results]
    shares = _hundredths(scores) if sum(scores) > 0 else [0] * len(scores)
    scored = [
        Scored(cause, round(clamped, 4), share / 100, findings)
        for (cause, clamped, findings), share in zip(results, shares, strict=True)
    ]
    order = {cause.id: index for index, cause in enumerate(rules.causes)}
    return sorted(scored, key=lambda s: (-s.weight, -s.score, order[s.cause.id]))


def leading(rules: Rules, scored: list[Scored]) -> list[str]:
    """The top cause, plus any close behind it that carry real weight."""
    if not scored or scored[0].weight <= 0:
        return []
    top = scored[0].weight
    return [scored[0].cause.id] + [
        s.cause.id
        for s in scored[1:]
        if s.weight > 0
        and s.weight >= rules.leading_min_weight
        and top - s.weight <= rules.leading_margin + 1e-9
    ]
