"""Render the machine header and the one table as aligned text, Markdown or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from bench.results import Results, Row, Sample, Unit

HEADERS = ("area", "measure", "n", "median", "min–max", "unit", "baseline", "base median", "ratio")


def _num(x: float, unit: Unit) -> str:
    v = x * unit.scale
    return f"{v:,.{unit.digits}f}"


def _spread(s: Sample, unit: Unit) -> str:
    if s.n == 1 or s.lo == s.hi:
        return "–"
    return f"{_num(s.lo, unit)}–{_num(s.hi, unit)}"


def _cells(row: Row) -> list[str]:
    base = row.baseline
    ratio = row.ratio
    return [
        row.area,
        row.measure,
        str(row.value.n),
        _num(row.value.median, row.unit),
        _spread(row.value, row.unit),
        row.unit.label,
        row.baseline_label if base is not None else "",
        (_num(base.median, row.unit) if base is not None else ""),
        (f"{ratio:.2f}×" if ratio is not None else ""),
    ]


def _align(table: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    numeric = {2, 3, 4, 7, 8}
    lines = []
    for r in table:
        cells = [c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells).rstrip())
    return lines


def as_text(header: dict[str, str], results: Results) -> str:
    out = [f"{k:<10} {v}" for k, v in header.items()]
    out.append("")
    table = [list(HEADERS)] + [_cells(r) for r in results.rows]
    lines = _align(table)
    out.append(lines[0])
    out.append("-" * max(len(x) for x in lines))
    out.extend(lines[1:])
    out.extend(_footer(results))
    return "\n".join(out)


def as_markdown(header: dict[str, str], results: Results) -> str:
    out = [f"- **{k}**: {v}" for k, v in header.items()]
    out.append("")
    out.append("| " + " | ".join(HEADERS) + " |")
    out.append("|" + "|".join("---" for _ in HEADERS) + "|")
    for r in results.rows:
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in _cells(r)) + " |")
    out.extend(_footer(results))
    return "\n".join(out)


def _footer(results: Results) -> list[str]:
    out: list[str] = []
    notes = [(r.area, r.measure, r.note) for r in results.rows if r.note]
    if notes:
        out.append("")
        out.append("notes:")
        seen: set[str] = set()
        for area, measure, note in notes:
            if note not in seen:
                seen.add(note)
                out.append(f"  {area} / {measure}: {note}")
    if results.skipped:
        out.append("")
        out.append("NOT MEASURED:")
        for s in results.skipped:
            out.append(f"  {s.area}: {s.reason}")
    return out


def as_json(header: dict[str, str], results: Results) -> str:
    def sample(s: Sample | None) -> dict[str, object] | None:
        if s is None:
            return None
        return {"values": list(s.values), "median": s.median, "min": s.lo, "max": s.hi}

    data = {
        "machine": header,
        "rows": [
            {
                "area": r.area, "measure": r.measure, "unit": r.unit.label, "values_in": r.unit.base,
                "scale": r.unit.scale,
                "value": sample(r.value), "baseline_label": r.baseline_label,
                "baseline": sample(r.baseline), "ratio": r.ratio, "paired": r.paired, "note": r.note,
            }
            for r in results.rows
        ],
        "not_measured": [{"area": s.area, "reason": s.reason} for s in results.skipped],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
