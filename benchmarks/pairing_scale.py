"""Pairing at scale (issue 24): N English and N Spanish articles of about 500 words.

    python -m benchmarks.pairing_scale build DIR [N]   # N articles a side in DIR/en, DIR/es, DIR/truth.tsv (N = 5000)
    /usr/bin/time -f "%e s %M KB" python -m workbench --db DIR.db pair-collection DIR/en DIR/es --tsv --workers 2 > OUT
    python -m benchmarks.pairing_scale score DIR OUT   # found / false / missed of that output

On 2 shared cores: 401 s; /usr/bin/time's %M (the largest process, here the main one) 1,157 MB;
the sum over the process and its workers, sampled with `ps` every 2 s, at most 1,224 MB (in
another run, 419 s); 4,736 of 4,736 true pairs found, 10 false (decoys that share one or two of
their five segments, so 19% to 40% of their text, with another decoy).

The articles are cut from the React documentation's true pairs (`../shared/data/react-docs-en-es`):
each pair is sentence-aligned (as `workbench align` would), its prose beads are cut into segments
of about 100 English words, and each article puts five segments drawn at random together, in both
languages. Segments are reused (the pages hold about 2,600 of them), so each article also gets a
name of its own, a made-up word written into each of its paragraphs on both sides, as a product
or a person an article is about. A twentieth of the articles lose their Spanish side and as many
their English side: decoys on both sides.
"""

from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

from benchmarks.common import SHARED

SEGMENT_WORDS = 100
SEGMENTS = 5  # an article's segments: about 500 words
DECOYS = 20  # one article in DECOYS loses its Spanish side, another its English side


def segments() -> list[tuple[str, str]]:
    """(English, Spanish) segments of about SEGMENT_WORDS English words, cut between beads of
    the React pages' true pairs; code and beads missing a side are left out."""
    from workbench import ingest
    from workbench.align import Side
    from workbench.align.collection import align_documents
    from workbench.model import CODE
    root = SHARED / "react-docs-en-es"
    pairs = [line.split("\t")[:2] for line in (root / "truth.tsv").read_text().splitlines() if line]
    docs = [(ingest.read(root / "en" / en, "en"), ingest.read(root / "es" / es, "es")) for en, es in pairs]
    sides = [tuple(Side(d.sentences, d.lang, d.paragraphs, d.structure()[0]) for d in pair) for pair in docs]
    out = []
    for (src, tgt), beads in zip(docs, align_documents(sides)):
        en: list[str] = []
        es: list[str] = []
        for bead in beads:
            if not (bead.src and bead.tgt) or any(src.structure()[0][i] == CODE for i in bead.src) or any(
                    tgt.structure()[0][j] == CODE for j in bead.tgt):
                continue
            en += [src.sentences[i] for i in bead.src]
            es += [tgt.sentences[j] for j in bead.tgt]
            if sum(len(s.split()) for s in en) >= SEGMENT_WORDS:
                out.append((" ".join(en), " ".join(es)))
                en, es = [], []
    return out


def name(rng: random.Random) -> str:
    """A made-up word (consonant-vowel syllables) to stand for what an article is about."""
    return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4)).capitalize()


def build(root: Path, count: int, seed: int = 11) -> None:
    """`count` articles in each language under root/en and root/es, and root/truth.tsv."""
    rng = random.Random(seed)
    pool = segments()
    print(f"{len(pool)} segments of about {SEGMENT_WORDS} words", file=sys.stderr)
    for lang in ("en", "es"):
        (root / lang).mkdir(parents=True, exist_ok=True)
    ids = iter(rng.sample(range(16**6), 3 * count))
    truth, written = [], {"en": 0, "es": 0}
    for k in itertools.count():
        if min(written.values()) >= count:
            break
        chosen, about = rng.sample(pool, SEGMENTS), name(rng)
        names = {}
        for side, lang in enumerate(("en", "es")):
            if k % DECOYS != 1 - side and written[lang] < count:
                names[lang] = f"{next(ids):06x}.txt"
                text = "\n\n".join(f"{about}: {segment[side]}" for segment in chosen) + "\n"
                (root / lang / names[lang]).write_text(text, encoding="utf-8")
                written[lang] += 1
        if len(names) == 2:
            truth.append(f"{names['en']}\t{names['es']}")
    (root / "truth.tsv").write_text("\n".join(truth) + "\n", encoding="utf-8")


def score(root: Path, output: Path) -> None:
    from workbench.display import uncell
    truth = dict(line.split("\t") for line in (root / "truth.tsv").read_text().splitlines() if line)
    rows = [line.split("\t") for line in output.read_text().splitlines() if line]
    found = sum(1 for r in rows if truth.get(Path(uncell(r[0])).name) == Path(uncell(r[1])).name)
    print(f"{len(truth)} true pairs: found {found}, false {len(rows) - found}, missed {len(truth) - found}")


def main() -> None:
    what, root = sys.argv[1], Path(sys.argv[2])
    if what == "build":
        build(root, int(sys.argv[3]) if len(sys.argv) > 3 else 5000)
    else:
        score(root, Path(sys.argv[3]))


if __name__ == "__main__":
    main()
