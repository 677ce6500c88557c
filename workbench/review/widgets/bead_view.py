"""The bead list, drawn line by line (Textual's Line API): only visible lines are rendered,
so a pair of any size opens at once. Text is written as plain segments, never parsed as markup."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.edits import Change, ReviewBead
from workbench.review import keymap
from workbench.review.blocks import SentenceBlocks
from workbench.review.widgets.rows import META_WIDTH, Layout
from workbench.model import BeadStatus

LOW, MEDIUM = 0.6, 0.8
STYLES = {
    "cursor": Style(bgcolor="grey23"),
    "odd": Style(bgcolor="grey11"),
    "even": Style(),
    BeadStatus.CONFIRMED: Style(color="green"),
    BeadStatus.REJECTED: Style(color="red", strike=True),
    "low": Style(color="red", bold=True),
    "medium": Style(color="yellow"),
    "high": Style(color="green"),
    "rule": Style(color="grey42"),
    "match": Style(color="black", bgcolor="yellow"),
}
CONTEXT = 3  # lines kept on screen above and below the cursor's bead, when there is room


def _confidence_style(bead: ReviewBead) -> Style:
    if bead.confidence is None:
        return STYLES["rule"]
    return STYLES["low" if bead.confidence < LOW else "medium" if bead.confidence < MEDIUM else "high"]


class BeadView(ScrollView, can_focus=True):
    """Rows of beads with a cursor; the screen moves the cursor and edits."""

    # The cursor keys move the cursor; ScrollView's own bindings for them would only scroll.
    BINDINGS = keymap.MOVES
    cursor: reactive[int] = reactive(0)
    # the first and last bead on screen (indexes into all beads); the overview strip shows it
    viewport: reactive[tuple[int, int]] = reactive((0, 0))

    def __init__(self, beads: list[ReviewBead], src: list[str], tgt: list[str],
                 blocks: tuple[SentenceBlocks, SentenceBlocks], **kwargs) -> None:
        """`blocks`: the block of each sentence of both sides (their marks are drawn)."""
        super().__init__(**kwargs)
        self.src, self.tgt, self.blocks = src, tgt, blocks
        self.beads = beads
        self.rows: Layout | None = None
        self.shown: Sequence[int] = range(len(beads))
        self._strips: dict[tuple, Strip] = {}
        self._match: re.Pattern[str] | None = None  # what the last search highlights

    def set_beads(self, beads: list[ReviewBead], shown: list[int] | None = None) -> None:
        """A new bead list (a reload), showing the beads at `shown` (None: all): lay out every
        bead, keep the cursor."""
        self.beads = beads
        self.shown = range(len(beads)) if shown is None else shown
        self._relayout(force=True)
        self._settle()

    def apply(self, beads: list[ReviewBead], change: Change, shown: list[int] | None = None) -> None:
        """`beads` is the list after `change`: only the beads the change put in are laid out (an
        edit must not cost a pass over ten thousand beads)."""
        if self.rows is None:
            self.set_beads(beads, shown)
            return
        self.beads = beads
        self.shown = range(len(beads)) if shown is None else shown
        lines = self.rows.replace(beads, change, self.shown)
        self._resize(self.rows.width)
        self._settle(lines)

    def show(self, shown: list[int] | None) -> None:
        """A filter: show only the beads at these indexes (None: all)."""
        self.shown = range(len(self.beads)) if shown is None else shown
        if self.rows is not None:
            self.rows.show(self.shown)
            self._resize(self.rows.width)
        self._settle()
        self._show_cursor()

    def highlight(self, query: str) -> None:
        """Highlight the words of a search in the rows (each word wherever it is, as the search
        finds words)."""
        words = [w for w in re.findall(r"\w+", query) if len(w) > 1]
        self._match = re.compile("|".join(map(re.escape, words)), re.IGNORECASE) if words else None
        self._strips.clear()
        self.refresh()

    def _settle(self, lines: tuple[int, int] | None = None) -> None:
        """Keep the cursor on a shown bead; repaint `lines` (first, how many; None: all). A full
        repaint costs Textual some 10 ms a screen, so an edit repaints only what it moved."""
        self.cursor = self.nearest(min(self.cursor, max(len(self.beads) - 1, 0)))
        self._update_viewport()
        if lines is None:
            self.refresh()
        else:
            self.refresh_lines(*lines)

    def set_texts(self, src: list[str], tgt: list[str], blocks: tuple[SentenceBlocks, SentenceBlocks]) -> None:
        """New sentence lists (a reload); wrapped text and drawn lines stay cached by their text."""
        self.src, self.tgt, self.blocks = src, tgt, blocks
        if self.rows is not None:
            self.rows.src, self.rows.tgt, self.rows.blocks = src, tgt, blocks

    def _position(self, k: int) -> int | None:
        """Where bead k is among the shown beads (None: filtered out)."""
        v = bisect.bisect_left(self.shown, k)
        return v if v < len(self.shown) and self.shown[v] == k else None

    def nearest(self, k: int) -> int:
        """The shown bead at or after k (or the last shown before it)."""
        if not self.shown:
            return k
        return self.shown[min(bisect.bisect_left(self.shown, k), len(self.shown) - 1)]

    def action_step(self, count: int) -> None:
        """Move the cursor `count` shown beads down (negative: up)."""
        if self.shown:
            v = (self._position(self.cursor) or 0) + count
            self.cursor = self.shown[max(0, min(len(self.shown) - 1, v))]

    def action_page(self, direction: int) -> None:
        """Move the cursor by the number of beads on screen."""
        if self.rows is not None:
            top = int(self.scroll_offset.y)
            on_screen = self.rows.bead_at(top + self.size.height - 1) - self.rows.bead_at(top)
            self.action_step(direction * max(on_screen, 1))

    def _relayout(self, force: bool = False) -> None:
        width = self.scrollable_content_region.width or self.size.width or 120
        if self.rows is None or self.rows.width != width:
            self.rows = Layout(self.src, self.tgt, width, self.blocks)
            force = True
        if force:
            self.rows.update(self.beads, self.shown)
            self._resize(width)

    def _resize(self, width: int) -> None:
        """Set the scrollable height. Setting `virtual_size` lays out the whole screen (~35 ms
        here); when only the height changes, telling the (always shown) scrollbar is enough."""
        size = Size(width, self.rows.height if self.rows else 0)
        if size == self.virtual_size:  # nothing to tell; a scrollbar repaint is one more frame
            return
        if size.width == self.virtual_size.width:
            self.set_reactive(BeadView.virtual_size, size)
            self._scroll_update(size)  # what Textual runs after a layout (textual is pinned)
        else:
            self.virtual_size = size

    def on_resize(self) -> None:
        self._relayout()
        self._update_viewport()

    @property
    def allow_vertical_scroll(self) -> bool:
        """The mouse wheel scrolls, though no scrollbar is drawn (review.tcss says why)."""
        return not self._check_disabled() and self.max_scroll_y > 0

    def _on_focus(self, event: events.Focus) -> None:
        self._focus_moved(event, True)

    def _on_blur(self, event: events.Blur) -> None:
        self._focus_moved(event, False)

    def _focus_moved(self, event: events.Focus | events.Blur, focused: bool) -> None:
        """Focus changes nothing drawn here: Textual's own handlers would repaint the whole
        list, one frame after the text editor opens or closes (a 20 ms wait more for those
        keys). What they do besides is done here."""
        self.has_focus = focused
        event.prevent_default()
        if self.parent is not None:
            self.parent.post_message((events.DescendantFocus if focused else events.DescendantBlur)(self))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._update_viewport()

    def _update_viewport(self) -> None:
        if self.rows is not None and self.shown:
            top = int(self.scroll_offset.y)
            last = min(self.rows.bead_at(top + max(self.size.height - 1, 0)), len(self.shown) - 1)
            self.viewport = (self.shown[self.rows.bead_at(top)], self.shown[last])

    def watch_cursor(self, old: int, new: int) -> None:
        """Scroll to the new cursor bead (a scroll repaints everything) and repaint both beads."""
        v = self._position(new)
        if self.rows is None or v is None:
            return
        start, end = self.rows.starts[v], self.rows.starts[v + 1]
        self._show_cursor()
        self.refresh_lines(start, end - start)
        w = self._position(old)
        if w is not None and w + 1 < len(self.rows.starts):
            self.refresh_lines(self.rows.starts[w], self.rows.starts[w + 1] - self.rows.starts[w])

    def _show_cursor(self) -> None:
        """Scroll the cursor's bead on screen with CONTEXT lines above and below it (a bead
        taller than that room shows its top)."""
        v = self._position(self.cursor)
        if self.rows is None or v is None:
            return
        start, end = self.rows.starts[v], self.rows.starts[v + 1]
        top, bottom = max(start - CONTEXT, 0), min(end + CONTEXT, self.rows.height)
        if bottom - top > self.size.height:
            top, bottom = start, start + min(end - start, max(self.size.height, 1))
        self.scroll_to_region(Region(0, top, 1, bottom - top), animate=False)

    def render_line(self, y: int) -> Strip:
        self._relayout()
        assert self.rows is not None
        width = self.size.width
        line = y + self.scroll_offset.y
        if line >= self.rows.height:
            return Strip.blank(width)
        v = self.rows.bead_at(line)
        k = self.shown[v]
        bead = self.beads[k]
        # What the line shows, not which sentences: a sentence split renumbers every later bead
        # and must not make the whole screen draw again.
        key = (self.rows.line(v, line - self.rows.starts[v]), bead.status, bead.confidence, k == self.cursor,
               k % 2, width)
        strip = self._strips.get(key)
        if strip is None:
            # A few screens' worth. Each strip holds some ten objects the garbage collector walks
            # (4,000 strips made its full passes take 50 ms); a line is cheap to draw again.
            if len(self._strips) > 4 * self.size.height:
                self._strips.clear()
            strip = self._strips[key] = self._draw(bead, key[0], k, width)
        return strip

    def _draw(self, bead: ReviewBead, line: tuple[tuple[str, str, str], str, str], k: int, width: int) -> Strip:
        assert self.rows is not None
        (kind, conf, marks), src, tgt = line
        base = STYLES["cursor"] if k == self.cursor else STYLES["odd" if k % 2 else "even"]
        text_style = base + STYLES[bead.status] if bead.status != BeadStatus.AUTO else base
        column = self.rows.column
        segments = [
            Segment(kind.rjust(3) + " ", base),
            Segment(conf.ljust(5), base + _confidence_style(bead)),
            Segment(marks.ljust(META_WIDTH - 9), text_style),
            *self._text(src.ljust(column), text_style),
            Segment(" │ ", base + STYLES["rule"]),
            *self._text(tgt.ljust(column), text_style),
        ]
        return Strip(segments).adjust_cell_length(width, base)

    def _text(self, text: str, style: Style) -> list[Segment]:
        """A column's text, with the last search's words highlighted."""
        if self._match is None:
            return [Segment(text, style)]
        segments, at = [], 0
        for found in self._match.finditer(text):
            segments += [Segment(text[at:found.start()], style), Segment(found.group(), style + STYLES["match"])]
            at = found.end()
        return [*segments, Segment(text[at:], style)]
