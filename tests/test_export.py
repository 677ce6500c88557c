"""Exports on a small fixed database: golden files, filters one by one, round trip through TMX,
an independent TMX reader, unsafe XML, and all-or-nothing output."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from tests.conftest import CORPORA, DATA, dump
from workbench.store import GAP

GOLDEN = DATA / "golden"
EN = ["The army moved in.", "Nobody was hurt.", "It rained.", "The talks ended [b]today[/b].",
      "Bell\x07 and tab\there.", "The army moved in."]
ES = ["El ejército entró.", "Nadie resultó herido.", "Las conversaciones terminaron [b]hoy[/b].",
      "Campana\x07 y tabulador\taquí.", "El ejército entró."]
BEADS = "[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[2]\n[4]:[3]\n[5]:[4]\n"


@pytest.fixture
def fixed(cli, db, tmp_path: Path):
    """Pair 1: six beads; bead 2 confirmed with a note, bead 4 rejected, fixed confidences."""
    en, es = tmp_path / "news.en", tmp_path / "news.es"
    en.write_text("\n".join(EN) + "\n")
    es.write_text("\n".join(ES) + "\n")
    beads = tmp_path / "news.beads"
    beads.write_text(BEADS)
    assert cli("import", en, es, "--presplit", "--title", "News & «quotes»")[0] == 0
    assert cli("import-beads", "1", beads)[0] == 0
    conn = sqlite3.connect(db)
    with conn:
        for position, confidence in enumerate([0.9, 0.4, 0.8, 0.95, 0.7, 0.9]):
            conn.execute("update beads set confidence = ? where pair_id = 1 and position = ?", (confidence, position * GAP))
        conn.execute("update beads set status = 'confirmed', note = 'checked <ok>' where position = 1 * ?", [GAP])
        conn.execute("update beads set status = 'rejected' where position = 4 * ?", [GAP])
    return cli


def _normalise(text: str) -> str:
    return re.sub(r'creationdate="\d{8}T\d{6}Z"', 'creationdate="DATE"', text)


@pytest.mark.parametrize(("fmt", "extra", "files"), [
    ("tmx", [], ["out"]), ("tsv", ["--with-meta"], ["out"]), ("jsonl", [], ["out"]),
    ("moses", [], ["out.en", "out.es"]), ("beads", ["--pair", "1"], ["out"])])
def test_golden_files(fixed, tmp_path, fmt, extra, files) -> None:
    code, out, err = fixed("export", "--format", fmt, "-o", tmp_path / "out", *extra)
    assert code == 0, err
    assert out == ""
    for name in files:
        got = _normalise((tmp_path / name).read_text(encoding="utf-8"))
        assert got == (GOLDEN / f"{fmt}.{name}").read_text(encoding="utf-8")


def test_summary_counts_by_reason(fixed, tmp_path) -> None:
    _, _, err = fixed("export", "--format", "tsv", "-o", tmp_path / "o.tsv", "--dedupe")
    assert "exported 3 pairs; filtered out 3 (1 duplicate, 1 empty side, 1 rejected)" in err


def _tsv(cli, tmp_path, *args) -> list[str]:
    out = tmp_path / "f.tsv"
    assert cli("export", "--format", "tsv", "-o", out, *args)[0] == 0
    return out.read_text().splitlines()


def test_filter_status(fixed, tmp_path) -> None:
    assert _tsv(fixed, tmp_path, "--status", "confirmed") == ["Nobody was hurt.\tNadie resultó herido."]
    rows = _tsv(fixed, tmp_path, "--status", "all")
    assert len(rows) == 4 and not any(r.startswith("Bell") for r in rows)  # rejected never


def test_filter_min_confidence(fixed, tmp_path) -> None:
    assert [r.split("\t")[0] for r in _tsv(fixed, tmp_path, "--min-confidence", "0.85")] == [
        "The army moved in.", "The talks ended [b]today[/b].", "The army moved in."]


def test_filter_dedupe(fixed, tmp_path) -> None:
    assert len(_tsv(fixed, tmp_path, "--dedupe")) == 3


def test_no_stray_tabs_or_newlines(fixed, tmp_path) -> None:
    with sqlite3.connect(fixed.db) as conn:
        conn.execute("update beads set status = 'auto' where position = 4 * ?", [GAP])
    rows = _tsv(fixed, tmp_path)
    assert "Bell\x07 and tab here.\tCampana\x07 y tabulador aquí." in rows
    assert all(r.count("\t") == 1 for r in rows)


def test_tmx_round_trip(fixed, tmp_path, capsys) -> None:
    from tests.conftest import Cli
    tmx = tmp_path / "m.tmx"
    _, _, err = fixed("export", "--format", "tmx", "-o", tmx)
    assert "removed 0" not in err
    other = Cli(tmp_path / "other.db", capsys)
    code, out, err = other("import-tmx", tmx)
    assert code == 0, err
    assert out.startswith("1\tNews & «quotes»\t4 units en-es")
    first = tmp_path / "a.tsv"
    second = tmp_path / "b.tsv"
    fixed("export", "--format", "tsv", "-o", first)
    other("export", "--format", "tsv", "-o", second)
    assert first.read_text() == second.read_text()


def test_tmx_inline_codes_are_not_text(cli, tmp_path) -> None:
    tmx = tmp_path / "codes.tmx"
    tmx.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="html" segtype="sentence" adminlang="en" o-tmf="x"
 creationtool="x" creationtoolversion="1"/><body>
<tu><tuv xml:lang="en"><seg>The <bpt i="1">&lt;b&gt;</bpt>opposition<ept i="1">&lt;/b&gt;</ept> met \
<hi type="italic">today</hi>.<ph>&lt;img alt="<sub>a map</sub>"/&gt;</ph></seg></tuv>
<tuv xml:lang="es"><seg>La <bpt i="1">&lt;b&gt;</bpt>oposición<ept i="1">&lt;/b&gt;</ept> se reunió \
<hi type="italic">hoy</hi>.<it pos="begin">&lt;i&gt;</it></seg></tuv></tu></body></tmx>""")
    assert cli("import-tmx", tmx)[0] == 0
    _, out, _ = cli("show", "1")
    assert out.splitlines()[1] == "[0]:[0]\tThe opposition met today.\tLa oposición se reunió hoy."


def test_tmx_strips_control_characters_with_a_warning(fixed, tmp_path) -> None:
    with sqlite3.connect(fixed.db) as conn:
        conn.execute("update beads set status = 'auto' where position = 4 * ?", [GAP])
    _, _, err = fixed("export", "--format", "tmx", "-o", tmp_path / "c.tmx")
    assert "removed 2 control characters" in err
    from lxml import etree
    etree.parse(str(tmp_path / "c.tmx"))


def test_independent_reader_gets_the_same_pairs(fixed, tmp_path) -> None:
    from translate.storage import tmx as tt_tmx
    path = tmp_path / "r.tmx"
    fixed("export", "--format", "tmx", "-o", path)
    store = tt_tmx.tmxfile(path.read_bytes(), "en-US", "es-ES")
    got = [(u.source, u.target) for u in store.units]
    expected = [tuple(r.split("\t")) for r in _tsv(fixed, tmp_path)]
    assert got == expected


def test_moses_refuses_mixed_language_pairs(fixed, tmp_path) -> None:
    fr = tmp_path / "x.fr"
    fr.write_text("L'armée est entrée.\n")
    en = tmp_path / "x.en"
    en.write_text("The army went in.\n")
    assert fixed("import", en, fr, "--presplit", "--tgt-lang", "fr")[0] == 0
    code, _, err = fixed("export", "--format", "moses", "-o", tmp_path / "mix")
    assert code != 0 and "holds one language pair" in err
    assert not list(tmp_path.glob("mix*"))


def test_failed_export_leaves_no_file(fixed, tmp_path, monkeypatch) -> None:

    def broken(handle, units, summary, *args):
        for _ in units:
            handle.write("partial\n")
            raise RuntimeError("disk full")
    monkeypatch.setattr("workbench.export.write_tsv", broken)
    with pytest.raises(RuntimeError):
        fixed("export", "--format", "tsv", "-o", tmp_path / "never.tsv")
    assert sorted(p.name for p in tmp_path.iterdir() if "never" in p.name) == []


BOMB = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv>
<tuv xml:lang="es"><seg>x</seg></tuv></tu></body></tmx>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv>
<tuv xml:lang="es"><seg>x</seg></tuv></tu></body></tmx>"""


@pytest.mark.parametrize("content", [BOMB, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_unsafe_tmx_refused(fixed, db, tmp_path, content) -> None:
    before = dump(db)
    bad = tmp_path / "bad.tmx"
    bad.write_text(content)
    code, _, err = fixed("import-tmx", bad)
    assert code != 0 and "entity declarations" in err and len(err.strip().splitlines()) == 1
    assert dump(db) == before


def test_import_beads_checks_coverage(fixed, db, tmp_path) -> None:
    before = dump(db)
    bad = tmp_path / "bad.beads"
    bad.write_text("[0]:[0]\n[2]:[1]\n")
    code, _, err = fixed("import-beads", "1", bad)
    assert code != 0 and "do not cover" in err
    bad.write_text("[0]:[0]\n[1]:[1\n")
    code, _, err = fixed("import-beads", "1", bad)
    assert code == 2 and err == f"workbench: error: {bad}: line 2: not a bead: '[1]:[1'\n"
    assert dump(db) == before


def test_export_paths_must_be_writable(fixed, tmp_path) -> None:
    code, _, err = fixed("export", "--format", "tsv", "-o", tmp_path / "missing" / "x.tsv")
    assert code != 0 and "no such folder" in err


def test_export_follows_links_and_writes_into_pipes(fixed, tmp_path) -> None:
    real, link = tmp_path / "real.tsv", tmp_path / "link.tsv"
    real.write_text("old\n")
    link.symlink_to(real)
    assert fixed("export", "--format", "tsv", "-o", link)[0] == 0
    assert link.is_symlink() and real.read_text().count("\t") > 2
    pipe, received = tmp_path / "pipe.tsv", []
    os.mkfifo(pipe)
    reader = threading.Thread(target=lambda: received.append(pipe.read_text()), daemon=True)
    reader.start()
    assert fixed("export", "--format", "tsv", "-o", pipe)[0] == 0
    reader.join(timeout=10)
    assert stat.S_ISFIFO(pipe.stat().st_mode) and received == [real.read_text()]


def test_a_full_disk_is_one_error_line(fixed, tmp_path, monkeypatch) -> None:

    def full(handle, units, summary, *args):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr("workbench.export.write_tsv", full)
    code, out, err = fixed("export", "--format", "tsv", "-o", tmp_path / "never.tsv")
    assert code == 2 and out == "" and err.strip() == "workbench: error: No space left on device"
    assert not any("never" in p.name for p in tmp_path.iterdir())


def test_named_pairs_are_exported_once_and_must_be_aligned(fixed, tmp_path) -> None:
    fixed("export", "--format", "tsv", "-o", tmp_path / "once.tsv", "--pair", "1")
    fixed("export", "--format", "tsv", "-o", tmp_path / "twice.tsv", "--pair", "1", "--pair", "1")
    assert (tmp_path / "twice.tsv").read_text() == (tmp_path / "once.tsv").read_text()
    assert fixed("import", CORPORA / "candide" / "candide-03.en", CORPORA / "candide" / "candide-03.es",
                 "--presplit")[0] == 0
    code, _, err = fixed("export", "--format", "beads", "-o", tmp_path / "none.beads", "--pair", "2")
    assert code == 2 and "pair 2 is not aligned yet" in err and not (tmp_path / "none.beads").exists()
