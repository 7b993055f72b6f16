"""sitebuild/search/vocabulary.py ``within``: the bounded check common_near uses is exactly
``osa_distance(a, b) <= reach`` (it stops once no later cell can come back within reach)."""

from __future__ import annotations

import itertools
import random

from sitebuild.search.vocabulary import osa_distance, within

WORDS = ["write", "wrote", "writer", "statute", "statue", "status", "negotiate", "negotiating", "collector",
         "collectors", "colector", "abc", "acb", "bca", "", "a", "ab", "ba", "interest", "intrest", "itnerest"]


def test_within_is_the_distance_compared_with_the_reach() -> None:
    rng = random.Random(24)
    pairs = list(itertools.product(WORDS, repeat=2))
    pairs += [("".join(rng.choices("abcd", k=rng.randint(0, 9))), "".join(rng.choices("abcd", k=rng.randint(0, 9))))
              for _ in range(3000)]
    for (a, b), reach in itertools.product(pairs, (0, 1, 2, 3)):
        assert within(a, b, reach) == (osa_distance(a, b) <= reach), (a, b, reach)
