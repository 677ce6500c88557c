"""Garbage collection that stays off the reviewer's key presses.

A pair of 10,000 beads, laid out, is some 100,000 long-lived objects. Left to itself, Python's
collector walks all of them now and then (50-90 ms measured), and with the pair frozen out of
its way it still ran a full pass every few edits (10-15 ms), each landing on whatever key was
being handled. So while the review app runs, full passes happen on a timer instead, each
freezing what survives it (the loaded pair first). Young objects are still collected as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

PERIOD_SECONDS = 5.0
NEVER = 1_000_000  # full passes only after this many young-generation passes


def hold() -> tuple[int, int, int]:
    """Stop automatic full passes; returns the thresholds to give back to `release`."""
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], NEVER)
    return thresholds


def release(thresholds: tuple[int, int, int]) -> None:
    """Back to Python's own schedule, with frozen objects collectable again."""
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def freeze() -> None:
    """Collect, then move every surviving object out of later passes: once a pair is on screen,
    then on the timer, so each pass walks only what came since the last (a pass over a long
    session's survivors took 200-500 ms). Beads and texts hold no reference cycles, so
    reference counting still frees them; a frozen widget that later becomes cyclic garbage
    waits for `release`."""
    gc.collect()
    gc.freeze()


@contextmanager
def lasting() -> Iterator[None]:
    """Objects made inside are long-lived (some 11,000 beads a bulk confirmation or a
    renumbering builds): no collection runs while they are made, and they are frozen at once,
    like the loaded pair, instead of being walked by the next two passes, which would find
    nothing to free (3 ms of a sentence split's 50). Whatever else is young then is frozen
    too: cyclic garbage among it waits for `release`, as with `freeze`."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
