"""Aligner benchmark on ../shared/data: quality (per chapter, cross-validated, ablation),
Text+Berg, robustness to a missing stretch, and speed/memory at growing sizes.

Run: python -m benchmarks.align_bench [quality|mixed|cv|ablation|textberg|ceiling|archive|robust|speed ...]
(all sections when none is named). Figures go to standard output.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, FileCache, load_set, peak_mb, require_shared
from workbench.align import AlignOptions, Bead, Side, align_sentences
from workbench.align.collection import align_documents
from workbench.align.mt import Apertium
from workbench.align.signals import SIGNALS
from workbench.align.search import CostParams
from workbench.jobs.evaluation import aligned_golds, gold_names
from workbench.metrics import score
from workbench.ingest import read

METRICS = ("precision_strict", "recall_strict", "f1_strict", "precision_lax", "recall_lax", "f1_lax")
CV_GRID = {"skip": [0.6, 0.75, 0.9], "many": [0.1, 0.2, 0.3], "many_per_extra": [0.05, 0.1, 0.15],
           "coverage": [0.5, 1.0]}


def run_set(data, src_lang: str, tgt_lang: str, opts: AlignOptions,
            alone: bool = False) -> list[tuple[list[Bead], list[Bead]]]:
    """(gold, output) of each document, aligned as one collection as `workbench eval` and
    `workbench align` do (MT where `opts` has a translator, from its cache), or each document
    `alone`."""
    documents = [(Side(s, src_lang), Side(t, tgt_lang)) for _, s, t, _ in data]
    outputs = [align_sentences(*d, opts) for d in documents] if alone else _collection(documents, opts)
    return [(gold, out) for (*_, gold), out in zip(data, outputs)]


def _collection(documents: list[tuple[Side, Side]], opts: AlignOptions) -> list[list[Bead]]:
    """`align_documents` with the options of a benchmark row (the MT cache is its translator's)."""
    translator = opts.translator
    return align_documents(documents, opts, no_mt=translator is None,
                           cache=translator.cache if translator is not None else None)


def row(label: str, result: dict[str, float]) -> str:
    return f"{label:<28}" + "".join(f"{result[m]:>9.4f}" for m in METRICS)


def header(title: str) -> None:
    print(f"\n## {title}\n{'':<28}" + "".join(f"{m.replace('precision', 'P').replace('recall', 'R'):>9}"
                                           .replace("_strict", " s").replace("_lax", " l") for m in METRICS))


def quality(cache: FileCache) -> None:
    candide = load_set("candide-dev", "en", "es")
    for label, translator in (("MT on (Apertium)", Apertium(cache)), ("MT off", None)):
        header(f"candide-dev en-es, {label}, per chapter (the chapters as one collection)")
        docs = run_set(candide, "en", "es", AlignOptions(translator=translator))
        for (name, *_), doc in zip(candide, docs):
            print(row(name, score([doc])))
        print(row("total", score(docs)))
        print(row("total, each chapter alone", score(run_set(candide, "en", "es", AlignOptions(translator=translator),
                                                              alone=True))))


def _article(name: str, lang: str) -> Side:
    """A sample article of corpora/articles/ read and split as `workbench import` does."""
    path = next((Path(__file__).resolve().parents[1] / "corpora" / "articles").glob(f"{name}.{lang}.*"))
    document = read(path, lang)
    return Side(document.sentences, lang, document.paragraphs)


def mixed(cache: FileCache) -> None:
    """candide-dev aligned in one collection with articles of other genres (the UDHR and a
    Europarl sitting), as `workbench align --all` aligns a mixed archive: another genre's
    lexicon must not cost a novel much against its chapters aligned alone."""
    candide = load_set("candide-dev", "en", "es")
    chapters = [(Side(s, "en"), Side(t, "es")) for _, s, t, _ in candide]
    others = [(_article(name, "en"), _article(name, "es")) for name in ("udhr", "europarl-1999-10-04")]
    for label, translator in (("MT on", Apertium(cache)), ("MT off", None)):
        header(f"candide-dev en-es, {label}, in a collection with the UDHR and a Europarl sitting")
        out = _collection(chapters + others, AlignOptions(translator=translator))[:len(chapters)]
        print(row("total", score([(gold, beads) for (*_, gold), beads in zip(candide, out, strict=True)])))


def cross_validation(cache: FileCache) -> None:
    """Leave one chapter out: pick the grid point best on the other ten, score the held-out one."""
    candide = load_set("candide-dev", "en", "es")
    configs = [dict(zip(CV_GRID, v)) for v in itertools.product(*CV_GRID.values())]
    outputs = [run_set(candide, "en", "es", AlignOptions(translator=Apertium(cache), params=CostParams(**c)))
               for c in configs]
    held_out, picks = [], []
    for k in range(len(candide)):
        best = max(range(len(configs)),
                   key=lambda c: score([d for i, d in enumerate(outputs[c]) if i != k])["f1_strict"])
        picks.append(best)
        held_out.append(outputs[best][k])
    header(f"candide-dev, MT on, leave-one-chapter-out over {len(configs)} parameter settings")
    print(row("cross-validated total", score(held_out)))
    print(row("defaults (tuned on all 11)", score(run_set(candide, "en", "es", AlignOptions(translator=Apertium(cache))))))
    print("settings picked per fold:", json.dumps([configs[p] for p in sorted(set(picks))]))


ARTICLE_SETS = [REPO / "benchmarks" / "dev" / name for name in ("react-docs", "react-docs-divergent")]


def _articles(disabled: frozenset[str], mt: bool) -> dict[str, float]:
    """Scores over the structured article dev sets (sentence files with their blocks), aligned
    as `workbench eval` aligns them."""
    scored = []
    for folder in filter(Path.is_dir, ARTICLE_SETS):
        scored += aligned_golds(folder, gold_names(folder), "en", "es", not mt,
                                options=AlignOptions(disabled=disabled))
    return score(scored)


def ablation(cache: FileCache) -> None:
    candide = load_set("candide-dev", "en", "es")
    textberg = load_set("textberg-de-fr", "de", "fr", ["dev"])
    header("ablation: candide-dev (MT on) | textberg dev (no MT) | articles (MT on): strict F1 / lax F1, "
           "and for articles boundary fixes per 100 gold beads")
    variants = [("all signals", frozenset(), True)] + [(f"without {s.name}", frozenset({s.name}), True)
                                                  for s in sorted(SIGNALS, key=lambda s: s.name)]
    variants.append(("without MT", frozenset(), False))
    for label, disabled, mt in variants:
        cand = score(run_set(candide, "en", "es", AlignOptions(translator=Apertium(cache) if mt else None,
                                                                  disabled=disabled)))
        tb = score(run_set(textberg, "de", "fr", AlignOptions(disabled=disabled)))
        art = _articles(disabled, mt)
        print(f"{label:<28}{cand['f1_strict']:>9.4f}{cand['f1_lax']:>9.4f}   |{tb['f1_strict']:>9.4f}{tb['f1_lax']:>9.4f}"
              f"   |{art['f1_strict']:>9.4f}{art['f1_lax']:>9.4f}{art['fixes_per_100']:>7.1f}")


def textberg() -> None:
    """Test documents as one collection (what `workbench eval DIR test0 ... test6` does), each
    alone, and with dev in the collection (its text only: the gold is never read to align); then
    dev cut into test-sized documents (see `_cut`), the measure to tune on."""
    header("textberg-de-fr, no MT (parameters tuned on candide-dev and textberg dev only)")
    dev = load_set("textberg-de-fr", "de", "fr", ["dev"])
    test = load_set("textberg-de-fr", "de", "fr", [f"test{k}" for k in range(7)])
    docs = run_set(test, "de", "fr", AlignOptions())
    for (name, *_), doc in zip(test, docs):
        print(row(name, score([doc])))
    print(row("test0-6 total", score(docs)))
    print(row("test0-6, each alone", score(run_set(test, "de", "fr", AlignOptions(), alone=True))))
    both = run_set(dev + test, "de", "fr", AlignOptions())
    print(row("dev alone", score(run_set(dev, "de", "fr", AlignOptions()))))
    print(row("dev, collection dev+test", score(both[:1])))
    print(row("test0-6, collection dev+test", score(both[1:])))
    parts = _cut(dev[0], 4)
    print(row("dev in 4, with test texts", score(run_set(parts + test, "de", "fr", AlignOptions())[:len(parts)])))


def lexicon_ceiling() -> None:
    """How far a better learnt lexicon could take Text+Berg dev: dev aligned alone with a lexicon
    learnt from its own gold beads (an upper bound to learn from, not a result). It comes out
    level with dev in the dev+test collection (0.906 against 0.905 when measured), so the
    remaining errors are in the structure (moved boundaries, skips, n-m beads), not the words."""
    from workbench.align.features import COLLECTION_WITHOUT_MT, bead_words, lexicon_from_beads, words
    header("textberg dev alone, with a lexicon learnt from its gold beads (a ceiling)")
    dev = load_set("textberg-de-fr", "de", "fr", ["dev"])
    (_, src, tgt, gold), = dev
    pairs = [(list(b.src), list(b.tgt)) for b in gold if b.src and b.tgt]
    lexicon = lexicon_from_beads(bead_words([words(s) for s in src], [words(t) for t in tgt], pairs),
                                 COLLECTION_WITHOUT_MT)
    print(row("gold lexicon", score(run_set(dev, "de", "fr", AlignOptions(lexicon=lexicon)))))
    print(row("learnt (dev alone)", score(run_set(dev, "de", "fr", AlignOptions()))))


def _cut(document: tuple, parts: int) -> list[tuple]:
    """A gold document cut into `parts` documents of about equal length, at gold bead boundaries
    that no bead crosses. Text+Berg test documents have 36 to 293 sentences a side, dev has 468:
    dev cut in four, in a collection with the test texts, is the dev measure closest to test's
    conditions. Three changes that raised dev in the dev+test collection by up to 0.008 lowered
    test by 0.001-0.002; this measure moved by -0.0035 to +0.0007 on them."""
    name, src, tgt, gold = document
    out, beads, start, end = [], [], (0, 0), [0, 0]
    for bead in gold:
        beads.append(bead)
        end = [max([end[0], *(i + 1 for i in bead.src)]), max([end[1], *(j + 1 for j in bead.tgt)])]
        closed = all(i < end[0] for b in beads for i in b.src) and all(j < end[1] for b in beads for j in b.tgt)
        if closed and end[0] - start[0] >= len(src) / parts and len(out) < parts - 1:
            out.append((start, tuple(end), beads))
            beads, start = [], tuple(end)
    out.append((start, (len(src), len(tgt)), beads))
    return [(f"{name}-{k}", src[i0:i1], tgt[j0:j1],
             [Bead(tuple(i - i0 for i in b.src), tuple(j - j0 for j in b.tgt)) for b in beads])
            for k, ((i0, j0), (i1, j1), beads) in enumerate(out)]


def _stored_pairs(db, data, src_lang: str, tgt_lang: str) -> list[int]:
    """A pair in the store for each document of a set (whole lines as sentences, as given)."""
    from workbench import store
    from workbench.model import Document

    def document(name: str, lang: str, sentences: list[str]) -> Document:
        return Document(f"{name}.{lang}", name, lang, sentences, ["p1"] * len(sentences), f"{name}-{lang}")
    return [store.add_pair(db, document(name, src_lang, s), document(name, tgt_lang, t)) for name, s, t, _ in data]


def _in_archive(data) -> list[tuple[list[Bead], list[Bead]]]:
    """(gold, output) of each document aligned alone (`align PAIR`) in an archive holding the
    others, all aligned as one batch first (no MT); the gold is never read to align."""
    from workbench import store
    from workbench.jobs.alignment import align_pairs
    with tempfile.TemporaryDirectory() as tmp:
        db = store.open_database(Path(tmp) / "archive.db")
        ids = _stored_pairs(db, data, "de", "fr")
        align_pairs(db, ids, no_mt=True)
        out = []
        for pair_id, (*_, gold) in zip(ids, data):
            align_pairs(db, [pair_id], no_mt=True)
            out.append((gold, store.beads(db, pair_id)))
        return out


def archive() -> None:
    """What `workbench align PAIR` and the review's re-alignment give a Text+Berg article in an
    archive whose other articles are aligned already (their stored beads teach the lexicon)."""
    dev = load_set("textberg-de-fr", "de", "fr", ["dev"])
    test = load_set("textberg-de-fr", "de", "fr", [f"test{k}" for k in range(7)])
    header("textberg-de-fr, no MT: each document aligned alone in an archive of the others")
    print(row("test0-6, in test0-6", score(_in_archive(test))))
    both = _in_archive(dev + test)
    print(row("dev, in all eight", score(both[:1])))
    print(row("test0-6, in all eight", score(both[1:])))


def _concatenated() -> tuple[list[str], list[str], list[Bead]]:
    """All candide-dev chapters as one document, gold renumbered."""
    src, tgt, gold = [], [], []
    for _, s, t, g in load_set("candide-dev", "en", "es"):
        gold += [Bead(tuple(i + len(src) for i in b.src), tuple(j + len(tgt) for j in b.tgt)) for b in g]
        src, tgt = src + s, tgt + t
    return src, tgt, gold


def _restricted(beads: list[Bead], src_ok: set[int], tgt_ok: set[int]) -> list[Bead]:
    return [b for b in beads if set(b.src) <= src_ok and set(b.tgt) <= tgt_ok]


def robustness(cache: FileCache) -> None:
    """Delete 100 consecutive source sentences in the middle of a chapter; compare strict F1 on
    the gold beads the deletion does not touch, with and without the deletion."""
    src, tgt, gold = _concatenated()
    start = len(src) // 2 - 50
    gone = set(range(start, start + 100))
    touched = [b for b in gold if set(b.src) & gone]
    kept = [b for b in gold if not set(b.src) & gone]
    tgt_ok = set(range(len(tgt))) - {j for b in touched for j in b.tgt}
    src_ok = set(range(len(src))) - {i for b in touched for i in b.src}
    opts = AlignOptions(translator=Apertium(cache))
    full = align_sentences(Side(src, "en"), Side(tgt, "es"), opts)
    base = score([(kept, _restricted(full, src_ok, tgt_ok))])
    renumber = {i: i - (100 if i >= start + 100 else 0) for i in range(len(src)) if i not in gone}
    cut = align_sentences(Side([s for i, s in enumerate(src) if i not in gone], "en"), Side(tgt, "es"), opts)
    back = {v: k for k, v in renumber.items()}
    cut = [Bead(tuple(back[i] for i in b.src), b.tgt) for b in cut]
    after = score([(kept, _restricted(cut, src_ok, tgt_ok))])
    header(f"robustness: candide-dev as one document ({len(src)} x {len(tgt)}), source sentences "
           f"{start}-{start + 99} deleted; scores on the {len(kept)} untouched gold beads")
    print(row("no deletion", base))
    print(row("100 sentences deleted", after))
    print(f"strict F1 change: {after['f1_strict'] - base['f1_strict']:+.4f}")


def speed_one(copies: int) -> None:
    """One size, in this process: align candide-dev x copies (MT from the cache), print JSON."""
    src, tgt, _ = _concatenated()
    cache = FileCache()
    opts = AlignOptions(translator=Apertium(cache))
    align_sentences(Side(src[:40], "en"), Side(tgt[:40], "es"), opts)  # load compiled code
    started = time.perf_counter()
    beads = align_sentences(Side(src * copies, "en"), Side(tgt * copies, "es"), opts)
    seconds = time.perf_counter() - started
    peak = peak_mb()
    print(json.dumps({"copies": copies, "src": len(src) * copies, "tgt": len(tgt) * copies,
                      "beads": len(beads), "seconds": round(seconds, 2), "peak_mb": round(peak, 1)}))


def speed(cache: FileCache) -> None:
    src, tgt, _ = _concatenated()
    words = sum(len(t.split()) for t in set(tgt))
    started = time.perf_counter()
    Apertium({}).translate(sorted(set(tgt)), "spa-eng")
    seconds = time.perf_counter() - started
    Apertium(cache).translate(tgt, "spa-eng")
    cache.save()
    print(f"\n## speed\nApertium first run (no cache): {words} words in {seconds:.2f} s = {words / seconds:,.0f} words/s")
    print("size (copies of candide-dev)   sentences        seconds  peak MB  (alignment with MT cached)")
    for copies in (11, 22, 43):
        out = subprocess.run([sys.executable, "-m", "benchmarks.align_bench", "speed-one", str(copies)],
                             capture_output=True, text=True, check=True).stdout
        r = json.loads(out)
        print(f"x{copies:<29} {r['src']:>6} x {r['tgt']:<6} {r['seconds']:>8.2f} {r['peak_mb']:>8.1f}")
    print("reference (EVALUATION.md, same machine): hunalign 20.8 s / 449 MB on Candide x10 (15,240 x 11,960)")


def main(argv: list[str]) -> None:
    require_shared()
    if argv[:1] == ["speed-one"]:
        speed_one(int(argv[1]))
        return
    cache = FileCache()
    sections = {"quality": lambda: quality(cache), "mixed": lambda: mixed(cache),
                "cv": lambda: cross_validation(cache), "ablation": lambda: ablation(cache), "textberg": textberg,
                "ceiling": lexicon_ceiling, "archive": archive, "robust": lambda: robustness(cache),
                "speed": lambda: speed(cache)}
    for name in argv or list(sections):
        sections[name]()
    cache.save()


if __name__ == "__main__":
    main(sys.argv[1:])
