"""Load and validate every checklist definition in ``checklists/``.

Validation runs twice on purpose: the JSON Schema catches shape errors with a
precise path, and the py_widgets model catches what a schema cannot express
(duplicate ids). Both report ``file: path: what was expected`` so an author can
fix a definition without reading any code.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from py_widgets import debrief_rules
from py_widgets.checklist import Checklist, parse_definition
from py_widgets.problems import InputError

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST_DIR = ROOT / "checklists"
SCHEMA_PATH = CHECKLIST_DIR / "schema.json"

# The widget code that reads each checklist's ``<id>.rules.toml``. The build checks a rules file
# with the very parser the browser will run, so a bad weight or a renamed item id fails the build
# with its path instead of failing a visitor's analysis.
RULES_PARSERS: dict[str, Callable[[Any, Checklist], object]] = {
    "recruiter-360-debrief": debrief_rules.parse_rules,
}


@dataclass(frozen=True)
class LoadedChecklist:
    source: Path
    raw: dict[str, Any]
    model: Checklist
    rules: dict[str, Any] | None = None
    """Tunable rule data from ``<id>.rules.toml`` beside the definition, if there is one."""


class ChecklistFileError(ValueError):
    """Every problem in every definition file, one line each."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


def _json_path(parts: Any) -> str:
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _schema_messages(label: str, raw: Any, validator: Draft202012Validator) -> list[str]:
    messages = []
    for error in sorted(validator.iter_errors(raw), key=lambda e: list(map(str, e.absolute_path))):
        where = _json_path(error.absolute_path) or "(top level)"
        messages.append(f"{label}: {where}: {error.message}")
    return messages


def load_file(path: Path, validator: Draft202012Validator | None = None) -> LoadedChecklist:
    """Parse and validate one definition, raising :class:`ChecklistFileError` with every problem."""
    validator = validator or Draft202012Validator(json.loads(SCHEMA_PATH.read_text("utf-8")))
    label = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ChecklistFileError([f"{label}: not valid TOML: {error}"]) from error
    messages = _schema_messages(label, raw, validator)
    try:
        model = parse_definition(raw)
    except InputError as error:
        messages += [f"{label}: {p.path or '(top level)'}: {p.message}" for p in error.problems]
        model = None
    if raw.get("id") and raw["id"] != path.stem:
        messages.append(f"{label}: id: expected {path.stem!r} to match the file name")
    # The schema and the model often report the same fault; say it once.
    messages = list(dict.fromkeys(messages))
    rules = None
    rules_path = path.with_name(f"{path.stem}.rules.toml")
    if rules_path.is_file():
        rules_label = f"{label.removesuffix('.toml')}.rules.toml"
        try:
            rules = tomllib.loads(rules_path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            messages.append(f"{rules_label}: not valid TOML: {error}")
        else:
            messages += _rules_messages(rules_label, path.stem, rules, model)
    if messages or model is None:
        raise ChecklistFileError(messages)
    return LoadedChecklist(path, raw, model, rules)


def _rules_messages(
    label: str, checklist_id: str, rules: Any, model: Checklist | None
) -> list[str]:
    parser = RULES_PARSERS.get(checklist_id)
    if parser is None:
        return [
            f"{label}: (top level): no widget reads rules for {checklist_id!r}; remove the file"
        ]
    if model is None:
        return []  # the rules refer to items; fix the checklist first
    try:
        parser(rules, model)
    except InputError as error:
        # The parser names paths from the widget's payload ("rules.causes[0]"); in the file
        # itself the same key is "causes[0]".
        return [
            f"{label}: {p.path.removeprefix('rules').lstrip('.') or '(top level)'}: {p.message}"
            for p in error.problems
        ]
    return []


def load_all(directory: Path = CHECKLIST_DIR) -> dict[str, LoadedChecklist]:
    validator = Draft202012Validator(json.loads(SCHEMA_PATH.read_text("utf-8")))
    loaded: dict[str, LoadedChecklist] = {}
    messages: list[str] = []
    for path in sorted(directory.glob("*.toml")):
        if path.name.endswith(".rules.toml"):
            continue  # rule tables for a widget, loaded beside their checklist
        try:
            checklist = load_file(path, validator)
        except ChecklistFileError as error:
            messages += error.messages
            continue
        loaded[checklist.model.id] = checklist
    if messages:
        raise ChecklistFileError(messages)
    return loaded
