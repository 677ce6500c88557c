"""What a translator's day in the review trips over (issue 27), on the React page's real pair
(corpora/react-docs) imported and aligned into a real SQLite file, driven by Textual's Pilot at
80x24 unless a test says otherwise: what the screen shows is read from its widgets."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.review import keymap
from workbench.review.app import ReviewApp
from workbench.review.screens.alignment import COPIED, AlignmentScreen
from workbench.review.widgets.bead_view import CONTEXT, STYLES
from workbench.review.widgets.prompt import Prompt
from tests.conftest import CORPORA
from tests.test_review_kinds import _lines, aligned, db_path  # noqa: F401  (fixtures)
from workbench.cli import main

SIZE = (80, 24)


def _statuses(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("select status from beads where pair_id = 1 order by position")]


def _line(widget) -> str:
    """A one-line widget's text as drawn."""
    return "".join(segment.text for segment in widget.render_line(0))


async def _settle(app: ReviewApp, pilot) -> None:
    await pilot.pause()
    app.session.flush()
    await pilot.pause()


async def test_bulk_confirm_asks_and_leaves_low_and_noted_beads_open(db_path) -> None:  # noqa: F811
    with sqlite3.connect(db_path) as conn:  # bead 2 low-confidence, bead 4 noted
        conn.execute("update beads set confidence = 0.3 where pair_id = 1 and position = "
                     "(select position from beads where pair_id = 1 order by position limit 1 offset 2)")
        conn.execute("update beads set note = 'check' where pair_id = 1 and position = "
                     "(select position from beads where pair_id = 1 order by position limit 1 offset 4)")
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("g", "1", "1", "enter", "A")  # bead 11: ten beads above
        await pilot.pause()
        prompt = app.screen.query_one(Prompt)
        assert prompt.question == "Confirm 8 beads above; 2 low-confidence or noted stay open (a: all 10)? y/n"
        await pilot.press("escape")
        await _settle(app, pilot)
        assert set(_statuses(db_path)) == {"auto"}  # escape: nothing
        await pilot.press("A", "y", "enter")
        await _settle(app, pilot)
        statuses = _statuses(db_path)
        assert statuses[:10] == ["confirmed"] * 2 + ["auto"] + ["confirmed"] + ["auto"] + ["confirmed"] * 5
        assert set(statuses[10:]) == {"auto"}
        await pilot.press("A", "a", "enter")  # a: the two doubtful ones too
        await _settle(app, pilot)
        assert _statuses(db_path)[:10] == ["confirmed"] * 10
        await pilot.press("end", "C", "enter")  # at or above 0.9, noted beads left out
        await _settle(app, pilot)
        assert all(b.status == "confirmed" or b.note or (b.confidence or 0) < 0.9 for b in app.session.beads)


async def test_search_starts_empty_recalls_the_last_query_and_highlights_the_match(aligned) -> None:  # noqa: F811
    app = ReviewApp(aligned, 1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"browsers", "enter")
        await pilot.pause()
        first = app.screen.view.cursor
        assert "browsers" in " ".join(app.session.src[i] for i in app.session.beads[first].src)
        await pilot.press("slash")
        await pilot.pause()
        prompt = app.screen.query_one(Prompt)
        assert prompt.text == "" and "enter: next “browsers”" in prompt.question  # starts empty
        await pilot.press("enter")  # enter alone: the next match
        await pilot.pause()
        assert app.screen.view.cursor > first
        await pilot.press("slash", "up")  # the last query, to change it
        await pilot.pause()
        assert prompt.text == "browsers"
        await pilot.press("ctrl+u", "escape", "slash", *"árbol", "enter")  # ctrl+u clears
        await pilot.pause()
        view = app.screen.view
        highlighted = [seg.text for y in range(view.size.height) for seg in view.render_line(y)
                       if seg.style and seg.style.bgcolor == STYLES["match"].bgcolor]
        assert highlighted and {text.lower() for text in highlighted} == {"árbol"}


async def test_an_edited_bead_keeps_its_confidence_and_a_confirmed_one_is_never_low(db_path) -> None:  # noqa: F811
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.session.beads[1:3]
        await pilot.press("down", "m")  # merge beads 1 and 2
        await _settle(app, pilot)
        merged = app.session.beads[1]
        assert merged.edited and merged.confidence == min(b.confidence for b in before)
        with sqlite3.connect(db_path) as conn:
            stored = conn.execute("select confidence, edited from beads where pair_id = 1 order by position "
                                  "limit 1 offset 1").fetchone()
        assert stored == (merged.confidence, 1)
        row = next(line for line in _lines(app) if line.startswith(merged.kind))
        assert row[:13].split() == [merged.kind, f"{merged.confidence:.2f}", "*"]  # its score, marked as edited
        await pilot.press("s", "enter")  # split again at the suggested point: both halves keep it
        await _settle(app, pilot)
        assert [b.confidence for b in app.session.beads[1:3]] == [merged.confidence] * 2
        with sqlite3.connect(db_path) as conn:
            conn.execute("update beads set confidence = 0.1 where pair_id = 1")
        app.session.reload()
        app.screen._refresh()
        await pilot.press("home", "space", "home", "l")  # bead 0 confirmed: l skips it
        await pilot.pause()
        assert app.screen.view.cursor == 1


async def test_the_cursor_keeps_rows_below_it_and_its_bead_across_filters(aligned) -> None:  # noqa: F811
    app = ReviewApp(aligned, 1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.view
        for _ in range(15):
            await pilot.press("down")
            await pilot.pause()
            v = view._position(view.cursor)
            end = view.rows.starts[v + 1] - int(view.scroll_offset.y)
            assert end + CONTEXT <= view.size.height or view.rows.starts[v + 1] + CONTEXT > view.rows.height
        k = view.cursor
        await pilot.press("f", "f", "f", "f")  # through every filter and back to all
        await pilot.pause()
        assert view.cursor == k
        v = view._position(k)
        top = view.rows.starts[v] - int(view.scroll_offset.y)
        assert 0 <= top < view.size.height  # on screen


async def test_sentences_are_numbered_and_split_is_asked_by_number(db_path) -> None:  # noqa: F811
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        two_one = next(k for k, b in enumerate(app.session.beads) if b.kind == "2-1")
        await pilot.press("g", *str(two_one + 1), "enter")
        await pilot.pause()
        shown = "\n".join(_lines(app))
        assert "¹Trees are a relationship model" in shown and "²The UI is often" in shown
        await pilot.press("s")
        await pilot.pause()
        prompt = app.screen.query_one(Prompt)
        assert "(¹ ² number them)" in prompt.question and prompt.text == "1 1"
        await pilot.press("enter")
        await _settle(app, pilot)
        assert [b.kind for b in app.session.beads[two_one:two_one + 2]] == ["1-1", "1-0"]


async def test_80x24_shows_the_title_the_percentage_and_whole_keys(db_path) -> None:  # noqa: F811
    app = ReviewApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = _line(app.screen.query_one(Prompt)).rstrip()
        assert footer.endswith("? Help") and "del Remove (twice)" in footer
        assert "of 46 beads confirmed (0%)" in _line(app.screen.query_one("#progress"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AlignmentScreen)
        title = app.screen.query_one("#title")
        assert str(title.render()) == "1: understanding-your-ui-as-a-tree" and title.region.right < 80
        assert _line(app.screen.query_one("#progress")).strip() == "✓ 0/46 0%"
        footer = _line(app.screen.query_one(Prompt)).rstrip()
        assert footer.endswith("? Help") and len(footer) <= 80
        shown = [f"{keymap.key_name(b.key.split(',')[0])} {b.description}" for b in keymap.ALIGNMENT if b.show]
        words = footer.split("  ")
        assert all(word.strip() in shown for word in words)  # whole keys only, nothing cut
        assert "ctrl+z Undo" in footer and "space Confirm" in footer


async def test_help_is_written_for_a_translator(db_path) -> None:  # noqa: F811
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help").query_one("Static").render())
        for said in ("/           Search", "?           Help", "esc         Back to the pairs", "q           Quit",
                     "ctrl+p", "✓ confirmed", "✗ rejected", "✎ has a note", "* changed by hand", "! where a",
                     "◆ where one is not 1-1", "y           Copy the source text",
                     "space/enter Confirm"):  # a space after the longest key too
            assert said in text, said
        assert "slash" not in text and "question_mark" not in text and "Src up" not in text


async def test_copy_puts_a_side_on_the_clipboard_and_in_a_file(db_path) -> None:  # noqa: F811
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        text = app.session.src[app.session.beads[0].src[0]]
        assert app.clipboard == text and COPIED.read_text(encoding="utf-8") == text + "\n"
        notices = " | ".join(n.message for n in app._notifications)
        assert "copied the source of bead 1" in notices and str(COPIED) in notices
        await pilot.press("Y")
        await pilot.pause()
        assert app.clipboard == app.session.tgt[app.session.beads[0].tgt[0]]


async def test_the_editor_shows_the_other_side(db_path) -> None:  # noqa: F811
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        other = str(app.screen.query_one("#other").render())
        assert other == "Source: " + app.session.src[app.session.beads[0].src[0]]
        assert app.screen.query_one("#text").text == app.session.tgt[app.session.beads[0].tgt[0]]


async def test_several_pairs_one_after_the_other(db_path) -> None:  # noqa: F811
    chapter = CORPORA / "candide" / "candide-00"
    assert main(["--db", str(db_path), "import", f"{chapter}.en", f"{chapter}.es", "--presplit",
                 "--title", "second"]) == 0
    assert main(["--db", str(db_path), "align", "2", "--no-mt"]) == 0
    app = ReviewApp(db_path, [1, 2])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session.pair == 1
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.session.pair == 2 and str(app.screen.query_one("#title").render()) == "2: second"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.session.pair == 2 and "this is the last pair" in " | ".join(n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        total = sum(s.beads for s in app.session.summaries())
        assert f"0 of {total} beads confirmed (0%)" in _line(app.screen.query_one("#progress")) and total > 46
