"""The alignment screen's key help, a panel over the bead list rather than a screen of its own."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class Help(Static):
    """The keys, in a panel over the bead list's right side. Shown and hidden by visibility, on
    its own layer: a help screen of its own cost a screen switch (~100 ms to open)."""

    CLOSE_KEYS = ("escape", "question_mark", "q")

    def __init__(self, heading: str, keys: str, **kwargs) -> None:
        """`keys`: one key a line, with what it does (the screen that owns the keys writes it)."""
        super().__init__(Text(heading + "\n\n", style="bold") + Text(keys), **kwargs)
