"""The alignment screen: the beads of one pair, where every correction is one key (the keys are
bound in `keymap`, which the bottom line, the help panel and the command palette all read)."""

from __future__ import annotations

import bisect
import tempfile
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

import numpy as np
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Label, TextArea

from workbench import edits
from workbench.edits import EditError
from workbench.display import inert_line
from workbench.review import blocks, gc_schedule, keymap
from workbench.review.flags import AUTO, KIND, LOW, UNEVEN
from workbench.review.messages import EditFailed, Realigned
from workbench.review.session import Session
from workbench.review.widgets.bead_view import BeadView
from workbench.review.widgets.help import Help
from workbench.review.widgets.overview import Overview
from workbench.review.widgets.prompt import Prompt
from workbench.review.widgets.status import Status
from workbench.review.widgets.text_editor import TextEditor
from workbench.model import BeadStatus

# where a copy goes besides the clipboard, which the terminal may not support
COPIED = Path(tempfile.gettempdir()) / "workbench-copied.txt"

class AlignmentScreen(Screen):
    """One pair: beads with type, confidence and status; every correction is one key."""

    BINDINGS = keymap.ALIGNMENT

    def __init__(self, session: Session, title: str) -> None:
        super().__init__()
        self.session, self.pair_title = session, title

    # what the filter key cycles through, and the overview's flags a shown bead has
    FILTERS = [("all beads", 0), ("unconfirmed", AUTO), ("low-confidence", LOW), ("not 1-1", UNEVEN)]

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Label(inert_line(self.pair_title), id="title", markup=False)
            yield Status(id="status")
            yield Status(id="progress")
        with Horizontal(id="main"):
            yield BeadView(self.session.beads, self.session.src, self.session.tgt, self.session.blocks, id="beads")
            yield Overview(id="overview")
        yield Prompt(keymap.ALIGNMENT, id="prompt")
        yield Help("Keys of the alignment screen (esc closes, arrows scroll)", keymap.help_text(), id="help")
        yield TextEditor(id="editor")

    def on_mount(self) -> None:
        self.query_one(BeadView).focus()
        self.filter_index = 0
        self.block_filter: str | None = None  # the block kind the block filter shows (None: any)
        self.last_search = ""
        self._place: tuple[int, int] | None = None  # (the bead a filter hid, where the cursor went)
        self._refresh()
        self.watch(self.view, "viewport", lambda beads: self.query_one(Overview).show_viewport(*beads))
        self.call_after_refresh(gc_schedule.freeze)

    @cached_property
    def view(self) -> BeadView:
        """The bead list (looked up once: a query walks the screen's widgets)."""
        return self.query_one(BeadView)

    def _refresh(self, change: edits.Change | None = None) -> None:
        """Show the session's beads: after `change` only what it replaced is redone; without
        one (a reload), everything."""
        overview = self.query_one(Overview)
        if change is None:
            overview.show(self.session.beads, self.session.blocks)
            self.view.set_beads(self.session.beads, self._shown())
        else:
            overview.apply(change)
            self.view.apply(self.session.beads, change, self._shown())
        done, total = overview.flags.confirmed, len(self.session.beads)
        progress = self.query_one("#progress", Status)
        progress.text = f"✓ {done}/{total} {done / max(total, 1):.0%}"
        width = len(f"✓ {total}/{total} 100%") + 2  # the widest it gets: a new width lays the screen out
        if progress.styles.width is None or progress.styles.width.value != width:
            progress.styles.width = width

    def _shown(self) -> list[int] | None:
        """The beads the current filters show (None: all): those of the status filter that
        hold a sentence of the block filter's kind."""
        block = KIND[self.block_filter] if self.block_filter else 0
        masks = [mask for mask in (self.FILTERS[self.filter_index][1], block) if mask]
        return self.query_one(Overview).flags.having_each(*masks).tolist() if masks else None

    def ask(self, question: str, answer: Callable[[str | None], None], value: str = "", recall: str = "") -> None:
        """Ask on the bottom line; `answer` gets the text (None: cancelled); up puts `recall` in."""
        self.query_one(Prompt).ask(question, answer, value, recall)

    def on_key(self, event: events.Key) -> None:
        """While the help is shown a key closes or scrolls it; while a question is open every key
        is the answer's (before any binding sees it); while the text editor is open, keys are its
        own (a click that took the focus away gives it back)."""
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
            else:
                help_panel.scroll_by_key(event.key)
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
        self.view.set_texts(self.session.src, self.session.tgt, self.session.blocks)
        self._refresh()

    def _edit(self, make) -> bool:
        try:
            with gc_schedule.lasting():
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
        if (k < len(beads) and beads[k].status == BeadStatus.CONFIRMED) or self._edit(
                lambda b: edits.set_status(b, k, BeadStatus.CONFIRMED)):
            self.view.action_step(1)

    def action_status(self, status: str) -> None:
        self._edit(lambda b: edits.set_status(b, self.view.cursor, status))

    def action_confirm_above(self) -> None:
        """Ask before confirming the beads above the cursor: y leaves the low-confidence and noted
        ones unconfirmed, a confirms them too."""
        k = self.view.cursor
        unconfirmed = [b for b in self.session.beads[:k] if b.status == BeadStatus.AUTO]
        doubtful = sum(map(edits.doubtful, unconfirmed))
        if not unconfirmed:
            self.notify("no unconfirmed bead above the cursor")
            return

        def confirm(answer: str | None) -> None:
            choice = (answer or "").strip().lower()
            if choice not in ("y", "a"):
                self.notify("nothing confirmed")
                return
            self._edit(lambda b: edits.confirm_range(b, 0, k, *((edits.THRESHOLD, True) if choice == "y" else ())))
        left = f"; {doubtful} low-confidence or noted stay open (a: all {len(unconfirmed)})" if doubtful else ""
        self.ask(f"Confirm {len(unconfirmed) - doubtful} beads above{left}? y/n", confirm)

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
        self.ask(f"Split this {bead.kind} after how many sentences (¹ ² number them), source and target:", split,
                 suggestion)

    def action_confirm_confident(self) -> None:
        def confirm(answer: str | None) -> None:
            try:
                threshold = float(answer) if answer else None
            except ValueError:
                self.notify("give a number between 0 and 1", severity="warning")
                return
            if threshold is not None:
                self._edit(lambda b: edits.confirm_range(b, 0, len(b), threshold, True))
        self.ask("Confirm every bead (noted ones stay open) with a confidence of at least", confirm, "0.9")

    def action_filter(self) -> None:
        self.filter_index = (self.filter_index + 1) % len(self.FILTERS)
        self._filtered()

    def action_filter_block(self) -> None:
        """Show the beads holding a heading, then a list item... (the kinds this pair has, in
        the order of `blocks.FILTERS`), then all again."""
        present = {kind for side in self.session.blocks for kind in side.kinds}
        order = list(blocks.FILTERS)
        kinds = [kind for kind in order if kind in present]
        if not kinds:
            self.notify("every sentence of this pair is a paragraph's")
            return
        after = order.index(self.block_filter) if self.block_filter else -1
        self.block_filter = next((kind for kind in kinds if order.index(kind) > after), None)
        self._filtered()

    def _filtered(self) -> None:
        """Show what the filters let through, and say which they are (the cursor stays on its
        bead when the filter shows it, and on screen)."""
        wanted = self._place[0] if self._place and self._place[1] == self.view.cursor else self.view.cursor
        self.view.show(self._shown())
        self.view.cursor = self.view.nearest(wanted)
        # a bead the filter hides: the cursor goes back to it when a filter shows it again
        self._place = (wanted, self.view.cursor) if self.view.cursor != wanted else None
        name, mask = self.FILTERS[self.filter_index]
        names = [name] if mask else []
        if self.block_filter is not None:
            names.append(blocks.FILTERS[self.block_filter])
        self.query_one("#status", Status).text = f"showing: {' '.join(names)}" if names else ""

    def action_realign(self) -> None:
        """Re-align every bead not confirmed or edited, in another process."""
        status = self.query_one("#status", Status)
        if status.busy:
            return
        status.busy = "re-aligning… "
        anchors = self.session.anchors()
        future = self.session.realign()
        future.add_done_callback(lambda f: self.post_message(Realigned(f, anchors)))

    def on_realigned(self, message: Realigned) -> None:
        future, anchors = message.future, message.anchors
        self.query_one("#status", Status).busy = ""
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
        other = "tgt" if side == "src" else "src"
        beside = [self.session.texts(other)[i] for i in bead.on(other)]

        def save(lines: list[str]) -> None:
            if lines and lines != texts:
                self._refresh(self.session.edit_text(k, side, lines, self._failed))
        names = {"src": "Source", "tgt": "Target"}
        self.query_one(TextEditor).open(f"{names[side]} of bead {k + 1}", texts, save, f"{names[other]}:", beside)

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
        """Ask for a text: the question starts empty; enter alone goes on to the last search's
        next match, up puts the last search back to change it. The match is highlighted."""
        def go(text: str | None) -> None:
            text = self.last_search if text == "" else text
            if not text:
                return
            self.last_search = text
            self.view.highlight(text)
            hits = self.session.search(text)
            if not hits:
                self.query_one("#status", Status).text = f"no match for {text}"
                return
            n = bisect.bisect_right(hits, self.view.cursor) % len(hits)  # the next match, or the first
            self.view.cursor = self.view.nearest(hits[n])
            self.query_one("#status", Status).text = f"match {n + 1} of {len(hits)}"
        last = f" (enter: next “{self.last_search}”, up: change it)" if self.last_search else ""
        self.ask(f"Search both languages{last}:", go, recall=self.last_search)

    def action_go_to(self) -> None:
        """Ask for a bead number and go there (to the nearest bead the filters show)."""
        def go(answer: str | None) -> None:
            if answer and answer.strip().isdigit() and 0 < int(answer) <= len(self.session.beads):
                self.view.cursor = self.view.nearest(int(answer) - 1)
            elif answer:
                self.notify(f"give a bead number from 1 to {len(self.session.beads)}", severity="warning")
        self.ask(f"Go to bead (1-{len(self.session.beads)}):", go)

    def action_copy(self, side: str) -> None:
        """Copy one side of the bead: to the terminal's clipboard (OSC 52, which many terminals
        and tmux ignore without a word) and to a file, whose name the notice gives."""
        k = self.view.cursor
        text = " ".join(self.session.texts(side)[i] for i in self.session.beads[k].on(side))
        name = "source" if side == "src" else "target"
        if not text:
            self.notify(f"bead {k + 1} has no {name} text", severity="warning")
            return
        self.app.copy_to_clipboard(text)
        COPIED.write_text(text + "\n", encoding="utf-8")
        self.notify(f"copied the {name} of bead {k + 1} ({len(text)} characters); if your terminal does not "
                    f"paste it, it is in {COPIED}")

    def action_next_pair(self) -> None:
        """Open the next pair (of those named on the command line, else of the database)."""
        self.app.next_pair(self.session.pair)

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
        self.query_one(Prompt).cancel()
        self.app.pop_screen()
        self.app.screen.refresh_pairs()
