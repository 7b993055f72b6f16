"""``python -m scripts.cleaning`` = ``scripts/clean``."""

import sys

from .cli import main

sys.exit(main())
