"""One page load, measured the same way for our pages, the bare baselines and the peers.

Every contender is timed by the page itself (an init script with a
MutationObserver and PerformanceObservers), not by when Playwright happens to
poll, so a peer that writes its result into the DOM is timed exactly like our
widget. Bytes are the encoded response bodies of every request the page and its
workers made, so pre-compressed copies show up as fewer bytes.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import BrowserContext, Page, Request

# Long tasks are summed only up to the first result: that is the blocking a
# visitor suffers while waiting for it. A task counts beyond its first 50 ms,
# as in Lighthouse's Total Blocking Time.
LONG_TASK_ALLOWANCE_MS = 50.0

PYODIDE_PATH_MARKERS = ("/pyodide/", "pyodide.asm", "python_stdlib.zip")

# In-page, so that times are stamped by the page itself. When a contender
# has a click selector (markdown-exec's Run button, which only matches once
# its handler is attached), the observer clicks it the moment it matches: the
# earliest any reader could. Playwright's own click polls with a 20-500 ms
# backoff and was measured landing 436 ms late, which would charge the peer
# for our harness.
OBSERVERS_JS = """
(() => {
  const bench = (window.__bench = { longtasks: [], done: null, fcp: null, clicked: null });
  const watch = (type, record) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(record)).observe({ type, buffered: true });
    } catch (error) {}
  };
  watch("longtask", (entry) => bench.longtasks.push([entry.startTime, entry.duration]));
  watch("paint", (entry) => { if (entry.name === "first-contentful-paint") bench.fcp = entry.startTime; });
  const [selector, text, clickSelector] = SETTINGS;
  if (!selector) return;
  const check = () => {
    if (clickSelector && bench.clicked === null) {
      const button = document.querySelector(clickSelector);
      if (button) {
        bench.clicked = performance.now();
        button.click();
      }
    }
    const element = bench.done === null && document.querySelector(selector);
    if (element && (text === null || element.textContent.includes(text))) {
      bench.done = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();
"""

READ_JS = """() => {
  const mark = (name) => { const m = performance.getEntriesByName(name); return m.length ? m[0].startTime : null; };
  return { ...window.__bench, ready: mark("irp:python-ready") };
}"""


def observers_script(
    done_selector: str | None, done_text: str | None = None, click_selector: str | None = None
) -> str:
    """The init script; selectors must be plain CSS, since they run in the page."""
    return OBSERVERS_JS.replace("SETTINGS", json.dumps([done_selector, done_text, click_selector]))


@dataclass
class Sample:
    """What one load of one page cost."""

    result_ms: float | None = None
    ready_ms: float | None = None
    fcp_ms: float | None = None
    blocking_ms: float = 0.0
    bytes_total: int = 0
    bytes_pyodide: int = 0
    requests: int = 0
    extra: dict[str, float] = field(default_factory=dict)


class ByteCounter:
    """Collects every finished request of a context, page and workers alike."""

    def __init__(self, context: BrowserContext) -> None:
        self.requests: list[Request] = []
        self._context = context
        context.on("requestfinished", self._add)

    def _add(self, request: Request) -> None:
        self.requests.append(request)

    def totals(self) -> tuple[int, int, int]:
        total = pyodide = 0
        for request in self.requests:
            if not request.url.startswith("http"):
                continue
            sizes = request.sizes()
            # Chromium reports -1 (or less) for a body served from the HTTP cache.
            size = max(0, int(sizes["responseBodySize"])) + max(
                0, int(sizes["responseHeadersSize"])
            )
            total += size
            if any(marker in request.url for marker in PYODIDE_PATH_MARKERS):
                pyodide += size
        return total, pyodide, len(self.requests)

    def stop(self) -> None:
        self._context.remove_listener("requestfinished", self._add)


def blocking_before(longtasks: Iterable[list[float]], until: float | None) -> float:
    return sum(
        max(0.0, duration - LONG_TASK_ALLOWANCE_MS)
        for start, duration in longtasks
        if until is None or start < until
    )


def load(
    context: BrowserContext,
    url: str,
    done_selector: str | None,
    *,
    done_text: str | None = None,
    click_selector: str | None = None,
    before_done: Callable[[Page], None] | None = None,
    after_done: Callable[[Page], None] | None = None,
    timeout_ms: float = 120_000,
) -> Sample:
    """Open ``url`` in a new page of ``context`` and wait for ``done_selector`` (or for load)."""
    counter = ByteCounter(context)
    page = context.new_page()
    page.add_init_script(observers_script(done_selector, done_text, click_selector))
    try:
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        if before_done is not None:
            before_done(page)
        if done_selector is not None:
            wait_until(page, "() => window.__bench.done !== null", timeout_ms)
        page.wait_for_load_state("load", timeout=timeout_ms)
        if done_selector is None:
            # A content page is done at load, but Material fetches its search index just after;
            # those bytes are part of the page's cost. A widget page's result comes seconds
            # after load, by which time they have long arrived.
            page.wait_for_load_state("networkidle", timeout=timeout_ms)
        marks: dict[str, Any] = page.evaluate(READ_JS)
        total, pyodide, requests = counter.totals()
        if after_done is not None:
            after_done(page)
        until = marks["done"]
        return Sample(
            result_ms=until,
            ready_ms=marks["ready"],
            fcp_ms=marks["fcp"],
            blocking_ms=blocking_before(marks["longtasks"], until),
            bytes_total=total,
            bytes_pyodide=pyodide,
            requests=requests,
        )
    finally:
        counter.stop()
        page.close()


def wait_until(page: Page, predicate_js: str, timeout_ms: float) -> None:
    """Poll a predicate from outside the page.

    ``page.wait_for_function`` compiles its predicate with ``new Function``,
    which our Content-Security-Policy forbids, and the benchmark must run
    under the real headers. The poll interval does not affect any figure:
    the page stamps its own times.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(predicate_js):
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout_ms:.0f} ms waiting for {predicate_js}")
        page.wait_for_timeout(20)


def median(values: Iterable[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def medians(samples: list[Sample]) -> Sample:
    """The per-field median of several samples (bytes too: a stray late request is noise)."""
    return Sample(
        result_ms=median(s.result_ms for s in samples),
        ready_ms=median(s.ready_ms for s in samples),
        fcp_ms=median(s.fcp_ms for s in samples),
        blocking_ms=median(s.blocking_ms for s in samples) or 0.0,
        bytes_total=int(median(s.bytes_total for s in samples) or 0),
        bytes_pyodide=int(median(s.bytes_pyodide for s in samples) or 0),
        requests=int(median(s.requests for s in samples) or 0),
    )
