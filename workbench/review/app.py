"""The review app: a pairs screen, and an alignment screen where every correction is one key."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from functools import cached_property, partial
from pathlib import Path

import numpy as np
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Label, ProgressBar, Static, TextArea

from workbench import edits
from workbench.edits import EditError
from workbench.inert import inert_line
from workbench.review import collector
from workbench.review.bead_view import BeadView
from workbench.review.flags import AUTO, LOW, UNEVEN
from workbench.review.overview import Overview
from workbench.review.prompt import Prompt
from workbench.review.session import Session
from workbench.store import PairSummary

ALIGNMENT_KEYS = [
    Binding("space,enter", "confirm", "Confirm+next"),
    Binding("x", "status('rejected')", "Reject"),
    Binding("o", "status('auto')", "Reopen", show=False),
    Binding("A", "confirm_above", "Confirm above", show=False),
    Binding("C", "confirm_confident", "Confirm above a confidence", show=False),
    Binding("m", "merge", "Merge next"),
    Binding("s", "split", "Split"),
    Binding("u", "move('src', True)", "Src up", show=False),
    Binding("d", "move('src', False)", "Src down", show=False),
    Binding("U", "move('tgt', True)", "Tgt up", show=False),
    Binding("D", "move('tgt', False)", "Tgt down", show=False),
    Binding("0", "no_counterpart", "No counterpart", show=False),
    Binding("N", "note", "Note", show=False),
    Binding("e", "edit_text('src')", "Edit source text", show=False),
    Binding("E", "edit_text('tgt')", "Edit target text", show=False),
    Binding("n", "next('unconfirmed')", "Next unconfirmed"),
    Binding("l", "next('low')", "Next low", show=False),
    Binding("t", "next('nonone')", "Next non-1:1", show=False),
    Binding("slash", "search", "Search"),
    Binding("f", "filter", "Filter"),
    Binding("R", "realign", "Re-align"),
    Binding("tab", "overview", "Overview strip (enter jumps)", show=False),
    Binding("ctrl+z", "undo", "Undo"),
    Binding("ctrl+y", "redo", "Redo"),
    Binding("question_mark", "help", "Help"),
    Binding("escape", "back", "Pairs"),
]
HELP = "\n".join(f"{b.key:<22} {b.description or b.action}" for b in [*BeadView.BINDINGS, *ALIGNMENT_KEYS])


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
        yield TextArea(id="text", soft_wrap=True)

    def open(self, title: str, sentences: list[str], save: Callable[[list[str]], None]) -> None:
        self._save = save
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


class Help(Static):
    """The keys, in a panel over the bead list's right side. Shown and hidden by visibility, on
    its own layer: a help screen of its own cost a screen switch (~100 ms to open)."""

    CLOSE_KEYS = ("escape", "question_mark", "q")

    def __init__(self, **kwargs) -> None:
        super().__init__(Text("Keys of the alignment screen (escape closes)\n\n", style="bold") + Text(HELP),
                         **kwargs)


class Status(Widget):
    """The active filter, or where the last search landed. Changing it repaints this widget
    only; a Label's update, or a notification, lays out the whole screen (15-30 ms with ten
    thousand beads)."""

    text: reactive[str] = reactive("")

    def render(self) -> Text:
        return Text(self.text)


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


class AlignmentScreen(Screen):
    """One pair: beads with type, confidence and status; every correction is one key."""

    BINDINGS = ALIGNMENT_KEYS

    def __init__(self, session: Session, title: str) -> None:
        super().__init__()
        self.session, self.pair_title = session, title

    # what the filter key cycles through, and the overview's flags a shown bead has
    FILTERS = [("all beads", 0), ("unconfirmed", AUTO), ("low-confidence", LOW), ("not 1-1", UNEVEN)]

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Label(inert_line(self.pair_title), id="title", markup=False)
            yield Status(id="status")
            # blank and still (a total) until a re-alignment runs: a bar without a total repaints
            # itself 15 times a second, and showing or hiding a widget lays out the whole screen
            yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="realigning", classes="idle")
            yield ProgressBar(total=max(len(self.session.beads), 1), show_eta=False, id="confirmed")
        with Horizontal(id="main"):
            yield BeadView(self.session.beads, self.session.src, self.session.tgt, id="beads")
            yield Overview(id="overview")
        yield Prompt(ALIGNMENT_KEYS, id="prompt")
        yield Help(id="help")
        yield TextEditor(id="editor")

    def on_mount(self) -> None:
        self.query_one(BeadView).focus()
        self.filter_index = 0
        self.last_search = ""
        self._refresh()
        self.watch(self.view, "viewport", lambda beads: self.query_one(Overview).show_viewport(*beads))
        self.call_after_refresh(collector.freeze)

    @cached_property
    def view(self) -> BeadView:
        """The bead list (looked up once: a query walks the screen's widgets)."""
        return self.query_one(BeadView)

    def _refresh(self, change: edits.Change | None = None) -> None:
        """Show the session's beads: after `change` only what it replaced is redone; without
        one (a reload), everything."""
        overview = self.query_one(Overview)
        if change is None:
            overview.show(self.session.beads)
            self.view.set_beads(self.session.beads, self._shown())
        else:
            overview.apply(change)
            self.view.apply(self.session.beads, change, self._shown())
        bar = self.query_one("#confirmed", ProgressBar)
        bar.update(total=max(len(self.session.beads), 1), progress=overview.flags.confirmed)

    def _shown(self) -> list[int] | None:
        """The beads the current filter shows (None: all)."""
        mask = self.FILTERS[self.filter_index][1]
        return self.query_one(Overview).flags.having(mask).tolist() if mask else None

    def ask(self, question: str, answer: Callable[[str | None], None], value: str = "") -> None:
        """Ask on the bottom line; `answer` gets the text (None: cancelled)."""
        self.query_one(Prompt).ask(question, answer, value)

    def on_key(self, event: events.Key) -> None:
        """While the help is shown a key closes it; while a question is open every key is the
        answer's (before any binding sees it); while the text editor is open, keys are its own
        (a click that took the focus away gives it back)."""
        editor = self.query_one(TextEditor)
        if editor.is_open and not editor.has_focus_within:
            event.stop()
            event.prevent_default()
            editor.query_one(TextArea).focus()
            return
        help_panel = self.query_one(Help)
        if help_panel.visible:
            event.stop()
            event.prevent_default()
            if event.key in Help.CLOSE_KEYS:
                self.action_close_help()
            return
        prompt, overview = self.query_one(Prompt), self.query_one(Overview)
        if prompt.active or overview.active:
            event.stop()
            event.prevent_default()
            prompt.feed(event) if prompt.active else overview.feed(event.key)

    def _failed(self, error: BaseException) -> None:
        """A database write failed (another process changed the pair): say so and reload."""
        self.post_message(EditFailed(error))

    def on_edit_failed(self, message: EditFailed) -> None:
        self._failed_here(message.error)

    def _failed_here(self, error: BaseException) -> None:
        self.notify(str(error), severity="error")
        if not self.session.reload():
            self.notify(f"pair {self.session.pair} was removed in another window", severity="error")
            self.action_back()
            return
        self.view.set_texts(self.session.src, self.session.tgt)
        self._refresh()

    def _edit(self, make) -> bool:
        try:
            with collector.lasting():
                change = make(self.session.beads)
        except EditError as error:
            self.notify(str(error), severity="warning")
            return False
        self.session.edit(change, self._failed)
        self._refresh(change)
        return True

    def action_confirm(self) -> None:
        """Confirm the bead (unless it is already) and go on to the next."""
        beads, k = self.session.beads, self.view.cursor
        if (k < len(beads) and beads[k].status == "confirmed") or self._edit(
                lambda b: edits.set_status(b, k, "confirmed")):
            self.view.action_step(1)

    def action_status(self, status: str) -> None:
        self._edit(lambda b: edits.set_status(b, self.view.cursor, status))

    def action_confirm_above(self) -> None:
        self._edit(lambda b: edits.confirm_range(b, 0, self.view.cursor))

    def action_merge(self) -> None:
        self._edit(lambda b: edits.merge_next(b, self.view.cursor))

    def action_split(self) -> None:
        """Ask after how many source and target sentences the bead splits."""
        k = self.view.cursor
        bead = self.session.beads[k]
        suggestion = f"{min(1, len(bead.src))} {min(1, len(bead.tgt))}"

        def split(answer: str | None) -> None:
            try:
                src_at, tgt_at = (int(x) for x in (answer or "").replace(",", " ").split())
            except ValueError:
                if answer:
                    self.notify("give two numbers: source and target sentences before the split", severity="warning")
                return
            self._edit(lambda b: edits.split(b, k, src_at, tgt_at))
        self.ask(f"Split this {bead.kind} bead after how many source and target sentences?", split, suggestion)

    def action_confirm_confident(self) -> None:
        def confirm(answer: str | None) -> None:
            try:
                threshold = float(answer) if answer else None
            except ValueError:
                self.notify("give a number between 0 and 1", severity="warning")
                return
            if threshold is not None:
                self._edit(lambda b: edits.confirm_range(b, 0, len(b), threshold))
        self.ask("Confirm every bead with a confidence of at least", confirm, "0.9")

    def action_filter(self) -> None:
        self.filter_index = (self.filter_index + 1) % len(self.FILTERS)
        name, mask = self.FILTERS[self.filter_index]
        self.view.show(self._shown())
        self.query_one(Status).text = f"showing: {name}" if mask else ""

    def action_realign(self) -> None:
        """Re-align every bead not confirmed or edited, in another process."""
        bar = self.query_one("#realigning", ProgressBar)
        if not bar.has_class("idle"):
            return
        bar.remove_class("idle")
        bar.update(total=None)
        anchors = self.session.anchors()
        future = self.session.realign()
        future.add_done_callback(lambda f: self.post_message(Realigned(f, anchors)))

    def on_realigned(self, message: Realigned) -> None:
        future, anchors = message.future, message.anchors
        bar = self.query_one("#realigning", ProgressBar)
        bar.update(total=1)
        bar.add_class("idle")
        if future.exception():
            self.notify(f"re-alignment failed: {future.exception()}", severity="error")
        elif self.session.anchors() != anchors:  # confirmed or edited meanwhile: compute again
            self.action_realign()
        else:
            change = self.session.realigned(future.result())
            self.session.edit(change, self._failed)
            self._refresh(change)
            self.notify("re-aligned (ctrl+z undoes it)")

    def action_overview(self) -> None:
        """Enter the overview strip (it takes the keys until enter jumps, or tab or escape)."""
        self.query_one(Overview).enter()

    def on_overview_jump(self, message: Overview.Jump) -> None:
        self.view.cursor = self.view.nearest(message.index)

    def action_move(self, side: str, up: bool) -> None:
        self._edit(lambda b: (edits.move_up if up else edits.move_down)(b, self.view.cursor, side))

    def action_no_counterpart(self) -> None:
        self._edit(lambda b: edits.no_counterpart(b, self.view.cursor))

    def action_edit_text(self, side: str) -> None:
        k = self.view.cursor
        bead = self.session.beads[k]
        ids = bead.on(side)
        if not ids:
            self.notify(f"this bead has no {'source' if side == 'src' else 'target'} sentence", severity="warning")
            return
        texts = [self.session.texts(side)[i] for i in ids]

        def save(lines: list[str]) -> None:
            if lines and lines != texts:
                self._refresh(self.session.edit_text(k, side, lines, self._failed))
        self.query_one(TextEditor).open(f"{'Source' if side == 'src' else 'Target'} of bead {k + 1}", texts, save)

    def action_note(self) -> None:
        k = self.view.cursor
        current = self.session.beads[k].note or ""
        self.ask("Note on this bead (empty removes it):",
                 lambda note: note is not None and self._edit(lambda b: edits.set_note(b, k, note)), current)

    def action_next(self, kind: str) -> None:
        mask = {"unconfirmed": AUTO, "low": LOW, "nonone": UNEVEN}[kind]
        found = self.query_one(Overview).flags.having(mask)
        if not len(found):
            self.notify("none left")
        else:  # the next one after the cursor, or the first
            self.view.cursor = self.view.nearest(int(found[np.searchsorted(found, self.view.cursor, "right") % len(found)]))

    def action_search(self) -> None:
        """Ask for a text (the last one again: enter goes on to the next match)."""
        def go(text: str | None) -> None:
            if not text:
                return
            self.last_search = text
            hits = self.session.search(text)
            if not hits:
                self.query_one(Status).text = f"no match for {text}"
                return
            n = bisect.bisect_right(hits, self.view.cursor) % len(hits)  # the next match, or the first
            self.view.cursor = self.view.nearest(hits[n])
            self.query_one(Status).text = f"match {n + 1} of {len(hits)}"
        self.ask("Search both languages:", go, self.last_search)

    def _history(self, undo: bool) -> None:
        try:
            change = self.session.history(undo, self._failed)
        except EditError as error:
            self._failed_here(error)
            return
        if change is None:
            self.notify(f"nothing to {'undo' if undo else 'redo'}")
        else:
            self._refresh(change)

    def action_undo(self) -> None:
        self._history(True)

    def action_redo(self) -> None:
        self._history(False)

    def action_help(self) -> None:
        self.query_one(Help).visible = True

    def action_close_help(self) -> None:
        self.query_one(Help).visible = False

    def action_back(self) -> None:
        self.app.pop_screen()
        self.app.screen.refresh_pairs()


class PairAligned(Message):
    """The alignment process of an accepted pair finished (posted from the thread that waited)."""

    def __init__(self, future, pair_id: int) -> None:
        super().__init__()
        self.future, self.pair_id = future, pair_id


class PairsScreen(Screen):
    """Every pair with its counts; Enter opens one. Pairs proposed by `pair-collection` are
    accepted (and then aligned in another process) or rejected here."""

    BINDINGS = [Binding("a", "accept", "Accept and align"), Binding("x", "reject", "Reject pair"),
                Binding("delete", "remove", "Remove pair (press twice)"), Binding("q", "app.quit", "Quit")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.summaries: dict[int, PairSummary] = {}
        self.aligning: set[int] = set()
        self.removing: int | None = None  # the pair a first press of delete named

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Label("Pairs: Enter opens one; a accepts a proposed pair and aligns it, x rejects it, delete twice "
                        "removes one", id="title")
            yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="aligning")
        yield DataTable(id="pairs", cursor_type="row")
        yield Footer()

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
        self.session.set_pair_status(pair.id, "accepted")
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
            self.session.set_pair_status(pair.id, "rejected")
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
        self._thresholds = collector.hold()
        self.set_interval(collector.PERIOD_SECONDS, collector.freeze)
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
        collector.release(self._thresholds)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of the current screen is in the command palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        for binding in getattr(screen, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                yield SystemCommand(binding.description, f"key: {binding.key}",
                                    partial(screen.run_action, binding.action))
