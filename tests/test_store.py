"""The store on real SQLite files: schema upgrades, refusals, full-text search, transactions."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlite_utils import Database

from workbench import store
from workbench.align import Bead
from workbench.model import Document
from workbench.store.migrations import migrations
from workbench.store import GAP
from tests.conftest import dump


def _doc(lang: str, sentences: list[str]) -> Document:
    return Document(path=f"x.{lang}", title="x", lang=lang, sentences=sentences,
                    paragraphs=["0"] * len(sentences), sha256=f"{lang}{len(sentences)}{sentences[0]}")


def test_first_schema_version_is_upgraded_keeping_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m002_edit_undo_and_status_index")
    old["documents"].insert({"id": 1, "title": "t", "lang": "en", "sha256": "h"})
    old["edits"].insert({"id": 1, "action": "confirm", "forward": "{}", "inverse": "{}"})
    old.conn.close()
    db = store.open_database(path)
    assert [m.name for m in migrations.applied(db)] == [m.name for m in migrations._migrations]
    assert db["documents"].get(1)["title"] == "t"
    assert db["edits"].get(1)["undone"] == 0 and db["edits"].get(1)["step"] == "{}"  # forward kept as the step
    assert [i.columns for i in db["beads"].indexes] == [["pair_id", "position"]]  # no status index (m008)
    assert [i.columns for i in db["edits"].indexes] == [["pair_id", "undone"]]


def test_newer_schema_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    db = store.open_database(path)
    db["_sqlite_migrations"].insert({"migration_set": "workbench", "name": "m999_future", "applied_at": "x"})
    db.conn.close()
    before = dump(path)
    with pytest.raises(store.StoreError, match="newer"):
        store.open_database(path)
    assert dump(path) == before


def test_not_a_database_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 20)
    before = path.read_bytes()
    with pytest.raises(store.StoreError, match="not a workbench database"):
        store.open_database(path)
    assert path.read_bytes() == before


def test_cli_refuses_a_non_database_with_one_line(tmp_path: Path, capsys) -> None:
    from workbench.cli import main
    path = tmp_path / "notes.db"
    path.write_text("not sqlite\n" * 50)
    assert main(["--db", str(path), "list"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("workbench: error:") and len(err.strip().splitlines()) == 1


def test_pragmas(tmp_path: Path) -> None:
    db = store.open_database(tmp_path / "p.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_full_text_search_ignores_accents(tmp_path: Path) -> None:
    db = store.open_database(tmp_path / "f.db")
    store.add_pair(db, _doc("en", ["The number of victims."]), _doc("es", ["El número de víctimas."]))
    hits = [r["text"] for r in db.query(
        "select text from sentences where rowid in (select rowid from sentences_fts where sentences_fts match ?)",
        ['"numero" "victimas"'])]
    assert hits == ["El número de víctimas."]


def test_add_pair_is_one_transaction(tmp_path: Path) -> None:
    db = store.open_database(tmp_path / "t.db")
    store.add_pair(db, _doc("en", ["One."]), _doc("es", ["Uno."]))
    before = dump(tmp_path / "t.db")
    bad = Document(path="b", title="b", lang="es", sentences=["a", None], paragraphs=["0", "0"], sha256="zz")
    with pytest.raises(sqlite3.IntegrityError):
        store.add_pair(db, _doc("en", ["Two sentences here."]), bad)
    assert dump(tmp_path / "t.db") == before


def test_realignment_keeps_confirmed_beads(tmp_path: Path) -> None:
    db = store.open_database(tmp_path / "r.db")
    pair = store.add_pair(db, _doc("en", ["A.", "B.", "C."]), _doc("es", ["A.", "B.", "C."]))
    store.save_alignment(db, pair, [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), (2,))], {"aligner_version": "t"})
    db.execute("update beads set status = 'confirmed', note = 'checked' where pair_id = ? and position = ?", [pair, GAP])
    assert store.anchor_beads(db, pair) == [Bead((1,), (1,), None)]
    store.save_alignment(db, pair, [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), ()), Bead((), (2,))],
                         {"aligner_version": "t"})
    rows = list(db.query("select position, status, note from beads where pair_id = ? order by position", [pair]))
    assert rows[1] == {"position": GAP, "status": "confirmed", "note": "checked"}
    assert len(rows) == 4 and db["runs"].count == 2


def test_beads_of_a_pair_removed_while_it_was_aligned_are_refused(tmp_path: Path) -> None:
    db = store.open_database(tmp_path / "x.db")
    pair = store.add_pair(db, _doc("en", ["A.", "B."]), _doc("es", ["A.", "B."]))
    store.remove_pairs(db, [pair])  # another window, while the aligner computed
    before = dump(tmp_path / "x.db")
    with pytest.raises(store.StoreError, match="removed while it was being aligned"):
        store.save_alignment(db, pair, [Bead((0,), (0,)), Bead((1,), (1,))], {"aligner_version": "t"})
    assert dump(tmp_path / "x.db") == before


def test_a_write_waits_for_another_process_that_commits_after_it_began(tmp_path: Path) -> None:
    """A realignment saved while another connection (the review) writes: it waits for the lock
    instead of failing with "database is locked" when the other commits after its first read."""
    db = store.open_database(tmp_path / "w.db")
    pair = store.add_pair(db, _doc("en", ["A.", "B."]), _doc("es", ["A.", "B."]))
    holding = threading.Event()

    def other_writer() -> None:
        other = store.open_database(tmp_path / "w.db")
        with store.transaction(other):
            other.execute("update pairs set title = 'renamed'")
            holding.set()
            time.sleep(0.3)

    thread = threading.Thread(target=other_writer)
    thread.start()
    holding.wait()
    store.save_alignment(db, pair, [Bead((0,), (0,)), Bead((1,), (1,))], {"aligner_version": "t"})
    thread.join()
    assert db["beads"].count == 2 and db["pairs"].get(pair)["title"] == "renamed"


def _pair_with_beads(tmp_path: Path, count: int):
    db = store.open_database(tmp_path / "e.db")
    pair = store.add_pair(db, _doc("en", [f"S{k}." for k in range(count)]), _doc("es", [f"T{k}." for k in range(count)]))
    store.save_alignment(db, pair, [Bead((k,), (k,), 0.9) for k in range(count)], {"aligner_version": "t"})
    return db, pair


def test_edits_in_the_database_follow_memory_and_undo_to_the_start(tmp_path: Path) -> None:
    """Beads are stored GAP apart; edits take positions between their neighbours and renumber
    the pair only when repeated splits at one place use the room up."""
    from workbench import edits
    db, pair = _pair_with_beads(tmp_path, 30)
    start = store.review_beads(db, pair)
    beads = start
    steps = [lambda b: edits.merge_next(b, 3)] * 24 + [
        lambda b: edits.split(b, 3, len(b[3].src) - 1, len(b[3].tgt) - 1)] * 24 + [
        lambda b: edits.no_counterpart(b, 0), lambda b: edits.move_down(b, 5, "src"),
        lambda b: edits.confirm_range(b, 0, 20), lambda b: edits.set_note(b, 7, "n")]
    for step in steps:
        change = step(beads)
        store.apply_edit(db, pair, change)
        beads = edits.apply(beads, change)
        assert store.review_beads(db, pair) == beads
    positions = [r[0] for r in db.execute("select position from beads where pair_id = ? order by position", [pair])]
    assert len(set(positions)) == len(positions) and positions[-1] != 29 * GAP  # renumbered at least once
    while store.undo(db, pair) is not None:
        pass
    assert store.review_beads(db, pair) == start
    assert store.health.problems(db) == []


def test_edit_logs_of_earlier_versions_still_undo(tmp_path: Path) -> None:
    """Earlier versions logged each bead as an object; undo reads both forms."""
    import json
    db, pair = _pair_with_beads(tmp_path, 3)
    bead = lambda status: {"src": [1], "tgt": [1], "confidence": 0.9, "status": status, "edited": False, "note": None}  # noqa: E731
    step = lambda a, b: json.dumps({"action": "confirmed", "start": 1, "old": [bead(a)], "new": [bead(b)]})  # noqa: E731
    db.execute("update beads set status = 'confirmed' where position = ?", [GAP])
    db["edits"].insert({"pair_id": pair, "at": "t", "action": "confirmed", "step": step("auto", "confirmed"),
                        "undone": 0})
    assert store.undo(db, pair) is not None
    assert [b.status for b in store.review_beads(db, pair)] == ["auto", "auto", "auto"]


def test_a_bulk_confirmation_is_logged_as_groups_and_undone_only_over_the_same_beads(tmp_path: Path) -> None:
    """A change that only sets statuses or notes is logged as the offsets it sets (not as two
    copies of every bead); undo rebuilds it from the rows and refuses rows another writer changed."""
    from workbench import edits
    from workbench.edits import EditError
    db, pair = _pair_with_beads(tmp_path, 300)
    store.apply_edit(db, pair, edits.set_note(store.review_beads(db, pair), 7, "check"))
    before = store.review_beads(db, pair)
    store.apply_edit(db, pair, edits.confirm_range(before, 0, 300))
    step = db.execute("select step from edits order by id desc limit 1").fetchone()[0]
    assert '"restatus"' in step and len(step) < 2000
    assert store.undo(db, pair).action == "undo confirm range" and store.review_beads(db, pair) == before
    assert store.redo(db, pair) is not None
    assert [b.status for b in store.review_beads(db, pair)] == ["confirmed"] * 300
    assert store.review_beads(db, pair)[7].note == "check"
    other = sqlite3.connect(tmp_path / "e.db")
    other.execute("update beads set status = 'rejected' where position = ?", [5 * GAP])
    other.commit()
    changed = dump(tmp_path / "e.db")
    with pytest.raises(EditError, match="changed"):
        store.undo(db, pair)
    assert dump(tmp_path / "e.db") == changed


def test_undo_with_the_callers_beads_equals_undo_from_the_rows(tmp_path: Path) -> None:
    """A caller that holds the pair's beads (the review's database process) passes them to undo
    a bulk confirmation without reading the rows back: same rows, same change, marked as the
    one status move it is; beads that do not hold what the log says are refused."""
    from workbench import edits
    from workbench.edits import EditError, Statuses
    db, pair = _pair_with_beads(tmp_path, 50)
    before = store.review_beads(db, pair)
    store.apply_edit(db, pair, edits.confirm_range(before, 0, 50))
    after = store.review_beads(db, pair)
    with pytest.raises(EditError, match="changed"):
        store.undo(db, pair, check=False, known=before)  # says no bead was confirmed
    undone = store.undo(db, pair, check=False, known=after)
    assert store.review_beads(db, pair) == before and undone.statuses == Statuses("confirmed", "auto", tuple(range(50)))
    redone = store.redo(db, pair, check=False, known=before)
    assert store.review_beads(db, pair) == after and redone.new == tuple(after)
    assert store.undo(db, pair) == undone  # from the rows


def test_a_change_of_confidence_alone_is_stored(tmp_path: Path) -> None:
    """Same spans, new confidence (a re-alignment that kept the beads): the rows follow."""
    from workbench.edits import Change
    db, pair = _pair_with_beads(tmp_path, 3)
    old = store.review_beads(db, pair)
    new = tuple(b._replace(confidence=0.25) for b in old)
    store.apply_edit(db, pair, Change("realign", 0, tuple(old), new))
    assert [b.confidence for b in store.review_beads(db, pair)] == [0.25] * 3
    store.undo(db, pair)
    assert store.review_beads(db, pair) == old


def test_positions_between_neighbours() -> None:
    from workbench.store.gaps import between
    assert between(0, GAP, 3) == [256, 512, 768]
    assert between(None, 0, 1) == [-GAP] and between(5 * GAP, None, 1) == [6 * GAP]
    assert between(4, 6, 1) == [5] and between(4, 6, 2) is None


def test_a_sentence_split_rewrites_no_other_sentence_and_search_gives_indexes(tmp_path: Path) -> None:
    """Sentence positions have gaps: a split puts its new sentence between its neighbours;
    repeated splits at one place spread the document's positions out again. Beads and search
    go by sentence index (0, 1, 2...), whatever the positions."""
    from workbench.edits import TextEdit
    db, pair = _pair_with_beads(tmp_path, 5)
    rows = lambda: list(db.execute("select id, position, text from sentences where document_id = 2 order by position"))  # noqa: E731
    before = rows()
    store.edit_text(db, pair, TextEdit("tgt", 1, ["T1."], ["T1a.", "T1b."]))
    after = rows()
    assert [r[2] for r in after] == ["T0.", "T1a.", "T1b.", "T2.", "T3.", "T4."]
    assert [r for r in after if r[2] != "T1a." and r[2] != "T1b."] == [r for r in before if r[2] != "T1."]
    for k in range(20):  # each split halves the room before the next sentence
        store.edit_text(db, pair, TextEdit("tgt", 1, ["T1a."], ["T1a.", f"N{k}."]))
    texts = [r[2] for r in rows()]
    assert texts == ["T0.", "T1a.", *[f"N{k}." for k in reversed(range(20))], "T1b.", "T2.", "T3.", "T4."]
    assert store.pair_texts(db, pair).tgt == texts and store.health.problems(db) == []
    assert store.matching_sentences(db, pair, "T3") == ([], [24])
    assert [(b.src, b.tgt) for b in store.review_beads(db, pair)][1:3] == [((1,), tuple(range(1, 23))), ((2,), (23,))]
    while store.undo(db, pair) is not None:
        pass
    assert [r[2] for r in rows()] == [r[2] for r in before]


def test_more_new_sentences_than_fit_in_one_place_are_refused_and_change_nothing(tmp_path: Path) -> None:
    from workbench.edits import EditError, TextEdit
    db, pair = _pair_with_beads(tmp_path, 3)
    before = dump(tmp_path / "e.db")
    with pytest.raises(EditError, match="do not fit"):
        store.edit_text(db, pair, TextEdit("tgt", 1, ["T1."], [f"N{k}." for k in range(2 * GAP)]))
    assert dump(tmp_path / "e.db") == before
    store.edit_text(db, pair, TextEdit("tgt", 1, ["T1."], [f"N{k}." for k in range(2 * GAP - 1)]))
    assert len(store.pair_texts(db, pair).tgt) == 2 + 2 * GAP - 1


def test_sentence_positions_of_earlier_versions_get_gaps(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = store.open_database(path)
    pair = store.add_pair(old, _doc("en", ["A.", "B.", "C."]), _doc("es", ["A.", "B.", "C."]))
    old.execute("update sentences set position = position / ?", [GAP])
    old.execute("delete from _sqlite_migrations where name = 'm009_sentence_positions_with_gaps'")
    old.conn.close()
    db = store.open_database(path)
    assert [r[0] for r in db.execute("select position from sentences where document_id = 1 order by position")] == [
        0, GAP, 2 * GAP]
    assert store.pair_texts(db, pair).src == ["A.", "B.", "C."]


def test_full_text_index_follows_text_not_positions(tmp_path: Path) -> None:
    db = store.open_database(tmp_path / "f.db")
    store.add_pair(db, _doc("en", ["The old text.", "Another one."]), _doc("es", ["El texto.", "Otro."]))
    match = lambda words: [r[0] for r in db.execute(  # noqa: E731
        "select s.text from sentences_fts f join sentences s on s.id = f.rowid where sentences_fts match ?", [words])]
    db.execute("update sentences set position = position + 10")
    db.execute("update sentences set text = 'The new text.' where text = 'The old text.'")
    assert match('"new"') == ["The new text."] and match('"old"') == [] and match('"another"') == ["Another one."]
