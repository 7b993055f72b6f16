"""sitebuild/compressed.py: one content-addressed compressor for the runtime manifest and pre-compression."""

from __future__ import annotations

import gzip
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import brotli
import pytest

from sitebuild import calculator_runtime, compressed
from sitebuild.precompress import precompress

BIG_TEXT = ("export const 罚息 = 'penalty interest';\n" * 20000).encode("utf-8")
BIG_BINARY = b"\0asm" + bytes(range(256)) * 1100  # over STORE_FROM_BYTES, compressible


def test_the_store_keys_by_content_and_every_parameter() -> None:
    assert len(BIG_TEXT) >= compressed.STORE_FROM_BYTES
    keys = {compressed.store_key(BIG_TEXT, ".mjs", ".br"), compressed.store_key(BIG_TEXT, ".wasm", ".br"),
            compressed.store_key(BIG_TEXT, ".mjs", ".gz"), compressed.store_key(BIG_TEXT + b" ", ".mjs", ".br")}
    assert len(keys) == 4  # brotli mode, encoding and content each change the key
    assert compressed.store_key(BIG_TEXT, ".mjs", ".br") == compressed.store_key(BIG_TEXT, ".js", ".br")


def test_a_stored_output_is_reused_not_recomputed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = compressed.packed(BIG_TEXT, ".mjs", ".br", tmp_path)
    assert brotli.decompress(first) == BIG_TEXT
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == [compressed.store_key(BIG_TEXT, ".mjs", ".br")]

    def no_compression(*_: object) -> bytes:
        raise AssertionError("compressed again")
    monkeypatch.setattr(compressed, "_make", no_compression)
    assert compressed.packed(BIG_TEXT, ".mjs", ".br", tmp_path) == first


def _compress_logging_each_compression(store: Path, log: Path, start: Any, out: Path, pinned: bool = False) -> None:
    """One of two processes asking for the same output at once; a real compression is logged and slowed."""
    make = compressed._make

    def logged(data: bytes, suffix: str, encoding: str) -> bytes:
        with open(log, "a") as f:
            f.write(f"{os.getpid()}\n")
        time.sleep(0.5)  # the other process asks meanwhile
        return make(data, suffix, encoding)
    compressed._make = logged  # this child process only
    start.wait()
    out.write_bytes(compressed.packed(BIG_BINARY, ".wasm", ".br", store, pinned=pinned))


def _compress_twice_at_once(tmp_path: Path, stores: list[Path], pinned: bool = False) -> None:
    """Two forked processes ask for BIG_BINARY's brotli at the same moment (one store each, or one
    shared); asserts both succeed, compress once between them and get the same bytes."""
    log = tmp_path / "made.log"
    fork = multiprocessing.get_context("fork")
    start = fork.Barrier(2)
    outs = [tmp_path / f"out{i}" for i in range(2)]
    procs = [fork.Process(target=_compress_logging_each_compression, args=(store, log, start, out, pinned))
             for store, out in zip(stores, outs)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
    assert [proc.exitcode for proc in procs] == [0, 0]
    assert len(log.read_text().split()) == 1, "the same bytes were compressed twice"
    assert outs[0].read_bytes() == outs[1].read_bytes() and brotli.decompress(outs[0].read_bytes()) == BIG_BINARY


def test_two_processes_asking_at_once_compress_once(tmp_path: Path) -> None:
    """The second waits on the key's lock and reads the first one's stored bytes (CI: the build and
    the engines test's build both start cold)."""
    store = tmp_path / "store"
    _compress_twice_at_once(tmp_path, [store, store])
    assert [p.name for p in store.iterdir() if p.is_file()] == [compressed.store_key(BIG_BINARY, ".wasm", ".br")]


def test_small_inputs_are_not_stored_and_gzip_is_reproducible(tmp_path: Path) -> None:
    small = b"<p>x</p>" * 100
    gz = compressed.packed(small, ".html", ".gz", tmp_path)
    assert gzip.decompress(gz) == small and gz[4:8] == b"\0\0\0\0" and not gz[3] & 0x08
    assert compressed.packed(small, ".html", ".gz", tmp_path) == gz and not list(tmp_path.iterdir())


def test_submit_missing_fills_the_store_in_other_processes_biggest_first(tmp_path: Path) -> None:
    items = [(BIG_TEXT, ".mjs"), (BIG_BINARY, ".wasm"), (b"tiny", ".js")]
    assert [(len(d), s) for d, s, _ in compressed.missing(items, store=tmp_path)] == \
        sorted([(len(BIG_TEXT), ".mjs"), (len(BIG_BINARY), ".wasm")], reverse=True)
    with ProcessPoolExecutor(max_workers=2) as pool:
        for future in compressed.submit_missing(pool, items, store=tmp_path):
            future.result()
    assert compressed.missing(items, store=tmp_path) == []
    assert brotli.decompress((tmp_path / compressed.store_key(BIG_BINARY, ".wasm", ".br")).read_bytes()) == BIG_BINARY


def test_the_manifest_size_is_the_length_of_the_shipped_br(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the runtime manifest states per file is the size of the .br pre-compression writes."""
    monkeypatch.setattr(compressed, "STORE", tmp_path / "store")
    site = tmp_path / "site"
    site.mkdir()
    for name, data in (("pyodide.asm.mjs", BIG_TEXT), ("pyodide.asm.wasm", BIG_BINARY), ("worker.js", b"let a = 1;\n" * 500)):
        (site / name).write_bytes(data)
    stated = {name: calculator_runtime.brotli_size((site / name).read_bytes(), name) for name in os.listdir(site)}
    precompress(site, tmp_path / "store", jobs=2)
    assert stated == {name: (site / (name + ".br")).stat().st_size for name in stated}


# --- The user's cache: outputs of pinned inputs shared between clones (sitebuild/user_cache.py) ---

@pytest.fixture
def user_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private user cache folder for the test (never the real ~/.cache)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("WLD_NO_USER_CACHE", raising=False)
    return tmp_path / "xdg" / "weilidai-guide" / "compressed"


def _no_compression(*_: object) -> bytes:
    raise AssertionError("compressed again")


def test_a_second_clone_reads_a_pinned_output_from_the_user_cache(tmp_path: Path, user_cache_dir: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    key = compressed.store_key(BIG_BINARY, ".wasm", ".br")
    first = compressed.packed(BIG_BINARY, ".wasm", ".br", tmp_path / "clone1", pinned=True)
    assert (user_cache_dir / key).read_bytes() == first == (tmp_path / "clone1" / key).read_bytes()
    monkeypatch.setattr(compressed, "_make", _no_compression)
    assert compressed.packed(BIG_BINARY, ".wasm", ".br", tmp_path / "clone2", pinned=True) == first
    assert (tmp_path / "clone2" / key).read_bytes() == first  # pre-compression then reads the clone's copy


def test_page_content_stays_out_of_the_user_cache(tmp_path: Path, user_cache_dir: Path) -> None:
    compressed.packed(BIG_TEXT, ".mjs", ".br", tmp_path / "clone")
    assert not user_cache_dir.exists()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another_input"])
def test_a_damaged_user_cache_entry_is_made_again_never_shipped(tmp_path: Path, user_cache_dir: Path,
                                                                damage: str) -> None:
    """An entry that does not decompress to the exact input (corrupt, cut short, or a valid brotli
    stream of other bytes put under this key) is replaced by a fresh compression."""
    key = compressed.store_key(BIG_BINARY, ".wasm", ".br")
    good = compressed.packed(BIG_BINARY, ".wasm", ".br", tmp_path / "clone1", pinned=True)
    bad = {"garbage": b"\x00not brotli" * 100, "truncated": good[: len(good) // 2],
           "another_input": brotli.compress(BIG_BINARY[::-1])}[damage]
    (user_cache_dir / key).write_bytes(bad)
    out = compressed.packed(BIG_BINARY, ".wasm", ".br", tmp_path / "clone2", pinned=True)
    assert out == good and brotli.decompress(out) == BIG_BINARY
    assert (user_cache_dir / key).read_bytes() == good


def test_the_user_cache_can_be_turned_off(tmp_path: Path, user_cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WLD_NO_USER_CACHE", "1")
    out = compressed.packed(BIG_BINARY, ".wasm", ".br", tmp_path / "clone", pinned=True)
    assert brotli.decompress(out) == BIG_BINARY and not user_cache_dir.exists()


def test_two_clones_asking_at_once_compress_once(tmp_path: Path, user_cache_dir: Path) -> None:
    """Two processes of two clones (own .cache/compressed each) asking for the same pinned output: the
    second waits on the user cache's lock and reads the first one's entry."""
    _compress_twice_at_once(tmp_path, [tmp_path / "clone0", tmp_path / "clone1"], pinned=True)


def test_the_key_names_the_encoders_version() -> None:
    assert f"brotli{brotli.__version__}" in compressed.store_key(BIG_BINARY, ".wasm", ".br")
    assert "zlib" in compressed.store_key(BIG_BINARY, ".wasm", ".gz")


def test_precompression_shares_the_runtimes_forms_through_the_user_cache(tmp_path: Path, user_cache_dir: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Pyodide's folder (pinned files) gets its .br and .gz from the user cache in a second clone;
    a page's big file does not go there."""
    def site(clone: Path) -> Path:
        (clone / "site" / "pyodide" / "1.0-abc").mkdir(parents=True)
        (clone / "site" / "pyodide" / "1.0-abc" / "pyodide.asm.wasm").write_bytes(BIG_BINARY)
        (clone / "site" / "big.js").write_bytes(BIG_TEXT)
        return clone / "site"
    precompress(site(tmp_path / "clone1"), tmp_path / "clone1" / "store", jobs=1)
    wasm = [compressed.store_key(BIG_BINARY, ".wasm", enc) for enc in compressed.ENCODINGS]
    assert sorted(p.name for p in user_cache_dir.iterdir() if p.is_file()) == sorted(wasm)
    made = []
    monkeypatch.setattr(compressed, "_make", lambda data, suffix, enc: made.append(suffix) or b"x")
    second = site(tmp_path / "clone2")
    precompress(second, tmp_path / "clone2" / "store", jobs=1)
    assert sorted(made) == [".js", ".js"]  # the page's .br and .gz, not the runtime's
    wasm_br = (second / "pyodide" / "1.0-abc" / "pyodide.asm.wasm.br").read_bytes()
    assert brotli.decompress(wasm_br) == BIG_BINARY
    assert gzip.decompress((second / "pyodide" / "1.0-abc" / "pyodide.asm.wasm.gz").read_bytes()) == BIG_BINARY
