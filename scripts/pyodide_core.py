"""Copy the Pyodide runtime from the pinned npm package into the site.

Only the files a browser actually fetches are copied (no source maps, no
console pages, no 119 KB package lockfile: the project installs its wheels
itself, so the lockfile shipped to browsers carries only its ``info`` block).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "node_modules" / "pyodide"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")


class MissingRuntimeError(RuntimeError):
    pass


def pinned_version() -> str:
    return str(json.loads((ROOT / "package.json").read_text("utf-8"))["dependencies"]["pyodide"])


def check_installed(package_dir: Path = PACKAGE_DIR) -> str:
    """Return the installed version, or stop the build saying exactly what to run."""
    wanted = pinned_version()
    missing = [name for name in (*CORE_FILES, "package.json") if not (package_dir / name).is_file()]
    if missing:
        raise MissingRuntimeError(
            f"Pyodide core files are missing from {package_dir.relative_to(ROOT)} ({', '.join(missing)}). "
            "Run `npm ci` in the project folder, or use `bash scripts/dev.sh serve`, which does it for you."
        )
    installed = str(json.loads((package_dir / "package.json").read_text("utf-8"))["version"])
    if installed != wanted:
        raise MissingRuntimeError(
            f"node_modules has pyodide {installed} but package.json pins {wanted}. Run `npm ci`."
        )
    return installed


def copy_core(target: Path, package_dir: Path = PACKAGE_DIR) -> str:
    version = check_installed(package_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        source, destination = package_dir / name, target / name
        up_to_date = (
            destination.exists()
            and destination.stat().st_size == source.stat().st_size
            and destination.stat().st_mtime >= source.stat().st_mtime
        )
        if up_to_date:
            continue
        shutil.copy2(source, destination)
    lock = json.loads((package_dir / "pyodide-lock.json").read_text("utf-8"))
    trimmed = {"info": lock["info"], "packages": {}}
    (target / "pyodide-lock.json").write_text(json.dumps(trimmed), "utf-8")
    return version
