"""Trimmed browser wheels: smaller, still valid, and stable enough to keep the caches warm."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from scripts import trim_wheels, wheels


def make_wheel(path: Path, files: dict[str, bytes]) -> Path:
    record = "".join(f"{name},sha256=x,{len(data)}\n" for name, data in files.items())
    record += "demo-1.0.dist-info/RECORD,,\n"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in {**files, "demo-1.0.dist-info/RECORD": record.encode()}.items():
            archive.writestr(zipfile.ZipInfo(name, (2020, 1, 2, 3, 4, 6)), data)
    return path


FILES = {
    "demo/__init__.py": b"VALUE = 1\n",
    "demo/tests/__init__.py": b"",
    "demo/tests/test_demo.py": b"def test(): pass\n",
    "demo/testsuite.py": b"# not under demo/tests/, so kept\n",
    "demo-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\n",
}


def record_names(archive: zipfile.ZipFile) -> set[str]:
    text = archive.read("demo-1.0.dist-info/RECORD").decode()
    return {row[0] for row in csv.reader(io.StringIO(text)) if row}


def test_trim_drops_the_prefix_and_keeps_record_consistent(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path / "demo-1.0-py3-none-any.whl", FILES)
    out = trim_wheels.trim(wheel, ["demo/tests/"], tmp_path / "out")
    assert out.name == wheel.name
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        assert names == {
            "demo/__init__.py",
            "demo/testsuite.py",
            "demo-1.0.dist-info/WHEEL",
            "demo-1.0.dist-info/RECORD",
        }
        assert record_names(archive) == names
        assert archive.read("demo/__init__.py") == b"VALUE = 1\n"


def test_trim_is_byte_for_byte_stable(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path / "demo-1.0-py3-none-any.whl", FILES)
    first = trim_wheels.trim(wheel, ["demo/tests/"], tmp_path / "a").read_bytes()
    second = trim_wheels.trim(wheel, ["demo/tests/"], tmp_path / "b").read_bytes()
    assert first == second


def test_a_prefix_that_matches_nothing_is_an_error_not_a_silent_no_op(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path / "demo-1.0-py3-none-any.whl", FILES)
    with pytest.raises(ValueError, match="nothing matches"):
        trim_wheels.trim(wheel, ["demo/test/"], tmp_path / "out")


def test_only_listed_distributions_are_trimmed_and_copies_are_cached(tmp_path: Path) -> None:
    demo = make_wheel(tmp_path / "demo-1.0-py3-none-any.whl", FILES)
    other = make_wheel(tmp_path / "other-1.0-py3-none-any.whl", FILES)
    cache = tmp_path / "cache"
    result = trim_wheels.trimmed([demo, other], {"demo": ["demo/tests/"]}, cache)
    assert result[other] == other
    assert result[demo].is_relative_to(cache)
    stamp = result[demo].stat().st_mtime_ns
    again = trim_wheels.trimmed([demo, other], {"demo": ["demo/tests/"]}, cache)
    assert again[demo] == result[demo]
    assert again[demo].stat().st_mtime_ns == stamp, "a cached copy is reused, not rewritten"


def test_the_shipped_trim_list_matches_the_pinned_wheels() -> None:
    """Each configured prefix must still exist in the pinned wheel, or the list has gone stale."""
    settings = wheels.project_settings()
    rules = settings["browser-wheels-trim"]
    assert isinstance(rules, dict)
    assert rules
    pinned = {
        trim_wheels.distribution(wheels.cached_wheel(req)): wheels.cached_wheel(req)
        for req in wheels.lazy_requirements(settings)
    }
    for name, prefixes in rules.items():
        assert name in pinned, f"{name} is trimmed but is not a browser wheel"
        with zipfile.ZipFile(pinned[name]) as archive:
            for prefix in prefixes:
                assert any(entry.startswith(prefix) for entry in archive.namelist()), prefix
