"""Layout of the bead list: each bead is a row of wrapped source and target text beside a
narrow column of bead type, confidence and status. Heights are computed once per width, so
the view knows its total height and which bead any screen line belongs to."""

from __future__ import annotations

import bisect
from itertools import accumulate

from workbench.edits import ReviewBead
from workbench.inert import inert

META_WIDTH = 13
MARKS = {"auto": " ", "confirmed": "✓", "rejected": "✗"}


def meta(bead: ReviewBead) -> tuple[str, str, str]:
    """Bead type, confidence and marks (status, note): `2-1`, `0.83`, `✓✎`."""
    conf = "   -" if bead.confidence is None else f"{bead.confidence:.2f}"
    return bead.kind, conf, MARKS.get(bead.status, "?") + ("✎" if bead.note else " ")


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
    """Wrapped lines of every bead for one screen width. Wrapped text is cached by the bead's
    sentence spans, so after an edit only the beads it changed are wrapped again."""

    def __init__(self, src: list[str], tgt: list[str], width: int) -> None:
        self.column = max((width - META_WIDTH - 3) // 2, 8)
        self.src, self.tgt = src, tgt
        self._cache: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[list[str], list[str]]] = {}
        self.beads: list[ReviewBead] = []
        self.heights: list[int] = []
        self.starts = [0]

    def update(self, beads: list[ReviewBead]) -> None:
        """Lay out a new bead list. An edit replaces a run of beads and keeps the others as they
        were (the same objects), so only the run between the unchanged head and tail is measured."""
        old, self.beads = self.beads, beads
        limit = min(len(old), len(beads))
        head = 0
        while head < limit and old[head] is beads[head]:
            head += 1
        tail = 0
        while tail < limit - head and old[-1 - tail] is beads[-1 - tail]:
            tail += 1
        middle = [max(map(len, self._wrapped(b))) for b in beads[head:len(beads) - tail]]
        self.heights = self.heights[:head] + middle + (self.heights[len(self.heights) - tail:] if tail else [])
        self.starts = [0, *accumulate(self.heights)]

    def _wrapped(self, bead: ReviewBead) -> tuple[list[str], list[str]]:
        key = (bead.src, bead.tgt)
        if key not in self._cache:
            self._cache[key] = (wrap(" ".join(self.src[i] for i in bead.src), self.column),
                                wrap(" ".join(self.tgt[j] for j in bead.tgt), self.column))
        return self._cache[key]

    @property
    def height(self) -> int:
        return self.starts[-1]

    def bead_at(self, y: int) -> int:
        """The bead shown on screen line y."""
        return bisect.bisect_right(self.starts, y) - 1

    def line(self, k: int, row: int) -> tuple[tuple[str, str, str], str, str]:
        """Meta fields (on the bead's first row only), source and target text of row `row` of bead k."""
        src, tgt = self._wrapped(self.beads[k])
        return (meta(self.beads[k]) if row == 0 else ("", "", ""), src[row] if row < len(src) else "",
                tgt[row] if row < len(tgt) else "")
