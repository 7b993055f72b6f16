"""sitebuild/installer.py: the pinned uv that fills .venv and the engines' venvs, and the fallback to pip."""

from __future__ import annotations

import stat
from pathlib import Path
from types import SimpleNamespace

import pytest

from sitebuild import engines, installer, user_cache


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(user_cache.OFF_VARIABLE, raising=False)
    return tmp_path / "xdg" / "weilidai-guide"


def _fake_uv(path: Path, answer: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho '{answer}'\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_the_pin_is_exact_and_in_the_constraints() -> None:
    pinned = installer.version()
    assert pinned.count(".") == 2 and all(part.isdigit() for part in pinned.split("."))
    constraints = (installer.ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines()
    assert f"uv=={pinned}" in constraints


def test_uv_lives_in_the_user_cache_or_the_clone(cache_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert installer.binary() == cache_root / "tools" / f"uv-{installer.version()}" / "bin" / "uv"
    monkeypatch.setenv(user_cache.OFF_VARIABLE, "1")
    assert installer.binary() == installer.ROOT / ".cache" / "tools" / f"uv-{installer.version()}" / "bin" / "uv"


def test_only_the_pinned_version_is_used(cache_root: Path) -> None:
    assert installer.installed() is None
    _fake_uv(installer.binary(), "uv 0.0.1 (x86_64-unknown-linux-gnu)")
    assert installer.installed() is None
    _fake_uv(installer.binary(), f"uv {installer.version()} (x86_64-unknown-linux-gnu)")
    assert installer.installed() == installer.binary()


def test_the_engines_use_uv_when_there_and_pip_otherwise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both from the file's exact pins, no resolver, no bytecode compile: uv through
    installer.install (from its cache first, below), pip's command where uv is not installed."""
    engine = engines.ENGINES["zensical"]
    pins = str(engines.ROOT / engine.requirements)
    pip = engines._pip_command(engine)
    assert pip[1:4] == ["-m", "pip", "--python"] and {"--no-deps", "--no-compile"} <= set(pip) and pip[-1] == pins
    uv = engines._uv_args(engine)
    assert "--no-deps" in uv and uv[-2:] == ["-r", pins] and uv[uv.index("--python") + 1] == str(engine.python)
    ran: list[list[str]] = []
    monkeypatch.setattr(engines, "ROOT", tmp_path)  # the venv and its stamp go to a scratch clone
    monkeypatch.setattr(engines, "subprocess", SimpleNamespace(run=lambda command, **_: ran.append(command)))
    monkeypatch.setattr(installer, "install", lambda args, uv=None: ran.append(["installer.install", str(uv), *args]))
    monkeypatch.setattr(installer, "pip_python", lambda: Path("/pip/python"))
    fake = engines.Engine("fake", "fake", ".venv-fake", engine.requirements)
    (tmp_path / fake.requirements).parent.mkdir(parents=True)
    (tmp_path / fake.requirements).write_text("fake==1.0\n", encoding="utf-8")
    (tmp_path / fake.venv).mkdir()  # what the faked ``python -m venv`` would make
    monkeypatch.setattr(installer, "installed", lambda: None)
    engines.ensure_installed(fake)
    assert ran[-1] == engines._pip_command(fake)  # no uv: pip
    engines._stamp(fake).unlink()
    monkeypatch.setattr(installer, "installed", lambda: Path("/uv"))
    engines.ensure_installed(fake)
    assert ran[-1] == ["installer.install", "/uv", *engines._uv_args(fake)]


def _recording_uv(uv: Path, calls: Path, cached: bool) -> None:
    """A stand-in for the pinned uv: answers --version, records every other call, and fails an
    --offline install when the files are not ``cached``."""
    uv.parent.mkdir(parents=True, exist_ok=True)
    uv.write_text(f"#!/bin/sh\n[ \"$1\" = --version ] && {{ echo 'uv {installer.version()}'; exit 0; }}\n"
                  f"echo \"$*\" >> {calls}\n"
                  f"case \"$*\" in *--offline*) exit {0 if cached else 1};; esac\n", encoding="utf-8")
    uv.chmod(uv.stat().st_mode | stat.S_IXUSR)


@pytest.mark.parametrize("cached", [True, False], ids=["in-uvs-cache", "not-in-uvs-cache"])
def test_setups_install_comes_from_uvs_cache_first_then_online(cached: bool, cache_root: Path, tmp_path: Path) -> None:
    """``python -m sitebuild.installer install ARGS`` (./scripts/setup's .venv install) runs
    ``uv pip install ARGS --offline``, and only when that fails the same install online."""
    import subprocess
    import sys

    calls = tmp_path / "calls.txt"
    _recording_uv(installer.binary(), calls, cached)
    args = ["-q", "--compile-bytecode", "--python", ".venv/bin/python", "-r", "requirements/test.txt"]
    subprocess.run([sys.executable, "-m", "sitebuild.installer", "install", *args], cwd=installer.ROOT, check=True)
    expected = [f"pip install {' '.join(args)} --offline"] + ([] if cached else [f"pip install {' '.join(args)}"])
    assert calls.read_text(encoding="utf-8").splitlines() == expected


def test_setup_and_the_engines_install_through_the_one_helper() -> None:
    """The offline-first logic lives in installer.install only: ./scripts/setup calls it by its
    command line (tested above), sitebuild/engines.py by name (tested with the engines below)."""
    setup = (installer.ROOT / "scripts" / "setup").read_text(encoding="utf-8")
    assert "-m sitebuild.installer install " in setup and "--offline" not in setup
    assert "--offline" not in (installer.ROOT / "sitebuild" / "engines.py").read_text(encoding="utf-8")


def test_the_tools_folder_is_outside_the_bound(cache_root: Path) -> None:
    _fake_uv(installer.binary(), "uv")
    user_cache.put(cache_root / "compressed", "k", b"x" * 100, max_bytes=10)
    assert installer.binary().is_file()
    assert installer.binary() not in user_cache.entries(cache_root)


def test_uv_installs_when_venv_has_no_pip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """./scripts/setup makes .venv without pip: the pip that installs uv (and the engines' fallback)
    is another Python's, never .venv's missing one."""
    import subprocess
    import sys

    root = tmp_path / "clone"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root / ".venv")], check=True)
    monkeypatch.setattr(installer, "ROOT", root)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert not installer._runs_pip(root / ".venv" / "bin" / "python")
    python = installer.pip_python()
    assert python != root / ".venv" / "bin" / "python" and installer._runs_pip(python)
    assert engines._pip_command(engines.ENGINES["zensical"])[:3] == [str(python), "-m", "pip"]


@pytest.mark.parametrize("cached", [True, False], ids=["in-uvs-cache", "not-in-uvs-cache"])
def test_an_engine_venv_comes_from_uvs_cache_first_then_online(
        cached: bool, cache_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """uv --offline first (no index page re-read for exact pins); when the cache lacks a file it
    fails, and the same install runs online."""
    root = tmp_path / "clone"
    engine = engines.Engine("fake", "fake", ".venv-fake", "requirements/engine-fake.txt")
    (root / "requirements").mkdir(parents=True)
    (root / engine.requirements).write_text("fake==1.0\n", encoding="utf-8")
    monkeypatch.setattr(engines, "ROOT", root)
    calls = tmp_path / "calls.txt"
    _recording_uv(installer.binary(), calls, cached)
    engines.ensure_installed(engine)
    runs = calls.read_text(encoding="utf-8").splitlines()
    assert ["--offline" in run.split() for run in runs] == ([True] if cached else [True, False])
    assert all(str(root / engine.requirements) in run.split() for run in runs)
    assert engines._stamp(engine).is_file()


def test_every_installed_package_is_pinned_exactly() -> None:
    """./scripts/setup installs .venv from uv's cache alone first (--offline): that gives the index's
    files only while constraints.txt pins every package .venv holds, transitive ones included, at the
    version installed. (pip and setuptools: put there by ensurepip in a .venv made before setup
    made it without pip.)"""
    import importlib.metadata
    import re

    def name(raw: str) -> str:
        return re.sub(r"[-_.]+", "-", raw).lower()

    lines = (installer.ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = {name(m[1]): m[2] for line in lines if (m := re.match(r"([A-Za-z0-9_.-]+)==(\S+)", line))}
    installed = {name(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}
    unpinned = {n: v for n, v in installed.items() if pins.get(n) != v and n not in {"pip", "setuptools"}}
    assert len(installed) > 50 and unpinned == {}
