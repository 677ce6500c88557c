"""Files in, Documents out: decoding, main-text extraction, sentence splitting, language check.
Nothing here writes anywhere."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.align.beads import Bead, parse_beads
from workbench.model import Document, name_text
from workbench.ingest.decode import InputError, decode
from workbench.ingest.language import CONFIDENT, detect, known_languages, language_mix
from workbench.ingest.blocks import Article, BlockKind
from workbench.ingest.segment import split_sentences

MAX_BYTES = 20 * 1024 * 1024
MAX_PARAGRAPH_CHARS = 200_000  # longer runs without a line break are not article text (and split slowly)
LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
Progress = Callable[[str, float], None]  # a phase of the work as it begins, and the share of it done

__all__ = ["InputError", "MAX_BYTES", "Progress", "check_lang_code", "check_language", "check_languages",
           "in_other_language", "decode",
           "Units", "read", "read_beads", "read_bytes", "read_decoded", "read_lines", "sentence_json", "split_sentences",
           "too_short_to_check"]


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what is not a readable regular file of sensible size."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{path}: {size / 1e6:.1f} MB is over the {MAX_BYTES // 2**20} MiB import limit")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def read_decoded(path: Path, notes: list[str] | None = None, lang: str | None = None) -> str:
    """A file's text, checked and decoded as an import does it (missing, too big, binary, UTF-16,
    Latin-1...), for the files read whole: one-sentence-a-line texts and bead files. What
    decoding guessed or repaired is appended to `notes`."""
    return decode(read_bytes(path), str(path), notes, lang)


def read_beads(path: Path) -> list[Bead]:
    """The beads of a bead file; a malformed line is refused with the file's name."""
    return parse_beads(read_decoded(path), str(path))


def check_lang_code(lang: str) -> None:
    """Language codes name files (Moses exports): only ISO-like codes such as `en`, `es-ES`."""
    if not LANG_CODE.match(lang):
        raise InputError(f"{lang!r} is not a language code (use ISO codes such as en, es, de-CH)")


def _check_lengths(path: Path, paragraphs: list[str]) -> None:
    longest = max(map(len, paragraphs), default=0)
    if longest > MAX_PARAGRAPH_CHARS:
        raise InputError(f"{path}: a paragraph of {longest:,} characters without a line break "
                         f"(the limit is {MAX_PARAGRAPH_CHARS:,}): this does not look like article text")


def _blank_line_paragraphs(lines: list[str]) -> list[str]:
    """Paragraph ids of one-sentence-a-line text: a blank line ends a paragraph, so a file with
    none is one paragraph. (A paragraph per line would tell the aligner that every sentence ends
    a paragraph, and it would hardly ever join two sentences into one bead.)"""
    ids, number = [], 0
    for line in lines:
        ids.append(str(number))
        number += not line.strip()
    return ids


def read(path: Path, lang: str, presplit: bool = False, title: str | None = None,
         on_progress: Progress = lambda phase, share: None) -> Document:
    """Read, clean, split and language-check one file (language contradictions are checked by
    check_languages, which sees both files of a pair). `on_progress` hears each phase as it
    begins (reading, splitting, checking the language) and, now and then, the share of the
    blocks split: each takes seconds on a large file."""
    check_lang_code(lang)
    on_progress("reading", 0.0)
    data = read_bytes(path)
    notes: list[str] = []
    text = decode(data, str(path), notes, lang)
    units = _given(path, text) if presplit else _sentences(path, text, lang, on_progress)
    prose, prose_paragraphs = _prose(units)
    if not any(s.strip() for s in prose):
        raise InputError(f"{path}: no text to import ({_nothing_but(text, units)})")
    on_progress("checking the language", 0.0)
    found = detect("\n".join(prose))  # code is no language's: it would pass any page for English
    return Document(path=name_text(str(path)), title=name_text(title or path.name.split(".")[0]),
                    lang=lang, sentences=units.sentences, paragraphs=units.paragraphs,
                    sha256=hashlib.sha256(data).hexdigest(), detected_lang=found.lang, detected_prob=found.prob,
                    language_mix=language_mix(prose, prose_paragraphs), notes=(*notes, *units.notes),
                    kinds=units.kinds, blocks=units.blocks, levels=units.levels, metadata=units.metadata)


def _prose(units: Units) -> tuple[list[str], list[str]]:
    """The sentences that are not code, with their paragraph ids: what has a language."""
    kept = [(s, p) for s, p, kind in zip(units.sentences, units.paragraphs, units.kinds) if kind != BlockKind.CODE]
    return [s for s, _ in kept], [p for _, p in kept]


def _nothing_but(text: str, units: Units) -> str:
    """What a file without prose holds, for the user who is told it has no text: a file of
    front matter or MDX components is not "empty"."""
    if not text.strip():
        return "empty or only whitespace"
    if units.sentences:
        return "only code"
    if units.metadata:
        return "only front matter"
    return "only markup or page furniture"


@dataclass
class Units:
    """A file's sentences, each with its paragraph id, block kind, block number and level."""

    sentences: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    levels: list[int | None] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def add(self, sentences: list[str], paragraph: str, kind: str, block: int, level: int | None) -> None:
        self.sentences += sentences
        self.paragraphs += [paragraph] * len(sentences)
        self.kinds += [kind] * len(sentences)
        self.blocks += [block] * len(sentences)
        self.levels += [level] * len(sentences)


def read_lines(path: Path, lang: str, notes: list[str] | None = None) -> Units:
    """The sentences of a file that holds them one a line, as `read` with `presplit` keeps them,
    or one JSON object a line (`.jsonl`, as `segment --jsonl` writes them: see `sentence_json`),
    with their blocks: `align-pair` and `eval` read their files so. What decoding guessed or
    repaired is appended to `notes`."""
    return _given(path, read_decoded(path, notes, lang))


def _given(path: Path, text: str) -> Units:
    """Sentences as a file gives them, one a line: a `.jsonl` file's with their blocks, so an
    import with `presplit` stores what `eval` and `align-pair` read."""
    return _json_lines(path, text) if path.suffix.lower() == ".jsonl" else _lines(path, text)


def sentence_json(units: Units) -> list[str]:
    """A line of JSON for each sentence: `{"text", "kind", "block", "level"}`, the form of gold
    files that keep structure (`block` counts blocks from 0 in document order; `level` is a
    heading's level or a list item's depth, else null)."""
    return [json.dumps({"text": text, "kind": kind, "block": block, "level": level}, ensure_ascii=False)
            for text, kind, block, level in zip(units.sentences, units.kinds, units.blocks, units.levels)]


def _json_lines(path: Path, text: str) -> Units:
    """Sentences written one JSON object a line (see `sentence_json`); a line that is not such an
    object is refused with its number."""
    units = Units()
    for number, line in enumerate(text.rstrip("\n").split("\n"), start=1):
        try:
            item = json.loads(line)
            kind, block, level = BlockKind(item["kind"]), item["block"], item.get("level")
            if not isinstance(item["text"], str) or not isinstance(block, int) or block < (units.blocks or [0])[-1] \
                    or not (level is None or isinstance(level, int)):
                raise ValueError("text must be a string, block a number that never decreases, level a number or null")
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}: line {number}: not a sentence object ({exc})") from None
        units.add([item["text"]], str(block), kind, block, level)
    return units


def _lines(path: Path, text: str) -> Units:
    """One-sentence-a-line text, kept as given: a blank line inside is an empty sentence, so
    sentence k is line k of the file, as gold files number them; blank lines at the end are
    dropped (no line after them needs their numbers). A blank line ends a paragraph, which is
    a block."""
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    _check_lengths(path, lines)
    paragraphs = _blank_line_paragraphs(lines)
    return Units(lines, paragraphs, [BlockKind.PARAGRAPH] * len(lines), [int(p) for p in paragraphs],
                 [None] * len(lines))


def read_article(path: Path, text: str) -> Article:
    """The blocks of a file, by its extension: Markdown and MDX, web pages, Europarl-style XML,
    or plain text. Each reader is imported when a file needs it: trafilatura and markdown-it
    took 0.3 s of every command's start, `workbench list` included."""
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm", ".xhtml"}:
        from workbench.ingest.html import read_html_blocks
        return read_html_blocks(text, path.name)
    if suffix == ".xml":
        from workbench.ingest.readers import read_xml
        return read_xml(text, path.name)
    if suffix in {".md", ".markdown", ".mdx"}:
        from workbench.ingest.markdown import read_markdown
        return read_markdown(text, path.name)
    from workbench.ingest.plain import read_plain
    return read_plain(text)


def _sentences(path: Path, text: str, lang: str, on_progress: Progress) -> Units:
    """The sentences of a file's blocks (see `read` for `on_progress`): a prose block split into
    sentences, a code block one unit, never split."""
    article = read_article(path, text)
    _check_lengths(path, [block.text for block in article.blocks if block.kind != BlockKind.CODE])
    on_progress("splitting", 0.0)
    units = Units(metadata=article.metadata, notes=article.notes)
    for k, (block, paragraph) in enumerate(zip(article.blocks, article.paragraph_ids())):
        split = [block.text] if block.kind == BlockKind.CODE else split_sentences(block.text, lang)
        units.add(split, paragraph, block.kind, k, block.level)
        if k % 1000 == 999:
            on_progress("splitting", k / len(article.blocks))
    return units


def too_short_to_check(doc: Document) -> bool:
    """Whether the document's language could not be checked for want of text (a caller with
    many such documents says so in one line, see `jobs.imports.language_notices`)."""
    return doc.lang in known_languages() and doc.detected_lang is None


def in_other_language(doc: Document, other: str) -> bool:
    """Whether a document is in `other` language and not in its declared one, as an
    untranslated page in the translations' folder of a bilingual site is: detected as `other`
    with confidence, and its declared language in none of its sampled paragraphs (a page
    translated in part, with English paragraphs left in, still has some)."""
    return (doc.detected_lang == other != doc.lang and doc.detected_prob is not None
            and doc.detected_prob >= CONFIDENT and all(lang != doc.lang for lang, _ in doc.language_mix))


def check_language(doc: Document) -> list[str]:
    """Refuse (InputError) a document whose detected language contradicts the declared one;
    return notices for a language mix and a language langdetect does not know (see
    `too_short_to_check` for the third thing it cannot check)."""
    notices = [f"{doc.path}: mixes languages: " + ", ".join(f"{share:.0%} {lang}" for lang, share in doc.language_mix)
               ] if len(doc.language_mix) > 1 else []
    if doc.lang not in known_languages():
        notices.append(f"{doc.path}: the language detector does not know {doc.lang}; taking it as declared")
    elif doc.detected_lang is not None and doc.detected_lang != doc.lang and doc.detected_prob >= CONFIDENT:
        raise InputError(f"{doc.path}: declared {doc.lang} but detected {doc.detected_lang} "
                         f"(p={doc.detected_prob:.2f}); use --no-language-check if this is right")
    return notices


def check_languages(src: Document, tgt: Document) -> list[str]:
    """Refuse (InputError) a pair whose detected languages contradict the declared ones; return
    notices for languages langdetect cannot check."""
    notices = check_language(src) + check_language(tgt)
    if (src.detected_lang == tgt.detected_lang and src.lang != tgt.lang and not notices
            and min(src.detected_prob or 0, tgt.detected_prob or 0) >= CONFIDENT):
        raise InputError(f"{src.path} and {tgt.path} are both detected as {src.detected_lang}; "
                         "use --no-language-check if this is right")
    return notices
