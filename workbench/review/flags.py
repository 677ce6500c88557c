"""What the overview strip, the filters and the jumps know of each bead: a few bits, kept in
one array for the whole pair and updated by each edit, so that a bulk confirmation of 11,000
beads is a few array operations instead of 11,000 Python calls (6 ms of a key's 50). Besides its
status and shape, a bead has a bit for each block kind (a heading, a list item...) a sentence of
either side of it comes from."""

from __future__ import annotations

import numpy as np

from workbench.align.confidence import DEFAULT_THRESHOLD
from workbench.edits import Change, ReviewBead
from workbench.model import BeadStatus
from workbench.review.blocks import FILTERS, SentenceBlocks

AUTO, CONFIRMED, REJECTED, LOW, UNEVEN = 1, 2, 4, 8, 16
STATUS = {BeadStatus.AUTO: AUTO, BeadStatus.CONFIRMED: CONFIRMED, BeadStatus.REJECTED: REJECTED}
KIND = {kind: 32 << n for n, kind in enumerate(FILTERS)}  # a bit for each kind the block filter shows
SHAPE = UNEVEN | sum(KIND.values())  # what a status change keeps
Kinds = tuple[list[str], list[str]]  # the block kind of each sentence of both sides


def flags(bead: ReviewBead, kinds: Kinds | None = None) -> int:
    """The bits of one bead: its status, LOW (unconfirmed under the confidence threshold), UNEVEN
    (not 1-1) and the KIND of each block its sentences come from (`kinds`: None when every
    sentence is a paragraph's)."""
    src, tgt, confidence, status, _, _ = bead  # unpacked once: a reload asks for 11,000
    bits = STATUS.get(status, 0)
    if status == BeadStatus.AUTO and (confidence or 0) < DEFAULT_THRESHOLD:
        bits |= LOW
    if kinds is not None:
        for side, ids in zip(kinds, (src, tgt)):
            for i in ids:
                bits |= KIND.get(side[i], 0)
    return bits | UNEVEN if len(src) != 1 or len(tgt) != 1 else bits


def _weak(beads: tuple[ReviewBead, ...] | list[ReviewBead]) -> np.ndarray:
    """Whether each bead is under the threshold, whatever its status (it is LOW when auto)."""
    return np.array([(b[2] or 0) < DEFAULT_THRESHOLD for b in beads], dtype=bool)


class BeadFlags:
    """The flags of every bead of a pair (`bits`), and how many are confirmed."""

    def __init__(self, beads: list[ReviewBead] | None = None,
                 blocks: tuple[SentenceBlocks, SentenceBlocks] | None = None) -> None:
        """`blocks`: the block of each sentence of both sides (the lists are read, not copied:
        the session changes them in step with the texts); None when all are paragraphs'."""
        beads = beads or []
        plain = blocks is None or all(side.plain for side in blocks)
        self.kinds = None if plain else (blocks[0].kinds, blocks[1].kinds)
        self.bits = np.array([flags(b, self.kinds) for b in beads], dtype=np.uint16)
        self._weak = _weak(beads)
        self.confirmed = int(np.count_nonzero(self.bits & CONFIRMED))

    def __len__(self) -> int:
        return len(self.bits)

    def apply(self, change: Change) -> None:
        """The beads of `change.old` became those of `change.new`."""
        start, end = change.start, change.start + len(change.old)
        self.confirmed -= int(np.count_nonzero(self.bits[start:end] & CONFIRMED))
        if change.statuses is not None:
            at = np.asarray(change.statuses.offsets, dtype=np.int64) + start
            kept = self.bits[at] & SHAPE
            low = self._weak[at] * np.uint8(LOW) if change.statuses.new == BeadStatus.AUTO else 0
            self.bits[at] = kept | STATUS.get(change.statuses.new, 0) | low
        else:
            new = np.array([flags(b, self.kinds) for b in change.new], dtype=np.uint16)
            self.bits = np.concatenate([self.bits[:start], new, self.bits[end:]])
            self._weak = np.concatenate([self._weak[:start], _weak(change.new), self._weak[end:]])
        self.confirmed += int(np.count_nonzero(self.bits[start:start + len(change.new)] & CONFIRMED))

    def having(self, mask: int) -> np.ndarray:
        """Indexes of the beads with any of the bits of `mask`."""
        return np.flatnonzero(self.bits & mask)

    def having_each(self, *masks: int) -> np.ndarray:
        """Indexes of the beads with some bit of each of `masks` (filters at once)."""
        hit = np.ones(len(self.bits), dtype=bool)
        for mask in masks:
            hit &= (self.bits & mask) != 0
        return np.flatnonzero(hit)

    def stretches(self, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For runs of beads beginning at `starts` (increasing, each run at least one bead):
        the bits any bead of a run has, and the bits all of them have."""
        return np.bitwise_or.reduceat(self.bits, starts), np.bitwise_and.reduceat(self.bits, starts)
