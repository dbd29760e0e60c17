"""``scripts/bench.py --smoke --levers``: one run of every measurement, so the harness cannot rot.

Timings are never asserted (the machines are shared and noisy); what is
checked is that every figure the harness promises was actually measured, and
the facts that do not depend on timing: content pages fetch no Pyodide, and
pre-compressed copies really shrink what is sent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    result = subprocess.run(
        [sys.executable, "scripts/bench.py", "--smoke", "--levers", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return json.loads(out.read_text("utf-8")), result.stdout


def only(samples: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(samples) == 1, "smoke mode runs everything exactly once"
    return samples[0]


def test_every_contender_produced_a_first_result(smoke: tuple[dict[str, Any], str]) -> None:
    report, _ = smoke
    groups = report["contenders"]
    timed = [name for name, group in groups.items() if group != "content"]
    assert {"ours", "floor", "peer", "lever", "boot"} <= set(groups.values())
    for name in timed:
        sample = only(report["cold"][name])
        assert (sample["result_ms"] or 0) > 0, name
        assert sample["bytes_pyodide"] > 0, f"{name} never loaded Pyodide"
    for name, samples in report["warm"].items():
        if groups.get(name) == "ours":
            assert only(samples)["result_ms"] > 0


def test_content_pages_paint_without_any_pyodide(smoke: tuple[dict[str, Any], str]) -> None:
    report, _ = smoke
    content = [name for name, group in report["contenders"].items() if group == "content"]
    assert len(content) >= 2
    for name in content:
        sample = only(report["cold"][name])
        assert sample["fcp_ms"]
        assert sample["fcp_ms"] > 0
        assert sample["bytes_total"] > 0
        assert sample["bytes_pyodide"] == 0, f"{name} fetched Pyodide"


def test_precompressed_copies_shrink_what_is_sent(smoke: tuple[dict[str, Any], str]) -> None:
    report, _ = smoke
    plain = only(report["cold"]["follow-up planner"])["bytes_total"]
    compressed = only(report["cold"]["served from the .br/.gz copies"])["bytes_total"]
    assert compressed < plain * 0.6


def test_recompute_lighthouse_build_and_tables_are_reported(
    smoke: tuple[dict[str, Any], str],
) -> None:
    report, stdout = smoke
    assert all(report["recompute"][name] for name in report["recompute"])
    assert report["build"]
    assert report["build"][0] > 0
    assert report["lighthouse"], "Lighthouse produced no scores"
    for scores in report["lighthouse"].values():
        for category in ("performance", "accessibility", "best-practices", "seo"):
            assert 0 <= scores[category] <= 100
    for heading in (
        "## Widget pages",
        "## Content pages",
        "## Peers",
        "## Levers",
        "## Lighthouse",
    ):
        assert heading in stdout
    assert "ours / theirs" in stdout
