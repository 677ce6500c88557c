"""The review's first screen: every pair with its counts, where a pair is opened, and where pairs
proposed by `pair-collection` are accepted (and aligned) or rejected."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual import events
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Label, ProgressBar

from workbench.display import inert_line
from workbench.review import keymap
from workbench.review.messages import PairAligned
from workbench.review.session import Session
from workbench.review.widgets.help import Help
from workbench.review.widgets.prompt import Prompt
from workbench.review.widgets.status import Status
from workbench.store import PairSummary
from workbench.model import PairStatus


class PairsScreen(Screen):
    """Every pair with its counts; Enter opens one. Pairs proposed by `pair-collection` are
    accepted (and then aligned in another process) or rejected here."""

    BINDINGS = keymap.PAIRS

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.summaries: dict[int, PairSummary] = {}
        self.aligning: set[int] = set()
        self.removing: int | None = None  # the pair a first press of delete named

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Label("Pairs (enter opens one)", id="title")
            yield Status(id="progress")
            yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="aligning")
        yield DataTable(id="pairs", cursor_type="row")
        yield Prompt(keymap.PAIRS, id="prompt")
        yield Help("The pairs screen (esc closes)", keymap.pairs_help_text(), id="help")

    def on_key(self, event: events.Key) -> None:
        """While the help is shown a key closes or scrolls it."""
        help_panel = self.query_one(Help)
        if help_panel.visible:
            event.stop()
            event.prevent_default()
            if event.key in Help.CLOSE_KEYS:
                help_panel.visible = False
            else:
                help_panel.scroll_by_key(event.key)

    def action_help(self) -> None:
        self.query_one(Help).visible = True

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("id", "title", "languages", "sentences", "confirmed", "low-confidence", "MT",
                          "status", "score")
        self.query_one("#aligning").display = False
        self.refresh_pairs()
        table.focus()

    def refresh_pairs(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self.summaries = {s.id: s for s in self.session.summaries()}
        for s in self.summaries.values():
            share = f"{s.confirmed / s.beads:.0%}" if s.beads else "-"
            mt = "-" if s.mt_used is None else ("yes" if s.mt_used else "no")
            status = "aligning" if s.id in self.aligning else s.status
            table.add_row(str(s.id), Text(inert_line(s.title)), f"{s.src_lang}-{s.tgt_lang}",
                          f"{s.src_sentences}/{s.tgt_sentences}", share, str(s.low_confidence), mt, status,
                          "-" if s.score is None else f"{s.score:.2f}", key=str(s.id))
        done = sum(s.confirmed for s in self.summaries.values())
        total = sum(s.beads for s in self.summaries.values())
        self.query_one("#progress", Status).text = f"{done} of {total} beads confirmed ({done / max(total, 1):.0%})"
        table.move_cursor(row=min(row, max(table.row_count - 1, 0)))

    def _current(self) -> PairSummary | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return self.summaries.get(int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def action_accept(self) -> None:
        pair = self._current()
        if pair is None:
            return
        if pair.beads or pair.id in self.aligning:
            self.notify(f"pair {pair.id} is aligned already")
            return
        self.session.set_pair_status(pair.id, PairStatus.ACCEPTED)
        self.aligning.add(pair.id)
        self.query_one("#aligning").display = True
        future = self.session.align(pair.id)
        future.add_done_callback(lambda f: self.post_message(PairAligned(f, pair.id)))
        self.refresh_pairs()

    def action_reject(self) -> None:
        pair = self._current()
        if pair is None or pair.id in self.aligning:
            return
        try:
            self.session.set_pair_status(pair.id, PairStatus.REJECTED)
        except Exception as exc:  # the store refuses to reject an aligned pair
            self.notify(str(exc), severity="error")
            return
        self.refresh_pairs()

    def action_remove(self) -> None:
        """Delete the pair under the cursor at the second press (the first one says what goes);
        the store refuses a pair with reviewed beads."""
        pair = self._current()
        if pair is None or pair.id in self.aligning:
            return
        if self.removing != pair.id:
            self.removing = pair.id
            self.notify(f"press delete again to remove pair {pair.id} ({inert_line(pair.title)}) with its beads, and "
                        "its documents if no other pair uses them")
            return
        self.removing = None
        try:
            self.session.remove_pair(pair.id)
        except Exception as exc:  # the store refuses a pair with reviewed beads
            self.notify(str(exc), severity="error")
            return
        self.notify(f"pair {pair.id} removed")
        self.refresh_pairs()

    def on_pair_aligned(self, message: PairAligned) -> None:
        self.aligning.discard(message.pair_id)
        self.query_one("#aligning").display = bool(self.aligning)
        if message.future.exception():
            self.notify(f"pair {message.pair_id}: alignment failed: {message.future.exception()}", severity="error")
        else:
            self.notify(f"pair {message.pair_id} aligned; Enter opens it")
        self.refresh_pairs()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        pair = self.summaries.get(int(event.row_key.value))
        if pair is not None and not pair.beads:
            self.notify(f"pair {pair.id} is {'aligning' if pair.id in self.aligning else pair.status} and not "
                        "aligned: a accepts and aligns it")
            return
        self.app.open_pair(int(event.row_key.value))
