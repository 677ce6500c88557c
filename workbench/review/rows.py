"""Layout of the bead list: each bead is a row of wrapped source and target text beside a
narrow column of bead type, confidence and status. Heights are computed once per width, so
the view knows its total height and which bead any screen line belongs to."""

from __future__ import annotations

import bisect
import textwrap
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
    return textwrap.wrap(inert(text), max(width, 8)) or [""]


class Layout:
    """Wrapped lines of every bead for one screen width."""

    def __init__(self, beads: list[ReviewBead], src: list[str], tgt: list[str], width: int) -> None:
        self.column = max((width - META_WIDTH - 3) // 2, 8)
        self.beads, self.src, self.tgt = beads, src, tgt
        self._cache: dict[int, tuple[list[str], list[str]]] = {}
        heights = [max(len(self._wrapped(k)[0]), len(self._wrapped(k)[1])) for k in range(len(beads))]
        self.starts = [0, *accumulate(heights)]

    def _wrapped(self, k: int) -> tuple[list[str], list[str]]:
        if k not in self._cache:
            bead = self.beads[k]
            self._cache[k] = (wrap(" ".join(self.src[i] for i in bead.src), self.column),
                              wrap(" ".join(self.tgt[j] for j in bead.tgt), self.column))
        return self._cache[k]

    @property
    def height(self) -> int:
        return self.starts[-1]

    def bead_at(self, y: int) -> int:
        """The bead shown on screen line y."""
        return bisect.bisect_right(self.starts, y) - 1

    def line(self, k: int, row: int) -> tuple[tuple[str, str, str], str, str]:
        """Meta fields (on the bead's first row only), source and target text of row `row` of bead k."""
        src, tgt = self._wrapped(k)
        return (meta(self.beads[k]) if row == 0 else ("", "", ""), src[row] if row < len(src) else "",
                tgt[row] if row < len(tgt) else "")
