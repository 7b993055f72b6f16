"""Atomic deploys and rollbacks: a folder per release, one symlink, then nginx reloads.

Why: copying a build over the live folder file by file mixes two versions for readers (a page of
the old build asks for a wheel the new one deleted; a new inline script meets the old CSP header,
which nginx reads only at reload). Here a release is complete before readers see it, the switch is
one rename of a symlink, and nginx is reloaded in the same command.

    scripts/deploy [--site site] [--root /var/www]        copy a built site/ in as a new release
    scripts/deploy --release 20261207-031500-ab12cd3      switch back (rollback) or forward to it
    scripts/deploy --list                                 the releases, the live one marked

Layout under --root: ``weilidai`` (the symlink nginx serves, ``root /var/www/weilidai``) and
``weilidai-releases/<name>/``. Open tabs of the previous release keep working for one release: its
own runtime folders (pyodide/<...>/, wheels/<sha256>/, immutable, so copying is safe) are copied
into the new release when it lacks them; the release after drops them. The switch is followed by
``nginx -t`` and ``nginx -s reload`` (--nginx gives another command, e.g. with -p/-c); when the
test fails, the symlink goes back. Old release folders beyond --keep are removed.
Maintainer guide: deploy/README.md.
"""

from __future__ import annotations

import argparse
import re
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

LINK = "weilidai"
RELEASES = "weilidai-releases"
RUNTIME_TOPS = ("pyodide", "wheels")
OWN = ".deploy/runtime-own.json"  # the runtime folders a release was built with (not carried in)


class DeployError(Exception):
    """A deploy that must stop; the message is bilingual."""


def runtime_folders(release: Path) -> list[str]:
    """Site-relative runtime folders in a release: ``pyodide/314.0.7-…``, ``wheels/<sha>``."""
    return sorted(f"{top}/{d.name}" for top in RUNTIME_TOPS if (release / top).is_dir()
                  for d in (release / top).iterdir() if d.is_dir())


def own_folders(release: Path) -> list[str]:
    try:
        return list(json.loads((release / OWN).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return runtime_folders(release)


def live_release(root: Path) -> Path | None:
    link = root / LINK
    return link.resolve() if link.is_symlink() else None


def carry_runtime(previous: Path | None, target: Path) -> list[str]:
    """Copy the previous release's own runtime folders the target lacks; returns what was copied."""
    if previous is None or previous == target:
        return []
    carried = []
    for rel in own_folders(previous):
        if not (target / rel).exists() and (previous / rel).is_dir():
            shutil.copytree(previous / rel, target / rel)
            carried.append(rel)
    return carried


def switch(root: Path, target: Path) -> None:
    """Point the symlink at ``target`` in one rename (readers see the old or the new, never a mix)."""
    tmp = root / f".{LINK}.{os.getpid()}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target)
    os.replace(tmp, root / LINK)


def reload_nginx(nginx: str) -> None:
    command = shlex.split(nginx)
    test = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
    if test.returncode:
        raise DeployError(f"nginx -t 失败 / nginx -t failed:\n{test.stderr}")
    done = subprocess.run([*command, "-s", "reload"], capture_output=True, text=True)
    if done.returncode:
        raise DeployError(f"nginx 重新加载失败 / nginx reload failed:\n{done.stderr}")


def activate(root: Path, target: Path, nginx: str) -> list[str]:
    """Carry the live release's runtime into ``target``, switch to it and reload nginx (or switch back)."""
    previous = live_release(root)
    carried = carry_runtime(previous, target)
    switch(root, target)
    try:
        reload_nginx(nginx)
    except DeployError:
        if previous is not None:
            switch(root, previous)
        raise
    return carried


_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


def refuse_loopback_canonical(site: Path) -> None:
    """A build made without SITE_URL is a local preview: its canonical links name this machine."""
    from sitebuild.site_url_guard import is_loopback

    for page in (site / "index.html", site / "en" / "index.html"):
        found = _CANONICAL.search(page.read_text(encoding="utf-8")) if page.is_file() else None
        if found and is_loopback(found.group(1)):
            raise DeployError(
                f"{page} 的规范链接指向本机 ({found.group(1)})：请设置 SITE_URL 和 SITE_URL_EN 后重新构建。\n"
                f"{page} has canonical links to this machine ({found.group(1)}): rebuild with SITE_URL and "
                "SITE_URL_EN set (or pass --local to release a preview).")


def new_release(site: Path, root: Path, name: str | None = None) -> Path:
    """Copy a built site (with its hidden .deploy/) into a new release folder."""
    if not (site / "index.html").is_file() or not (site / ".deploy" / "security-headers.conf").is_file():
        raise DeployError(f"{site} 不是完整的构建，请先运行 ./scripts/build / {site} is not a complete build: "
                          "run ./scripts/build first")
    name = name or time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    target = root / RELEASES / name
    if target.exists():
        raise DeployError(f"发布 {name} 已存在 / release {name} exists")
    partial = target.with_name(f".{name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(site, partial, symlinks=False)
    (partial / OWN).write_text(json.dumps(runtime_folders(partial)), encoding="utf-8")
    partial.rename(target)
    return target


def prune(root: Path, keep: int) -> list[str]:
    """Remove the oldest release folders beyond ``keep`` (never the live one)."""
    live = live_release(root)
    folders = sorted((p for p in (root / RELEASES).iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.name)
    removed = []
    for old in folders[:-keep] if keep > 0 else []:
        if old != live:
            shutil.rmtree(old)
            removed.append(old.name)
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("/var/www"), help="holds the symlink and the releases")
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site to release")
    parser.add_argument("--name", help="name of the new release (default: UTC date-time)")
    parser.add_argument("--release", help="switch to this existing release (rollback / roll forward)")
    parser.add_argument("--nginx", default="nginx", help="nginx command (+ options) for -t and -s reload")
    parser.add_argument("--keep", type=int, default=5, help="release folders to keep")
    parser.add_argument("--list", action="store_true", help="list the releases")
    parser.add_argument("--local", action="store_true",
                        help="release a build whose canonical links point at this machine (tests, previews)")
    args = parser.parse_args(argv)
    try:
        (args.root / RELEASES).mkdir(parents=True, exist_ok=True)
        if args.list:
            live = live_release(args.root)
            for p in sorted((args.root / RELEASES).iterdir()):
                print(("* " if p == live else "  ") + p.name)
            return 0
        if args.release:
            target = args.root / RELEASES / args.release
            if not target.is_dir():
                raise DeployError(f"没有发布 {args.release} / no release {args.release}")
        else:
            if not args.local:
                refuse_loopback_canonical(args.site)
            target = new_release(args.site, args.root, args.name)
        carried = activate(args.root, target, args.nginx)
        removed = prune(args.root, args.keep)
        print(f"live: {target.name}; runtime kept from the previous release: {', '.join(carried) or 'none'}; "
              f"removed: {', '.join(removed) or 'none'}")
        return 0
    except DeployError as e:
        print(e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
