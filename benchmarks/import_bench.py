"""Import speed on the bundled sample corpus: sentences per second for import-dir of
corpora/articles and corpora/candide (--presplit) into a new database.
Run: python -m benchmarks.import_bench"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workbench import store

REPO = Path(__file__).resolve().parent.parent


def in_process() -> None:
    """The same work without starting processes: reading, cleaning, splitting, language checks, storing."""
    from workbench import importing
    with tempfile.TemporaryDirectory() as folder:
        db = store.open_database(Path(folder) / "import.db")
        started = time.perf_counter()
        count = 0
        for sub, presplit in (("articles", False), ("candide", True)):
            pairs, _ = importing.find_pairs(REPO / "corpora" / sub, "en", "es")
            for pair in pairs:
                src, tgt, _ = importing.read_pair(pair.src, pair.tgt, "en", "es", presplit, force=True)
                store.add_pair(db, src, tgt, pair.name)
                count += len(src.sentences) + len(tgt.sentences)
        seconds = time.perf_counter() - started
        print(f"in one process: {count} sentences in {seconds:.2f} s = {count / seconds:,.0f} sentences/s")


def main() -> None:
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


if __name__ == "__main__":
    main()
