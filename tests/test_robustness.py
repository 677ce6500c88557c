"""Never lose an edit, never crash on bad input: processes killed mid-action, two processes on
one database, and input that must be refused or must import."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CORPORA, REPO, dump, run_process
from workbench import store
from workbench.store.migrations import migrations
from workbench.display import counted

CANDIDE = CORPORA / "candide"


def _start(*args: str, results: int = subprocess.PIPE) -> subprocess.Popen:
    """`workbench ARGS` started; `results=subprocess.DEVNULL` for a batch's thousands of result
    lines, which would fill a pipe nobody reads while the test waits for a state to kill it in
    (the batch would stop there, and the state never come)."""
    return subprocess.Popen([sys.executable, "-m", "workbench", *args], stdout=results,
                            stderr=subprocess.PIPE, text=True)


def _kill_when(process: subprocess.Popen, ready, timeout: float = 60) -> None:
    """SIGKILL the process as soon as ready() holds (or when it ends by itself)."""
    deadline = time.time() + timeout
    while time.time() < deadline and process.poll() is None and not ready():
        time.sleep(0.005)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait()


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def _count(db: Path, sql: str) -> int:
    """The query's count, read on a connection of its own that never creates the file; 0 when
    there is no database or no schema yet (killed before it was created)."""
    if not db.exists():
        return 0
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        try:
            return conn.execute(sql).fetchone()[0]
        except sqlite3.OperationalError as error:
            if "no such table" in str(error):
                return 0
            raise


def _big_pair(tmp_path: Path, copies: int) -> tuple[Path, Path]:
    en, es = tmp_path / "big.en", tmp_path / "big.es"
    en.write_text(((CANDIDE / "candide-02.en").read_text() + "\n") * copies)
    es.write_text(((CANDIDE / "candide-02.es").read_text() + "\n") * copies)
    return en, es


def _kept_lines(path: Path) -> int:
    """Sentences `--presplit` keeps of a file: every line up to the last that is not blank."""
    return len(path.read_text().rstrip().split("\n"))


def _schema_made(db: Path) -> bool:
    return _count(db, "select count(*) from _sqlite_migrations") == len(migrations._migrations)


def _writing(db: Path) -> Callable[[], bool]:
    """A state to observe: the pair's transaction has written pages to the log (which grew past
    its size when the schema was made), whether or not it has committed."""
    wal = db.with_name(db.name + "-wal")
    schema_wal: list[int] = []

    def size() -> int:
        try:
            return wal.stat().st_size
        except FileNotFoundError:  # not made yet, or gone with the last connection
            return 0

    def observed() -> bool:
        if not schema_wal and _schema_made(db):
            schema_wal.append(size())
        return bool(schema_wal) and size() > schema_wal[0]
    return observed


KILL_STATES = {"database made": lambda db: db.exists, "schema made": lambda db: lambda: _schema_made(db),
               "pair being written": _writing}


@pytest.mark.parametrize("state", KILL_STATES)
def test_killed_import_leaves_all_or_nothing(tmp_path, state) -> None:
    db = tmp_path / "k.db"
    en, es = _big_pair(tmp_path, 300)
    process = _start("--db", str(db), "import", str(en), str(es), "--presplit")
    _kill_when(process, KILL_STATES[state](db))
    assert db.exists() and _integrity(db) == "ok"
    sentences = _count(db, "select count(*) from sentences")
    assert sentences in (0, _kept_lines(en) + _kept_lines(es))  # the two trailing blank lines are not sentences
    assert _count(db, "select count(*) from pairs") == (1 if sentences else 0)


def test_presplit_keeps_the_line_numbers_of_a_gold(tmp_path, cli, db) -> None:
    """Blank lines inside a one-sentence-a-line file are sentences (empty), so a gold's line
    numbers name the same lines after the import; blank lines at the end are dropped."""
    en, es = tmp_path / "g.en", tmp_path / "g.es"
    en.write_text("The first line.\n\nThe third line.\n\n\n")
    es.write_text("La primera línea.\nLa segunda línea.\n\n")
    gold = tmp_path / "g.gold"
    gold.write_text("[0]:[0]\n[1]:[]\n[2]:[1]\n")
    assert cli("import", en, es, "--presplit", "--no-language-check")[0] == 0
    assert cli("import-beads", "1", gold)[0] == 0
    assert cli("show", "1")[1].splitlines()[1:] == ["[0]:[0]\tThe first line.\tLa primera línea.", "[1]:[]\t\t",
                                                    "[2]:[1]\tThe third line.\tLa segunda línea."]


PAIRS = 2500


def _small_pairs(folder: Path, count: int) -> Path:
    """`count` pairs of one-sentence files, each pair its own text."""
    folder.mkdir()
    for k in range(count):
        (folder / f"p{k:04d}.en.txt").write_text(f"Witness number {k} spoke to the committee.\n")
        (folder / f"p{k:04d}.es.txt").write_text(f"El testigo número {k} habló ante el comité.\n")
    return folder


def _finished_by_running_again(db: Path, kept: int, total: int, *command: str) -> None:
    """Run the batch twice more: the first run stores the rest and says in its last line how
    many it stored and how many a run before stored; the second stores nothing."""
    for stored in (kept, total):
        done = run_process("--db", str(db), *command)
        assert done.returncode == 0, done.stderr
        assert len(done.stdout.splitlines()) == total - stored
        assert done.stderr.splitlines()[-1] == (f"imported {counted(total - stored, 'pair')}; {stored} "
                                                f"{'was' if stored == 1 else 'were'} already imported"
                                                if stored else f"imported {total} pairs")
        assert "already imported:" not in done.stderr  # not a line a pair
    assert _count(db, "select count(*) from pairs") == _count(db, "select count(distinct title) from pairs") == total
    assert not store.health.problems(store.open_database(db, write=False))


@pytest.mark.parametrize("stored", [1, 500, 2000])
def test_a_killed_import_dir_is_finished_by_running_it_again(tmp_path, stored) -> None:
    db = tmp_path / "d.db"
    folder = _small_pairs(tmp_path / "pairs", PAIRS)
    process = _start("--db", str(db), "import-dir", str(folder), results=subprocess.DEVNULL)
    _kill_when(process, lambda: _count(db, "select count(*) from pairs") >= stored)
    assert _integrity(db) == "ok"
    kept = _count(db, "select count(*) from pairs")  # each pair whole: both documents, both sentences
    assert _count(db, "select count(*) from documents") == _count(db, "select count(*) from sentences") == 2 * kept
    _finished_by_running_again(db, kept, PAIRS, "import-dir", str(folder))


def test_an_interrupted_import_dir_says_how_many_pairs_it_stored(tmp_path) -> None:
    db = tmp_path / "d.db"
    folder = _small_pairs(tmp_path / "pairs", PAIRS)
    process = _start("--db", str(db), "import-dir", str(folder), results=subprocess.DEVNULL)
    while process.poll() is None and _count(db, "select count(*) from pairs") < 100:
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)  # ctrl+c while it stores
    _, err = process.communicate()
    stored = _count(db, "select count(*) from pairs")
    assert (process.returncode, err.splitlines()[-1]) == (130, f"workbench: interrupted; imported {stored} pairs; "
                                                                "run the command again for the rest")
    _finished_by_running_again(db, stored, PAIRS, "import-dir", str(folder))


def _one_of_them_imported(tmp_path: Path, count: int) -> tuple[Path, Path]:
    """A database holding the first of `count` small pairs, and their folder."""
    db = tmp_path / "d.db"
    folder = _small_pairs(tmp_path / "pairs", count)
    assert run_process("--db", str(db), "import", str(folder / "p0000.en.txt"), str(folder / "p0000.es.txt")
                       ).returncode == 0
    return db, folder


@pytest.mark.slow  # waits out the busy timeout, 10 s
def test_an_import_dir_locked_out_past_the_busy_timeout_says_so_and_can_run_again(tmp_path) -> None:
    db, folder = _one_of_them_imported(tmp_path, 20)
    before = dump(db)
    with sqlite3.connect(db, isolation_level=None) as writer:  # another writer, holding the lock
        writer.execute("BEGIN IMMEDIATE")
        done = run_process("--db", str(db), "import-dir", str(folder))
        writer.execute("ROLLBACK")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines()[-1] == (f"workbench: error: {db}: database is locked; imported 0 pairs; 1 was "
                                            "already imported; run the command again for the rest")
    assert dump(db) == before
    _finished_by_running_again(db, 1, 20, "import-dir", str(folder))


def test_a_refused_import_dir_leaves_the_database_as_it_was(tmp_path) -> None:
    db, folder = _one_of_them_imported(tmp_path, 40)
    before = dump(db)
    (folder / "p0039.es.txt").write_bytes(bytes(range(256)) * 4)
    done = run_process("--db", str(db), "import-dir", str(folder))
    assert done.returncode == 2 and done.stdout == "" and "p0039.es.txt: binary" in done.stderr
    assert dump(db) == before


DOCUMENTS = 3000


@pytest.mark.parametrize("stored", [1, 1500])
def test_a_killed_import_tmx_is_finished_by_running_it_again(tmp_path, stored) -> None:
    from benchmarks.import_bench import write_tmx
    db, memory = tmp_path / "t.db", tmp_path / "memory.tmx"
    write_tmx(memory, DOCUMENTS)
    process = _start("--db", str(db), "import-tmx", str(memory), results=subprocess.DEVNULL)
    _kill_when(process, lambda: _count(db, "select count(*) from pairs") >= stored)
    assert _integrity(db) == "ok"
    kept = _count(db, "select count(*) from pairs")  # each pair whole: documents, beads and its run
    assert _count(db, "select count(*) from beads") == 3 * _count(db, "select count(*) from runs") == 3 * kept
    _finished_by_running_again(db, kept, DOCUMENTS, "import-tmx", str(memory))


def _descendants(pid: int) -> set[int]:
    """Every process under `pid`, found through the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _running(pid: int) -> bool:
    """Not ended (a zombie has ended; in a container nobody may reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_worker_processes_die_with_a_killed_parallel_alignment(tmp_path) -> None:
    db = _imported_chapters(tmp_path, 20)
    process = _start("--db", str(db), "align", "--all", "--workers", "2", "--no-mt")
    below: set[int] = set()
    # a worker is a grandchild: the fork server's child (the resource tracker is a child)
    _kill_when(process, lambda: len(below.update(_descendants(process.pid)) or below) >= 3 and any(
        _descendants(child) for child in below))
    for pid in list(below):  # and a worker started meanwhile: the fork server outlives its parent long enough
        below.update(_descendants(pid))
    try:
        assert below and process.returncode == -signal.SIGKILL
        deadline = time.time() + 10
        while time.time() < deadline and any(map(_running, below)):
            time.sleep(0.05)
        assert not [pid for pid in below if _running(pid)]
    finally:
        for pid in below:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


def _imported_chapters(tmp_path: Path, copies: int) -> Path:
    db = tmp_path / "a.db"
    folder = tmp_path / "chapters"
    folder.mkdir()
    for k in range(copies):
        for lang in ("en", "es"):
            (folder / f"c{k:02d}.{lang}").write_text((CANDIDE / f"candide-0{1 + k % 3}.{lang}").read_text() + f"{k}\n")
    done = subprocess.run([sys.executable, "-m", "workbench", "--db", str(db), "import-dir", str(folder), "--presplit",
                           "--no-language-check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return db


def test_killed_alignment_run_leaves_each_pair_aligned_or_not(tmp_path) -> None:
    db = _imported_chapters(tmp_path, 40)
    process = _start("--db", str(db), "align", "--all", "--no-mt")
    _kill_when(process, lambda: _count(db, "select count(distinct pair_id) from beads") >= 3)
    assert _integrity(db) == "ok"
    aligned = _count(db, "select count(distinct pair_id) from beads")
    assert aligned == _count(db, "select count(distinct pair_id) from runs")  # beads and run together
    assert store.open_database(db, write=False) and not store.health.problems(store.open_database(db, write=False))
    done = subprocess.run([sys.executable, "-m", "workbench", "--db", str(db), "align", "--all", "--no-mt"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and _count(db, "select count(distinct pair_id) from beads") == 40


def test_killed_export_leaves_no_file_under_its_name(tmp_path) -> None:
    from benchmarks.export_bench import build
    db = tmp_path / "e.db"
    build(db, 300)
    out = tmp_path / "corpus.tmx"
    process = _start("--db", str(db), "export", "--format", "tmx", "-o", str(out), "--status", "all")
    _kill_when(process, lambda: any(p.name.startswith(".corpus.tmx.") and p.stat().st_size > 100_000
                                    for p in tmp_path.iterdir()))
    assert not out.exists()


EDITOR = """
import sys
from pathlib import Path
from workbench import edits, store
db = store.open_database(Path(sys.argv[1]))
for k in range(10_000):
    beads = store.review_beads(db, 1)
    change = edits.merge_next(beads, 0) if len(beads[0].src) < 3 else edits.split(beads, 0, 1, 1)
    store.apply_edit(db, 1, change)
    print(k + 1, flush=True)
"""


def test_edits_made_before_a_kill_are_kept(tmp_path) -> None:
    db = _imported_chapters(tmp_path, 1)
    subprocess.run([sys.executable, "-m", "workbench", "--db", str(db), "align", "1", "--no-mt"], check=True,
                   capture_output=True)
    process = subprocess.Popen([sys.executable, "-c", EDITOR, str(db)], stdout=subprocess.PIPE, text=True,
                               cwd=REPO)
    confirmed = 0
    while confirmed < 40:
        confirmed = int(process.stdout.readline())
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _integrity(db) == "ok"
    assert _count(db, "select count(*) from edits") >= confirmed
    assert not store.health.problems(store.open_database(db, write=False))


async def test_review_open_while_the_cli_realigns_and_exports(tmp_path) -> None:
    from workbench.review.app import ReviewApp
    db = _imported_chapters(tmp_path, 1)
    wrong = tmp_path / "wrong.beads"
    n_src = len((CANDIDE / "candide-01.en").read_text().splitlines()) + 1
    n_tgt = len((CANDIDE / "candide-01.es").read_text().splitlines()) + 1
    wrong.write_text(f"[{', '.join(map(str, range(n_src)))}]:[{', '.join(map(str, range(n_tgt)))}]\n")
    subprocess.run([sys.executable, "-m", "workbench", "--db", str(db), "import-beads", "1", str(wrong)], check=True)
    app = ReviewApp(db, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        aligner = _start("--db", str(db), "align", "1", "--realign", "--no-mt")
        while aligner.poll() is None:  # the UI keeps reading and writing meanwhile
            await pilot.press("n", "N")
            await pilot.pause()
            await pilot.press(*"note", "enter")
            await pilot.pause()
        assert aligner.returncode == 0, aligner.stderr.read()
        exporter = _start("--db", str(db), "export", "--format", "tsv", "-o", str(tmp_path / "out.tsv"))
        while exporter.poll() is None:
            await pilot.press("n", "N")
            await pilot.pause()
            await pilot.press(*"again", "enter")
            await pilot.pause()
        assert exporter.returncode == 0, exporter.stderr.read()
        app.session.flush()
        await pilot.press("home", "s", "enter")  # made on the view from before the re-alignment: stale
        await pilot.pause()
        app.session.flush()
        await pilot.pause()
        assert app.session.beads == store.review_beads(store.open_database(db, write=False), 1)
        assert len(app.session.beads) > 1


def test_read_only_database_refused_for_writes(tmp_path, cli, db) -> None:
    cli("import", CANDIDE / "candide-03.en", CANDIDE / "candide-03.es", "--presplit")
    before = dump(db)
    os.chmod(db, 0o444)
    code, _, err = cli("align", "--all")
    assert code != 0 and "read-only" in err and len(err.strip().splitlines()) == 1
    assert cli("list")[0] == 0  # reading still works
    assert dump(db) == before


def _without_root_powers() -> list[str]:
    """A command prefix under which folder permissions apply. Root ignores them (CI runs as root),
    unless its capabilities are dropped: `setpriv` runs the command as root without any."""
    if os.geteuid() != 0:
        return []
    prefix = ["setpriv", "--bounding-set=-all", "--inh-caps=-all"]
    if shutil.which("setpriv") is None or subprocess.run([*prefix, "true"], capture_output=True).returncode != 0:
        pytest.skip("running as root, and setpriv cannot drop root's power to ignore folder permissions")
    return prefix


@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["export", "--format", "tsv", "-o", "OUT"],
                                     ["align", "--all", "--no-mt"]])
def test_a_database_in_a_folder_without_write_permission_says_so(tmp_path, command) -> None:
    prefix = _without_root_powers()
    folder, out = tmp_path / "x", tmp_path / "out.tsv"
    folder.mkdir()
    db = folder / "r.db"
    for args in (["import", CANDIDE / "candide-03.en", CANDIDE / "candide-03.es", "--presplit"],
                 ["import-beads", "1", REPO / "alignments" / "candide" / "candide-03.gold"]):
        assert run_process("--db", str(db), *map(str, args), timeout=120).returncode == 0
    assert [p.name for p in folder.iterdir()] == ["r.db"]  # the last connection took its -wal and -shm files
    before = db.read_bytes()  # the whole database, then
    folder.chmod(0o555)
    try:
        assert subprocess.run([*prefix, "touch", folder / "probe"], capture_output=True).returncode != 0
        done = subprocess.run([*prefix, sys.executable, "-m", "workbench", "--db", str(db),
                               *[str(out) if arg == "OUT" else arg for arg in command]],
                              capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    finally:
        folder.chmod(0o755)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"workbench: error: cannot open {db}: the folder {folder} is not writable, and SQLite "
                           "needs to create r.db-wal and r.db-shm there, even to read (make the folder writable, or "
                           "copy the database to one that is)\n")
    assert db.read_bytes() == before and [p.name for p in folder.iterdir()] == ["r.db"] and not out.exists()


def test_dev_null_as_the_database_is_refused_creating_nothing() -> None:
    journal_before = Path("/dev/null-journal").exists()
    done = run_process("list", env={"WORKBENCH_DB": "/dev/null"}, timeout=60)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("workbench: error: /dev/null is not a regular file (a device or a pipe), so it cannot be "
                           "a database\n")
    assert Path("/dev/null-journal").exists() == journal_before


@pytest.mark.parametrize("command", [["list"], ["import", CANDIDE / "candide-03.en", CANDIDE / "candide-03.es"]])
def test_a_pipe_as_the_database_is_refused_creating_nothing(tmp_path, command) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    done = run_process("--db", str(fifo), *map(str, command), timeout=60)  # SQLite waited for a writer, forever
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"workbench: error: {fifo} is not a regular file (a device or a pipe), so it cannot be "
                           "a database\n")
    assert [p.name for p in tmp_path.iterdir()] == ["fifo"]


def test_fifty_megabyte_file_refused_without_reading_it(tmp_path, cli, db) -> None:
    big = tmp_path / "big.en.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    started = time.time()
    code, _, err = cli("import", big, CANDIDE / "candide-03.es")
    assert code != 0 and "MiB import limit" in err and time.time() - started < 5 and not db.exists()


def test_five_megabyte_single_line_refused_quickly(tmp_path, cli, db) -> None:
    line = tmp_path / "line.en.txt"
    line.write_text("word " * 1_000_000 + "\n")
    started = time.time()
    code, _, err = cli("import", line, CANDIDE / "candide-03.es")
    assert code != 0 and "without a line break" in err and time.time() - started < 10 and not db.exists()


def test_mixed_language_file_imports_with_a_warning(tmp_path, cli) -> None:
    en = [line for line in (CORPORA / "articles" / "udhr.en.txt").read_text().splitlines() if len(line) > 200]
    es = [line for line in (CORPORA / "articles" / "udhr.es.txt").read_text().splitlines() if len(line) > 200]
    mixed = tmp_path / "mixed.en.txt"
    mixed.write_text("\n\n".join(en[:8] + es[:4]) + "\n")
    target = tmp_path / "t.es.txt"
    target.write_text("\n\n".join(es[:12]) + "\n")
    code, _, err = cli("import", mixed, target)
    assert code == 0 and "mixes languages" in err and "% en" in err and "% es" in err


def test_links_out_of_the_import_folder_are_not_followed(tmp_path, cli) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    outside = tmp_path / "secret.en.txt"
    outside.write_text((CANDIDE / "candide-03.en").read_text())
    (folder / "secret.en.txt").symlink_to(outside)
    (folder / "secret.es.txt").write_text((CANDIDE / "candide-03.es").read_text())
    code, out, err = cli("import-dir", folder, "--presplit")
    assert "secret.en" not in out


@pytest.mark.parametrize("lang", ["../evil", "en/../../x", "EN US"])
def test_language_codes_that_could_escape_a_folder_refused(cli, db, lang) -> None:
    code, _, err = cli("import", CANDIDE / "candide-03.en", CANDIDE / "candide-03.es", "--presplit", "--tgt-lang", lang)
    assert code != 0 and "not a language code" in err and not db.exists()


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=6))
def test_tmx_writer_output_always_parses_and_round_trips(tmp_path_factory, units) -> None:
    from lxml import etree

    from workbench.export.filters import Summary
    from workbench.export.text import one_line
    from workbench.xmlchars import xml_safe
    from workbench.export.writers import write_tmx
    from workbench.store import Unit
    path = tmp_path_factory.mktemp("tmx") / "p.tmx"
    stream = [Unit(1, "t<&>", "en", "es", k, k, [s], [t], 0.5, "auto", None) for k, (s, t) in enumerate(units)]
    with path.open("wb") as handle:
        write_tmx(handle, stream, Summary(), "en-US", "es-ES")
    tree = etree.parse(str(path))
    segs = [seg.text or "" for seg in tree.iter("seg")]
    expected = [xml_safe(one_line([x]))[0] for pair in units for x in pair]
    assert segs == expected


# what `cell` escapes, and neighbours: `\\` then `x41` must not read back as an escape
TRICKY = "\\\t\n\r\x00\x1b\x7f\x85\x9f\xa0\u2028\u202e\u2066\ud800\udc7f\udc80\udcff\udd00x41"
NAMES = st.text(alphabet=st.one_of(st.characters(codec=None, categories=None), st.sampled_from(TRICKY)), max_size=40)


@given(NAMES)
def test_tsv_cells_round_trip_and_stay_inert(text) -> None:
    from workbench.display import cell, uncell
    escaped = cell(text)
    assert uncell(escaped) == text
    assert not re.search("[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ud800-\udfff]", escaped)
    escaped.encode("utf-8")  # raises if a lone surrogate (a file name's undecodable byte) is left


def test_undecodable_and_hostile_file_names_are_shown_escaped(tmp_path) -> None:
    for lang in ("en", "es"):
        shutil.copytree(CORPORA / "archive" / lang, tmp_path / lang)
    empty = os.fsencode(tmp_path / "es") + b"/z\xff\x1b[2J.txt"
    with open(empty, "wb"):
        pass
    done = run_process("segment", os.fsdecode(empty), "--lang", "es", timeout=120)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"workbench: error: {tmp_path}/es/z\\xff␛[2J.txt: no text to import "
                           "(empty or only whitespace)\n")
    db = tmp_path / "w.db"
    done = run_process("--db", str(db), "pair-collection", str(tmp_path / "en"), str(tmp_path / "es"), "--no-mt",
                       "--skip-bad", "--tsv", timeout=300)
    assert done.returncode == 1 and f"skipped: {tmp_path}/es/z\\xff␛[2J.txt: no text to import" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stdout.splitlines()) == 8
