"""Render a checklist definition as a plain, accessible HTML form at build time.

The form is the product with JavaScript off: every control has a visible
``<label>``, every section is a ``<fieldset>`` with a ``<legend>``, and Python's
results only ever fill the empty slots rendered here. All text is escaped, since
definitions are data that a recruiter may edit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any

from py_widgets.checklist import Checklist, Item

LinkResolver = Callable[[str], tuple[str, str]]
"""Maps ``playbooks/slug`` to ``(relative URL, page title)`` for the page being built."""


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _dom_id(checklist: Checklist, *parts: str) -> str:
    return "-".join(("irp", checklist.id, *parts))


def _help(checklist: Checklist, item: Item, resolve: LinkResolver) -> tuple[str, list[str]]:
    """The help text and playbook links under a control, plus the ids that describe it."""
    parts = []
    described_by = []
    if item.help or item.links:
        help_id = _dom_id(checklist, item.id, "help")
        links = []
        for link in item.links:
            url, title = resolve(link)
            links.append(f'<a href="{_attr(url)}">{escape(title)}</a>')
        read = f' <span class="irp-links">Read: {", ".join(links)}.</span>' if links else ""
        parts.append(f'<p class="irp-help" id="{help_id}">{escape(item.help)}{read}</p>')
        described_by.append(help_id)
    problem_id = _dom_id(checklist, item.id, "problem")
    parts.append(
        f'<p class="irp-field-problem" id="{problem_id}" data-problem-for="{item.id}" hidden></p>'
    )
    described_by.append(problem_id)
    return "".join(parts), described_by


def _choice_group(checklist: Checklist, item: Item, resolve: LinkResolver) -> str:
    input_type = "radio" if item.kind == "single" else "checkbox"
    help_html, described_by = _help(checklist, item, resolve)
    options = []
    for value, label in item.options:
        control_id = _dom_id(checklist, item.id, value)
        options.append(
            f'<div class="irp-option"><input type="{input_type}" id="{control_id}" '
            f'name="{item.id}" value="{_attr(value)}">'
            f'<label for="{control_id}">{escape(label)}</label></div>'
        )
    return (
        f'<fieldset class="irp-item irp-item--{item.kind}" data-item="{item.id}" '
        f'aria-describedby="{" ".join(described_by)}">'
        f'<legend class="irp-item-label">{escape(item.label)}</legend>'
        f"{''.join(options)}{help_html}</fieldset>"
    )


def _single_control(checklist: Checklist, item: Item, resolve: LinkResolver) -> str:
    control_id = _dom_id(checklist, item.id)
    help_html, described_by = _help(checklist, item, resolve)
    common = f'id="{control_id}" name="{item.id}" aria-describedby="{" ".join(described_by)}"'
    label = f'<label for="{control_id}" class="irp-item-label">{escape(item.label)}</label>'
    if item.kind == "checkbox":
        control = f'<input type="checkbox" {common} value="on">'
        return f'<div class="irp-item irp-item--checkbox" data-item="{item.id}">{control}{label}{help_html}</div>'
    if item.kind == "date":
        control = f'<input type="date" {common}>'
    elif item.kind == "number":
        bounds = "".join(
            f' {name}="{value:g}"'
            for name, value in (("min", item.minimum), ("max", item.maximum))
            if value is not None
        )
        control = f'<input type="number" inputmode="decimal" step="any" {common}{bounds}>'
    else:
        control = f'<textarea rows="3" maxlength="{item.max_length}" {common}></textarea>'
    return f'<div class="irp-item irp-item--{item.kind}" data-item="{item.id}">{label}{control}{help_html}</div>'


def _definition_json(raw: dict[str, Any]) -> str:
    # TOML dates or other non-JSON values never appear in definitions (the schema forbids them).
    return json.dumps(raw, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


TOOLS = (
    ("export-md", "Download summary (Markdown)"),
    ("export-json", "Download answers (JSON)"),
    ("share", "Copy a share link"),
    ("print", "Print answers"),
    ("reset", "Clear answers…"),
)


def _tools(checklist: Checklist) -> str:
    """Buttons that need JavaScript; hidden until the bridge shows them, so no dead controls without it."""
    buttons = "".join(
        f'<button type="button" class="md-button" data-action="{action}">{text}</button>'
        for action, text in TOOLS
    )
    import_id = _dom_id(checklist, "import")
    share_id = _dom_id(checklist, "share-link")
    return (
        f'<div class="irp-tools" data-role="tools" hidden>{buttons}'
        f'<p class="irp-import"><label for="{import_id}">Import answers from a JSON file</label> '
        f'<input type="file" id="{import_id}" accept=".json,application/json" data-action="import"></p>'
        f'<p class="irp-share" data-role="share-output" hidden><label for="{share_id}">Share link</label> '
        f'<input type="text" id="{share_id}" readonly data-role="share-link"></p></div>'
    )


def _reset_dialog(checklist: Checklist) -> str:
    heading = _dom_id(checklist, "reset-heading")
    return (
        f'<dialog class="irp-dialog" data-role="reset-dialog" aria-labelledby="{heading}">'
        f'<h2 id="{heading}">Clear every answer?</h2>'
        f"<p>This empties the checklist on this device and cannot be undone. "
        f"You can download a copy of your answers first.</p>"
        f'<p class="irp-dialog-buttons">'
        f'<button type="button" class="md-button" data-action="reset-export">Download answers first</button> '
        f'<button type="button" class="md-button" data-action="reset-confirm">Clear answers</button> '
        f'<button type="button" class="md-button md-button--primary" data-action="reset-cancel">Keep them</button>'
        f"</p></dialog>"
    )


def _section_progress(section_id: str, title: str) -> str:
    return (
        f'<div class="irp-section-progress" data-role="section-progress" data-section="{section_id}" hidden>'
        f'<progress max="100" value="0" aria-label="Progress: {_attr(title)}">0%</progress>'
        f'<span data-role="section-count"></span></div>'
    )


def render_form(
    checklist: Checklist,
    raw: dict[str, Any],
    resolve: LinkResolver,
    site_root: str,
    analysis: str | None = None,
    rules: dict[str, Any] | None = None,
) -> str:
    """The whole widget: status line, tools, form, and the panels that Python fills in."""
    sections = []
    for section in checklist.sections:
        items = "".join(
            _choice_group(checklist, item, resolve)
            if item.kind in ("single", "multiple")
            else _single_control(checklist, item, resolve)
            for item in section.items
        )
        sections.append(
            f'<fieldset class="irp-section" data-section="{section.id}">'
            f"<legend>{escape(section.title)}</legend>"
            f"{_section_progress(section.id, section.title)}{items}</fieldset>"
        )
    result_heading = _dom_id(checklist, "result-heading")
    analysis_attrs = ""
    if analysis:
        analysis_attrs = f' data-analysis="{_attr(analysis)}"'
        if rules is not None:
            analysis_attrs += f' data-rules="{_attr(_definition_json(rules))}"'
    return (
        f'<div class="irp-widget" data-widget="progress" data-checklist="{checklist.id}" '
        f'data-state="static" data-site-root="{_attr(site_root)}"{analysis_attrs} '
        f'data-definition="{_attr(_definition_json(raw))}">'
        f'<p class="irp-status" data-role="status" role="status">This list works on its own. '
        f"With JavaScript on, your answers are saved on this device, and your progress and next "
        f"step are worked out in your browser. Nothing is sent anywhere.</p>"
        f'<div class="irp-notices" data-role="notices" aria-live="polite"></div>'
        f"{_tools(checklist)}"
        f'<form class="irp-checklist" id="{_dom_id(checklist, "form")}" '
        f'aria-label="{_attr(checklist.title)}" autocomplete="off">{"".join(sections)}</form>'
        f'<section class="irp-result" aria-labelledby="{result_heading}">'
        f'<h2 id="{result_heading}">Where you are</h2>'
        f'<progress data-role="progress" max="100" value="0" '
        f'aria-label="Overall progress">0%</progress>'
        f'<div data-role="live" aria-live="polite">'
        f'<p data-role="summary">Your progress will show here.</p>'
        f'<p data-role="next-step"></p></div>'
        f'<details class="irp-preview" data-role="preview" hidden><summary>Preview the summary you can export</summary>'
        f'<div data-role="preview-body"></div></details>'
        f"</section>"
        f'<section class="irp-analysis" data-role="analysis" aria-live="polite" hidden></section>'
        f'<div class="irp-print" data-role="print" aria-hidden="true"></div>'
        f"{_reset_dialog(checklist)}</div>"
    )
