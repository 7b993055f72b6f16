"""Benchmark of the site: build, page weight, calculator, search and PDF, each beside a baseline.

Run it with ``scripts/bench`` (see ``scripts/bench --help``). Every figure is measured in the same
run as its baseline, interleaved run by run, so that the ratio stays meaningful on a noisy,
shared machine even when the absolute seconds do not.
"""
