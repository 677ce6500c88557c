"""Whole archives (issue 7): pairing quality and batch-alignment throughput.

    python -m benchmarks.archive_bench pairing      # dev archive, sample archive, Candide chapters: found, false,
                                                    # missed at the default threshold and at others; time, memory
    python -m benchmarks.archive_bench throughput   # 1,000 pairs: 1 and 2 workers, 2-worker LocalCluster, one pair
    python -m benchmarks.archive_bench              # both
    python -m benchmarks.archive_bench pairing --seed 1   # another shuffle and choice of decoys
"""

from __future__ import annotations

import hashlib
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks import collection
from benchmarks.common import REPO, SHARED, require_shared

PAIRS = 1000


THRESHOLDS = (0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7)
CANDIDE_DECOYS = 2  # chapters whose Spanish, and as many whose English, is left out


@dataclass(frozen=True)
class PairingSet:
    """Two folders to pair, the true pairs (English file name to Spanish file name) and the
    Spanish files whose pairing counts neither as found nor as false (near-pairs)."""

    name: str
    en: Path
    es: Path
    truth: dict[str, str]
    ignored: frozenset[str] = frozenset()


def react_docs() -> PairingSet:
    """The dev archive: its truth.tsv, and its near-pairs (Spanish pages whose original was
    renamed or removed: every Spanish file not in truth.tsv, see its SOURCES.md)."""
    root = SHARED / "react-docs-en-es"
    truth = dict(line.split("\t")[:2] for line in (root / "truth.tsv").read_text().splitlines() if line)
    near = frozenset(p.name for p in (root / "es").iterdir()) - set(truth.values())
    return PairingSet("react-docs-en-es (dev archive)", root / "en", root / "es", truth, near)


def sample_archive(root: Path, seed: int) -> PairingSet:
    truth, _, _ = collection.build(root / "archive", seed=seed)
    return PairingSet("sample archive (benchmarks/collection.py)", root / "archive" / "en", root / "archive" / "es", truth)


def candide_chapters(root: Path, seed: int) -> PairingSet:
    """The chapters of candide-dev under shuffled names, CANDIDE_DECOYS of them without their
    Spanish and as many without their English."""
    rng = random.Random(seed)
    chapters = sorted(p.stem for p in (SHARED / "candide-dev").glob("*.gold"))
    rng.shuffle(chapters)
    names = iter(f"{n:06x}.txt" for n in rng.sample(range(16**6), 2 * len(chapters)))
    truth = {}
    for lang in ("en", "es"):
        (root / "candide" / lang).mkdir(parents=True)
    for k, chapter in enumerate(chapters):
        en, es = next(names), next(names)
        if k >= CANDIDE_DECOYS:
            shutil.copy(SHARED / "candide-dev" / f"{chapter}.es", root / "candide" / "es" / es)
        if k < CANDIDE_DECOYS or k >= 2 * CANDIDE_DECOYS:
            shutil.copy(SHARED / "candide-dev" / f"{chapter}.en", root / "candide" / "en" / en)
        if k >= 2 * CANDIDE_DECOYS:
            truth[en] = es
    return PairingSet(f"Candide chapters, shuffled, {CANDIDE_DECOYS} decoys a side", root / "candide" / "en",
                      root / "candide" / "es", truth)


def pairing(root: Path, seed: int = 7) -> None:
    """`pair-collection --tsv --threshold 0` on each set, in a process of its own (for its
    peak memory): found, false and missed pairs at the default threshold, then at each of
    THRESHOLDS (the threshold only leaves linked pairs out, so one run gives them all)."""
    from workbench.jobs.pairing import DEFAULT_THRESHOLD
    for found in (react_docs(), sample_archive(root, seed), candide_chapters(root, seed)):
        rows, seconds, peak = _pair(found, root / f"{len(list(root.glob('*.db')))}.db")
        en, es = sum(1 for _ in found.en.iterdir()), sum(1 for _ in found.es.iterdir())
        print(f"{found.name}: {en} en, {es} es, {len(found.truth)} true pairs"
              f"{f', {len(found.ignored)} near-pairs not counted' if found.ignored else ''}; {seconds:.1f} s, {peak:.0f} MB")
        print(f"  at the default threshold {DEFAULT_THRESHOLD}: {_counts(found, rows, DEFAULT_THRESHOLD).line()}")
        print("  threshold  found  false  missed  precision  recall")
        for threshold in THRESHOLDS:
            c = _counts(found, rows, threshold)
            print(f"  {threshold:9.2f}  {c.found:5d}  {c.false:5d}  {c.missed:6d}  {c.precision:9.1%}  {c.recall:6.1%}")
        for s, t, score in rows:
            if score >= DEFAULT_THRESHOLD and found.truth.get(s) != t and t not in found.ignored:
                print(f"    false: {s} -> {t} ({score:.3f}; true partner {found.truth.get(s)})")


@dataclass(frozen=True)
class Counts:
    found: int
    false: int
    missed: int

    @property
    def precision(self) -> float:
        return self.found / max(1, self.found + self.false)

    @property
    def recall(self) -> float:
        return self.found / max(1, self.found + self.missed)

    def line(self) -> str:
        return f"found {self.found}, false {self.false}, missed {self.missed} (recall {self.recall:.1%})"


def _counts(found: PairingSet, rows: list[tuple[str, str, float]], threshold: float) -> Counts:
    kept = [(s, t) for s, t, score in rows if score >= threshold and t not in found.ignored]
    right = sum(1 for s, t in kept if found.truth.get(s) == t)
    return Counts(right, len(kept) - right, len(found.truth) - right)


def _pair(found: PairingSet, db: Path) -> tuple[list[tuple[str, str, float]], float, float]:
    """The proposals (file names and score) of `pair-collection` at threshold 0, its seconds
    and its peak memory (MB, as /usr/bin/time measures the process)."""
    started = time.time()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "workbench", "--db", str(db),
                           "pair-collection", str(found.en), str(found.es), "--tsv", "--threshold", "0"],
                          capture_output=True, text=True, cwd=REPO, check=True)
    seconds = time.time() - started
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    return ([(Path(s).name, Path(t).name, float(score)) for s, t, score in rows], seconds,
            int(done.stderr.strip().splitlines()[-1]) / 1024)


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
