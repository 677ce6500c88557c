"""Export benchmark: pairs per second and peak memory for every format, at 50,000 and 200,000
pairs, each export in a fresh process (flat memory means the two peaks are alike).
Run: python -m benchmarks.export_bench"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import peak_mb
from workbench import store
from workbench.align import Bead
from workbench.model import Document
from workbench.jobs.evaluation import read_side

REPO = Path(__file__).resolve().parent.parent
DOCS, BEADS_PER_DOC = 2000, 100


def build(path: Path, documents: int) -> None:
    """A database of `documents` pairs of 100 one-to-one beads, from the sample sentences."""
    en = read_side(REPO / "corpora" / "candide" / "candide-02.en", "en").sentences
    es = read_side(REPO / "corpora" / "candide" / "candide-02.es", "es").sentences
    db = store.open_database(path)
    for k in range(documents):
        src = [f"{en[i % len(en)]} ({k}.{i})" for i in range(BEADS_PER_DOC)]
        tgt = [f"{es[i % len(es)]} ({k}.{i})" for i in range(BEADS_PER_DOC)]
        docs = [Document(str(path), f"doc {k}", lang, sents, ["0"] * len(sents),
                         hashlib.sha256(f"{lang}{k}".encode()).hexdigest()) for lang, sents in (("en", src), ("es", tgt))]
        pair = store.add_pair(db, *docs)
        store.save_alignment(db, pair, [Bead((i,), (i,), 0.9) for i in range(BEADS_PER_DOC)], {"aligner_version": "bench"})


def one(db: Path, fmt: str, out: Path) -> None:
    from workbench import export
    from workbench.export.filters import Filters
    database = store.open_database(db, write=False)
    started = time.perf_counter()
    summary = export.export(database, export.ExportRequest(fmt, out, [], Filters()))
    seconds = time.perf_counter() - started
    print(json.dumps({"pairs": summary.written, "seconds": seconds,
                      "peak_mb": peak_mb()}))


def main() -> None:
    if sys.argv[1:2] == ["one"]:
        one(Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))
        return
    print("format   pairs    seconds   pairs/s   peak MB")
    for documents in (DOCS // 4, DOCS):
        db = Path(f"/tmp/workbench-export-bench-{documents}.db")
        if not db.exists():
            build(db, documents)
        for fmt in ("tmx", "tsv", "moses", "jsonl"):
            out = subprocess.run([sys.executable, "-m", "benchmarks.export_bench", "one", str(db), fmt,
                                  f"/tmp/workbench-export-bench.{fmt}"], capture_output=True, text=True, check=True)
            r = json.loads(out.stdout)
            print(f"{fmt:<8}{r['pairs']:>7} {r['seconds']:>10.2f} {r['pairs'] / r['seconds']:>9,.0f} {r['peak_mb']:>9.1f}")


if __name__ == "__main__":
    main()
