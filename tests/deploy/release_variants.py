"""Make test releases from the built site without rebuilding it: another wheel (new sha256 folder,
pages and the service worker updated as a build would), or a broken upload of the same wheel."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import zipfile
from pathlib import Path

from sitebuild.offline import build as offline
from sitebuild.calculator_runtime import RuntimePaths


def _wheel(site: Path) -> Path:
    (found,) = sorted(site.glob("wheels/*/*.whl"))
    return found


def runtime_of(site: Path) -> RuntimePaths:
    (pyodide,) = sorted(site.glob("pyodide/*/"))
    return RuntimePaths(pyodide_dir=f"pyodide/{pyodide.name}/", wheel=_wheel(site).relative_to(site).as_posix())


def with_new_wheel(src: Path, dest: Path, tag: str) -> RuntimePaths:
    """A copy of ``src`` whose wheel holds one more file (so other bytes, another folder), as the
    next build of changed sources would be: pages, sizes, hashes and sw.js follow."""
    shutil.copytree(src, dest)
    old = _wheel(dest)
    data = old.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        zout.writestr("calculators/_release.py", f"RELEASE = {tag!r}\n")
    new = out.getvalue()
    old_sha, new_sha = hashlib.sha256(data).hexdigest(), hashlib.sha256(new).hexdigest()
    folder = dest / "wheels" / new_sha[:16]
    folder.mkdir()
    (folder / old.name).write_bytes(new)
    shutil.rmtree(old.parent)
    for page in dest.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if old_sha[:16] not in text:
            continue
        text = text.replace(old_sha, new_sha).replace(old_sha[:16], new_sha[:16])
        text = re.sub(r"(whl&(?:quot|#34);:\[)%d," % len(data), r"\g<1>%d," % len(new), text)
        page.write_text(text, encoding="utf-8")
        for suffix in (".br", ".gz"):
            Path(str(page) + suffix).unlink(missing_ok=True)
    runtime = runtime_of(dest)
    offline.build(dest, runtime)
    for name in ("sw.js.br", "sw.js.gz"):
        (dest / name).unlink(missing_ok=True)
    return runtime


def with_truncated_wheel(src: Path, dest: Path, size: int = 30_000) -> None:
    """A copy of ``src`` whose wheel upload broke off: same URL, first ``size`` bytes only."""
    shutil.copytree(src, dest)
    wheel = _wheel(dest)
    wheel.write_bytes(wheel.read_bytes()[:size])
