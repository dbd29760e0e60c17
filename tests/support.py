"""Helpers shared by the test suites: where things are, and a static server for the built site."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.headers import read_headers_file

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("IRP_SITE_DIR", ROOT / "site"))

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

CHROMIUM_CANDIDATES = (
    "/usr/lib/chromium/chromium",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
)


def system_chromium() -> str | None:
    """Debian's real Chromium binary, if installed; Playwright's own download is used otherwise."""
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (the base class declares it as a plain attribute)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


class HostHeadersHandler(QuietHandler):
    """Serves the site with exactly the headers its ``_headers`` file gives a static host."""

    def end_headers(self) -> None:
        headers_file = Path(self.directory) / "_headers"
        if headers_file.is_file():
            for name, value in read_headers_file(headers_file).items():
                self.send_header(name, value)
        super().end_headers()


@contextmanager
def serve(directory: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port; yields the base URL ending in ``/``."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
