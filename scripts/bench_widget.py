"""Benchmark: what our wheels and bridge add on top of Pyodide's own boot.

Serves the built site on 127.0.0.1 and drives headless Chromium. Every run is
cold (a fresh browser context, so no HTTP cache). The widget page is measured
beside bare pages that only call ``loadPyodide()`` from the same files, in the
same run and interleaved, so that machine noise hits every contender alike.

    .venv/bin/python scripts/bench_widget.py --runs 7
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from tests.support import CHROMIUM_ARGS, SITE, QuietHandler, serve, system_chromium  # noqa: E402

WIDGET_PAGE = "checklists/right-after-interview/"

BARE_MAIN = """<!doctype html><html lang="en"><title>bare</title><body><p id="out">loading</p>
<script type="module">
import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("../assets/pyodide/", location).href });
performance.mark("irp:python-ready");
document.getElementById("out").textContent = py.runPython("str(6 * 7)");
performance.mark("irp:first-result");
</script></body></html>"""

BARE_WORKER = """<!doctype html><html lang="en"><title>bare worker</title><body><p id="out">loading</p>
<script type="module">
const worker = new Worker("bare-worker.js", { type: "module" });
worker.onmessage = ({ data }) => {
  if (data === "ready") { performance.mark("irp:python-ready"); return; }
  document.getElementById("out").textContent = data;
  performance.mark("irp:first-result");
};
</script></body></html>"""

BARE_WORKER_JS = """import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
self.postMessage("ready");
self.postMessage(py.runPython("str(6 * 7)"));
"""

BENCH_FILES = {
    "/__bench__/bare-main.html": (BARE_MAIN, "text/html"),
    "/__bench__/bare-worker.html": (BARE_WORKER, "text/html"),
    "/__bench__/bare-worker.js": (BARE_WORKER_JS, "text/javascript"),
}


class BenchHandler(QuietHandler):
    def do_GET(self) -> None:
        page = BENCH_FILES.get(self.path.split("?")[0])
        if page is None:
            super().do_GET()
            return
        body = page[0].encode()
        self.send_response(200)
        self.send_header("Content-Type", page[1])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


MARKS_JS = """() => {
  const at = (name) => { const m = performance.getEntriesByName(name); return m.length ? m[0].startTime : null; };
  return { ready: at("irp:python-ready"), result: at("irp:first-result") };
}"""


def measure(browser: Browser, url: str, done_selector: str) -> dict[str, float]:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(done_selector, timeout=120_000)
        marks: dict[str, Any] = page.evaluate(MARKS_JS)
        return {key: float(value) for key, value in marks.items()}
    finally:
        context.close()


RECOMPUTE_JS = """() => performance.getEntriesByName("irp:recompute").map((m) => m.duration)"""

# A page, and a control on it that a user would toggle; each toggle triggers one recomputation.
RECOMPUTE_PAGES = {
    "progress": ("checklists/right-after-interview/", "Keep your other applications moving"),
    "debrief (recruiter)": ("checklists/recruiter-360-debrief/", "A gap in skills"),
    "debrief (candidate)": ("checklists/self-debrief/", "I arrived late"),
    "follow-up planner": (
        "checklists/follow-up-timing/",
        "Tick if you missed a screen or call in this process",
    ),
}


def recompute_times(browser: Browser, url: str, label: str, changes: int) -> list[float]:
    """Toggle one answer ``changes`` times, waiting for each result, and read the bridge's timings."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector('[data-widget][data-computed="1"]', timeout=120_000)
        control = page.get_by_label(label, exact=True)
        for _ in range(changes):
            before = int(page.locator("[data-widget]").get_attribute("data-computed") or 0)
            control.click()
            page.wait_for_function(
                "n => +document.querySelector('[data-widget]').dataset.computed > n",
                arg=before,
                timeout=30_000,
            )
        times: list[float] = page.evaluate(RECOMPUTE_JS)
        return times
    finally:
        context.close()


def calendar_export_times(browser: Browser, url: str) -> tuple[float, float]:
    """First .ics download (fetches and imports icalendar) against a second one (already loaded)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector('[data-widget][data-computed="1"]', timeout=120_000)
        page.get_by_label("Enter the date of the interview").fill("2026-11-17")
        page.get_by_role("radio", name="Final-round interview").check()
        page.get_by_role("radio", name="They didn't say").check()
        page.get_by_role("radio", name="Not yet").check()
        page.get_by_label("Enter how many people interviewed you").fill("2")
        button = page.get_by_role("button", name=re.compile(r"calendar \(\.ics\)"))
        timings = []
        for _ in range(2):
            started = time.perf_counter()
            with page.expect_download():
                button.click()
            timings.append((time.perf_counter() - started) * 1000)
        return timings[0], timings[1]
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="cold runs per contender (default 7)")
    parser.add_argument("--changes", type=int, default=15, help="answer changes per recompute run")
    args = parser.parse_args()
    contenders = {
        "widget page (ours, worker + wheels)": (WIDGET_PAGE, '[data-widget][data-computed="1"]'),
        "bare loadPyodide(), main thread": ("__bench__/bare-main.html", "#out:text('42')"),
        "bare loadPyodide(), module worker": ("__bench__/bare-worker.html", "#out:text('42')"),
    }
    results: dict[str, list[dict[str, float]]] = {name: [] for name in contenders}
    recompute: dict[str, list[float]] = {}
    calendar: list[tuple[float, float]] = []
    with serve(SITE, BenchHandler) as base, sync_playwright() as playwright:
        launch: dict[str, Any] = {"args": CHROMIUM_ARGS}
        if executable := system_chromium():
            launch["executable_path"] = executable
        browser = playwright.chromium.launch(**launch)
        measure(
            browser, base + WIDGET_PAGE, '[data-widget][data-computed="1"]'
        )  # warm the OS file cache
        for _ in range(args.runs):
            for name, (path, selector) in contenders.items():
                results[name].append(measure(browser, base + path, selector))
        for name, (path, label) in RECOMPUTE_PAGES.items():
            recompute[name] = recompute_times(browser, base + path, label, args.changes)
        for _ in range(3):
            calendar.append(calendar_export_times(browser, base + "checklists/follow-up-timing/"))
        browser.close()

    medians = {
        name: {key: statistics.median(run[key] for run in runs) for key in ("ready", "result")}
        for name, runs in results.items()
    }
    print(
        f"Cold runs per contender: {args.runs} (fresh browser context each; medians in ms from navigation start)"
    )
    print(f"{'contender':40} {'python ready':>13} {'first result':>13}")
    for name, median in medians.items():
        print(f"{name:40} {median['ready']:13.0f} {median['result']:13.0f}")
    ours = medians["widget page (ours, worker + wheels)"]
    for bare_name in list(medians)[1:]:
        bare = medians[bare_name]
        print(
            f"ratio ours / {bare_name}: ready {ours['ready'] / bare['ready']:.3f}, "
            f"first result {ours['result'] / bare['result']:.3f}"
        )
    print(
        f"\nRecomputation after an answer changes ({args.changes} changes each, ms from change to result on screen)"
    )
    for name, times in recompute.items():
        print(f"{name:40} median {statistics.median(times):6.1f}   max {max(times):6.1f}")
    first = statistics.median(run[0] for run in calendar)
    again = statistics.median(run[1] for run in calendar)
    print(
        f"\nCalendar (.ics) export, median of {len(calendar)}: first click {first:.0f} ms "
        f"(fetches and imports icalendar), later clicks {again:.0f} ms; lazy-load cost {first - again:.0f} ms"
    )


if __name__ == "__main__":
    main()
