"""``python -m scripts.benchmark`` — same as ``scripts/bench``."""

from scripts.benchmark.cli import main

raise SystemExit(main())
