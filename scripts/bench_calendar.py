"""Benchmark: the first calendar (.ics) export on two builds, in the same run.

The calendar group (icalendar and its dependencies) is fetched, verified and
unpacked the first time a visitor asks for a calendar file, so its wheel bytes
are paid on that click. This compares the first and a later click on two
built sites, alternating between them run by run so that machine noise hits
both alike, and prints medians and the ratio. It was written to measure
``scripts/trim_wheels.py`` (build once with the trim list and once without).

    .venv/bin/python scripts/bench_calendar.py --before /tmp/site-untrimmed --after site
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from scripts.bench import calendar_export_times, launch
from scripts.bench_server import BenchHandler
from tests.support import serve

PAGE = "checklists/follow-up-timing/"


def wheel_bytes(site: Path, group: str) -> int:
    """Bytes of one lazy group's wheels as published in ``site``."""
    manifest = json.loads((site / "assets" / "wheels" / "manifest.json").read_text("utf-8"))
    return sum(int(entry["size"]) for entry in manifest["lazy"] if entry["group"] == group)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--before", type=Path, required=True, help="a built site to compare with")
    parser.add_argument(
        "--after", type=Path, default=Path("site"), help="a built site (default: site)"
    )
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sites = {"before": args.before, "after": args.after}
    first: dict[str, list[float]] = {name: [] for name in sites}
    later: dict[str, list[float]] = {name: [] for name in sites}
    with ExitStack() as stack:
        bases = {
            name: stack.enter_context(serve(path, BenchHandler)) for name, path in sites.items()
        }
        browser = launch(stack.enter_context(sync_playwright()), [])
        for run in range(args.runs):
            for name in sites:
                once, again = calendar_export_times(browser, bases[name] + PAGE)
                first[name].append(once)
                later[name].append(again)
                print(
                    f"run {run + 1} {name}: first {once:.0f} ms, later {again:.0f} ms",
                    file=sys.stderr,
                )
    print(f"Calendar export, {args.runs} fresh contexts each, medians:")
    for name, path in sites.items():
        print(
            f"  {name:6} {path}: calendar wheels {wheel_bytes(path, 'calendar') / 1000:.0f} kB, "
            f"first click {statistics.median(first[name]):.0f} ms, "
            f"later click {statistics.median(later[name]):.0f} ms"
        )
    ratio = statistics.median(first["after"]) / statistics.median(first["before"])
    print(f"  first click, after / before: {ratio:.2f}")


if __name__ == "__main__":
    main()
