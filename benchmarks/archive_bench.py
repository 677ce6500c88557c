"""Whole archives (issue 7): pairing quality and batch-alignment throughput.

    python -m benchmarks.archive_bench pairing      # true pairs found, false pairs, decoys
    python -m benchmarks.archive_bench throughput   # 1,000 pairs: 1 and 2 workers, 2-worker LocalCluster, one pair
    python -m benchmarks.archive_bench              # both
    python -m benchmarks.archive_bench pairing --seed 1   # another shuffle and choice of decoys
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks import collection
from benchmarks.common import require_shared

PAIRS = 1000


def pairing(root: Path, seed: int = 7) -> None:
    """Run `pair-collection --tsv` on the benchmark archive, with and without MT."""
    from workbench import cli
    truth, src_decoys, tgt_decoys = collection.build(root / "archive", seed=seed)
    print(f"archive: {len(truth)} true pairs, {len(src_decoys)} English and {len(tgt_decoys)} Spanish decoys")
    for flags in ([], ["--no-mt"]):
        out = io.StringIO()
        started = time.time()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = cli.main(["--db", str(root / f"pairing{len(flags)}.db"), "pair-collection",
                             str(root / "archive" / "en"), str(root / "archive" / "es"), "--tsv", *flags])
        seconds = time.time() - started
        proposed = [line.split("\t") for line in out.getvalue().splitlines()]
        found = {(Path(s).name, Path(t).name): float(score) for s, t, score in proposed}
        right = [score for (s, t), score in found.items() if truth.get(s) == t]
        wrong = [(s, t, score) for (s, t), score in found.items() if truth.get(s) != t]
        decoys = [p for p in found if p[0] in src_decoys or p[1] in tgt_decoys]
        print(f"{'MT off' if flags else 'MT on '}: exit {code}, {len(right)}/{len(truth)} true pairs found "
              f"({len(right) / len(truth):.1%}), {len(wrong)} false pairs above the threshold, "
              f"{len(decoys)} decoys paired; lowest true score {min(right):.3f}; {seconds:.1f} s")
        for s, t, score in wrong:
            print(f"    false: {s} -> {t} ({score:.3f}; true partner {truth.get(s)})")


def _copies(root: Path):
    """PAIRS document pairs: the archive's articles, each copy made distinct by a first line."""
    from workbench import ingest
    archive = root / "archive"
    truth, _, _ = collection.build(archive)
    base = [(ingest.read(archive / "en" / s, "en"), ingest.read(archive / "es" / t, "es")) for s, t in truth.items()]
    for k in range(PAIRS):
        src, tgt = base[k % len(base)]
        yield tuple(_variant(doc, f"{label} {k // len(base) + 1}.") for doc, label in ((src, "Copy"), (tgt, "Copia")))


def _variant(doc, first: str):
    sentences = [first, *doc.sentences]
    return replace(doc, sentences=sentences, paragraphs=["copy", *doc.paragraphs],
                   sha256=hashlib.sha256("\n".join(sentences).encode()).hexdigest())


def throughput(root: Path) -> None:
    """Align PAIRS pairs (MT cached beforehand, so all runs do the same work) three ways."""
    from distributed import LocalCluster

    from workbench import store
    from workbench.jobs import alignment
    template = root / "template.db"
    db = store.open_database(template)
    for src, tgt in _copies(root):
        store.add_pair(db, src, tgt)
    ids = store.unaligned_pair_ids(db)
    started = time.time()
    alignment.align_pairs(db, ids)  # fills the MT cache (first run: Apertium)
    print(f"{len(ids)} pairs; first run, one worker, translating with Apertium: {time.time() - started:.1f} s")
    db.execute("delete from beads")
    db.execute("delete from runs")
    db.conn.commit()
    db.conn.close()
    digests, rates = {}, {}
    cluster_start = time.time()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        cluster_seconds = time.time() - cluster_start
        for name, workers, scheduler in (("1 worker", 1, None), ("2 workers", 2, None),
                                         ("LocalCluster, 2 workers", 1, cluster.scheduler_address)):
            path = root / f"{name.split(',')[0].replace(' ', '-')}.db"
            shutil.copy(template, path)
            db = store.open_database(path)
            summary = alignment.align_pairs(db, store.unaligned_pair_ids(db), workers=workers, scheduler=scheduler)
            rates[name] = summary.pairs / summary.seconds
            digests[name] = hashlib.sha256(repr(list(db.query(
                "select pair_id, position, src_start, src_end, tgt_start, tgt_end, confidence from beads "
                "order by pair_id, position"))).encode()).hexdigest()[:12]
            print(f"{name}: {summary.line()} -> {rates[name]:.1f} pairs/s, "
                  f"speed-up x{rates[name] / rates['1 worker']:.2f}, beads digest {digests[name]}")
    print(f"LocalCluster start-up (not counted above): {cluster_seconds:.1f} s; "
          f"beads identical in all runs: {len(set(digests.values())) == 1}")
    one_pair(store.open_database(root / "1-worker.db"))


def one_pair(db) -> None:
    """`workbench align PAIR` in the aligned archive: without MT it reads the other pairs' beads
    for its lexicon (see `LexiconPool` in workbench/align/collection.py) and aligns twice."""
    from workbench import store
    from workbench.jobs import alignment
    pair_id = store.pair_ids(db)[0]
    for label, no_mt in (("with MT", False), ("without MT (archive lexicon)", True)):
        started = time.time()
        alignment.align_pairs(db, [pair_id], no_mt=no_mt, realign=True)
        print(f"one pair re-aligned alone in this archive, {label}: {time.time() - started:.2f} s")


def main() -> None:
    require_shared()
    args = sys.argv[1:]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 7
    what = [a for a in args if a in ("pairing", "throughput")] or ["pairing", "throughput"]
    with tempfile.TemporaryDirectory() as tmp:
        if "pairing" in what:
            pairing(Path(tmp), seed)
        if "throughput" in what:
            throughput(Path(tmp))


if __name__ == "__main__":
    main()
