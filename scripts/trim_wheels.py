"""Copies of third-party wheels without the parts a browser never imports.

Some wheels ship their own test suite: icalendar's is half of its wheel and
more than 300 files, which every visitor who downloads a calendar would fetch,
verify and unpack for nothing. ``[tool.irp.browser-wheels-trim]`` in
``pyproject.toml`` lists, per distribution, folder prefixes to leave out.

A trimmed wheel is still a valid wheel: its RECORD lists exactly the files it
holds, so an installer that checks RECORD sees nothing missing. Entries keep
their original timestamps and order, so the output is byte-for-byte stable and
the precompile cache downstream (keyed on these bytes) keeps hitting.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / ".cache" / "trimmed"


def distribution(wheel: Path) -> str:
    """The normalised distribution name a wheel file is for (``python_dateutil`` style)."""
    return wheel.name.split("-")[0].lower().replace(".", "_")


def _record_name(names: Sequence[str]) -> str:
    records = [name for name in names if name.endswith(".dist-info/RECORD")]
    if len(records) != 1:
        raise ValueError(f"expected one .dist-info/RECORD, found {len(records)}")
    return records[0]


def _trimmed_record(record: bytes, kept: set[str]) -> bytes:
    rows = list(csv.reader(io.StringIO(record.decode("utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(row for row in rows if row and row[0] in kept)
    return out.getvalue().encode("utf-8")


def trim(wheel: Path, prefixes: Sequence[str], out_dir: Path) -> Path:
    """Write ``wheel`` without entries under ``prefixes`` into ``out_dir``, under the same name."""
    target = out_dir / wheel.name
    with zipfile.ZipFile(wheel) as source:
        infos = [
            info for info in source.infolist() if not info.filename.startswith(tuple(prefixes))
        ]
        if len(infos) == len(source.infolist()):
            raise ValueError(f"{wheel.name}: nothing matches {list(prefixes)}; fix the trim list")
        names = [info.filename for info in infos]
        record = _record_name(names)
        out_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        with zipfile.ZipFile(partial, "w") as archive:
            for info in infos:
                data = source.read(info)
                if info.filename == record:
                    data = _trimmed_record(data, set(names))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
        partial.replace(target)
    return target


def trimmed(
    wheels: Sequence[Path], rules: Mapping[str, Sequence[str]], cache: Path = CACHE_DIR
) -> dict[Path, Path]:
    """Map each wheel to its trimmed copy, or to itself when nothing is trimmed from it.

    Copies are cached under a folder named after the input's hash and the prefixes, so a
    new wheel version or a changed trim list makes a new copy and nothing stale survives.
    """
    result: dict[Path, Path] = {}
    for wheel in wheels:
        prefixes = rules.get(distribution(wheel))
        if not prefixes:
            result[wheel] = wheel
            continue
        key = hashlib.sha256(wheel.read_bytes() + "\n".join(prefixes).encode()).hexdigest()[:16]
        cached = cache / key / wheel.name
        result[wheel] = cached if cached.is_file() else trim(wheel, prefixes, cache / key)
    return result
