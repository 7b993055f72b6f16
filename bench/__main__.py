"""``python -m bench`` — same as ``scripts/bench``."""

from bench.cli import main

raise SystemExit(main())
