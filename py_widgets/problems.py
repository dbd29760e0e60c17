"""A single shape for every complaint the widgets raise about their input.

Definitions, answers and imports are all user-controlled data; reporting
problems as values (with a path to the offending field) instead of raising lets
the page show each message next to its field and keep everything else working.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located by a dotted path such as ``sections[0].items[2].id``."""

    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(ValueError):
    """Raised when input is too broken to compute anything from; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))
