"""The review UI and the block each sentence comes from: marks in the bead rows and the block
filter, on a real article pair (corpora/react-docs) imported and aligned by the command line
into a real SQLite file, the screen driven by Textual's Pilot."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import CORPORA
from workbench.cli import main
from workbench.ingest.blocks import BlockKind
from workbench.model import PARAGRAPH
from workbench.review import blocks
from workbench.review.app import ReviewApp
from workbench.review.widgets.status import Status

ARTICLE = CORPORA / "react-docs" / "understanding-your-ui-as-a-tree"
SIZES = [(80, 24), (120, 35)]


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The React page's pair imported (headings, list items, captions, code) and aligned once."""
    db = tmp_path_factory.mktemp("react") / "wb.db"
    assert main(["--db", str(db), "import", f"{ARTICLE}.en.md", f"{ARTICLE}.es.md"]) == 0
    assert main(["--db", str(db), "align", "1", "--no-mt"]) == 0
    return db


@pytest.fixture
def db_path(aligned: Path, tmp_path: Path) -> Path:
    """A copy of the aligned pair's database for one test to change (its write-ahead log included)."""
    copy = tmp_path / "wb.db"
    with sqlite3.connect(aligned) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def _beads_holding(db: Path, kind: str) -> list[int]:
    """Indexes of the stored beads with a sentence of `kind` on either side, read with SQL."""
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("""
            with numbered as (select document_id, kind,
                                     row_number() over (partition by document_id order by position) - 1 as n
                              from sentences),
                 ordered as (select *, row_number() over (order by position) - 1 as k from beads where pair_id = 1)
            select b.k from ordered b join pairs p on p.id = b.pair_id
            where exists (select 1 from numbered s where s.kind = ? and (
                (s.document_id = p.src_doc and s.n >= b.src_start and s.n < b.src_end) or
                (s.document_id = p.tgt_doc and s.n >= b.tgt_start and s.n < b.tgt_end)))
            order by b.k""", [kind])]


def _bead_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from beads where pair_id = 1").fetchone()[0]


def _lines(app: ReviewApp) -> list[str]:
    """The bead list's lines as drawn on screen."""
    view = app.screen.view
    return ["".join(segment.text for segment in view.render_line(y)) for y in range(view.size.height)]


def _bead_first_lines(app: ReviewApp) -> list[str]:
    """The first drawn line of each bead on screen (the one with its type and confidence)."""
    return [line for line in _lines(app) if line[:3].strip()]


def test_every_block_kind_but_paragraphs_has_a_mark_and_a_filter() -> None:
    """The review writes the readers' kind names out (importing them is slow): they must be
    the readers' own, each with a mark; code shows its first line and its number of lines."""
    assert set(blocks.FILTERS) == {kind.value for kind in BlockKind} - {PARAGRAPH}
    marks = {kind: blocks.mark(kind, 2) for kind in blocks.FILTERS}
    assert marks == {"heading": "[H2]", "list_item": "•", "quote": "[quote]", "table_cell": "[cell]",
                     "code": "[code]", "caption": "[caption]"}
    assert blocks.mark("heading", None) == "[heading]" and blocks.mark("aside", None) == "[aside]"
    assert blocks.shown("Plain prose.", PARAGRAPH, None) == "Plain prose."
    assert blocks.shown("def f():\n    return 1\n", "code", None) == "[code] def f(): …2 lines"
    assert blocks.shown("x = 1", "code", None) == "[code] x = 1"


@pytest.mark.parametrize("size", SIZES)
async def test_bead_rows_show_each_sentence_block_mark(aligned, size) -> None:
    app = ReviewApp(aligned, 1)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = _lines(app)
        assert all(cell_len(line) == size[0] - 2 for line in lines)  # the overview strip keeps its 2 cells
        shown = "\n".join(lines)
        assert "[H1] Understanding Your UI" in shown and "[H1] Entender la UI" in shown
        assert "• How React" in shown and "• Cómo" in shown
        prose = next(line for line in lines if "Your React app is taking shape" in line)
        assert prose.split("│")[0].split()[2:4] == ["Your", "React"]  # a paragraph has no mark


async def test_block_filter_shows_one_kind_at_a_time_then_all_again(aligned) -> None:
    app = ReviewApp(aligned, 1)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        status = app.screen.query_one(Status)
        headings = _beads_holding(aligned, "heading")
        await pilot.press("b")
        await pilot.pause()
        assert list(app.screen.view.shown) == headings and len(headings) == 3
        rows = _bead_first_lines(app)
        assert len(rows) == 3 and all(row.split()[2].startswith("[H") for row in rows)  # nothing but headings on screen
        assert status.text == "showing: headings" and app.screen.view.cursor == headings[0]
        await pilot.press("b")  # list items: the article has no quote or table
        await pilot.pause()
        assert list(app.screen.view.shown) == _beads_holding(aligned, "list_item")
        assert status.text == "showing: list items"
        await pilot.press("b")
        await pilot.pause()
        code = _beads_holding(aligned, "code")
        assert list(app.screen.view.shown) == code and len(code) == 6 and status.text == "showing: code"
        shown = "\n".join(_lines(app))
        assert "[code] import FancyText from './FancyText'; …14" in shown and "export default function" in shown
        assert "return (" not in shown  # a code block is its first line, not all of it
        await pilot.press("b", "down")
        await pilot.pause()
        captions = _beads_holding(aligned, "caption")
        caption = app.screen.view.cursor
        assert list(app.screen.view.shown) == captions and caption in captions
        await pilot.press("b")  # and all beads again, the cursor on the same bead, on screen
        await pilot.pause()
        assert list(app.screen.view.shown) == list(range(_bead_count(aligned))) and status.text == ""
        text = app.session.src[app.session.beads[caption].src[0]]
        assert app.screen.view.cursor == caption and text[:20] in "\n".join(_lines(app))


async def test_block_filter_and_status_filter_show_what_both_let_through(db_path) -> None:
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        headings = _beads_holding(db_path, "heading")
        await pilot.press("b", "space")  # the first heading confirmed
        await pilot.press("f")  # unconfirmed headings
        await pilot.pause()
        status = app.screen.query_one(Status)
        assert list(app.screen.view.shown) == headings[1:] and status.text == "showing: unconfirmed headings"
        assert cell_len(status.text) <= status.size.width and status.region.right <= 80  # said in full at 80 columns
        await pilot.press("f", "f", "f")  # the status filter off: every heading
        await pilot.pause()
        assert list(app.screen.view.shown) == headings and status.text == "showing: headings"


async def test_a_heading_split_in_two_keeps_its_mark_and_its_filter(db_path) -> None:
    """A corrected sentence stays in its block, as the store keeps it: both halves of a split
    heading are headings, on screen, in the filter and in the database."""
    app = ReviewApp(db_path, 1)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("b", "e")  # the source of the first heading
        await pilot.pause()
        app.screen.query_one("#text").text = "Understanding Your UI\nas a Tree"
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.session.flush()
        await pilot.pause()
        with sqlite3.connect(db_path) as conn:
            kinds = conn.execute("select kind, level from sentences where document_id = 1 order by position limit 3"
                                 ).fetchall()
        assert kinds == [("heading", 1), ("heading", 1), ("paragraph", None)]
        assert list(app.screen.view.shown) == _beads_holding(db_path, "heading")
        assert "¹[H1] Understanding Your UI ²[H1] as a Tree" in "\n".join(_lines(app))


async def test_help_lists_the_block_filter_and_the_marks_and_scrolls_at_80_by_24(aligned) -> None:
    app = ReviewApp(aligned, 1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark", "end")  # the help is taller than the screen: end scrolls to its foot
        await pilot.pause()
        help_panel = app.screen.query_one("#help")
        assert help_panel.scroll_y == help_panel.max_scroll_y > 0
        text = str(help_panel.query_one("Static").render())
        assert "Filter by block kind" in text and "[H2] heading" in text and "[code] first line" in text
        await pilot.press("escape", "b")  # closed: the key filters again
        await pilot.pause()
        assert not help_panel.visible and list(app.screen.view.shown) == _beads_holding(aligned, "heading")


async def test_a_pair_of_paragraphs_only_says_so(cli, db, tmp_path) -> None:
    (tmp_path / "p.en").write_text("One sentence here.\nAnother one.\n")
    (tmp_path / "p.es").write_text("Una frase aquí.\nOtra más.\n")
    assert cli("import", tmp_path / "p.en", tmp_path / "p.es", "--presplit", "--no-language-check")[0] == 0
    assert cli("align", "1", "--no-mt")[0] == 0
    app = ReviewApp(db, 1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert list(app.screen.view.shown) == [0, 1]
        assert "paragraph" in " | ".join(n.message for n in app._notifications)
