"""The two debrief widgets, under the names api.py registers them by.

Kept as a thin façade so the page-facing names stay stable while the candidate
and recruiter logic live in their own modules and can grow independently.
"""

from __future__ import annotations

from typing import Any

from py_widgets import debrief_candidate, debrief_recruiter


def compute_candidate(payload: dict[str, Any]) -> dict[str, Any]:
    """Self-debrief answers in; a dated recovery plan, a draft message and a summary out."""
    return debrief_candidate.compute(payload)


def compute_recruiter(payload: dict[str, Any]) -> dict[str, Any]:
    """360 debrief answers and diagnosis rules in; weighted causes, moves and two exports out."""
    return debrief_recruiter.compute(payload)
