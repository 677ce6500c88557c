"""Exports: TMX, TSV, Moses, JSONL and bead files, all through the same filters."""

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
from workbench.export.writers import write_beads, write_jsonl, write_moses, write_tmx, write_tsv

FORMATS = ("tmx", "tsv", "moses", "jsonl", "beads")
LOCALES = {"en": "en-US", "es": "es-ES", "fr": "fr-FR", "de": "de-DE", "pt": "pt-PT", "it": "it-IT",
           "ca": "ca-ES"}
ONE_LANGUAGE_PAIR = {"tmx", "moses", "tsv"}


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
    force: bool = False  # write through a symbolic link (replacing the file it points to)


def _counted(units: Iterator[Unit], on_unit: Callable[[], None] | None) -> Iterator[Unit]:
    for unit in units:
        if on_unit:
            on_unit()
        yield unit


def _languages(db: Database, pairs: list[int]) -> set[tuple[str, str]]:
    return {(s.src_lang, s.tgt_lang) for s in store.pair_summaries(db) if s.id in pairs}


def _check(db: Database, request: ExportRequest) -> tuple[list[int], set[tuple[str, str]]]:
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
    if request.fmt == "beads" and len(pairs) != 1:
        raise ValueError("the beads format holds one pair: give exactly one --pair")
    langs = _languages(db, pairs)
    if request.fmt in ONE_LANGUAGE_PAIR and len(langs) > 1:
        combos = ", ".join(sorted(f"{a}-{b}" for a, b in langs))
        raise ValueError(f"{request.fmt} holds one language pair, these pairs have {combos}: choose with --pair")
    return pairs, langs


def count_units(db: Database, request: ExportRequest) -> int:
    """How many beads the export will read (for a progress bar)."""
    return store.count_beads(db, request.pairs or store.pair_ids(db))


def export(db: Database, request: ExportRequest, on_unit: Callable[[], None] | None = None) -> Summary:
    """Write the export; all of its files appear together, or none does."""
    pairs, langs = _check(db, request)
    ((src_lang, tgt_lang),) = langs if request.fmt in ONE_LANGUAGE_PAIR else ((None, None),)
    paths = ([request.out.with_name(f"{request.out.name}.{lang}") for lang in (src_lang, tgt_lang)]
             if request.fmt == "moses" else [request.out])
    check_targets(paths, database_file(db), request.force)
    summary = Summary()
    units = _counted(store.iter_units(db, pairs), on_unit)
    if request.fmt == "beads":
        with atomic_files(paths) as (handle,):
            write_beads(handle, units, summary)
        return summary
    kept = request.filters.apply(units, summary)
    if request.fmt == "tmx":
        with atomic_files(paths, binary=True) as (handle,):
            write_tmx(handle, kept, summary, request.src_locale or LOCALES.get(src_lang, src_lang),
                      request.tgt_locale or LOCALES.get(tgt_lang, tgt_lang))
    elif request.fmt == "moses":
        with atomic_files(paths) as (src_handle, tgt_handle):
            write_moses(src_handle, tgt_handle, kept, summary)
    elif request.fmt == "tsv":
        with atomic_files(paths) as (handle,):
            write_tsv(handle, kept, summary, request.with_meta)
    else:
        with atomic_files(paths) as (handle,):
            write_jsonl(handle, kept, summary)
    return summary
