"""The command line: parse, call one core function, print. Results go to standard output;
progress bars, notices and errors to standard error, so outputs can be piped."""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from workbench import __version__, export, importing, ingest, store
from workbench.align.beads import format_bead
from workbench.align.confidence import DEFAULT_THRESHOLD
from workbench.align.mt import apertium_modes, apertium_version, mt_direction
from workbench.export import FORMATS, ExportRequest
from workbench.export.filters import Filters
from workbench.ingest.tmx import memory_languages, read_tmx
from workbench.inert import cell, inert, inert_line
from workbench.store import health
from workbench.wording import counted

DEFAULT_DB = Path("alignments") / "workbench.db"
err = Console(stderr=True, highlight=False)


class UsageError(Exception):
    """A request that cannot be carried out as given; one line for the user."""


def notice(message: str) -> None:
    """One line on standard error, inert: messages quote file names and text from the files."""
    err.print(inert_line(message), markup=False, highlight=False, soft_wrap=True)


@contextmanager
def progress(label: str, total: int) -> Iterator[Callable[..., None]]:
    """A rich progress bar on standard error; yields a function that advances it by one (or by
    `by`, or `to` a count), whatever else it is given, and that names a new `phase` of the work
    (drawn at once, however short the phase: the bar is otherwise drawn ten times a second)."""
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=err, transient=True,
                   disable=not err.is_terminal,  # in a log it would only leave a blank line
                   redirect_stdout=sys.stdout.isatty())  # results printed meanwhile go to standard output
    with bar:
        task = bar.add_task(label, total=total)
        shown = label

        def step(*_, by: int = 1, to: int | None = None, phase: str | None = None) -> None:
            nonlocal shown
            if phase is not None and phase != shown:
                shown = phase
                bar.update(task, description=escape(inert_line(phase)), refresh=True)
            if to is None:
                bar.advance(task, by)
            else:
                bar.update(task, completed=to)

        yield step


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db or os.environ.get("WORKBENCH_DB") or DEFAULT_DB)


def open_db(args: argparse.Namespace, write: bool = True):
    return store.open_database(db_path(args), write=write)


def cmd_import(args: argparse.Namespace) -> int:
    with progress("reading", 100) as step:
        src, tgt, notices = importing.read_pair(Path(args.src), Path(args.tgt), args.src_lang, args.tgt_lang,
                                                args.presplit, args.force, args.title,
                                                lambda phase, share: step(phase=phase, to=round(100 * share)))
    for line in notices:
        notice(line)
    db = open_db(args)
    with progress("storing sentences", len(src.sentences) + len(tgt.sentences)) as step:
        pair_id = store.add_pair(db, src, tgt, on_stored=lambda count: step(by=count))  # src.title is --title
    if pair_id is None:
        notice(f"already imported: {args.src} + {args.tgt} (nothing done)")
        return 0
    print(f"{pair_id}\t{cell(src.title)}\t{len(src.sentences)} {src.lang} / {len(tgt.sentences)} {tgt.lang} sentences")
    return 0


def _report_refused(refused: list[str], share: str, skip_bad: bool) -> None:
    """Name every refused file of a batch in one pass, not just the first; without --skip-bad
    the batch is refused as a whole (`share` says how much of it), in one line if one file is."""
    if len(refused) == 1 and not skip_bad:
        raise UsageError(f"{refused[0]}; nothing imported (--skip-bad imports the others)")
    for line in refused:
        notice(f"{'skipped' if skip_bad else 'refused'}: {line}")
    if refused and not skip_bad:
        raise UsageError(f"{share} refused, nothing imported (--skip-bad imports the others)")


def cmd_import_dir(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a directory")
    pairs, alone = importing.find_pairs(folder, args.src_lang, args.tgt_lang)
    if not pairs:
        raise UsageError(f"{folder}: no NAME.{args.src_lang} / NAME.{args.tgt_lang} pairs found")
    todo = importing.unstored(pairs, args.src_lang, args.tgt_lang, _stored_pairs(args))
    batch, notices, refused = [], [], []
    with progress("reading", len(todo)) as step:
        for pair in todo:
            try:
                src, tgt, found = importing.read_pair(pair.src, pair.tgt, args.src_lang, args.tgt_lang,
                                                      args.presplit, args.force)
            except ingest.InputError as exc:  # every bad file is named in one pass, not just the first
                refused.append(str(exc))
            else:
                batch.append(importing.Ready(pair.name, src, tgt))
                notices += found
            step()
    _report_refused(refused, f"{len(refused)} of {len(pairs)} pairs", args.skip_bad)
    _summarise_notices(notices)
    status = _store_batch(args, batch, len(pairs) - len(todo))
    for path in alone:
        notice(f"no partner: {path}")
    return status or (1 if refused else 0)


def _stored_pairs(args: argparse.Namespace) -> set[tuple[str, str, str, str]]:
    """The pairs stored already (see `store.pair_keys`), read without writing: a refused batch
    leaves the database as it was, and makes none."""
    path = db_path(args)
    return store.pair_keys(store.open_database(path, write=False)) if path.exists() else set()


def _store_batch(args: argparse.Namespace, batch: list[importing.Ready], already: int) -> int:
    """Store a batch checked whole, each pair in its own transaction: a review waits for the
    write lock a pair at a time, never for the whole batch, and a batch killed halfway keeps
    the pairs it stored; run again, it stores the rest (`already` counts the pairs it left out).
    A line on standard output for each pair stored, one on standard error for the batch;
    ctrl+c stops it after the pair it is storing."""
    db = open_db(args)
    store.batch_writes(db)
    new = 0
    try:
        with progress("storing", len(batch)) as step, _interrupt_heard() as interrupted:
            for ready in batch:
                if interrupted():
                    notice(f"workbench: interrupted; {_batch_line(new, already)}; run the command again for the rest")
                    return 130
                pair_id = importing.store_ready(db, ready)
                if pair_id is None:
                    already += 1
                else:
                    new += 1
                    print(_stored_line(pair_id, ready))
                step()
    except sqlite3.OperationalError as exc:  # locked past the busy timeout, a full disk
        raise UsageError(f"{db_path(args)}: {exc}; {_batch_line(new, already)}; run the command again for the "
                         "rest") from exc
    notice(_batch_line(new, already))
    return 0


@contextmanager
def _interrupt_heard() -> Iterator[Callable[[], bool]]:
    """ctrl+c noted instead of raised, for the caller to ask about between two steps: raised
    between a pair's commit and its count, it made the count one short."""
    heard: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: heard.append(number))
    try:
        yield lambda: bool(heard)
    finally:
        signal.signal(signal.SIGINT, previous)


def _stored_line(pair_id: int, ready: importing.Ready) -> str:
    if ready.beads is None:
        return f"{pair_id}\t{cell(ready.name)}\t{len(ready.src.sentences)} / {len(ready.tgt.sentences)} sentences"
    return f"{pair_id}\t{cell(ready.name)}\t{len(ready.beads)} units {ready.src.lang}-{ready.tgt.lang}"


def _batch_line(new: int, already: int) -> str:
    """`imported 1288 pairs; 1212 were already imported`"""
    return f"imported {counted(new, 'pair')}" + (
        f"; {already} {'was' if already == 1 else 'were'} already imported" if already else "")


def cmd_segment(args: argparse.Namespace) -> int:
    with progress("reading", 100) as step:
        doc = ingest.read(Path(args.file), args.lang, on_progress=lambda phase, share: step(phase=phase,
                                                                                            to=round(100 * share)))
    for line in doc.notes:
        notice(line)
    for sentence in doc.sentences:
        print(inert(sentence))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    summaries = store.pair_summaries(open_db(args, write=False), threshold=args.threshold)
    if args.json:
        print(json.dumps([asdict(s) for s in summaries], ensure_ascii=False))
        return 0
    print("id\ttitle\tlanguages\tsentences\tbeads\tconfirmed\tlow-confidence\tMT\tstatus\tscore")
    for s in summaries:
        mt = "-" if s.mt_used is None else ("yes" if s.mt_used else "no")
        score = "-" if s.score is None else f"{s.score:.3f}"
        print(f"{s.id}\t{cell(s.title)}\t{s.src_lang}-{s.tgt_lang}\t{s.src_sentences}/{s.tgt_sentences}"
              f"\t{s.beads}\t{s.confirmed}\t{s.low_confidence}\t{mt}\t{s.status}\t{score}")
    return 0


def _pair_or_fail(db, pair_id: int) -> store.PairSummary:
    found = store.pair_summaries(db, pair_id)
    if not found:
        raise UsageError(f"no pair {pair_id} (see `workbench list`)")
    return found[0]


def cmd_show(args: argparse.Namespace) -> int:
    db = open_db(args, write=False)
    summary = _pair_or_fail(db, args.pair)
    texts = store.pair_texts(db, args.pair)
    print(f"# {cell(summary.title)} ({summary.src_lang}-{summary.tgt_lang}), "
          f"{summary.beads} beads, {summary.confirmed} confirmed")
    for bead in store.beads(db, args.pair):
        src = " ".join(texts.src[i] for i in bead.src)
        tgt = " ".join(texts.tgt[j] for j in bead.tgt)
        print(f"{format_bead(bead)}\t{cell(src)}\t{cell(tgt)}")
    return 0


def cmd_align(args: argparse.Namespace) -> int:
    from workbench import aligning
    db = open_db(args)
    ids = args.pairs or (store.pair_ids(db) if args.realign else store.unaligned_pair_ids(db))
    if not (args.pairs or args.all or args.realign):
        raise UsageError("name the pairs to align, or use --all")
    if not ids:
        notice("nothing to align: every accepted pair is aligned (--realign recomputes them)"
               if store.pair_ids(db) else "nothing to align: no pairs yet (see workbench import)")
        return 0
    for pair_id in ids:
        if (status := _pair_or_fail(db, pair_id).status) != "accepted":
            raise UsageError(f"pair {pair_id} is {status}: accept it first (workbench review, "
                             "or pair-collection --accept)")
    _mt_notices(args.no_mt, store.pair_languages(db, ids))
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.dask_scheduler and importlib.util.find_spec("distributed") is None:
        raise UsageError("--dask-scheduler needs Dask: pip install 'workbench[cluster]'")
    done: set[int] = set()
    try:  # two rounds: see align_pairs
        with progress("aligning", 2 * len(ids)) as step:
            summary = aligning.align_pairs(db, ids, args.no_mt, args.realign or bool(args.pairs),
                                           lambda pid: (done.add(pid), step()), args.workers, args.dask_scheduler)
    except KeyboardInterrupt:
        notice(f"workbench: interrupted; aligned and saved {counted(len(done), 'pair')}, "
               "run the command again for the rest")
        return 130
    except OSError as exc:
        raise UsageError(f"alignment stopped after {counted(len(done), 'pair')}: {exc}") from exc
    notice(summary.line())
    return 0


def cmd_pair_collection(args: argparse.Namespace) -> int:
    from workbench import aligning, collection
    folders = [Path(args.src_dir), Path(args.tgt_dir)]
    for folder in folders:
        if not folder.is_dir():
            raise UsageError(f"{folder}: not a directory")
    files = [collection.article_files(folder) for folder in folders]
    if not all(files):
        raise UsageError(f"{folders[0 if not files[0] else 1]}: no files")
    with progress("reading", len(files[0]) + len(files[1])) as step:
        src, src_notes, src_refused = collection.read_articles(files[0], args.src_lang, args.force, step)
        tgt, tgt_notes, tgt_refused = collection.read_articles(files[1], args.tgt_lang, args.force, step)
    refused = src_refused + tgt_refused
    _report_refused(refused, f"{len(refused)} of {len(files[0]) + len(files[1])} articles", args.skip_bad)
    _summarise_notices(src_notes + tgt_notes)
    if not src or not tgt:
        raise UsageError("no articles left on one side")
    db = open_db(args)
    if (line := aligning.mt_notice(args.no_mt)):
        notice(line)
    with progress("translating", collection.sentences_to_translate(src, tgt, args.no_mt)) as step:
        result = collection.pair_documents(db, src, tgt, args.no_mt, args.threshold, lambda n: step(by=n))
    ids = collection.store_pairing(db, result, args.accept)
    for proposal, pair_id in zip(result.pairing.proposals, ids):
        s_path, t_path = cell(str(src[proposal.src].path)), cell(str(tgt[proposal.tgt].path))
        print(f"{s_path}\t{t_path}\t{proposal.score:.3f}" if args.tsv else
              f"{pair_id if pair_id is not None else '-'}\t{proposal.score:.3f}\t{s_path}\t{t_path}")
    for doc in [src[i] for i in result.pairing.unpaired_src] + [tgt[j] for j in result.pairing.unpaired_tgt]:
        notice(f"unpaired: {doc.path}")
    new = sum(1 for pair_id in ids if pair_id is not None)
    notice(f"{counted(len(ids), 'pair')} proposed ({new} new, {'accepted' if args.accept else 'to review'}); "
           f"{len(result.pairing.unpaired_src)} {args.src_lang} and {len(result.pairing.unpaired_tgt)} "
           f"{args.tgt_lang} articles unpaired")
    return 1 if refused else 0


def _summarise_notices(lines: list[str]) -> None:
    """Show notices, but fold the many "too short to check" ones of a collection or a folder into one line."""
    short = [line for line in lines if "too short to check" in line]
    for line in lines if len(short) < 4 else [line for line in lines if line not in short]:
        notice(line)
    if len(short) >= 4:
        notice(f"{len(short)} files too short to check their language; taken as declared")


def _mt_notices(no_mt: bool, language_pairs: Iterable[tuple[str, str]]) -> None:
    """Say once that MT is off, or else name, once each, the language pairs of the run that
    Apertium cannot translate."""
    from workbench import aligning
    if (line := aligning.mt_notice(no_mt)):
        notice(line)
        return
    for src_lang, tgt_lang in sorted(set(language_pairs)):
        if mt_direction(src_lang, tgt_lang) is None:
            notice(f"MT is off: Apertium has no {src_lang}-{tgt_lang} pair (the other signals align it)")


def cmd_align_pair(args: argparse.Namespace) -> int:
    from workbench.align import Side
    from workbench.align.collection import align_documents
    from workbench.evaluate import read_lines
    notes: list[str] = []
    src, tgt = (read_lines(Path(p), lang, notes) for p, lang in ((args.src, args.src_lang), (args.tgt, args.tgt_lang)))
    for line in notes:
        notice(line)
    _mt_notices(args.no_mt, [(args.src_lang, args.tgt_lang)])
    (beads,) = align_documents([(Side(src, args.src_lang), Side(tgt, args.tgt_lang))], no_mt=args.no_mt)
    sys.stdout.write("".join(format_bead(b) + "\n" for b in beads))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from workbench.evaluate import evaluate_dir, gold_names
    folder = Path(args.dir)
    names = gold_names(folder, args.names)
    if not names:
        raise UsageError(f"{folder}: no NAME.gold files")
    _mt_notices(args.no_mt, [(args.src_lang, args.tgt_lang)])
    notes: list[str] = []
    with progress("aligning", 2 * len(names)) as step:  # two rounds a document: see align_collection
        results = evaluate_dir(folder, names, args.src_lang, args.tgt_lang, args.no_mt,
                               Path(args.out) if args.out else None, step, notes)
    for line in notes:
        notice(line)
    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in results["total"].items()} | {"documents": len(names)}))
        return 0
    print("document\tP strict\tR strict\tF1 strict\tP lax\tR lax\tF1 lax")
    for name, r in results.items():
        print(cell(name), *(f"{r[k]:.4f}" for k in ("precision_strict", "recall_strict", "f1_strict",
                                             "precision_lax", "recall_lax", "f1_lax")), sep="\t")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    db = open_db(args, write=False)
    request = ExportRequest(args.format, Path(args.output), args.pair or [],
                            Filters(args.status, args.min_confidence, args.dedupe),
                            args.src_locale, args.tgt_locale, args.with_meta, args.force)
    with progress("exporting", export.count_units(db, request)) as step:
        summary = export.export(db, request, step)
    notice(summary.line())
    if summary.control_chars:
        notice(f"warning: removed {summary.control_chars} control characters that XML forbids")
    return 0


def cmd_import_tmx(args: argparse.Namespace) -> int:
    path = Path(args.file)
    stored = _stored_pairs(args)
    notes: list[str] = []
    with progress("reading", 2) as step:  # the whole memory, checked before anything is stored
        src_lang, tgt_lang, aligned = read_tmx(path, ingest.read_bytes(path), notes, args.force)
        step(phase="checking the languages")
        detected = memory_languages(aligned)
        step()
    for line in notes:
        notice(line)
    batch = [importing.Ready(pair.title, *pair.documents(path, src_lang, tgt_lang, detected), pair.beads)
             for pair in aligned]
    todo = [ready for ready in batch if ready.key() not in stored]
    return _store_batch(args, todo, len(batch) - len(todo))


def cmd_import_beads(args: argparse.Namespace) -> int:
    db = open_db(args)
    _pair_or_fail(db, args.pair)
    path = Path(args.file)
    beads = ingest.read_beads(path)
    store.load_beads(db, args.pair, beads, "import-beads")
    notice(f"pair {args.pair}: {len(beads)} beads loaded from {path}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    ids = list(dict.fromkeys(args.pairs))  # a pair named twice is removed once
    documents = store.remove_pairs(open_db(args), ids, args.force)
    notice(f"removed {counted(len(ids), 'pair')} and {counted(documents, 'document')} no other pair uses")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from workbench.review.session import Session
    path = db_path(args)
    db = store.open_database(path, write=False)  # refuse a missing or unusable database before the screen opens
    if args.pair is not None:
        _pair_or_fail(db, args.pair)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):  # it would draw into a pipe and wait for keys
        raise UsageError("review needs an interactive terminal (standard input and output)")
    session = Session(path)  # its database process starts while Textual is imported
    from workbench.review.app import ReviewApp
    ReviewApp(path, args.pair, session).run()
    return 0


def _aligner_line(version: str, older: list[int]) -> str:
    """The aligner's version, and which pairs an older one aligned (not a problem: their beads
    stay as they are until realigned)."""
    line = f"aligner: version {version}"
    if not older:
        return line
    command = "workbench align --realign" + ("".join(f" {k}" for k in older) if len(older) <= 10 else "")
    return (f"{line}; {counted(len(older), 'pair')} aligned by an older version: `{command}` recomputes "
            f"their unconfirmed, unedited beads")


def cmd_doctor(args: argparse.Namespace) -> int:
    from workbench.align import ALIGNER_VERSION
    db = open_db(args, write=False)
    found = health.problems(db)
    modes = apertium_modes()
    print(f"database: {inert_line(str(db_path(args)))} (schema {health.schema_version(db)})")
    print(f"pairs: {len(store.pair_ids(db))}")
    print(f"apertium: {'installed, data ' + apertium_version() + ', modes ' + ' '.join(sorted(modes)) if modes else 'not installed (MT off)'}")
    print(_aligner_line(ALIGNER_VERSION, health.aligned_before(db, ALIGNER_VERSION)))
    for line in found:
        print(f"PROBLEM: {line}")
    print("ok" if not found else f"{len(found)} problem(s)")
    return 1 if found else 0


EXAMPLES = {
    "import": "workbench import article.en.html article.es.html --title 'Syria, 4 Nov 2015'",
    "import-dir": "workbench import-dir corpora/articles",
    "segment": "workbench segment corpora/articles/udhr.en.txt --lang en",
    "list": "workbench list --json",
    "show": "workbench show 1",
    "align": "workbench align --all --workers 2",
    "pair-collection": "workbench pair-collection archive/en archive/es --tsv",
    "align-pair": "workbench align-pair candide-01.en candide-01.es --src-lang en --tgt-lang es",
    "eval": "workbench eval corpora/candide --src-lang en --tgt-lang es --out /tmp/beads",
    "doctor": "workbench doctor",
    "review": "workbench review 2",
    "export": "workbench export --format tmx -o memory.tmx --status confirmed",
    "import-tmx": "workbench import-tmx memory.tmx",
    "import-beads": "workbench import-beads 3 candide-03.gold",
    "remove": "workbench remove 7 8",
}


def _command(sub, name: str, func, help_text: str) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=help_text,
                            epilog=f"example: {EXAMPLES[name]}")
    parser.set_defaults(func=func)
    return parser


def _share(text: str) -> float:
    """A command-line number from 0 to 1 (a confidence or a score)."""
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def _skip_bad(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--skip-bad", action="store_true",
                        help="import the rest when some files are refused (exit status 1); without it nothing is")


def _lang(text: str) -> str:
    """A language code as the workbench keeps it: `EN` is `en`, `ES-mx` is `es-mx` (the rest
    is kept as given)."""
    primary, dash, rest = text.partition("-")
    return primary.lower() + dash + rest


def _langs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--src-lang", type=_lang, default="en", help="language of the source side (default en)")
    parser.add_argument("--tgt-lang", type=_lang, default="es", help="language of the target side (default es)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description=__doc__.split(".")[0] + ".",
                                     epilog="example: workbench import-dir corpora/articles && workbench align --all")
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("--db", help=f"database file (default $WORKBENCH_DB or {DEFAULT_DB})")
    sub = parser.add_subparsers(dest="command", required=True)

    p = _command(sub, "import", cmd_import, "import one document pair (the first file is the source)")
    p.add_argument("src")
    p.add_argument("tgt")
    p.add_argument("--title")
    _langs(p)
    p.add_argument("--presplit", action="store_true", help="files hold one sentence a line; keep them as given")
    p.add_argument("--force", action="store_true", help="import even if the detected language contradicts")

    p = _command(sub, "import-dir", cmd_import_dir, "import every NAME.<src>/NAME.<tgt> pair of a folder")
    p.add_argument("dir")
    _langs(p)
    p.add_argument("--presplit", action="store_true")
    p.add_argument("--force", action="store_true")
    _skip_bad(p)

    p = _command(sub, "segment", cmd_segment, "print the sentences an import would store (dry run)")
    p.add_argument("file")
    p.add_argument("--lang", type=_lang, default="en")

    p = _command(sub, "list", cmd_list, "list the pairs")
    p.add_argument("--json", action="store_true")
    p.add_argument("--threshold", type=_share, default=DEFAULT_THRESHOLD,
                   help=f"beads under this confidence count as low-confidence (default {DEFAULT_THRESHOLD})")

    p = _command(sub, "show", cmd_show, "show one pair's beads with their text")
    p.add_argument("pair", type=int)

    p = _command(sub, "align", cmd_align, "align stored pairs")
    p.add_argument("pairs", nargs="*", type=int)
    p.add_argument("--all", action="store_true", help="every pair not aligned yet")
    p.add_argument("--realign", action="store_true",
                   help="recompute aligned pairs, keeping confirmed and edited beads")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="worker processes computing alignments (this process alone writes); default 1")
    p.add_argument("--dask-scheduler", metavar="ADDR",
                   help="compute on a Dask distributed cluster, e.g. tcp://10.0.0.5:8786 (needs workbench[cluster])")
    p.add_argument("--no-mt", action="store_true", help="do not use Apertium")

    p = _command(sub, "pair-collection", cmd_pair_collection,
                 "find which articles of two folders translate each other; store them as proposed pairs")
    p.add_argument("src_dir")
    p.add_argument("tgt_dir")
    _langs(p)
    p.add_argument("--tsv", action="store_true", help="print SRC_PATH<TAB>TGT_PATH<TAB>score lines")
    p.add_argument("--threshold", type=_share, default=0.5,
                   help="lowest score of a proposed pair, 0-1 (default 0.5)")
    p.add_argument("--accept", action="store_true", help="store the pairs as accepted, ready for align --all")
    p.add_argument("--force", action="store_true", help="do not check the articles' languages")
    _skip_bad(p)
    p.add_argument("--no-mt", action="store_true", help="do not use Apertium")

    p = _command(sub, "align-pair", cmd_align_pair, "align two one-sentence-a-line files, print beads")
    p.add_argument("src")
    p.add_argument("tgt")
    _langs(p)
    p.add_argument("--no-mt", action="store_true")

    p = _command(sub, "eval", cmd_eval, "align NAME.<src>/NAME.<tgt> files and score them against NAME.gold")
    p.add_argument("dir")
    p.add_argument("names", nargs="*")
    _langs(p)
    p.add_argument("--out", help="keep each output as OUT/NAME.beads")
    p.add_argument("--json", action="store_true", help="print only the totals as one JSON line")
    p.add_argument("--no-mt", action="store_true")

    p = _command(sub, "export", cmd_export, "export aligned pairs as TMX, TSV, Moses, JSONL or beads")
    p.add_argument("--format", required=True, choices=[f.name for f in FORMATS],
                   help="; ".join(f"{f.name}: {f.what}" for f in FORMATS))
    p.add_argument("-o", "--output", required=True,
                   help="file, or file prefix for moses (PREFIX.<lang>). An existing regular file is replaced "
                        "once the export is complete; a pipe or a device is written into, and - (or /dev/stdout) writes to standard output. Refused: "
                        "a folder, a read-only file, the database and its -wal, -shm and -journal files (also through "
                        "a link), and a symbolic link to a file unless --force")
    p.add_argument("--pair", type=int, action="append", help="a pair to export (repeat; default all)")
    p.add_argument("--status", choices=["confirmed", "all"], default="all",
                   help="confirmed beads only, or auto and confirmed (rejected beads never)")
    p.add_argument("--min-confidence", type=_share)
    p.add_argument("--dedupe", action="store_true", help="drop repeated source/target pairs")
    p.add_argument("--src-locale", help="TMX language code of the source (default e.g. en-US)")
    p.add_argument("--tgt-locale", help="TMX language code of the target (default e.g. es-ES)")
    p.add_argument("--with-meta", action="store_true", help="TSV: add pair, confidence and status columns")
    p.add_argument("--force", action="store_true",
                   help="-o may be a symbolic link: replace the file it points to")

    p = _command(sub, "import-tmx", cmd_import_tmx, "create aligned pairs from a TMX translation memory")
    p.add_argument("file")
    p.add_argument("--force", action="store_true",
                   help="import a file with <tuv>s that have no xml:lang or repeat a language, leaving them out "
                        "(the first of a language kept); without it such a file is refused")

    p = _command(sub, "import-beads", cmd_import_beads, "load a bead file as the alignment of a pair")
    p.add_argument("pair", type=int)
    p.add_argument("file")

    p = _command(sub, "remove", cmd_remove, "delete pairs with their alignments, and the documents no other pair uses")
    p.add_argument("pairs", type=int, nargs="+", metavar="PAIR")
    p.add_argument("--force", action="store_true", help="also remove pairs with reviewed beads")

    p = _command(sub, "review", cmd_review, "review and correct alignments in the terminal")
    p.add_argument("pair", type=int, nargs="?")

    _command(sub, "doctor", cmd_doctor, "check the database and the installation")
    return parser


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for stream in (sys.stdout, sys.stderr):  # a Latin-1 or ASCII terminal gets escapes, not a crash
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ingest.InputError, store.StoreError, UsageError, ValueError) as exc:
        notice(f"workbench: error: {exc}")
        return 2
    except sqlite3.OperationalError as exc:  # locked past the busy timeout, a full disk
        notice(f"workbench: error: {db_path(args)}: {exc}")
        return 2
    except sqlite3.DatabaseError as exc:  # pages or schema overwritten: the file is damaged
        notice(f"workbench: error: {db_path(args)} is damaged ({exc}); restore a copy, or try "
               "`sqlite3 FILE .recover`")
        return 2
    except OSError as exc:  # a full disk, a closed pipe, a file that vanished while being read
        notice(f"workbench: error: {exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}")
        return 2
    except KeyboardInterrupt:
        notice("workbench: interrupted; nothing was saved for the unfinished action")
        return 130
