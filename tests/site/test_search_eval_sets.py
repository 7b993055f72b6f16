"""Every blind query set is found and reported apart (bench/search_eval.py ``query_sets``), and
the README's search block (bench/search_readme.py) has a row per set found, measured or not. On
temporary files and made-up rows: no site, no browser."""

from __future__ import annotations

from pathlib import Path

from bench import search_eval, search_readme
from bench.results import Results, Row, Sample

THIS_BUILD = search_readme.THIS_BUILD


def _sets(tmp_path: Path, *names: str) -> dict[str, Path]:
    for name in names:
        (tmp_path / name).write_text("{}", "utf-8")
    return search_eval.query_sets(tmp_path)


def test_each_blind_file_is_a_set_of_its_own(tmp_path: Path) -> None:
    sets = _sets(tmp_path, "search_queries.json", "search_blind.json", "search_blind2.json", "search_blind3.json",
                 "other.json")
    assert list(sets) == ["tuning", "dev", "blind", "blind2", "blind3"]
    assert sets["dev"] == tmp_path / "search_dev.json"
    assert sets["blind2"] == tmp_path / "search_blind2.json"


def test_blind_sets_are_in_number_order(tmp_path: Path) -> None:
    sets = _sets(tmp_path, "search_queries.json", "search_blind10.json", "search_blind9.json", "search_blind.json",
                 "search_blind2.json")
    assert list(sets) == ["tuning", "dev", "blind", "blind2", "blind9", "blind10"]


def test_later_blind_sets_are_never_seen_blind9_is_held_out_and_blind2_to_blind8_are_tuned_on() -> None:
    assert search_eval.set_role("blind3") == "development, tuned on since round 6 (held out in round 5)"
    assert search_eval.set_role("blind10") == "blind, measured once at the end of round 11 (relabelled gaps first)"
    assert search_eval.set_role("blind11") == "blind, never seen"
    assert search_eval.set_role("blind9") == ("held out since round 11 (measured once at the end of round 10, "
                                              "relabelled gaps first)")
    assert search_eval.set_role("blind8") == "development, tuned on since round 11 (held out in round 10)"
    assert search_eval.set_role("blind7") == "development, tuned on since round 10 (held out in round 9)"
    assert search_eval.set_role("blind6") == "development, tuned on since round 9 (held out in round 8)"
    assert search_eval.set_role("blind5") == "development, tuned on since round 8 (held out in round 7)"
    assert search_eval.set_role("blind4") == "development, tuned on since round 7 (held out in round 6)"
    assert search_eval.set_role("blind2") == "development, tuned on since round 6 (held out in rounds 3-5)"
    assert "tuned on" in search_eval.set_role("blind") and "tuned on" in search_eval.set_role("dev")


def test_the_first_blind_set_is_named_even_when_absent(tmp_path: Path) -> None:
    assert list(_sets(tmp_path, "search_queries.json")) == ["tuning", "dev", "blind"]


def _row(measure: str, value: float, unit: object) -> Row:
    return Row("search", measure, unit, Sample.of([value]))  # type: ignore[arg-type]


def test_readme_block_has_a_row_per_set_and_says_what_was_not_measured(tmp_path: Path) -> None:
    from bench.results import MILLISECONDS
    from bench.search import PERCENT as SHARE

    sets = _sets(tmp_path, "search_queries.json", "search_dev.json", "search_blind.json", "search_blind2.json",
                 "search_blind3.json")
    results = Results()
    for lang, first, top3 in (("zh", 0.9, 1.0), ("en", 0.8, 0.95)):
        results.rows.append(_row(f"tuning {lang} wanted first: {THIS_BUILD}", first, SHARE))
        results.rows.append(_row(f"tuning {lang} wanted in top 3: {THIS_BUILD}", top3, SHARE))
        results.rows.append(_row(f"{lang} keystroke to results: median", 0.037, MILLISECONDS))
        results.rows.append(_row(f"{lang} first query after opening the box", 0.144, MILLISECONDS))
    text = search_readme.block({"date": "2026-12-07 06:00 UTC", "commit": "abc1234"}, results, sets)
    lines = text.splitlines()
    assert lines[0] == search_readme.START and lines[-1] == search_readme.END
    assert "| tuning (`search_queries.json`; tuned on) | 90.0 % | 100.0 % | 80.0 % | 95.0 % |" in lines
    assert "| dev (`search_dev.json`; tuned on) | not measured | not measured | not measured | not measured |" in lines
    assert ("| blind2 (`search_blind2.json`; tuned on) "
            "| not measured | not measured | not measured | not measured |") in lines
    assert ("| blind3 (`search_blind3.json`; tuned on) "
            "| not measured | not measured | not measured | not measured |") in lines
    assert "zh 37 ms / 144 ms" in text and "abc1234" in text and "2026-12-07 06:00 UTC" in text

    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n## Search\n\n{search_readme.START}\nold\n{search_readme.END}\n\n## Next\n", "utf-8")
    assert search_readme.update(readme, {"date": "d", "commit": "c"}, results)
    after = readme.read_text("utf-8")
    assert "old" not in after and after.startswith("# x\n\n## Search\n\n") and after.endswith("\n\n## Next\n")
    plain = tmp_path / "plain.md"
    plain.write_text("# no markers\n", "utf-8")
    assert not search_readme.update(plain, {}, results) and plain.read_text("utf-8") == "# no markers\n"


def test_a_content_gap_query_is_not_scored_and_the_block_says_how_many(tmp_path: Path) -> None:
    """A query written with no wanted page (a content gap) can never be first: it is left out of
    every share and counted apart, so a set's figures are over queries a page can answer."""
    import json

    queries = [{"q": "微粒贷逾期", "lang": "zh", "want": ["overdue/costs/"], "top3": []},
               {"q": "能出国吗", "lang": "zh", "want": [], "top3": [], "gap": True},
               {"q": "loan late", "lang": "en", "want": "overdue/costs/"}]
    (tmp_path / "search_blind3.json").write_text(json.dumps({"queries": queries}), "utf-8")
    path = tmp_path / "search_blind3.json"
    assert [c.query for c in search_eval.load_cases(path)] == ["微粒贷逾期", "loan late"]
    assert search_eval.unscored(path) == 1
    text = search_readme.block({}, Results(), {"blind3": path})
    assert "Not scored: queries written as content gaps, with no wanted page (blind3 1)." in text
    (tmp_path / "search_blind3.json").write_text(json.dumps({"queries": queries[:1]}), "utf-8")
    assert "Not scored" not in search_readme.block({}, Results(), {"blind3": path})


def test_fit_script_never_ranks_a_never_seen_set() -> None:
    """bench/search_fit.py ranks the tuned-on and development sets only; blind10 (measured once by
    the benchmark at the end of round 11) and any later blind set (blind11, frozen in round 11) are
    refused before their file is read; the held-out
    blind9's misses are never listed; blind2, blind3 are tuned on since round 6, blind4 since
    round 7, blind5 since round 8, blind6 since round 9, blind7 since round 10, blind8 since
    round 11."""
    import pytest

    from bench import search_fit

    for name in ("blind10", "blind11", "blind12"):
        with pytest.raises(SystemExit, match="never seen"):
            search_fit._load((name,))
    with pytest.raises(SystemExit, match="aggregates only"):
        search_fit.main(["--misses", "blind9"])
    assert {"blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8"} <= set(search_fit.TUNED)
    assert "blind9" not in search_fit.TUNED
    assert "blind9" in search_fit.HELD_OUT and "blind9" not in search_fit.DEFAULT


def test_fit_script_shares_first_and_top3_per_language() -> None:
    from bench import search_fit

    Case = search_eval.Case
    cases = [Case("zh", "a", ("x/",), ("x/",)), Case("zh", "b", ("y/",), ("y/",)), Case("en", "c", ("",), ("",))]
    tops = [("x/", "y/"), ("x/", "z/", "y/"), ("x/",)]
    assert search_fit.shares(cases, tops) == {"zh": (0.5, 1.0, 2), "en": (0.0, 0.0, 1)}


def test_fit_script_splits_dev_in_two_fixed_halves() -> None:
    """dev-a and dev-b split dev by a hash of the query text: every query in exactly one half, the
    same half on every run. dev-b was held out in rounds 4-9; since round 10 the whole of dev is
    tuned on, so neither half is held out."""
    from bench import search_fit

    halves = search_fit._load(("dev", "dev-a", "dev-b"))
    a, b = ({c.query for c in halves[n]} for n in ("dev-a", "dev-b"))
    assert a and b and not a & b and a | b == {c.query for c in halves["dev"]}
    assert all(search_fit.half(q) == "a" for q in a) and search_fit.half("网贷") == search_fit.half("网贷")
    assert "dev" in search_fit.TUNED and not {"dev-a", "dev-b"} & set(search_fit.HELD_OUT)


def test_leave_one_set_out_chooses_on_the_other_sets(monkeypatch) -> None:
    """``loso``: the value chosen for a left-out set is the best on the other sets, and the
    left-out set is reported with that value, not with its own best."""
    from bench import search_fit

    # Two sets that disagree: x=1 suits "a" (first place), x=0 suits "b" and "c".
    def fake_evaluate(site, sets, settings, ranking=None):
        out = []
        for st in settings:
            x = st["F"].get("x", 0)
            out.append({"a": {"zh": (1.0 if x == 1 else 0.0, 1.0, 1)},
                        "b": {"zh": (0.0 if x == 1 else 1.0, 1.0, 1)},
                        "c": {"zh": (0.0 if x == 1 else 1.0, 1.0, 1)}})
        return out

    monkeypatch.setattr(search_fit, "evaluate", fake_evaluate)
    monkeypatch.setattr(search_fit, "_load", lambda names: {n: [] for n in names})
    got = search_fit.loso(Path("."), {"x": (0.0, 1.0)}, ("a", "b", "c"))
    assert got["sets"]["a"]["chosen"] == {"x": 0.0} and got["sets"]["a"]["left_out"] == {"zh": (0.0, 1.0, 1)}
    assert got["sets"]["b"]["chosen"] == {"x": 0.0}
    assert got["mean_now"] == got["mean_left_out"]
