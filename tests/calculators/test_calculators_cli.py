"""The command line: output, --json field names, bad input, --help. Results, pipes and terminals go
through a real subprocess; the --help pages and the table of bad inputs call ``cli.main`` in the
test process (``cli_here``), since what they check is what main() prints and returns: a real
process's exit 2 for bad input is checked by test_unknown_option_and_missing_subcommand, the
closed-pipe test and tests/calculators/test_plan_cli.py."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import cli as calculators_cli

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calculators", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin"},
    )


def cli_here(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m calculators ARGS`` as main() in this process: its status (argparse's exits
    included), stdout and stderr; an exception main() lets through fails the test. Each real
    process costs a Python start and the package import (~0.15 s of CPU); 37 runs here."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = calculators_cli.main(list(args))
        except SystemExit as stop:  # argparse: --help, a usage error
            code = stop.code if isinstance(stop.code, int) else 2
    return subprocess.CompletedProcess(["python", "-m", "calculators", *args], code, out.getvalue(), err.getvalue())


def cli_json(*args: str) -> dict:
    done = cli(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_done_means_command() -> None:
    out = cli_json("overdue", "--principal", "10000", "--interest", "0", "--daily-rate", "0.05%", "--days", "30")
    assert out["total_due"] == "10225.00"
    assert out["penalty_interest"] == "225.00"
    assert out["compound_interest"] == "0.00"


def test_overdue_dates_and_no_compound() -> None:
    out = cli_json(
        "overdue",
        "--principal",
        "10000",
        "--interest",
        "150",
        "--daily-rate",
        "0.0005",
        "--due",
        "2026-01-31",
        "--as-of",
        "2026-03-02",
        "--no-compound",
    )
    assert (out["days_overdue"], out["compound_interest"], out["total_due"]) == (30, "0.00", "10375.00")


def test_overdue_several_instalments() -> None:
    out = cli_json(
        "overdue",
        "--daily-rate",
        "0.05%",
        "--as-of",
        "2026-03-01",
        "--instalment",
        "2026-01-10,1000,150",
        "--instalment",
        "2026-02-10,1000,135",
    )
    assert out["total_due"] == "2344.30"


def test_schedule_json_fields() -> None:
    out = cli_json(
        "schedule", "--principal", "10000", "--daily-rate", "0.05%", "--months", "12", "--method", "equal-payment"
    )
    assert len(out["installments"]) == 12
    assert set(out["installments"][0]) >= {"principal", "interest", "payment"}
    assert (out["total_interest"], out["total_paid"]) == ("1001.61", "11001.61")
    out = cli_json(
        "schedule", "--principal", "5000", "--daily-rate", "0.05%", "--months", "5", "--method", "equal-principal"
    )
    assert out["total_interest"] == "225.00"


def test_apr_json_field() -> None:
    out = cli_json("apr", "--principal", "10000", "--payment", "916.80", "--months", "12")
    assert out["apr"] == "18.00"


def test_other_subcommands() -> None:
    assert (
        cli_json("payoff", "--principal", "10000", "--daily-rate", "0.05%", "--days", "30")["payoff_amount"]
        == "10225.00"
    )
    scenarios = cli_json(
        "compare", "--principal", "10000", "--daily-rate", "0.05%", "--days", "0", "--plan-months", "2", "--no-compound"
    )["scenarios"]
    assert [s["total"] for s in scenarios] == ["10000.00", "10225.00", "10337.50"]
    court = cli_json("court", "--claim", "250000", "--procedure", "simplified")
    assert (court["acceptance_fee"], court["acceptance_fee_payable"]) == ("5050.00", "2525.00")


def test_readable_table_by_default() -> None:
    done = cli("overdue", "--principal", "10000", "--interest", "150", "--daily-rate", "0.05%", "--days", "30")
    assert done.returncode == 0
    assert "应还合计 Total due" in done.stdout and "10378.38" in done.stdout
    assert "罚息" in done.stdout and "Penalty interest" in done.stdout
    assert not done.stdout.lstrip().startswith("{")


@pytest.mark.parametrize("mode", ["", "overdue", "payoff", "schedule", "compare", "apr", "court"])
def test_help_in_both_languages(mode: str) -> None:
    done = cli_here(*([mode] if mode else []), "--help")
    assert done.returncode == 0
    assert "显示帮助" in done.stdout and "show this help" in done.stdout
    if mode:
        assert "--json" in done.stdout


BAD = {
    "negative principal": ["overdue", "--principal", "-100", "--daily-rate", "0.05%", "--days", "3"],
    "zero principal": ["schedule", "--principal", "0", "--daily-rate", "0.05%", "--months", "3"],
    "rate too high": ["overdue", "--principal", "100", "--daily-rate", "5%", "--days", "3"],
    "multiplier below 1": [
        "overdue",
        "--principal",
        "100",
        "--daily-rate",
        "0.05%",
        "--multiplier",
        "0.5",
        "--days",
        "3",
    ],
    "due after as-of": [
        "overdue",
        "--principal",
        "100",
        "--daily-rate",
        "0.05%",
        "--due",
        "2026-05-01",
        "--as-of",
        "2026-04-01",
    ],
    "impossible date": [
        "payoff",
        "--principal",
        "100",
        "--daily-rate",
        "0.05%",
        "--accelerated",
        "2026-02-29",
        "--as-of",
        "2026-04-01",
    ],
    "more than 36 instalments": ["schedule", "--principal", "1000", "--daily-rate", "0.05%", "--months", "37"],
    "37 overdue instalments": [
        "overdue",
        "--daily-rate",
        "0.05%",
        "--as-of",
        "2026-04-01",
        *[x for _ in range(37) for x in ("--instalment", "2026-01-01,10,0")],
    ],
    "empty input": ["overdue"],
    "non-number": ["overdue", "--principal", "ten", "--daily-rate", "0.05%", "--days", "3"],
    "NaN": ["apr", "--principal", "NaN", "--payment", "100", "--months", "3"],
    "Infinity": ["court", "--claim", "Infinity"],
    "absurdly large": ["overdue", "--principal", "9" * 40, "--daily-rate", "0.05%", "--days", "3"],
    "absurd days": ["overdue", "--principal", "100", "--daily-rate", "0.05%", "--days", "100000"],
    "bad choice": ["court", "--claim", "100", "--procedure", "appeal"],
}


@pytest.mark.parametrize("args", BAD.values(), ids=BAD.keys())
def test_bad_input_exits_2_with_bilingual_message(args: list[str]) -> None:
    for extra in ([], ["--json"]):
        done = cli_here(*args, *extra)
        assert done.returncode == 2
        assert done.stdout == ""
        assert "Traceback" not in done.stderr
        assert " / " in done.stderr
        assert any("\u4e00" <= c <= "\u9fff" for c in done.stderr)


def test_unknown_option_and_missing_subcommand() -> None:
    for args in (["overdue", "--bogus", "1"], [], ["sideways"]):
        done = cli(*args)
        assert done.returncode == 2
        assert "Traceback" not in done.stderr


LOAN_ARGS = ("loan", "--principal", "10000", "--months", "12", "--daily-rate", "0.05%", "--start", "2026-01-15",
             "--as-of", "2026-06-01")


def test_loan_done_when_command() -> None:
    out = cli_json(*LOAN_ARGS)
    assert [i["number"] for i in out["overdue_instalments"]] == [1, 2, 3, 4]
    assert out["total_due"] == out["answer"]["zh"].split("应还 ")[1].split(" 元")[0].replace(",", "")
    # instalments 1 and 2 paid on their due dates: only 3 and 4 are overdue
    paid = cli_json(*LOAN_ARGS, "--payment", "2026-02-15,916.80", "--payment", "2026-03-15,916.80")
    assert [i["number"] for i in paid["overdue_instalments"]] == [3, 4]
    text = cli(*LOAN_ARGS)
    assert text.returncode == 0 and text.stdout.startswith("截至 2026-06-01，你逾期 4 期")
    assert cli("loan", "--principal", "10000", "--months", "12", "--daily-rate", "0.05%",
               "--start", "2026-01-15").returncode == 2  # --as-of is required


def test_closed_pipe_and_a_terminal_without_unicode() -> None:
    """`... --json | head -1` and LANG=C: no traceback, ever."""
    pipe = subprocess.run(f"'{sys.executable}' -m calculators {' '.join(LOAN_ARGS)} --json | head -1",
                          shell=True, cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"})
    assert pipe.stdout == "{\n" and "Traceback" not in pipe.stderr and pipe.stderr == ""
    for args in (LOAN_ARGS, (*LOAN_ARGS, "--json"), ("loan", "--principal", "abc", *LOAN_ARGS[3:])):
        done = subprocess.run([sys.executable, "-m", "calculators", *args], cwd=ROOT, capture_output=True,
                              timeout=60, env={"PATH": "/usr/bin:/bin", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"})
        assert b"Traceback" not in done.stderr and done.returncode in (0, 2)
        if "--json" in args:
            assert json.loads(done.stdout)["answer"]["zh"].startswith("截至")
