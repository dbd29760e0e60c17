"""Benchmark: do wheels precompiled to .pyc (issue #7) beat plain wheels in the browser?

Each run opens a fresh headless Chromium context, boots Pyodide in a module
worker from a built site's ``assets/pyodide/``, and then, in the order the
site itself does it, installs and uses three wheel groups:

- ``py_widgets`` (eager): import and one ``run_json("followup", ...)`` call;
- ``preview`` (markdown-it-py + mdurl): import and render a short text;
- ``calendar`` (icalendar + dateutil + typing-extensions + tzdata): import and
  build a small calendar with a time zone and a recurrence.

Three variants of the same wheels are measured: ``plain`` (what is published
today), ``hash`` (each .py kept, plus an unchecked-hash ``__pycache__`` pyc)
and ``sourceless`` (.pyc instead of .py). Runs of the variants are
interleaved, so machine noise hits them alike; the table shows medians.

    .venv/bin/python scripts/bench_pyc.py --runs 7 [--site /tmp/site-pyc]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from scripts import pyc, wheels  # noqa: E402
from tests.support import CHROMIUM_ARGS, SITE, QuietHandler, serve, system_chromium  # noqa: E402

VARIANTS = ("plain", "hash", "sourceless")
FOLLOWUP_DEFINITION = (
    ROOT / "tests" / "unit" / "fixtures" / "followup" / "definition" / "follow-up-timing.json"
)
FOLLOWUP_ANSWERS = {
    "stage": "final-round",
    "told-next-steps": "date",
    "thank-you-sent": "yes",
    "interview-date": "2026-03-03",
    "told-date": "2026-03-06",
    "thank-you-date": "2026-03-03",
    "callback-slipped": True,
}

# Import and first call are timed apart; the call's repr is compared across
# variants, so a broken precompiled wheel cannot pass as a fast one.
GROUP_CODE = {
    "py_widgets": (
        "import py_widgets.api",
        "py_widgets.api.run_json('followup', FOLLOWUP_INPUT)[:120]",
    ),
    "preview": (
        "from markdown_it import MarkdownIt",
        "MarkdownIt('commonmark').render('# Plan\\n\\n- Send the *thank-you* today\\n- "
        "[Playbook](playbooks/x) and `code`\\n\\n1. one\\n2. two\\n')",
    ),
    "calendar": (
        "import icalendar",
        """
import datetime, zoneinfo
cal = icalendar.Calendar()
cal.add("prodid", "-//bench//")
cal.add("version", "2.0")
event = icalendar.Event()
event.add("uid", "x@bench")
event.add("summary", "Check in")
event.add("dtstart", datetime.datetime(2026, 3, 16, 9, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin")))
event.add("rrule", {"freq": "weekly", "count": 3})
cal.add_component(event)
text = cal.to_ical().decode()
str(icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["summary"]) + " " + str(len(text))
""",
    ),
}

PAGE = """<!doctype html><html lang="en"><title>pyc bench</title><body><pre id="out">running</pre>
<script type="module">
const worker = new Worker("worker.js" + location.search, { type: "module" });
worker.onmessage = ({ data }) => {
  const out = document.getElementById("out");
  out.textContent = JSON.stringify(data);
  out.dataset.done = "1";
};
worker.onerror = (event) => {
  const out = document.getElementById("out");
  out.textContent = JSON.stringify({ error: event.message || "worker error" });
  out.dataset.done = "1";
};
</script></body></html>"""

# Mirrors docs/assets/js/py-worker.js: fetch, unpackArchive into purelib, and
# invalidate_caches after a lazy install.
WORKER = """import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
const variant = new URL(import.meta.url).searchParams.get("variant");
try {
  const plan = await (await fetch("plan.json")).json();
  const py = await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
  const purelib = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  py.globals.set("FOLLOWUP_INPUT", plan.followupInput);
  // Counts modules compiled from source: proof that a pyc was (or was not) used.
  py.runPython(`
import importlib._bootstrap_external as _be
COMPILED = []
_original = _be.SourceLoader.source_to_code
def _counting(self, data, path, *args, **kwargs):
    COMPILED.append(path)
    return _original(self, data, path, *args, **kwargs)
_be.SourceLoader.source_to_code = _counting
`);
  const results = {};
  for (const group of plan.groups) {
    const buffers = await Promise.all(group.wheels.map(async (name) =>
      (await fetch(`wheels/${variant}/${name}`)).arrayBuffer()));
    let t = performance.now();
    for (const buffer of buffers) py.unpackArchive(buffer, "wheel", { extractDir: purelib });
    py.runPython("import importlib; importlib.invalidate_caches()");
    const unpack = performance.now() - t;
    t = performance.now();
    py.runPython(group.importCode);
    const imported = performance.now() - t;
    t = performance.now();
    const output = String(py.runPython(group.callCode));
    const call = performance.now() - t;
    const compiled = py.runPython("n = len(COMPILED); COMPILED.clear(); n");
    const loaders = py.runPython(`
import sys
sorted({type(m.__spec__.loader).__name__ for n, m in list(sys.modules.items())
        if n.split('.')[0] in ${JSON.stringify(group.modules)} and getattr(m, '__spec__', None)})
`).toJs();
    results[group.name] = { unpack, import: imported, call, output, loaders, compiled };
  }
  self.postMessage({ variant, results });
} catch (error) {
  self.postMessage({ variant, error: String(error.stack || error) });
}
"""


def build_variants(work: Path) -> tuple[dict[str, list[str]], dict[str, dict[str, bytes]]]:
    """The wheel groups (file names in install order) and each variant's wheel bytes."""
    settings = wheels.project_settings()
    own = wheels.build_py_widgets_wheel(work / "own", str(settings["version"]))
    lazy = settings.get("browser-wheels-lazy", {})
    assert isinstance(lazy, dict)
    groups: dict[str, list[Path]] = {"py_widgets": [own]}
    for name in ("preview", "calendar"):
        groups[name] = [wheels.cached_wheel(str(req)) for req in lazy[name]]
    every = [wheel for members in groups.values() for wheel in members]
    files: dict[str, dict[str, bytes]] = {"plain": {w.name: w.read_bytes() for w in every}}
    for mode in VARIANTS[1:]:
        outputs = pyc.run_precompiler(every, work / mode, mode)
        files[mode] = {w.name: outputs[w].read_bytes() for w in every}
    return {name: [w.name for w in members] for name, members in groups.items()}, files


def make_handler(plan: bytes, files: dict[str, dict[str, bytes]]) -> type[QuietHandler]:
    class BenchHandler(QuietHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            body: bytes | None = None
            kind = "application/octet-stream"
            if path == "/__bench__/page.html":
                body, kind = PAGE.encode(), "text/html"
            elif path == "/__bench__/worker.js":
                body, kind = WORKER.encode(), "text/javascript"
            elif path == "/__bench__/plan.json":
                body, kind = plan, "application/json"
            elif path.startswith("/__bench__/wheels/"):
                variant, _, name = path.removeprefix("/__bench__/wheels/").partition("/")
                body = files.get(variant, {}).get(name)
                if body is None:
                    self.send_error(404)
                    return
            if body is None:
                super().do_GET()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return BenchHandler


def one_run(browser: Browser, base: str, variant: str) -> dict[str, Any]:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{base}__bench__/page.html?variant={variant}")
        page.wait_for_selector("#out[data-done]", timeout=180_000)
        data: dict[str, Any] = json.loads(page.text_content("#out") or "{}")
    finally:
        context.close()
    if "error" in data:
        raise RuntimeError(f"{variant}: {data['error']}")
    results: dict[str, Any] = data["results"]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--variants",
        default=",".join(VARIANTS),
        help="comma-separated subset of " + ", ".join(VARIANTS),
    )
    parser.add_argument("--site", type=Path, default=SITE, help="a built site (for assets/pyodide)")
    args = parser.parse_args()
    variants = tuple(args.variants.split(","))
    if "plain" not in variants or not set(variants) <= set(VARIANTS):
        sys.exit(f"--variants must include plain and name only {', '.join(VARIANTS)}")
    if not (args.site / "assets" / "pyodide" / "pyodide.mjs").is_file():
        sys.exit(f"{args.site} has no assets/pyodide; build the site first (mkdocs build -d ...)")
    with tempfile.TemporaryDirectory() as work:
        groups, files = build_variants(Path(work))
    plan = json.dumps(
        {
            "followupInput": json.dumps(
                {
                    "definition": json.loads(FOLLOWUP_DEFINITION.read_text("utf-8")),
                    "answers": FOLLOWUP_ANSWERS,
                    "today": "2026-03-12",
                }
            ),
            "groups": [
                {
                    "name": name,
                    "wheels": names,
                    "modules": sorted(
                        {m for n in names for m in _top_levels(files["plain"][n])} - {"tests"}
                    ),
                    "importCode": GROUP_CODE[name][0],
                    "callCode": GROUP_CODE[name][1],
                }
                for name, names in groups.items()
            ],
        }
    ).encode()
    samples: dict[str, dict[str, dict[str, list[float]]]] = {
        v: {g: {"unpack": [], "import": [], "call": [], "total": []} for g in groups}
        for v in variants
    }
    outputs: dict[str, dict[str, set[str]]] = {g: {} for g in groups}
    loaders: dict[str, dict[str, set[str]]] = {g: {} for g in groups}
    compiled: dict[str, dict[str, set[int]]] = {g: {} for g in groups}
    with (
        serve(args.site, make_handler(plan, files)) as base,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=system_chromium(), args=CHROMIUM_ARGS, headless=True
        )
        one_run(browser, base, "plain")  # warm-up: disk cache, JIT of the test harness
        for run in range(args.runs):
            shift = run % len(variants)
            order = variants[shift:] + variants[:shift]
            for variant in order:
                for group, result in one_run(browser, base, variant).items():
                    for key in ("unpack", "import", "call"):
                        samples[variant][group][key].append(result[key])
                    samples[variant][group]["total"].append(result["import"] + result["call"])
                    outputs[group].setdefault(result["output"], set()).add(variant)
                    loaders[group].setdefault(variant, set()).update(result["loaders"])
                    compiled[group].setdefault(variant, set()).add(result["compiled"])
            print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
        browser.close()
    _report(groups, files, samples, outputs, loaders, compiled, args.runs)


def _top_levels(data: bytes) -> set[str]:
    with tempfile.NamedTemporaryFile(suffix=".whl") as handle:
        handle.write(data)
        handle.flush()
        return set(wheels.top_level_names(Path(handle.name)))


def _report(
    groups: dict[str, list[str]],
    files: dict[str, dict[str, bytes]],
    samples: dict[str, dict[str, dict[str, list[float]]]],
    outputs: dict[str, dict[str, set[str]]],
    loaders: dict[str, dict[str, set[str]]],
    compiled: dict[str, dict[str, set[int]]],
    runs: int,
) -> None:
    print(f"\nMedians of {runs} fresh-context runs per variant, headless Chromium, ms.")
    print(
        "import+call = import of the package plus its first call (min: fastest run);"
        " Δ: median import+call against plain.\n"
    )
    print(
        f"| {'group':<10} | {'variant':<10} | {'bytes':>9} | {'unpack':>6} | {'import':>6} "
        f"| {'call':>6} | {'import+call':>11} | {'min':>6} | {'Δ':>5} |"
    )
    print(
        f"|{'-' * 12}|{'-' * 12}|{'-' * 11}|{'-' * 8}|{'-' * 8}|{'-' * 8}|{'-' * 13}|{'-' * 8}|{'-' * 7}|"
    )
    for group, names in groups.items():
        base_total = statistics.median(samples["plain"][group]["total"])
        for variant in samples:
            size = sum(len(files[variant][name]) for name in names)
            med = {k: statistics.median(v) for k, v in samples[variant][group].items()}
            delta = (med["total"] - base_total) / base_total * 100
            print(
                f"| {group:<10} | {variant:<10} | {size:>9,} | {med['unpack']:>6.1f} "
                f"| {med['import']:>6.1f} | {med['call']:>6.1f} | {med['total']:>11.1f} "
                f"| {min(samples[variant][group]['total']):>6.1f} "
                f"| {delta:>+4.0f}% |"
            )
    print()
    for group in groups:
        same = len(outputs[group]) == 1
        print(
            f"{group}: outputs {'identical across variants' if same else 'DIFFER'}; loaders ",
            end="",
        )
        print(", ".join(f"{v}={'/'.join(sorted(s))}" for v, s in loaders[group].items()))
        counts = ", ".join(f"{v}={sorted(n)}" for v, n in compiled[group].items())
        print(f"  modules compiled from source in the page: {counts}")
        if not same:
            for output, variants in outputs[group].items():
                print(f"  {sorted(variants)}: {output[:100]!r}")


if __name__ == "__main__":
    main()
