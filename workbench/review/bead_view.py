"""The bead list, drawn line by line (Textual's Line API): only visible lines are rendered,
so a pair of any size opens at once. Text is written as plain segments, never parsed as markup."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.edits import ReviewBead
from workbench.review.rows import META_WIDTH, Layout

LOW, MEDIUM = 0.6, 0.8
STYLES = {
    "cursor": Style(bgcolor="grey23"),
    "odd": Style(bgcolor="grey11"),
    "even": Style(),
    "confirmed": Style(color="green"),
    "rejected": Style(color="red", strike=True),
    "low": Style(color="red", bold=True),
    "medium": Style(color="yellow"),
    "high": Style(color="green"),
    "rule": Style(color="grey42"),
}


def _confidence_style(bead: ReviewBead) -> Style:
    if bead.confidence is None:
        return STYLES["rule"]
    return STYLES["low" if bead.confidence < LOW else "medium" if bead.confidence < MEDIUM else "high"]


class BeadView(ScrollView, can_focus=True):
    """Rows of beads with a cursor; the screen moves the cursor and edits."""

    cursor: reactive[int] = reactive(0)

    def __init__(self, beads: list[ReviewBead], src: list[str], tgt: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.src, self.tgt = src, tgt
        self.beads = beads
        self.rows: Layout | None = None
        self.only: Callable[[ReviewBead], bool] | None = None
        self.shown: list[int] = list(range(len(beads)))
        self.shown_at: dict[int, int] = {k: k for k in self.shown}
        self._strips: dict[tuple, Strip] = {}

    def set_beads(self, beads: list[ReviewBead], only: Callable[[ReviewBead], bool] | None = None,
                  keep_filter: bool = True) -> None:
        """New bead list (after an edit), or a filter (`only`): lay out again, keep the cursor."""
        self.beads = beads
        if not keep_filter:
            self.only = only
        self.shown = [k for k, b in enumerate(beads) if self.only is None or self.only(b)]
        self.shown_at = {k: v for v, k in enumerate(self.shown)}
        self._relayout(force=True)
        self.cursor = self.nearest(min(self.cursor, max(len(beads) - 1, 0)))
        self.refresh()

    def set_texts(self, src: list[str], tgt: list[str]) -> None:
        """The sentences changed (a text edit): forget every wrapped and drawn line."""
        self.src, self.tgt = src, tgt
        self.rows = None
        self._strips.clear()

    def nearest(self, k: int) -> int:
        """The shown bead at or after k (or the last shown before it)."""
        if not self.shown or k in self.shown_at:
            return k
        v = bisect.bisect_left(self.shown, k)
        return self.shown[min(v, len(self.shown) - 1)]

    def step(self, count: int) -> None:
        """Move the cursor `count` shown beads down (negative: up)."""
        if self.shown:
            v = self.shown_at.get(self.cursor, 0) + count
            self.cursor = self.shown[max(0, min(len(self.shown) - 1, v))]

    def _relayout(self, force: bool = False) -> None:
        width = self.scrollable_content_region.width or self.size.width or 120
        if self.rows is None or self.rows.column != max((width - META_WIDTH - 3) // 2, 8):
            self.rows = Layout(self.src, self.tgt, width)
            force = True
        if force:
            self.rows.update([self.beads[k] for k in self.shown])
            self.virtual_size = Size(width, self.rows.height)

    def on_resize(self) -> None:
        self._relayout()

    def watch_cursor(self, old: int, new: int) -> None:
        if self.rows is None or new not in self.shown_at:
            return
        v = self.shown_at[new]
        start, end = self.rows.starts[v], self.rows.starts[v + 1]
        self.scroll_to_region(Region(0, start, 1, end - start), animate=False)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        self._relayout()
        assert self.rows is not None
        width = self.size.width
        line = y + self.scroll_offset.y
        if line >= self.rows.height:
            return Strip.blank(width)
        v = self.rows.bead_at(line)
        k = self.shown[v]
        key = (self.beads[k], line - self.rows.starts[v], k == self.cursor, k % 2, width, self.rows.column)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 4000:  # a few screens' worth; older lines are cheap to redraw
                self._strips.clear()
            strip = self._strips[key] = self._draw(v, k, key[1], width)
        return strip

    def _draw(self, v: int, k: int, row: int, width: int) -> Strip:
        assert self.rows is not None
        bead = self.beads[k]
        (kind, conf, marks), src, tgt = self.rows.line(v, row)
        base = STYLES["cursor"] if k == self.cursor else STYLES["odd" if k % 2 else "even"]
        text_style = base + STYLES[bead.status] if bead.status != "auto" else base
        column = self.rows.column
        segments = [
            Segment(kind.rjust(3) + " ", base),
            Segment(conf.ljust(5), base + _confidence_style(bead)),
            Segment(marks.ljust(META_WIDTH - 9), base + (STYLES[bead.status] if bead.status != "auto" else base)),
            Segment(src.ljust(column), text_style),
            Segment(" │ ", base + STYLES["rule"]),
            Segment(tgt.ljust(column), text_style),
        ]
        return Strip(segments).adjust_cell_length(width, base)
