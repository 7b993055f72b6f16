"""``python -m cleaning`` = ``scripts/clean``."""

import sys

from .cli import main

sys.exit(main())
