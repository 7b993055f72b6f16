"""sitebuild/search/jieba_tokenizers.py: a tokenizer made from the process's one dictionary load
is the tokenizer a fresh load makes, and each is its own."""

from __future__ import annotations

from pathlib import Path

import jieba

from sitebuild.search.jieba_tokenizers import with_userdict
from sitebuild.search.vocabulary import USERDICT

TEXT = "微粒贷逾期后被催收了怎么办，征信会不会上报，以贷养贷借新还旧不可取，个性化分期找客服协商。"


def test_a_shared_load_gives_what_a_fresh_tokenizer_gives() -> None:
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


def test_the_cleaning_tokenizer_reuses_the_load_and_keeps_its_idioms_to_itself() -> None:
    """cleaning/words.py copies this process's one load (no second ~1.3 s read of the dictionary)
    and adds the reviewed idioms to its copy only."""
    from cleaning import words
    from sitebuild.search import jieba_tokenizers

    with_userdict(USERDICT)
    hits = jieba_tokenizers._loaded.cache_info().hits
    words.tokenizer.cache_clear()
    tok = words.tokenizer()
    assert jieba_tokenizers._loaded.cache_info().hits == hits + 1
    idioms = words.idioms()
    assert idioms and all(tok.lcut(idiom, HMM=False) == [idiom] for idiom in idioms)
    shared = with_userdict(USERDICT)
    assert all(tok.FREQ[idiom] >= 1000 for idiom in idioms)
    assert any(shared.FREQ.get(idiom, 0) < 1000 for idiom in idioms)  # added to the copy only
