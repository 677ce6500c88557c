"""Confidence of a bead: a logistic estimate of the probability that it is right.

Inputs: the bead's token coverage and its margin over the same spans moved by one sentence
(search.path_features), its length penalty, how many sentences it joins, and the
chrF (sacrebleu) of the two sides as compared (machine translation against source where MT is on).
The coefficients were fitted by logistic regression on the dev sets (whether each output bead is
in the gold), one set with MT and one without: `python -m benchmarks.calibrate` prints them and a
reliability table.
"""

from __future__ import annotations

import math
from functools import lru_cache

DEFAULT_THRESHOLD = 0.6  # beads below it are "low-confidence" (workbench list --threshold)
COEF = {  # printed by benchmarks/calibrate.py; skip: logit of the share of 1-0/0-1 beads that are right
    True: {"bias": 2.755, "similarity": -7.031, "length": -0.182, "extra": -0.383, "chrf": 8.317, "margin": 4.76,
           "skip": 1.504},
    False: {"bias": 2.485, "similarity": -1.562, "length": -0.016, "extra": 0.104, "chrf": -0.358, "margin": 0.428,
            "skip": 1.504},
}


@lru_cache(maxsize=1)
def _metric():
    from sacrebleu.metrics import CHRF  # loaded on first use: most commands never score
    return CHRF()


def chrf(hypothesis: str, reference: str) -> float:
    """Sentence chrF between 0 and 1."""
    if not hypothesis.strip() or not reference.strip():
        return 0.0
    return _metric().sentence_score(hypothesis, [reference]).score / 100.0


def features(a: int, b: int, similarity: float, length_penalty: float, chrf_score: float,
             margin: float) -> dict[str, float]:
    """The model's inputs for a bead of a source and b target sentences (a, b >= 1)."""
    return {"bias": 1.0, "similarity": similarity, "length": length_penalty, "extra": a + b - 2,
            "chrf": chrf_score, "margin": margin}


def estimate(a: int, b: int, similarity: float, length_penalty: float, chrf_score: float, margin: float,
             mt: bool) -> float:
    """Probability that the bead is right, to six decimals: the features are sums over numpy
    arrays whose last bit can depend on memory alignment, and the same input must give the
    same beads in any process."""
    coef = COEF[mt]
    if a == 0 or b == 0:
        z = coef["skip"]
    else:
        z = sum(coef[k] * v for k, v in features(a, b, similarity, length_penalty, chrf_score, margin).items())
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 6)
