"""The two edition configs agree: same labels, same nav paths, switcher and languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from site_markdown import pages

from sitebuild.before.page_meta import UI_KEYS, load_config
from sitebuild.editions import EDITIONS

ROOT = Path(__file__).resolve().parents[2]


class _Loader(yaml.SafeLoader):
    """Reads mkdocs*.yml without running their !!python and !ENV tags."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def _config(name: str) -> dict[str, Any]:
    return yaml.load((ROOT / name).read_text("utf-8"), Loader=_Loader)


ZH, EN = _config("mkdocs.yml"), _config("mkdocs.en.yml")


def _nav_paths(nav: list[Any]) -> list[str]:
    found: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found += _nav_paths(value) if isinstance(value, list) else [value]
    return found


def _nav_titles(nav: list[Any]) -> list[str]:
    found: list[str] = []
    for item in nav:
        if isinstance(item, dict):
            title, value = next(iter(item.items()))
            found.append(title)
            if isinstance(value, list):
                found += _nav_titles(value)
    return found


def test_english_inherits_the_base() -> None:
    assert EN["INHERIT"] == "mkdocs.yml"
    assert (ZH["docs_dir"], ZH["site_dir"]) == ("docs/zh", "site")
    assert (EN["docs_dir"], EN["site_dir"]) == ("docs/en", "site/en")
    assert (ZH["theme"]["language"], EN["theme"]["language"]) == ("zh-CN", "en")


def test_every_label_is_translated() -> None:
    zh, en = ZH["extra"]["ui"], EN["extra"]["ui"]
    assert set(zh) == set(en) == UI_KEYS
    same = [k for k in zh if zh[k] == en[k] and k != "sentence_end"]
    assert not same, f"labels not translated: {same}"
    assert (ZH["extra"]["glossary"], EN["extra"]["glossary"]) == ("glossary.zh.md", "glossary.en.md")


def test_both_navs_list_every_page_in_the_same_order() -> None:
    zh, en = _nav_paths(ZH["nav"]), _nav_paths(EN["nav"])
    assert zh == en, "nav paths differ between mkdocs.yml and mkdocs.en.yml"
    assert sorted(zh) == pages("zh"), f"nav vs docs/zh: {sorted(set(zh) ^ set(pages('zh')))}"
    zh_titles, en_titles = _nav_titles(ZH["nav"]), _nav_titles(EN["nav"])
    assert len(zh_titles) == len(en_titles)
    assert all(not t.isascii() for t in zh_titles) and all(t.isascii() for t in en_titles)


def test_switcher_and_palette() -> None:
    assert ZH["extra"]["alternate"] == [
        {"name": "简体中文", "link": "/", "lang": "zh-CN"}, {"name": "English", "link": "/en/", "lang": "en"}]
    assert "alternate" not in EN.get("extra", {})  # inherited
    zh, en = ZH["theme"]["palette"], EN["theme"]["palette"]
    assert [p.get("scheme") for p in zh] == [p.get("scheme") for p in en]
    assert all(a["toggle"]["name"] != b["toggle"]["name"] and b["toggle"]["name"].isascii()
               for a, b in zip(zh, en, strict=True))


def _extension(config: dict[str, Any], name: str) -> Any:
    for item in config["markdown_extensions"]:
        if isinstance(item, dict) and name in item:
            return item[name]
    raise AssertionError(f"{name} is not in markdown_extensions")


def test_configs_match_the_editions_registry() -> None:
    """sitebuild/editions.py is the one list of editions; each config says the same."""
    for edition in EDITIONS:
        config = load_config(ROOT / edition.config)
        assert config["docs_dir"] == f"docs/{edition.code}"
        assert config["site_dir"] == ("site/" + edition.prefix).rstrip("/")
        assert config["theme"]["language"] == edition.html_lang
        assert config["site_name"] == edition.site_name
        assert config["extra"]["shared_root"] == edition.shared_root
        assert config["extra"]["glossary"] == edition.glossary
        assert _extension(config, "pymdownx.snippets")["auto_append"] == [edition.glossary]
        assert _extension(config, "sitebuild.markdown.calculator") == {"lang": edition.code}
        assert "hooks" not in config, f"{edition.config}: no hooks (every engine must build the same pages)"


def test_english_restates_the_extensions_but_language_and_glossary() -> None:
    """INHERIT replaces lists, so mkdocs.en.yml repeats markdown_extensions: nothing else may differ."""
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    zh = text[text.index("\nmarkdown_extensions:"):text.index("\nnav:")]
    text = (ROOT / "mkdocs.en.yml").read_text("utf-8")
    en = text[text.index("\nmarkdown_extensions:"):text.index("\nnav:")]
    def body(block: str) -> list[str]:
        return [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert body(en) == [line.replace("lang: zh", "lang: en").replace("glossary.zh.md", "glossary.en.md")
                        for line in body(zh)]


def test_theme_colour_is_the_stylesheets() -> None:
    """The registry's colour (web-app manifests, theme-color meta) is the one the CSS paints with."""
    css = (ROOT / "overrides/assets/stylesheets/site.css").read_text("utf-8")
    for edition in EDITIONS:
        assert f"--md-primary-fg-color: {edition.theme_color};" in css
