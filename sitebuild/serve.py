"""Serve the built site on 127.0.0.1 the way a static host should.

Why not plain ``http.server``: Pyodide needs ``.mjs`` as JavaScript and ``.wasm`` as
``application/wasm``, and its large, versioned files deserve long-lived immutable caching so a
return visit does not download them again. Everything else is revalidated on each visit. The
security headers (Content-Security-Policy, …) and the caching rules are those nginx sends
(sitebuild/security_headers.py and the ``site/.deploy/headers.json`` the build writes from it).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
from pathlib import Path
from urllib.parse import unquote

from sitebuild import security_headers


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with correct MIME types for Pyodide and explicit cache headers."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/zip",
        ".zip": "application/zip",
        ".pdf": "application/pdf",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
    }

    def end_headers(self) -> None:
        path = unquote(self.path.split("?", 1)[0])
        self.send_header("Cache-Control", security_headers.cache_control(path))
        for name, value in self.server.security_headers.items():  # type: ignore[attr-defined]
            self.send_header(name, value)
        super().end_headers()

    def send_head(self) -> object:
        """Hidden files and folders (``/.deploy/``) are not served, as in deploy/nginx.conf."""
        if any(part.startswith(".") for part in unquote(self.path.split("?", 1)[0]).split("/")):
            self.send_error(404)
            return None
        return super().send_head()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing page with the edition's own 404 page, as a static host is set up to."""
        page = self._not_found_page() if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        """``/en/…`` gets ``en/404.html``; everything else the root (Chinese) ``404.html``."""
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/", 1)[0]
        if first.isalpha() and first.isascii() and (root / first / "404.html").is_file():
            return root / first / "404.html"
        return root / "404.html" if (root / "404.html").is_file() else None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)


def make_server(directory: Path, port: int = 0, quiet: bool = True) -> http.server.ThreadingHTTPServer:
    """Return a server bound to 127.0.0.1 (``port=0`` picks a free port); call serve_forever()."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.quiet = quiet  # type: ignore[attr-defined]
    server.security_headers = security_headers.load(Path(directory))  # type: ignore[attr-defined]
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve site/ on 127.0.0.1 / 在本机提供已构建的网站")
    parser.add_argument("--directory", type=Path, default=Path("site"))
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not (args.directory / "index.html").is_file():
        print(f"未找到已构建的网站，请先运行 ./scripts/build / No built site in {args.directory}: run ./scripts/build first",
              file=sys.stderr)
        return 1
    server = make_server(args.directory, args.port, quiet=False)
    print(f"Serving {args.directory} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
