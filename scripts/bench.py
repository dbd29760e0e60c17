"""The performance harness: our pages, the bare Pyodide floor and the peers, in one run.

    .venv/bin/python scripts/bench.py            # full run, 5 runs per figure (about 8 minutes)
    .venv/bin/python scripts/bench.py --smoke    # one run of everything, to check it still works

It builds the site into a temporary folder (timing the build), serves it on
127.0.0.1 with the site's own ``_headers``, and drives headless Chromium.
Contenders are interleaved run by run, so that the noise of this shared
machine hits them alike; only ratios inside one run are meant to be compared.
Cold means a fresh browser context (empty HTTP cache); warm means the same
persistent profile, primed once. Figures are medians.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright  # noqa: E402

from scripts.bench_measure import Sample, load, medians, wait_until  # noqa: E402
from scripts.bench_server import BARE_DONE, BenchHandler, PrecompressedHandler  # noqa: E402
from tests.support import CHROMIUM_ARGS, serve, system_chromium  # noqa: E402

DONE = '[data-widget][data-computed="1"]'

# Page, and an answer a visitor would change (each change is one recomputation).
WIDGET_PAGES = {
    "follow-up planner": (
        "checklists/follow-up-timing/",
        "Tick if you missed a screen or call in this process",
    ),
    "debrief (candidate)": ("checklists/self-debrief/", "I arrived late"),
    "debrief (recruiter)": ("checklists/recruiter-360-debrief/", "A gap in skills"),
}
PROGRESS_PAGE = ("checklists/right-after-interview/", "Keep your other applications moving")
CONTENT_PAGES = {"home": "", "playbook": "playbooks/arrived-late/"}
LEVER_PAGE = WIDGET_PAGES["follow-up planner"]
# Boot-timing levers are judged by how long a visitor who starts answering
# after this long waits for the result of that answer.
FIRST_INTERACTION_MS = 1000.0
NO_SNAPSHOT = "follow-up planner, no snapshot"
BEFORE = "before: the site given by --before"
ROUTED_FLOOR = "bare loadPyodide(), main thread, routed like the peers"
IN_PAGE_FLOOR = "bare loadPyodide() worker on the follow-up page, no bridge (control)"
FLOORS = ("bare loadPyodide(), main thread", "bare loadPyodide(), module worker", IN_PAGE_FLOOR)


@dataclass(frozen=True)
class Contender:
    """One thing loaded cold, run after run: a page of ours, a baseline, a lever variant or a peer."""

    group: str
    name: str
    url: str
    done_selector: str | None
    click_selector: str | None = None
    interact: Callable[[Page], None] | None = None
    done_text: str | None = None
    # Loaded with the peers' CDN routes in place (request interception on).
    routed: bool = False


def build_site(destination: Path, times: int) -> list[float]:
    """Build with the real hooks (compressed copies included) and time each build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    durations = []
    for _ in range(times):
        started = time.perf_counter()
        subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "mkdocs"),
                "build",
                "--strict",
                "--quiet",
                "-d",
                str(destination),
            ],
            cwd=ROOT,
            env=env,
            check=True,
        )
        durations.append(time.perf_counter() - started)
    return durations


def first_interaction(label: str) -> Callable[[Page], None]:
    def interact(page: Page) -> None:
        wait_until(page, f"() => performance.now() >= {FIRST_INTERACTION_MS}", 60_000)
        page.get_by_label(label, exact=True).click()
        page.evaluate("() => { window.__bench.interacted = performance.now(); }")

    return interact


def launch(playwright: Playwright, extra_args: list[str]) -> Browser:
    options: dict[str, Any] = {"args": [*CHROMIUM_ARGS, *extra_args]}
    if executable := system_chromium():
        options["executable_path"] = executable
    return playwright.chromium.launch(**options)


def run_cold(
    browser: Browser,
    contenders: list[Contender],
    runs: int,
    routes: Callable[[BrowserContext], None] | None = None,
) -> dict[str, list[Sample]]:
    """Fresh context per load; ``routes`` (the peers' CDN redirects) only where a contender needs them.

    Playwright's routing switches on request interception for the whole context,
    which costs every request a round trip through the driver and stops a
    worker from reusing what the page already fetched. Our pages need no
    routing, so they are measured as a visitor gets them; what routing costs
    the peers is shown by the bare main-thread page measured both ways.
    """
    samples: dict[str, list[Sample]] = {c.name: [] for c in contenders}
    for _ in range(runs):
        for contender in contenders:
            context = browser.new_context()
            try:
                if routes and contender.routed:
                    routes(context)
                sample = load(
                    context,
                    contender.url,
                    contender.done_selector,
                    done_text=contender.done_text,
                    click_selector=contender.click_selector,
                    before_done=contender.interact,
                )
                if contender.interact and sample.result_ms is not None:
                    sample.extra["wait_after_interaction"] = sample.result_ms - FIRST_INTERACTION_MS
                samples[contender.name].append(sample)
            finally:
                context.close()
    return samples


SNAPSHOTS_JS = "async () => (await (await caches.open('irp-python-snapshot')).keys()).length"


def wait_for_snapshot(page: Page) -> None:
    """Stay on the page, as a reader would, until the worker has saved its start-up snapshot."""
    deadline = time.monotonic() + 60
    while not page.evaluate(SNAPSHOTS_JS):
        if time.monotonic() > deadline:
            raise TimeoutError("the worker saved no start-up snapshot within 60 s")
        page.wait_for_timeout(200)


def forget_snapshots(context: BrowserContext, base: str) -> None:
    page = context.new_page()
    try:
        page.goto(base + CONTENT_PAGES["playbook"])
        page.evaluate("() => caches.delete('irp-python-snapshot')")
    finally:
        page.close()


@dataclass(frozen=True)
class WarmPage:
    url: str
    done: str | None
    # Measure a warm HTTP cache but no start-up snapshot (the snapshot lever undone).
    without_snapshot: bool = False
    # Pages of an older build (--before) never save one, so priming must not wait for it.
    saves_snapshot: bool = True


def run_warm(
    playwright: Playwright, base: str, pages: dict[str, WarmPage], runs: int
) -> dict[str, list[Sample]]:
    """One persistent profile throughout: HTTP cache, V8's code cache and the Python snapshot are warm."""
    samples: dict[str, list[Sample]] = {name: [] for name in pages}
    with tempfile.TemporaryDirectory(prefix="irp-bench-profile-") as profile:
        options: dict[str, Any] = {"args": CHROMIUM_ARGS, "headless": True}
        if executable := system_chromium():
            options["executable_path"] = executable
        context = playwright.chromium.launch_persistent_context(profile, **options)
        try:
            for page in pages.values():
                load(context, page.url, page.done)
                # The second visit is what lets V8 cache compiled code; staying lets the snapshot be saved.
                load(
                    context,
                    page.url,
                    page.done,
                    after_done=wait_for_snapshot if page.done and page.saves_snapshot else None,
                )
            for _ in range(runs):
                for name, page in pages.items():
                    if page.without_snapshot:
                        forget_snapshots(context, base)
                        sample = load(context, page.url, page.done, after_done=wait_for_snapshot)
                    else:
                        sample = load(context, page.url, page.done)
                    samples[name].append(sample)
        finally:
            context.close()
    return samples


def recompute_times(browser: Browser, url: str, label: str, changes: int) -> list[float]:
    """Toggle one answer ``changes`` times, waiting for each result; the bridge times each recomputation."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(DONE, timeout=120_000)
        control = page.get_by_label(label, exact=True)
        for _ in range(changes):
            before = int(page.locator("[data-widget]").first.get_attribute("data-computed") or 0)
            control.click()
            page.wait_for_selector(f'[data-widget][data-computed="{before + 1}"]', timeout=30_000)
        times: list[float] = page.evaluate(
            '() => performance.getEntriesByName("irp:recompute").map((m) => m.duration)'
        )
        return times
    finally:
        context.close()


def calendar_export_times(browser: Browser, url: str) -> tuple[float, float]:
    """First .ics download (fetches and imports icalendar) against a second one (already loaded)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(DONE, timeout=120_000)
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


@dataclass(frozen=True)
class Peers:
    contenders: list[Contender]
    launch_args: list[str]
    routes: Callable[[BrowserContext], None] | None


@contextmanager
def optional_peers(site: Path, enabled: bool) -> Iterator[Peers]:
    """The peers (markdown-exec, PyScript) built in .cache/bench-peers and served beside the site."""
    if not enabled:
        yield Peers([], [], None)
        return
    from scripts import bench_peers

    with bench_peers.peer_contenders(site, ROOT / ".cache" / "bench-peers") as run:
        contenders = [
            Contender(
                "peer", c.name, c.url, c.css, c.click_selector, done_text=c.done_text, routed=True
            )
            for c in run.contenders
        ]
        yield Peers(contenders, [bench_peers.HOST_RESOLVER_ARG], run.install_routes)


# ------------------------------------------------------------------ report


def ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} ms"


def kb(value: int) -> str:
    return (
        f"{value / 1024:,.0f} KB" if value < 10 * 1024 * 1024 else f"{value / 1024 / 1024:,.1f} MB"
    )


def ratio(ours: float | None, theirs: float | None) -> str:
    return "n/a" if not ours or not theirs else f"{ours / theirs:.2f}"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


STARTED = time.perf_counter()


def progress(message: str) -> None:
    """Where the run is, on stderr, so a long run shows which step takes the time."""
    print(
        f"[{(time.perf_counter() - STARTED) / 60:4.1f} min] {message}", file=sys.stderr, flush=True
    )


def print_measurements(
    cold: dict[str, list[Sample]],
    warm: dict[str, list[Sample]],
    recompute: dict[str, list[float]],
    calendar: list[tuple[float, float]],
    contenders: list[Contender],
    peers: list[Contender],
    runs: int,
    changes: int,
) -> None:
    cold_m = {name: medians(samples) for name, samples in cold.items()}
    warm_m = {name: medians(samples) for name, samples in warm.items()}
    floor_main = cold_m["bare loadPyodide(), main thread"]

    print(
        f"\n## Widget pages ({runs} runs each, medians; TBT = long tasks beyond 50 ms, navigation to first result)\n"
    )
    rows = []
    for name in WIDGET_PAGES:
        c, w = cold_m[name], warm_m[name]
        rows.append(
            [
                name,
                ms(c.ready_ms),
                ms(c.result_ms),
                ms(w.ready_ms),
                ms(w.result_ms),
                f"{c.blocking_ms:.0f} ms",
                kb(c.bytes_total),
                kb(w.bytes_total),
                f"{statistics.median(recompute[name]):.1f} ms",
                ratio(c.result_ms, floor_main.result_ms),
            ]
        )
    for name in (n for n in cold_m if n in FLOORS):
        floor = cold_m[name]
        rows.append(
            [
                name,
                ms(floor.ready_ms),
                ms(floor.result_ms),
                "",
                "",
                f"{floor.blocking_ms:.0f} ms",
                kb(floor.bytes_total),
                "",
                "",
                ratio(floor.result_ms, floor_main.result_ms),
            ]
        )
    print(
        table(
            [
                "page",
                "ready cold",
                "first result cold",
                "ready warm",
                "first result warm",
                "TBT cold",
                "bytes cold",
                "bytes warm",
                "recompute",
                "result / bare main",
            ],
            rows,
        )
    )

    # On a shared machine a burst of contention can drag a median of five; the fastest run of
    # each contender is the least disturbed one, so its ratio is printed beside the medians'.
    def best(name: str) -> float | None:
        times = [sample.result_ms for sample in cold[name] if sample.result_ms]
        return min(times) if times else None

    print(
        "\nFastest cold run (least disturbed): "
        + ", ".join(
            f"{name} {ms(best(name))}"
            for name in [*WIDGET_PAGES, *(n for n in FLOORS if n in cold)]
        )
        + f"; follow-up / bare main = {ratio(best('follow-up planner'), best('bare loadPyodide(), main thread'))}"
    )
    print(
        f"\nRecomputation only the checklist progress: median {statistics.median(recompute['progress only']):.1f} ms"
        f" ({changes} changes per page)"
    )
    first = statistics.median(run[0] for run in calendar)
    again = statistics.median(run[1] for run in calendar)
    print(
        f"Calendar (.ics) export: first click {first:.0f} ms (fetches icalendar), later {again:.0f} ms;"
        f" lazy-load cost {first - again:.0f} ms"
    )

    print("\n## Content pages\n")
    rows = []
    for name in CONTENT_PAGES:
        c, w, br = cold_m[name], warm_m[name], cold_m.get(f"{name} (.br served)")
        rows.append(
            [
                name,
                ms(c.fcp_ms),
                ms(w.fcp_ms),
                kb(c.bytes_total),
                kb(br.bytes_total) if br else "(--levers)",
                str(c.bytes_pyodide),
                f"{c.blocking_ms:.0f} ms",
            ]
        )
    print(
        table(
            [
                "page",
                "FCP cold",
                "FCP warm",
                "bytes cold",
                "bytes cold (.br)",
                "Pyodide bytes",
                "long tasks",
            ],
            rows,
        )
    )

    ours_result = cold_m["follow-up planner"]
    if peers:
        print(
            "\n## Peers: the same task (boot, install py_widgets, compute the follow-up plan), cold\n"
        )
        rows = [
            [
                "ours: follow-up planner",
                ms(ours_result.result_ms),
                f"{ours_result.blocking_ms:.0f} ms",
                "1.00",
            ]
        ]
        for peer in peers:
            s = cold_m[peer.name]
            rows.append(
                [
                    peer.name,
                    ms(s.result_ms),
                    f"{s.blocking_ms:.0f} ms",
                    ratio(ours_result.result_ms, s.result_ms),
                ]
            )
        print(table(["contender", "first result", "TBT", "ours / theirs"], rows))
        if ROUTED_FLOOR in cold_m:
            routed = cold_m[ROUTED_FLOOR]
            print(
                f"\nWhat the peers' routing costs: the bare main-thread page takes {ms(routed.result_ms)}"
                f" routed against {ms(floor_main.result_ms)} unrouted"
                f" ({ratio(routed.result_ms, floor_main.result_ms)}×). Ours / routed bare page:"
                f" {ratio(ours_result.result_ms, routed.result_ms)}"
            )

    levers = [c for c in contenders if c.group in ("lever", "before")]
    if levers:
        print("\n## Levers, on the follow-up planner page, cold\n")
        rows = [
            [
                "shipped: early start, bridge at end of <body>, no hints",
                ms(ours_result.result_ms),
                kb(ours_result.bytes_total),
                f"{ours_result.blocking_ms:.0f} ms",
                "1.00",
            ]
        ]
        for lever in levers:
            s = cold_m[lever.name]
            rows.append(
                [
                    lever.name,
                    ms(s.result_ms),
                    kb(s.bytes_total),
                    f"{s.blocking_ms:.0f} ms",
                    ratio(s.result_ms, ours_result.result_ms),
                ]
            )
        print(table(["variant", "first result", "bytes", "TBT", "vs shipped"], rows))

    boots = [c for c in contenders if c.group == "boot"]
    if boots:
        print(
            f"\nBoot timing: a visitor answers at {FIRST_INTERACTION_MS:.0f} ms;"
            " how long until that answer's result shows\n"
        )
        rows = []
        for lever in boots:
            waits = [s.extra.get("wait_after_interaction") for s in cold[lever.name]]
            present = [w for w in waits if w is not None]
            rows.append(
                [
                    lever.name,
                    ms(statistics.median(present) if present else None),
                    f"{cold_m[lever.name].blocking_ms:.0f} ms",
                ]
            )
        print(table(["boot", "wait after the first answer", "TBT"], rows))

    shipped_warm = warm_m["follow-up planner"]
    warm_levers = [name for name in (NO_SNAPSHOT, BEFORE) if name in warm_m]
    if warm_levers:
        print("\nWarm loads (persistent profile) of the follow-up planner\n")
        rows = [["shipped: starts from the snapshot", ms(shipped_warm.result_ms), "1.00"]]
        for name in warm_levers:
            rows.append(
                [
                    name,
                    ms(warm_m[name].result_ms),
                    ratio(warm_m[name].result_ms, shipped_warm.result_ms),
                ]
            )
        print(table(["variant", "first result warm", "vs shipped"], rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per contender (default 5)")
    parser.add_argument(
        "--smoke", action="store_true", help="one run of everything, to check the harness works"
    )
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    parser.add_argument(
        "--changes", type=int, default=15, help="answer changes per recomputation run"
    )
    parser.add_argument(
        "--no-peers", action="store_true", help="skip the markdown-exec and PyScript peers"
    )
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument(
        "--levers",
        action="store_true",
        help="also measure each start-up lever undone (about 4 minutes more)",
    )
    parser.add_argument("--json", type=Path, help="also write every sample here")
    parser.add_argument(
        "--before",
        type=Path,
        help="a site built from an earlier commit: its follow-up page is measured in the same run",
    )
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    runs = 1 if args.smoke else args.runs
    changes = 3 if args.smoke else args.changes
    started = time.perf_counter()
    report: dict[str, Any] = {"runs": runs}

    with ExitStack() as stack:
        if args.site:
            site = args.site
            build_times: list[float] = []
        else:
            site = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="irp-bench-site-")))
            progress("building the site")
            build_times = build_site(site, 1 if args.smoke else 3)
        base = stack.enter_context(serve(site, BenchHandler))
        base_br = stack.enter_context(serve(site, PrecompressedHandler))
        base_before = stack.enter_context(serve(args.before, BenchHandler)) if args.before else None
        peer_run = stack.enter_context(optional_peers(site, not args.no_peers))
        peers = peer_run.contenders
        playwright = stack.enter_context(sync_playwright())
        browser = launch(playwright, peer_run.launch_args)

        ours = [
            Contender("ours", name, base + path, DONE) for name, (path, _) in WIDGET_PAGES.items()
        ]
        bare = [
            Contender(
                "floor",
                "bare loadPyodide(), main thread",
                base + "__bench__/bare-main.html",
                BARE_DONE,
            ),
            Contender(
                "floor",
                "bare loadPyodide(), module worker",
                base + "__bench__/bare-worker.html",
                BARE_DONE,
            ),
        ]
        if args.levers:  # a diagnostic: our page's weight without our code
            bare.append(
                Contender(
                    "floor",
                    IN_PAGE_FLOOR,
                    f"{base}{WIDGET_PAGES['follow-up planner'][0]}?bench=bare-worker-in-page",
                    BARE_DONE,
                )
            )
        if peers and args.levers:  # a diagnostic: does the peers' routing cost anything?
            bare.append(
                Contender(
                    "floor",
                    ROUTED_FLOOR,
                    base + "__bench__/bare-main.html",
                    BARE_DONE,
                    routed=True,
                )
            )
        lever_path, lever_label = LEVER_PAGE
        interact = first_interaction(lever_label)
        levers = (
            []
            if not args.levers
            else [
                Contender(
                    "lever",
                    "with preload hints for the worker's files",
                    f"{base}{lever_path}?bench=hints",
                    DONE,
                ),
                Contender(
                    "lever",
                    "with preload hints, the wasm's too",
                    f"{base}{lever_path}?bench=hints-and-wasm",
                    DONE,
                ),
                Contender(
                    "lever",
                    "bridge in <head>",
                    f"{base}{lever_path}?bench=bridge-in-head",
                    DONE,
                ),
                Contender(
                    "lever",
                    "Python started after the page is parsed",
                    f"{base}{lever_path}?bench=start-after-parse",
                    DONE,
                ),
                Contender("lever", "served from the .br/.gz copies", base_br + lever_path, DONE),
                Contender(
                    "boot",
                    "boot as the page loads (shipped)",
                    base + lever_path,
                    DONE,
                    interact=interact,
                ),
                Contender(
                    "boot",
                    "boot when idle",
                    f"{base}{lever_path}?bench=boot-idle",
                    DONE,
                    interact=interact,
                ),
                Contender(
                    "boot",
                    "boot on first interaction",
                    f"{base}{lever_path}?bench=boot-on-interaction",
                    DONE,
                    interact=interact,
                ),
            ]
        )
        content = [
            Contender("content", name, base + path, None) for name, path in CONTENT_PAGES.items()
        ]
        if args.levers:
            content += [
                Contender("content", f"{name} (.br served)", base_br + path, None)
                for name, path in CONTENT_PAGES.items()
            ]
        before = (
            [Contender("before", BEFORE, base_before + lever_path, DONE)] if base_before else []
        )
        contenders = [*ours, *bare, *peers, *levers, *before, *content]

        for primer in [ours[0], *peers]:  # fill the OS file cache (and the peers' build) first
            with browser.new_context() as priming:
                if peer_run.routes and primer.routed:
                    peer_run.routes(priming)
                load(
                    priming,
                    primer.url,
                    primer.done_selector,
                    done_text=primer.done_text,
                    click_selector=primer.click_selector,
                )
        progress(f"cold loads: {len(contenders)} contenders x {runs} runs")
        cold = run_cold(browser, contenders, runs, peer_run.routes)
        warm_pages = {
            **{name: WarmPage(base + path, DONE) for name, (path, _) in WIDGET_PAGES.items()},
            **(
                {NO_SNAPSHOT: WarmPage(base + lever_path, DONE, without_snapshot=True)}
                if args.levers
                else {}
            ),
            **(
                {BEFORE: WarmPage(base_before + lever_path, DONE, saves_snapshot=False)}
                if base_before
                else {}
            ),
            **{name: WarmPage(base + path, None) for name, path in CONTENT_PAGES.items()},
        }
        progress("warm loads")
        warm = run_warm(playwright, base, warm_pages, runs)
        progress("recomputation and the calendar export")
        recompute = {
            name: recompute_times(browser, base + path, label, changes)
            for name, (path, label) in {"progress only": PROGRESS_PAGE, **WIDGET_PAGES}.items()
        }
        calendar = [
            calendar_export_times(browser, base + LEVER_PAGE[0])
            for _ in range(1 if args.smoke else 3)
        ]
        browser.close()

        print_measurements(cold, warm, recompute, calendar, contenders, peers, runs, changes)
        lighthouse: dict[str, dict[str, float]] = {}
        if not args.no_lighthouse:
            from scripts import bench_lighthouse

            # Served from the .br copies, as a host that compresses would: Lighthouse charges
            # every byte at a simulated 10 Mbit/s, and no real host sends this CSS uncompressed.
            lighthouse_pages = {
                **CONTENT_PAGES,
                **{name: path for name, (path, _) in WIDGET_PAGES.items()},
            }
            pages = {name: base_br + path for name, path in lighthouse_pages.items()}
            progress("Lighthouse")
            lighthouse = bench_lighthouse.lighthouse_scores(pages, runs=1 if args.smoke else 3)

    if lighthouse:
        print(
            f"\n## Lighthouse (desktop preset, median of {1 if args.smoke else 3}, .br copies served)\n"
        )
        rows = [
            [
                name,
                *(
                    f"{scores[k]:.0f}"
                    for k in ("performance", "accessibility", "best-practices", "seo")
                ),
            ]
            for name, scores in lighthouse.items()
        ]
        print(table(["page", "performance", "accessibility", "best practices", "SEO"], rows))

    if build_times:
        print(
            f"\nBuild: mkdocs build --strict, median of {len(build_times)}: {statistics.median(build_times):.2f} s"
            f" (each: {', '.join(f'{t:.2f}' for t in build_times)} s)"
        )
    elapsed = time.perf_counter() - started
    print(f"Benchmark wall time: {elapsed / 60:.1f} min")
    if args.json:
        report.update(
            cold={n: [asdict(s) for s in v] for n, v in cold.items()},
            warm={n: [asdict(s) for s in v] for n, v in warm.items()},
            recompute=recompute,
            calendar=calendar,
            lighthouse=lighthouse,
            build=build_times,
            contenders={c.name: c.group for c in contenders},
            wall_s=elapsed,
        )
        args.json.write_text(json.dumps(report, indent=1), "utf-8")


if __name__ == "__main__":
    main()
