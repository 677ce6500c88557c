"""Layout of the bead list: each bead is a row of wrapped source and target text beside a
narrow column of bead type, confidence and status; a sentence that is not a paragraph's shows
its block's mark (`blocks.shown`). Heights are computed once per width, so the view knows its
total height and which bead any screen line belongs to."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import accumulate

from workbench.edits import Change, ReviewBead
from workbench.display import inert
from workbench.model import BeadStatus
from workbench.review.blocks import SentenceBlocks, numbered

META_WIDTH = 13
MARKS = {BeadStatus.AUTO: " ", BeadStatus.CONFIRMED: "✓", BeadStatus.REJECTED: "✗"}


def meta(bead: ReviewBead) -> tuple[str, str, str]:
    """Bead type, confidence and marks (status, changed by hand, note): `2-1`, `0.83`, `✓*✎`."""
    conf = "   -" if bead.confidence is None else f"{bead.confidence:.2f}"
    return bead.kind, conf, MARKS.get(bead.status, "?") + ("*" if bead.edited else " ") + ("✎" if bead.note else " ")


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap (words longer than a line are cut); several times faster than textwrap,
    which matters when a pair has ten thousand beads."""
    width = max(width, 8)
    text = " ".join(inert(text).split())
    if len(text) <= width:
        return [text]
    lines, line = [], ""
    for word in text.split(" "):
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


class Layout:
    """Wrapped lines of every bead for one screen width, and which of them are shown (a filter).
    Wrapped text is cached by the text itself (still valid when a text edit renumbers the
    sentences after it) and heights are kept for every bead, so an edit measures only the beads
    it put in, and a filter only picks heights."""

    def __init__(self, src: list[str], tgt: list[str], width: int,
                 blocks: tuple[SentenceBlocks, SentenceBlocks] | None = None) -> None:
        """`blocks`: the block of each sentence of both sides (None: all are paragraphs')."""
        self.width = width
        # " │ " between the columns, and a blank cell after the target so that its text never
        # touches the overview strip beside it
        self.column = max((width - META_WIDTH - 4) // 2, 8)
        self.src, self.tgt, self.blocks = src, tgt, blocks
        self._cache: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        self.beads: list[ReviewBead] = []
        self._heights: list[int] = []
        self.shown: Sequence[int] = range(0)
        self.starts = [0]

    def update(self, beads: list[ReviewBead], shown: Sequence[int]) -> None:
        """Lay out a whole bead list (wrapped text is cached, so this is mostly lookups)."""
        self.beads = list(beads)
        self._heights = [self._height(b) for b in self.beads]
        self.show(shown)

    def replace(self, beads: list[ReviewBead], change: Change, shown: Sequence[int]) -> tuple[int, int]:
        """`beads` is the list after `change`: only the beads it put in are measured (none when
        only their status changed). Returns the lines that changed (first, how many): the new
        beads' when the lines below stay where they were, else everything from the first new
        bead down."""
        start, count = change.start, len(change.old)
        before, unfiltered = self.height, self.shown == range(len(self.beads))
        old = self._heights[start:start + count]
        if change.texts or change.statuses is None and [b[:2] for b in change.old] != [b[:2] for b in change.new]:
            self._heights[start:start + count] = [self._height(b) for b in change.new]
        self.beads = list(beads)  # a text edit renumbers the beads after the change too
        self.show(shown)
        if not unfiltered or shown != range(len(self.beads)):
            return 0, max(before, self.height)
        first = self.starts[start]
        if sum(old) == self.starts[start + len(change.new)] - first:
            return first, sum(old)
        return first, max(before, self.height) - first

    def show(self, shown: Sequence[int]) -> None:
        """Show only the beads at these indexes (all of them: a range)."""
        self.shown = shown
        heights = self._heights if shown == range(len(self.beads)) else [self._heights[k] for k in shown]
        self.starts = [0, *accumulate(heights)]

    def _height(self, bead: ReviewBead) -> int:
        return max(map(len, self._wrapped(bead)))

    def _wrapped(self, bead: ReviewBead) -> tuple[list[str], list[str]]:
        if self.blocks is None:
            key = (numbered([self.src[i] for i in bead.src]), numbered([self.tgt[j] for j in bead.tgt]))
        else:
            key = (self.blocks[0].shown(self.src, bead.src), self.blocks[1].shown(self.tgt, bead.tgt))
        if key not in self._cache:
            self._cache[key] = (wrap(key[0], self.column), wrap(key[1], self.column))
        return self._cache[key]

    @property
    def height(self) -> int:
        return self.starts[-1]

    def bead_at(self, y: int) -> int:
        """Which shown bead (0 the first shown) is on line y."""
        return bisect.bisect_right(self.starts, y) - 1

    def line(self, v: int, row: int) -> tuple[tuple[str, str, str], str, str]:
        """Meta fields (on the bead's first row only), source and target text of row `row` of
        shown bead v."""
        bead = self.beads[self.shown[v]]
        src, tgt = self._wrapped(bead)
        return (meta(bead) if row == 0 else ("", "", ""), src[row] if row < len(src) else "",
                tgt[row] if row < len(tgt) else "")
