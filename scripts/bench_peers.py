"""Peer contenders for the first-result benchmark (issue #7), served and routed locally.

Each peer puts Python into a Material for MkDocs page its own way and runs the
same task our follow-up-timing checklist runs on first load: boot Pyodide
314.0.7, install our ``py_widgets`` wheel, call
``py_widgets.api.run_json("followup", <the bridge's input JSON>)`` and put the
plan's headline into the DOM.

- markdown-exec 1.12.6, ``pyodide`` fence: Pyodide on the main thread, the
  wheel through the fence's ``install=`` option (``micropip.install`` of a URL),
  and the code runs when the reader clicks Run.
- PyScript 0.7.31, ``<script type="py">`` on the main thread and with
  ``worker``: the wheel through the ``packages`` config (PyScript hands it to
  micropip), the interpreter pinned with the ``interpreter`` config.

The pages keep their CDN URLs. ``PeerRun.install_routes`` answers every CDN
request with a 307 to a local mirror, so nobody pays for the network; the
mirror's Pyodide core files are copies of the ones our site serves. Fulfilling
the bodies from Playwright instead would add 550-750 ms per load.

``scripts/bench.py`` measures them, beside our pages, with ``scripts/bench_measure.py``.
"""

from __future__ import annotations

import functools
import hashlib
import html.parser
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import BrowserContext, Route  # noqa: E402

from tests.support import (  # noqa: E402
    QuietHandler,
    serve,
)

# Every host but the loopback fails at once, so a request nobody routed shows up
# as a failed request instead of a slow timeout or a real download.
HOST_RESOLVER_ARG = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"

PYODIDE_VERSION = "314.0.7"
PYSCRIPT_VERSION = "0.7.31"
# Both peers load micropip through Pyodide's lockfile. npm's pyodide ships no
# wheels, and the PyPI wheel is not byte-identical to the one Pyodide's
# lockfile names (e2d52886...), so the mirror's lockfile carries this hash.
MICROPIP_REQUIREMENT = "micropip==0.11.1"
MICROPIP_WHEEL = "micropip-0.11.1-py3-none-any.whl"
MICROPIP_PYPI_SHA256 = "768de165adb8e66906039d8fec4127a57f522dfdf8e6fbff877a4616941ecfd3"

WIDGET_PAGE = "checklists/follow-up-timing/"

# Written into HTML at build time and replaced by the server with its own
# origin: markdown-exec hands ``install=`` straight to micropip, which needs an
# absolute URL, and the port is only known once the server runs.
ORIGIN_PLACEHOLDER = "__PEER_ORIGIN__"

# CDN host -> folder of the served root that mirrors it.
CDN_MIRRORS = {
    "cdn.jsdelivr.net": "cdn/jsdelivr",
    "cdnjs.cloudflare.com": "cdn/cdnjs",
}
PYODIDE_MIRROR = f"cdn/jsdelivr/pyodide/v{PYODIDE_VERSION}/full"
PYODIDE_CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/pyodide.mjs"
PYSCRIPT_CDN = f"https://cdn.jsdelivr.net/npm/@pyscript/core@{PYSCRIPT_VERSION}/dist"
PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")

# Files the peers request from CDNs: mirror path -> source under the project.
# markdown-exec's light/dark highlight.js themes come from the npm package
# "highlightjs-themes"; the same themes ship in @highlightjs/cdn-assets.
NPM_MIRROR = {
    f"{PYODIDE_MIRROR}/pyodide.js": "node_modules/pyodide/pyodide.js",
    "cdn/cdnjs/ajax/libs/highlight.js/11.7.0/highlight.min.js": "node_modules/@highlightjs/cdn-assets/highlight.min.js",
    "cdn/jsdelivr/npm/highlightjs-themes@1.0.0/tomorrow.min.css": "node_modules/@highlightjs/cdn-assets/styles/base16/tomorrow.min.css",
    "cdn/jsdelivr/npm/highlightjs-themes@1.0.0/tomorrow-night-blue.min.css": "node_modules/@highlightjs/cdn-assets/styles/tomorrow-night-blue.min.css",
}
# Whole folders: cdnjs's ace 1.16.0 is the src-min-noconflict build, and ace
# loads its Python mode and themes from beside ace.js.
NPM_MIRROR_TREES = {
    "cdn/cdnjs/ajax/libs/ace/1.16.0": "node_modules/ace-builds/src-min-noconflict",
    f"cdn/jsdelivr/npm/@pyscript/core@{PYSCRIPT_VERSION}/dist": "node_modules/@pyscript/core/dist",
}
NPM_VERSIONS = {
    "pyodide": PYODIDE_VERSION,
    "@pyscript/core": PYSCRIPT_VERSION,
    "ace-builds": "1.16.0",
    "@highlightjs/cdn-assets": "11.7.0",
}

# The task every peer runs, in Python. ``today`` is filled in at run time, the
# way the bridge's localToday() does, and the JSON text is serialised like
# JSON.stringify so run_json gets the very string our worker passes it.
PEER_TASK = """import datetime
import json
from py_widgets.api import run_json
request = json.loads({request!r})
request["today"] = datetime.date.today().isoformat()
text = json.dumps(request, ensure_ascii=False, separators=(",", ":"))
result = json.loads(run_json("followup", text))
line = result["output"]["headline"] if result["ok"] else "error: " + result["error"]
"""

# markdown-exec prints into its output pane. The marker is split in the source
# so a traceback that quotes the source cannot look like a result.
MARKDOWN_EXEC_DONE_TEXT = "followup result:"
MARKDOWN_EXEC_PRINT = 'print("followup", "result:", line)\n'

PYSCRIPT_WRITE = """from pyscript import document
out = document.getElementById("peer-result")
out.textContent = line
out.setAttribute("data-computed", "1" if result["ok"] else "error")
"""

MKDOCS_THEME = """theme:
  name: material
  language: en
  font: false
  features:
    - navigation.sections
    - navigation.top
    - navigation.footer
    - search.suggest
    - search.highlight
    - content.code.copy
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      accent: indigo
      toggle:
        icon: material/brightness-7
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: indigo
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
"""

MARKDOWN_EXEC_MKDOCS = f"""site_name: markdown-exec peer
use_directory_urls: true
strict: true
{MKDOCS_THEME}
plugins:
  - search
  - markdown-exec:
      languages: [pyodide]
markdown_extensions:
  - pymdownx.superfences
"""

MARKDOWN_EXEC_PAGE = """# Follow-up timing (markdown-exec)

Press Run to work out your follow-up plan.

```pyodide version="{version}" install="{wheel_url}"
{code}```
"""

PYSCRIPT_MKDOCS = f"""site_name: PyScript peer
use_directory_urls: true
strict: true
{MKDOCS_THEME}
plugins:
  - search
markdown_extensions:
  - md_in_html
"""

# PyScript's own snippet, as a docs author pastes it into a Markdown page.
PYSCRIPT_PAGE = """# Follow-up timing (PyScript, {mode})

<link rel="stylesheet" href="{cdn}/core.css">
<script type="module" src="{cdn}/core.js"></script>

<p id="peer-result">Loading Python…</p>

<script type="py"{worker} config='{config}'>
{code}</script>
"""

PEERS_SERVED = "serve"
STAMP = "inputs.sha256"


# ---------------------------------------------------------------- contenders


@dataclass(frozen=True)
class Contender:
    """One page to load cold, and how to tell that its first result is on screen."""

    name: str
    url: str
    # A Playwright selector. It may use Playwright's :has-text(), so an in-page
    # observer should use done_css and done_text instead.
    done_selector: str
    # Plain CSS, clicked as soon as it matches. For markdown-exec it matches only
    # once the Run handler is attached (see markdown_exec_contender), because
    # clicks before that are silently dropped. Click it from the page (see
    # OBSERVER_JS): Playwright's own click adds its polling delay.
    click_selector: str | None = None
    # Plain CSS for document.querySelector; None means done_selector is plain CSS.
    done_css: str | None = None
    # Text that the element matched by done_css must contain.
    done_text: str | None = None

    @property
    def css(self) -> str:
        return self.done_css or self.done_selector


@dataclass
class PeerRun:
    """The served peers; ``base`` is the mirror server's URL, ending in ``/``."""

    base: str
    contenders: list[Contender] = field(default_factory=list)

    def install_routes(self, context: BrowserContext) -> None:
        """Redirect every request to a mirrored CDN host to the local copy.

        Install it on every context of a comparison, ours too: routing turns on
        request interception (and switches off the HTTP cache) for the whole
        context, and each contender should pay that alike.
        """
        for host, folder in CDN_MIRRORS.items():
            context.route(f"https://{host}/**", functools.partial(self._redirect, folder))

    def _redirect(self, folder: str, route: Route) -> None:
        parts = urlsplit(route.request.url)
        target = f"{self.base}{folder}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        # CORS and CORP on the redirect itself: module scripts, fetch() and
        # cross-origin-isolated pages check the redirect response as well.
        route.fulfill(
            status=307,
            headers={
                "Location": target,
                "Access-Control-Allow-Origin": "*",
                "Cross-Origin-Resource-Policy": "cross-origin",
                "Cache-Control": "no-store",
            },
        )


def markdown_exec_contender(base: str) -> Contender:
    # The editor gets the class ace_editor and the output pane "Initializing..."
    # in one synchronous run; the pane is emptied again in the same run that
    # assigns run.onclick, after Pyodide and micropip.install finish. So a Run
    # button whose block has an ace editor and an empty output pane has its
    # handler: no click is ever sent to a dead button. A failed install leaves
    # its message in the pane, and the selector never matches.
    output = "code.pyodide-output"
    return Contender(
        name="markdown-exec pyodide fence (main thread)",
        url=f"{base}markdown-exec/",
        done_selector=f'{output}:has-text("{MARKDOWN_EXEC_DONE_TEXT}")',
        click_selector=f".pyodide:has(pre.ace_editor):has({output}:empty) span.pyodide-clickable[id$='run']",
        done_css=output,
        done_text=MARKDOWN_EXEC_DONE_TEXT,
    )


def pyscript_contender(base: str, mode: str) -> Contender:
    return Contender(
        name=f"PyScript {PYSCRIPT_VERSION} ({mode})",
        url=f"{base}pyscript/{mode.replace(' ', '-')}/",
        done_selector='#peer-result[data-computed="1"]',
    )


# ---------------------------------------------------------------- inputs


class _DefinitionReader(html.parser.HTMLParser):
    """Reads the widget's data-* attributes the way bridge.js reads root.dataset."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: dict[str, str] | None = None

    def handle_starttag(self, _tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self.attrs is None and "data-widget" in values:
            self.attrs = values


def bridge_followup_request(site_dir: Path) -> dict[str, Any]:
    """The follow-up input bridge.js sends on first load with no answers, ``today`` still None.

    Mirrors ChecklistWidget.recompute: {definition, answers, set_aside} plus
    {today, rules}; JSON.stringify drops ``rules`` when the page has none.
    """
    reader = _DefinitionReader()
    reader.feed((site_dir / WIDGET_PAGE / "index.html").read_text(encoding="utf-8"))
    if reader.attrs is None or reader.attrs.get("data-analysis") != "followup":
        raise SystemExit(f"{site_dir / WIDGET_PAGE}: no follow-up widget found")
    request: dict[str, Any] = {
        "definition": json.loads(reader.attrs["data-definition"]),
        "answers": {},
        "set_aside": {},
        "today": None,
    }
    if reader.attrs.get("data-rules"):
        request["rules"] = json.loads(reader.attrs["data-rules"])
    return request


def peer_task(site_dir: Path) -> str:
    request = json.dumps(bridge_followup_request(site_dir), ensure_ascii=False)
    return PEER_TASK.format(request=request)


def _widgets_wheel(site_dir: Path) -> tuple[str, Path]:
    manifest = json.loads((site_dir / "assets/wheels/manifest.json").read_text(encoding="utf-8"))
    (wheel,) = [w for w in manifest["wheels"] if "py_widgets" in w["provides"]]
    return wheel["name"], site_dir / "assets/wheels" / wheel["url"]


def _fingerprint(site_dir: Path) -> str:
    """Everything the built folder depends on; the build is skipped when it is unchanged."""
    digest = hashlib.sha256()
    digest.update(Path(__file__).read_bytes())
    for package in ("markdown-exec", "mkdocs", "mkdocs-material", "pymdown-extensions"):
        digest.update(f"{package}={metadata.version(package)}\n".encode())
    sources = [site_dir / "assets/pyodide" / name for name in PYODIDE_CORE]
    sources += [_widgets_wheel(site_dir)[1], site_dir / WIDGET_PAGE / "index.html"]
    sources += [ROOT / source for source in NPM_MIRROR.values()]
    sources += [ROOT / "node_modules/pyodide/pyodide-lock.json"]
    sources += [ROOT / "node_modules" / name / "package.json" for name in NPM_VERSIONS]
    for source in sources:
        digest.update(str(source.relative_to(source.anchor)).encode())
        digest.update(hashlib.sha256(source.read_bytes()).digest())
    return digest.hexdigest()


def _check_npm_versions() -> None:
    for name, expected in NPM_VERSIONS.items():
        package = ROOT / "node_modules" / name / "package.json"
        if not package.is_file():
            raise SystemExit(f"{package} is missing: run npm ci")
        found = json.loads(package.read_text(encoding="utf-8"))["version"]
        if found != expected:
            raise SystemExit(f"{name} is {found}, the peers are pinned to {expected}")


def _micropip(work_dir: Path) -> Path:
    """PyPI's micropip wheel, downloaded once and kept across rebuilds."""
    downloads = work_dir / "downloads"
    wheel = downloads / MICROPIP_WHEEL
    if not wheel.is_file():
        # micropip 0.11 requires Python >= 3.13; this is a wheel for Pyodide's 3.14, not the host.
        download = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary=:all:",
                "--python-version",
                "3.14",
                "--dest",
                str(downloads),
                MICROPIP_REQUIREMENT,
            ],
            check=False,
        )
        if download.returncode != 0:
            raise SystemExit(f"could not download {MICROPIP_REQUIREMENT} from PyPI with pip")
    found = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if found != MICROPIP_PYPI_SHA256:
        raise SystemExit(f"{wheel}: sha256 {found}, expected {MICROPIP_PYPI_SHA256}")
    return wheel


def _mkdocs(source: Path, config: str, pages: dict[str, str], out: Path) -> None:
    if source.exists():
        shutil.rmtree(source)
    (source / "docs").mkdir(parents=True)
    (source / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name, text in pages.items():
        (source / "docs" / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("IRP_SITE_DIR", None)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    subprocess.run(
        [*command, "-f", str(source / "mkdocs.yml"), "-d", str(out)],
        check=True,
        env=env,
        cwd=source,
    )


def build_peers(site_dir: Path, work_dir: Path) -> Path:
    """Build the served folder: CDN mirrors, our wheel and the peers' MkDocs sites.

    Returns ``work_dir``; the server root is ``work_dir / "serve"``. Skips the
    work when nothing it depends on has changed.
    """
    site_dir, work_dir = site_dir.resolve(), work_dir.resolve()
    _check_npm_versions()
    work_dir.mkdir(parents=True, exist_ok=True)
    fingerprint = _fingerprint(site_dir)
    stamp = work_dir / STAMP
    served = work_dir / PEERS_SERVED
    if stamp.is_file() and stamp.read_text() == fingerprint and served.is_dir():
        return work_dir
    micropip = _micropip(work_dir)
    stamp.unlink(missing_ok=True)
    if served.exists():
        shutil.rmtree(served)

    # Pyodide's core: the very files our site serves. pyodide.js (the classic
    # script markdown-exec loads) and the full lockfile are not in our site.
    pyodide = served / PYODIDE_MIRROR
    pyodide.mkdir(parents=True)
    for name in PYODIDE_CORE:
        shutil.copy2(site_dir / "assets/pyodide" / name, pyodide / name)
    lock = json.loads((ROOT / "node_modules/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))
    lock["packages"]["micropip"]["sha256"] = MICROPIP_PYPI_SHA256
    (pyodide / "pyodide-lock.json").write_text(json.dumps(lock), encoding="utf-8")
    shutil.copy2(micropip, pyodide / MICROPIP_WHEEL)
    for target, source in NPM_MIRROR.items():
        (served / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / source, served / target)
    for target, source in NPM_MIRROR_TREES.items():
        shutil.copytree(ROOT / source, served / target)

    wheel_name, wheel = _widgets_wheel(site_dir)
    (served / "wheels").mkdir()
    shutil.copy2(wheel, served / "wheels" / wheel_name)

    task = peer_task(site_dir)
    if any(char in task for char in "<&"):
        # markdown-exec pastes the code into <pre> unescaped.
        raise SystemExit("the peer task contains < or &, which markdown-exec would mangle")
    _mkdocs(
        work_dir / "src/markdown-exec",
        MARKDOWN_EXEC_MKDOCS,
        {
            "index.md": MARKDOWN_EXEC_PAGE.format(
                version=PYODIDE_VERSION,
                wheel_url=f"{ORIGIN_PLACEHOLDER}/wheels/{wheel_name}",
                code=task + MARKDOWN_EXEC_PRINT,
            )
        },
        served / "markdown-exec",
    )
    # PyScript resolves "./" and "../" package paths against the page, then
    # installs them with micropip; with a .whl it turns its package cache off.
    config = json.dumps(
        {"interpreter": PYODIDE_CDN, "packages": [f"../../wheels/{wheel_name}"]},
        separators=(",", ":"),
    )
    pyscript_pages = {
        f"{mode}.md": PYSCRIPT_PAGE.format(
            mode=mode.replace("-", " "),
            cdn=PYSCRIPT_CDN,
            worker=" worker" if mode == "worker" else "",
            config=config,
            code=task + PYSCRIPT_WRITE,
        )
        for mode in ("main-thread", "worker")
    }
    _mkdocs(
        work_dir / "src/pyscript",
        PYSCRIPT_MKDOCS,
        {"index.md": "# PyScript peers\n", **pyscript_pages},
        served / "pyscript",
    )
    stamp.write_text(fingerprint)
    return work_dir


# ---------------------------------------------------------------- serving


class PeerHandler(QuietHandler):
    """A stand-in for the CDNs and the peers' hosts, with the headers they would send."""

    def _origin(self) -> str:
        # The Host header is exactly the host and port the browser asked for.
        return f"http://{self.headers['Host']}"

    def end_headers(self) -> None:
        # jsdelivr and cdnjs send both; the redirected requests need them.
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cross-Origin-Resource-Policy", "cross-origin")
        path = urlsplit(self.path).path
        document = path.endswith(("/", ".html"))
        # PyScript's worker mode needs SharedArrayBuffer, so its page (and any
        # worker script, which takes its own policy from its response) is
        # cross-origin isolated. The other peers' pages stay as they would be.
        if not document or path.startswith("/pyscript/worker/"):
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        file = Path(self.translate_path(self.path))
        if path.endswith("/"):
            file = file / "index.html"
        if not (path.endswith(("/", ".html")) and file.is_file()):
            super().do_GET()
            return
        body = file.read_bytes().replace(ORIGIN_PLACEHOLDER.encode(), self._origin().encode())
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def peer_contenders(site_dir: Path, work_dir: Path) -> Iterator[PeerRun]:
    """Build the peers, serve them on a free loopback port and yield them with their routes."""
    folder = build_peers(site_dir, work_dir)
    with serve(folder / PEERS_SERVED, PeerHandler) as base:
        yield PeerRun(
            base=base,
            contenders=[
                markdown_exec_contender(base),
                pyscript_contender(base, "main thread"),
                pyscript_contender(base, "worker"),
            ],
        )
