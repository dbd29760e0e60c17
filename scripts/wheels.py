"""Build the py_widgets wheel and publish browser wheels with sha256 integrity.

The wheel is written by hand rather than by pip: a pure-Python wheel is a zip
with three metadata files, and building it in-process keeps ``mkdocs build``
fast and byte-for-byte reproducible (fixed timestamps, sorted entries). Wheel
files land in a folder named after their hash, so a changed wheel always has a
new URL and a stale browser cache can never fail the integrity check.

Published wheels carry bytecode instead of source (``scripts/pyc.py``): Pyodide
never writes .pyc files, so otherwise every page load compiles every imported
module again. ``scripts/bench_pyc.py`` measures what that saves.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import sys
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from scripts import pyc, trim_wheels

ROOT = Path(__file__).resolve().parent.parent
WHEEL_CACHE = ROOT / ".cache" / "wheels"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class PublishedWheel:
    name: str
    url: str
    sha256: str
    size: int
    provides: tuple[str, ...] = ()
    """Top-level import names, so the worker knows which lazy wheel a missing module needs."""

    @property
    def integrity(self) -> str:
        return "sha256-" + base64.b64encode(bytes.fromhex(self.sha256)).decode()


def project_settings() -> dict[str, object]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return {"version": data["project"]["version"], **data["tool"]["irp"]}


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _zip_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def build_py_widgets_wheel(out_dir: Path, version: str) -> Path:
    """Write ``py_widgets-<version>-py3-none-any.whl`` into ``out_dir`` and return its path."""
    package = ROOT / "py_widgets"
    dist_info = f"py_widgets-{version}.dist-info"
    entries: list[tuple[str, bytes]] = [
        (path.relative_to(ROOT).as_posix(), path.read_bytes())
        for path in sorted(package.rglob("*"))
        if path.is_file()
        and path.suffix in (".py", ".json", ".toml")
        and "__pycache__" not in path.parts
    ]
    entries.append(
        (
            f"{dist_info}/METADATA",
            f"Metadata-Version: 2.1\nName: py-widgets\nVersion: {version}\n".encode(),
        )
    )
    entries.append(
        (
            f"{dist_info}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: irp-scripts\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
    )
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in entries)
    record += f"{dist_info}/RECORD,,\n"
    entries.append((f"{dist_info}/RECORD", record.encode()))
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel_path = out_dir / f"py_widgets-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel_path, "w") as archive:
        for name, data in entries:
            _zip_entry(archive, name, data)
    return wheel_path


def cached_wheel(requirement: str, cache: Path = WHEEL_CACHE) -> Path:
    """Find the downloaded wheel for a pinned ``name==version`` requirement."""
    name, _, version = requirement.partition("==")
    stem = name.lower().replace("-", "_")
    for candidate in sorted(cache.glob("*.whl")):
        wheel_name, wheel_version = candidate.name.split("-")[:2]
        if wheel_name.lower() == stem and wheel_version == version:
            return candidate
    raise FileNotFoundError(
        f"wheel {requirement} is not in {cache.relative_to(ROOT)}; "
        "run `bash scripts/dev.sh serve` (or `bash scripts/dev.sh setup`) to download it"
    )


def top_level_names(wheel: Path) -> tuple[str, ...]:
    with zipfile.ZipFile(wheel) as archive:
        roots = {name.split("/")[0] for name in archive.namelist()}
    # A precompiled single-module wheel has ``name.pyc`` (sourceless) or a root
    # ``__pycache__`` (beside ``name.py``) instead of, or next to, ``name.py``.
    return tuple(
        sorted(
            {
                root.removesuffix(".pyc").removesuffix(".py")
                for root in roots
                if not root.endswith((".dist-info", ".data"))
                and root != "__pycache__"
                and (root.endswith((".py", ".pyc")) or "." not in root)
            }
        )
    )


def publish(wheel: Path, wheels_dir: Path) -> PublishedWheel:
    data = wheel.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    target = wheels_dir / sha[:16] / wheel.name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(wheel, target)
    return PublishedWheel(
        wheel.name, f"{sha[:16]}/{wheel.name}", sha, len(data), top_level_names(wheel)
    )


def _entry(wheel: PublishedWheel) -> dict[str, object]:
    return {
        "name": wheel.name,
        "url": wheel.url,
        "sha256": wheel.sha256,
        "integrity": wheel.integrity,
        "size": wheel.size,
        "provides": list(wheel.provides),
    }


def publish_browser_wheels(site_dir: Path, build_dir: Path) -> list[PublishedWheel]:
    """Put every wheel the browser needs under ``assets/wheels`` and write ``manifest.json``."""
    settings = project_settings()
    wheels_dir = site_dir / "assets" / "wheels"
    if wheels_dir.exists():
        shutil.rmtree(wheels_dir)
    own = build_py_widgets_wheel(build_dir, str(settings["version"]))
    eager = [cached_wheel(str(req)) for req in _list(settings, "browser-wheels")]
    groups = settings.get("browser-wheels-lazy", {})
    lazy = [
        (group, cached_wheel(str(req)))
        for group, reqs in (groups.items() if isinstance(groups, dict) else [])
        for req in reqs
    ]
    sources = [*eager, own, *(source for _, source in lazy)]
    slim = trim_wheels.trimmed(sources, _trim_rules(settings))
    compiled = _precompiled_or_plain([slim[source] for source in sources])
    browser_ready = {source: compiled[slim[source]] for source in sources}
    published = [publish(browser_ready[source], wheels_dir) for source in [*eager, own]]
    published_lazy = [(group, publish(browser_ready[source], wheels_dir)) for group, source in lazy]
    manifest = {
        "wheels": [_entry(w) for w in published],
        "lazy": [{**_entry(w), "group": group} for group, w in published_lazy],
    }
    (wheels_dir / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")
    return published + [wheel for _, wheel in published_lazy]


def _precompiled_or_plain(sources: list[Path]) -> dict[Path, Path]:
    """Precompiled copies, or the plain wheels with a warning if Node or Pyodide cannot make them.

    Plain wheels behave the same and are only slower to import, so a broken
    precompile step costs speed, never the site. ``IRP_PRECOMPILE=0`` skips the
    step, for example to keep ``mkdocs serve`` rebuilds quick while editing py_widgets.
    """
    if os.environ.get("IRP_PRECOMPILE", "1") == "0":
        return {source: source for source in sources}
    try:
        return pyc.precompiled(sources)
    except pyc.PrecompileError as error:
        # Not through MkDocs' logger: under --strict a warning there would fail the build.
        print(f"WARNING -  publishing plain wheels, not precompiled ones: {error}", file=sys.stderr)
        return {source: source for source in sources}


def missing_downloads() -> list[str]:
    """Every pinned wheel (browser, lazy and in-Pyodide test) not yet in the cache, for dev.sh."""
    settings = project_settings()
    wanted = [
        *_list(settings, "browser-wheels"),
        *lazy_requirements(settings),
        *_list(settings, "pyodide-test-wheels"),
    ]
    missing = []
    for requirement in wanted:
        try:
            cached_wheel(requirement)
        except FileNotFoundError:
            missing.append(requirement)
    return missing


def lazy_requirements(settings: dict[str, object]) -> list[str]:
    groups = settings.get("browser-wheels-lazy", {})
    return [
        str(req) for reqs in (groups.values() if isinstance(groups, dict) else []) for req in reqs
    ]


def _trim_rules(settings: dict[str, object]) -> dict[str, list[str]]:
    rules = settings.get("browser-wheels-trim", {})
    if not isinstance(rules, dict):
        return {}
    return {str(name): [str(prefix) for prefix in prefixes] for name, prefixes in rules.items()}


def _list(settings: dict[str, object], key: str) -> list[str]:
    value = settings.get(key, [])
    return [str(item) for item in value] if isinstance(value, list) else []
