"""sitebuild/user_cache.py: the bounded cache in the user's cache folder, and the reduced standard
library kept there (sitebuild/calculator_runtime.py)."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sitebuild import calculator_runtime as runtime
from sitebuild import user_cache


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(user_cache.OFF_VARIABLE, raising=False)
    top = user_cache.root()
    assert top == tmp_path / "xdg" / "weilidai-guide"
    return top


def test_the_folder_follows_xdg_and_home_and_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv(user_cache.OFF_VARIABLE, raising=False)
    assert user_cache.root() == tmp_path / ".cache" / "weilidai-guide"
    monkeypatch.setenv(user_cache.OFF_VARIABLE, "0")
    assert user_cache.root() is not None
    monkeypatch.setenv(user_cache.OFF_VARIABLE, "1")
    assert user_cache.root() is None


def test_the_bound_holds_and_the_least_recently_used_go_first(cache_root: Path) -> None:
    folder = cache_root / "kind"
    for i in range(6):
        user_cache.put(folder, f"entry{i}", bytes([i]) * 1000, max_bytes=10**9)
        os.utime(folder / f"entry{i}", (1000 + i, 1000 + i))
    assert user_cache.get(folder, "entry0", lambda data: data == b"\0" * 1000) == b"\0" * 1000  # used: now newest
    user_cache.put(folder, "entry6", b"\6" * 1000, max_bytes=3500)
    left = sorted(p.name for p in user_cache.entries(cache_root))
    assert left == ["entry0", "entry5", "entry6"]
    assert sum(p.stat().st_size for p in user_cache.entries(cache_root)) <= 3500


def test_the_newest_entry_stays_even_over_the_bound(cache_root: Path) -> None:
    user_cache.put(cache_root / "kind", "big", b"x" * 5000, max_bytes=100)
    assert [p.name for p in user_cache.entries(cache_root)] == ["big"]


def test_a_failing_entry_is_deleted_and_not_returned(cache_root: Path) -> None:
    folder = cache_root / "kind"
    user_cache.put(folder, "k", b"bad")
    assert user_cache.get(folder, "k", lambda data: data == b"good") is None
    assert not (folder / "k").exists()
    assert user_cache.get(folder, "absent", lambda data: True) is None


def test_lock_files_are_bounded(cache_root: Path) -> None:
    for i in range(600):
        with user_cache.lock(cache_root / "kind", f"{i:064x}"[::-1]):
            pass
    assert len(list((cache_root / "kind" / "locks").iterdir())) <= 256


def _fake_reduced_zip(magic: bytes = b"\xaa\x0d\x0d\x0a", flags: int = 1) -> bytes:
    """A zip shaped as the reduced stdlib (member names, stored, fixed dates, unchecked-hash .pyc)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zipped:
        for name in runtime.shipped_members():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            body = magic + flags.to_bytes(4, "little") + b"h" * 8 + b"code" if name.endswith(".pyc") else b"data"
            zipped.writestr(info, body)
    return out.getvalue()


def test_the_stdlib_check_accepts_its_shape_and_rejects_damage() -> None:
    good = _fake_reduced_zip()
    assert runtime.is_reduced_stdlib(good)
    assert not runtime.is_reduced_stdlib(good[: len(good) // 2])
    assert not runtime.is_reduced_stdlib(_fake_reduced_zip(flags=3))  # checked-hash: not what the build makes
    flipped = bytearray(good)
    flipped[good.index(b"code") + 1] ^= 0xFF  # one byte of one member: its CRC no longer matches
    assert not runtime.is_reduced_stdlib(bytes(flipped))
    extra = io.BytesIO(good)
    with zipfile.ZipFile(extra, "a") as zipped:
        zipped.writestr(zipfile.ZipInfo("evil.pyc", date_time=(2026, 1, 1, 0, 0, 0)), b"x")
    assert not runtime.is_reduced_stdlib(extra.getvalue())


@pytest.fixture
def stdlib_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_root: Path) -> list[Any]:
    """The clone's stdlib cache in tmp_path; node's build replaced by one that writes a fake zip and
    records each call."""
    calls: list[Any] = []
    monkeypatch.setattr(runtime, "STDLIB_CACHE", tmp_path / "clone-cache")

    def fake_node(args: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        calls.append(args)
        Path(args[-1]).write_bytes(_fake_reduced_zip())
        return subprocess.CompletedProcess(args, 0, "", "")
    monkeypatch.setattr(runtime.subprocess, "run", fake_node)
    return calls


def test_a_fresh_clone_takes_the_stdlib_from_the_user_cache(tmp_path: Path, stdlib_builds: list[Any],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first = runtime.reduced_stdlib()
    assert len(stdlib_builds) == 1
    monkeypatch.setattr(runtime, "STDLIB_CACHE", tmp_path / "another-clone-cache")
    assert runtime.reduced_stdlib() == first and len(stdlib_builds) == 1


def test_a_damaged_stdlib_entry_is_built_again(tmp_path: Path, stdlib_builds: list[Any], cache_root: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    first = runtime.reduced_stdlib()
    (entry,) = user_cache.entries(cache_root / "calculator-stdlib")
    entry.write_bytes(first[:-10])
    monkeypatch.setattr(runtime, "STDLIB_CACHE", tmp_path / "another-clone-cache")
    assert runtime.reduced_stdlib() == first and len(stdlib_builds) == 2
    assert entry.read_bytes() == first


def test_an_unwritable_cache_is_skipped_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv(user_cache.OFF_VARIABLE, raising=False)
    top = user_cache.root()
    assert top is not None
    with user_cache.lock(top / "kind", "ab"):
        user_cache.put(top / "kind", "ab", b"data")
    assert user_cache.get(top / "kind", "ab", lambda data: True) is None
