"""deploy/nginx.conf, run by scripts/serve-nginx, serves the built site as a production host should.

Real HTTP requests to real nginx (Debian's, with the brotli module) over the real ``site/``:
the security headers on pages and on the calculator's worker, the pre-compressed files chosen by
Accept-Encoding, MIME types, caching, each edition's 404 page, no traversal, no hidden files.
A tiny site checks what the built site has not (yet): the service worker, the web app manifest,
Pagefind's files. sitebuild/serve.py must answer with the same headers.
"""

from __future__ import annotations

import gzip
import http.client
import json
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from sitebuild import security_headers
from sitebuild.serve import make_server
from sitebuild.serve_nginx import render_site_conf

PAGES = ["/", "/overdue/costs/", "/en/", "/en/overdue/costs/", "/calculator/", "/en/calculator/", "/404.html"]
WORKER = "/assets/calculator/worker.js"
REQUIRED = {
    "default-src": {"'self'"}, "object-src": {"'none'"}, "base-uri": {"'self'"},
    "frame-ancestors": {"'none'"}, "worker-src": {"'self'"}, "manifest-src": {"'self'"},
}
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def get(base: str, path: str, encoding: str | None = None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and raw body of one request, path sent exactly as given."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request(method, path, headers={"Accept-Encoding": encoding} if encoding else {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d}


def site_file(site: Path, pattern: str) -> str:
    """URL path of the one built file matching a glob (Material's hashed names change)."""
    found = sorted(site.glob(pattern))
    assert found, f"no {pattern} in the built site"
    return "/" + found[0].relative_to(site).as_posix()


@pytest.fixture(scope="module")
def expected(site_dir: Path) -> dict[str, str]:
    return json.loads((site_dir / ".deploy" / "headers.json").read_text(encoding="utf-8"))["headers"]


@pytest.mark.parametrize("path", [*PAGES, WORKER])
def test_security_headers(nginx_url: str, expected: dict[str, str], path: str) -> None:
    status, headers, _ = get(nginx_url, path)
    assert status == 200
    for name, value in expected.items():
        assert headers[name.lower()] == value, name
    policy = directives(headers["content-security-policy"])
    for name, sources in REQUIRED.items():
        assert set(policy[name]) == sources, name
    assert policy["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert all(s.startswith("'sha256-") for s in policy["script-src"][2:])
    assert "'unsafe-inline'" not in headers["content-security-policy"]
    assert "'unsafe-eval'" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in headers["permissions-policy"] and "geolocation=()" in headers["permissions-policy"]


@pytest.mark.parametrize("path", PAGES)
def test_header_allows_every_inline_script_and_the_meta_fallback_agrees(nginx_url: str, path: str) -> None:
    """The page's own inline scripts are in the header; its <meta> is the same policy (hashes ⊆)."""
    _, headers, body = get(nginx_url, path)
    html = body.decode("utf-8")
    header = directives(headers["content-security-policy"])
    hashes = security_headers.script_hashes(html)
    assert hashes and set(hashes) <= set(header["script-src"])
    metas = _META_CSP.findall(html)
    assert len(metas) == 1
    meta = directives(metas[0])
    assert set(meta) == set(header) - security_headers.HEADER_ONLY_DIRECTIVES
    for name in meta:
        if name == "script-src":
            assert set(meta[name]) <= set(header[name]) and set(hashes) <= set(meta[name])
        else:
            assert meta[name] == header[name], name


def _compressible(site: Path) -> list[str]:
    return ["/", "/en/overdue/costs/", WORKER, site_file(site, "assets/javascripts/bundle.*.min.js"),
            site_file(site, "pyodide/*/pyodide.asm.wasm"), site_file(site, "pyodide/*/pyodide.asm.mjs")]


@pytest.mark.parametrize(("accept", "encoding"), [("gzip, deflate, br", "br"), ("br", "br"),
                                                  ("gzip", "gzip"), (None, None)])
def test_precompressed_files_by_accept_encoding(nginx_url: str, site_dir: Path, accept: str | None,
                                                encoding: str | None) -> None:
    for path in _compressible(site_dir):
        status, headers, body = get(nginx_url, path, accept)
        assert status == 200, path
        assert headers.get("content-encoding") == encoding, path
        assert "accept-encoding" in headers.get("vary", "").lower(), path
        plain = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda b: b}[encoding](body)
        file = site_dir / path.lstrip("/")
        assert plain == (file / "index.html" if file.is_dir() else file).read_bytes(), path


def test_mime_types(nginx_url: str, site_dir: Path) -> None:
    wanted = {
        site_file(site_dir, "pyodide/*/pyodide.asm.wasm"): "application/wasm",
        site_file(site_dir, "pyodide/*/pyodide.mjs"): "text/javascript",
        WORKER: "javascript",
        "/": "text/html; charset=utf-8",
        "/pagefind/pagefind-entry.json": "application/json",
        "/pagefind/pagefind.js": "javascript",
        "/sw.js": "javascript",
        "/handbook-zh.pdf": "application/pdf",
    }
    for manifest in site_dir.rglob("*.webmanifest"):
        wanted["/" + manifest.relative_to(site_dir).as_posix()] = "application/manifest+json"
    for path, kind in wanted.items():
        status, headers, _ = get(nginx_url, path, method="HEAD")
        assert status == 200 and kind in headers["content-type"], (path, headers["content-type"])


def test_caching(nginx_url: str, site_dir: Path) -> None:
    immutable = [site_file(site_dir, "pyodide/*/pyodide.asm.wasm"), site_file(site_dir, "pyodide/*/python_stdlib.zip"),
                 site_file(site_dir, "wheels/*/*.whl"), site_file(site_dir, "assets/javascripts/bundle.*.min.js"),
                 site_file(site_dir, "assets/stylesheets/main.*.min.css"),
                 site_file(site_dir, "en/assets/stylesheets/palette.*.min.css")]
    revalidated = ["/", "/en/calculator/", WORKER, "/assets/calculator/widget.js",
                   "/pagefind/pagefind-entry.json", "/en/pagefind/pagefind.js", "/sw.js", "/handbook-en.pdf",
                   "/sitemap.xml"]
    for path in immutable:
        assert get(nginx_url, path, method="HEAD")[1]["cache-control"] == security_headers.IMMUTABLE, path
    for path in revalidated:
        status, headers, _ = get(nginx_url, path, method="HEAD")
        assert status == 200 and headers["cache-control"] == "no-cache", path


@pytest.mark.parametrize(("path", "lang"), [("/no-such-page/", "zh-CN"), ("/overdue/nothing.html", "zh-CN"),
                                            ("/en/no-such-page/", "en"), ("/en/assets/none.js", "en"),
                                            ("/pyodide/0.0.0/none.wasm", "zh-CN"), ("/assets/", "zh-CN")])
def test_each_edition_has_its_own_404_page(nginx_url: str, expected: dict[str, str], path: str, lang: str) -> None:
    status, headers, body = get(nginx_url, path)
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert f'<html lang="{lang}"' in body.decode("utf-8")
    assert headers["content-security-policy"] == expected["Content-Security-Policy"]
    assert headers["cache-control"] == "no-cache"


@pytest.mark.parametrize("path", ["/../etc/passwd", "/en/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                  "/assets/..%2f..%2f..%2fetc/passwd", "/.deploy/headers.json",
                                  "/.deploy/security-headers.conf"])
def test_no_traversal_and_no_hidden_files(nginx_url: str, path: str) -> None:
    status, _, body = get(nginx_url, path)
    assert status in (400, 404), status
    assert b"root:" not in body and b"add_header" not in body and b'"headers":' not in body


def test_folders_redirect_relatively_and_are_not_listed(nginx_url: str) -> None:
    status, headers, _ = get(nginx_url, "/overdue/costs")
    assert status == 301 and headers["location"] == "/overdue/costs/"
    status, _, body = get(nginx_url, "/pyodide/")
    assert status == 404 and b"Index of" not in body


def test_serve_nginx_keeps_the_deploy_file_but_its_paths_listen_and_certificate_lines() -> None:
    conf = render_site_conf(Path("/srv/x/site"), 1234, http_port=1235)
    original = (Path(security_headers.__file__).parents[1] / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "listen 127.0.0.1:1234;" in conf and "listen 127.0.0.1:1235;" in conf
    assert "listen 80;" not in conf and "[::]" not in conf and "listen 443" not in conf
    assert "/var/www/" not in conf and "root /srv/x/site;" in conf and "root /srv/x/acme;" in conf
    assert "include /srv/x/site/.deploy/security-headers.conf;" in conf
    assert "ssl_certificate" not in conf and "Strict-Transport-Security" not in conf  # plain HTTP: no HSTS
    hsts = original.count("Strict-Transport-Security")
    assert conf.count("\n") == original.count("\n") - 4 - hsts  # 2 listen lines, 2 certificate lines
    tls = render_site_conf(Path("/srv/x/site"), 1234, http_port=1235, tls=(Path("/c.pem"), Path("/k.pem")))
    assert "listen 127.0.0.1:1234 ssl http2;" in tls and "ssl_certificate     /c.pem;" in tls
    assert tls.count("Strict-Transport-Security") == hsts


# -- a tiny site: the service worker, the manifest, Pagefind, and serve.py answering alike --------

TINY_FILES = {
    "index.html": '<html lang="zh-CN"><meta charset="utf-8"><script>var a=1;</script><p>首页</p>',
    "404.html": '<html lang="zh-CN"><p>页面不存在</p>',
    "en/404.html": '<html lang="en"><p>Page not found</p>',
    "sw.js": "self.addEventListener('fetch', () => {});",
    "manifest.webmanifest": '{"name": "x"}',
    "pagefind/pagefind.js": "export {};",
    "pagefind/pagefind-entry.json": "{}",
    "pagefind/pagefind.en_1a2b3c.pf_meta": "x",
    "pagefind/fragment/en_1a2b3c4.pf_fragment": "x",
    "en/pagefind/index/en_9f8e7d.pf_index": "x",
    "pyodide/1.0/pyodide.mjs": "export {};",
    "wheels/abc/w.whl": "PK",
    "assets/javascripts/bundle.0123abcd.min.js": "1;",
    "assets/javascripts/other.js": "1;",
}


@pytest.fixture(scope="module")
def tiny_servers(tmp_path_factory: pytest.TempPathFactory,
                 serve_nginx: Callable[[Path], str]) -> Iterator[tuple[str, str]]:
    site = tmp_path_factory.mktemp("tiny-site")
    for rel, text in TINY_FILES.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    security_headers.write(site)
    nginx = serve_nginx(site)
    python = make_server(site, 0)
    threading.Thread(target=python.serve_forever, daemon=True).start()
    yield nginx, f"http://127.0.0.1:{python.server_address[1]}"
    python.shutdown()


def test_tiny_site_headers_come_from_the_build(tiny_servers: tuple[str, str]) -> None:
    nginx, _ = tiny_servers
    policy = get(nginx, "/")[1]["content-security-policy"]
    assert security_headers.script_hashes(TINY_FILES["index.html"])[0] in policy


def test_service_worker_manifest_and_pagefind(tiny_servers: tuple[str, str]) -> None:
    nginx, _ = tiny_servers
    assert get(nginx, "/sw.js")[1]["cache-control"] == "no-cache"
    assert get(nginx, "/manifest.webmanifest")[1]["content-type"].startswith("application/manifest+json")
    for path in ("/pagefind/pagefind.js", "/pagefind/pagefind-entry.json"):
        assert get(nginx, path)[1]["cache-control"] == "no-cache", path
    for path in ("/pagefind/pagefind.en_1a2b3c.pf_meta", "/pagefind/fragment/en_1a2b3c4.pf_fragment",
                 "/en/pagefind/index/en_9f8e7d.pf_index"):
        assert get(nginx, path)[1]["cache-control"] == security_headers.IMMUTABLE, path


@pytest.mark.parametrize("path", ["/", *("/" + rel for rel in TINY_FILES), "/en/missing/", "/missing.js",
                                  "/.deploy/headers.json"])
def test_python_preview_server_answers_like_nginx(tiny_servers: tuple[str, str], path: str) -> None:
    """Same status, caching, security headers and media type from sitebuild/serve.py as from nginx."""
    nginx, python = tiny_servers
    a_status, a, a_body = get(nginx, path)
    b_status, b, b_body = get(python, path)
    assert a_status == b_status
    for name in ("cache-control", "content-security-policy", "x-content-type-options", "referrer-policy",
                 "permissions-policy"):
        assert a.get(name) == b.get(name), name
    media = {h["content-type"].split(";")[0].replace("application/javascript", "text/javascript") for h in (a, b)}
    assert len(media) == 1, media
    if a_status == 404:
        assert ("Page not found" in a_body.decode()) == ("Page not found" in b_body.decode())
