"""The flattened config Zensical gets (sitebuild/engines.py): INHERIT resolved the MkDocs way
(mappings merged, lists replaced), tags kept, site_dir set; and each engine's command."""

from __future__ import annotations

from pathlib import Path

import yaml

from sitebuild import engines
from sitebuild.editions import ROOT, by_code


class _Loader(yaml.SafeLoader):
    """Reads a config without running its !ENV and !!python tags (kept as their tag names)."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: f"<{suffix}>")


def test_english_flat_config_has_only_english_lists_and_keeps_tags(tmp_path: Path) -> None:
    path = engines.flat_config(by_code("en"), tmp_path / "project")
    text = path.read_text("utf-8")
    config = yaml.load(text, Loader=_Loader)  # noqa: S506
    assert "INHERIT" not in config and config["site_dir"] == "site"
    assert [next(iter(item)) for item in config["nav"]][0] == "Home"  # replaced, not appended to 首页
    assert "首页" not in text and "切换到浅色模式" not in text
    assert config["theme"]["custom_dir"] == "overrides" and config["theme"]["language"] == "en"  # merged
    assert "!!python/name:sitebuild.markdown.calculator.fence" in text and "!ENV" in text
    assert {"lang": "en"} in [item.get("sitebuild.markdown.calculator") for item in config["markdown_extensions"]
                              if isinstance(item, dict)]
    for folder in ("docs", "includes", "overrides"):  # hard-linked copies inside the project folder
        assert (tmp_path / "project" / folder).is_dir() and not (tmp_path / "project" / folder).is_symlink()


def test_each_engine_builds_strict_and_zensical_clean(tmp_path: Path) -> None:
    zh = by_code("zh")
    mkdocs = engines.build_command(engines.ENGINES["mkdocs"], zh, tmp_path)
    assert mkdocs[1:4] == ["-m", "mkdocs", "build"] and "--strict" in mkdocs and mkdocs[-1] == str(tmp_path.resolve())
    assert engines.ENGINES["mkdocs"].python == ROOT / ".venv" / "bin" / "python"
    zensical = engines.build_command(engines.ENGINES["zensical"], zh, tmp_path)
    assert {"--clean", "--strict"} <= set(zensical) and zensical[0].endswith(".venv-zensical/bin/python")
    assert engines.DEFAULT_ENGINE == "mkdocs"
