"""Refuse a public build whose canonical links would point at this machine.

MkDocs writes ``site_url`` into every page's ``<link rel="canonical">`` and into ``sitemap.xml``;
the configs fall back to ``http://127.0.0.1:8000/`` when ``SITE_URL`` / ``SITE_URL_EN`` are unset,
and a build deployed that way tells search engines the guide lives on a loopback address. So
``./scripts/build`` warns that such a build is a local preview (so the front-door command still
builds on a fresh machine), ``--public`` makes it stop, and ``scripts/deploy`` refuses to release a
build whose canonical links name this machine. ``--local`` (``--serve``, ``./scripts/test``) says
the build is meant for this machine and silences the warning.

    python -m sitebuild.site_url_guard [--local] [--serve] [--public]   (exit 2 and a bilingual reason on refusal)
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
#: config file -> the environment variable its site_url reads
CONFIGS = {"mkdocs.yml": "SITE_URL", "mkdocs.en.yml": "SITE_URL_EN"}
_SITE_URL = re.compile(r'^site_url:\s*!ENV\s*\[\s*(\w+)\s*,\s*"([^"]+)"\s*\]', re.M)


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    if host in ("", "localhost") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def site_urls(env: Mapping[str, str], root: Path = ROOT) -> dict[str, str]:
    """{variable: the URL the build would use}, from the environment or the config's fallback."""
    out = {}
    for config, variable in CONFIGS.items():
        found = _SITE_URL.search((root / config).read_text(encoding="utf-8"))
        fallback = found.group(2) if found and found.group(1) == variable else ""
        out[variable] = env.get(variable) or fallback
    return out


def problems(env: Mapping[str, str], root: Path = ROOT) -> list[str]:
    return [f"{variable}={url or '(unset)'}" for variable, url in site_urls(env, root).items() if is_loopback(url)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--local", action="store_true", help="a build for this machine: loopback URLs allowed")
    parser.add_argument("--serve", action="store_true", help="same as --local (./scripts/build --serve)")
    parser.add_argument("--public", action="store_true", help="a build to publish: refuse loopback URLs")
    args, _ = parser.parse_known_args(argv)
    bad = problems(os.environ)
    if not bad or args.local or args.serve:
        return 0
    where = ", ".join(bad)
    if args.public:
        print(f"规范链接会指向本机 ({where})：请设置 SITE_URL 和 SITE_URL_EN，或用 --local 构建本机预览。\n"
              f"Canonical links would point at this machine ({where}): set SITE_URL and SITE_URL_EN "
              "(e.g. https://example.org/ and https://example.org/en/), or build with --local for a local preview.",
              file=sys.stderr)
        return 2
    # The front-door command must build on a fresh machine; what must never happen is publishing
    # this build, and scripts/deploy refuses it (sitebuild.deploy.refuse_loopback_canonical).
    print(f"本机预览构建：规范链接指向本机 ({where})。发布前请设置 SITE_URL 和 SITE_URL_EN 并重新构建（scripts/deploy 会拒绝此构建）。\n"
          f"Local preview build: canonical links point at this machine ({where}). Set SITE_URL and SITE_URL_EN "
          "and rebuild before publishing (scripts/deploy refuses this build).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
