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
