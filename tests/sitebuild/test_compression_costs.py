"""sitebuild/compression_costs.py: the per-file, per-codec table of what pre-compression costs."""

from __future__ import annotations

from pathlib import Path

import brotli
import pytest

from sitebuild import compression_costs

PAGE = ("<p>逾期罚息 overdue penalty interest</p>\n" * 300).encode("utf-8")


def test_rows_hold_each_codecs_real_output_size(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_bytes(PAGE)
    (tmp_path / "en" / "index.html").write_bytes(PAGE)
    (tmp_path / "photo.png").write_bytes(b"x" * 100)  # not a candidate
    rows = compression_costs.file_costs(tmp_path)
    assert [r["path"] for r in rows] == ["en/index.html", "index.html"]
    for row in rows:
        assert row["br11"][1] == len(brotli.compress(PAGE, mode=brotli.MODE_TEXT, quality=11))  # type: ignore[index]
        assert row["gz9"][1] < row["bytes"] and row["gz6"][1] >= row["gz9"][1]  # type: ignore[index,operator]


def test_table_names_the_repeated_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "a.js").write_bytes(PAGE)
    (tmp_path / "en" / "a.js").write_bytes(PAGE)
    assert compression_costs.main(["--site", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "| .js | 2 |" in out and "1 contents, 1 extra copies" in out and "2× " in out
