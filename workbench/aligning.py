"""Aligning stored pairs: read sides and anchors from the store, run the pure aligner, save."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from collections.abc import Callable
from dataclasses import asdict

from sqlite_utils import Database

from workbench import store
from workbench.align import ALIGNER_VERSION, AlignOptions, Bead, Side, align_sentences, format_bead, parse_beads
from workbench.align.mt import Apertium, apertium_modes, apertium_version, mode_for

MT_OFF_NOTICE = "MT is off: Apertium is not installed; aligning with lengths, numbers, names, cognates and the learnt lexicon"


def translator_for(src_lang: str, tgt_lang: str, no_mt: bool, cache=None) -> Apertium | None:
    """An Apertium translator when MT is wanted and installed for this pair, else None."""
    if no_mt or not (mode_for(tgt_lang, src_lang) or mode_for(src_lang, tgt_lang)):
        return None
    return Apertium(cache)


def mt_notice(no_mt: bool) -> str | None:
    """What to say once about MT being off, or None when it is on."""
    if no_mt:
        return "MT is off (--no-mt)"
    return None if apertium_modes() else MT_OFF_NOTICE


def align_pair(db: Database, pair_id: int, no_mt: bool = False, realign: bool = False) -> list[Bead]:
    """Align one stored pair (keeping confirmed/edited beads when realigning) in one transaction."""
    texts = store.pair_texts(db, pair_id)
    cache = store.MTCache(db)
    translator = translator_for(texts.src_lang, texts.tgt_lang, no_mt, cache)
    opts = AlignOptions(translator=translator)
    anchors = store.anchor_beads(db, pair_id) if realign else []
    started = time.time()
    beads = align_sentences(Side(texts.src, texts.src_lang, texts.src_paragraphs),
                            Side(texts.tgt, texts.tgt_lang, texts.tgt_paragraphs), opts, anchors)
    run = {"aligner_version": ALIGNER_VERSION, "params": asdict(opts.params),
           "mt_used": translator is not None,
           "mt_version": apertium_version() if translator else None,
           "seconds": round(time.time() - started, 3)}
    store.save_alignment(db, pair_id, beads, run, cache)
    return beads


def align_pairs(db: Database, pair_ids: list[int], no_mt: bool = False, realign: bool = False,
                on_done: Callable[[int], None] | None = None) -> int:
    """Align several pairs one after the other; returns the number of beads written."""
    total = 0
    for pair_id in pair_ids:
        total += len(align_pair(db, pair_id, no_mt, realign))
        if on_done:
            on_done(pair_id)
    return total


def realign_pair(db_path: str, pair_id: int, anchors: list[Bead], no_mt: bool = False) -> list[Bead]:
    """Beads for a pair that keep `anchors`. New translations go to the MT cache here."""
    db = store.open_database(Path(db_path))
    texts = store.pair_texts(db, pair_id)
    cache = store.MTCache(db)
    opts = AlignOptions(translator=translator_for(texts.src_lang, texts.tgt_lang, no_mt, cache))
    beads = align_sentences(Side(texts.src, texts.src_lang, texts.src_paragraphs),
                            Side(texts.tgt, texts.tgt_lang, texts.tgt_paragraphs), opts, anchors)
    with db.atomic():
        cache.flush()
    return beads


def main() -> None:
    """`python -m workbench.aligning DB PAIR`: the review UI's re-alignment process (the search is
    CPU-bound, so it runs outside the UI's process). Anchors come in on standard input and beads
    go out on standard output, both in the bead format."""
    anchors = parse_beads(sys.stdin.read())
    beads = realign_pair(sys.argv[1], int(sys.argv[2]), anchors)
    sys.stdout.write("".join(format_bead(b) + "\n" for b in beads))


if __name__ == "__main__":
    main()
