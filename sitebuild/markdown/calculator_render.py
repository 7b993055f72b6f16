"""HTML for one calculator result: the same code at build time (CPython) and in the browser (Pyodide).

Why one renderer in Python: the worked example baked into the page and the live result after
the reader presses "calculate" must look alike and show the same figures. The page hook renders
the example; the Pyodide worker imports this very file (the hook copies it into the site) to
render live results. Stdlib only; input is the JSON-able dict of ``calculators.web.compute``.
"""

from __future__ import annotations

import base64
import html
import re
from decimal import Decimal, InvalidOperation
from typing import Any

Lang = str  # "zh" | "en"

#: The widget's own words (not the package's labels): (zh, en).
UI: dict[str, tuple[str, str]] = {
    "result": ("计算结果", "Result"),
    "example": ("示例（按上面的默认值计算）", "Worked example (from the default values above)"),
    "inputs_used": ("所用数据", "Inputs used"),
    "breakdown": ("明细", "Breakdown"),
    "table": ("明细表", "Table"),
    "table_overdue": ("各期明细", "Per instalment"),
    "table_loan": ("逾期的各期", "Overdue instalments"),
    "table_payoff": ("再拖下去要还多少", "If you pay later"),
    "table_schedule": ("还款计划表", "Repayment schedule"),
    "table_compare": ("各方案明细", "Scenarios in detail"),
    "table_court": ("案件受理费分段", "Acceptance fee bands"),
    "enforcement_table": ("申请执行费分段", "Enforcement fee bands"),
    "chart": ("应还合计随时间增长", "How the total due grows"),
    "axis_cut": ("（纵轴从 {low} 元起，不从 0 开始）", " (the y axis starts at {low} yuan, not at 0)"),
    "notes": ("说明", "Notes"),
    "error": ("输入有误", "Please check the input"),
    "mode_loan": ("我的微粒贷：现在要还多少", "My Weilidai loan: what do I owe now"),
    "mode_overdue": ("逾期费用计算器", "Overdue cost calculator"),
    "mode_payoff": ("全额结清（提前到期）计算器", "Full payoff (whole loan due) calculator"),
    "mode_schedule": ("还款计划计算器", "Repayment schedule calculator"),
    "mode_compare": ("还款方案比较", "Repayment scenarios compared"),
    "mode_apr": ("年化利率计算器", "Annual rate (APR) calculator"),
    "mode_court": ("诉讼费用计算器", "Court costs calculator"),
    "mode_budget": ("收支表和还款方案", "Budget and offers"),
    "mode_timeline": ("我的法律期限", "My legal deadlines"),
    "table_budget": ("给各债权人的还款方案（按欠款比例）", "Offers to creditors (pro rata by balance)"),
    "table_timeline": ("日期和依据", "Dates and their legal basis"),
    "statement": ("收支情况表（可打印，附在信后）", "Income and expenditure statement (print it with the letter)"),
    "letter": ("协商还款申请（已填入你的数字，复制或打印；【】处自己填）",
               "Negotiation letter with your figures (copy or print; fill in the [ ] yourself)"),
    "steps": ("接下来可能发生什么，你能做什么（没有法定时间的，不写日期）",
              "What may happen next and what you can do (no date where no rule fixes one)"),
    "step_reached": ("（已到这一步）", " (you are here or past it)"),
    "ics": ("下载日历文件（.ics），把期限加到手机日历", "Download a calendar file (.ics) for your phone's calendar"),
    "more": ("更多选项", "More options"),
    "calculate": ("计算", "Calculate"),
    "copy": ("复制结果", "Copy result"),
    "copied": ("已复制结果和链接", "Result and link copied"),
    "copy_failed": ("无法自动复制，请手动选择文字复制", "Could not copy automatically; select the text instead"),
    # No size here: the one download figure is the computed "download" line below the form.
    "loading": ("正在本机加载计算引擎……", "Loading the calculator engine on this device…"),
    # Download, offline and failure lines (issue 12); {mb}, {done}, {total} are filled in (MB, one decimal).
    "download": ("首次使用需下载约 {mb} MB（计算引擎），之后从缓存加载。",
                 "First use downloads about {mb} MB (the calculator engine); after that it loads from the cache."),
    "progress": ("正在下载计算引擎：已下载 {done} / {total} MB", "Downloading the calculator engine: {done} / {total} MB"),
    "starting": ("正在启动计算引擎……", "Starting the calculator engine…"),
    "network": ("网络中断，已下载 {done} / {total} MB，点击重试。下方示例仍然有效。",
                "Network interrupted: {done} / {total} MB downloaded. Tap Retry. The worked example below still holds."),
    "stalled": ("计算引擎长时间没有响应，点击重试。下方示例仍然有效。",
                "The calculator engine stopped responding. Tap Retry. The worked example below still holds."),
    "retry": ("重试", "Retry"),
    # Reliability (issue 21): a damaged download, a site updated under an open page, an engine failure.
    "integrity": ("计算引擎的文件下载不完整或已损坏，已丢弃并重新下载。请点击重试。下方示例仍然有效。",
                  "A calculator engine file arrived incomplete or damaged; it was dropped and fetched again. "
                  "Tap Retry. The worked example below still holds."),
    "stale": ("本页已更新，请刷新。下方示例仍然有效。", "This page was updated: please reload it. The worked example below still holds."),
    "reload": ("刷新", "Reload"),
    "engine": ("计算引擎启动失败，请点击重试。下方示例仍然有效。",
               "The calculator engine failed to start. Tap Retry. The worked example below still holds."),
    "save_offline": ("保存以便离线使用", "Save for offline use"),
    "saving": ("正在保存……", "Saving…"),
    "saved_offline": ("已保存：没有网络时计算器也能使用。", "Saved: the calculator now works without a network."),
    "save_failed": ("保存失败，请联网后重试。", "Could not save; try again when online."),
    "ready": ("计算引擎已就绪。修改数字会自动重新计算，数据不会离开本机。",
              "Ready. Results update as you type; nothing leaves this device."),
    "computing": ("正在计算……", "Calculating…"),
    "updated": ("结果已更新", "Result updated"),
    "failed": ("计算引擎无法在此浏览器中加载（浏览器过旧或禁用了 WebAssembly）。上面的示例仍然有效；请换用新版浏览器，或使用命令行版本。"
               " / The calculator engine cannot load in this browser (too old, or WebAssembly is blocked). The example "
               "above still holds; try a current browser, or the command-line version.",
               "The calculator engine cannot load in this browser (too old, or WebAssembly is blocked). The example "
               "above still holds; try a current browser, or the command-line version. / 计算引擎无法在此浏览器中加载"
               "（浏览器过旧或禁用了 WebAssembly）。上面的示例仍然有效；请换用新版浏览器，或使用命令行版本。"),
    "privacy": ("计算在你的浏览器里进行，输入的数字不会发送到任何服务器。",
                "The calculation runs in your browser; nothing you type is sent to any server."),
    "unit_months": ("期", "months"),
    "example_dated": ("示例：按计算日 {date} 算。改动任一项后，按上面填的日期（默认今天）重新计算。",
                      "Worked example, as of {date}. Change anything and it is recalculated for the date above "
                      "(today by default)."),
    "row_date": ("还款日期", "Date repaid"),
    "row_amount": ("金额", "Amount"),
    "row_add": ("＋ 添加一笔还款", "+ Add a repayment"),
    "row_remove": ("删除", "Remove"),
    "share": ("分享链接", "Share link"),
    "link_copied": ("链接已复制：打开它会恢复这些数字和结果", "Link copied: opening it restores these figures and the result"),
    "shared": ("已打开分享", "Share sheet opened"),
    "share_failed": ("无法复制链接，请手动复制地址栏", "Could not copy the link; copy the address bar instead"),
    "pending": ("你的结果会显示在这里（计算引擎就绪后自动计算）。", "Your result appears here (calculated once the engine is ready)."),
    "example_tag": ("示例", "Example"),
    "scroll_cue": ("表格较宽：左右滑动查看其余各列 →", "Wide table: swipe sideways for more columns →"),
    "colon": ("：", ": "),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
}
UNITS: dict[str, tuple[str, str]] = {"yuan": ("元", "yuan"), "percent": ("%", "%"), "days": ("天", "days")}

#: Inputs whose value is an option key with its own label (e.g. "equal-payment").
CHOICE_FIELDS = ("method", "convention", "procedure", "prepayment")

CHART_W, CHART_H = 640, 260
PAD_L, PAD_R, PAD_T, PAD_B = 96, 16, 16, 60  # room for the phone-sized tick text (calculator.css)


def t(key: str, lang: Lang) -> str:
    zh, en = UI[key]
    return zh if lang == "zh" else en


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _label(item: dict[str, Any], lang: Lang) -> str:
    return str(item["label_zh"] if lang == "zh" else item["label_en"])


def grouped(value: str) -> str:
    """'10225.00' -> '10,225.00'; anything that is not a plain number is returned as is."""
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return value
    places = -number.as_tuple().exponent if isinstance(number.as_tuple().exponent, int) else 0
    return f"{number:,.{max(places, 0)}f}"


def with_unit(value: str, unit: str, lang: Lang) -> str:
    """A figure as shown: grouped digits plus its unit in the page language."""
    if unit == "percent":
        return f"{value}%"
    if unit in ("yuan", "days"):
        zh, en = UNITS[unit]
        return f"{grouped(value)} {zh if lang == 'zh' else en}"
    return value


_AMOUNT = re.compile(r"\d+(?:\.\d+)?")


def _cell(value: str | dict[str, str], unit: str, lang: Lang) -> str:
    """A table cell as shown: a per-language text cell ({"zh", "en"}) gives the page's half only."""
    if isinstance(value, dict):
        return str(value[lang])
    if unit == "yuan" and value:
        return grouped(value)
    if unit == "yuan_range":
        return _AMOUNT.sub(lambda m: grouped(m.group()), value)
    if unit == "percent" and value:
        return f"{value}%"
    return value


#: A table's total column, by key: on a phone it follows the row's name so it is never off-screen.
TOTAL_COLUMNS = ("total_due", "payoff_amount", "payment", "fee", "total")


def key_columns_first(columns: list[dict[str, Any]]) -> list[int]:
    """Column order as shown: the first column and any dates after it, then the total, then the rest."""
    order = list(range(len(columns)))
    total = next((i for k in TOTAL_COLUMNS for i, c in enumerate(columns) if c.get("key") == k), None)
    if total is None:
        return order
    lead = 1
    while lead < len(columns) and columns[lead].get("unit") == "date":
        lead += 1
    order.remove(total)
    order.insert(min(lead, len(order)), total)
    return order


def _table(table: dict[str, Any], caption: str, lang: Lang, key: str) -> str:
    order = key_columns_first(table["columns"])
    columns = [table["columns"][i] for i in order]
    table = {**table, "rows": [[row[i] for i in order] for row in table["rows"]],
             **({"footer": [table["footer"][i] for i in order]} if table.get("footer") else {})}
    numeric = [c["unit"] in ("yuan", "percent", "days", "number") for c in columns]
    head = "".join(
        f'<th scope="col" data-key="{_e(c.get("key", ""))}"{" class=calc-num" if n else ""}>{_e(_label(c, lang))}'
        f'{" (" + _e(UNITS[c["unit"]][0 if lang == "zh" else 1]) + ")" if c["unit"] == "yuan" else ""}</th>'
        for c, n in zip(columns, numeric))
    body = "".join(
        "<tr>" + "".join(f'<td{" class=calc-num" if n else ""}>{_e(_cell(v, c["unit"], lang))}</td>'
                         for v, c, n in zip(row, columns, numeric)) + "</tr>"
        for row in table["rows"])
    foot = ""
    if table.get("footer"):
        foot = "<tfoot><tr>" + "".join(
            f'<td{" class=calc-num" if n else ""}>{_e(_cell(v, c["unit"], lang))}</td>'
            for v, c, n in zip(table["footer"], columns, numeric)) + "</tr></tfoot>"
    # The cue is shown by widget.js when the table is wider than the screen (the wrap's edge shadow
    # shows it without JavaScript too).
    return (f'<p class="calc-scroll-cue" hidden>{_e(t("scroll_cue", lang))}</p>'
            f'<div class="calc-table-wrap" role="region" tabindex="0" aria-label="{_e(caption)}">'
            f'<table class="calc-table" data-calc-table="{_e(key)}"><caption>{_e(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table></div>")


def _ticks(low: float, high: float, count: int = 4) -> list[float]:
    if high <= low:
        return [low]
    step = (high - low) / count
    return [low + step * i for i in range(count + 1)]


def chart_svg(series: list[list[Any]], axis: dict[str, Any], lang: Lang) -> str:
    """A small line chart of ``series`` ([[day, "amount"], ...]) as inline SVG, no script, no style attribute."""
    points = [(int(day), float(amount)) for day, amount in series]
    if len(points) < 2:
        return ""
    x0, x1 = points[0][0], points[-1][0]
    ys = [y for _, y in points]
    y0, y1 = min(ys), max(ys)
    if y1 == y0:
        y1 = y0 + 1
    plot_w, plot_h = CHART_W - PAD_L - PAD_R, CHART_H - PAD_T - PAD_B

    def sx(x: float) -> float:
        return PAD_L + (x - x0) / ((x1 - x0) or 1) * plot_w

    def sy(y: float) -> float:
        return PAD_T + plot_h - (y - y0) / (y1 - y0) * plot_h

    line = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in points)
    area = f"{sx(x0):.1f},{sy(y0):.1f} {line} {sx(x1):.1f},{sy(y0):.1f}"
    grid = "".join(
        f'<line class="calc-grid" x1="{PAD_L}" x2="{CHART_W - PAD_R}" y1="{sy(v):.1f}" y2="{sy(v):.1f}"/>'
        f'<text class="calc-tick" x="{PAD_L - 6}" y="{sy(v) + 4:.1f}" text-anchor="end">{v:,.0f}</text>'
        for v in _ticks(y0, y1))
    xticks = "".join(
        f'<text class="calc-tick" x="{sx(v):.1f}" y="{PAD_T + plot_h + 24}" text-anchor="middle">{v:.0f}</text>'
        for v in _ticks(x0, x1))
    x_label, y_label = _label(axis["x"], lang), _label(axis["y"], lang)
    # The y axis starts at the lowest value, not at 0, so the growth is visible: say so.
    cut = t("axis_cut", lang).format(low=f"{y0:,.0f}") if y0 > 0 else ""
    first, last = series[0], series[-1]
    unit = UNITS["yuan"][0 if lang == "zh" else 1]
    days = UNITS["days"][0 if lang == "zh" else 1]
    summary = (f"{y_label}{t('colon', lang)}{x_label} {first[0]} {days} → {grouped(str(first[1]))} {unit}; "
               f"{last[0]} {days} → {grouped(str(last[1]))} {unit}")
    return (
        f'<figure class="calc-chart"><svg viewBox="0 0 {CHART_W} {CHART_H}" role="img" aria-label="{_e(summary)}"'
        f' xmlns="http://www.w3.org/2000/svg"><title>{_e(summary)}</title>{grid}{xticks}'
        f'<polygon class="calc-area" points="{area}"/><polyline class="calc-line" points="{line}"/>'
        f'<text class="calc-axis" x="{PAD_L + plot_w / 2:.0f}" y="{CHART_H - 6}" text-anchor="middle">{_e(x_label)}</text>'
        f'</svg><figcaption>{_e(t("chart", lang))} · {_e(y_label)}{_e(cut)}</figcaption></figure>'
    )


def _mode_label(mode: str, key: str) -> tuple[str, str] | None:
    """A mode's own words for a field, as on its form (calculators.schema, loaded beside this file)."""
    from calculators import schema

    found = schema.MODES.get(mode)
    return next((f.label for f in found.fields if f.name == key), None) if found else None


def _inputs_line(inputs: dict[str, str], labels: dict[str, tuple[str, str]], lang: Lang, mode: str = "") -> str:
    parts = []
    for key, value in inputs.items():
        # a mode's own words for a field (as on its form) before the package's label
        zh, en = _mode_label(mode, key) or labels.get(key, (key, key))
        if key in CHOICE_FIELDS and value in labels:
            shown = labels[value][0 if lang == "zh" else 1]
        else:
            shown = {"true": t("yes", lang), "false": t("no", lang)}.get(value, value.replace("\n", "; "))
        parts.append(f"{zh if lang == 'zh' else en}{t('colon', lang)}{shown}")
    return " · ".join(parts)


def result_html(result: dict[str, Any], lang: Lang, labels: dict[str, tuple[str, str]],
                example: bool = False) -> str:
    """The whole result block; ``labels`` is the package's LABELS (for the inputs-used line).

    ``example``: the build-time worked example. Its answer sentence is tagged "Example" and styled
    as a quotation, so a reader does not take "you owe ..." beside their own form for their answer.
    """
    if not result.get("ok"):
        return error_html(result["error"], lang)
    parts = []
    if result.get("answer"):
        tag = f'<span class="calc-example-tag">{_e(t("example_tag", lang))}</span> ' if example else ""
        parts.append(f'<p class="calc-answer">{tag}{_e(result["answer"][lang])}</p>')
    parts.append(f'<p class="calc-inputs"><strong>{_e(t("inputs_used", lang))}</strong> '
                 f'{_e(_inputs_line(result.get("inputs", {}), labels, lang, str(result.get("mode", ""))))}</p>')
    for warning in result.get("warnings", []):
        parts.append(f'<p class="calc-warning">{_e(warning[lang])}</p>')
    rows = "".join(
        f'<tr data-key="{_e(r["key"])}"><th scope="row">{_e(_label(r, lang))}</th>'
        f'<td class="calc-num" data-value="{_e(r["value"])}">{_e(with_unit(r["value"], r["unit"], lang))}</td></tr>'
        for r in result.get("summary", []))
    if rows:  # the timeline has dates, not figures: no empty breakdown
        parts.append(f'<table class="calc-summary"><caption>{_e(t("breakdown", lang))}</caption><tbody>{rows}</tbody></table>')
    if result.get("series") and result.get("series_axis"):
        parts.append(chart_svg(result["series"], result["series_axis"], lang))
    if result.get("table"):
        caption = t(f"table_{result.get('mode')}", lang) if f"table_{result.get('mode')}" in UI else t("table", lang)
        parts.append(_table(result["table"], caption, lang, "main"))
    if result.get("enforcement_table"):
        parts.append(_table(result["enforcement_table"], t("enforcement_table", lang), lang, "enforcement"))
    parts.append(plan_html(result, lang))
    notes = "".join(f"<li>{_e(n[lang])}</li>" for n in result.get("notes", []))
    if notes:
        parts.append(f'<details class="calc-notes"><summary>{_e(t("notes", lang))}</summary><ul>{notes}</ul></details>')
    return "".join(parts)


def plan_html(result: dict[str, Any], lang: Lang) -> str:
    """The plan modes' extra blocks: statement, filled letter, next steps, calendar download."""
    parts = []
    if result.get("statement_rows"):  # a table, not the CLI's fixed-width text: it fits a phone
        rows = "".join(
            f'<tr{" class=calc-part" if r["part"] else ""}><th scope="row">{_e(r[lang])}</th>'
            f'<td class="calc-num">{_e(grouped(r["value"]))}</td></tr>' for r in result["statement_rows"])
        parts.append(f'<table class="calc-summary calc-statement"><caption>{_e(t("statement", lang))}</caption>'
                     f'<tbody>{rows}</tbody></table>')
    if result.get("letter"):
        parts.append(f'<figure class="calc-letter"><figcaption>{_e(t("letter", lang))}</figcaption>'
                     f'<pre>{_e(result["letter"]["zh"])}</pre></figure>')
    if result.get("letter") and lang != "zh":
        parts.append(f'<details class="calc-letter-en"><summary>English gloss</summary>'
                     f'<pre>{_e(result["letter"]["en"])}</pre></details>')
    if result.get("ics") and "BEGIN:VEVENT" in result["ics"][lang]:
        data = base64.b64encode(result["ics"][lang].encode("utf-8")).decode("ascii")
        name = "wo-de-qixian.ics" if lang == "zh" else "my-deadlines.ics"
        parts.append(f'<p class="screen-only"><a class="calc-button calc-ics" download="{name}"'
                     f' href="data:text/calendar;charset=utf-8;base64,{data}">{_e(t("ics", lang))}</a></p>')
    if result.get("steps"):
        items = "".join(
            f'<li{" class=calc-reached" if s["reached"] else ""}><strong>{_e(s["title"][lang])}</strong>'
            f'{_e(t("step_reached", lang)) if s["reached"] else ""}<br>{_e(s["can_do"][lang])}</li>'
            for s in result["steps"])
        parts.append(f'<div class="calc-steps"><p><strong>{_e(t("steps", lang))}</strong></p><ol>{items}</ol></div>')
    return "".join(parts)


def error_html(error: dict[str, Any], lang: Lang) -> str:
    """The package's bilingual message, the page's language first (both are always shown)."""
    first, second = ("zh", "en") if lang == "zh" else ("en", "zh")
    return (f'<div class="calc-error" data-field="{_e(error.get("field") or "")}">'
            f'<p><strong>{_e(t("error", lang))}</strong></p>'
            f'<p lang="{"zh-Hans" if first == "zh" else "en"}">{_e(error[first])}</p>'
            f'<p lang="{"zh-Hans" if second == "zh" else "en"}">{_e(error[second])}</p></div>')


def result_text(result: dict[str, Any], lang: Lang, labels: dict[str, tuple[str, str]]) -> str:
    """Plain text for the "copy result" button: inputs, breakdown, warnings."""
    if not result.get("ok"):
        return f"{result['error']['zh']}\n{result['error']['en']}"
    lines = [result["answer"][lang]] if result.get("answer") else []
    lines += [f"{t('inputs_used', lang)}{t('colon', lang)}{_inputs_line(result.get('inputs', {}), labels, lang, str(result.get('mode', '')))}"]
    lines += [f"{_label(r, lang)}{t('colon', lang)}{with_unit(r['value'], r['unit'], lang)}" for r in result.get("summary", [])]
    lines += [w[lang] for w in result.get("warnings", [])]
    lines += [f"{i['date']} {i['title'][lang]}（{i['basis'][lang]}）" if lang == "zh"
              else f"{i['date']} {i['title'][lang]} ({i['basis'][lang]})" for i in result.get("items", [])]
    if result.get("letter"):
        lines += ["", result["statement"][lang], "", result["letter"]["zh"]]
    return "\n".join(lines)


def live_result(result: dict[str, Any], lang: Lang, labels: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """What the worker sends the page: rendered HTML, copy text and the field at fault."""
    error = result.get("error") or {}
    return {"ok": bool(result.get("ok")), "html": result_html(result, lang, labels),
            "text": result_text(result, lang, labels), "field": error.get("field")}
