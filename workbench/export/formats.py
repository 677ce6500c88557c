"""The export formats, one entry each: what the command line offers and what `export` writes
come from this list, so a new format is one writer (writers.py) and one entry here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from workbench.export.filters import Summary
from workbench.export.writers import write_beads, write_jsonl, write_moses, write_tmx, write_tsv
from workbench.store import Unit

LOCALES = {"en": "en-US", "es": "es-ES", "fr": "fr-FR", "de": "de-DE", "pt": "pt-PT", "it": "it-IT",
           "ca": "ca-ES"}
Languages = tuple[str, str]


@dataclass(frozen=True)
class Options:
    """What the formats may ask of an export besides its units."""

    languages: Languages | None  # the pairs' one language pair, for the formats that hold one
    src_locale: str | None = None
    tgt_locale: str | None = None
    with_meta: bool = False

    def locales(self) -> tuple[str, str]:
        """TMX language codes: as given, or the usual locale of each language."""
        src, tgt = self.languages or ("", "")
        return self.src_locale or LOCALES.get(src, src), self.tgt_locale or LOCALES.get(tgt, tgt)


Writer = Callable[[list[IO], Iterable[Unit], Summary, Options], None]


@dataclass(frozen=True)
class Format:
    """One export format: its name on the command line, what it is, how it writes, and what it
    can hold."""

    name: str
    what: str
    write: Writer
    one_language_pair: bool = True  # its files have no room for a language per unit
    one_pair: bool = False  # it holds one pair (bead ids are sentence numbers of one document pair)
    filtered: bool = True  # --status, --min-confidence and --dedupe apply (not to a pair's whole alignment)
    binary: bool = False
    split_by_language: bool = False  # PREFIX.<src> and PREFIX.<tgt>, not one file
    # the beads it takes without --status: a translation memory holds what a person confirmed,
    # a training corpus every bead not rejected
    status: str = "all"

    def paths(self, out: Path, languages: Languages | None) -> list[Path]:
        """The files it writes for `-o out`."""
        if self.split_by_language and languages:
            return [out.with_name(f"{out.name}.{lang}") for lang in languages]
        return [out]


FORMATS = (
    Format("tmx", "a TMX 1.4 translation memory, with notes and confidence as props",
           lambda files, units, summary, opts: write_tmx(files[0], units, summary, *opts.locales()), binary=True,
           status="confirmed"),
    Format("tsv", "source and target separated by a tab (--with-meta adds pair, confidence, status)",
           lambda files, units, summary, opts: write_tsv(files[0], units, summary, opts.with_meta)),
    Format("moses", "PREFIX.<src> and PREFIX.<tgt>, a line each, as Moses and most MT tools read them",
           lambda files, units, summary, opts: write_moses(files[0], files[1], units, summary),
           split_by_language=True),
    Format("jsonl", "a JSON object a line, with the pair, languages, confidence and status",
           lambda files, units, summary, opts: write_jsonl(files[0], units, summary), one_language_pair=False),
    Format("beads", "one pair's alignment in the bead format (what eval and import-beads read)",
           lambda files, units, summary, opts: write_beads(files[0], units, summary), one_language_pair=False,
           one_pair=True, filtered=False),
)
BY_NAME = {fmt.name: fmt for fmt in FORMATS}
