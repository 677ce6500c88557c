"""The command line: parse, call one job, print. Results go to standard output; progress bars,
notices and errors to standard error, so outputs can be piped.

Each command is declared once, where its function is: `@command(name, help, example, options)`.
Options several commands share (`LANGUAGES`, `NO_MT`, ...) are declared once below.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from workbench import __version__, export, ingest, store
from workbench.align.beads import format_bead
from workbench.align.confidence import DEFAULT_THRESHOLD
from workbench.align.mt import apertium_modes, apertium_version
from workbench.display import cell, counted, inert_line
from workbench.export import FORMATS, ExportRequest, Filters
from workbench.export.formats import BY_NAME, LOCALES
from workbench.jobs import Refused, imports, pairing, removal
from workbench.store import health

DEFAULT_DB = Path("alignments") / "workbench.db"
DESCRIPTION = "Align English and Spanish articles sentence by sentence, review the alignment, export parallel corpora."
err = Console(stderr=True, highlight=False)


# -- output -----------------------------------------------------------------------------------

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


# -- declaring commands -------------------------------------------------------------------------

@dataclass(frozen=True)
class Option:
    """One argument of a command, as argparse's add_argument takes it."""

    flags: tuple[str, ...]
    settings: dict = field(default_factory=dict)


def option(*flags: str, **settings) -> Option:
    return Option(flags, settings)


@dataclass(frozen=True)
class Command:
    """A subcommand: its function, one line of help, an example, its options."""

    name: str
    run: Callable[[argparse.Namespace], int]
    help: str
    example: str
    options: tuple[Option, ...]


COMMANDS: dict[str, Command] = {}


def command(name: str, help_text: str, example: str, *options: Option | tuple[Option, ...]):
    """Declare the decorated function as the subcommand `name` (options may come in tuples)."""
    flat = tuple(o for group in options for o in (group if isinstance(group, tuple) else (group,)))

    def register(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = Command(name, run, help_text, example, flat)
        return run
    return register


def _share(text: str) -> float:
    """A command-line number from 0 to 1 (a confidence or a score)."""
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def _lang(text: str) -> str:
    """A language code as the workbench keeps it: `EN` is `en`, `ES-mx` is `es-mx` (the rest
    is kept as given)."""
    primary, dash, rest = text.partition("-")
    return primary.lower() + dash + rest


LANGUAGES = (option("--src-lang", type=_lang, default="en", help="language of the source side (default en)"),
             option("--tgt-lang", type=_lang, default="es", help="language of the target side (default es)"))
NO_MT = option("--no-mt", action="store_true", help="do not use Apertium (machine translation)")
PRESPLIT = option("--presplit", action="store_true", help="files hold one sentence a line; keep them as given")
NO_LANGUAGE_CHECK = option("--no-language-check", action="store_true",
                           help="import files whose detected language contradicts the declared one")
SKIP_BAD = option("--skip-bad", action="store_true",
                  help="import the rest when some files are refused (exit status 1); without it nothing is")
PAIR = option("pair", type=int, help="a pair id, as `workbench list` prints it")
SRC_FILE = option("src", help="the source-language file")
TGT_FILE = option("tgt", help="the target-language file (its translation)")


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db or os.environ.get("WORKBENCH_DB") or DEFAULT_DB)


def open_db(args: argparse.Namespace, write: bool = True):
    return store.open_database(db_path(args), write=write)


def _reading(args: argparse.Namespace) -> imports.Reading:
    return imports.Reading(args.src_lang, args.tgt_lang, getattr(args, "presplit", False), not args.no_language_check)


def _pair_or_fail(db, pair_id: int) -> store.PairSummary:
    found = store.pair_summaries(db, pair_id)
    if not found:
        raise Refused(f"no pair {pair_id} (see `workbench list`)")
    return found[0]


# -- importing --------------------------------------------------------------------------------

@command("import", "import one document pair (the first file is the source)",
         "workbench import article.en.html article.es.html --title 'Syria, 4 Nov 2015'",
         SRC_FILE, TGT_FILE, option("--title", help="the pair's title (default: the source file's name)"), LANGUAGES,
         PRESPLIT, NO_LANGUAGE_CHECK)
def cmd_import(args: argparse.Namespace) -> int:
    with progress("reading", 100) as step:
        src, tgt, notices = imports.read_pair(Path(args.src), Path(args.tgt), _reading(args), args.title,
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
        raise Refused(f"{refused[0]}; nothing imported (--skip-bad imports the others)")
    for line in refused:
        notice(f"{'skipped' if skip_bad else 'refused'}: {line}")
    if refused and not skip_bad:
        raise Refused(f"{share} refused, nothing imported (--skip-bad imports the others)")


@command("import-dir", "import every NAME.<src>/NAME.<tgt> pair of a folder (a resumable batch)",
         "workbench import-dir corpora/articles",
         option("dir", help="a folder of NAME.<src>[.ext] + NAME.<tgt>[.ext] files, or of <src>/ and <tgt>/ folders"),
         LANGUAGES, PRESPLIT, NO_LANGUAGE_CHECK, SKIP_BAD)
def cmd_import_dir(args: argparse.Namespace) -> int:
    reading = _reading(args)
    todo, pairs, alone = imports.folder_pairs(Path(args.dir), reading, imports.stored_keys(db_path(args)))
    with progress("reading", len(todo)) as step:
        batch = imports.read_batch(todo, reading, len(pairs) - len(todo), step)
    _report_refused(batch.refused, f"{len(batch.refused)} of {len(pairs)} pairs", args.skip_bad)
    for line in batch.notices:
        notice(line)
    status = _store_batch(args, batch)
    for path in alone:
        notice(f"no partner: {path}")
    return status or (1 if batch.refused else 0)


@command("import-tmx", "create aligned pairs from a TMX translation memory (a resumable batch)",
         "workbench import-tmx memory.tmx", option("file", help="a TMX file (one pair per x-document prop, or one)"),
         option("--skip-bad", action="store_true",
                help="import a memory with <tuv>s that have no xml:lang or repeat a language, leaving them out "
                     "(the first of a language kept); without it such a memory is refused"))
def cmd_import_tmx(args: argparse.Namespace) -> int:
    stored = imports.stored_keys(db_path(args))
    with progress("reading", 2) as step:  # the whole memory, checked before anything is stored
        batch = imports.read_memory(Path(args.file), args.skip_bad, stored, lambda phase: step(phase=phase))
    for line in batch.notices:
        notice(line)
    return _store_batch(args, batch)


def _store_batch(args: argparse.Namespace, batch: imports.Batch) -> int:
    """Store a checked batch a pair a transaction (see `jobs.imports`): a line on standard output
    for each pair stored, one on standard error for the batch; ctrl+c stops it after the pair it
    is storing."""
    new = 0
    try:
        with progress("storing", len(batch.ready)) as step, _interrupt_heard() as interrupted:
            for ready, pair_id in imports.store_batch(open_db(args), batch.ready):
                if pair_id is None:
                    batch.already += 1
                else:
                    new += 1
                    print(_stored_line(pair_id, ready))
                step()
                if interrupted():
                    notice(f"workbench: interrupted; {batch.line(new)}; run the command again for the rest")
                    return 130
    except sqlite3.OperationalError as exc:  # locked past the busy timeout, a full disk
        raise Refused(f"{db_path(args)}: {exc}; {batch.line(new)}; run the command again for the rest") from exc
    notice(batch.line(new))
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


def _stored_line(pair_id: int, ready: imports.Ready) -> str:
    if ready.beads is None:
        return f"{pair_id}\t{cell(ready.name)}\t{len(ready.src.sentences)} / {len(ready.tgt.sentences)} sentences"
    return f"{pair_id}\t{cell(ready.name)}\t{len(ready.beads)} units {ready.src.lang}-{ready.tgt.lang}"


@command("import-beads", "load a bead file as the alignment of a pair", "workbench import-beads 3 candide-03.gold",
         PAIR, option("file", help="one bead a line, as align-pair prints them"))
def cmd_import_beads(args: argparse.Namespace) -> int:
    db = open_db(args)
    _pair_or_fail(db, args.pair)
    count = imports.import_beads(db, args.pair, Path(args.file))
    notice(f"pair {args.pair}: {count} beads loaded from {args.file}")
    return 0


@command("segment", "print the sentences an import would store (dry run)",
         "workbench segment corpora/articles/udhr.en.txt --lang en",
         option("file", help="a text, Markdown, HTML or XML file"),
         option("--lang", type=_lang, default="en", help="the file's language (default en)"),
         option("--jsonl", action="store_true",
                help='one JSON object a sentence: {"text", "kind", "block", "level"} (the block kind: heading, '
                     "paragraph, list_item, quote, table_cell, code, caption; the block's number from 0; a "
                     "heading's or list's depth), as align-pair and eval read .jsonl files"))
def cmd_segment(args: argparse.Namespace) -> int:
    with progress("reading", 100) as step:
        doc = ingest.read(Path(args.file), args.lang,
                          on_progress=lambda phase, share: step(phase=phase, to=round(100 * share)))
    for line in doc.notes:
        notice(line)
    if args.jsonl:
        kinds, blocks, levels = doc.structure()
        print("\n".join(ingest.sentence_json(ingest.Units(doc.sentences, doc.paragraphs, kinds, blocks, levels))))
    else:  # a sentence a line: a code block's lines as \n, as in TSV cells
        for sentence in doc.sentences:
            print(cell(sentence))
    return 0


def workers_option(what: str) -> Option:
    return option("--workers", type=int, default=1, metavar="N", help=f"worker processes {what}; default 1")


DASK_SCHEDULER = option("--dask-scheduler", metavar="ADDR",
                        help="compute on a Dask distributed cluster, e.g. tcp://10.0.0.5:8786 (needs workbench[cluster])")


@command("pair-collection", "find which articles of two folders translate each other; store them as proposed pairs",
         "workbench pair-collection archive/en archive/es --tsv --explain",
         option("src_dir", help="the folder of source-language articles"),
         option("tgt_dir", help="the folder of target-language articles"), LANGUAGES,
         option("--tsv", action="store_true", help="print SRC_PATH<TAB>TGT_PATH<TAB>score lines"),
         option("--explain", action="store_true",
                help="say why each pair was proposed: similarity, margin, length ratio, share of each side aligned "
                     "(with --tsv: five more columns)"),
         option("--threshold", type=_share, default=pairing.DEFAULT_THRESHOLD,
                help=f"lowest score (aligned share of both articles) of a proposed pair, 0-1 (default {pairing.DEFAULT_THRESHOLD})"),
         option("--accept", action="store_true", help="store the pairs as accepted, ready for align --all"),
         NO_LANGUAGE_CHECK, SKIP_BAD, NO_MT,
         workers_option("reading files, running Apertium and aligning candidates (this process alone writes)"),
         DASK_SCHEDULER)
def cmd_pair_collection(args: argparse.Namespace) -> int:
    from workbench.jobs import alignment
    alignment.check_workers(args.workers, args.dask_scheduler)
    files = pairing.folder_files([Path(args.src_dir), Path(args.tgt_dir)])
    with progress("reading", len(files[0]) + len(files[1])) as step:
        src, tgt, notices, refused = pairing.read_collections(files, (args.src_lang, args.tgt_lang),
                                                              not args.no_language_check, step, args.workers)
    _report_refused(refused, f"{len(refused)} of {len(files[0]) + len(files[1])} articles", args.skip_bad)
    for line in notices:
        notice(line)
    if not src or not tgt:
        raise Refused("no articles left on one side")
    db = open_db(args)
    for line in alignment.mt_notices(args.no_mt, []):
        notice(line)
    with progress("translating", pairing.sentences_to_translate(src, tgt, args.no_mt)) as step:
        translated = pairing.translate(db, src, tgt, args.no_mt, lambda n: step(by=n), args.workers)
    with progress("ranking candidates", len(src) + len(tgt)) as step:
        ranked = pairing.rank_candidates(translated, step)
    with progress("verifying candidates", len(ranked.to_verify)) as step:
        verified = pairing.verify(ranked, lambda n: step(by=n), args.workers, args.dask_scheduler)
    result = pairing.pair_documents(db, ranked, verified, args.threshold)
    ids = pairing.store_pairing(db, result, args.accept)
    for proposal, pair_id in zip(result.pairing.proposals, ids):
        print(_proposal_line(proposal, pair_id, src, tgt, args))
    for doc in [src[i] for i in result.pairing.unpaired_src] + [tgt[j] for j in result.pairing.unpaired_tgt]:
        notice(f"unpaired: {doc.path}")
    new = sum(1 for pair_id in ids if pair_id is not None)
    notice(f"{counted(len(ids), 'pair')} proposed ({new} new, {'accepted' if args.accept else 'to review'}); "
           f"{len(result.pairing.unpaired_src)} {args.src_lang} and {len(result.pairing.unpaired_tgt)} "
           f"{args.tgt_lang} articles unpaired")
    return 1 if refused else 0


def _proposal_line(p, pair_id: int | None, src: list, tgt: list, args: argparse.Namespace) -> str:
    """A proposed pair as `pair-collection` prints it: for machines (`--tsv`) or people, with
    its evidence if asked (`--explain`)."""
    s_path, t_path = cell(str(src[p.src].path)), cell(str(tgt[p.tgt].path))
    c = p.candidate
    if args.tsv:
        evidence = (f"\t{c.similarity:.3f}\t{c.margin:.2f}\t{c.length_ratio:.2f}\t{p.aligned_src:.3f}\t{p.aligned_tgt:.3f}"
                    if args.explain else "")
        return f"{s_path}\t{t_path}\t{p.score:.3f}{evidence}"
    line = f"{pair_id if pair_id is not None else '-'}\t{p.score:.3f}\t{s_path}\t{t_path}"
    if args.explain:
        line += (f"\t{p.score:.0%} of the text aligns ({p.aligned_src:.0%} of the {args.src_lang}, "
                 f"{p.aligned_tgt:.0%} of the {args.tgt_lang}); similarity {c.similarity:.2f}, "
                 f"{c.margin:.1f} times its usual; length ratio {c.length_ratio:.2f} "
                 f"({c.length_deviation:.1f} spreads from the likely pairs')")
    return line


# -- looking at pairs -------------------------------------------------------------------------

@command("list", "list the pairs", "workbench list --json",
         option("--json", action="store_true", help="one JSON array of the pairs"),
         option("--threshold", type=_share, default=DEFAULT_THRESHOLD,
                help=f"beads under this confidence count as low-confidence (default {DEFAULT_THRESHOLD})"))
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


@command("show", "show one pair's beads with their text", "workbench show 1", PAIR)
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


@command("review", "review and correct alignments in the terminal", "workbench review 2 3",
         option("pair", type=int, nargs="*", help="open this pair at once, then the next named with ] "
                "(default: the pairs screen)"))
def cmd_review(args: argparse.Namespace) -> int:
    from workbench.review.session import Session
    path = db_path(args)
    db = store.open_database(path, write=False)  # refuse a missing or unusable database before the screen opens
    for pair in args.pair:
        _pair_or_fail(db, pair)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):  # it would draw into a pipe and wait for keys
        raise Refused("review needs an interactive terminal (standard input and output)")
    session = Session(path)  # its database process starts while Textual is imported
    from workbench.review.app import ReviewApp
    ReviewApp(path, args.pair, session).run()
    return 0


@command("remove", "delete pairs with their alignments, and the documents no other pair uses",
         "workbench remove 7 8", option("pairs", type=int, nargs="+", metavar="PAIR", help="the pairs to remove"),
         option("--force", action="store_true", help="also remove pairs with reviewed beads"))
def cmd_remove(args: argparse.Namespace) -> int:
    pairs, documents = removal.remove_pairs(open_db(args), args.pairs, args.force)
    notice(f"removed {counted(pairs, 'pair')} and {counted(documents, 'document')} no other pair uses")
    return 0


def _aligner_line(version: str, older: list[int]) -> str:
    """The aligner's version, and which pairs an older one aligned (not a problem: their beads
    stay as they are until realigned)."""
    line = f"aligner: version {version}"
    if not older:
        return line
    realign = "workbench align --realign" + ("".join(f" {k}" for k in older) if len(older) <= 10 else "")
    return (f"{line}; {counted(len(older), 'pair')} aligned by an older version: `{realign}` recomputes "
            f"their unconfirmed, unedited beads")


@command("doctor", "check the database and the installation", "workbench doctor")
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


# -- aligning ---------------------------------------------------------------------------------

@command("align", "align stored pairs", "workbench align --all --workers 2",
         option("pairs", nargs="*", type=int, metavar="PAIR", help="the pairs to align"),
         option("--all", action="store_true", help="every pair not aligned yet"),
         option("--realign", action="store_true", help="recompute aligned pairs, keeping confirmed and edited beads"),
         workers_option("computing alignments (this process alone writes)"), DASK_SCHEDULER, NO_MT)
def cmd_align(args: argparse.Namespace) -> int:
    from workbench.jobs import alignment
    db = open_db(args)
    ids = alignment.pairs_to_align(db, args.pairs, args.all, args.realign)
    if not ids:
        notice("nothing to align: every accepted pair is aligned (--realign recomputes them)"
               if store.pair_ids(db) else "nothing to align: no pairs yet (see workbench import)")
        return 0
    for line in alignment.mt_notices(args.no_mt, store.pair_languages(db, ids)):
        notice(line)
    alignment.check_workers(args.workers, args.dask_scheduler)
    done: set[int] = set()
    try:  # two rounds: see align_pairs
        with progress("aligning", 2 * len(ids)) as step:
            summary = alignment.align_pairs(db, ids, args.no_mt, args.realign or bool(args.pairs),
                                            lambda pid: (done.add(pid), step()), args.workers, args.dask_scheduler)
    except KeyboardInterrupt:
        notice(f"workbench: interrupted; aligned and saved {counted(len(done), 'pair')}, "
               "run the command again for the rest")
        return 130
    except OSError as exc:
        raise Refused(f"alignment stopped after {counted(len(done), 'pair')}: {exc}") from exc
    notice(summary.line())
    return 0


@command("align-pair", "align two one-sentence-a-line files, print beads",
         "workbench align-pair candide-01.en candide-01.es --src-lang en --tgt-lang es",
         SRC_FILE, TGT_FILE, LANGUAGES, NO_MT)
def cmd_align_pair(args: argparse.Namespace) -> int:
    from workbench.align.collection import align_documents
    from workbench.jobs.alignment import mt_notices
    from workbench.jobs.evaluation import read_side
    notes: list[str] = []
    src, tgt = (read_side(Path(p), lang, notes) for p, lang in ((args.src, args.src_lang), (args.tgt, args.tgt_lang)))
    for line in notes + mt_notices(args.no_mt, [(args.src_lang, args.tgt_lang)]):
        notice(line)
    (beads,) = align_documents([(src, tgt)], no_mt=args.no_mt)
    sys.stdout.write("".join(format_bead(b) + "\n" for b in beads))
    return 0


@command("eval", "align NAME.<src>/NAME.<tgt> files (or NAME.<src>.jsonl ...) and score them against NAME.gold: "
                 "strict and lax precision, recall and F1, and review effort (boundary fixes per 100 gold beads)",
         "workbench eval corpora/candide --src-lang en --tgt-lang es --out /tmp/beads",
         option("dir", help="a folder of NAME.<src>, NAME.<tgt> and NAME.gold files"),
         option("names", nargs="*", metavar="NAME", help="the documents to score (default all)"),
         LANGUAGES, option("--out", help="keep each output as OUT/NAME.beads"),
         option("--json", action="store_true", help="print only the totals as one JSON line"), NO_MT)
def cmd_eval(args: argparse.Namespace) -> int:
    from workbench.jobs.alignment import mt_notices
    from workbench.jobs.evaluation import evaluate_dir, gold_names
    folder = Path(args.dir)
    names = gold_names(folder, args.names)
    if not names:
        raise Refused(f"{folder}: no NAME.gold files")
    for line in mt_notices(args.no_mt, [(args.src_lang, args.tgt_lang)]):
        notice(line)
    notes: list[str] = []
    with progress("aligning", 2 * len(names)) as step:  # two rounds a document: see align_collection
        results = evaluate_dir(folder, names, args.src_lang, args.tgt_lang, args.no_mt,
                               Path(args.out) if args.out else None, step, notes)
    for line in notes:
        notice(line)
    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in results["total"].items()} | {"documents": len(names)}))
        return 0
    print("document\tP strict\tR strict\tF1 strict\tP lax\tR lax\tF1 lax\tfixes/100")
    for name, r in results.items():
        print(cell(name), *(f"{r[k]:.4f}" for k in ("precision_strict", "recall_strict", "f1_strict",
                                             "precision_lax", "recall_lax", "f1_lax")),
              f"{r['fixes_per_100']:.1f}", sep="\t")
    return 0


# -- exporting --------------------------------------------------------------------------------

@command("export", "export aligned pairs as " + ", ".join(f.name for f in FORMATS),
         "workbench export --format tmx -o memory.tmx --status confirmed",
         option("--format", required=True, choices=[f.name for f in FORMATS],
                help="; ".join(f"{f.name}: {f.what}" for f in FORMATS)),
         option("-o", "--output", required=True,
                help="file, or file prefix for moses (PREFIX.<lang>). An existing regular file is replaced once "
                     "the export is complete; a pipe or a device is written into, and - (or /dev/stdout) writes "
                     "to standard output. Refused: a folder, a read-only file, the database and its -wal, -shm "
                     "and -journal files (also through a link), and a symbolic link to a file unless "
                     "--follow-symlink"),
         option("--pair", type=int, action="append", help="a pair to export (repeat; default all)"),
         option("--status", choices=["confirmed", "all"],
                help="confirmed beads only, or unreviewed and confirmed (rejected beads never); default: "
                     + ", ".join(f"{f.name} {f.status}" for f in FORMATS if f.filtered)),
         option("--min-confidence", type=_share, help="leave out beads under this confidence"),
         option("--dedupe", action="store_true", help="drop repeated source/target pairs"),
         option("--with-code", action="store_true",
                help="keep beads of code blocks (left out by default: code is not translated)"),
         option("--src-locale", help="TMX language code of the source (default: from the pairs' source "
                "language: " + ", ".join(f"{lang} {code}" for lang, code in LOCALES.items()) + ")"),
         option("--tgt-locale", help="TMX language code of the target (default: from the pairs' target language, "
                "the same way: es-MX or es-419 for a Latin American translation)"),
         option("--with-meta", action="store_true", help="TSV: add pair, confidence and status columns"),
         option("--follow-symlink", action="store_true",
                help="-o may be a symbolic link: replace the file it points to"))
def cmd_export(args: argparse.Namespace) -> int:
    db = open_db(args, write=False)
    request = ExportRequest(args.format, Path(args.output), args.pair or [],
                            Filters(args.status or BY_NAME[args.format].status, args.min_confidence, args.dedupe,
                                    with_code=args.with_code),
                            args.src_locale, args.tgt_locale, args.with_meta, args.follow_symlink)
    with progress("exporting", export.count_units(db, request)) as step:
        summary = export.export(db, request, step)
    notice(summary.line())
    if summary.control_chars:
        notice(f"warning: removed {summary.control_chars} control characters that XML forbids")
    return 0


# -- the program ------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description=DESCRIPTION,
                                     epilog="example: workbench import-dir corpora/articles && workbench align --all")
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("--db", help=f"database file (default $WORKBENCH_DB or {DEFAULT_DB})")
    sub = parser.add_subparsers(dest="command", required=True)
    for cmd in COMMANDS.values():
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help, epilog=f"example: {cmd.example}")
        p.set_defaults(func=cmd.run)
        for opt in cmd.options:
            p.add_argument(*opt.flags, **opt.settings)
    return parser


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for stream in (sys.stdout, sys.stderr):  # a Latin-1 or ASCII terminal gets escapes, not a crash
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ingest.InputError, store.StoreError, Refused, ValueError) as exc:
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
