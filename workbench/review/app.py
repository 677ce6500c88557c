"""The review app (`workbench review`): it owns the database session and the garbage collection
schedule while it runs, switches between the pairs screen and a pair's alignment screen, and puts
every key of a screen in the command palette. The screens are in `screens/`, their widgets in
`widgets/`, the messages they post from other threads in `messages.py`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from workbench.review import gc_schedule, keymap
from workbench.review.screens.alignment import AlignmentScreen
from workbench.review.screens.pairs import PairsScreen
from workbench.review.session import Session


class ReviewApp(App):
    """`workbench review [PAIR...]`."""

    CSS_PATH = "review.tcss"
    TITLE = "workbench review"

    def __init__(self, db_path: Path, pair: int | Sequence[int] | None = None, session: Session | None = None) -> None:
        """`pair`: the pair to open at once, or the pairs to review one after the other (the
        first opens at once; `next_pair` goes on); `session`: one opened already (the command
        line starts its database process before importing Textual, so that the two start
        together)."""
        super().__init__()
        self.session = session or Session(db_path)
        self.pairs = [] if pair is None else [pair] if isinstance(pair, int) else list(pair)

    def on_mount(self) -> None:
        self._thresholds = gc_schedule.hold()
        self.set_interval(gc_schedule.PERIOD_SECONDS, gc_schedule.freeze)
        self.push_screen(PairsScreen(self.session))
        if self.pairs:
            self.open_pair(self.pairs[0])

    def open_pair(self, pair_id: int) -> None:
        summary = next((s for s in self.session.summaries() if s.id == pair_id), None)
        if summary is None:
            self.notify(f"no pair {pair_id}", severity="error")
            return
        self.session.open_pair(pair_id)
        self.push_screen(AlignmentScreen(self.session, f"{summary.id}: {summary.title}"))

    def next_pair(self, current: int) -> None:
        """Leave pair `current` for the next one: of the pairs named at the start, else of the
        aligned pairs of the database."""
        order = self.pairs or [s.id for s in self.session.summaries() if s.beads]
        later = [p for p in order if p > current] if current not in order else order[order.index(current) + 1:]
        if not later:
            self.notify("this is the last pair")
            return
        self.pop_screen()
        self.open_pair(later[0])

    def on_unmount(self) -> None:
        self.session.close()
        gc_schedule.release(self._thresholds)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of the current screen is in the command palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        for binding in getattr(screen, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                yield SystemCommand(binding.tooltip or binding.description, f"key: {keymap.key_name(binding.key)}",
                                    partial(screen.run_action, binding.action))
