"""The one entry point the browser calls: run widget W on JSON input, get JSON output.

JSON strings cross the worker boundary instead of Pyodide proxies so that no
Python object outlives a call (no proxy leaks across hundreds of recomputes)
and so the bridge stays a few lines of data plumbing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from py_widgets import progress
from py_widgets.problems import InputError

Widget = Callable[[dict[str, Any]], dict[str, Any]]

WIDGETS: dict[str, Widget] = {
    "progress": progress.compute,
}


def run(widget: str, payload: Any) -> dict[str, Any]:
    """Run one widget; input problems come back as data, never as a traceback on the page."""
    compute = WIDGETS.get(widget)
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
