"""Articles as structured documents end to end (issue 23): what the store keeps of each sentence's
block, `segment --jsonl` and the `.jsonl` sentence files `align-pair` and `eval` read, exports
without code unless asked, and the migration that gives old databases block kinds."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from tests.conftest import CORPORA, run_process
from workbench.store.migrations import migrations

SAMPLE = CORPORA / "react-docs"
EN, ES = SAMPLE / "understanding-your-ui-as-a-tree.en.md", SAMPLE / "understanding-your-ui-as-a-tree.es.md"


def _imported(cli) -> None:
    code, _, err = cli("import", EN, ES)
    assert code == 0, err
    code, _, err = cli("align", "--all", "--no-mt")
    assert code == 0, err


def test_the_store_keeps_each_sentence_block_kind_block_and_level(cli) -> None:
    _imported(cli)
    with sqlite3.connect(cli.db) as conn:
        rows = conn.execute("select kind, block, level, text from sentences s join documents d on d.id = s.document_id "
                            "where d.lang = 'en' order by position").fetchall()
    assert rows[0] == ("heading", 0, 1, "Understanding Your UI as a Tree")  # the front matter's title
    kinds = {kind for kind, *_ in rows}
    assert {"heading", "paragraph", "list_item", "caption", "code"} <= kinds
    assert [block for _, block, *_ in rows] == sorted(block for _, block, *_ in rows)
    assert all((level is None) == (kind not in {"heading", "list_item"}) for kind, _, level, _ in rows)
    assert not any(text.startswith(("title:", "<Intro", "{/*")) for *_, text in rows)


def test_exports_leave_code_out_unless_asked(cli, tmp_path: Path) -> None:
    _imported(cli)
    plain, with_code = tmp_path / "plain.tsv", tmp_path / "code.tsv"
    code, _, err = cli("export", "--format", "tsv", "-o", plain)
    assert code == 0 and "filtered out 6 (6 code)" in err  # the sample's six code blocks
    assert cli("export", "--format", "tsv", "-o", with_code, "--with-code")[0] == 0
    code_rows = [line.split("\t") for line in set(with_code.read_text().splitlines()) - set(plain.read_text().splitlines())]
    assert len(code_rows) == 6 and all(len(row) == 2 and row[0] == row[1] for row in code_rows)  # whole, identical
    assert any(row[0].startswith("import FancyText from './FancyText';") for row in code_rows)


def test_segment_jsonl_is_what_align_pair_and_eval_read(tmp_path: Path) -> None:
    files = {}
    for lang, source in (("en", EN), ("es", ES)):
        done = run_process("segment", str(source), "--lang", lang, "--jsonl")
        assert done.returncode == 0, done.stderr
        files[lang] = tmp_path / f"tree.{lang}.jsonl"
        files[lang].write_text(done.stdout)
        units = [json.loads(line) for line in done.stdout.splitlines()]
        assert set(units[0]) == {"text", "kind", "block", "level"}
        code = [u for u in units if u["kind"] == "code"]
        assert code and any("\n" in u["text"] for u in code)  # one unit a block, never split
    done = run_process("align-pair", str(files["en"]), str(files["es"]), "--no-mt")
    assert done.returncode == 0, done.stderr
    beads = done.stdout.splitlines()
    (tmp_path / "tree.gold").write_text("".join(line.rsplit(":", 1)[0] + "\n" for line in beads))
    scored = run_process("eval", str(tmp_path), "--no-mt", "--json")
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["f1_strict"] == 1.0  # its own output as gold: read the same way


def test_a_jsonl_line_that_is_not_a_sentence_object_is_refused_with_its_number(tmp_path: Path) -> None:
    good = json.dumps({"text": "Hello.", "kind": "paragraph", "block": 0, "level": None})
    tgt = tmp_path / "a.es.jsonl"
    tgt.write_text(json.dumps({"text": "Hola.", "kind": "paragraph", "block": 0, "level": None}) + "\n")
    for bad in ('{"text": "x", "kind": "poem", "block": 1}', '{"text": "x", "kind": "paragraph", "block": -1}',
                "not json"):
        src = tmp_path / "a.en.jsonl"
        src.write_text(f"{good}\n{bad}\n")
        done = run_process("align-pair", str(src), str(tgt), "--no-mt")
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.count("\n") == 1 and "line 2: not a sentence object" in done.stderr


def test_a_database_made_before_block_kinds_gets_them_from_its_paragraphs(tmp_path: Path) -> None:
    """Upgraded by any command, one that only reads too (`show` and `export` read the kinds)."""
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m011_sentence_blocks")
    db["documents"].insert({"id": 1, "title": "t", "lang": "en", "sha256": "x"})
    db["sentences"].insert_all([{"document_id": 1, "position": k, "paragraph": pid, "text": f"S{k}."}
                                for k, pid in enumerate(["p1", "p1", "p2", "p1", "p1"])])
    db.conn.close()
    done = run_process("--db", str(path), "list")
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(path) as conn:
        rows = conn.execute("select kind, block, level from sentences order by position").fetchall()
    assert rows == [("paragraph", 0, None), ("paragraph", 0, None), ("paragraph", 1, None),
                    ("paragraph", 2, None), ("paragraph", 2, None)]
