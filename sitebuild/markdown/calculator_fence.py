"""The ```calculator fence: options in, an interactive widget with a build-time worked example out.

A page writes

    ```calculator
    mode: overdue
    principal: 10000
    daily_rate: 0.05%
    days: 30
    ```

and gets a form preset to those values, plus the result of exactly those inputs computed now,
in CPython, by ``calculators.web.compute`` — so readers without JavaScript, search engines and
the PDF see real figures. ``static: true`` gives the example alone (no form, no script).
Field names, labels, choices and messages all come from the calculators package.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pymdownx.superfences import SuperFencesException

from calculators import schema, web
from calculators.labels import LABELS, label
from sitebuild.markdown.calculator_render import UI, UNITS, result_html, result_text, t

#: Placeholders the page template (overrides/partials/content.html) replaces with page-relative paths (to the shared site root where
#: Pyodide and the wheel live, and to this edition's root where the widget assets live).
ROOT_TOKEN = "@@calc-root@@"
EDITION_TOKEN = "@@calc-edition@@"
#: Present in a page exactly when it holds an interactive widget.
WIDGET_MARK = 'data-calc-widget="1"'
#: Start of every widget, interactive or a worked example only (``static: true``).
ANY_WIDGET_MARK = '<div class="calc-widget'

# Field kinds, places and words all come from calculators.schema (one definition per mode).
AMOUNT, RATE, NUMBER, INTEGER, DATE, BOOL, CHOICE, LINES, ROWS = (
    schema.AMOUNT, schema.RATE, schema.NUMBER, schema.INTEGER, schema.DATE, schema.BOOL, schema.CHOICE,
    schema.LINES, schema.ROWS)
#: Per mode: the fields always shown, then those under "More options".
MODE_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {m: schema.form_fields(m) for m in schema.MODES}
FENCE_OPTIONS = {"mode", "static", "id", "title", "share"}
assert set(MODE_FIELDS) == set(web.MODES), "every calculators.web mode needs a form"


@dataclass
class PageIds:
    """Widget ids already used on the page being rendered (reset by the hook per page)."""

    used: set[str] = field(default_factory=set)

    def claim(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in self.used:
            candidate, n = f"{wanted}-{n}", n + 1
        self.used.add(candidate)
        return candidate


def parse_options(source: str) -> dict[str, str]:
    """``key: value`` lines; ``key: |`` takes the indented lines below it (for instalments)."""
    options: dict[str, str] = {}
    lines = source.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise SuperFencesException(f"calculator fence: expected 'key: value', got {line!r}")
        key, value = key.strip(), value.strip()
        if value == "|":
            block = []
            while i < len(lines) and (lines[i].startswith((" ", "\t")) or not lines[i].strip()):
                block.append(lines[i].strip())
                i += 1
            value = "\n".join(b for b in block if b)
        options[key] = value
    return options


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _lang_label(key: str, lang: str) -> str:
    zh, en = label(key)
    return zh if lang == "zh" else en


def _words(mode: str, name: str, lang: str) -> tuple[str, str]:
    """Label and hint of a field, as the mode words them (calculators.schema)."""
    return schema.words(mode, name, lang)


def _row_html(lang: str, when: str = "", amount: str = "") -> str:
    """One repayment: a date and an amount (no names: widget.js copies them into the hidden field)."""
    return (f'<li class="calc-row"><label><span>{_e(t("row_date", lang))}</span>'
            f'<input type="date" data-part="date" value="{_e(when)}"></label>'
            f'<label><span>{_e(t("row_amount", lang))}</span><span class="calc-control">'
            f'<input type="text" data-part="amount" inputmode="decimal" autocomplete="off" value="{_e(amount)}">'
            f'<span class="calc-unit" aria-hidden="true">{_e(UNITS["yuan"][0 if lang == "zh" else 1])}</span></span></label>'
            f'<button type="button" class="calc-button calc-remove-row">{_e(t("row_remove", lang))}</button></li>')


def _rows_html(fid: str, name: str, value: str, text: str, hint: str, lang: str) -> str:
    """A list of dated repayments with add/remove buttons; the hidden textarea holds the field's
    value ("date,amount" lines), so the form, the shared link and the package read one thing."""
    rows = []
    for line in value.splitlines():
        when, _, amount = line.partition(",")
        rows.append(_row_html(lang, when.strip(), amount.strip()))
    hint_html = f'<span class="calc-hint" id="{fid}-hint">{_e(hint)}</span>' if hint else ""
    return (f'<fieldset class="calc-field calc-wide calc-rows-field" aria-describedby="{fid}-hint">'
            f'<legend>{_e(text)}</legend>{hint_html}'
            f'<textarea id="{fid}" name="{name}" hidden>{_e(value)}</textarea>'
            f'<ol class="calc-rows">{"".join(rows)}</ol>'
            f'<template class="calc-row-template">{_row_html(lang)}</template>'
            f'<button type="button" class="calc-button calc-add-row">{_e(t("row_add", lang))}</button></fieldset>')


def _field_html(wid: str, name: str, value: str, lang: str, mode: str = "") -> str:
    spec, fid = schema.mode(mode).field(name), f"{wid}-{name}"
    kind = spec.kind
    text, hint_text = _words(mode, name, lang)
    if kind == ROWS:
        return _rows_html(fid, name, value, text, hint_text, lang)
    hint = f'<span class="calc-hint" id="{fid}-hint">{_e(hint_text)}</span>' if hint_text else ""
    described = f' aria-describedby="{fid}-hint"' if hint else ""
    text = _e(text)
    if kind == BOOL:
        checked = " checked" if value.lower() == "true" else ""
        return (f'<div class="calc-field calc-check"><input type="checkbox" id="{fid}" name="{name}"'
                f' value="true"{checked}{described}><label for="{fid}">{text}</label>{hint}</div>')
    if kind == CHOICE:
        opts = "".join(f'<option value="{_e(o)}"{" selected" if o == value else ""}>{_e(_lang_label(o, lang))}</option>'
                       for o in spec.choices)
        control = f'<select id="{fid}" name="{name}"{described}>{opts}</select>'
    elif kind == LINES:
        control = (f'<textarea id="{fid}" name="{name}" rows="3" spellcheck="false"'
                   f' placeholder="{_e(spec.placeholder)}"{described}>{_e(value)}</textarea>')
    elif kind == DATE:
        today = ' data-default="today"' if spec.today else ""
        control = f'<input type="date" id="{fid}" name="{name}" value="{_e(value)}"{today}{described}>'
    else:
        mode_ = "numeric" if kind == INTEGER else "decimal"
        words = {"yuan": UNITS["yuan"], "months": UI["unit_months"], "days": UNITS["days"]}.get(spec.unit)
        unit = (f'<span class="calc-unit" aria-hidden="true">{_e(words[0 if lang == "zh" else 1])}</span>'
                if words else "")
        control = (f'<input type="text" id="{fid}" name="{name}" value="{_e(value)}" inputmode="{mode_}"'
                   f' autocomplete="off" spellcheck="false"{described}>{unit}')
    return (f'<div class="calc-field{" calc-wide" if kind == LINES else ""}"><label for="{fid}">{text}</label>'
            f'<div class="calc-control">{control}</div>{hint}</div>')


def _offline_html(lang: str, download_mb: str) -> str:
    """The download-size line (from the runtime manifest, computed before the engine) and the save button."""
    return (f'<p class="calc-download">{_e(t("download", lang).format(mb=download_mb))}</p>'
            f'<button type="button" class="calc-button calc-save" hidden>{_e(t("save_offline", lang))}</button>')


def _retry_html(lang: str) -> str:
    return f'<button type="button" class="calc-button calc-retry" hidden>{_e(t("retry", lang))}</button>'


def widget_html(options: Mapping[str, str], lang: str, ids: PageIds, wheel: str, pyodide_dir: str,
                lock: str = "{}", download: str = "{}", download_mb: str = "0.0") -> str:
    """The widget for one fence; raises SuperFencesException (fails the build) on a bad fence.

    ``download`` (JSON) and ``download_mb`` come from sitebuild.before.runtime_manifest."""
    opts = dict(options)
    mode = opts.pop("mode", "").strip().lower()
    if mode not in MODE_FIELDS:
        raise SuperFencesException(f"calculator fence: mode must be one of {', '.join(web.MODES)}, got {mode!r}")
    static = opts.pop("static", "false").strip().lower() == "true"
    # share: false keeps the figures out of the address bar and history (the plan page)
    private = opts.pop("share", "true").strip().lower() == "false"
    wid = ids.claim(opts.pop("id", "") or f"calc-{mode}")
    title = opts.pop("title", "") or t(f"mode_{mode}", lang)
    main, more = MODE_FIELDS[mode]
    unknown = set(opts) - set(main) - set(more)
    if unknown:
        raise SuperFencesException(f"calculator fence ({mode}): unknown option(s) {sorted(unknown)}; "
                                   f"allowed: {sorted(FENCE_OPTIONS | set(main) | set(more))}")
    example: dict[str, Any] = web.compute(mode, opts)
    if not example.get("ok"):
        error = example["error"]
        raise SuperFencesException(f"calculator fence ({mode}) example fails: {error['en']} / {error['zh']}")
    result = result_html(example, lang, LABELS, example=True)
    lang_attr = "zh-Hans" if lang == "zh" else "en"
    heading = f'<p class="calc-title"><strong>{_e(title)}</strong></p>'
    if static:
        return (f'<div class="calc-widget calc-static" id="{wid}" lang="{lang_attr}">{heading}'
                f'<div class="calc-output">{result}</div></div>')
    used = example.get("inputs", {})
    value = schema.form_values(mode, opts, used)
    fields = "".join(_field_html(wid, n, value[n], lang, mode) for n in main)
    extra = "".join(_field_html(wid, n, value[n], lang, mode) for n in more)
    more_html = (f'<details class="calc-more"><summary>{_e(t("more", lang))}</summary>'
                 f'<div class="calc-fields">{extra}</div></details>') if more else ""
    share_attr = ' data-share="off"' if private else ""
    messages = " ".join(f'data-msg-{k}="{_e(t(k, lang))}"'
                        for k in ("loading", "ready", "computing", "updated", "failed", "copied", "copy_failed", "colon"))
    messages += "".join(f' data-msg-{k}="{_e(t(k, lang))}"' for k in (
        "progress", "starting", "network", "stalled", "saving", "saved_offline", "save_failed",
        "integrity", "stale", "reload", "engine", "retry",
        "link_copied", "shared", "share_failed", "pending"))
    return (
        f'<div class="calc-widget calc-nojs" id="{wid}" {WIDGET_MARK} lang="{lang_attr}" data-mode="{mode}"'
        f' data-lang="{lang}" data-pyodide="{ROOT_TOKEN}{_e(pyodide_dir)}" data-wheel="{ROOT_TOKEN}{_e(wheel)}"'
        f' data-render="{EDITION_TOKEN}assets/calculator/calculator_render.py" {messages}'
        f' data-lock="{_e(lock)}" data-download="{_e(download)}"{share_attr}>'
        f'<form class="calc-form" novalidate aria-labelledby="{wid}-title">'
        f'<p class="calc-title" id="{wid}-title"><strong>{_e(title)}</strong></p>'
        f'<div class="calc-fields">{fields}</div>{more_html}'
        f'<div class="calc-actions"><button type="submit" class="calc-button calc-primary">{_e(t("calculate", lang))}</button>'
        f'<button type="button" class="calc-button calc-copy">{_e(t("copy", lang))}</button>'
        f'<button type="button" class="calc-button calc-share">{_e(t("share", lang))}</button></div>'
        f'<p class="calc-privacy">{_e(t("privacy", lang))}</p>{_offline_html(lang, download_mb)}</form>'
        f'<div class="calc-status" role="status" aria-live="polite"><progress hidden></progress><span></span></div>'
        f'{_retry_html(lang)}'
        f'<div class="calc-output" data-state="example"'
        f' data-copy="{_e(result_text(example, lang, LABELS))}">'
        f'<p class="calc-output-title">{_e(_example_title(mode, used, lang))}</p>{result}</div></div>'
    )


def _example_title(mode: str, used: Mapping[str, str], lang: str) -> str:
    """Where the browser puts today's date into a field, the example says which date it used."""
    dated = [f.name for f in schema.mode(mode).fields if f.today and used.get(f.name)]
    if not dated:
        return t("example", lang)
    return t("example_dated", lang).format(date=used[dated[0]])
