"""Offline reading and add-to-home-screen: the service worker, its registration, manifests, icons.

Run by ./scripts/build after everything else has written into site/ (pages, runtime, PDFs), because
the worker's cache version is a hash of the files it precaches:

    python -m sitebuild.offline.build --site site

What it writes (why a hand-written worker and not Workbox: see dev/decisions/0001-hand-written-service-worker.md):
    site/sw.js                    sitebuild/offline/sw.js with the precache manifest filled in
    site/offline.js               registers sw.js and tells it the page's edition (no inline script)
    site/manifest.webmanifest     zh; site/en/manifest.webmanifest for the English edition
    site/icons/icon-{192,512}.png the home-screen icon, drawn here with Pillow
and adds to every page's <head> (not the 404 pages, served at any path) a <link rel="manifest">
and <script src=".../offline.js" defer>.

An edition is the site root (zh) and every folder of it that has its own sitemap.xml (en/).
Precached per edition: every page, everything under its assets/ except source maps and Material's
lunr files (the theme copies them, but the site searches with Pagefind), its Pagefind bundle
(pagefind/**) and its sitemap.xml (the language switcher reads it).
Never precached: /pyodide/ and /wheels/ (the calculator runtime, kept on use), PDFs.
The manifest also gives each precached file a short hash (a new version carries unchanged files
over instead of downloading them again), each page's title and the words of the edition's offline
page (what a navigation gets offline when the page is not held). Maintainer guide: dev/offline.md.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import posixpath
import re
from pathlib import Path

from sitebuild.calculator_runtime import PYODIDE_FILES, RuntimePaths, runtime_paths
from sitebuild import editions

HERE = Path(__file__).resolve().parent
SW_TEMPLATE = HERE / "sw.js"
REGISTER = HERE / "offline.js"
ICON_SIZES = (192, 512)
THEME = editions.EDITIONS[0].theme_color  # --md-primary-fg-color in overrides/assets/stylesheets/site.css
NAMES = {e.code: (e.site_name, e.short_name, e.html_lang) for e in editions.EDITIONS}
_HEAD_END = re.compile(r"</head>", re.I)
MARK = 'data-offline-script="1"'
_TITLE = re.compile(r"<title>(.*?)</title>", re.I | re.S)
#: The offline page the service worker shows for a page this device does not hold, per edition.
OFFLINE_TEXT = {
    "zh": {"lang": "zh-CN", "title": "当前没有网络", "body": "这一页还没有保存在本机。下面这些页面已保存，没有网络也能阅读：",
           "none": "本机还没有保存任何页面。联网后打开本指南一次即可离线阅读。"},
    "en": {"lang": "en", "title": "You are offline", "body": "This page is not saved on this device. These pages are, and "
           "open without a network:", "none": "No page is saved on this device yet. Open the guide once while online."},
}
RETIRE_SW = HERE / "retire-sw.js"


def editions(site: Path) -> dict[str, Path]:
    """{edition: its folder}: the root is zh; a subfolder with its own sitemap.xml is an edition."""
    found = {"zh": site}
    for sub in sorted(site.iterdir()):
        if sub.is_dir() and (sub / "sitemap.xml").is_file() and (sub / "index.html").is_file():
            found[sub.name] = sub
    return found


def edition_files(site: Path, folder: Path, others: list[Path]) -> list[str]:
    """Site-relative paths to precache for one edition (pages as their directory URL)."""
    out: list[str] = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or any(o in path.parents for o in others):
            continue
        rel = path.relative_to(folder).as_posix()
        top = rel.split("/", 1)[0]
        keep = False
        if rel.endswith(".html") and rel != "404.html":
            keep = True
        elif top == "assets" and not rel.endswith((".map", ".gz", ".br")):
            keep = not rel.startswith("assets/javascripts/lunr/")
        elif top == "pagefind" or rel == "sitemap.xml":
            keep = not rel.endswith((".map", ".gz", ".br"))
        if keep:
            site_rel = path.relative_to(site).as_posix()
            if site_rel.endswith("index.html"):
                site_rel = site_rel[: -len("index.html")]
            out.append(site_rel)
    return out


def _home_part(path: str, home: str) -> bool:
    """What another edition's home page needs offline: itself, its styles and scripts, its sitemap."""
    if path in (home, home + "sitemap.xml"):
        return True
    return path.startswith(home + "assets/") and "/lunr/" not in path and "/calculator/" not in path


def _file(site: Path, rel: str) -> Path:
    return site / (rel + "index.html" if rel.endswith("/") or rel == "" else rel)


def _title(page: Path) -> str:
    found = _TITLE.search(page.read_text(encoding="utf-8"))
    return html.unescape(found.group(1).strip()) if found else page.parent.name


def manifest(site: Path, runtime: RuntimePaths | None = None) -> dict[str, object]:
    eds = editions(site)
    folders = list(eds.values())
    lists = {name: edition_files(site, folder, [f for f in folders if f != folder and folder in f.parents])
             for name, folder in eds.items()}
    homes = {name: (folder.relative_to(site).as_posix() + "/" if folder != site else "") for name, folder in eds.items()}
    digest = hashlib.sha256(SW_TEMPLATE.read_bytes())
    hashes: dict[str, dict[str, str]] = {}
    for name in sorted(lists):
        hashes[name] = {}
        for rel in lists[name]:
            data = _file(site, rel).read_bytes()
            hashes[name][rel] = hashlib.sha256(data).hexdigest()[:16]
            digest.update(rel.encode() + b"\0" + data + b"\0")
    paths = runtime or runtime_paths()
    runtime_dirs = [paths.pyodide_dir, posixpath.dirname(paths.wheel) + "/"]
    digest.update("\n".join(runtime_dirs).encode())
    return {
        "version": digest.hexdigest()[:12],
        "runtimeDirs": runtime_dirs,
        "runtimeFiles": [paths.pyodide_dir + f for f in PYODIDE_FILES] + [paths.wheel],
        "editions": hashes,
        "homes": homes,
        # what is kept of the other editions: the home page and what it needs to show
        "editionHome": {name: [p for p in lists[name] if _home_part(p, homes[name])] for name in lists},
        "titles": {name: {p: _title(_file(site, p)) for p in lists[name] if p.endswith("/") or p == homes[name]}
                   for name in lists},
        "offline": {name: OFFLINE_TEXT.get(name, OFFLINE_TEXT["en"]) for name in lists},
    }


def icons(site: Path) -> list[str]:
    """Square PNG icons: the guide's colour with 微 (Noto Sans CJK when installed, else a plain mark)."""
    from PIL import Image, ImageDraw, ImageFont

    out = []
    folder = site / "icons"
    folder.mkdir(exist_ok=True)
    fonts = sorted(Path("/usr/share/fonts").rglob("NotoSansCJK-Bold.ttc"))
    for size in ICON_SIZES:
        image = Image.new("RGB", (size, size), THEME)
        draw = ImageDraw.Draw(image)
        if fonts:
            font = ImageFont.truetype(str(fonts[0]), int(size * 0.62), index=2)  # index 2: SC
            draw.text((size / 2, size / 2), "微", font=font, fill="white", anchor="mm")
        else:
            draw.rounded_rectangle((size * 0.2, size * 0.2, size * 0.8, size * 0.8), radius=size // 10, fill="white")
        name = f"icons/icon-{size}.png"
        image.save(site / name, optimize=True)
        out.append(name)
    return out


def web_manifest(site: Path, edition: str, folder: Path, icon_paths: list[str]) -> None:
    name, short, lang = NAMES.get(edition, NAMES["en"])
    up = posixpath.relpath(site.as_posix(), folder.as_posix())
    up = "" if up == "." else up + "/"
    data = {
        "name": name, "short_name": short, "lang": lang, "start_url": "./", "scope": up or "./",
        "display": "standalone", "background_color": "#ffffff", "theme_color": THEME,
        "icons": [{"src": up + p, "sizes": f"{s}x{s}", "type": "image/png", "purpose": "any"}
                  for p, s in zip(icon_paths, ICON_SIZES)],
    }
    (folder / "manifest.webmanifest").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def inject(site: Path) -> int:
    """Link the manifest and the registration script from every page of every edition."""
    eds = editions(site)
    changed = 0
    for edition, folder in eds.items():
        nested = [f for f in eds.values() if f != folder and folder in f.parents]
        for page in folder.rglob("*.html"):
            if page.name == "404.html" or any(n in page.parents for n in nested):
                continue
            rel_to = lambda target: posixpath.relpath(target.as_posix(), page.parent.as_posix())  # noqa: E731
            text = page.read_text(encoding="utf-8")
            if MARK in text or not _HEAD_END.search(text):
                continue
            tags = (f'<link rel="manifest" href="{rel_to(folder / "manifest.webmanifest")}">'
                    f'<meta name="theme-color" content="{THEME}">'
                    f'<link rel="apple-touch-icon" href="{rel_to(site / "icons" / "icon-192.png")}">'
                    f'<script src="{rel_to(site / "offline.js")}" data-edition="{edition}" {MARK} defer></script>')
            page.write_text(_HEAD_END.sub(lambda m: tags + m.group(0), text, count=1), encoding="utf-8")
            changed += 1
    return changed


def build(site: Path, runtime: RuntimePaths | None = None) -> dict[str, object]:
    """Write everything into ``site``; returns the precache manifest (for the build log and tests).
    ``runtime``: where the calculator runtime is, when not where the current sources put it."""
    icon_paths = icons(site)
    for edition, folder in editions(site).items():
        web_manifest(site, edition, folder, icon_paths)
    (site / "offline.js").write_bytes(REGISTER.read_bytes())
    inject(site)
    data = manifest(site, runtime)  # after the pages changed: the version hashes what is served
    (site / "sw.js").write_text(
        SW_TEMPLATE.read_text(encoding="utf-8").replace("/*MANIFEST*/ {}", json.dumps(data, indent=1)),
        encoding="utf-8")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.offline.build",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    data = build(args.site)
    counts = ", ".join(f"{k} {len(v)} files" for k, v in data["editions"].items())  # type: ignore[union-attr]
    print(f"sw.js version {data['version']}: precache {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
