"""bench/start_cpu.py's accounting on fixture samples (no browser): what one Pyodide start's table says.

Checked: a thread's CPU is its ticks after minus before (a new thread counts whole); thread names lose
their serial numbers; a thread that ended between the samples is still counted, from its process's
own total; per-process sums and the total in the Markdown table.
"""

from __future__ import annotations

from bench import start_cpu
from bench.start_cpu import TICK, difference, tables

BEFORE = (
    {(10, 10): ("renderer", "chromium", 50), (10, 11): ("renderer", "ThreadPoolForeg", 5),
     (10, 12): ("renderer", "ThreadPoolForeg", 7), (20, 20): ("browser", "chromium", 100)},
    {10: ("renderer", 62), 20: ("browser", 100)},
)
AFTER = (
    # 10/12 ended after 3 more ticks (only the process total holds them); 10/13 is new
    {(10, 10): ("renderer", "chromium", 60), (10, 11): ("renderer", "ThreadPoolForeg", 25),
     (10, 13): ("renderer", "DedicatedWorker 2", 40), (20, 20): ("browser", "chromium", 100)},
    {10: ("renderer", 62 + 10 + 20 + 40 + 3), 20: ("browser", 100)},
)


def test_difference_counts_new_changed_and_ended_threads() -> None:
    cpu = difference(BEFORE, AFTER)
    assert cpu == {("renderer", "chromium"): 10 / TICK, ("renderer", "ThreadPoolForeg"): 20 / TICK,
                   ("renderer", "DedicatedWorker"): 40 / TICK, ("renderer", "(ended threads)"): 3 / TICK}
    assert abs(sum(cpu.values()) - (AFTER[1][10][1] - BEFORE[1][10][1]) / TICK) < 1e-9


def test_thread_names_lose_their_serial_numbers() -> None:
    assert start_cpu._thread("ThreadPoolForeg") == "ThreadPoolForeg"
    assert start_cpu._thread("DedicatedWorker 2") == "DedicatedWorker"
    assert start_cpu._thread("V8 DefaultWorke") == "V8 DefaultWorke"


def test_table_sums_per_process_and_lists_worker_measures() -> None:
    cpu = {("renderer", "ThreadPoolForeg"): 2.0, ("renderer", "DedicatedWorker"): 1.25, ("browser", "chromium"): 0.5,
           ("renderer", "Compositor"): 0.01}
    text = "\n".join(tables("from scratch", cpu, {"loadPyodide": 900.4, "snapshot read": 0.2}))
    assert "| renderer | ThreadPoolForeg | 2.00 |" in text
    assert "| renderer | (all threads) | 3.26 |" in text and "| browser | (all threads) | 0.50 |" in text
    assert "| **all** | | **3.76** |" in text
    assert "Compositor" not in text  # below 0.05 s: only in its process's sum
    assert "| loadPyodide | 900 |" in text and "snapshot read" not in text
