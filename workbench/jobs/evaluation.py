"""`workbench eval`: align the documents of a gold folder exactly as `workbench align` aligns
them once imported, and score the beads against the gold (`workbench.metrics`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbench.align import AlignOptions, Side
from workbench.align.beads import Bead, format_bead
from workbench.align.collection import align_documents
from workbench.ingest import InputError, read_beads, read_lines
from workbench.metrics import score


def read_side(path: Path, lang: str, notes: list[str] | None = None) -> Side:
    """One side of a document from a file of one sentence a line or of one JSON object a line
    (see `ingest.read_lines`), with the sentences, paragraphs and block kinds an import stores
    (so `eval` aligns what `align` would); what decoding guessed or repaired is appended to
    `notes`."""
    units = read_lines(path, lang, notes)
    if not any(s.strip() for s in units.sentences):
        raise InputError(f"{path}: no text to align (empty or only whitespace)")
    return Side(units.sentences, lang, units.paragraphs, units.kinds)


def side_file(folder: Path, name: str, lang: str) -> Path:
    """A document's side in a gold folder: NAME.<lang>.jsonl (sentences with their blocks) if
    there is one, else NAME.<lang> (one sentence a line)."""
    structured = folder / f"{name}.{lang}.jsonl"
    return structured if structured.exists() else folder / f"{name}.{lang}"


def _gold(path: Path, src_count: int, tgt_count: int) -> list[Bead]:
    """The gold beads of a document, which must name only sentences its files have."""
    gold = read_beads(path)
    src_top = max((i for bead in gold for i in bead.src), default=-1)
    tgt_top = max((j for bead in gold for j in bead.tgt), default=-1)
    if src_top >= src_count or tgt_top >= tgt_count:
        raise InputError(f"{path}: names sentence {max(src_top, tgt_top)} but the documents have "
                         f"{src_count} and {tgt_count} sentences (ids count from 0)")
    return gold


def gold_names(folder: Path, names: list[str] | None = None) -> list[str]:
    """The documents of an evaluation folder: those named, or every NAME with a NAME.gold."""
    return names or sorted(p.stem for p in folder.glob("*.gold"))


def aligned_golds(folder: Path, names: list[str], src_lang: str, tgt_lang: str, no_mt: bool,
                  on_done: Callable[[int], None] | None = None, notes: list[str] | None = None,
                  options: AlignOptions | None = None) -> list[tuple[list[Bead], list[Bead]]]:
    """(gold, output) of every named document of a gold folder: NAME.<src>/NAME.<tgt> aligned
    as one collection, exactly as `workbench align` aligns them once imported (see
    `workbench.align.collection`). What decoding the files guessed or repaired is appended to
    `notes`."""
    documents = [(read_side(side_file(folder, n, src_lang), src_lang, notes),
                  read_side(side_file(folder, n, tgt_lang), tgt_lang, notes)) for n in names]
    golds = [_gold(folder / f"{n}.gold", len(src.sentences), len(tgt.sentences))
             for n, (src, tgt) in zip(names, documents)]  # checked before the long part
    return list(zip(golds, align_documents(documents, options, no_mt, on_done=on_done)))


def evaluate_dir(folder: Path, names: list[str], src_lang: str, tgt_lang: str, no_mt: bool,
                 out_dir: Path | None = None, on_done: Callable[[int], None] | None = None,
                 notes: list[str] | None = None, options: AlignOptions | None = None) -> dict[str, dict[str, float]]:
    """The scores of every named document of a gold folder aligned by `aligned_golds`, by name,
    plus `"total"` over all of them. With out_dir, keeps NAME.beads there."""
    scored = aligned_golds(folder, names, src_lang, tgt_lang, no_mt, on_done, notes, options)
    results = {}
    for name, (gold, output) in zip(names, scored):
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            (out_dir / f"{name}.beads").write_text("".join(format_bead(b) + "\n" for b in output))
        results[name] = score([(gold, output)])
    results["total"] = score(scored)
    return results
