"""Exports on a small fixed database: golden files, filters one by one, round trip through TMX,
an independent TMX reader, unsafe XML, and all-or-nothing output."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import CORPORA, DATA, dump, run_process
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
    ("tmx", ["--status", "all"], ["out"]), ("tsv", ["--with-meta"], ["out"]), ("jsonl", [], ["out"]),
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
    _, _, err = fixed("export", "--format", "tmx", "-o", tmx, "--status", "all")
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
    _, _, err = fixed("export", "--format", "tmx", "-o", tmp_path / "c.tmx", "--status", "all")
    assert "removed 2 control characters" in err
    from lxml import etree
    etree.parse(str(tmp_path / "c.tmx"))


def test_independent_reader_gets_the_same_pairs(fixed, tmp_path) -> None:
    from translate.storage import tmx as tt_tmx
    path = tmp_path / "r.tmx"
    fixed("export", "--format", "tmx", "-o", path, "--status", "all")
    store = tt_tmx.tmxfile(path.read_bytes(), "en-US", "es-ES")
    got = [(u.source, u.target) for u in store.units]
    expected = [tuple(r.split("\t")) for r in _tsv(fixed, tmp_path)]
    assert got == expected


def test_a_translation_memory_holds_confirmed_beads_unless_asked(fixed, tmp_path) -> None:
    """Without --status a TMX takes only what a person confirmed (a TSV every bead not rejected),
    and --help says so."""
    from translate.storage import tmx as tt_tmx
    code, _, err = fixed("export", "--format", "tmx", "-o", tmp_path / "m.tmx")
    units = tt_tmx.tmxfile((tmp_path / "m.tmx").read_bytes(), "en-US", "es-ES").units
    assert code == 0 and [(u.source, u.target) for u in units] == [("Nobody was hurt.", "Nadie resultó herido.")]
    assert len(_tsv(fixed, tmp_path)) > 1
    done = run_process("export", "--help")
    out = done.stdout
    assert done.returncode == 0 and "default: tmx confirmed, tsv all" in " ".join(out.split())
    assert "es es-ES" in out


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
    monkeypatch.setattr("workbench.export.formats.write_tsv", broken)
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


def test_import_beads_refuses_an_empty_bead(fixed, db, tmp_path) -> None:
    before = dump(db)
    bad = tmp_path / "empty.beads"
    bad.write_text(BEADS + "[]:[]\n")
    code, out, err = fixed("import-beads", "1", bad)
    assert (code, out) == (2, "")
    assert err == f"workbench: error: {bad}: line 7: an empty bead links no sentence: '[]:[]'\n"
    assert dump(db) == before


def test_doctor_reports_a_stored_empty_bead(fixed, db) -> None:
    assert fixed("doctor")[0] == 0
    with sqlite3.connect(db) as conn:  # an empty bead between the first two, as an older import-beads stored it
        conn.execute("insert into beads (pair_id, position) values (1, ?)", [GAP // 2])
    code, out, _ = fixed("doctor")
    assert code == 1 and "PROBLEM: pair 1: bead 2 of 7 is empty ([]:[]): it links no sentence" in out.splitlines()
    assert out.splitlines()[-1] == "1 problem(s)"


def test_export_paths_must_be_writable(fixed, tmp_path) -> None:
    code, _, err = fixed("export", "--format", "tsv", "-o", tmp_path / "missing" / "x.tsv")
    assert code != 0 and "no such folder" in err


def test_export_follows_a_link_only_with_force_and_writes_into_pipes(fixed, tmp_path) -> None:
    real, link = tmp_path / "real.tsv", tmp_path / "link.tsv"
    real.write_text("old\n")
    link.symlink_to(real)
    code, out, err = fixed("export", "--format", "tsv", "-o", link)
    assert (code, out) == (2, "") and err == (f"workbench: error: {link} is a symbolic link to {real}; "
                                              "--follow-symlink replaces the file it points to\n")
    assert real.read_text() == "old\n"
    assert fixed("export", "--format", "tsv", "-o", link, "--follow-symlink")[0] == 0
    assert link.is_symlink() and real.read_text().count("\t") > 2
    pipe, linked_pipe = tmp_path / "pipe.tsv", tmp_path / "to-pipe.tsv"
    os.mkfifo(pipe)
    linked_pipe.symlink_to(pipe)  # a link to a pipe replaces nothing: no --follow-symlink needed
    for name in (pipe, linked_pipe):
        received = []
        reader = threading.Thread(target=lambda: received.append(pipe.read_text()), daemon=True)
        reader.start()
        assert fixed("export", "--format", "tsv", "-o", name)[0] == 0
        reader.join(timeout=10)
        assert stat.S_ISFIFO(pipe.stat().st_mode) and received == [real.read_text()]


def test_a_read_only_file_is_not_replaced(fixed, tmp_path) -> None:
    kept = tmp_path / "kept.tsv"
    kept.write_text("mine\n")
    kept.chmod(0o444)
    code, _, err = fixed("export", "--format", "tsv", "-o", kept)
    assert code == 2 and err == f"workbench: error: {kept} is read-only; export to another file\n"
    assert kept.read_text() == "mine\n"


def test_a_full_disk_is_one_error_line_naming_the_file(fixed, tmp_path, monkeypatch) -> None:

    def full(handle, units, summary, *args):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr("workbench.export.formats.write_tsv", full)
    never = tmp_path / "never.tsv"
    code, out, err = fixed("export", "--format", "tsv", "-o", never)
    assert code == 2 and out == "" and err == f"workbench: error: {never}: No space left on device\n"
    assert not any("never" in p.name for p in tmp_path.iterdir())


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_dev_full_is_named_in_the_error(fixed) -> None:
    code, out, err = fixed("export", "--format", "tsv", "-o", "/dev/full")
    assert (code, out, err) == (2, "", "workbench: error: /dev/full: No space left on device\n")


@pytest.fixture(scope="module")
def udhr(tmp_path_factory) -> Path:
    """The issue's set-up, built once: `r.db` with the UDHR pair imported and aligned."""
    from workbench.cli import main
    db = tmp_path_factory.mktemp("udhr") / "r.db"
    articles = CORPORA / "articles"
    assert main(["--db", str(db), "import", str(articles / "udhr.en.txt"), str(articles / "udhr.es.txt")]) == 0
    assert main(["--db", str(db), "align", "--all", "--no-mt"]) == 0
    return db


@pytest.fixture
def r_db(udhr, tmp_path, capsys):
    """A copy of the UDHR database as `r.db` in the test's folder, with a reader keeping it open
    so that its -wal and -shm files exist, and the command line on it."""
    from tests.conftest import Cli
    db = tmp_path / "r.db"
    with sqlite3.connect(udhr) as source, sqlite3.connect(db) as target:
        source.backup(target)
    reader = sqlite3.connect(db)
    reader.execute("select count(*) from pairs").fetchone()
    assert Path(f"{db}-wal").exists() and Path(f"{db}-shm").exists()
    yield Cli(db, capsys)
    reader.close()


def _as_database_file(db: Path, how: str) -> Path:
    """A path that is the database or one of its companions, as `how` says."""
    folder = db.parent
    if how == "symbolic link":
        (folder / "link.db").symlink_to(db)
    elif how == "hard link":
        os.link(db, folder / "hard.db")
    elif how == "through ..":
        (folder / "sub").mkdir()
    elif how == "-journal":
        Path(f"{db}-journal").write_bytes(b"")  # what a crash in rollback mode would leave
    return {"same path": db, "symbolic link": folder / "link.db", "hard link": folder / "hard.db",
            "through ..": folder / "sub" / ".." / "r.db", "-journal not yet there": Path(f"{db}-journal"),
            }.get(how, Path(f"{db}{how}"))


def _refused_and_unchanged(cli, args: list, before: str) -> None:
    code, out, err = cli("export", *args)
    assert (code, out) == (2, "") and len(err.splitlines()) == 1, err
    assert err.startswith("workbench: error: ") and " is the database" in err and "export to another file" in err
    assert dump(cli.db) == before and not list(cli.db.parent.glob(".*.part"))
    code, out, _ = cli("list")
    assert code == 0 and out.splitlines()[1].startswith("1\tudhr\ten-es\t102/99\t")


@pytest.mark.parametrize("fmt", ["tsv", "tmx", "jsonl", "beads"])
@pytest.mark.parametrize("how", ["same path", "symbolic link", "hard link", "through ..", "-wal", "-shm", "-journal",
                                 "-journal not yet there"])
def test_export_refuses_the_database_and_its_companions(r_db, fmt, how) -> None:
    before = dump(r_db.db)
    out = _as_database_file(r_db.db, how)
    _refused_and_unchanged(r_db, ["--format", fmt, "-o", out, "--status", "all", "--pair", "1"], before)
    _refused_and_unchanged(r_db, ["--format", fmt, "-o", out, "--follow-symlink", "--pair", "1"], before)
    assert not Path(f"{r_db.db}-journal").exists() or how == "-journal"


@pytest.mark.parametrize(("lang", "target"), [("en", ""), ("es", ""), ("en", "-wal"), ("es", "-shm")])
@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_moses_refuses_a_prefix_file_that_is_the_database(r_db, lang, target, link) -> None:
    before = dump(r_db.db)
    prefix = r_db.db.parent / "corpus"
    aimed, name = Path(f"{r_db.db}{target}"), prefix.with_name(f"corpus.{lang}")
    if link == "symbolic":
        name.symlink_to(aimed)
    else:
        os.link(aimed, name)
    _refused_and_unchanged(r_db, ["--format", "moses", "-o", prefix, "--pair", "1"], before)
    assert not prefix.with_name("corpus.en" if lang == "es" else "corpus.es").exists()


def test_the_issues_command_from_the_databases_folder_is_refused(r_db) -> None:
    before = dump(r_db.db)
    folder = r_db.db.parent
    done = run_process("--db", "r.db", "export", "--format", "tsv", "-o", "r.db", "--status", "all", cwd=folder)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"workbench: error: r.db is the database ({folder / 'r.db'}); export to another file\n"
    (folder / "sub").mkdir()
    done = run_process("--db", "../r.db", "export", "--format", "tmx", "-o", "../r.db-wal", cwd=folder / "sub")
    assert done.returncode == 2 and "../r.db-wal is the database's write-ahead log" in done.stderr
    assert dump(r_db.db) == before and r_db("list")[0] == 0


def test_export_help_says_what_it_overwrites() -> None:
    from workbench.cli import build_parser
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    text = " ".join(sub.choices["export"].format_help().split())
    assert "An existing regular file is replaced once the export is complete" in text
    assert "the database and its -wal, -shm and -journal files" in text
    assert "a symbolic link to a file unless --follow-symlink" in text
    assert "--follow-symlink -o may be a symbolic link" in text


def test_named_pairs_are_exported_once_and_must_be_aligned(fixed, tmp_path) -> None:
    fixed("export", "--format", "tsv", "-o", tmp_path / "once.tsv", "--pair", "1")
    fixed("export", "--format", "tsv", "-o", tmp_path / "twice.tsv", "--pair", "1", "--pair", "1")
    assert (tmp_path / "twice.tsv").read_text() == (tmp_path / "once.tsv").read_text()
    assert fixed("import", CORPORA / "candide" / "candide-03.en", CORPORA / "candide" / "candide-03.es",
                 "--presplit")[0] == 0
    code, _, err = fixed("export", "--format", "beads", "-o", tmp_path / "none.beads", "--pair", "2")
    assert code == 2 and "pair 2 is not aligned yet" in err and not (tmp_path / "none.beads").exists()


@pytest.mark.parametrize("name", ["-", "/dev/stdout", "/dev/fd/1"])
def test_export_to_standard_output_writes_into_the_shells_redirection(r_db, name) -> None:
    """`-o -` or `-o /dev/stdout > out.tsv` writes into the descriptor the shell opened (appending
    with `>>`), with no --follow-symlink: /dev/stdout is a link to out.tsv, but nothing is replaced."""
    folder = r_db.db.parent
    shell = f"{sys.executable} -m workbench --db r.db export --format tsv -o {name}"
    for redirect, expected_copies in ((">", 1), (">>", 2)):
        done = subprocess.run(f"{shell} {redirect} out.tsv", shell=True, cwd=folder, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    lines = (folder / "out.tsv").read_text().splitlines()
    assert len(lines) > 10 and lines[:len(lines) // 2] == lines[len(lines) // 2:]  # the second run appended
    before = dump(r_db.db)
    done = subprocess.run(f"{shell} --follow-symlink >> r.db", shell=True, cwd=folder, capture_output=True, text=True)
    assert done.returncode == 2 and "is the database" in done.stderr and dump(r_db.db) == before
