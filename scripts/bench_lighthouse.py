"""Benchmark: Lighthouse scores for the home page, a playbook and every checklist page.

Serves an already built site on 127.0.0.1 with the headers from its
``_headers`` file, so the strict CSP and the other response headers apply as
they would on a static host, then runs npm ``lighthouse`` (desktop preset)
against the system Chromium, every run in one Node process and one browser
(``scripts/lighthouse_runs.mjs``). Each page is run several times and the median
is reported, because single Lighthouse runs swing by several points.

Lighthouse's desktop preset does not load the page slowly; it loads it at full
speed and then *simulates* a 10 Mbit/s link from the requests it saw. Every
byte a page fetched before its largest paint is charged at that rate, so an
uncompressed local server scores worse than any real static host, which sends
HTML, CSS, JavaScript and JSON gzip- or Brotli-compressed. ``--compress`` serves
the build's own ``.br``/``.gz`` copies (``scripts.bench_server.PrecompressedHandler``,
as ``scripts/bench.py`` does); the default serves the files as they are, with
``tests.support.HostHeadersHandler`` unchanged.

    .venv/bin/python scripts/bench_lighthouse.py --site /tmp/site --runs 3
    .venv/bin/python scripts/bench_lighthouse.py --site /tmp/site --runs 3 --compress
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench_server import PrecompressedHandler  # noqa: E402
from tests.support import SITE, HostHeadersHandler, serve, system_chromium  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# Audit id -> the key it is reported under. Times are in ms, CLS is unitless, bytes are bytes.
METRICS = {
    "first-contentful-paint": "fcp_ms",
    "largest-contentful-paint": "lcp_ms",
    "total-blocking-time": "tbt_ms",
    "cumulative-layout-shift": "cls",
    "total-byte-weight": "bytes",
}

# The issue asks for the home page, one playbook and every widget page. The playbook is one of
# the longest, so text layout and the table of contents weigh in as much as they ever will.
DEFAULT_PAGES: dict[str, str] = {
    "home": "",
    "playbook: client-interview-went-badly": "playbooks/client-interview-went-badly/",
    "checklist: right-after-interview": "checklists/right-after-interview/",
    "checklist: self-debrief": "checklists/self-debrief/",
    "checklist: follow-up-timing": "checklists/follow-up-timing/",
    "checklist: mistake-handling": "checklists/mistake-handling/",
    "checklist: recruiter-360-debrief": "checklists/recruiter-360-debrief/",
}

CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


class LighthouseUnavailableError(RuntimeError):
    """Raised before any run, so a missing tool is not mistaken for a page that scores 0."""


def _tools() -> str:
    if not LIGHTHOUSE.is_file():
        raise LighthouseUnavailableError(
            f"lighthouse not found at {LIGHTHOUSE}; run `npm ci` in {ROOT}"
        )
    if shutil.which("node") is None:
        raise LighthouseUnavailableError("node not found on PATH; lighthouse needs Node.js >= 18")
    chromium = system_chromium()
    if chromium is None:
        raise LighthouseUnavailableError(
            "no system Chromium found (looked for /usr/lib/chromium/chromium, /usr/bin/chromium "
            "and `chromium` on PATH); on Debian: apt-get install -y chromium"
        )
    return chromium


# Lighthouse sometimes loses its trace on a busy machine (NO_NAVSTART, NO_FCP); such a run
# says nothing about the page, so it is repeated rather than allowed to sink the whole benchmark.
ATTEMPTS = 3


RUNNER = ROOT / "scripts" / "lighthouse_runs.mjs"
# Screenshots feed no score; skipping them saves seconds per run of a 15-run benchmark.
SKIP_AUDITS = ["screenshot-thumbnails", "final-screenshot"]


def _scores(report: dict[str, Any], url: str) -> dict[str, float]:
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not load {url}: {report['runtimeError']}")
    scores: dict[str, float] = {}
    for category in CATEGORIES:
        score = report["categories"][category]["score"]
        if score is None:
            raise RuntimeError(f"lighthouse gave no {category} score for {url}")
        scores[category] = round(float(score) * 100, 1)
    for audit, key in METRICS.items():
        value = report["audits"][audit].get("numericValue")
        scores[key] = float(value) if value is not None else float("nan")
    return scores


def _run_all(chromium: str, jobs: list[tuple[str, Path]], work: Path) -> None:
    """Every run in one Node process and one Chromium (``scripts/lighthouse_runs.mjs``)."""
    spec = work / "jobs.json"
    spec.write_text(
        json.dumps(
            {
                "chrome": chromium,
                "chromeFlags": CHROME_FLAGS.split(),
                "skipAudits": SKIP_AUDITS,
                "attempts": ATTEMPTS,
                "jobs": [{"url": url, "output": str(output)} for url, output in jobs],
            }
        ),
        "utf-8",
    )
    done = subprocess.run(
        ["node", str(RUNNER), str(spec)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=None,  # retries are reported as they happen
        text=True,
        timeout=120 * len(jobs),
        check=False,
    )
    outcomes = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    failed = [o for o in outcomes if not o["ok"]]
    if done.returncode != 0 or failed or len(outcomes) != len(jobs):
        detail = "; ".join(f"{o['output']}: {o.get('error')}" for o in failed)
        raise RuntimeError(
            f"lighthouse runs failed (exit {done.returncode}, {len(outcomes)} of {len(jobs)} "
            f"reported): {detail or 'see the output above'}"
        )


def lighthouse_scores(
    pages: dict[str, str], runs: int = 3, *, report_dir: Path | None = None
) -> dict[str, dict[str, float]]:
    """Median category scores (0-100) and key metrics per page, over ``runs`` runs each.

    Runs are interleaved (run 1 of every page, then run 2, ...) so a slow spell on a
    shared machine spreads over all pages instead of sinking one of them. ``report_dir``
    keeps the raw JSON reports, which name the failing audits and the LCP element.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    chromium = _tools()
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in pages}
    with tempfile.TemporaryDirectory(prefix="irp-lighthouse-") as tmp:
        out_dir = Path(tmp) if report_dir is None else report_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        jobs = [
            (name, url, out_dir / f"run{run + 1}-page{index + 1}.json")
            for run in range(runs)
            for index, (name, url) in enumerate(pages.items())
        ]
        for _, _, output in jobs:
            output.unlink(missing_ok=True)
        _run_all(chromium, [(url, output) for _, url, output in jobs], Path(tmp))
        for name, url, output in jobs:
            samples[name].append(_scores(json.loads(output.read_text("utf-8")), url))
    return {
        name: {key: statistics.median(sample[key] for sample in runs_) for key in runs_[0]}
        for name, runs_ in samples.items()
    }


def _format_table(results: dict[str, dict[str, float]]) -> str:
    header = (
        f"{'page':40} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} "
        f"{'FCP ms':>7} {'LCP ms':>7} {'TBT ms':>7} {'CLS':>6} {'KiB':>8}"
    )
    lines = [header, "-" * len(header)]
    for name, row in results.items():
        lines.append(
            f"{name:40} {row['performance']:5.0f} {row['accessibility']:5.0f} "
            f"{row['best-practices']:5.0f} {row['seo']:5.0f} {row['fcp_ms']:7.0f} "
            f"{row['lcp_ms']:7.0f} {row['tbt_ms']:7.0f} {row['cls']:6.3f} "
            f"{row['bytes'] / 1024:8.0f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", type=Path, default=SITE, help=f"built site to serve (default {SITE})"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per page (default 3)")
    parser.add_argument(
        "--compress",
        action="store_true",
        help="serve the build's .br/.gz copies, as a compressing static host does",
    )
    parser.add_argument(
        "--reports", type=Path, default=None, help="keep the raw Lighthouse JSON reports here"
    )
    args = parser.parse_args()
    site: Path = args.site
    if not (site / "index.html").is_file():
        parser.error(f"{site} holds no built site; run `mkdocs build` first")
    started = time.perf_counter()
    try:
        handler = PrecompressedHandler if args.compress else HostHeadersHandler
        with serve(site, handler) as base:
            pages = {name: base + path for name, path in DEFAULT_PAGES.items()}
            results = lighthouse_scores(pages, args.runs, report_dir=args.reports)
    except LighthouseUnavailableError as error:
        sys.exit(f"error: {error}")
    elapsed = time.perf_counter() - started
    serving = "from its .br/.gz copies" if args.compress else "uncompressed"
    print(
        f"Lighthouse, desktop preset, median of {args.runs} run(s) per page; "
        f"site {site} served {serving} with its _headers; {elapsed:.0f} s wall time"
    )
    print(_format_table(results))


if __name__ == "__main__":
    main()
