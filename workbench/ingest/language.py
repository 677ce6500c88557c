"""Language identification with langdetect, seeded so the same text always gets the same answer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from langdetect import DetectorFactory, detect_langs, detector_factory
from langdetect.lang_detect_exception import LangDetectException

SAMPLE_CHARS = 20_000
MIN_CHARS = 200  # below this, langdetect guesses (a two-word title came out as Portuguese)
CONFIDENT = 0.90


@dataclass(frozen=True)
class Detection:
    """Most probable language and its probability (None when nothing could be detected)."""

    lang: str | None
    prob: float


@lru_cache(maxsize=1)
def known_languages() -> frozenset[str]:
    """Languages langdetect has profiles for; others cannot be checked."""
    detector_factory.init_factory()
    return frozenset(detector_factory._factory.get_lang_list())


def detect(text: str) -> Detection:
    """Detect the language of a whole document (a sample of it, spread over the text)."""
    if len(text.strip()) < MIN_CHARS:
        return Detection(None, 0.0)
    DetectorFactory.seed = 0
    sample = text if len(text) <= SAMPLE_CHARS else (
        text[: SAMPLE_CHARS // 2] + "\n" + text[-SAMPLE_CHARS // 2:])
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return Detection(None, 0.0)
    return Detection(best.lang, float(best.prob))


MIX_SAMPLE = 200  # paragraphs looked at
MIX_SHARE = 0.15  # a second language above this share is worth a warning


def language_mix(sentences: list[str], paragraphs: list[str]) -> list[tuple[str, float]]:
    """Share of the text (in characters) in each language, paragraph by paragraph, on a sample
    of the document's paragraphs; languages under MIX_SHARE are left out. Only the sampled
    paragraphs are put together: all of them took 14 s for a file of 4.9 million lines."""
    order = list(dict.fromkeys(paragraphs))
    blocks: dict[str, list[str]] = {pid: [] for pid in order[::max(1, len(order) // MIX_SAMPLE)]}
    for sentence, pid in zip(sentences, paragraphs):
        if (block := blocks.get(pid)) is not None:
            block.append(sentence)
    sizes: dict[str, int] = {}
    for text in map(" ".join, blocks.values()):
        if len(text) >= MIN_CHARS:
            found = detect(text)
            if found.lang:
                sizes[found.lang] = sizes.get(found.lang, 0) + len(text)
    total = sum(sizes.values())
    shares = sorted(((lang, size / total) for lang, size in sizes.items()), key=lambda x: -x[1]) if total else []
    return [(lang, share) for lang, share in shares if share >= MIX_SHARE]
