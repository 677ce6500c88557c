"""The overview strip: the whole pair at a glance, like an editor's minimap. Each line stands
for a stretch of beads: its first cell says how far review got (green all confirmed, red a
rejection, grey unconfirmed), its second what needs a look (yellow low confidence, blue a bead
that is not 1-1). Up/down and enter, or a click, jump there."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from workbench.align.confidence import DEFAULT_THRESHOLD
from workbench.edits import ReviewBead

GREEN, RED, GREY, YELLOW, BLUE = (Style(color=c) for c in ("green", "red", "grey42", "yellow", "dodger_blue1"))


class Overview(Widget, can_focus=True):
    """A two-cell-wide strip over all beads."""

    BINDINGS = [Binding("up", "move(-1)", show=False), Binding("down", "move(1)", show=False),
                Binding("enter", "jump", "Jump", show=False)]
    marker: reactive[int] = reactive(0)

    class Jump(Message):
        """Go to bead `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.beads: list[ReviewBead] = []
        self._cells: dict[int, tuple[Style, Style, str]] = {}

    def show(self, beads: list[ReviewBead]) -> None:
        self.beads = beads
        self._cells: dict[int, tuple[Style, Style, str]] = {}
        self.refresh()

    def _stretch(self, y: int) -> list[ReviewBead]:
        """The beads line y stands for (at least one: a short pair fills the strip)."""
        height = max(self.size.height, 1)
        n = len(self.beads)
        first = y * n // height
        return self.beads[first:max((y + 1) * n // height, first + 1)]

    def first_bead(self, y: int) -> int:
        return y * len(self.beads) // max(self.size.height, 1)

    def _cell(self, y: int) -> tuple[Style, Style, str]:
        """Colours and mark of line y (computed once per bead list and height)."""
        key = y * 100_000 + self.size.height
        if key not in self._cells:
            stretch = self._stretch(y)
            status = RED if any(b.status == "rejected" for b in stretch) else (
                GREEN if all(b.status == "confirmed" for b in stretch) else GREY)
            flag, mark = (YELLOW, "!") if any(b.status == "auto" and (b.confidence or 0) < DEFAULT_THRESHOLD
                                              for b in stretch) \
                else (BLUE, "◆") if any(b.kind != "1-1" for b in stretch) else (GREY, " ")
            self._cells[key] = (status, flag, mark)
        return self._cells[key]

    def render_line(self, y: int) -> Strip:
        if not self._stretch(y):
            return Strip.blank(self.size.width)
        status, flag, mark = self._cell(y)
        marker = Style(reverse=True) if self.has_focus and y == self.marker else Style()
        return Strip([Segment("█", status + marker), Segment(mark, flag + marker)]).adjust_cell_length(self.size.width)

    def action_move(self, step: int) -> None:
        self.marker = max(0, min(self.size.height - 1, self.marker + step))
        self.refresh()

    def action_jump(self) -> None:
        self.post_message(self.Jump(self.first_bead(self.marker)))

    def on_click(self, event: events.Click) -> None:
        self.marker = event.y
        self.action_jump()
