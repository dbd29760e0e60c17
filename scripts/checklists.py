"""Load and validate every checklist definition in ``checklists/``.

Validation runs twice on purpose: the JSON Schema catches shape errors with a
precise path, and the py_widgets model catches what a schema cannot express
(duplicate ids). Both report ``file: path: what was expected`` so an author can
fix a definition without reading any code.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from py_widgets.checklist import Checklist, parse_definition
from py_widgets.problems import InputError

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST_DIR = ROOT / "checklists"
SCHEMA_PATH = CHECKLIST_DIR / "schema.json"


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
        try:
            rules = tomllib.loads(rules_path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            messages.append(f"{label.removesuffix('.toml')}.rules.toml: not valid TOML: {error}")
    if messages or model is None:
        raise ChecklistFileError(messages)
    return LoadedChecklist(path, raw, model, rules)


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
