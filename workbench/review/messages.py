"""The review's own messages: results that arrive on another thread (the database thread, or
one that waited for a process) and are posted to a screen, so that the screen handles them on
its own thread. Messages a widget sends about itself stay on the widget (`Overview.Jump`)."""

from __future__ import annotations

from textual.message import Message


class EditFailed(Message):
    """A database write failed on the database thread (posted from there; never blocks it)."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class Realigned(Message):
    """The re-alignment process finished (posted from the thread that waited for it)."""

    def __init__(self, future, anchors) -> None:
        super().__init__()
        self.future, self.anchors = future, anchors


class PairAligned(Message):
    """The alignment process of an accepted pair finished (posted from the thread that waited)."""

    def __init__(self, future, pair_id: int) -> None:
        super().__init__()
        self.future, self.pair_id = future, pair_id
