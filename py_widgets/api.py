"""The one entry point the browser calls: run widget W on JSON input, get JSON output.

JSON strings cross the worker boundary instead of Pyodide proxies so that no
Python object outlives a call (no proxy leaks across hundreds of recomputes)
and so the bridge stays a few lines of data plumbing.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from typing import Any

from py_widgets import checklist_state
from py_widgets.checklist import parse_definition
from py_widgets.problems import InputError

Widget = Callable[[dict[str, Any]], dict[str, Any]]


def restore(payload: dict[str, Any]) -> dict[str, Any]:
    """Saved or shared state, checked against the definition the page has now."""
    return checklist_state.read_state(
        parse_definition(payload.get("definition")), payload.get("state")
    )


def import_file(payload: dict[str, Any]) -> dict[str, Any]:
    text = payload.get("text")
    checklist = parse_definition(payload.get("definition"))
    if not isinstance(text, str):
        return {"ok": False, "message": "Nothing to import."}
    return checklist_state.import_text(checklist, text)


# Widget name -> "module:function". Modules are imported on first use, so a
# page pays start-up time only for the widgets it actually runs.
WIDGETS: dict[str, str] = {
    "progress": "py_widgets.progress:compute",
    "restore": "py_widgets.api:restore",
    "import": "py_widgets.api:import_file",
    "render-markdown": "py_widgets.markdown_render:compute",
    "followup": "py_widgets.followup:compute",
    "followup-ics": "py_widgets.followup:calendar_file",
    "followup-markdown": "py_widgets.followup:markdown_file",
    "debrief-candidate": "py_widgets.debrief_views:candidate_view",
    "debrief-candidate-markdown": "py_widgets.debrief_views:candidate_markdown",
    "debrief-recruiter": "py_widgets.debrief_views:recruiter_view",
    "debrief-internal": "py_widgets.debrief_views:internal_markdown",
    "debrief-client-safe": "py_widgets.debrief_views:client_safe_markdown",
}


def _resolve(name: str) -> Widget | None:
    target = WIDGETS.get(name)
    if target is None:
        return None
    module_name, _, function = target.partition(":")
    widget: Widget = getattr(importlib.import_module(module_name), function)
    return widget


def preload_widgets() -> list[str]:
    """Import every widget module whose libraries are already installed.

    The browser calls this just before saving its start-up snapshot, so a
    later visit to any widget page starts with the modules it needs in
    memory. Modules that need a lazily fetched library (markdown-it, the
    calendar) are skipped rather than fetched: fetching stays on first use.
    """
    loaded = []
    for target in WIDGETS.values():
        module_name = target.partition(":")[0]
        try:
            importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        loaded.append(module_name)
    return sorted(set(loaded))


def run(widget: str, payload: Any) -> dict[str, Any]:
    """Run one widget; input problems come back as data, never as a traceback on the page."""
    compute = _resolve(widget)
    if compute is None:
        return {"ok": False, "error": f"unknown widget {widget!r}", "problems": []}
    if not isinstance(payload, dict):
        return {"ok": False, "error": "the widget input must be a JSON object", "problems": []}
    try:
        return {"ok": True, "output": compute(payload)}
    except InputError as error:
        return {
            "ok": False,
            "error": "the input could not be used",
            "problems": [problem.as_dict() for problem in error.problems],
        }


def run_json(widget: str, payload_json: str) -> str:
    try:
        payload = json.loads(payload_json)
    except (TypeError, ValueError) as error:
        result: dict[str, Any] = {"ok": False, "error": f"invalid JSON: {error}", "problems": []}
    else:
        result = run(widget, payload)
    return json.dumps(result, ensure_ascii=False)
