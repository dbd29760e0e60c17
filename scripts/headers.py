"""Write ``site/_headers``: a strict Content-Security-Policy and privacy headers for static hosts.

Netlify and Cloudflare Pages read ``_headers`` as is; the README gives the
nginx and Apache equivalents. Material inlines a few small scripts (palette,
scope, tabs), so the build hashes every inline script it finds and allows
exactly those, rather than weakening the policy with 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(
    r"<script(?P<attrs>(?:(?!\bsrc=)[^>])*)>(?P<body>.*?)</script>", re.DOTALL
)
NOT_JAVASCRIPT = re.compile(
    r"""\btype=["']?(?!module|text/javascript|application/javascript)[\w/+.-]+"""
)

PERMISSIONS_POLICY = (
    ", ".join(
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "autoplay",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "usb",
            "xr-spatial-tracking",
        )
    )
    + ", clipboard-write=(self), fullscreen=(self)"
)


def inline_script_hashes(site: Path) -> list[str]:
    hashes = set()
    for page in site.rglob("*.html"):
        for match in INLINE_SCRIPT.finditer(page.read_text("utf-8")):
            if NOT_JAVASCRIPT.search(match.group("attrs")):
                continue  # JSON data blocks are never executed, so CSP does not govern them
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    return sorted(hashes)


def content_security_policy(script_hashes: list[str]) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", "'wasm-unsafe-eval'", *script_hashes]),
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "worker-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
        "form-action": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def headers(site: Path) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(inline_script_hashes(site)),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def write_headers_file(site: Path) -> dict[str, str]:
    values = headers(site)
    lines = ["/*", *(f"  {name}: {value}" for name, value in values.items()), ""]
    (site / "_headers").write_text("\n".join(lines), "utf-8")
    return values


def read_headers_file(path: Path) -> dict[str, str]:
    """Parse the ``/*`` block back, so tests serve exactly what a host would."""
    values = {}
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("  ") and ":" in line:
            name, _, value = line.strip().partition(":")
            values[name.strip()] = value.strip()
    return values
