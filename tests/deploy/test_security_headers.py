"""sitebuild/security_headers.py: the one definition of the site's response headers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitebuild import security_headers as sh


def test_policy_header_and_meta() -> None:
    header = sh.content_security_policy(["'sha256-abc='"])
    meta = sh.content_security_policy(["'sha256-abc='"], meta=True)
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='" in header
    assert "frame-ancestors 'none'" in header and "frame-ancestors" not in meta
    assert header.replace("; frame-ancestors 'none'", "") == meta
    assert "unsafe-inline" not in header and "unsafe-eval'" not in header.replace("wasm-unsafe-eval", "")


def test_site_hashes_union_of_pages(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text('<script>a()</script><script type="application/json">{}</script>')
    (tmp_path / "en" / "index.html").write_text('<script>b()</script><script src="x.js"></script>')
    hashes = sh.site_script_hashes(tmp_path)
    assert hashes == sorted(sh.script_hashes("<script>a()</script>") + sh.script_hashes("<script>b()</script>"))
    headers = sh.write(tmp_path)
    data = json.loads((tmp_path / ".deploy" / "headers.json").read_text())
    assert data["headers"] == headers == sh.load(tmp_path)
    conf = (tmp_path / ".deploy" / "security-headers.conf").read_text()
    assert all(f'add_header {name} "{value}" always;' in conf for name, value in headers.items())


@pytest.mark.parametrize(("path", "value"), [
    ("/pyodide/314.0.7/pyodide.asm.wasm", sh.IMMUTABLE), ("/wheels/0123/w.whl", sh.IMMUTABLE),
    ("/en/assets/javascripts/bundle.a5f9d56c.min.js", sh.IMMUTABLE),
    ("/assets/javascripts/workers/search.1e90e0fb.min.js", sh.IMMUTABLE),
    ("/pagefind/fragment/zh_1.pf_fragment", sh.IMMUTABLE), ("/pagefind/pagefind.js", "no-cache"),
    ("/pagefind/pagefind-entry.json", "no-cache"), ("/sw.js", "no-cache"), ("/", "no-cache"),
    ("/assets/calculator/worker.js", "no-cache"), ("/pyodide/", "no-cache"),
])
def test_cache_rules(path: str, value: str) -> None:
    assert sh.cache_control(path) == value


def test_nginx_lines_refuse_unquotable_values() -> None:
    with pytest.raises(ValueError):
        sh.nginx_lines({"X": 'a"b'})
