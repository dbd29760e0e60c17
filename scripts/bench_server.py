"""The benchmark's static server: the built site as a host would serve it, plus variants.

* Every response carries the site's own ``_headers`` (CSP included), as on a
  real static host.
* With ``precompressed`` on, a request that accepts brotli or gzip gets the
  ``.br``/``.gz`` copy the build wrote, the way nginx's ``brotli_static`` does.
* ``?bench=<variant>`` on a page URL serves that page with one lever undone
  or changed (hints removed, Python started later), so a lever is measured
  against the same build in the same run, and no experiment has to live in
  the product's code.
* ``/__bench__/`` holds the bare ``loadPyodide()`` baselines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.support import HostHeadersHandler

BARE_MAIN = """<!doctype html><html lang="en"><title>bare</title><body><p id="out">loading</p>
<script type="module" src="bare-main.js"></script></body></html>"""

BARE_MAIN_JS = """import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("../assets/pyodide/", location).href });
performance.mark("irp:python-ready");
document.getElementById("out").textContent = py.runPython("str(6 * 7)");
document.getElementById("out").dataset.done = "1";
"""

BARE_WORKER = """<!doctype html><html lang="en"><title>bare worker</title><body><p id="out">loading</p>
<script type="module" src="bare-worker-page.js"></script></body></html>"""

BARE_WORKER_PAGE_JS = """const worker = new Worker("bare-worker.js", { type: "module" });
worker.onmessage = ({ data }) => {
  if (data === "ready") { performance.mark("irp:python-ready"); return; }
  const out = document.getElementById("out");
  out.textContent = data;
  out.dataset.done = "1";
};
"""

BARE_WORKER_JS = """import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
self.postMessage("ready");
self.postMessage(py.runPython("str(6 * 7)"));
"""

# Lever variants start the bridge later. The page keeps its own <script> tag
# (so nothing else changes) but with the bridge URL moved to data-bridge.
BOOT_IDLE_JS = """const bridge = document.querySelector("script[data-bridge]").dataset.bridge;
const start = () => import(new URL(bridge, document.baseURI).href);
if ("requestIdleCallback" in window) requestIdleCallback(start, { timeout: 5000 });
else setTimeout(start, 1);
"""

BOOT_ON_INTERACTION_JS = """const bridge = document.querySelector("script[data-bridge]").dataset.bridge;
let started = false;
const start = () => {
  if (started) return;
  started = true;
  import(new URL(bridge, document.baseURI).href);
};
for (const type of ["pointerdown", "keydown", "focusin"]) addEventListener(type, start, { once: true, capture: true });
"""

BARE_WORKER_IN_PAGE_JS = """const worker = new Worker("/__bench__/bare-worker.js", { type: "module" });
worker.onmessage = ({ data }) => {
  if (data === "ready") { performance.mark("irp:python-ready"); return; }
  const out = document.createElement("p");
  out.id = "out";
  out.textContent = data;
  out.dataset.done = "1";
  document.body.append(out);
};
"""

BENCH_FILES = {
    "bare-worker-in-page.js": (BARE_WORKER_IN_PAGE_JS, "text/javascript"),
    "bare-main.html": (BARE_MAIN, "text/html"),
    "bare-main.js": (BARE_MAIN_JS, "text/javascript"),
    "bare-worker.html": (BARE_WORKER, "text/html"),
    "bare-worker-page.js": (BARE_WORKER_PAGE_JS, "text/javascript"),
    "bare-worker.js": (BARE_WORKER_JS, "text/javascript"),
    "boot-idle.js": (BOOT_IDLE_JS, "text/javascript"),
    "boot-on-interaction.js": (BOOT_ON_INTERACTION_JS, "text/javascript"),
}
BARE_DONE = "#out[data-done]"

EARLY_START = re.compile(r'<meta name="irp-python" content="widgets">\n?')
BRIDGE_TAG = re.compile(
    r'<script src="(?P<src>[^"]*assets/js/bridge\.js)" type="module" async></script>\n?'
)
# The preload hints the site shipped for a while, for the "hints" lever.
HINTED_FILES = (
    "assets/js/py-worker.js",
    "assets/pyodide/pyodide.mjs",
    "assets/pyodide/pyodide.asm.mjs",
    "assets/pyodide/python_stdlib.zip",
)


def _bridge_in_head(html: str) -> str:
    """The bridge fetched and run from <head>, before the long form is parsed."""
    tag = BRIDGE_TAG.search(html)
    if tag is None:
        return html
    return html.replace(tag[0], "", 1).replace("</head>", tag[0] + "</head>", 1)


def _bare_worker_in_page(html: str) -> str:
    """Our page's weight without our code: the bare worker instead of the bridge."""
    return BRIDGE_TAG.sub(
        '<script src="/__bench__/bare-worker-in-page.js" type="module" async></script>\n', html
    )


def _with_hints(files: tuple[str, ...]) -> Callable[[str], str]:
    def rewrite(html: str) -> str:
        tag = BRIDGE_TAG.search(html)
        root = tag["src"].removesuffix("assets/js/bridge.js") if tag else ""
        hints = "".join(
            f'<link rel="preload" href="{root}{path}" as="fetch" crossorigin>\n' for path in files
        )
        return html.replace("</head>", hints + "</head>", 1)

    return rewrite


def _defer_bridge(script: str) -> Callable[[str], str]:
    def rewrite(html: str) -> str:
        return BRIDGE_TAG.sub(
            lambda m: (
                f'<script src="/__bench__/{script}" data-bridge="{m["src"]}" type="module"></script>'
            ),
            html,
        )

    return rewrite


# Each variant undoes or changes one lever of the shipped page.
VARIANTS: dict[str, Callable[[str], str]] = {
    "hints": _with_hints(HINTED_FILES),
    "hints-and-wasm": _with_hints((*HINTED_FILES, "assets/pyodide/pyodide.asm.wasm")),
    "bridge-in-head": _bridge_in_head,
    # Python started once the page is parsed, as before the early start.
    "start-after-parse": lambda html: EARLY_START.sub("", html),
    # Not a lever: a control that loads the bare worker on our own page.
    "bare-worker-in-page": _bare_worker_in_page,
    "boot-idle": _defer_bridge("boot-idle.js"),
    "boot-on-interaction": _defer_bridge("boot-on-interaction.js"),
}

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".zip": "application/zip",
    ".whl": "application/zip",
}


class BenchHandler(HostHeadersHandler):
    precompressed = False

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path.startswith("/__bench__/"):
            name = parts.path.removeprefix("/__bench__/")
            if name in BENCH_FILES:
                body, content_type = BENCH_FILES[name]
                self._send(body.encode(), content_type, None, 0)
                return
        variant = parse_qs(parts.query).get("bench", [""])[0]
        if variant and variant not in VARIANTS:
            # A misspelt variant must not quietly measure the shipped page under another name.
            self.send_error(400, f"unknown bench variant {variant!r}")
            return
        file = Path(self.translate_path(parts.path))
        if file.is_dir():
            file = file / "index.html"
        if variant in VARIANTS and file.suffix == ".html" and file.is_file():
            html = VARIANTS[variant](file.read_text("utf-8"))
            self._send(html.encode(), CONTENT_TYPES[".html"], None, file.stat().st_mtime)
            return
        if self.precompressed and file.is_file():
            accepted = self.headers.get("Accept-Encoding", "")
            for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
                copy = file.with_name(file.name + suffix)
                if encoding in accepted and copy.is_file():
                    self._send(
                        copy.read_bytes(),
                        CONTENT_TYPES.get(file.suffix, "application/octet-stream"),
                        encoding,
                        file.stat().st_mtime,
                    )
                    return
        super().do_GET()

    def _send(self, body: bytes, content_type: str, encoding: str | None, mtime: float) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(mtime)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


class PrecompressedHandler(BenchHandler):
    precompressed = True
