"""Lever experiment: Pyodide memory snapshots for warm loads, measured in Chromium.

Pyodide 314 can save its whole wasm memory after start-up
(``loadPyodide({_makeSnapshot: true})`` then ``makeMemorySnapshot()``) and
start from it later (``_loadSnapshot``), skipping interpreter start-up and our
imports. Both options are private (``@ignore`` in Pyodide's types), so this
stays an experiment outside the product until it proves itself: a worker
that, on the first visit, saves a snapshot to Cache Storage and, on later
visits, boots from it, against the same worker booting normally. Both run in
one persistent profile (warm HTTP cache), interleaved.

    .venv/bin/python scripts/bench_snapshot.py --site /tmp/site --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from scripts.bench_measure import wait_until  # noqa: E402
from scripts.bench_server import BENCH_FILES, BenchHandler  # noqa: E402
from tests.support import CHROMIUM_ARGS, SITE, serve, system_chromium  # noqa: E402

PAGE = """<!doctype html><html lang="en"><title>snapshot</title><body><p id="out">loading</p>
<script type="module" src="snapshot-page.js"></script></body></html>"""

PAGE_JS = """const mode = new URLSearchParams(location.search).get("mode");
const worker = new Worker(`snapshot-worker.js?mode=${mode}`, { type: "module" });
worker.onmessage = ({ data }) => {
  const out = document.getElementById("out");
  if (data.type === "ready") { performance.mark("irp:python-ready"); out.dataset.snapshot = data.fromSnapshot; return; }
  if (data.type === "error") { out.textContent = data.message; out.dataset.error = "1"; return; }
  out.textContent = data.text;
  out.dataset.done = "1";
  performance.mark("irp:first-result");
};
"""

WORKER_JS = """import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
const mode = new URL(import.meta.url).searchParams.get("mode");
const assets = new URL("../assets/", import.meta.url);
const indexURL = new URL("pyodide/", assets).href;
const KEY = new URL("__snapshot__/v1", assets).href;

async function wheels() {
  const manifestURL = new URL("wheels/manifest.json", assets);
  const manifest = await (await fetch(manifestURL)).json();
  return Promise.all(manifest.wheels.map(async (w) =>
    (await fetch(new URL(w.url, manifestURL), { integrity: w.integrity })).arrayBuffer()));
}

const IMPORTS = "import py_widgets.api, py_widgets.progress, py_widgets.followup";

try {
  let py = null;
  let fromSnapshot = false;
  const snapshots = mode.startsWith("snapshot");
  const gz = mode === "snapshot-gz";
  const key = KEY + mode;
  const cache = snapshots ? await caches.open("irp-bench-snapshot") : null;
  const saved = cache ? await cache.match(key) : undefined;
  if (saved) {
    const body = gz ? saved.body.pipeThrough(new DecompressionStream("gzip")) : saved.body;
    py = await loadPyodide({ indexURL, _loadSnapshot: new Uint8Array(await new Response(body).arrayBuffer()) });
    fromSnapshot = true;
  } else {
    const fetched = wheels();
    py = await loadPyodide({ indexURL, _makeSnapshot: snapshots });
    const purelib = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
    for (const bytes of await fetched) py.unpackArchive(bytes, "wheel", { extractDir: purelib });
    py.runPython(IMPORTS);
  }
  self.postMessage({ type: "ready", fromSnapshot });
  if (cache && !fromSnapshot) {
    const raw = new Response(py.makeMemorySnapshot());
    await cache.put(key, gz ? new Response(raw.body.pipeThrough(new CompressionStream("gzip"))) : raw);
  }
  py.runPython(IMPORTS);
  const text = py.runPython("import json; json.dumps(sorted(m for m in __import__('sys').modules if m.startswith('py_widgets')))");
  self.postMessage({ type: "result", text });
} catch (error) {
  self.postMessage({ type: "error", message: String(error && error.message || error) });
}
"""

BENCH_FILES.update(
    {
        "snapshot.html": (PAGE, "text/html"),
        "snapshot-page.js": (PAGE_JS, "text/javascript"),
        "snapshot-worker.js": (WORKER_JS, "text/javascript"),
    }
)

MARKS = """() => {
  const at = (n) => { const m = performance.getEntriesByName(n); return m.length ? m[0].startTime : null; };
  const out = document.getElementById("out");
  return { ready: at("irp:python-ready"), result: at("irp:first-result"),
           snapshot: out.dataset.snapshot === "true", error: out.dataset.error ? out.textContent : null };
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    samples: dict[str, list[dict[str, Any]]] = {"plain": [], "snapshot": [], "snapshot-gz": []}
    with (
        serve(args.site, BenchHandler) as base,
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory() as profile,
    ):
        options: dict[str, Any] = {"args": CHROMIUM_ARGS, "headless": True}
        if executable := system_chromium():
            options["executable_path"] = executable
        context = playwright.chromium.launch_persistent_context(profile, **options)

        def visit(mode: str) -> dict[str, Any]:
            page = context.new_page()
            try:
                page.goto(f"{base}__bench__/snapshot.html?mode={mode}")
                wait_until(
                    page,
                    "() => !!document.querySelector('#out[data-done], #out[data-error]')",
                    120_000,
                )
                marks: dict[str, Any] = page.evaluate(MARKS)
                if marks["error"]:
                    raise RuntimeError(f"{mode}: {marks['error']}")
                return marks
            finally:
                page.close()

        first = {
            mode: visit(mode) for mode in samples
        }  # primes the HTTP cache and saves the snapshot
        visit("plain")
        for _ in range(args.runs):
            for mode in samples:
                samples[mode].append(visit(mode))
        context.close()

    print(
        f"Warm loads, persistent profile, median of {args.runs} (first visit: plain {first['plain']['result']:.0f} ms,"
        f" snapshot-saving {first['snapshot']['result']:.0f} ms)"
    )
    for mode, runs in samples.items():
        used = sum(1 for run in runs if run["snapshot"])
        print(
            f"{mode:9} ready {statistics.median(r['ready'] for r in runs):6.0f} ms   "
            f"result {statistics.median(r['result'] for r in runs):6.0f} ms   booted from snapshot {used}/{len(runs)}"
        )
    plain = statistics.median(r["result"] for r in samples["plain"])
    for mode in ("snapshot", "snapshot-gz"):
        snap = statistics.median(r["result"] for r in samples[mode])
        print(f"ratio {mode} / plain: {snap / plain:.2f}")


if __name__ == "__main__":
    main()
