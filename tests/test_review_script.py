"""The scripted reviewer (benchmarks/review_script.py) fixes its ten errors and confirms the
React page with the review UI's keys, at 80x24: the stored alignment ends on the gold one."""

from __future__ import annotations

from benchmarks import review_script


def test_the_scripted_reviewer_fixes_the_ten_errors_at_80x24() -> None:
    counts = review_script.run((80, 24))  # asserts the gold alignment, every bead confirmed
    assert counts["confirming right beads"] == 47
    assert sum(len(error.keys) for error in review_script.ERRORS) == 23
