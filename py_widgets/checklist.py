"""The checklist model: definitions, answers and progress, as plain data.

A definition is parsed from ``checklists/*.toml`` at build time and reaches the
browser as JSON, so this module never parses files itself. Items are addressed
by their stable ``id`` and never by position: a definition can be reordered or
extended without invalidating answers people saved days ago.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from py_widgets.problems import InputError, Problem

ITEM_KINDS = ("checkbox", "single", "multiple", "date", "number", "text")
AUDIENCES = ("candidate", "recruiter", "hiring-manager")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
DEFAULT_TEXT_LIMIT = 500

Answer = bool | str | float | int | list[str] | None


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    label: str
    section_id: str
    help: str = ""
    next: str = ""
    options: tuple[tuple[str, str], ...] = ()
    max_length: int = DEFAULT_TEXT_LIMIT
    minimum: float | None = None
    maximum: float | None = None
    links: tuple[str, ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Checklist:
    id: str
    version: int
    title: str
    audience: str
    sections: tuple[Section, ...]
    description: str = ""
    done_message: str = ""

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    def item(self, item_id: str) -> Item | None:
        return next((item for item in self.items if item.id == item_id), None)


@dataclass
class Answers:
    """Answers checked against a definition.

    ``set_aside`` keeps values for items the definition no longer has, so an
    edited checklist never silently throws away what someone wrote.
    """

    values: dict[str, Answer] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    set_aside: dict[str, Any] = field(default_factory=dict)


def _text(data: Mapping[str, Any], key: str, path: str, problems: list[Problem]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(f"{path}.{key}" if path else key, "expected a non-empty string"))
        return ""
    return value


def _optional_text(data: Mapping[str, Any], key: str, path: str, problems: list[Problem]) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        problems.append(Problem(f"{path}.{key}" if path else key, "expected a string"))
        return ""
    return value


def _identifier(data: Mapping[str, Any], path: str, problems: list[Problem]) -> str:
    value = data.get("id")
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        problems.append(
            Problem(
                f"{path}.id" if path else "id",
                "expected a lowercase id of letters, digits and hyphens, starting with a letter",
            )
        )
        return ""
    return value


def _number(data: Mapping[str, Any], key: str, path: str, problems: list[Problem]) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(Problem(f"{path}.{key}", "expected a number"))
        return None
    return float(value)


def _options(raw: Any, path: str, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(Problem(f"{path}.options", "expected a non-empty list of options"))
        return ()
    options: list[tuple[str, str]] = []
    for index, option in enumerate(raw):
        option_path = f"{path}.options[{index}]"
        if not isinstance(option, Mapping):
            problems.append(Problem(option_path, "expected a table with value and label"))
            continue
        value = option.get("value")
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            problems.append(Problem(f"{option_path}.value", "expected a lowercase id-like value"))
            continue
        options.append((value, _text(option, "label", option_path, problems)))
    values = [value for value, _ in options]
    if len(set(values)) != len(values):
        problems.append(Problem(f"{path}.options", "option values must be unique"))
    return tuple(options)


def _item(raw: Any, section_id: str, path: str, problems: list[Problem]) -> Item | None:
    if not isinstance(raw, Mapping):
        problems.append(Problem(path, "expected a table describing one item"))
        return None
    kind = raw.get("kind")
    if kind not in ITEM_KINDS:
        problems.append(Problem(f"{path}.kind", f"expected one of {', '.join(ITEM_KINDS)}"))
        return None
    links = raw.get("links", [])
    if not isinstance(links, list) or not all(isinstance(link, str) for link in links):
        problems.append(Problem(f"{path}.links", "expected a list of page paths"))
        links = []
    max_length = raw.get("max_length", DEFAULT_TEXT_LIMIT)
    if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 1:
        problems.append(Problem(f"{path}.max_length", "expected a positive whole number"))
        max_length = DEFAULT_TEXT_LIMIT
    optional = raw.get("optional", False)
    if not isinstance(optional, bool):
        problems.append(Problem(f"{path}.optional", "expected true or false"))
        optional = False
    return Item(
        id=_identifier(raw, path, problems),
        kind=kind,
        label=_text(raw, "label", path, problems),
        section_id=section_id,
        help=_optional_text(raw, "help", path, problems),
        next=_optional_text(raw, "next", path, problems),
        options=_options(raw.get("options"), path, problems)
        if kind in ("single", "multiple")
        else (),
        max_length=max_length,
        minimum=_number(raw, "min", path, problems),
        maximum=_number(raw, "max", path, problems),
        links=tuple(links),
        optional=optional,
    )


def parse_definition(data: Any) -> Checklist:
    """Turn raw definition data into a :class:`Checklist`, or raise with every problem found.

    All problems are collected before raising so that an author fixing a file
    sees the whole list at once instead of one error per build.
    """
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise InputError([Problem("", "expected a table at the top level")])
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problems.append(Problem("version", "expected a whole number of 1 or more"))
        version = 1
    audience = data.get("audience")
    if audience not in AUDIENCES:
        problems.append(Problem("audience", f"expected one of {', '.join(AUDIENCES)}"))
    raw_sections = data.get("sections")
    sections: list[Section] = []
    if not isinstance(raw_sections, list) or not raw_sections:
        problems.append(Problem("sections", "expected a non-empty list of sections"))
        raw_sections = []
    for s_index, raw_section in enumerate(raw_sections):
        s_path = f"sections[{s_index}]"
        if not isinstance(raw_section, Mapping):
            problems.append(Problem(s_path, "expected a table describing one section"))
            continue
        section_id = _identifier(raw_section, s_path, problems)
        raw_items = raw_section.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            problems.append(Problem(f"{s_path}.items", "expected a non-empty list of items"))
            raw_items = []
        items = [
            _item(raw_item, section_id, f"{s_path}.items[{i_index}]", problems)
            for i_index, raw_item in enumerate(raw_items)
        ]
        sections.append(
            Section(
                id=section_id,
                title=_text(raw_section, "title", s_path, problems),
                items=tuple(item for item in items if item is not None),
            )
        )
    checklist = Checklist(
        id=_identifier(data, "", problems),
        version=version,
        title=_text(data, "title", "", problems),
        audience=str(audience),
        sections=tuple(sections),
        description=_optional_text(data, "description", "", problems),
        done_message=_optional_text(data, "done_message", "", problems),
    )
    problems.extend(_duplicate_ids(checklist))
    if problems:
        raise InputError(problems)
    return checklist


def _duplicate_ids(checklist: Checklist) -> list[Problem]:
    """Item ids key saved answers, so two items sharing one would silently share an answer."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for s_index, section in enumerate(checklist.sections):
        for i_index, item in enumerate(section.items):
            path = f"sections[{s_index}].items[{i_index}].id"
            if item.id and item.id in seen:
                problems.append(
                    Problem(path, f"duplicate item id {item.id!r} (first at {seen[item.id]})")
                )
            seen.setdefault(item.id, path)
    section_ids = [section.id for section in checklist.sections]
    for s_index, section_id in enumerate(section_ids):
        if section_id and section_ids.index(section_id) != s_index:
            problems.append(
                Problem(f"sections[{s_index}].id", f"duplicate section id {section_id!r}")
            )
    return problems


def _coerce(item: Item, value: Any) -> tuple[Answer, str | None]:
    """Return the cleaned value and, when it cannot be used, a message for the person who typed it.

    Unusable values are returned unchanged alongside the message, so nothing
    the user entered disappears before they have seen why it was refused.
    """
    if value is None or value == "" or value == []:
        return None, None
    if item.kind == "checkbox":
        if isinstance(value, bool):
            return value, None
        if value in ("on", "true", "yes"):
            return True, None
        return value, "expected ticked or not ticked"
    if item.kind == "single":
        allowed = {option for option, _ in item.options}
        if isinstance(value, str) and value in allowed:
            return value, None
        return value, "pick one of the listed options"
    if item.kind == "multiple":
        allowed = {option for option, _ in item.options}
        if isinstance(value, list) and all(isinstance(v, str) and v in allowed for v in value):
            return [option for option, _ in item.options if option in value], None
        return value, "pick from the listed options"
    if item.kind == "date":
        return _coerce_date(value)
    if item.kind == "number":
        return _coerce_number(item, value)
    if not isinstance(value, str):
        return value, "expected text"
    if len(value) > item.max_length:
        return value, f"keep this under {item.max_length} characters (it has {len(value)})"
    return value, None


def _coerce_date(value: Any) -> tuple[Answer, str | None]:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat(), None
        except ValueError:
            pass
    return value, "enter a real date, for example 2026-11-23"


def _coerce_number(item: Item, value: Any) -> tuple[Answer, str | None]:
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = None
    if number is None or not math.isfinite(number):
        return value, "enter a number, for example 3"
    if item.minimum is not None and number < item.minimum:
        return value, f"enter a number of at least {item.minimum:g}"
    if item.maximum is not None and number > item.maximum:
        return value, f"enter a number of at most {item.maximum:g}"
    return (int(number) if number.is_integer() else number), None


def check_answers(checklist: Checklist, raw: Any) -> Answers:
    """Validate saved or typed answers against the current definition, losing nothing."""
    result = Answers()
    if not isinstance(raw, Mapping):
        result.problems.append(Problem("", "answers should be a table of item id to value"))
        return result
    for key, value in raw.items():
        item = checklist.item(str(key))
        if item is None:
            result.set_aside[str(key)] = value
            continue
        cleaned, message = _coerce(item, value)
        if message is None:
            if cleaned is not None:
                result.values[item.id] = cleaned
        else:
            result.problems.append(Problem(item.id, message))
    return result


def is_answered(item: Item, value: Answer) -> bool:
    if item.kind == "checkbox":
        return value is True
    return value not in (None, "", [])


def _share(done: int, total: int) -> dict[str, int]:
    # Half rounds up (1 of 8 is 13%, not banker's 12%), which is what people expect to see.
    percent = (200 * done + total) // (2 * total) if total else 100
    return {"done": done, "total": total, "percent": percent}


def progress(checklist: Checklist, answers: Answers) -> dict[str, Any]:
    """Progress overall and per section; optional items count only once answered."""
    sections = []
    overall_done = overall_total = 0
    for section in checklist.sections:
        done = total = 0
        for item in section.items:
            answered = is_answered(item, answers.values.get(item.id))
            if item.optional and not answered:
                continue
            total += 1
            done += answered
        overall_done += done
        overall_total += total
        sections.append({"id": section.id, "title": section.title, **_share(done, total)})
    return {**_share(overall_done, overall_total), "sections": sections}
