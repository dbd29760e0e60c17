from __future__ import annotations

import json
from typing import Any

import pytest

from py_widgets import api

from .fixture_cases import assert_subset, cases, definition


@pytest.mark.parametrize(("name", "case"), cases("api"))
def test_api_scenarios(name: str, case: dict[str, Any]) -> None:
    output = json.loads(api.run_json(case["widget"], case["payload"]))
    assert_subset(case["expected"], output)


def test_round_trip_through_json_matches_direct_call() -> None:
    payload = {"definition": definition("small"), "answers": {"notes": True}}
    direct = api.run("progress", payload)
    assert json.loads(api.run_json("progress", json.dumps(payload))) == direct
    assert direct["ok"] is True
    assert direct["output"]["progress"]["done"] == 1


@pytest.mark.parametrize("name", sorted(api.WIDGETS))
def test_every_registered_widget_resolves(name: str) -> None:
    assert callable(api._resolve(name))
