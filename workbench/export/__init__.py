"""Exports: every format of `formats.FORMATS`, all through the same checks and filters, all of
a format's files written together or none."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from workbench import store
from workbench.store import Unit
from workbench.store.database import database_file
from workbench.export.files import atomic_files, check_targets
from workbench.export.filters import Filters, Summary
from workbench.export.formats import BY_NAME, FORMATS, Format, Options

__all__ = ["FORMATS", "ExportRequest", "Filters", "Summary", "count_units", "export"]


@dataclass(frozen=True)
class ExportRequest:
    """What to export, where, and how."""

    fmt: str
    out: Path
    pairs: list[int]
    filters: Filters
    src_locale: str | None = None
    tgt_locale: str | None = None
    with_meta: bool = False
    follow_symlink: bool = False  # write through a symbolic link (replacing the file it points to)


def _counted(units: Iterator[Unit], on_unit: Callable[[], None] | None) -> Iterator[Unit]:
    for unit in units:
        if on_unit:
            on_unit()
        yield unit


def _languages(db: Database, pairs: list[int]) -> set[tuple[str, str]]:
    return {(s.src_lang, s.tgt_lang) for s in store.pair_summaries(db) if s.id in pairs}


def _check(db: Database, request: ExportRequest, fmt: Format) -> tuple[list[int], set[tuple[str, str]]]:
    """The pairs to export and their language combinations, refusing what cannot be written."""
    known = store.pair_ids(db)
    named = list(dict.fromkeys(request.pairs))  # a pair named twice is exported once
    pairs = named or known
    missing = sorted(set(pairs) - set(known))
    if missing:
        raise ValueError(f"no pair {missing[0]} (see `workbench list`)")
    if not pairs:
        raise ValueError("the database has no pairs to export")
    unaligned = [p for p in named if not store.count_beads(db, [p])]
    if unaligned:  # named on purpose, so an empty file would hide a mistake
        raise ValueError(f"pair {unaligned[0]} is not aligned yet: nothing to export (align it first)")
    if fmt.one_pair and len(pairs) != 1:
        raise ValueError(f"the {fmt.name} format holds one pair: give exactly one --pair")
    langs = _languages(db, pairs)
    if fmt.one_language_pair and len(langs) > 1:
        combos = ", ".join(sorted(f"{a}-{b}" for a, b in langs))
        raise ValueError(f"{request.fmt} holds one language pair, these pairs have {combos}: choose with --pair")
    return pairs, langs


def count_units(db: Database, request: ExportRequest) -> int:
    """How many beads the export will read (for a progress bar)."""
    return store.count_beads(db, request.pairs or store.pair_ids(db))


def export(db: Database, request: ExportRequest, on_unit: Callable[[], None] | None = None) -> Summary:
    """Write the export; all of its files appear together, or none does."""
    fmt = BY_NAME[request.fmt]
    pairs, langs = _check(db, request, fmt)
    languages = next(iter(langs)) if fmt.one_language_pair else None
    paths = fmt.paths(request.out, languages)
    check_targets(paths, database_file(db), request.follow_symlink)
    summary = Summary()
    units = _counted(store.iter_units(db, pairs), on_unit)
    with atomic_files(paths, binary=fmt.binary) as files:
        fmt.write(files, request.filters.apply(units, summary) if fmt.filtered else units, summary,
                  Options(languages, request.src_locale, request.tgt_locale, request.with_meta))
    return summary
