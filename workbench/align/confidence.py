"""Confidence of a bead: a logistic estimate of the probability that it is right.

Inputs are the bead's token similarity, its length penalty and its shape. The coefficients
were fitted on the dev sets by benchmarks/calibrate.py (logistic regression on whether each
output bead is in the gold).
"""

from __future__ import annotations

import math

COEF = {"bias": -1.0, "similarity": 8.0, "length": -0.5, "many": -0.3, "skip": -1.0}
DEFAULT_THRESHOLD = 0.5


def estimate(a: int, b: int, similarity: float, length_penalty: float) -> float:
    """Probability that a bead of a source and b target sentences with these features is right."""
    if a == 0 or b == 0:
        z = COEF["bias"] + COEF["skip"]
    else:
        z = (COEF["bias"] + COEF["similarity"] * similarity + COEF["length"] * length_penalty
             + COEF["many"] * (a + b - 2))
    return 1.0 / (1.0 + math.exp(-z))
