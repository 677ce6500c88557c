"""The bead list, drawn line by line (Textual's Line API): only visible lines are rendered,
so a pair of any size opens at once. Text is written as plain segments, never parsed as markup."""

from __future__ import annotations

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

    def set_beads(self, beads: list[ReviewBead]) -> None:
        """New bead list (after an edit): lay out again, keep the cursor in range."""
        self.beads = beads
        self._relayout(force=True)
        self.cursor = min(self.cursor, max(len(beads) - 1, 0))
        self.refresh()

    def _relayout(self, force: bool = False) -> None:
        width = self.scrollable_content_region.width or self.size.width or 120
        if self.rows is None or self.rows.column != max((width - META_WIDTH - 3) // 2, 8):
            self.rows = Layout(self.src, self.tgt, width)
            force = True
        if force:
            self.rows.update(self.beads)
            self.virtual_size = Size(width, self.rows.height)

    def on_resize(self) -> None:
        self._relayout()

    def watch_cursor(self, old: int, new: int) -> None:
        if self.rows is None or not self.beads:
            return
        start, end = self.rows.starts[new], self.rows.starts[new + 1]
        self.scroll_to_region(Region(0, start, 1, end - start), animate=False)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        self._relayout()
        assert self.rows is not None
        width = self.size.width
        line = y + self.scroll_offset.y
        if line >= self.rows.height:
            return Strip.blank(width)
        k = self.rows.bead_at(line)
        bead = self.beads[k]
        (kind, conf, marks), src, tgt = self.rows.line(k, line - self.rows.starts[k])
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
