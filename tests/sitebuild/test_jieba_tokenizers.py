"""sitebuild/search/jieba_tokenizers.py: a tokenizer made from the process's one dictionary load
is the tokenizer a fresh load makes, and each is its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild.search.jieba_tokenizers import with_userdict
from sitebuild.search.vocabulary import USERDICT

#: On the worker of the search unit tests (tests/site/test_search_ranking_unit.py), so the shared
#: load of jieba's dictionary with USERDICT these tests make is the one those tests use.
pytestmark = pytest.mark.xdist_group("search_ranking_unit")

TEXT = "微粒贷逾期后被催收了怎么办，征信会不会上报，以贷养贷借新还旧不可取，个性化分期找客服协商。"


def test_a_shared_load_gives_what_a_fresh_tokenizer_gives() -> None:
    import jieba  # here, not with the module: a worker that runs none of these tests never imports it

    fresh = jieba.Tokenizer()
    fresh.load_userdict(str(USERDICT))
    shared = with_userdict(USERDICT)
    assert shared.total == fresh.total and shared.FREQ == fresh.FREQ
    assert shared.user_word_tag_tab == fresh.user_word_tag_tab
    assert shared.lcut(TEXT, HMM=False) == fresh.lcut(TEXT, HMM=False)
    assert shared.lcut(TEXT) == fresh.lcut(TEXT)


def test_a_word_added_to_one_reaches_no_other() -> None:
    first = with_userdict(USERDICT)
    first.add_word("还旧不可")
    assert "还旧不可" in first.lcut(TEXT, HMM=False)
    second = with_userdict(USERDICT)
    assert "还旧不可" not in second.FREQ and "还旧不可" not in second.lcut(TEXT, HMM=False)


def test_a_changed_user_dictionary_is_loaded_again(tmp_path: Path) -> None:
    userdict = tmp_path / "userdict.txt"
    userdict.write_text("还旧不可 5\n", "utf-8")
    assert "还旧不可" in with_userdict(userdict).lcut(TEXT, HMM=False)
    userdict.write_text("后被催收了 5\n", "utf-8")  # another size: another version whatever the clock
    cut = with_userdict(userdict).lcut(TEXT, HMM=False)
    assert "后被催收了" in cut and "还旧不可" not in cut
