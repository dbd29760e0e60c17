"""The search query set, shared by the browser test that runs it and the check that keeps it honest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

QUERIES_FILE = Path(__file__).with_name("search_queries.tsv")
TOP = 3


@dataclass(frozen=True)
class Query:
    text: str
    slug: str
    line: int


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    queries = []
    for number, raw in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        text, tab, slug = raw.partition("\t")
        if not tab or not text.strip() or not slug.strip():
            raise ValueError(f"{path.name}:{number}: expected 'query<TAB>slug', got {raw!r}")
        queries.append(Query(text=text.strip(), slug=slug.strip(), line=number))
    return queries
