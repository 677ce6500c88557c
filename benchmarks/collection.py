"""A test archive built from ../shared/data: English and Spanish articles under meaningless
names in two folders, with the truth of which translates which.

Articles: the UDHR preamble and its 30 articles, the Europarl sitting's interventions (shared
ids) and the Candide chapters cut at gold bead boundaries into parts of about five English
sentences. Decoys: articles whose partner is dropped, on each side.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from defusedxml import ElementTree

from benchmarks.common import SHARED, load_set

CANDIDE_PART = 5  # English sentences per Candide part (cut at the next bead boundary)


def udhr() -> list[tuple[str, str]]:
    """The preamble and the 30 articles, English and Spanish."""
    parts = []
    for lang, heading in (("en", r"Article \d+"), ("es", r"Artículo \d+")):
        text = (SHARED / "udhr-en-es" / f"udhr.{lang}.txt").read_text(encoding="utf-8")
        lines = [line.strip() for line in text.splitlines() if line.strip()][1:]
        articles, current = [], []
        for line in lines:
            if re.fullmatch(heading, line) and current:
                articles.append("\n\n".join(current))
                current = []
            current.append(line)
        articles.append("\n\n".join(current))
        parts.append(articles)
    return list(zip(*parts))


def europarl() -> list[tuple[str, str]]:
    """Interventions present in both languages, paired by their shared id."""
    sides = []
    for lang in ("EN", "ES"):
        root = ElementTree.parse(SHARED / "europarl-1999-10-04-en-es" / f"19991004.{lang}.xml").getroot()
        sides.append({i.get("id"): "\n\n".join("".join(p.itertext()).strip() for p in i.iter("p"))
                      for i in root.iter("intervention")})
    en, es = sides
    return [(en[k], es[k]) for k in en if k in es and en[k].strip() and es[k].strip()]


def candide() -> list[tuple[str, str]]:
    """Chapters cut into parts at gold bead boundaries."""
    parts = []
    for _, src, tgt, gold in load_set("candide-dev", "en", "es"):
        part_src: list[int] = []
        part_tgt: list[int] = []
        for bead in gold:
            part_src.extend(bead.src)
            part_tgt.extend(bead.tgt)
            if len(part_src) >= CANDIDE_PART:
                parts.append((" ".join(src[i] for i in part_src), " ".join(tgt[j] for j in part_tgt)))
                part_src, part_tgt = [], []
        if part_src and part_tgt:
            parts.append((" ".join(src[i] for i in part_src), " ".join(tgt[j] for j in part_tgt)))
    return [p for p in parts if p[0].strip() and p[1].strip()]


def build(root: Path, decoys: int = 20, seed: int = 7) -> tuple[dict[str, str], list[str], list[str]]:
    """Write the archive under root/en and root/es. Returns the true pairs (English file name
    to Spanish file name) and the decoys of each side (file names)."""
    rng = random.Random(seed)
    articles = udhr() + europarl() + candide()
    rng.shuffle(articles)
    names = rng.sample(range(16**6), 2 * len(articles))
    truth, src_decoys, tgt_decoys = {}, [], []
    for lang in ("en", "es"):
        (root / lang).mkdir(parents=True, exist_ok=True)
    for k, (en, es) in enumerate(articles):
        en_name, es_name = f"{names[2 * k]:06x}.txt", f"{names[2 * k + 1]:06x}.txt"
        if k >= decoys:
            (root / "en" / en_name).write_text(en + "\n", encoding="utf-8")
        if k < decoys or k >= 2 * decoys:
            (root / "es" / es_name).write_text(es + "\n", encoding="utf-8")
        if k < decoys:
            tgt_decoys.append(es_name)
        elif k < 2 * decoys:
            src_decoys.append(en_name)
        else:
            truth[en_name] = es_name
    return truth, src_decoys, tgt_decoys
