"""A line of the alignment screen's top: the active filter or where the last search landed (after
"re-aligning…" while that runs), or how many beads are confirmed."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class Status(Widget):
    """The active filter, or where the last search landed. Changing it repaints this widget
    only; a Label's update, or a notification, lays out the whole screen (15-30 ms with ten
    thousand beads)."""

    text: reactive[str] = reactive("")
    busy: reactive[str] = reactive("")  # what runs in the background, said first

    def render(self) -> Text:
        return Text(self.busy + self.text, no_wrap=True, overflow="ellipsis")
