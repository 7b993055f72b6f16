"""One schema, every surface: the CLI, the web form (fence), the presenters' echo and the docs
table must list exactly the fields ``calculators.schema`` defines for each mode."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import cli, schema, web
from calculators.web import compute

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

from calculator_fence import PageIds, widget_html  # noqa: E402

#: A working example per mode (the form's worked example needs one).
EXAMPLES = {
    "loan": {"principal": "10000", "months": "12", "daily_rate": "0.05%", "start": "2026-01-15", "as_of": "2026-04-01"},
    "overdue": {"principal": "10000", "daily_rate": "0.05%", "days": "30"},
    "payoff": {"principal": "10000", "daily_rate": "0.05%", "days": "30"},
    "schedule": {"principal": "10000", "daily_rate": "0.05%", "months": "12"},
    "compare": {"principal": "10000", "daily_rate": "0.05%", "days": "30"},
    "apr": {"principal": "10000", "payment": "916.80", "months": "12"},
    "court": {"claim": "20000"},
}


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_mode_has_a_schema_and_its_presenter() -> None:
    assert tuple(schema.MODES) == web.MODES == tuple(EXAMPLES)
    for name, mode in schema.MODES.items():
        module, function = mode.presenter.split(":")
        presenter = getattr(__import__(f"calculators.web.{module}", fromlist=[function]), function)
        assert web._HANDLERS[name] is presenter, name


@pytest.mark.parametrize("name", list(schema.MODES))
def test_cli_options_are_the_schema_fields(name: str) -> None:
    command = _subcommands()[name]
    options = {o for a in command._actions for o in a.option_strings} - {"-h", "--help", *cli.OUTPUT_OPTIONS}
    assert options == {f.cli_option for f in schema.MODES[name].fields}
    dests = {a.dest for a in command._actions} - {"help"} - {o.lstrip("-") for o in cli.OUTPUT_OPTIONS}
    assert dests == {f.name for f in schema.MODES[name].fields}


@pytest.mark.parametrize("name", list(schema.MODES))
def test_form_fields_are_the_schema_fields(name: str) -> None:
    html = widget_html({"mode": name, **EXAMPLES[name]}, "zh", PageIds(), "w.whl", "pyodide/")
    named = set(re.findall(r'\bname="([a-z_]+)"', html))
    main, more = schema.form_fields(name)
    assert named == set(main) | set(more)
    for field in main + more:
        label, _ = schema.words(name, field, "zh")
        assert label in html.replace("&amp;", "&"), (name, field)


@pytest.mark.parametrize("name", list(schema.MODES))
def test_presenters_read_only_schema_fields(name: str) -> None:
    result = compute(name, EXAMPLES[name])
    assert result["ok"], result
    assert set(result["inputs"]) <= {f.name for f in schema.MODES[name].fields}


def test_fence_defaults_are_the_package_defaults() -> None:
    """A field that shows a default in the form shows what the presenter used when it was left out."""
    for name, mode in schema.MODES.items():
        used = compute(name, EXAMPLES[name])["inputs"]
        for field in mode.fields:
            if field.shows_default and field.name in used and field.name not in EXAMPLES[name]:
                shown = used[field.name]
                assert field.default in (shown, shown.removesuffix(".00")), (name, field.name, field.default, shown)


def test_court_cli_lists_what_the_form_offers() -> None:
    done = subprocess.run([sys.executable, "-m", "calculators", "court", "--help"], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    for option in ("--delay-base", "--preserved", "--procedure"):
        assert option in done.stdout
    assert re.search(r"withdrawal[: ]", done.stdout) and "settlement 调解结案" in done.stdout


def test_docs_table_is_generated_from_the_schema() -> None:
    done = subprocess.run([sys.executable, "-m", "calculators.schema"], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    assert (ROOT / "dev" / "calculator-fields.md").read_text(encoding="utf-8") == done.stdout, (
        "run: python -m calculators.schema > dev/calculator-fields.md")
