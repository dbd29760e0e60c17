"""Write ``.br`` and ``.gz`` copies next to every compressible file of the built site.

Hosts that serve pre-compressed files (nginx ``gzip_static``/``brotli_static``,
Caddy ``precompressed``, most CDNs' origin pulls) then send the Pyodide wasm as
2.7 MB of brotli instead of 9.6 MB, without compressing on every request, and
at brotli's best setting, which is far too slow to run per request. Hosts that
compress on the fly simply ignore the copies.

Brotli at quality 11 takes about 40 s for the wasm alone, so results are cached
by content hash in ``.cache/compressed``: only the first build on a machine
pays for the Pyodide core, and later builds stay well under a second.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "compressed"

# Already-compressed formats (zip, whl, png, woff2) gain under 2% and are skipped.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt", ".ics"}
SMALLEST = 1024  # below one network packet, compression saves nothing measurable
# Only keep a copy that saves at least this fraction, so hosts never serve a
# "compressed" file that is barely smaller than the original.
MIN_SAVING = 0.10


def _candidates(site: Path) -> Iterator[Path]:
    for path in sorted(site.rglob("*")):
        if path.suffix in COMPRESSIBLE and path.is_file() and path.stat().st_size >= SMALLEST:
            yield path


def _cached(data: bytes, kind: str, cache: Path) -> bytes:
    key = hashlib.sha256(data).hexdigest()
    cached = cache / f"{key}.{kind}"
    if cached.is_file():
        return cached.read_bytes()
    if kind == "br":
        out = bytes(brotli.compress(data, quality=11))
    else:
        out = gzip.compress(data, compresslevel=9, mtime=0)
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cached.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(out)
    temporary.replace(cached)
    return out


def _compress_one(path: Path, cache: Path) -> tuple[int, int, int]:
    data = path.read_bytes()
    sizes = [len(data), 0, 0]
    for index, kind in enumerate(("br", "gz"), start=1):
        out = _cached(data, kind, cache)
        target = path.with_name(f"{path.name}.{kind}")
        if len(out) <= len(data) * (1 - MIN_SAVING):
            target.write_bytes(out)
            sizes[index] = len(out)
        else:
            target.unlink(missing_ok=True)
    return sizes[0], sizes[1], sizes[2]


def write_compressed_copies(site: Path, cache: Path = CACHE) -> dict[str, int]:
    """Compress the site in place; returns byte totals for the build log and the benchmark."""
    paths = list(_candidates(site))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda path: _compress_one(path, cache), paths))
    return {
        "files": len(paths),
        "raw": sum(raw for raw, _, _ in results),
        "br": sum(br or raw for raw, br, _ in results),
        "gz": sum(gz or raw for raw, _, gz in results),
    }
