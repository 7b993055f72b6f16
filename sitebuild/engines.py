"""The engines that turn docs/ into HTML: MkDocs (the default), ProperDocs and Zensical.

Each non-default engine is pinned in requirements/engine-<name>.txt and installed on demand into a
virtual environment of its own (.venv-<name>, git-ignored), so the shared .venv never changes.
Every other build step runs in .venv whatever the engine. To switch the default, change
``DEFAULT_ENGINE`` below (one line; dev/build.md).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sitebuild.editions import ROOT, Edition

if TYPE_CHECKING:
    import yaml

DEFAULT_ENGINE = "mkdocs"
GENERATED = ROOT / "generated" / "zensical"


@dataclass(frozen=True)
class Engine:
    name: str
    module: str               # python -m <module> build ...
    venv: str                 # its own virtual environment ("" = the shared .venv)
    requirements: str         # exact pins of every package it imports ("" = requirements/site.txt via ./scripts/setup)

    @property
    def python(self) -> Path:
        return ROOT / (self.venv or ".venv") / "bin" / "python"


ENGINES: dict[str, Engine] = {
    "mkdocs": Engine("mkdocs", "mkdocs", "", ""),
    # Material requires the package "mkdocs", which ProperDocs replaces: installed without the
    # resolver (--no-deps), so nothing pulls "mkdocs" in.
    "properdocs": Engine("properdocs", "properdocs", ".venv-properdocs", "requirements/engine-properdocs.txt"),
    "zensical": Engine("zensical", "zensical", ".venv-zensical", "requirements/engine-zensical.txt"),
}


def _stamp(engine: Engine) -> Path:
    return ROOT / engine.venv / f".installed-{hashlib.sha256((ROOT / engine.requirements).read_bytes()).hexdigest()[:16]}"


def ensure_installed(engine: Engine) -> None:
    """Create and fill the engine's venv when its requirement file changed (a stamp holds its hash).

    Cheap by design (it runs in every fresh clone's CI): a venv without pip (no ensurepip), filled
    by uv (:func:`sitebuild.installer.install`: from uv's cache first, then online; pip where uv is
    missing) from the file's exact pins with ``--no-deps`` (no resolver: the file pins every package the engine imports, and a missing one fails the
    engine's build). A lock file serialises concurrent builds (parallel test workers); a venv
    without its stamp is half-made (an interrupted install) and is created afresh.
    """
    if not engine.venv or _stamp(engine).is_file():
        return
    venv = ROOT / engine.venv
    with open(ROOT / f"{engine.venv}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _stamp(engine).is_file():  # another build finished the install while this one waited
            return
        print(f"[build] installing {engine.name} into {engine.venv} from {engine.requirements}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", "--without-pip", str(venv)], check=True)
        from sitebuild import installer

        uv = installer.installed()
        if uv is not None:  # from uv's cache first, then online (installer.install)
            installer.install(_uv_args(engine), uv)
        else:
            subprocess.run(_pip_command(engine), check=True)
        _stamp(engine).touch()


def _uv_args(engine: Engine) -> list[str]:
    """What ``uv pip install`` is given (sitebuild/installer.py; from its warm cache it costs a
    fraction of pip's CPU per venv: ``.venv/bin/python -m bench.cpu_time ./scripts/setup --test`` in
    two fresh clones, dev/ci.md): exact pins, no resolver, no bytecode compile."""
    return ["-q", "--python", str(engine.python), "--no-deps", "-r", str(ROOT / engine.requirements)]


def _pip_command(engine: Engine) -> list[str]:
    """pip where uv is not installed yet (:func:`sitebuild.installer.pip_python`'s: .venv has none),
    with what :func:`_uv_args` asks of uv."""
    from sitebuild import installer

    return [str(installer.pip_python()), "-m", "pip", "--python", str(engine.python), "install", "-q",
            "--disable-pip-version-check", "--no-deps", "--no-compile", "-r", str(ROOT / engine.requirements)]


def install_all() -> None:
    """Every non-default engine's venv, both at once (./scripts/setup --test: the engines test needs them)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(ENGINES)) as pool:
        for done in [pool.submit(ensure_installed, engine) for engine in ENGINES.values() if engine.venv]:
            done.result()


@cache
def _tagged_loader() -> type:
    """A loader that composes configs with their tags (!ENV, !!python/...) kept as they are.

    PyYAML is imported here, not at the top: ``./scripts/setup --test`` runs ``--install`` while
    ``.venv`` is still being filled, with the standard library only."""
    import yaml

    return type("_TaggedLoader", (yaml.SafeLoader,), {})


def _merge_nodes(base: yaml.Node, over: yaml.Node) -> yaml.Node:
    """INHERIT as MkDocs does it: mappings merged key by key, everything else replaced."""
    import yaml

    if not (isinstance(base, yaml.MappingNode) and isinstance(over, yaml.MappingNode)):
        return over
    merged = list(base.value)
    for key, value in over.value:
        for i, (old_key, old_value) in enumerate(merged):
            if old_key.value == key.value:
                merged[i] = (old_key, _merge_nodes(old_value, value))
                break
        else:
            merged.append((key, value))
    return yaml.MappingNode(base.tag, merged, flow_style=False)


def _compose(path: Path) -> yaml.MappingNode:
    import yaml

    node = yaml.compose(path.read_text("utf-8"), Loader=_tagged_loader())
    assert isinstance(node, yaml.MappingNode), path
    parent = next((v.value for k, v in node.value if k.value == "INHERIT"), None)
    node.value = [(k, v) for k, v in node.value if k.value != "INHERIT"]
    return _merge_nodes(_compose(path.parent / parent), node) if parent else node  # type: ignore[return-value]


def _set(node: yaml.MappingNode, path: tuple[str, ...], value: str) -> None:
    """Set ``a.b.c`` in a composed mapping to a plain string."""
    import yaml

    for i, (k, v) in enumerate(node.value):
        if k.value == path[0]:
            if len(path) > 1:
                _set(v, path[1:], value)
            else:
                node.value[i] = (k, yaml.ScalarNode("tag:yaml.org,2002:str", value))
            return
    raise KeyError(".".join(path))


def flat_config(edition: Edition, project: Path) -> Path:
    """The edition's config with INHERIT resolved, in a project folder of its own, for Zensical.

    Why: Zensical 0.0.73 merges INHERIT by concatenating lists (the English nav would hold both
    languages), has no ``--site-dir``, wants docs_dir and site_dir inside the config's folder,
    and ``--clean`` empties that folder's ``.cache/`` (the repository's own caches live there).
    So each build gets generated/zensical/<hash>/<edition>/ with hard-linked copies of docs/,
    includes/ and overrides/, and builds into its site/ subfolder (git-ignored)."""
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    for name in ("docs", "includes", "overrides"):  # hard links: Zensical resolves symbolic ones
        shutil.copytree(ROOT / name, project / name, copy_function=os.link)
    import yaml

    node = _compose(ROOT / edition.config)
    _set(node, ("site_dir",), "site")
    out = project / "mkdocs.yml"
    out.write_text("# Generated by sitebuild/engines.py: do not edit.\n" + yaml.serialize(node, allow_unicode=True),
                   "utf-8")
    return out


def _project(edition: Edition, site: Path) -> Path:
    return GENERATED / hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:8] / edition.code


def build_command(engine: Engine, edition: Edition, site: Path) -> list[str]:
    """The command that builds one edition (Zensical: into its project folder, see :func:`flat_config`)."""
    if engine.name == "zensical":  # always --clean: its cache ignores changes to extension code
        return [str(engine.python), "-m", "zensical", "build", "--clean", "--strict",
                "-f", str(flat_config(edition, _project(edition, site)))]
    return [str(engine.python), "-m", engine.module, "build", "--strict", "-f", str(ROOT / edition.config),
            "-d", str(edition.site_dir(site).resolve())]


def build(engine: Engine, edition: Edition, site: Path, env: dict[str, str]) -> None:
    """Build one edition into its folder of ``site``; the root edition's build empties ``site``
    (as MkDocs does), so the root edition is built first."""
    if engine.name != "zensical":
        subprocess.run(build_command(engine, edition, site), check=True, cwd=ROOT, env=env)
        return
    project = _project(edition, site)
    env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))}
    subprocess.run(build_command(engine, edition, site), check=True, cwd=project, env=env)
    target = edition.site_dir(site)
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(project / "site"), str(target))


if __name__ == "__main__":
    if sys.argv[1:] != ["--install"]:
        raise SystemExit("usage: python -m sitebuild.engines --install   (every engine's venv, when its pins changed)")
    install_all()
