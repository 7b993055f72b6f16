"""sitebuild/serve.py behaves like the static host the site is written for."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitebuild.serve import make_server


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the module (the tests only read): stopping one waits out its poll interval
    (half a second), which each test paid when it had its own."""
    tmp_path = tmp_path_factory.mktemp("tiny_site")
    (tmp_path / "en").mkdir()
    (tmp_path / "pyodide" / "314.0.7").mkdir(parents=True)
    (tmp_path / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>页面不存在</p>", encoding="utf-8")
    (tmp_path / "en" / "404.html").write_text("<p>Page not found</p>", encoding="utf-8")
    (tmp_path / "pyodide" / "314.0.7" / "pyodide.asm.wasm").write_bytes(b"\0asm\1\0\0\0")
    (tmp_path / "pyodide" / "314.0.7" / "pyodide.mjs").write_text("export {};", encoding="utf-8")
    server = make_server(tmp_path, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (names lower-cased: the stdlib server sends ``Content-type``) and body."""
    try:
        with urllib.request.urlopen(url) as r:
            status, headers, body = r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        status, headers, body = e.code, e.headers, e.read()
    return status, {k.lower(): v for k, v in headers.items()}, body


def test_pyodide_files_have_their_mime_types_and_immutable_caching(tiny_site: str) -> None:
    status, headers, _ = fetch(tiny_site + "/pyodide/314.0.7/pyodide.asm.wasm")
    assert status == 200 and headers["content-type"] == "application/wasm"
    assert "immutable" in headers["cache-control"]
    status, headers, _ = fetch(tiny_site + "/pyodide/314.0.7/pyodide.mjs")
    assert headers["content-type"] == "text/javascript"


def test_pages_are_revalidated(tiny_site: str) -> None:
    status, headers, _ = fetch(tiny_site + "/")
    assert status == 200 and headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(("path", "text"), [
    ("/no-such-page/", "页面不存在"),
    ("/en/no-such-page/", "Page not found"),
    ("/../../etc/passwd", "页面不存在"),
])
def test_missing_pages_get_their_editions_404_page(tiny_site: str, path: str, text: str) -> None:
    status, headers, body = fetch(tiny_site + path)
    assert status == 404
    assert headers["content-type"].startswith("text/html")
    assert text in body.decode("utf-8")
