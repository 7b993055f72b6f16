"""sitebuild/precompress.py: .br/.gz beside the files where they help, reproducible, nothing stale."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli

from sitebuild.precompress import CACHE_FROM_BYTES, main, precompress

TEXT = ("<p>罚息和复利 penalty and compound interest</p>\n" * 400).encode("utf-8")


def make_site(root: Path) -> Path:
    site = root / "site"
    (site / "en").mkdir(parents=True)
    (site / ".deploy").mkdir()
    (site / "index.html").write_bytes(TEXT)
    (site / "en" / "app.mjs").write_bytes(b"export const x = 1;\n" * 300)
    (site / "tiny.js").write_bytes(b"1;")                      # compression cannot help
    (site / "stored.zip").write_bytes(os.urandom(4096))         # already dense: skipped
    (site / "big.wasm").write_bytes(b"\0asm" + bytes(range(256)) * (CACHE_FROM_BYTES // 256 + 1))
    (site / "photo.png").write_bytes(b"\x89PNG" + b"x" * 5000)  # not a text type
    (site / ".deploy" / "headers.json").write_bytes(b"{}" * 2000)
    return site


def test_compresses_where_it_helps_and_round_trips(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    precompress(site, tmp_path / "cache")
    for rel in ("index.html", "en/app.mjs", "big.wasm"):
        original = (site / rel).read_bytes()
        assert brotli.decompress((site / (rel + ".br")).read_bytes()) == original
        assert gzip.decompress((site / (rel + ".gz")).read_bytes()) == original
        assert (site / (rel + ".br")).stat().st_size < len(original) * 0.9
    for rel in ("tiny.js", "stored.zip", "photo.png", ".deploy/headers.json"):
        assert not (site / (rel + ".br")).exists() and not (site / (rel + ".gz")).exists(), rel


def test_reproducible_and_cached(tmp_path: Path) -> None:
    a = make_site(tmp_path / "a")
    precompress(a, tmp_path / "cache")
    first = {p.name: p.read_bytes() for p in a.rglob("*") if p.suffix in (".br", ".gz")}
    gz = (a / "index.html.gz").read_bytes()
    assert gz[4:8] == b"\0\0\0\0" and not gz[3] & 0x08  # mtime 0, no file name in the header
    b = tmp_path / "b" / "site"
    b.mkdir(parents=True)
    for p in a.rglob("*"):
        if p.is_file() and p.suffix not in (".br", ".gz"):
            (b / p.relative_to(a)).parent.mkdir(parents=True, exist_ok=True)
            (b / p.relative_to(a)).write_bytes(p.read_bytes())
    precompress(b, None)  # no cache: compressed afresh, the same bytes
    assert {p.name: p.read_bytes() for p in b.rglob("*") if p.suffix in (".br", ".gz")} == first
    assert len([p for p in (tmp_path / "cache").iterdir() if p.is_file()]) == 2  # only big.wasm's two forms are cached


def test_stale_files_are_removed(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    precompress(site, None)
    (site / "en" / "app.mjs").unlink()
    (site / "index.html").write_bytes(b"<p>x</p>")  # now too small to gain
    assert main(["--site", str(site), "--cache", str(tmp_path / "cache")]) == 0
    assert not list((site / "en").glob("app.mjs.*"))
    assert not (site / "index.html.br").exists() and not (site / "index.html.gz").exists()


def test_each_content_is_compressed_once_and_written_beside_every_copy(tmp_path: Path, monkeypatch) -> None:
    """The editions' identical assets: one compression per content, the same .br/.gz beside each copy."""
    from sitebuild import compressed

    site = make_site(tmp_path)
    (site / "en" / "index.html").write_bytes(TEXT)  # the same bytes as site/index.html
    made: list[tuple[int, str]] = []
    real = compressed._make
    monkeypatch.setattr(compressed, "_make", lambda data, suffix, enc: made.append((len(data), enc)) or real(data, suffix, enc))
    files, before, _ = precompress(site, None, jobs=1)
    assert made.count((len(TEXT), ".br")) == 1 and made.count((len(TEXT), ".gz")) == 1
    assert (site / "en" / "index.html.br").read_bytes() == (site / "index.html.br").read_bytes()
    assert gzip.decompress((site / "en" / "index.html.gz").read_bytes()) == TEXT
    assert files == 6 and before == sum((site / r).stat().st_size for r in
                                        ("index.html", "en/index.html", "en/app.mjs", "tiny.js", "stored.zip", "big.wasm"))


def test_source_maps_and_lunr_are_not_compressed_and_old_forms_are_removed(tmp_path: Path) -> None:
    """A source map is fetched only by developer tools, the theme's lunr files by nothing: no .br/.gz;
    one left by an older build goes,
    while a .gz another tool wrote beside a different file stays."""
    site = make_site(tmp_path)
    (site / "bundle.js.map").write_bytes(TEXT)
    (site / "bundle.js.map.br").write_bytes(brotli.compress(TEXT))
    lunr = site / "en" / "assets" / "javascripts" / "lunr"
    lunr.mkdir(parents=True)
    (lunr / "wordcut.js").write_bytes(TEXT)  # the theme's lunr languages: no page loads them
    (lunr / "wordcut.js.gz").write_bytes(gzip.compress(TEXT))
    (site / "data.bin").write_bytes(b"x" * 100)
    (site / "data.bin.gz").write_bytes(gzip.compress(b"not data.bin"))
    assert main(["--site", str(site), "--cache", str(tmp_path / "cache"), "--jobs", "1"]) == 0
    assert not (site / "bundle.js.map.br").exists() and not (site / "bundle.js.map.gz").exists()
    assert not list(lunr.glob("wordcut.js.*"))
    assert (site / "data.bin.gz").exists()
