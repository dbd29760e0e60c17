"""Benchmark for issue #7: Material's lunr search against Pagefind, on bytes and on findability.

Material's search fetches its whole index on every page view, whether or not the reader ever
searches; Pagefind fetches small, already-compressed chunks only once a query is typed. Whether
that is worth a switch depends on how big the lunr index really is at our page count, and on
whether Pagefind still finds the right playbook for the queries in
``tests/content/search_queries.tsv`` — so both are measured here, in the same headless
Chromium, on the same built site.

Bytes are counted on the server side (every response body our loopback server sends), so
requests made from inside Web Workers count too, and are split by what the reader was doing
when they were made. Each body is also compressed with gzip -9 and brotli -q 11, because a
real host would compress JSON and JavaScript; Pagefind's index files are gzip already, so for
every file the smaller of raw and compressed is what a compressing host would send.

    .venv/bin/python scripts/bench_search.py --site /tmp/site-search

The site is never changed: Pagefind indexes a copy under a scratch folder.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import brotli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright  # noqa: E402

from tests.content.search_queries import TOP, Query, load_queries  # noqa: E402
from tests.support import (  # noqa: E402
    CHROMIUM_ARGS,
    SITE,
    HostHeadersHandler,
    QuietHandler,
    serve,
    system_chromium,
)

# A playbook page stands for "a plain page view": every page carries the same search code.
LANDING_PAGE = "playbooks/ghosted-after-final/"
# Pagefind reads only the article, as lunr does (Material indexes page.content, not the chrome).
PAGEFIND_ARGS = (
    "--root-selector",
    "article.md-content__inner",
    "--exclude-selectors",
    ".headerlink",
    # Every page is a directory index; this leaves out 404.html, which lunr does not index either.
    "--glob",
    "**/index.html",
    "--quiet",
)
# Pagefind's own UI loads the data of the first 5 results before "Load more", so a page of 5
# is what a reader's query costs; quality only needs the first TOP of them.
PAGEFIND_RESULTS_SHOWN = 5
SESSION_QUERIES = 3
SESSIONS = 8
# Requests that belong to Material's search, as opposed to the rest of the page.
LUNR_PATHS = (
    "search/search_index.json",
    "assets/javascripts/workers/search.",
    "assets/javascripts/lunr/",
)
PAGEFIND_PATH = "pagefind/"
# After the browser has its bytes the server thread still has to log the request.
LOG_GRACE_S = 0.05
# Material re-renders on every keystroke; on a busy machine an intermediate list can sit still
# for a while, so the list must read the same three times, 200 ms apart (the test reads twice).
SETTLE_MS = 200
SETTLE_READS = 3
SETTLE_ATTEMPTS = 100


@dataclass(frozen=True)
class Fetch:
    """One response body the server sent, with what it would weigh on a compressing host."""

    path: str
    started: float
    raw: int
    gzip: int
    brotli: int


@dataclass(frozen=True)
class Bytes:
    requests: int
    raw: int
    gzip: int
    brotli: int

    @staticmethod
    def of(fetches: list[Fetch]) -> Bytes:
        return Bytes(
            requests=len(fetches),
            raw=sum(f.raw for f in fetches),
            gzip=sum(f.gzip for f in fetches),
            brotli=sum(f.brotli for f in fetches),
        )

    def as_dict(self) -> dict[str, int]:
        return {
            "requests": self.requests,
            "raw": self.raw,
            "gzip": self.gzip,
            "brotli": self.brotli,
        }


class FetchLog:
    """Every file the server sent, stamped when the request arrived.

    The stamp is taken before the body is written, so a request the browser has finished with
    can never look as if it came after the step that caused it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fetches: list[Fetch] = []
        self._sizes: dict[Path, tuple[int, int, int]] = {}

    def record(self, url_path: str, file: Path, started: float) -> None:
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return
        with self._lock:
            sizes = self._sizes.get(file)
            if sizes is None:
                data = file.read_bytes()
                sizes = (
                    len(data),
                    min(len(data), len(gzip.compress(data, 9, mtime=0))),
                    min(len(data), len(brotli.compress(data, quality=11))),
                )
                self._sizes[file] = sizes
            path = unquote(urlparse(url_path).path).lstrip("/")
            self._fetches.append(Fetch(path, started, *sizes))

    def since(self, start: float, prefixes: tuple[str, ...] = ("",)) -> list[Fetch]:
        time.sleep(LOG_GRACE_S)
        with self._lock:
            return [
                f
                for f in self._fetches
                if f.started >= start and any(p in f.path for p in prefixes)
            ]


def recording_handler(log: FetchLog) -> type[QuietHandler]:
    """The host's real headers (CSP included), so Pagefind is tried under the policy we ship."""

    class Recording(HostHeadersHandler):
        def do_GET(self) -> None:
            started = time.monotonic()
            super().do_GET()
            log.record(self.path, Path(self.translate_path(self.path)), started)

    return Recording


def playbook_path(slug: str) -> str:
    """The page a query must reach, as ``tests/browser/test_search.py`` names it."""
    return f"playbooks/{slug}/"


def site_path(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def hit_rates(queries: list[Query], results: dict[str, list[str]]) -> dict[str, Any]:
    """Top-TOP hit as the browser test decides it (the playbook among the first TOP pages), and top-1."""
    top = [q for q in queries if playbook_path(q.slug) in results[q.text][:TOP]]
    first = [q for q in queries if results[q.text][:1] == [playbook_path(q.slug)]]
    misses = [
        {"query": q.text, "want": q.slug, "got": results[q.text][:TOP]}
        for q in queries
        if q not in top
    ]
    return {
        "queries": len(queries),
        "top_hits": len(top),
        "top_rate": len(top) / len(queries),
        "first_hits": len(first),
        "first_rate": len(first) / len(queries),
        "no_results": sum(1 for q in queries if not results[q.text]),
        "misses": misses,
    }


# --- lunr, through Material's own worker -------------------------------------------------------

# Material's UI hands the raw query string to its search worker and lists the worker's result
# groups in order, one per page (components/search/query and result in Material's source), so
# asking the same worker with the same index gives the order the reader sees, without typing
# every query key by key. ``--lunr-ui`` checks that claim by driving the real search field.
LUNR_WORKER_JS = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base + "/", location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, location.href));
  const reply = () => new Promise((resolve) => {
    worker.addEventListener("message", (ev) => resolve(ev.data), { once: true });
  });
  const started = performance.now();
  const ready = reply();
  worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs,
                                         options: { suggest: config.features.includes("search.suggest") } } });
  await ready;
  const buildMs = performance.now() - started;
  const out = {};
  for (const query of queries) {
    const answer = reply();
    worker.postMessage({ type: 2, data: query });
    const { data } = await answer;
    out[query] = data.items.map((group) => {
      const page = group.find((item) => !item.location.includes("#")) || group[0];
      return new URL(page.location.split("#")[0], base).pathname;
    });
  }
  worker.terminate();
  return { buildMs, results: out };
}"""

RESULT_COUNT_JS = "document.querySelector('.md-search-result__meta').textContent"
EMPTY_QUERY = "Type to start searching"


def _wait_for_meta(page: Page, ready: Callable[[str], bool]) -> None:
    for _ in range(SETTLE_ATTEMPTS):
        if ready(str(page.evaluate(RESULT_COUNT_JS)).strip()):
            return
        page.wait_for_timeout(SETTLE_MS // 4)
    raise RuntimeError("Material's search result line never reached the expected state")


def material_search(page: Page, query: str) -> list[str]:
    """Material's result list for ``query``, read as ``tests/browser/test_search.py`` reads it.

    Typed key by key (Material ignores ``fill``); the list is read once two reads agree.
    """
    field = page.get_by_placeholder("Search")
    field.click()
    field.press("ControlOrMeta+a")
    field.press("Backspace")
    _wait_for_meta(page, lambda meta: meta == EMPTY_QUERY)
    field.press_sequentially(query)
    previous: list[str] | None = None
    same = 0
    for _ in range(SETTLE_ATTEMPTS):
        meta = str(page.evaluate(RESULT_COUNT_JS))
        if "matching document" in meta or "No matching documents" in meta:
            hrefs: list[str] = page.locator(".md-search-result__item").evaluate_all(
                "items => items.map(i => i.querySelector('a.md-search-result__link').href)"
            )
            current = [site_path(h) for h in hrefs]
            same = same + 1 if current == previous else 1
            if same >= SETTLE_READS:
                return current
            previous = current
        page.wait_for_timeout(SETTLE_MS)
    raise RuntimeError(f"Material's results for {query!r} never settled; last {previous}")


def lunr_bytes(
    browser: Browser, base: str, log: FetchLog, sessions: list[list[str]]
) -> dict[str, Any]:
    """What a page view costs with Material today, and whether typing a query adds anything.

    Nothing is clicked or focused before the page-load figure is read: that is the cost every
    visitor pays, searching or not.
    """
    context = browser.new_context(base_url=base)
    page = context.new_page()
    try:
        start = time.monotonic()
        page.goto(LANDING_PAGE, wait_until="load")
        page.wait_for_load_state("networkidle")
        load_event_ms = float(
            page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        )
        on_load = log.since(start, LUNR_PATHS)
        timeline = [
            {
                "path": f.path,
                "requested_ms": round((f.started - start) * 1000),
                **Bytes.of([f]).as_dict(),
            }
            for f in on_load
        ]
        query_start = time.monotonic()
        material_search(page, sessions[0][0])
        first = log.since(query_start, LUNR_PATHS)
        for query in sessions[0][1:]:
            material_search(page, query)
        session = log.since(query_start, LUNR_PATHS)
    finally:
        context.close()
    return {
        "page_load": Bytes.of(on_load).as_dict(),
        "first_query": Bytes.of(first).as_dict(),
        "session": Bytes.of(session).as_dict(),
        "timeline": timeline,
        "load_event_ms": round(load_event_ms),
    }


def lunr_quality(browser: Browser, base: str, queries: list[Query], via_ui: bool) -> dict[str, Any]:
    context = browser.new_context(base_url=base)
    page = context.new_page()
    try:
        page.goto("./")
        texts = [q.text for q in queries]
        answer: dict[str, Any] = page.evaluate(LUNR_WORKER_JS, texts)
        results: dict[str, list[str]] = {
            q: [p.lstrip("/") for p in pages] for q, pages in answer["results"].items()
        }
        quality = hit_rates(queries, results)
        quality["index_build_ms"] = round(float(answer["buildMs"]))
        if via_ui:
            disagreements = []
            for query in queries:
                shown = material_search(page, query.text)
                if shown[:TOP] != results[query.text][:TOP]:
                    disagreements.append(
                        {
                            "query": query.text,
                            "ui": shown[:TOP],
                            "worker": results[query.text][:TOP],
                        }
                    )
            quality["ui_disagreements"] = disagreements
    finally:
        context.close()
    return quality


# --- Pagefind ----------------------------------------------------------------------------------

PAGEFIND_IMPORT_JS = """async () => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const root = new URL(config.base + "/", location.href);
  window.__pf = await import(new URL("pagefind/pagefind.js", root).href);
  await window.__pf.init();
}"""

PAGEFIND_SEARCH_JS = """async ([queries, shown]) => {
  const out = {};
  for (const query of queries) {
    const search = await window.__pf.search(query);
    const data = await Promise.all(search.results.slice(0, shown).map((r) => r.data()));
    out[query] = data.map((d) => d.url);
  }
  return out;
}"""


def run_pagefind(site_dir: Path, work_dir: Path) -> tuple[Path, float]:
    """Index a copy, so our own build output stays exactly what ``mkdocs build`` wrote."""
    copy = work_dir / "site"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(site_dir, copy)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(copy), *PAGEFIND_ARGS],
        check=True,
        capture_output=True,
        text=True,
    )
    return copy, time.perf_counter() - started


def pagefind_load(page: Page, base: str) -> None:
    page.goto(base + LANDING_PAGE, wait_until="load")
    page.wait_for_load_state("networkidle")


def pagefind_bytes(
    browser: Browser, base: str, log: FetchLog, sessions: list[list[str]]
) -> dict[str, Any]:
    """Cold sessions (fresh context, empty cache), each a page view then three queries.

    Pagefind is imported only when the first query is asked, as a lazy search box would do; a
    page view that never searches therefore fetches nothing from ``pagefind/``.
    """
    loads: list[Bytes] = []
    firsts: list[Bytes] = []
    wholes: list[Bytes] = []
    first_files: list[dict[str, Any]] = []
    for session in sessions:
        context = browser.new_context(base_url=base)
        page = context.new_page()
        try:
            start = time.monotonic()
            pagefind_load(page, base)
            loads.append(Bytes.of(log.since(start, (PAGEFIND_PATH,))))
            query_start = time.monotonic()
            page.evaluate(PAGEFIND_IMPORT_JS)
            page.evaluate(PAGEFIND_SEARCH_JS, [session[:1], PAGEFIND_RESULTS_SHOWN])
            fetched = log.since(query_start, (PAGEFIND_PATH,))
            firsts.append(Bytes.of(fetched))
            if not first_files:
                first_files = [{"path": f.path, **Bytes.of([f]).as_dict()} for f in fetched]
            page.evaluate(PAGEFIND_SEARCH_JS, [session[1:], PAGEFIND_RESULTS_SHOWN])
            wholes.append(Bytes.of(log.since(query_start, (PAGEFIND_PATH,))))
        finally:
            context.close()

    def median(samples: list[Bytes]) -> dict[str, int]:
        return Bytes(
            requests=round(statistics.median(b.requests for b in samples)),
            raw=round(statistics.median(b.raw for b in samples)),
            gzip=round(statistics.median(b.gzip for b in samples)),
            brotli=round(statistics.median(b.brotli for b in samples)),
        ).as_dict()

    return {
        "page_load": median(loads),
        "first_query": median(firsts),
        "session": median(wholes),
        "first_query_files": first_files,
        "first_query_range_raw": [min(b.raw for b in firsts), max(b.raw for b in firsts)],
        "session_range_raw": [min(b.raw for b in wholes), max(b.raw for b in wholes)],
        "sessions": len(sessions),
    }


def pagefind_quality(browser: Browser, base: str, queries: list[Query]) -> dict[str, Any]:
    """Every query in one tab, as the browser test does for lunr; Pagefind's default ranking."""
    context = browser.new_context(base_url=base)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: _note_problem(msg, problems))
    try:
        pagefind_load(page, base)
        page.evaluate(PAGEFIND_IMPORT_JS)
        answer: dict[str, list[str]] = page.evaluate(
            PAGEFIND_SEARCH_JS, [[q.text for q in queries], TOP]
        )
    finally:
        context.close()
    quality = hit_rates(queries, {q: [site_path(u) for u in urls] for q, urls in answer.items()})
    quality["console_problems"] = problems
    return quality


def _note_problem(msg: ConsoleMessage, problems: list[str]) -> None:
    """CSP violations and Pagefind's silent fallback from its worker only show in the console."""
    text = msg.text
    if msg.type in ("error", "warning") and (
        "Content Security Policy" in text or "agefind" in text
    ):
        problems.append(text[:300])


def bundle_bytes(pagefind_dir: Path) -> dict[str, Bytes]:
    """Everything the JS API could ever fetch, and the optional stock UI, as ceilings."""
    log = FetchLog()
    ui = ("pagefind-ui.js", "pagefind-ui.css")
    unused = ("pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight", "wasm.unknown")
    for file in sorted(pagefind_dir.rglob("*")):
        if file.is_file():
            log.record(file.relative_to(pagefind_dir).as_posix(), file, 0.0)
    fetches = log.since(0.0)
    api = [f for f in fetches if not f.path.startswith(ui) and not f.path.startswith(unused)]
    return {
        "api_all_files": Bytes.of(api),
        "stock_ui": Bytes.of([f for f in fetches if f.path.startswith(ui)]),
    }


# --- both ---------------------------------------------------------------------------------------


def make_sessions(queries: list[Query], count: int) -> list[list[str]]:
    """Three queries a third of the file apart, so each is usually about a different playbook.

    A session of near-identical queries would flatter Pagefind, whose later queries reuse the
    chunks the first one fetched.
    """
    step = max(1, len(queries) // SESSION_QUERIES)
    return [
        [queries[(start + k * step) % len(queries)].text for k in range(SESSION_QUERIES)]
        for start in range(0, len(queries), max(1, len(queries) // count))
    ][:count]


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=system_chromium(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def compare_search(site_dir: Path, work_dir: Path, *, lunr_via_ui: bool = False) -> dict[str, Any]:
    """Both engines on the same site, the same queries and the same browser."""
    queries = load_queries()
    sessions = make_sessions(queries, SESSIONS)
    pagefind_site, index_seconds = run_pagefind(site_dir, work_dir)
    lunr_log = FetchLog()
    pagefind_log = FetchLog()
    with (
        chromium() as browser,
        serve(site_dir, recording_handler(lunr_log)) as lunr_base,
        serve(pagefind_site, recording_handler(pagefind_log)) as pagefind_base,
    ):
        lunr = lunr_bytes(browser, lunr_base, lunr_log, sessions)
        lunr["quality"] = lunr_quality(browser, lunr_base, queries, lunr_via_ui)
        pagefind = pagefind_bytes(browser, pagefind_base, pagefind_log, sessions)
        pagefind["quality"] = pagefind_quality(browser, pagefind_base, queries)
    bundle = bundle_bytes(pagefind_site / "pagefind")
    return {
        "site": str(site_dir),
        "pages_indexed": len(list(pagefind_site.rglob("index.html"))),
        "queries": len(queries),
        "sessions": sessions,
        "lunr": lunr,
        "pagefind": {
            **pagefind,
            "index_seconds": index_seconds,
            "args": list(PAGEFIND_ARGS),
            "api_all_files": bundle["api_all_files"].as_dict(),
            "stock_ui": bundle["stock_ui"].as_dict(),
        },
    }


def _kb(figures: dict[str, int]) -> str:
    if figures["raw"] == 0:
        return "0"
    return "{:.1f} / {:.1f} / {:.1f}".format(
        *(figures[k] / 1000 for k in ("raw", "gzip", "brotli"))
    )


def render(report: dict[str, Any]) -> str:
    header = (
        "engine",
        "index step",
        "page load",
        "+1st query",
        "+3 queries",
        f"top-{TOP}",
        "top-1",
        "no result",
    )
    rows = [header]
    steps = {"lunr": "in mkdocs build", "pagefind": f"{report['pagefind']['index_seconds']:.2f} s"}
    for name, key in (("lunr (Material)", "lunr"), ("Pagefind 1.5.2", "pagefind")):
        data = report[key]
        quality = data["quality"]
        rows.append(
            (
                name,
                steps[key],
                _kb(data["page_load"]),
                _kb(data["first_query"]),
                _kb(data["session"]),
                f"{quality['top_hits']}/{quality['queries']} {quality['top_rate']:.1%}",
                f"{quality['first_hits']}/{quality['queries']} {quality['first_rate']:.1%}",
                str(quality["no_results"]),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    pagefind = report["pagefind"]
    lunr = report["lunr"]
    lines += [
        "",
        "bytes in kB (1000 B), raw / gzip -9 / brotli 11; per file the smaller of raw and "
        "compressed, so Pagefind's gzip files count as served",
        f"+1st query and +3 queries are on top of the page load; Pagefind figures are medians "
        f"of {pagefind['sessions']} cold sessions (first query raw range "
        f"{pagefind['first_query_range_raw'][0] / 1000:.1f}-{pagefind['first_query_range_raw'][1] / 1000:.1f} kB)",
        f"pagefind indexing wall time: {pagefind['index_seconds']:.2f} s "
        f"({report['pages_indexed']} pages, python -m pagefind {' '.join(pagefind['args'])})",
        f"lunr, fetched on a plain load of {LANDING_PAGE} with no interaction "
        f"(load event at {lunr['load_event_ms']} ms):",
        *(
            f"  {t['path']}: {_kb(t)} kB, requested at {t['requested_ms']} ms"
            for t in lunr["timeline"]
        ),
        "pagefind, fetched by the first query of the first session:",
        *(f"  {f['path']}: {_kb(f)} kB" for f in pagefind["first_query_files"]),
        f"lunr index build in Material's worker: {lunr['quality']['index_build_ms']} ms per page view",
        f"pagefind: every file the JS API could fetch {_kb(pagefind['api_all_files'])}; "
        f"stock PagefindUI js+css {_kb(pagefind['stock_ui'])}",
    ]
    problems = pagefind["quality"]["console_problems"]
    lines.append(f"pagefind console errors/warnings under our CSP: {len(problems)}")
    lines += [f"  {p}" for p in problems[:5]]
    if "ui_disagreements" in lunr["quality"]:
        lines.append(
            f"lunr worker vs Material UI, top-{TOP} disagreements: "
            f"{len(lunr['quality']['ui_disagreements'])}"
        )
        lines += [f"  {d}" for d in lunr["quality"]["ui_disagreements"][:5]]
    for key in ("lunr", "pagefind"):
        misses = report[key]["quality"]["misses"]
        lines.append(f"{key} misses ({len(misses)}):")
        lines += [f"  {m['query']!r}: wanted {m['want']}, got {m['got']}" for m in misses]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--site", type=Path, default=SITE, help="a built site (default: site/)")
    parser.add_argument("--work-dir", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument(
        "--lunr-ui",
        action="store_true",
        help="also type every query into Material's search field and compare with its worker",
    )
    parser.add_argument("--json", type=Path, help="write the full report here")
    args = parser.parse_args(argv)
    if not (args.site / "search" / "search_index.json").is_file():
        parser.error(f"{args.site} is not a built site with Material's search index")

    def run(work: Path) -> dict[str, Any]:
        return compare_search(args.site.resolve(), work, lunr_via_ui=args.lunr_ui)

    if args.work_dir:
        args.work_dir.mkdir(parents=True, exist_ok=True)
        report = run(args.work_dir.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="bench-search-") as scratch:
            report = run(Path(scratch))
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
