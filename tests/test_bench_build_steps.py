"""bench/build_steps.py reads both driver formats and finds every differing file (fixtures, no build)."""

from __future__ import annotations

from pathlib import Path

from bench.build_steps import differing_files, step_times

OLD = """\x1b[1m[build]\x1b[0m runtime manifest (wheel, brotli sizes) → .cache/sitebuild/
\x1b[1m[build]\x1b[0m   65.8 s
\x1b[1m[build]\x1b[0m zh edition (mkdocs) → site/
[build]   46 pages checked
\x1b[1m[build]\x1b[0m   1.5 s
[build] step times:
  zh edition (mkdocs) → site/     1.5 s
"""
NEW = """\x1b[1m[build]\x1b[0m runtime manifest (wheel, brotli sizes) → .cache/sitebuild/
\x1b[1m[build]\x1b[0m   30.2 s wall, 41.0 s CPU
\x1b[1m[build]\x1b[0m pre-compressed .br and .gz
[precompress] 166 files, 21.33 MB → 4.97 MB with brotli (0 stale removed), 9.9 s
\x1b[1m[build]\x1b[0m   10.0 s wall, 18.5 s CPU
"""


def test_step_times_of_the_old_and_the_new_driver() -> None:
    assert step_times(OLD) == {"runtime manifest (wheel, brotli sizes) → .cache/sitebuild/": (65.8, None),
                               "zh edition (mkdocs) → site/": (1.5, None)}
    assert step_times(NEW) == {"runtime manifest (wheel, brotli sizes) → .cache/sitebuild/": (30.2, 41.0),
                               "pre-compressed .br and .gz": (10.0, 18.5)}


def test_differing_files_is_diff_r(tmp_path: Path) -> None:
    for side, files in (("a", {"same.html": "x", "sub/changed.js": "1", "only-a.txt": ""}),
                        ("b", {"same.html": "x", "sub/changed.js": "2", "sub/only-b.css": ""})):
        for name, text in files.items():
            (tmp_path / side / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / side / name).write_text(text, "utf-8")
    assert differing_files(tmp_path / "a", tmp_path / "b") == ["only-a.txt", "sub/changed.js", "sub/only-b.css"]
    assert differing_files(tmp_path / "a", tmp_path / "a") == []
