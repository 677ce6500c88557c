"""The review app (`workbench review`): it owns the database session and the garbage collection
schedule while it runs, switches between the pairs screen and a pair's alignment screen, and puts
every key of a screen in the command palette. The screens are in `screens/`, their widgets in
`widgets/`, the messages they post from other threads in `messages.py`."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from workbench.review import gc_schedule
from workbench.review.screens.alignment import AlignmentScreen
from workbench.review.screens.pairs import PairsScreen
from workbench.review.session import Session


class ReviewApp(App):
    """`workbench review [PAIR]`."""

    CSS_PATH = "review.tcss"
    TITLE = "workbench review"

    def __init__(self, db_path: Path, pair: int | None = None, session: Session | None = None) -> None:
        """`session`: one opened already (the command line starts its database process before
        importing Textual, so that the two start together)."""
        super().__init__()
        self.session = session or Session(db_path)
        self.start_pair = pair

    def on_mount(self) -> None:
        self._thresholds = gc_schedule.hold()
        self.set_interval(gc_schedule.PERIOD_SECONDS, gc_schedule.freeze)
        self.push_screen(PairsScreen(self.session))
        if self.start_pair is not None:
            self.open_pair(self.start_pair)

    def open_pair(self, pair_id: int) -> None:
        summary = next((s for s in self.session.summaries() if s.id == pair_id), None)
        if summary is None:
            self.notify(f"no pair {pair_id}", severity="error")
            return
        self.session.open_pair(pair_id)
        self.push_screen(AlignmentScreen(self.session, f"{summary.id}: {summary.title}"))

    def on_unmount(self) -> None:
        self.session.close()
        gc_schedule.release(self._thresholds)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of the current screen is in the command palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        for binding in getattr(screen, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                yield SystemCommand(binding.description, f"key: {binding.key}",
                                    partial(screen.run_action, binding.action))
