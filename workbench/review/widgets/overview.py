"""The overview strip: the whole pair at a glance, like an editor's minimap. Each line stands
for a stretch of beads: its first cell says how far review got (green all confirmed, red a
rejection, grey unconfirmed), its second what needs a look (yellow low confidence, blue a bead
that is not 1-1). Tab enters it; up/down and enter, or a click, jump there.

The strip never takes the focus: while it is entered the screen hands it the keys. A focus
change restyles the screen and repaints the whole bead list (some 20 ms a switch)."""

from __future__ import annotations

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from workbench.edits import Change, ReviewBead
from workbench.review.blocks import SentenceBlocks
from workbench.review.flags import CONFIRMED, LOW, REJECTED, UNEVEN, BeadFlags

GREEN, RED, GREY, YELLOW, BLUE = (Style(color=c) for c in ("green", "red", "grey42", "yellow", "dodger_blue1"))
ON_SCREEN = Style(bgcolor="grey30")


class Overview(Widget):
    """A two-cell-wide strip over all beads. It keeps each bead's flags, so an edit updates only
    the beads it changed, and a line's colours come from the flags of its stretch of beads."""

    STEPS = {"up": -1, "k": -1, "down": 1, "j": 1, "pageup": -10, "pagedown": 10}

    class Jump(Message):
        """Go to bead `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.flags = BeadFlags()
        self.active = False  # entered: it gets the keys and shows its marker
        self.marker = 0
        self._cells: list[tuple[Style, Style, str]] = []
        self._viewport = range(0)  # the strip's lines for the beads on screen

    def show(self, beads: list[ReviewBead], blocks: tuple[SentenceBlocks, SentenceBlocks] | None = None) -> None:
        """A new bead list (`blocks`: of each sentence of both sides, for the block filter)."""
        self.flags = BeadFlags(beads, blocks)
        self._cells = self._all_cells()
        self.refresh()

    def apply(self, change: Change) -> None:
        """The beads of `change.old` became those of `change.new`."""
        self.flags.apply(change)
        self._repaint()

    def _all_cells(self) -> list[tuple[Style, Style, str]]:
        """Colours and mark of every line: red if a bead of its stretch is rejected, green if
        all are confirmed; yellow `!` if one is low-confidence, else blue `◆` if one is not 1-1."""
        lines = [y for y in range(self.size.height) if self.first_bead(y) < len(self.flags)]
        if not lines:
            return []
        any_bits, all_bits = self.flags.stretches(np.array([self.first_bead(y) for y in lines]))
        return [(RED if a & REJECTED else GREEN if b & CONFIRMED else GREY,
                 *((YELLOW, "!") if a & LOW else (BLUE, "◆") if a & UNEVEN else (GREY, " ")))
                for a, b in zip(any_bits.tolist(), all_bits.tolist())]

    def _repaint(self) -> None:
        """Repaint only the lines whose cells changed (usually none or one): each repainted line
        costs Textual more than working out all the cells."""
        cells = self._all_cells()
        changed = [y for y in range(max(len(cells), len(self._cells)))
                   if y >= len(cells) or y >= len(self._cells) or cells[y] != self._cells[y]]
        if changed:
            self.refresh(Region(0, changed[0], self.size.width, changed[-1] - changed[0] + 1))
        self._cells = cells

    def on_resize(self) -> None:
        self._cells = self._all_cells()
        self.refresh()

    def first_bead(self, y: int) -> int:
        return y * len(self.flags) // max(self.size.height, 1)

    def show_viewport(self, first: int, last: int) -> None:
        """Shade the lines of the beads on screen, from bead `first` to `last` (like a
        scrollbar's thumb); repaint only the lines that changed."""
        lines = self.lines_of(first, last)
        for y in set(lines).symmetric_difference(self._viewport):
            self._line(y)
        self._viewport = lines

    def lines_of(self, first: int, last: int) -> range:
        """The lines standing for beads `first` to `last`: line y stands for the beads from
        first_bead(y) to first_bead(y + 1), and in a short pair a bead has several lines."""
        height, count = max(self.size.height, 1), max(len(self.flags), 1)
        top = min(-(-first * height // count), ((first + 1) * height - 1) // count)
        bottom = ((last + 1) * height - 1) // count
        return range(min(top, height - 1), min(bottom, height - 1) + 1)

    def render_line(self, y: int) -> Strip:
        if y >= len(self._cells):
            return Strip.blank(self.size.width)
        status, flag, mark = self._cells[y]
        marker = Style(reverse=True) if self.active and y == self.marker else Style()
        shade = ON_SCREEN if y in self._viewport else Style()
        return Strip([Segment("█", status + marker), Segment(mark, flag + shade + marker)]).adjust_cell_length(
            self.size.width)

    def enter(self) -> None:
        self.active = True
        self._line(self.marker)

    def feed(self, key: str) -> None:
        """A key while the strip is entered; keys it does not know do nothing."""
        if key in self.STEPS:
            self.action_move(self.STEPS[key])
        elif key == "enter":
            self.action_jump()
        elif key in ("tab", "escape"):
            self.action_leave()

    def action_leave(self) -> None:
        self.active = False
        self._line(self.marker)

    def action_move(self, step: int) -> None:
        old, self.marker = self.marker, max(0, min(self.size.height - 1, self.marker + step))
        self._line(old)
        self._line(self.marker)

    def _line(self, y: int) -> None:
        self.refresh(Region(0, y, self.size.width, 1))

    def action_jump(self) -> None:
        self.action_leave()
        self.post_message(self.Jump(self.first_bead(self.marker)))

    def on_click(self, event: events.Click) -> None:
        self.marker = event.y
        self.action_jump()
