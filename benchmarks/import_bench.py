"""Import speed on the bundled sample corpus: sentences per second for import-dir of
corpora/articles and corpora/candide (--presplit) into a new database; then the two slow
imports of issue 21, in seconds: a file of 4.9 million lines of `Dr.` and a translation memory
of 20,000 small documents.
Run: python -m benchmarks.import_bench [--issue21-only]"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from xml.sax.saxutils import escape

from workbench import store

REPO = Path(__file__).resolve().parent.parent
DR_LINES = 4_900_000  # "Dr.\n" each: 19.6 MB, under the 20 MiB limit
TMX_DOCUMENTS = 20_000


def in_process() -> None:
    """The same work without starting processes: reading, cleaning, splitting, language checks, storing."""
    from workbench.jobs import imports
    with tempfile.TemporaryDirectory() as folder:
        db = store.open_database(Path(folder) / "import.db")
        started = time.perf_counter()
        count = 0
        for sub, presplit in (("articles", False), ("candide", True)):
            pairs, _ = imports.find_pairs(REPO / "corpora" / sub, "en", "es")
            for pair in pairs:
                src, tgt, _ = imports.read_pair(pair.src, pair.tgt, imports.Reading("en", "es", presplit, False))
                store.add_pair(db, src, tgt, pair.name)
                count += len(src.sentences) + len(tgt.sentences)
        seconds = time.perf_counter() - started
        print(f"in one process: {count} sentences in {seconds:.2f} s = {count / seconds:,.0f} sentences/s")


def write_tmx(path: Path, documents: int, units: int = 3) -> None:
    """A translation memory of `documents` documents (x-document props) of `units` units each."""
    en = "The committee heard witness number {k} about the prison in the north of the country."
    es = "El comité escuchó al testigo número {k} sobre la cárcel del norte del país."
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
                  'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="bench" creationtool="bench" '
                  'creationtoolversion="1"/><body>\n')
        for d in range(documents):
            for k in range(d * units, (d + 1) * units):
                out.write(f'<tu><prop type="x-document">doc {d}</prop><tuv xml:lang="en"><seg>'
                          f'{escape(en.format(k=k))}</seg></tuv><tuv xml:lang="es"><seg>{escape(es.format(k=k))}'
                          '</seg></tuv></tu>\n')
        out.write("</body></tmx>\n")


def _seconds(*args: str) -> float:
    """Wall-clock seconds of one `workbench` command in a new process (start-up included)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "workbench", *args], cwd=REPO, check=True, capture_output=True)
    return time.perf_counter() - started


def issue21() -> None:
    """The two imports issue 21 found slow, timed as the command line runs them."""
    with tempfile.TemporaryDirectory() as folder:
        dr, tmx = Path(folder) / "dr.en.txt", Path(folder) / "memory.tmx"
        dr.write_text("Dr.\n" * DR_LINES)
        seconds = _seconds("--db", f"{folder}/dr.db", "import", str(dr), "corpora/articles/udhr.es.txt",
                           "--no-language-check")
        print(f"{DR_LINES:,} lines of `Dr.`: {seconds:.1f} s")
        write_tmx(tmx, TMX_DOCUMENTS)
        seconds = _seconds("--db", f"{folder}/tmx.db", "import-tmx", str(tmx))
        print(f"a TMX of {TMX_DOCUMENTS:,} documents: {seconds:.1f} s")


def main() -> None:
    if "--issue21-only" in sys.argv:
        issue21()
        return
    in_process()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "import.db"
        started = time.perf_counter()
        for args in (["corpora/articles"], ["corpora/candide", "--presplit"]):
            subprocess.run([sys.executable, "-m", "workbench", "--db", str(db), "import-dir", *args],
                           cwd=REPO, check=True, capture_output=True)
        seconds = time.perf_counter() - started
        sentences = store.open_database(db, write=False).execute("select count(*) from sentences").fetchone()[0]
        print(f"{sentences} sentences in {seconds:.2f} s = {sentences / seconds:,.0f} sentences/s "
              "(two processes, start-up included)")
    issue21()


if __name__ == "__main__":
    main()
