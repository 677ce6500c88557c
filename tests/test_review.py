"""The review UI driven by Textual's Pilot on a real database file; the database is checked
after every operation."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual import events

from workbench import store
from workbench.review.app import ReviewApp
from workbench.review.screens.alignment import AlignmentScreen
from workbench.review.screens.pairs import PairsScreen
from workbench.review.widgets.overview import Overview
from workbench.store import GAP

EN = ["The army moved in.", "Nobody was hurt [b]markup[/b] \x1b[31mred\x1b[0m.", "Jabhat al-Nusra left.",
      "He said \"quoted\" words.", "It rained."]
ES = ["El ejército entró.", "Nadie resultó herido [b]markup[/b] \x1b[31mrojo\x1b[0m.", "Jabhat al-Nusra se fue.",
      "Dijo palabras \"citadas\".", "Llovió."]


@pytest.fixture
def db_path(cli, db, tmp_path: Path) -> Path:
    en, es = tmp_path / "r.en", tmp_path / "r.es"
    en.write_text("\n".join(EN) + "\n")
    es.write_text("\n".join(ES) + "\n")
    beads = tmp_path / "r.beads"
    beads.write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n")
    assert cli("import", en, es, "--presplit", "--no-language-check", "--title", "Review [i]test[/i]")[0] == 0
    assert cli("import-beads", "1", beads)[0] == 0
    return db


def _rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select row_number() over (order by position), src_start, src_end, tgt_start, tgt_end, status, edited, note "
                            "from beads where pair_id = 1 order by position").fetchall()


async def _settle(app: ReviewApp, pilot) -> None:
    await pilot.pause()
    app.session.flush()
    await pilot.pause()


async def test_pairs_screen_opens_a_pair(db_path) -> None:
    app = ReviewApp(db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PairsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AlignmentScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PairsScreen)


def _notices(app: ReviewApp) -> str:
    """The messages of the notifications on screen (Textual keeps them in a private list)."""
    return " | ".join(n.message for n in app._notifications)


async def test_pairs_screen_removes_a_pair_at_the_second_press_of_delete(db_path, cli, tmp_path) -> None:
    (tmp_path / "two.en").write_text("\n".join(EN) + "\n")
    (tmp_path / "two.es").write_text("\n".join(reversed(ES)) + "\n")
    assert cli("import", tmp_path / "two.en", tmp_path / "two.es", "--presplit", "--no-language-check")[0] == 0
    assert cli("align", "2", "--no-mt")[0] == 0
    with sqlite3.connect(db_path) as conn:
        conn.execute("update beads set status = 'confirmed' where pair_id = 1 and position = 0")

    def pairs() -> list[int]:
        with sqlite3.connect(db_path) as conn:
            return [r[0] for r in conn.execute("select id from pairs order by id")]

    app = ReviewApp(db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("delete", "delete")  # pair 1 holds a confirmed bead: refused
        await pilot.pause()
        assert pairs() == [1, 2] and "reviewed bead" in _notices(app)
        await pilot.press("down", "delete")
        await pilot.pause()
        assert pairs() == [1, 2] and "press delete again to remove pair 2" in _notices(app)
        await pilot.press("delete")
        await pilot.pause()
        assert pairs() == [1] and app.screen.query_one("DataTable").row_count == 1


async def test_a_pair_removed_in_another_window_sends_the_review_back_to_the_pairs(db_path) -> None:
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        store.remove_pairs(store.open_database(db_path), [1], force=True)
        await pilot.press("space")  # the database process refuses the write; the pair is gone
        await _settle(app, pilot)
        assert isinstance(app.screen, PairsScreen) and "pair 1 was removed in another window" in _notices(app)
        assert app.screen.query_one("DataTable").row_count == 0


async def test_confirm_reject_merge_undo_redo(db_path) -> None:
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await _settle(app, pilot)
        assert _rows(db_path)[0][5] == "confirmed" and app.screen.view.cursor == 1
        await pilot.press("x")
        await _settle(app, pilot)
        assert _rows(db_path)[1][5] == "rejected"
        before = _rows(db_path)
        await pilot.press("m")
        await _settle(app, pilot)
        assert _rows(db_path)[1][1:5] == (1, 3, 1, 3) and len(_rows(db_path)) == 4
        await pilot.press("ctrl+z")
        await _settle(app, pilot)
        assert _rows(db_path) == before
        await pilot.press("ctrl+y")
        await _settle(app, pilot)
        assert len(_rows(db_path)) == 4
    merged = _rows(db_path)
    app = ReviewApp(db_path, 1)  # a restart keeps the undo history
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")
        await _settle(app, pilot)
        assert _rows(db_path) == before
        await pilot.press("ctrl+z", "ctrl+y", "ctrl+y")  # from the log, then back from memory, in order
        await _settle(app, pilot)
        assert _rows(db_path) == merged and app.session.beads == _review_beads(db_path)


def _review_beads(db: Path) -> list:
    from workbench import store
    return store.review_beads(store.open_database(db, write=False), 1)


async def test_undo_of_an_edit_another_window_followed_is_refused(db_path) -> None:
    """This session undoes its own edits from memory; when another window edited the pair since,
    the database refuses (its log ends with the other edit), and the screen shows the database."""
    from workbench import edits, store
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await _settle(app, pilot)
        other = store.open_database(db_path)
        store.apply_edit(other, 1, edits.set_status(store.review_beads(other, 1), 3, "rejected"))
        both = _rows(db_path)
        await pilot.press("ctrl+z")
        for _ in range(3):
            await _settle(app, pilot)
        assert _rows(db_path) == both and [r[5] for r in both][:4] == ["confirmed", "auto", "auto", "rejected"]
        assert app.session.beads == _review_beads(db_path)


async def test_split_moves_no_counterpart_and_note(db_path) -> None:
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("m")  # [0,1]:[0,1]
        await pilot.press("s")  # asks where; the suggestion "1 1" gives back [0]:[0] [1]:[1]
        await pilot.pause()
        await pilot.press("enter")
        await _settle(app, pilot)
        assert [r[1:5] for r in _rows(db_path)][:2] == [(0, 1, 0, 1), (1, 2, 1, 2)]
        await pilot.press("down", "u")  # first source sentence of bead 1 up into bead 0
        await _settle(app, pilot)
        assert [r[1:5] for r in _rows(db_path)][:2] == [(0, 2, 0, 1), (None, None, 1, 2)]
        await pilot.press("ctrl+z", "0")  # undo, then bead 1 has no counterpart
        await _settle(app, pilot)
        assert [r[1:5] for r in _rows(db_path)][1:3] == [(1, 2, None, None), (None, None, 1, 2)]
        await pilot.press("N")
        await pilot.pause()
        await pilot.press(*"check", "enter")
        await _settle(app, pilot)
        assert _rows(db_path)[1][7] == "check"


@pytest.mark.parametrize(("query", "bead"), [("al-Nusra", 2), ('"quoted"', 3), ("herido", 1)])
async def test_search_escapes_user_text(db_path, query, bead) -> None:
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("end")
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*query, "enter")
        await pilot.pause()
        assert app.screen.view.cursor == bead


async def test_text_is_shown_inert(db_path) -> None:
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        view = app.screen.view
        text = "\n".join("".join(s.text for s in view.render_line(y)) for y in range(view.rows.height))
        assert "[b]markup[/b]" in text and "\x1b" not in text and "␛[31mred" in text


async def test_help_and_next_unconfirmed(db_path) -> None:
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space", "space", "home", "n")
        await pilot.pause()
        assert app.screen.view.cursor == 2
        await pilot.press("question_mark")
        await pilot.pause()
        help_panel = app.screen.query_one("#help")
        assert help_panel.visible and "Confirm the bead, go to the next" in str(help_panel.query_one("Static").render())
        await pilot.press("m", "escape")  # keys do not act while the help is shown; escape closes it
        await pilot.pause()
        assert not help_panel.visible and len(_rows(db_path)) == 5


async def test_filter_confirm_confident_overview_and_palette(db_path) -> None:
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space", "space")  # beads 0 and 1 confirmed
        await pilot.press("f")  # only unconfirmed
        await pilot.pause()
        assert app.screen.view.shown == [2, 3, 4] and app.screen.view.cursor == 2
        await pilot.press("f", "f", "f")  # back to all beads
        await pilot.pause()
        assert list(app.screen.view.shown) == [0, 1, 2, 3, 4]
        await pilot.press("C")
        await pilot.pause()
        await pilot.press("enter")  # confidence at least 0.9: beads from import-beads have none
        await _settle(app, pilot)
        assert [r[5] for r in _rows(db_path)] == ["confirmed", "confirmed", "auto", "auto", "auto"]
        await pilot.press("tab", *["down"] * 20, "m")  # m: not the strip's key, merges nothing
        await pilot.pause()
        assert app.screen.query_one(Overview).active and len(app.session.beads) == 5
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.view.has_focus and app.screen.view.cursor > 0
        assert not app.screen.query_one(Overview).active
        await pilot.press("tab", "escape", "down")  # escape leaves the strip, the key moves the cursor again
        await pilot.pause()
        assert not app.screen.query_one(Overview).active and app.screen.view.cursor == 4
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Merge with the next bead", "Re-align beads not yet reviewed", "Undo", "Go to bead number",
                "Copy the source text", "Filter: unconfirmed, low, not 1-1, all"} <= titles


async def test_bulk_confirmation_undo_and_redo_keep_strip_bar_and_rows_in_step(db_path) -> None:
    """A bulk confirmation crosses to the database process as offsets, and its undo comes back
    as offsets: the screen's beads, flags and progress bar must be what a reload shows."""
    from workbench import store
    from workbench.review.flags import BeadFlags
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        # bead 2 rejected; 0, 1, 3 confirmed (a: those without a confidence too)
        await pilot.press("down", "down", "x", "end", "A", "a", "enter")

        async def same_as_stored(statuses: list[str]) -> None:
            await _settle(app, pilot)
            assert [r[5] for r in _rows(db_path)] == statuses
            stored = store.review_beads(store.open_database(db_path, write=False), 1)
            assert app.session.beads == stored
            flags = app.screen.query_one(Overview).flags
            assert flags.bits.tolist() == BeadFlags(stored).bits.tolist()
            assert app.screen.query_one("#progress").text.startswith(f"✓ {statuses.count('confirmed')}/5 ")

        await same_as_stored(["confirmed", "confirmed", "rejected", "confirmed", "auto"])
        await pilot.press("ctrl+z")
        await same_as_stored(["auto", "auto", "rejected", "auto", "auto"])
        await pilot.press("ctrl+y")
        await same_as_stored(["confirmed", "confirmed", "rejected", "confirmed", "auto"])


async def test_realign_keeps_anchors_and_can_be_undone(db_path, cli, tmp_path) -> None:
    wrong = tmp_path / "wrong.beads"
    wrong.write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n[3, 4]:[3, 4]\n")
    assert cli("import-beads", "1", wrong)[0] == 0
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "space")  # bead 1 confirmed: an anchor
        await _settle(app, pilot)
        before = _rows(db_path)
        await pilot.press("R")
        for _ in range(600):
            await pilot.pause(0.05)
            if not app.screen.query_one("#status").busy:
                break
        await _settle(app, pilot)
        after = _rows(db_path)
        assert after[1] == before[1]  # the anchor, as it was
        assert [r[1:5] for r in after] == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3), (3, 4, 3, 4), (4, 5, 4, 5)]
        await pilot.press("ctrl+z")
        await _settle(app, pilot)
        assert _rows(db_path) == before


def _sentences(db: Path, doc: int) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("select text from sentences where document_id = ? order by position", (doc,))]


async def test_edit_text_splits_and_joins_sentences_and_undoes(db_path) -> None:
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")  # source of bead 0: "The army moved in."
        await pilot.pause()
        area = app.screen.query_one("#text")
        area.text = "The army moved in.\nIt was early."
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert _sentences(db_path, 1)[:3] == ["The army moved in.", "It was early.", EN[1]]
        assert [r[1:5] for r in _rows(db_path)][:2] == [(0, 2, 0, 1), (2, 3, 1, 2)]
        from workbench import store
        db = store.open_database(db_path)  # what the screen holds, renumbered in memory, is what is stored
        assert app.session.beads == store.review_beads(db, 1) and app.session.src == _sentences(db_path, 1)
        await pilot.press("E")  # target of bead 0
        await pilot.pause()
        app.screen.query_one("#text").text = "El ejército entró temprano."
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert _sentences(db_path, 2)[0] == "El ejército entró temprano."
        shown = lambda: "\n".join("".join(s.text for s in app.screen.view.render_line(y)) for y in range(8))  # noqa: E731
        assert "temprano" in shown()  # a correction keeping the sentence count is redrawn in place
        await pilot.press("ctrl+z", "ctrl+z")
        await _settle(app, pilot)
        assert _sentences(db_path, 1) == EN and _sentences(db_path, 2) == ES
        assert "temprano" not in shown() and "It was early" not in shown()
        assert [r[1:5] for r in _rows(db_path)] == [(k, k + 1, k, k + 1) for k in range(5)]
        await pilot.press("down", "e")  # search still finds the text after edits (FTS kept in sync)
        await pilot.pause()
        await pilot.press("escape", "slash")
        await pilot.pause()
        await pilot.press(*"rained", "enter")
        await pilot.pause()
        assert app.screen.view.cursor == 4


async def test_text_editor_keeps_the_keyboard(db_path) -> None:
    """While the editor is open no key reaches the alignment screen's bindings: not tab (the
    overview), ctrl+z (the edit log), escape only closes the editor."""
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space")  # bead 0 confirmed: something ctrl+z could undo
        await _settle(app, pilot)
        before = _rows(db_path)
        await pilot.press("e")  # bead 1
        await pilot.pause()
        await pilot.press("end", "m", "tab", "ctrl+z", "question_mark", "R", "x")
        await pilot.pause()
        assert app.screen.query_one("#text").has_focus and app.screen.query_one("#text").text.endswith("?Rx")
        await pilot.click("#beads")  # the focus leaves the editor; the next key brings it back
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.query_one("#text").has_focus
        await pilot.press("escape")
        await _settle(app, pilot)
        assert isinstance(app.screen, AlignmentScreen) and app.screen.view.has_focus
        assert not app.screen.query_one("#editor").is_open and not app.screen.query_one(Overview).active
        assert not app.screen.query_one("#status").busy and not app.screen.query_one("#help").visible
        assert _rows(db_path) == before and _sentences(db_path, 1) == EN


async def test_text_edit_refused_by_the_database_reloads_the_pair(db_path) -> None:
    """The editor's text is shown at once and written in the background; when another writer
    changed that sentence meanwhile, the write is refused and the screen shows the database."""
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        with sqlite3.connect(db_path) as conn:
            conn.execute("update sentences set text = 'Changed elsewhere.' where document_id = 1 and position = 0")
        app.screen.query_one("#text").text = "The army moved in.\nIt was early."
        await pilot.press("ctrl+s")
        for _ in range(3):
            await _settle(app, pilot)
        assert _sentences(db_path, 1) == ["Changed elsewhere.", *EN[1:]]
        assert app.session.src == _sentences(db_path, 1) and len(app.session.beads) == 5
        assert [(b.src, b.tgt) for b in app.session.beads] == [((k,), (k,)) for k in range(5)]


async def test_remaining_keys(db_path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("update beads set confidence = 0.3 where position = 3 * ?", [GAP])
        conn.execute("update beads set confidence = 0.9 where position != 3 * ?", [GAP])
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l")  # next low-confidence bead
        await pilot.pause()
        assert app.screen.view.cursor == 3
        await pilot.press("A", "y", "enter")  # confirm everything above the cursor (none is doubtful)
        await _settle(app, pilot)
        assert [r[5] for r in _rows(db_path)] == ["confirmed"] * 3 + ["auto"] * 2
        await pilot.press("up", "o")  # reopen bead 2
        await _settle(app, pilot)
        assert _rows(db_path)[2][5] == "auto"
        await pilot.press("d")  # last source sentence of bead 2 down into bead 3
        await _settle(app, pilot)
        assert [r[1:5] for r in _rows(db_path)][2:4] == [(None, None, 2, 3), (2, 4, 3, 4)]
        await pilot.press("down", "U")  # first target sentence of bead 3 up into bead 2
        await _settle(app, pilot)
        assert [r[1:5] for r in _rows(db_path)][2] == (None, None, 2, 4)
        await pilot.press("up", "D")  # and bead 2 gives it back
        await _settle(app, pilot)
        assert [r[1:5] for r in _rows(db_path)][2:4] == [(None, None, 2, 3), (2, 4, 3, 4)]
        await pilot.press("home", "t")  # next bead that is not 1-1
        await pilot.pause()
        assert app.screen.view.cursor == 2


@pytest.fixture
def tall_db(cli, db, tmp_path: Path) -> Path:
    """A pair of 80 one-sentence beads: far taller than the screen."""
    en, es, beads = tmp_path / "t.en", tmp_path / "t.es", tmp_path / "t.beads"
    en.write_text("".join(f"The witness number {k} spoke about the town.\n" for k in range(80)))
    es.write_text("".join(f"El testigo número {k} habló sobre el pueblo.\n" for k in range(80)))
    beads.write_text("".join(f"[{k}]:[{k}]\n" for k in range(80)))
    assert cli("import", en, es, "--presplit", "--title", "Tall")[0] == 0
    assert cli("import-beads", "1", beads)[0] == 0
    return db


async def test_cursor_keys_move_the_cursor_in_a_tall_pair(tall_db) -> None:
    """In a pair taller than the screen the cursor keys move the cursor (the scroll follows);
    they must not only scroll the view."""
    app = ReviewApp(tall_db, 1)
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        view = app.screen.view
        await pilot.press("down", "down")
        assert view.cursor == 2
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.cursor > 10 and view.scroll_offset.y > 0
        await pilot.press("end")
        await pilot.pause()
        assert view.cursor == 79 and view.scroll_offset.y == view.max_scroll_y
        await pilot.press("pageup", "home")
        await pilot.pause()
        assert view.cursor == 0 and view.scroll_offset.y == 0


async def test_overview_shades_the_beads_on_screen_and_the_wheel_scrolls(tall_db) -> None:
    """The bead list draws no scrollbar: the overview strip shades the lines of the beads on
    screen, like a scrollbar's thumb, and follows every scroll; the mouse wheel still scrolls."""
    app = ReviewApp(tall_db, 1)
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        view, overview = app.screen.view, app.screen.query_one(Overview)
        assert not view.show_vertical_scrollbar

        def shaded() -> list[int]:
            return [y for y in range(overview.size.height)
                    if overview.render_line(y)._segments[1].style.bgcolor is not None]
        first, last = view.viewport
        assert first == 0 and 5 < last < 30 and shaded() == list(overview.lines_of(first, last))
        top = shaded()
        await pilot.press("end")
        await pilot.pause()
        assert view.viewport[1] == 79 and shaded() == list(overview.lines_of(*view.viewport))
        assert shaded()[-1] == overview.size.height - 1 and shaded()[0] > top[-1]
        await pilot.press("home")
        await pilot.pause()
        view.post_message(events.MouseScrollDown(view, 5, 5, 0, 1, 0, False, False, False))  # the wheel
        await pilot.pause()
        assert view.scroll_offset.y > 0 and view.viewport[0] > 0 and view.cursor == 0
        assert shaded() == list(overview.lines_of(*view.viewport))


async def test_questions_are_answered_in_the_bottom_line(tall_db) -> None:
    """Keys typed while a question is open go to the answer, not to the bindings; escape
    cancels with nothing written; the search prompt offers the last search again."""
    app = ReviewApp(tall_db, 1)
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        before = _rows(tall_db)
        await pilot.press("N", *"mx", "backspace", "escape")  # m and x would merge and reject
        await _settle(app, pilot)
        assert _rows(tall_db) == before and app.screen.view.cursor == 0
        await pilot.press("N", *"mx", "backspace", "left", "o", "enter")
        await _settle(app, pilot)
        assert _rows(tall_db)[0][7] == "om"
        await pilot.press("slash", *"testigo", "enter")  # every bead: the first after the cursor
        await pilot.pause()
        assert app.screen.view.cursor == 1
        await pilot.press("slash", "enter")  # the same search again: the next match
        await pilot.pause()
        assert app.screen.view.cursor == 2


async def test_full_collections_wait_while_reviewing_and_come_back_after(db_path) -> None:
    import gc
    before = gc.get_threshold()
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert gc.get_threshold()[2] > 1000 and gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_a_database_process_that_ends_fails_every_call_with_one_clear_error(db_path) -> None:
    """If the database process dies (killed), every call says so instead of hanging; closing
    the session still returns."""
    from workbench.review.session import Session
    session = Session(db_path)
    session.open_pair(1)
    session._db._process.kill()
    session._db._process.wait()
    for _ in range(2):  # the call that meets the end, and one after it
        with pytest.raises(RuntimeError, match="database process ended"):
            session.search("army")
    session.close()


def test_every_call_to_the_database_process_gets_its_own_answer(db_path) -> None:
    """Answers come back in order, each to its call, however fast the process answers (an
    answer that arrived before its call was queued once stopped every later answer)."""
    from workbench.review.pair_data import PairData
    from workbench.review.session import Session
    session = Session(db_path)
    session.open_pair(1)
    calls = [session._call(PairData.search, word) for word in ["army", "rained", "nothing"] * 300]
    answers = [call.result(timeout=30) for call in calls]
    assert answers[:3] == [[0], [4], []] and answers == answers[:3] * 300
    session.close()


@pytest.mark.parametrize("in_process", [False, True])
def test_a_session_in_this_process_edits_as_the_database_process_does(db_path, in_process) -> None:
    """The review's data access runs in a process of its own for the screen, or in the caller's
    for tests and benchmarks: the same edits leave the same database and the same beads."""
    from workbench import edits
    from workbench.review.session import Session
    session = Session(db_path, in_process=in_process)
    session.open_pair(1)
    errors: list[Exception] = []
    session.edit(edits.merge_next(session.beads, 0), errors.append)
    session.edit(edits.set_status(session.beads, 2, "confirmed"), errors.append)
    session.history(True, errors.append)  # undo the confirmation
    session.history(False, errors.append)  # and redo it
    assert session.search("rained") == [3]
    session.flush()
    assert not errors and session.beads == store.review_beads(store.open_database(db_path, write=False), 1)
    session.close()
    assert _rows(db_path) == [(1, 0, 2, 0, 2, "auto", 1, None), (2, 2, 3, 2, 3, "auto", 0, None),
                              (3, 3, 4, 3, 4, "confirmed", 0, None), (4, 4, 5, 4, 5, "auto", 0, None)]
