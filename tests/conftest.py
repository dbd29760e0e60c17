"""Fixtures for the browser suites: the built site on a loopback server, and Debian's Chromium."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import CHROMIUM_ARGS, SITE, HostHeadersHandler, serve, system_chromium  # noqa: E402


@pytest.fixture(scope="session")
def built_site() -> Path:
    if (
        not (SITE / "index.html").is_file()
        or not (SITE / "assets" / "wheels" / "manifest.json").is_file()
    ):
        pytest.fail("site/ is not built: run `bash scripts/dev.sh test`, which builds it first")
    return SITE


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site, HostHeadersHandler) as url:
        yield url


@pytest.fixture(scope="session")
def base_url(site_url: str) -> str:
    return site_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    executable = system_chromium()
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    if executable:
        args["executable_path"] = executable
    return args
