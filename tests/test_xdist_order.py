"""The hand-out order of tests/xdist_order.py: what HEAVY names first, in its order (a group, or a
file's tests of no group); then other groups, more tests first; then browser tests of no group;
then the rest; collection order kept within each. Every name in HEAVY (and in BESIDE_THE_BUILD,
the no-site half's units to start first) still exists (a renamed group or moved file would
silently fall back among the short end)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.xdist_order import BESIDE_THE_BUILD, HEAVY, group_of, largest_first, main, unit_seconds

TESTS = Path(__file__).resolve().parent
GROUP_MARK = re.compile(r"""xdist_group\(\s*(?:name\s*=\s*)?["']([^"']+)["']""")


@dataclass
class Mark:
    args: tuple[str, ...] = ()
    kwargs: dict[str, str] = field(default_factory=dict)


@dataclass
class Item:
    """What largest_first reads of a pytest item: its node id, xdist_group marks and fixture names."""

    nodeid: str
    groups: tuple[str, ...] = ()
    fixturenames: tuple[str, ...] = ()

    def iter_markers(self, name: str) -> list[Mark]:
        assert name == "xdist_group"
        return [Mark((g,)) for g in self.groups]


def test_every_heavy_unit_exists() -> None:
    carried = {m for path in TESTS.rglob("test_*.py") for m in GROUP_MARK.findall(path.read_text(encoding="utf-8"))}
    assert "site_crawl" in carried, "the pattern finds no group mark: it no longer matches how tests write them"
    named = HEAVY + BESIDE_THE_BUILD
    files = [u for u in named if u.endswith(".py")]
    missing = [u for u in named if u not in files and u not in carried]
    assert not missing, f"HEAVY or BESIDE_THE_BUILD names groups no test carries (renamed?): {missing}"
    gone = [f for f in files if not re.search(r"^def test_", (TESTS.parent / f).read_text(encoding="utf-8"), re.M)]
    assert not gone, f"HEAVY or BESIDE_THE_BUILD names files with no test function of their own (moved?): {gone}"
    assert len(set(named)) == len(named)


def test_group_name_is_xdists_unit_name() -> None:
    assert group_of(Item("a")) is None
    assert group_of(Item("a", ("site_crawl",))) == "site_crawl"
    assert group_of(Item("a", ("b_group", "a_group"))) == "a_group_b_group"  # xdist joins them sorted


def test_heavy_units_then_other_groups_then_browser_tests_then_the_rest() -> None:
    first = next(u for u in HEAVY if not u.endswith(".py"))
    heavy_file = next(u for u in HEAVY if u.endswith(".py"))
    items = [
        Item("tests/a.py::plain-1"),
        Item("tests/a.py::browser-1", fixturenames=("browser", "page")),
        Item(f"{heavy_file}::grouped-elsewhere", ("small_group",)),
        Item("tests/a.py::big-1", ("big_group",)),
        Item(f"{heavy_file}::single-1", fixturenames=("browser",)),
        Item("tests/b.py::first-1", (first,)),
        Item("tests/a.py::big-2", ("big_group",)),
        Item("tests/a.py::plain-2"),
        Item("tests/b.py::browser-2", fixturenames=("browser",)),
        Item(f"{heavy_file}::single-2"),
        Item("tests/c.py::first-2", (first,)),
    ]
    assert [i.nodeid.split("::")[1] for i in largest_first(items)] == [
        "first-1", "first-2", "single-1", "single-2", "big-1", "big-2", "grouped-elsewhere",
        "browser-1", "browser-2", "plain-1", "plain-2"]


def test_the_no_site_halfs_first_units_follow_heavy_and_precede_the_other_groups() -> None:
    """BESIDE_THE_BUILD ranks like HEAVY, after it (each half holds units of one of them only)."""
    group = next(u for u in BESIDE_THE_BUILD if not u.endswith(".py"))
    waits = next(u for u in BESIDE_THE_BUILD if u.endswith(".py"))
    assert BESIDE_THE_BUILD.index(group) < BESIDE_THE_BUILD.index(waits)
    items = [
        Item("tests/a.py::plain"),
        Item(f"{waits}::waits-1"),
        Item("tests/a.py::big-1", ("big_group",)),
        Item("tests/b.py::longest", (group,)),
        Item("tests/c.py::heavy", (HEAVY[0],)),
        Item(f"{waits}::waits-2"),
    ]
    assert [i.nodeid.split("::")[1] for i in largest_first(items)] == [
        "heavy", "longest", "waits-1", "waits-2", "big-1", "plain"]


def test_the_driver_keeps_the_order() -> None:
    """xdist's own --loadscope-reorder (on by default) would sort the units again by test count."""
    text = (TESTS.parent / "scripts" / "test").read_text(encoding="utf-8")
    assert "--dist loadgroup --no-loadscope-reorder" in text, "scripts/test lets xdist reorder the units"


JUNIT = """<testsuites><testsuite>
<testcase classname="tests.a" name="test_one[zh]@site_crawl" time="50.5"/>
<testcase classname="tests.a" name="test_two@site_crawl" time="1.5"/>
<testcase classname="tests.widget.test_wheel_pyodide" name="test_mail[x@y]" time="2.0"/>
<testcase classname="tests.widget.test_wheel_pyodide" name="test_node" time="3.0"/>
<testcase classname="tests.b.TestStory" name="test_three@warm_phones" time="60"/>
</testsuite></testsuites>"""


def test_unit_seconds_read_from_junit(tmp_path: Path, capsys: object) -> None:
    junit = tmp_path / "site.xml"
    junit.write_text(JUNIT, encoding="utf-8")
    # '@' inside [...] is a parameter, not a group: that test counts for its file
    assert unit_seconds(junit) == {"site_crawl": 52.0, "tests/widget/test_wheel_pyodide.py": 5.0, "warm_phones": 60.0}
    main([str(junit)])
    lines = capsys.readouterr().out.splitlines()  # type: ignore[attr-defined]
    assert [line.split()[2] for line in lines[:3]] == ["warm_phones", "site_crawl", "tests/widget/test_wheel_pyodide.py"]
    assert lines[-1] == "HEAVY is longest first"  # warm_phones, site_crawl, then the file, as declared
