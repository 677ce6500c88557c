"""Language identification with langdetect, seeded so the same text always gets the same answer."""

from __future__ import annotations

from dataclasses import dataclass

from langdetect import DetectorFactory, detect_langs
from langdetect.detector_factory import init_factory
from langdetect.lang_detect_exception import LangDetectException

SAMPLE_CHARS = 20_000
CONFIDENT = 0.90


@dataclass(frozen=True)
class Detection:
    """Most probable language and its probability (None when nothing could be detected)."""

    lang: str | None
    prob: float


def known_languages() -> set[str]:
    """Languages langdetect has profiles for."""
    init_factory()
    return set(DetectorFactory.__dict__.get("langlist", []) or _factory_langs())


def _factory_langs() -> list[str]:
    from langdetect import detector_factory
    return list(detector_factory._factory.langlist)


def detect(text: str) -> Detection:
    """Detect the language of a whole document (a sample of it, spread over the text)."""
    DetectorFactory.seed = 0
    sample = text if len(text) <= SAMPLE_CHARS else (
        text[: SAMPLE_CHARS // 2] + "\n" + text[-SAMPLE_CHARS // 2:])
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return Detection(None, 0.0)
    return Detection(best.lang, float(best.prob))
