"""The alignment screen's bottom line: its keys, or a question being answered (a split point, a
note, a search).

Both are drawn by one widget that never takes the focus: while a question is open the screen
hands it every key. Textual's Input in a modal screen, or even in a line that appears and
disappears, costs a screen switch or a new layout plus a focus change, each repainting the bead
list (50-100 ms on a pair of 10,000 beads); this costs one line's repaint. Textual's Footer is
not used for the same reason: it rebuilds its key widgets on every focus change.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget

from workbench.review import keymap

Answer = Callable[[str | None], None]


class Prompt(Widget):
    """The keys of `bindings` marked to show (as many as fit, `keymap.footer`), until `ask` opens
    a question; enter answers it, escape cancels (the answer is then None)."""

    def __init__(self, bindings: list[Binding], **kwargs) -> None:
        super().__init__(**kwargs)
        self.bindings = [b for b in bindings if b.show and b.description]
        self.question: str | None = None
        self.text = ""
        self.cursor = 0
        self._answer: Answer | None = None
        self._recall = ""

    @property
    def active(self) -> bool:
        return self.question is not None

    def ask(self, question: str, answer: Answer, value: str = "", recall: str = "") -> None:
        """Open a question with `value` typed in; the up key replaces the text by `recall`."""
        self.question, self._answer, self._recall = question, answer, recall
        self.text, self.cursor = value, len(value)
        self.refresh()

    def submit(self) -> None:
        self._close(self.text)

    def cancel(self) -> None:
        self._close(None)

    def _close(self, value: str | None) -> None:
        answer, self._answer, self.question = self._answer, None, None
        self.refresh()
        if answer is not None:
            answer(value)

    def feed(self, event: events.Key) -> None:
        """One key of the answer: text, editing keys, enter or escape."""
        before, after = self.text[:self.cursor], self.text[self.cursor:]
        if event.key == "enter":
            self.submit()
        elif event.key == "escape":
            self.cancel()
        elif event.key == "backspace" and before:
            self.text, self.cursor = before[:-1] + after, self.cursor - 1
        elif event.key == "up":
            self.text, self.cursor = self._recall, len(self._recall)
        elif event.key == "ctrl+u":
            self.text, self.cursor = after, 0
        elif event.key == "delete":
            self.text = before + after[1:]
        elif event.key in ("left", "right", "home", "end"):
            self.cursor = {"left": max(self.cursor - 1, 0), "right": min(self.cursor + 1, len(self.text)),
                           "home": 0, "end": len(self.text)}[event.key]
        elif event.is_printable and event.character:
            self.text, self.cursor = before + event.character + after, self.cursor + len(event.character)
        self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.question is None:
            return keymap.footer(self.bindings, self.size.width)
        text.append(f" {self.question} ", style="bold")
        text.append(self.text[:self.cursor])
        text.append(self.text[self.cursor:self.cursor + 1] or " ", style="reverse")
        text.append(self.text[self.cursor + 1:])
        return text
