"""MkDocs hooks: the whole build, so that one ``mkdocs build`` (or ``serve``) does everything.

- Validate every checklist definition before any page is rendered.
- Replace a ``[[checklist ID]]`` line in a page with that checklist's HTML form.
- After the build, copy the Pyodide core and publish the wheels with integrity.
- Under ``mkdocs serve``, rebuild when py_widgets/, checklists/ or scripts/ change.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from scripts import checklists as checklist_files  # noqa: E402
from scripts import compress, headers, pyodide_core, wheels  # noqa: E402
from scripts.checklist_form import render_form  # noqa: E402

CHECKLIST_LINE = re.compile(r"^\[\[checklist ([a-z][a-z0-9-]*)\]\]\s*$", re.MULTILINE)
PLACEHOLDER = '<div data-irp-placeholder="{id}"></div>'
PLACEHOLDER_HTML = re.compile(r'<div data-irp-placeholder="([a-z0-9-]+)"></div>')

# Checklists whose answers also feed an analysis widget in py_widgets.api.
ANALYSES = {
    "self-debrief": "debrief-candidate",
    "recruiter-360-debrief": "debrief-recruiter",
    "follow-up-timing": "followup",
}

_state: dict[str, Any] = {}


def _analysis_for(checklist_id: str) -> str | None:
    """The analysis widget for a checklist, once py_widgets actually provides it."""
    from py_widgets.api import WIDGETS

    name = ANALYSES.get(checklist_id)
    return name if name in WIDGETS else None


def on_config(config: Any) -> Any:
    try:
        pyodide_core.check_installed()
    except pyodide_core.MissingRuntimeError as error:
        raise PluginError(str(error)) from error
    try:
        _state["checklists"] = checklist_files.load_all()
    except checklist_files.ChecklistFileError as error:
        raise PluginError("Invalid checklist definition(s):\n" + str(error)) from error
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    def replace(match: re.Match[str]) -> str:
        checklist_id = match.group(1)
        if checklist_id not in _state["checklists"]:
            line = markdown.count("\n", 0, match.start()) + 1
            known = ", ".join(sorted(_state["checklists"])) or "none"
            raise PluginError(
                f"{page.file.src_uri}:{line}: unknown checklist {checklist_id!r} (known: {known})"
            )
        return PLACEHOLDER.format(id=checklist_id)

    return CHECKLIST_LINE.sub(replace, markdown)


def _page_title(page_file: Any) -> str:
    """The title from a page's front matter, read directly because titles are set page by page."""
    match = re.search(
        r"^title:\s*(.+)$", Path(page_file.abs_src_path).read_text("utf-8"), re.MULTILINE
    )
    return match.group(1).strip().strip("\"'") if match else page_file.name


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    def resolve_titles(target: str) -> tuple[str, str]:
        target_file = files.get_file_from_path(f"{target}.md")
        if target_file is None:
            raise PluginError(
                f"{page.file.src_uri}: a checklist links to {target!r}, which has no page"
            )
        return get_relative_url(target_file.url, page.url), _page_title(target_file)

    def replace(match: re.Match[str]) -> str:
        loaded = _state["checklists"][match.group(1)]
        return render_form(
            loaded.model,
            loaded.raw,
            resolve_titles,
            site_root=get_relative_url("", page.url),
            analysis=_analysis_for(loaded.model.id),
            rules=loaded.rules,
        )

    return PLACEHOLDER_HTML.sub(replace, html)


# Only pages with a widget load the bridge; content pages load none of our
# JavaScript. The <meta> tells the bridge to start the Python worker the moment
# it runs rather than after the page is parsed, and the async module tag is
# found early by the browser's preload scanner even at the end of <body>.
# Measured and rejected (``scripts/bench.py --levers``): moving the tag into
# <head> (no faster; the worker's start-up then competes with the page's own
# parsing for the CPU) and preload hints for the worker's files (fresh and
# private browser contexts did not reuse the preloaded copies and downloaded
# them twice, and Lighthouse counted them against the largest paint).
EARLY_START = '<meta name="irp-python" content="widgets">\n'


def bridge_tag(site_root: str) -> str:
    return f'<script src="{site_root}/assets/js/bridge.js" type="module" async></script>\n'


def on_post_page(output: str, page: Any, config: Any) -> str:
    if 'data-widget="' not in output:
        return output
    site_root = get_relative_url("", page.url).rstrip("/") or "."
    output = output.replace("</head>", EARLY_START + "</head>", 1)
    head, _, body = output.rpartition("</body>")
    return head + bridge_tag(site_root) + "</body>" + body


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    try:
        pyodide_core.copy_core(site / "assets" / "pyodide")
        with tempfile.TemporaryDirectory() as build_dir:
            wheels.publish_browser_wheels(site, Path(build_dir))
    except (pyodide_core.MissingRuntimeError, FileNotFoundError) as error:
        raise PluginError(str(error)) from error
    headers.write_headers_file(site)
    # Last, so the copies match the final bytes of every page, script and wheel.
    compress.write_compressed_copies(site)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    for folder in ("py_widgets", "checklists", "scripts"):
        server.watch(str(ROOT / folder))
    return server
