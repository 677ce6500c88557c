"""The alignment screen's text editor: correcting a bead's sentences, one sentence a line, in a
panel over the bead list rather than a modal screen of its own."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static, TextArea

from workbench.review.widgets.bead_view import BeadView


class TextEditor(Vertical):
    """Edit one side of a bead: one sentence a line. A new line splits a sentence, joining two
    lines joins two sentences. A panel over the bead list that keeps the keyboard (its text area
    has the focus, and its keys win over the screen's) until ctrl+s saves or escape cancels: a
    modal screen of its own cost a screen switch each way (45-80 ms to close)."""

    BINDINGS = [Binding("ctrl+s", "save", "Save"), Binding("escape", "close", "Cancel"),
                Binding("tab", "stay", show=False)]  # tab must not reach the screen's overview key
    # Closed, the panel waits off screen instead of hidden: a hidden widget has no size, so each
    # opening made the text area wrap its text again and lay the screen out twice (60 -> 50 ms)
    OFF_SCREEN = (10_000, 0)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._save: Callable[[list[str]], None] | None = None
        self.is_open = False
        self.styles.offset = self.OFF_SCREEN

    def compose(self) -> ComposeResult:
        yield Label("", id="heading", markup=False)
        yield Static("", id="other", markup=False)
        yield TextArea(id="text", soft_wrap=True)

    def open(self, title: str, sentences: list[str], save: Callable[[list[str]], None], other_title: str = "",
             other: list[str] | None = None) -> None:
        """Edit `sentences`; above them, read-only, `other`: the other side of the bead, which
        they translate or which translates them."""
        self._save = save
        self.query_one("#other", Static).update(f"{other_title} " + (" ".join(other) if other else "(none)"))
        self.query_one("#heading", Label).update(title + " (one sentence a line; ctrl+s saves, escape cancels)")
        area = self.query_one(TextArea)
        area.load_text("\n".join(sentences))
        self.is_open, self.styles.offset = True, (0, 0)
        area.focus()

    def action_save(self) -> None:
        lines = [line.strip() for line in self.query_one(TextArea).text.split("\n") if line.strip()]
        save = self._save
        self.action_close()
        if save is not None:
            save(lines)

    def action_close(self) -> None:
        self.is_open, self.styles.offset = False, self.OFF_SCREEN
        self._save = None
        self.screen.query_one(BeadView).focus()

    def action_stay(self) -> None:
        """Tab does nothing here."""
