"""The HTTP response headers of the site: one source for nginx, sitebuild/serve.py and the <meta> CSP.

Why a build step: the Content-Security-Policy allows Material's few inline scripts by their sha256,
and those scripts are only known once both editions are built (``__md_scope`` differs with a page's
depth). ``python -m sitebuild.security_headers --site site`` collects them from every page and writes

* ``site/.deploy/headers.json``: ``{"headers": {name: value}, "cache": [[regex, value], ...]}``,
  read by sitebuild/serve.py and by deploy/README.md's table for a CDN/OSS host;
* ``site/.deploy/security-headers.conf``: the same headers as nginx ``add_header … always`` lines,
  included by deploy/nginx.conf in every location.

``/.deploy/`` holds nothing secret (every visitor sees these headers) but neither server serves it.
The post-build step sitebuild/after/csp.py builds each page's ``<meta>`` fallback policy from
the same directives, with that page's hashes only and without what a <meta> policy cannot carry.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
from pathlib import Path

from sitebuild import editions

DEPLOY_DIR = ".deploy"
HEADERS_JSON = "headers.json"
NGINX_INCLUDE = "security-headers.conf"
NOT_FOUND_MAP = "not-found-map.conf"

#: Directive → sources. Everything comes from this site's own origin; WebAssembly is compiled
#: without eval ('wasm-unsafe-eval' for Pyodide); inline scripts are allowed one by one by hash
#: (added to script-src); data: images are Material's CSS icons.
CSP_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("connect-src", "'self'"),
    ("img-src", "'self' data:"),
    ("style-src", "'self'"),
    ("font-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)
#: Directives a <meta> policy may not carry (browsers ignore them there and log a warning).
HEADER_ONLY_DIRECTIVES = frozenset({"frame-ancestors", "report-uri", "sandbox"})

#: Powerful features the site never uses, denied to it and to anything that would embed it. Only
#: names Chromium knows: an unknown one ("bluetooth") makes it log an error on every page.
DENIED_FEATURES: tuple[str, ...] = (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
    "geolocation", "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment",
    "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
)

#: Sent with every response, next to Content-Security-Policy.
STATIC_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": ", ".join(f"{feature}=()" for feature in DENIED_FEATURES),
    # No other origin gets a window handle to the guide, nor may embed its files (issue 21).
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
#: (regex on the URL path, Cache-Control), first match wins; anything else is revalidated
#: (HTML, the service worker, search indexes, PDFs, unhashed assets). deploy/nginx.conf has the
#: same rules as locations; tests/deploy checks both servers answer alike.
CACHE_RULES: tuple[tuple[str, str], ...] = (
    (r"^/pyodide/[^/]+/", IMMUTABLE),                       # versioned Pyodide runtime
    (r"^/wheels/[^/]+/", IMMUTABLE),                        # content-hashed calculator wheel
    (r"^/(en/)?assets/(javascripts|stylesheets)/.*\.[0-9a-f]{8}\.min\.(js|css)$", IMMUTABLE),  # Material
    (r"^/(en/)?pagefind/(fragment|index)/", IMMUTABLE),     # Pagefind's hashed fragments
    (r"^/(en/)?pagefind/pagefind\.[^/]+\.pf_meta$", IMMUTABLE),
)

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_EXECUTABLE_TYPES = ("text/javascript", "module", "application/javascript")


def script_hashes(page_html: str) -> list[str]:
    """CSP sha256 sources of every inline script the browser would run (not JSON data blocks)."""
    found = set()
    for match in _INLINE_SCRIPT.finditer(page_html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        if kind and kind.group(1).lower() not in _EXECUTABLE_TYPES:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(found)


def site_script_hashes(site: Path) -> list[str]:
    """The hashes of the inline scripts of every HTML page of both editions."""
    found: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        found.update(script_hashes(page.read_text(encoding="utf-8")))
    return sorted(found)


def content_security_policy(hashes: list[str], *, meta: bool = False) -> str:
    """The policy with these inline-script hashes; ``meta=True`` leaves out header-only directives."""
    parts = []
    for name, sources in CSP_DIRECTIVES:
        if meta and name in HEADER_ONLY_DIRECTIVES:
            continue
        if name == "script-src":
            sources = " ".join([sources, *hashes])
        parts.append(f"{name} {sources}")
    return "; ".join(parts)


def response_headers(site: Path) -> dict[str, str]:
    """Every security header, as a server sends it with each response of this built site."""
    return {"Content-Security-Policy": content_security_policy(site_script_hashes(site)), **STATIC_HEADERS}


def cache_control(path: str) -> str:
    """Cache-Control for a URL path (``/pyodide/314.0.7/pyodide.asm.wasm`` → a year, immutable)."""
    for pattern, value in CACHE_RULES:
        if re.search(pattern, path):
            return value
    return REVALIDATE


def nginx_lines(headers: dict[str, str]) -> str:
    """``add_header`` lines; ``always`` so 404 pages and redirects carry them too."""
    lines = ["# Generated by sitebuild/security_headers.py from the built site; do not edit."]
    for name, value in headers.items():
        if '"' in value or "\n" in value:
            raise ValueError(f"header {name} cannot be quoted for nginx: {value!r}")
        lines.append(f'add_header {name} "{value}" always;')
    return "\n".join(lines) + "\n"


def write(site: Path) -> dict[str, str]:
    """Write site/.deploy/headers.json and the nginx include; return the headers."""
    headers = response_headers(site)
    target = site / DEPLOY_DIR
    target.mkdir(exist_ok=True)
    data = {"headers": headers, "cache": [list(rule) for rule in CACHE_RULES]}
    (target / HEADERS_JSON).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (target / NGINX_INCLUDE).write_text(nginx_lines(headers), encoding="utf-8")
    # Each edition's own 404 page, from the editions registry (included by deploy/nginx.conf).
    (target / NOT_FOUND_MAP).write_text(editions.nginx_not_found_map(), encoding="utf-8")
    return headers


def load(site: Path) -> dict[str, str]:
    """The headers the build wrote for this site (computed now if it wrote none, e.g. a test site)."""
    written = site / DEPLOY_DIR / HEADERS_JSON
    if written.is_file():
        return dict(json.loads(written.read_text(encoding="utf-8"))["headers"])
    return response_headers(site)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the site's response headers / 生成网站的响应头")
    parser.add_argument("--site", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    headers = write(args.site)
    hashes = headers["Content-Security-Policy"].count("'sha256-")
    print(f"[headers] {args.site / DEPLOY_DIR}/: {len(headers)} headers, {hashes} inline-script hashes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
