"""Precompiled copies of pure-Python wheels, made by Pyodide itself and cached.

Pyodide never writes bytecode, so without a ``.pyc`` in the wheel every page
load compiles every imported module from source. Only Pyodide's own Python
can write bytecode it accepts (the host Python is another version), so
``precompile_wheels.mjs`` boots it under Node. That costs about 2 s, so it
runs at most once per build and only for wheels missing from the cache; a
cached build only hashes the input wheels.

The cache key covers everything the output depends on: the input wheel's
bytes, the Pyodide version (bytecode format, zlib) and the script itself.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "precompile_wheels.mjs"
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide" / "package.json"
CACHE_DIR = ROOT / ".cache" / "pyc"
MODE = "sourceless"
"""``hash`` keeps each .py beside an unchecked-hash .pyc; ``sourceless`` ships the .pyc alone."""
TIMEOUT_S = 120
PRUNE_AFTER_S = 600


class PrecompileError(RuntimeError):
    """Node or Pyodide could not precompile a wheel; the message names the wheel(s)."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _runtime_key(mode: str) -> str:
    try:
        version = str(json.loads(PYODIDE_PACKAGE.read_text("utf-8"))["version"])
    except (OSError, ValueError, KeyError) as error:
        raise PrecompileError(
            f"cannot read the Pyodide version from {PYODIDE_PACKAGE} ({error}); run `npm ci`"
        ) from error
    return f"pyodide {version}\nscript {_sha256(SCRIPT)}\nmode {mode}\n"


def run_precompiler(wheels: list[Path], out_dir: Path, mode: str = MODE) -> dict[Path, Path]:
    """Run the Node script once over ``wheels``, uncached; raise naming every wheel that failed."""
    node = shutil.which("node")
    if node is None:
        raise PrecompileError(
            "Node.js is not on PATH, so these wheels cannot be precompiled: "
            + ", ".join(wheel.name for wheel in wheels)
        )
    command = [node, str(SCRIPT), f"--mode={mode}", "--out", str(out_dir), *map(str, wheels)]
    try:
        done = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise PrecompileError(
            f"precompiling timed out after {TIMEOUT_S} s: "
            + ", ".join(wheel.name for wheel in wheels)
        ) from error
    outputs: dict[Path, Path] = {}
    failures: list[str] = []
    for line in done.stdout.splitlines():
        if not line.startswith("{"):
            continue
        report = json.loads(line)
        if report["ok"]:
            outputs[Path(report["wheel"])] = Path(report["output"])
        else:
            failures.append(f"{Path(report['wheel']).name}: {report['error']}")
    failures += [
        f"{wheel.name}: no result from the precompiler"
        for wheel in wheels
        if wheel not in outputs and not any(f.startswith(f"{wheel.name}:") for f in failures)
    ]
    if failures:
        stderr = done.stderr.strip()
        detail = f"\n{stderr[-2000:]}" if stderr else ""
        raise PrecompileError(
            f"precompiling failed (node exit {done.returncode}):\n  "
            + "\n  ".join(failures)
            + detail
        )
    return outputs


def _prune(cache_dir: Path, fresh: set[Path]) -> None:
    """Drop older copies of the wheels just compiled, so editing py_widgets does not grow the cache.

    Only copies older than ``PRUNE_AFTER_S`` go: a build running at the same time
    (another site folder, say) may still be about to publish a recent one.
    """
    names = {path.name for path in fresh}
    cutoff = time.time() - PRUNE_AFTER_S
    for stale in cache_dir.glob("*/*.whl"):
        entry = stale.parent
        if (
            stale.name in names
            and stale not in fresh
            and not entry.name.startswith("tmp-")
            and entry.stat().st_mtime < cutoff
        ):
            shutil.rmtree(entry, ignore_errors=True)


def precompiled(wheels: list[Path], cache_dir: Path = CACHE_DIR) -> dict[Path, Path]:
    """Map each input wheel to its precompiled copy in ``cache_dir``, compiling only cache misses."""
    runtime = _runtime_key(MODE)
    targets = {
        wheel: cache_dir
        / hashlib.sha256(f"{_sha256(wheel)}\n{runtime}".encode()).hexdigest()[:32]
        / wheel.name
        for wheel in wheels
    }
    missing = [wheel for wheel, target in targets.items() if not target.is_file()]
    if missing:
        names = [wheel.name for wheel in missing]
        if len(set(names)) != len(names):
            raise PrecompileError(f"two different wheels share a file name: {sorted(names)}")
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache_dir, prefix="tmp-") as scratch:
            outputs = run_precompiler(missing, Path(scratch))
            for wheel in missing:
                targets[wheel].parent.mkdir(parents=True, exist_ok=True)
                # A rename, so an interrupted build never leaves a half-written cache entry.
                outputs[wheel].replace(targets[wheel])
        _prune(cache_dir, {targets[wheel] for wheel in missing})
    return targets
