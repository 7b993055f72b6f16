"""Generate the glossary pages' entries and the tooltip files from the one term list.

Why: every term (its Chinese and English name, tooltip, definition and the page that explains it)
is written once, in ``i18n/terms.toml``; the glossary pages (between the ``terms`` markers) and
``includes/glossary.{zh,en}.md`` are derived from it, so they cannot drift apart. A build step,
not a MkDocs hook, so it keeps working under any site engine.

    .venv/bin/python -m sitebuild.terms           # rewrite the generated parts (only if changed)
    .venv/bin/python -m sitebuild.terms --check   # exit 1 if any generated part is out of date
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sitebuild import editions

ROOT = Path(__file__).resolve().parents[1]
TERMS = ROOT / "i18n" / "terms.toml"
LANGUAGES = editions.codes()
START = "<!-- terms:start (generated from i18n/terms.toml by sitebuild/terms.py: edit that file) -->"
END = "<!-- terms:end -->"


@dataclass(frozen=True)
class Term:
    """One glossary entry, in both languages."""

    id: str
    section: str
    name: dict[str, str]
    tooltips: dict[str, dict[str, str]]
    definition: dict[str, str]
    page: str
    avoid: dict[str, list[str]]


@dataclass(frozen=True)
class Label:
    """A name that is not a glossary entry but must be written one way."""

    name: dict[str, str]
    page: str | None
    avoid: dict[str, list[str]]


@dataclass(frozen=True)
class TermList:
    """The whole reviewed list: sections (in order), terms and labels."""

    sections: dict[str, dict[str, str]]
    terms: list[Term]
    labels: list[Label] = field(default_factory=list)

    def variants(self, lang: str) -> dict[str, str]:
        """Variant → the term to use instead, for one language."""
        out: dict[str, str] = {}
        for item in [*self.terms, *self.labels]:
            for variant in item.avoid[lang]:
                out[variant] = item.name[lang]
        return out


def load(path: Path = TERMS) -> TermList:
    """Read and check the term list; a clear bilingual error for a bad entry."""
    data = tomllib.loads(path.read_text("utf-8"))
    sections = {s["id"]: {lang: s[lang] for lang in LANGUAGES} for s in data.get("section", [])}
    terms: list[Term] = []
    for raw in data.get("term", []):
        if raw.get("section") not in sections:
            raise ValueError(f"term {raw.get('id')!r}: unknown section {raw.get('section')!r} "
                             f"/ 术语 {raw.get('id')!r} 的 section 不存在")
        terms.append(Term(
            id=raw["id"], section=raw["section"],
            name={lang: raw[lang] for lang in LANGUAGES},
            tooltips={lang: dict(raw.get(f"tooltip_{lang}", {})) for lang in LANGUAGES},
            definition={lang: raw[f"definition_{lang}"].strip("\n") for lang in LANGUAGES},
            page=raw["page"],
            avoid={lang: list(raw.get(f"avoid_{lang}", [])) for lang in LANGUAGES}))
    ids = [t.id for t in terms]
    if len(ids) != len(set(ids)):
        raise ValueError(f"duplicate term ids / 术语 id 重复: {sorted({i for i in ids if ids.count(i) > 1})}")
    labels = [Label(name={lang: raw[lang] for lang in LANGUAGES}, page=raw.get("page"),
                    avoid={lang: list(raw.get(f"avoid_{lang}", [])) for lang in LANGUAGES})
              for raw in data.get("label", [])]
    return TermList(sections, terms, labels)


def tooltip_file(terms: TermList, lang: str) -> str:
    """includes/glossary.<lang>.md: one ``*[abbr]: text`` line per tooltip."""
    lines = [f"*[{abbr}]: {text}" for t in _in_page_order(terms) for abbr, text in t.tooltips[lang].items()]
    return "\n".join(lines) + "\n"


def glossary_entries(terms: TermList, lang: str) -> str:
    """The glossary page's generated part: sections in order, each with its terms."""
    parts = [START, ""]
    for section_id, names in terms.sections.items():
        members = [t for t in terms.terms if t.section == section_id]
        if not members:
            continue
        parts += [f"## {names[lang]}", ""]
        for t in members:
            parts += [f"### {t.name[lang]} {{#{t.id}}}", "", t.definition[lang], ""]
    parts.append(END)
    return "\n".join(parts)


def _in_page_order(terms: TermList) -> list[Term]:
    return [t for s in terms.sections for t in terms.terms if t.section == s]


def outputs(terms: TermList, root: Path = ROOT) -> dict[Path, str]:
    """Every generated file's expected full text."""
    out: dict[Path, str] = {}
    for lang in LANGUAGES:
        out[root / "includes" / f"glossary.{lang}.md"] = tooltip_file(terms, lang)
        page = root / "docs" / lang / "reference" / "glossary.md"
        text = page.read_text("utf-8")
        if START not in text or END not in text:
            raise ValueError(f"{page}: the terms markers are missing / 缺少术语标记 {START!r} … {END!r}")
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        out[page] = head + glossary_entries(terms, lang) + tail
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    args = parser.parse_args(argv)
    try:
        expected = outputs(load())
    except (ValueError, KeyError, tomllib.TOMLDecodeError) as exc:
        print(f"术语表有误 / term list error: {exc}", file=sys.stderr)
        return 2
    stale = [p for p, text in expected.items() if not p.is_file() or p.read_text("utf-8") != text]
    if args.check:
        for p in stale:
            print(f"out of date / 需要重新生成: {p.relative_to(ROOT)} (run python -m sitebuild.terms)", file=sys.stderr)
        return 1 if stale else 0
    for p in stale:
        p.write_text(expected[p], "utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
