"""One answer, said the same way in both languages (content-review-2.md §4, §5 M9, §8).

Reads the Markdown sources with the shared snippets (includes/*.md) inlined, the way
pymdownx.snippets inlines them at build time. No build needed.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from sitebuild.terms import load
from tests.test_terms import variants_used

ROOT = Path(__file__).resolve().parents[2]
DOCS, INCLUDES = ROOT / "docs", ROOT / "includes"
LANGUAGES = ("zh", "en")
SNIPPET = re.compile(r'^--8<-- "([^"]+)"\s*$', re.M)
TEL = re.compile(r"\]\(tel:(\d+)\)")
ANCHOR = re.compile(r"\{#([\w-]+)\}")
PAGES = sorted(p.relative_to(DOCS / "zh").as_posix() for p in (DOCS / "zh").rglob("*.md"))

#: Where distress peaks: each carries the one crisis box (content-review-2.md defect 8, M9).
CRISIS_PAGES = ("index.md", "overdue/collection.md", "overdue/lawsuit.md", "overdue/court-traps.md",
                "overdue/deceased.md")
#: Pages that tell readers where their loan figures are: each uses the one shared answer.
LOAN_FIGURE_PAGES = ("index.md", "overdue/collection.md", "overdue/creditor.md", "credit/scams.md",
                     "calculator.md")
#: Service numbers that must be tap-to-call wherever a page names them.
SERVICE_NUMBERS = ("95384", "12378", "12363", "12356", "12368", "12348", "96110", "12321", "12315")


def source(lang: str, page: str) -> str:
    return (DOCS / lang / page).read_text("utf-8")


def inlined(lang: str, page: str) -> str:
    """The page with its snippet lines replaced by the snippet files, as the build does."""
    return SNIPPET.sub(lambda m: (INCLUDES / m.group(1)).read_text("utf-8"), source(lang, page))


def snippets(lang: str, page: str) -> list[str]:
    """Snippet names with the language suffix removed (crisis.zh.md → crisis)."""
    return [re.sub(r"\.(zh|en)\.md$", "", name) for name in SNIPPET.findall(source(lang, page))]


@pytest.mark.parametrize("page", CRISIS_PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_crisis_box_on_the_pages_where_distress_peaks(lang: str, page: str) -> None:
    assert "crisis" in snippets(lang, page), f"docs/{lang}/{page}: no crisis box (--8<-- \"crisis.{lang}.md\")"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_crisis_box_says_what_the_review_asks(lang: str) -> None:
    text = (INCLUDES / f"crisis.{lang}.md").read_text("utf-8")
    assert text.startswith("!!! danger"), "the crisis box is not a danger admonition"
    assert Counter(TEL.findall(text)) == Counter({"12356": 1, "120": 1, "110": 1})
    musts = {"zh": ("国家卫生健康委", "18 小时", "欠债不是犯罪"),
             "en": ("National Health Commission", "18 hours", "Debt is not a crime")}[lang]
    assert all(m in text for m in musts), f"crisis.{lang}.md lacks one of {musts}"


@pytest.mark.parametrize("page", LOAN_FIGURE_PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_answer_to_where_the_loan_figures_are(lang: str, page: str) -> None:
    assert "loan-figures" in snippets(lang, page), f"docs/{lang}/{page}: no shared loan-figures box"


#: The one section that answers readers told to use the WeBank App or 微卡 (round 7, gaps7d):
#: it may name the app, because it marks the claim unverified and sends readers to 95384.
APP_QUESTION_PAGE, APP_QUESTION_ID = "credit/prevention.md", "webank-app"


def section(text: str, anchor: str) -> str:
    """The `## … {#anchor}` section of a page, up to the next heading of level 2."""
    match = re.search(rf"^## [^\n]*\{{#{anchor}\}}\n.*?(?=^## |\Z)", text, re.M | re.S)
    return match.group(0) if match else ""


def without_app_question(lang: str, page: str) -> str:
    text = source(lang, page)
    return text.replace(section(text, APP_QUESTION_ID), "") if page == APP_QUESTION_PAGE else text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_sends_readers_to_another_place_for_the_figures(lang: str) -> None:
    other = {"zh": ("微众银行 App", "微粒贷 App："), "en": ("WeBank app", "Weilidai app:")}[lang]
    found = [f"docs/{lang}/{p}: {o!r}" for p in PAGES for o in other
             if o.lower() in without_app_question(lang, p).lower()]
    assert not found, "pages that name another place for the loan figures:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_app_question_is_answered_as_unverified(lang: str) -> None:
    answer = section(source(lang, APP_QUESTION_PAGE), APP_QUESTION_ID)
    mark = {"zh": "**未核实**", "en": "**unverified**"}[lang]
    assert answer, f"docs/{lang}/{APP_QUESTION_PAGE}: no {{#{APP_QUESTION_ID}}} section"
    assert mark in answer and "](tel:95384)" in answer
    assert "](http" not in answer.replace("](https://csai.cn/", ""), "a link other than the cited article"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calculator_hint_says_where_the_figures_are_as_the_shared_box_does(lang: str) -> None:
    """The loan form's hint for the amount borrowed names the place the loan-figures box names."""
    from calculators.schema import LOAN_FIGURES_WHERE, MODES

    where = LOAN_FIGURES_WHERE[LANGUAGES.index(lang)]
    box = (INCLUDES / f"loan-figures.{lang}.md").read_text("utf-8")
    bold = re.findall(r"\*\*(.+?)\*\*", box.split("\n", 2)[1])
    assert bold and bold[0] == where, f"loan-figures.{lang}.md names {bold[:1]}, the calculator {where!r}"
    principal = next(f for f in MODES["loan"].fields if f.name == "principal")
    hint = principal.help[LANGUAGES.index(lang)]
    assert where in hint, f"the principal hint {hint!r} does not say {where!r}"


@pytest.mark.parametrize("page", PAGES)
def test_same_sections_snippets_and_tel_links(page: str) -> None:
    zh, en = source("zh", page), source("en", page)
    assert ANCHOR.findall(zh) == ANCHOR.findall(en), f"{page}: section ids differ or are in another order"
    assert snippets("zh", page) == snippets("en", page), f"{page}: shared boxes differ"
    assert Counter(TEL.findall(inlined("zh", page))) == Counter(TEL.findall(inlined("en", page))), (
        f"{page}: tel: links differ between zh and en")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_service_number_named_can_be_tapped(lang: str, page: str) -> None:
    text = inlined(lang, page)
    tappable = set(TEL.findall(text))
    bare = [n for n in SERVICE_NUMBERS if re.search(rf"(?<!\d){n}(?!\d)", text) and n not in tappable]
    assert not bare, f"docs/{lang}/{page}: named but never a tel: link: {bare}"


@pytest.mark.parametrize(("lang", "text", "use"), [
    ("zh", "见[起诉前后的程序陷阱](court-traps.md)", "打官司前后的期限"),
    ("zh", "见[针对欠款人的骗局](../credit/scams.md)", "当心骗局"),
    ("zh", "见[逾期后的征信记录](../credit/record.md)", "征信记录"),
    ("zh", "见[催收和你的权利](collection.md)", "催收与你的权利"),
    ("en", "see [Court procedure traps](court-traps.md)", "Deadlines around a lawsuit"),
    ("en", "see [Scams that target borrowers](../credit/scams.md)", "Beware of scams"),
    ("en", "see [Collection and your rights](collection.md)", "Collection calls and your rights"),
    ("en", "the court may lift a consumption restriction", "Spending restriction (限制高消费)"),
])
def test_term_list_rejects_the_variants_the_review_found(lang: str, text: str, use: str) -> None:
    assert use in [u for _, u in variants_used(text, load().variants(lang))]


def test_the_checkers_see_a_difference() -> None:
    assert Counter(TEL.findall("[95384](tel:95384) [110](tel:110)")) != Counter(TEL.findall("[95384](tel:95384)"))
    assert SNIPPET.findall('x\n--8<-- "crisis.zh.md"\n') == ["crisis.zh.md"]
