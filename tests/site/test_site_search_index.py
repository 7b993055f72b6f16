"""The Chinese search index: compounds cut into findable parts, one-character words glued, the
visible text unchanged (overrides/hooks/search_segments.py), and the jieba user dictionary."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import jieba
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HOOK = ROOT / "overrides" / "hooks" / "search_segments.py"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !!python and !ENV tags."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def _search_plugin_config() -> dict[str, object]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "search" in plugin:
            return plugin["search"]
    raise AssertionError("mkdocs.yml has no search plugin")


def _load_hook() -> object:
    spec = importlib.util.spec_from_file_location("search_segments", HOOK)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


seg = _load_hook()
USER_DICT = ROOT / str(_search_plugin_config()["jieba_dict_user"])
jieba.load_userdict(str(USER_DICT))
FREQ = seg.jieba_frequencies()


def test_user_dictionary_has_the_domain_terms() -> None:
    words = {line.split()[0] for line in USER_DICT.read_text("utf-8").splitlines() if line.strip()}
    assert {"逾期", "征信", "催收", "协商还款", "罚息", "复利", "提前到期", "失信被执行人"} <= words
    for line in USER_DICT.read_text("utf-8").splitlines():
        assert re.fullmatch(r"\S+ \d+( [a-z]+)?", line), f"bad user dictionary line: {line!r}"


def test_separator_keeps_the_jieba_word_break() -> None:
    separator = re.compile(str(_search_plugin_config()["separator"]))
    assert separator.fullmatch("\u200b") and separator.fullmatch("，") and not separator.search("罚息")


@pytest.mark.parametrize(("word", "parts"), [
    ("人民法院", ["人民", "法院"]),
    ("最高人民法院", ["最高", "人民", "法院"]),
    ("诉讼时效", ["诉讼", "时效"]),
    ("失信被执行人", ["失信", "被执行人"]),
    ("限制高消费", ["限制", "高消费"]),
    ("微粒贷", ["微粒贷"]),      # no cut into two-character words: stays whole
    ("罚息", ["罚息"]),
    ("的", ["的"]),
])
def test_finest_parts(word: str, parts: list[str]) -> None:
    assert seg.finest_parts(word, FREQ) == parts


def test_one_character_words_are_joined_to_the_word_before() -> None:
    assert seg.glue_single_characters(["被", "起诉", "了", "怎么办"]) == ["被", "起诉了", "怎么办"]
    assert seg.glue_single_characters(["逾期", "的", "代价"]) == ["逾期的", "代价"]
    assert seg.glue_single_characters(["按", "日", "计算"]) == ["按日", "计算"]


def test_resegment_keeps_the_visible_text() -> None:
    original = "<p>\u200b向\u200b最高人民法院\u200b申请\u200b，\u200b诉讼时效\u200b是\u200b 3 \u200b年\u200b</p>"
    result = seg.resegment(original, FREQ)
    assert result.replace("\u200b", "") == original.replace("\u200b", "")
    words = re.split(r"[\u200b\s]+", re.sub("<[^>]+>", "", result))
    assert "最高人民法院" not in words and "法院" in words
    assert "时效是" in words and "是" not in words  # the query 时效 matches 时效是 as a prefix


def test_built_index_has_the_parts_as_keys(site_dir: Path) -> None:
    """The rewrite ran on the real index: compounds in the pages appear only as their parts,
    and few one-character keys are left."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["zh"]
    words: list[str] = []
    visible = ""
    for doc in index["docs"]:
        for field in ("title", "text"):
            words += re.split(r"[\u200b\s<>/]+", doc[field])
            visible += doc[field].replace("\u200b", "")
    han = re.compile(seg.HAN + "+")
    chinese = [w for w in words if han.fullmatch(w)]
    for compound, part in (("人民法院", "法院"), ("诉讼时效", "时效")):
        if compound in visible:
            assert not any(w.startswith(compound) for w in chinese), f"{compound} left whole"
            assert any(w.startswith(part) for w in chinese), f"{part} is no key"
    # Without the user dictionary jieba cuts 限制高消费 as 限制|高|消费, so 高消费 would be no key.
    assert "限制高消费" in visible and any(w.startswith("高消费") for w in chinese), "user dictionary not used"
    singles = {w for w in chinese if len(w) == 1}
    assert len(singles) < len(set(chinese)) / 15, f"{len(singles)} one-character keys of {len(set(chinese))}"
