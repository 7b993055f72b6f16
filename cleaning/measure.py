"""Measure the pipeline on hand-annotated texts it was not written against.

``python -m cleaning.measure [FOLDER]`` (default tests/cleaning/fixtures/unseen/) cleans each
``<name>.txt`` that has a ``<name>.truth.toml`` (the garbles and boilerplate lines a person marked)
and prints, per text and in total: garbles repaired correctly, flagged, missed; wrong repairs (a
repair of a spot that is no garble, or to the wrong reading); boilerplate lines left in the draft;
other lines removed. Exit status 1 when a target is missed (0 wrong repairs, ≥ 80 % of garbles
repaired or flagged, ≤ 1 boilerplate line left per text).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .garbles import Finding
from .manifest import load_manifest
from .output import ROOT
from .pipeline import clean_text

UNSEEN = ROOT / "tests" / "cleaning" / "fixtures" / "unseen"
MIN_RECALL = 0.80
MAX_BOILERPLATE_LEFT = 1


@dataclass(frozen=True)
class Garble:
    """One annotated garble: raw line, the garbled characters (" " for a gap), the right reading."""

    line: int
    text: str
    reading: str


@dataclass
class Figures:
    """What one text (or all) scored."""

    name: str
    garbles: int = 0
    repaired: int = 0
    flagged: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    boilerplate: int = 0
    left: list[int] = field(default_factory=list)
    other_removed: int = 0

    @property
    def recall(self) -> float:
        return (self.repaired + self.flagged) / self.garbles if self.garbles else 1.0


def load_truth(path: Path) -> tuple[list[Garble], list[int]]:
    """The annotated garbles and boilerplate line numbers of one text."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    garbles = [Garble(g["line"], g["text"], g["reading"]) for g in data.get("garble", [])]
    return garbles, list(data.get("boilerplate", []))


def _same_spot(g: Garble, f: Finding) -> bool:
    if f.line != g.line:
        return False
    if not g.text.strip():  # a gap: any whitespace gap flag on the line
        return not f.found.strip()
    return bool(f.found.strip()) and (f.found in g.text or g.text in f.found)


def measure_text(source: Path, truth: Path) -> Figures:
    """Clean one annotated text and score it against its annotation."""
    garbles, boilerplate = load_truth(truth)
    result = clean_text(source.read_text(encoding="utf-8"), source.name, load_manifest(source))
    fig = Figures(source.stem, garbles=len(garbles), boilerplate=len(boilerplate))
    open_garbles = list(garbles)
    for r in result.repairs:
        g = next((g for g in open_garbles if g.line == r.line and g.text == r.found), None)
        if g is not None and g.reading == r.result:
            fig.repaired += 1
            open_garbles.remove(g)
        else:
            fig.wrong.append(f"line {r.line}: {r.context}")
            if g is not None:
                open_garbles.remove(g)
    flags = list(result.flags) + list(result.suspicious)
    for g in list(open_garbles):
        f = next((f for f in flags if _same_spot(g, f)), None)
        if f is not None:
            fig.flagged += 1
            flags.remove(f)
            open_garbles.remove(g)
    fig.missed = [f"line {g.line}: “{g.text}” → “{g.reading}”" for g in open_garbles]
    gone = {r.number for r in result.removed}
    for d in result.duplicates:
        gone.update(range(d.first, d.last + 1))
    fig.left = [n for n in boilerplate if n not in gone]
    fig.other_removed = len(gone - set(boilerplate))
    return fig


def measure_folder(folder: Path = UNSEEN) -> list[Figures]:
    """Every annotated text in ``folder``, by name."""
    return [measure_text(t.with_name(t.name.removesuffix(".truth.toml") + ".txt"), t)
            for t in sorted(folder.glob("*.truth.toml"))]


def total(figures: list[Figures]) -> Figures:
    out = Figures("total")
    for f in figures:
        out.garbles += f.garbles
        out.repaired += f.repaired
        out.flagged += f.flagged
        out.wrong += f.wrong
        out.missed += [f"{f.name} {m}" for m in f.missed]
        out.boilerplate += f.boilerplate
        out.left += f.left
        out.other_removed += f.other_removed
    return out


def targets_met(figures: list[Figures]) -> bool:
    t = total(figures)
    return (not t.wrong and t.recall >= MIN_RECALL
            and all(len(f.left) <= MAX_BOILERPLATE_LEFT for f in figures))


def render(figures: list[Figures]) -> str:
    """The figures as a Markdown table, then what was missed or wrong."""
    rows = [("| text | garbles | repaired | flagged | missed | wrong repairs | recall | "
             "boilerplate lines | left | other lines removed |"),
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for f in [*figures, total(figures)]:
        rows.append(f"| {f.name} | {f.garbles} | {f.repaired} | {f.flagged} | {len(f.missed)} | "
                    f"{len(f.wrong)} | {f.recall:.0%} | {f.boilerplate} | {len(f.left)} | "
                    f"{f.other_removed} |")
    t = total(figures)
    rows += ["", f"Wrong repairs: {len(t.wrong)}"] + [f"- {w}" for w in t.wrong]
    rows += [f"Missed garbles: {len(t.missed)}"] + [f"- {m}" for m in t.missed]
    rows += [f"Boilerplate lines left: {len(t.left)}",
             (f"Targets (0 wrong repairs, ≥ {MIN_RECALL:.0%} repaired or flagged, ≤ "
              f"{MAX_BOILERPLATE_LEFT} boilerplate line left per text): "
              f"{'met' if targets_met(figures) else 'NOT met'}")]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cleaning.measure",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=UNSEEN)
    args = parser.parse_args(argv)
    figures = measure_folder(args.folder)
    if not figures:
        print(f"没有标注文件 / no *.truth.toml in {args.folder}", file=sys.stderr)
        return 2
    print(render(figures))
    return 0 if targets_met(figures) else 1


if __name__ == "__main__":
    sys.exit(main())
