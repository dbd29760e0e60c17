"""Prove py_widgets on the interpreter that visitors actually run: Python 3.14 on wasm."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from scripts import wheels
from tests.support import ROOT


@pytest.mark.runtime
def test_unit_suite_passes_inside_pyodide() -> None:
    settings = wheels.project_settings()
    test_wheels = [wheels.cached_wheel(req) for req in settings["pyodide-test-wheels"]]  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as build_dir:
        test_wheels += [
            wheels.cached_wheel(req)
            for req in [*settings["browser-wheels"], *wheels.lazy_requirements(settings)]
        ]  # type: ignore[attr-defined]
        own = wheels.build_py_widgets_wheel(Path(build_dir), str(settings["version"]))
        result = subprocess.run(
            [
                "node",
                "tests/runtime/run_in_pyodide.mjs",
                "tests/unit",
                *map(str, test_wheels),
                str(own),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    output = result.stdout + result.stderr
    assert "on emscripten" in output, output
    assert result.returncode == 0, output
    assert " passed" in output, output
    assert "failed" not in output, output
