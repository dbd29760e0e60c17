"""Every internal link and every #anchor in the built site resolves, checked by LinkChecker.

Served over http://127.0.0.1, not read through file://: MkDocs writes directory
URLs (``playbooks/x/`` is ``playbooks/x/index.html``), and LinkChecker's file://
checker treats a directory as a file listing, so it cannot see anchors on such
URLs ("AnchorCheck does not support anchors for directories"). A web server
answers ``playbooks/x/`` with its ``index.html``, as the real host does.

Every HTML page is a start URL, so a page nothing links to is checked too.
External links are not followed (``checkextern=0``): the suite must not depend
on the network, and the site makes no third-party requests anyway.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import QuietHandler, serve

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
TIMEOUT = 120
CONFIG = """\
[checking]
threads=4
recursionlevel=-1
timeout=20
# The test server sends a "LinkChecker" header, which lifts LinkChecker's
# per-host rate limit (10 requests a second by default) for this run.
maxrequestspersecond=1000

[filtering]
checkextern=0

[AnchorCheck]

[csv]
# No comment lines, and "line" last: LinkChecker leaves it out for start URLs.
parts=urlname,parentname,result,warningstring,valid,url,line
"""
SUMMARY = re.compile(r"(\d+) links? in (\d+) URLs? checked")


class LinkCheckerHandler(QuietHandler):
    """The static server from tests.support, telling LinkChecker it may go full speed."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "full-speed")
        super().end_headers()


@dataclass
class Report:
    urls_checked: int
    broken: list[str]
    """Invalid URLs and missing anchors, one line each."""
    other_warnings: list[str]
    seconds: float


def page_urls(site: Path, base: str) -> list[str]:
    """Every HTML page as the server publishes it: ``x/index.html`` is ``x/``."""
    urls = []
    for page in sorted(site.rglob("*.html")):
        path = page.relative_to(site).as_posix()
        urls.append(base + path.removesuffix("index.html"))
    return urls


@pytest.fixture(scope="module")
def config_dir() -> Iterator[Path]:
    """A folder LinkChecker can read after it drops root privileges to ``nobody``."""
    folder = Path(tempfile.mkdtemp(prefix="irp-linkchecker-"))
    try:
        folder.chmod(0o755)
        (folder / "linkcheckerrc").write_text(CONFIG, "utf-8")
        (folder / "linkcheckerrc").chmod(0o644)
        yield folder
    finally:
        shutil.rmtree(folder)


def linkcheck(
    site: Path, config_dir: Path, output: Path, *, start: list[str] | None = None
) -> Report:
    """Serve ``site``, run LinkChecker over it, and read its CSV report from ``output``.

    ``start`` narrows the start pages (paths such as ``index.html``) and checks
    only the links on them; by default every page is a start page and the
    check recurses without limit.
    """
    if not LINKCHECKER.is_file():
        pytest.fail(f"{LINKCHECKER} is missing: install the dev dependencies (pyproject.toml)")
    started = time.monotonic()
    with serve(site, LinkCheckerHandler) as base, output.open("wb") as report_file:
        command = [
            str(LINKCHECKER),
            "--config",
            str(config_dir / "linkcheckerrc"),
            "--no-status",
            "--verbose",  # log every URL, so the report can say how many were checked
            "--output",
            "csv/utf-8",
            *(
                ["--recursion-level=1", *(base + path for path in start)]
                if start
                else page_urls(site, base)
            ),
        ]
        # The report goes to a file this process opened, so it does not matter
        # that LinkChecker runs as nobody when the suite runs as root.
        completed = subprocess.run(
            command,
            stdout=report_file,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
            check=False,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
    seconds = time.monotonic() - started
    stderr = completed.stderr.decode("utf-8", "replace")
    # Exit status: 0 all good, 1 broken links or warnings, 2 the program itself failed.
    assert completed.returncode in (0, 1), f"linkchecker failed ({completed.returncode}):\n{stderr}"
    with output.open(encoding="utf-8", newline="") as lines:
        rows = list(csv.DictReader(lines, delimiter=";"))
    assert rows, f"linkchecker reported nothing:\n{stderr}"
    broken: list[str] = []
    other: list[str] = []
    for row in rows:
        where = f"{row['urlname']} (in {row['parentname'] or 'the start URLs'}, line {row['line'] or '-'})"
        warning = " ".join(row["warningstring"].split())
        if row["valid"] != "True":
            broken.append(f"{where}: {row['result']}")
        elif re.search(r"anchor .* not found", warning, re.IGNORECASE):
            broken.append(f"{where}: {warning}")
        elif warning:
            other.append(f"{where}: {warning}")
    return Report(len(rows), broken, other, seconds)


def test_every_internal_link_and_anchor_resolves(
    built_site: Path, config_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = linkcheck(built_site, config_dir, tmp_path / "linkchecker.csv")
    with capsys.disabled():
        print(
            f"\nlinkchecker: {report.urls_checked} URLs checked in {report.seconds:.1f} s, "
            f"{len(report.broken)} broken, {len(report.other_warnings)} other warning(s)"
        )
        for warning in report.other_warnings:
            print(f"  warning: {warning}")
    assert not report.broken, "broken internal links or anchors:\n" + "\n".join(report.broken)


def test_a_broken_link_or_anchor_is_caught(
    built_site: Path, config_dir: Path, tmp_path: Path
) -> None:
    """The same check on a copy of the site with one bad anchor and one bad page link."""
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    page = copy / "index.html"
    html = page.read_text("utf-8")
    target = next(path for path in sorted((copy / "playbooks").iterdir()) if path.is_dir())
    injected = (
        f'<a href="playbooks/{target.name}/#no-such-heading-injected">bad anchor</a>'
        '<a href="playbooks/no-such-page-injected/">bad page</a>'
    )
    page.write_text(html.replace("</body>", f"{injected}</body>", 1), "utf-8")

    # Only the changed page is a start page (same server, same configuration and
    # anchor check, one level deep): it proves detection without a second full crawl.
    report = linkcheck(copy, config_dir, tmp_path / "linkchecker.csv", start=["index.html"])
    broken = "\n".join(report.broken)
    assert report.urls_checked > 10, "the links on the page should have been checked"
    assert len(report.broken) == 2, broken
    assert "no-such-heading-injected" in broken
    assert "no-such-page-injected" in broken
