"""The review app: a pairs screen, and an alignment screen where every correction is one key."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Label, ProgressBar, Static

from workbench import edits
from workbench.align.confidence import DEFAULT_THRESHOLD
from workbench.edits import EditError
from workbench.inert import inert
from workbench.review.bead_view import BeadView
from workbench.review.session import Session

ALIGNMENT_KEYS = [
    Binding("space,enter", "confirm", "Confirm+next"),
    Binding("x", "status('rejected')", "Reject"),
    Binding("o", "status('auto')", "Reopen", show=False),
    Binding("A", "confirm_above", "Confirm above", show=False),
    Binding("m", "merge", "Merge next"),
    Binding("s", "split", "Split"),
    Binding("u", "move('src', True)", "Src up", show=False),
    Binding("d", "move('src', False)", "Src down", show=False),
    Binding("U", "move('tgt', True)", "Tgt up", show=False),
    Binding("D", "move('tgt', False)", "Tgt down", show=False),
    Binding("0", "no_counterpart", "No counterpart", show=False),
    Binding("N", "note", "Note", show=False),
    Binding("n", "next('unconfirmed')", "Next unconfirmed"),
    Binding("l", "next('low')", "Next low", show=False),
    Binding("t", "next('nonone')", "Next non-1:1", show=False),
    Binding("slash", "search", "Search"),
    Binding("ctrl+z", "undo", "Undo"),
    Binding("ctrl+y", "redo", "Redo"),
    Binding("up,k", "cursor(-1)", "Up", show=False),
    Binding("down,j", "cursor(1)", "Down", show=False),
    Binding("pageup", "cursor(-20)", show=False),
    Binding("pagedown", "cursor(20)", show=False),
    Binding("home", "cursor(-1000000000)", show=False),
    Binding("end", "cursor(1000000000)", show=False),
    Binding("question_mark", "help", "Help"),
    Binding("escape", "back", "Pairs"),
]
HELP = "\n".join(f"{b.key:<22} {b.description or b.action}" for b in ALIGNMENT_KEYS)


class Ask(ModalScreen[str | None]):
    """A one-line question (a note, a search)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question, self.value = question, value

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Label(self.question)
            yield Input(self.value, id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class Help(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label("Keys of the alignment screen", id="help-title")
            yield Static(HELP, markup=False)


class AlignmentScreen(Screen):
    """One pair: beads with type, confidence and status; every correction is one key."""

    BINDINGS = ALIGNMENT_KEYS

    def __init__(self, session: Session, title: str) -> None:
        super().__init__()
        self.session, self.pair_title = session, title

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Label(inert(self.pair_title), id="title", markup=False)
            yield ProgressBar(total=max(len(self.session.beads), 1), show_eta=False, id="confirmed")
        yield BeadView(self.session.beads, self.session.src, self.session.tgt, id="beads")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(BeadView).focus()
        self._refresh()

    @property
    def view(self) -> BeadView:
        return self.query_one(BeadView)

    def _refresh(self) -> None:
        self.view.set_beads(self.session.beads)
        bar = self.query_one("#confirmed", ProgressBar)
        bar.update(total=max(len(self.session.beads), 1),
                   progress=sum(b.status == "confirmed" for b in self.session.beads))

    def _failed(self, error: Exception) -> None:
        """A database write failed (another process changed the pair): say so and reload."""
        self.app.call_from_thread(self._failed_here, error)

    def _failed_here(self, error: Exception) -> None:
        self.notify(str(error), severity="error")
        self.session.reload()
        self._refresh()

    def _edit(self, make) -> bool:
        try:
            change = make(self.session.beads)
        except EditError as error:
            self.notify(str(error), severity="warning")
            return False
        self.session.edit(change, self._failed)
        self._refresh()
        return True

    def action_cursor(self, step: int) -> None:
        self.view.cursor = max(0, min(len(self.session.beads) - 1, self.view.cursor + step))

    def action_confirm(self) -> None:
        if self._edit(lambda b: edits.set_status(b, self.view.cursor, "confirmed")):
            self.action_cursor(1)

    def action_status(self, status: str) -> None:
        self._edit(lambda b: edits.set_status(b, self.view.cursor, status))

    def action_confirm_above(self) -> None:
        self._edit(lambda b: edits.confirm_range(b, 0, self.view.cursor))

    def action_merge(self) -> None:
        self._edit(lambda b: edits.merge_next(b, self.view.cursor))

    def action_split(self) -> None:
        """Split after the first sentence of each side that has more than one."""
        bead = self.session.beads[self.view.cursor]
        self._edit(lambda b: edits.split(b, self.view.cursor, min(1, len(bead.src) - 1) if len(bead.src) > 1 else len(bead.src),
                                         1 if len(bead.tgt) > 1 else len(bead.tgt)))

    def action_move(self, side: str, up: bool) -> None:
        self._edit(lambda b: (edits.move_up if up else edits.move_down)(b, self.view.cursor, side))

    def action_no_counterpart(self) -> None:
        self._edit(lambda b: edits.no_counterpart(b, self.view.cursor))

    def action_note(self) -> None:
        k = self.view.cursor
        current = self.session.beads[k].note or ""
        self.app.push_screen(Ask("Note on this bead (empty removes it)", current),
                             lambda note: note is not None and self._edit(lambda b: edits.set_note(b, k, note)))

    def action_next(self, kind: str) -> None:
        wanted = {"unconfirmed": lambda b: b.status == "auto",
                  "low": lambda b: b.status == "auto" and (b.confidence or 0) < DEFAULT_THRESHOLD,
                  "nonone": lambda b: b.kind != "1-1"}[kind]
        beads, start = self.session.beads, self.view.cursor
        found = next((k for k in [*range(start + 1, len(beads)), *range(0, start + 1)] if wanted(beads[k])), None)
        if found is None:
            self.notify("none left")
        else:
            self.view.cursor = found

    def action_search(self) -> None:
        def go(text: str | None) -> None:
            if not text:
                return
            hits = self.session.search(text)
            after = [k for k in hits if k > self.view.cursor] or hits
            if after:
                self.view.cursor = after[0]
                self.notify(f"{len(hits)} beads match")
            else:
                self.notify(f"no match for {text}", severity="warning")
        self.app.push_screen(Ask("Search both languages"), go)

    def _history(self, undo: bool) -> None:
        try:
            done = self.session.history(undo)
        except EditError as error:
            self._failed_here(error)
            return
        if not done:
            self.notify(f"nothing to {'undo' if undo else 'redo'}")
        self._refresh()

    def action_undo(self) -> None:
        self._history(True)

    def action_redo(self) -> None:
        self._history(False)

    def action_help(self) -> None:
        self.app.push_screen(Help())

    def action_back(self) -> None:
        self.app.pop_screen()
        self.app.screen.refresh_pairs()


class PairsScreen(Screen):
    """Every pair with its counts; Enter opens one."""

    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Label("Pairs: Enter opens one", id="title")
        yield DataTable(id="pairs", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("id", "title", "languages", "sentences", "confirmed", "low-confidence", "MT")
        self.refresh_pairs()
        table.focus()

    def refresh_pairs(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for s in self.session.summaries():
            share = f"{s.confirmed / s.beads:.0%}" if s.beads else "-"
            mt = "-" if s.mt_used is None else ("yes" if s.mt_used else "no")
            table.add_row(str(s.id), inert(s.title), f"{s.src_lang}-{s.tgt_lang}",
                          f"{s.src_sentences}/{s.tgt_sentences}", share, str(s.low_confidence), mt, key=str(s.id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_pair(int(event.row_key.value))


class ReviewApp(App):
    """`workbench review [PAIR]`."""

    CSS_PATH = "review.tcss"
    TITLE = "workbench review"

    def __init__(self, db_path: Path, pair: int | None = None) -> None:
        super().__init__()
        self.session = Session(db_path)
        self.start_pair = pair

    def on_mount(self) -> None:
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
