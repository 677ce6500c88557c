"""The alignment screen's key help, a panel over the bead list rather than a screen of its own."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class Help(VerticalScroll, can_focus=False):
    """The keys, in a panel over the bead list's right side. Shown and hidden by visibility, on
    its own layer: a help screen of its own cost a screen switch (~100 ms to open). It never
    takes the focus: while it is shown the screen hands it the keys, which close or scroll it
    (the keys and the legend of the marks are taller than a terminal of 24 or 35 lines)."""

    CLOSE_KEYS = ("escape", "question_mark", "q")

    def __init__(self, heading: str, keys: Text, **kwargs) -> None:
        """`keys`: one key a line, with what it does (`keymap` writes it)."""
        super().__init__(**kwargs)
        self.text = Text(heading + "\n\n", style="bold") + keys

    def compose(self) -> ComposeResult:
        yield Static(self.text)

    def scroll_by_key(self, key: str) -> None:
        """Scroll for a cursor key (up, down, page up or down, home, end; k and j too); other
        keys do nothing."""
        scroll = {"up": self.scroll_up, "k": self.scroll_up, "down": self.scroll_down, "j": self.scroll_down,
                  "pageup": self.scroll_page_up, "pagedown": self.scroll_page_down,
                  "home": self.scroll_home, "end": self.scroll_end}.get(key)
        if scroll is not None:
            scroll(animate=False)
