"""Apertium bridge: batch translation through one process, with a cache the caller hands in.

Apertium is optional. Translating is the first-run cost (about 7,000 words/s plus 0.27 s to
start a process), so every sentence goes through the cache (the store backs it with a table)
and all misses of a document go to a single `apertium -u` process, one line per sentence.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import MutableMapping
from functools import lru_cache

ISO3 = {"en": "eng", "es": "spa", "fr": "fra", "de": "deu", "ca": "cat", "pt": "por", "it": "ita"}


@lru_cache(maxsize=1)
def apertium_modes() -> frozenset[str]:
    """Installed Apertium modes (empty when Apertium is not installed)."""
    if not shutil.which("apertium"):
        return frozenset()
    try:
        listing = subprocess.run(["apertium", "-l"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(line.strip() for line in listing.stdout.splitlines() if line.strip())


@lru_cache(maxsize=1)
def apertium_version() -> str:
    """Version of the Apertium language data in use, part of every cache key."""
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "apertium-eng-spa"],
                             capture_output=True, text=True, timeout=30)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"


def mode_for(from_lang: str, to_lang: str) -> str | None:
    """The Apertium mode translating from_lang into to_lang, if installed (`spa-eng`)."""
    mode = f"{ISO3.get(from_lang, from_lang)}-{ISO3.get(to_lang, to_lang)}"
    return mode if mode in apertium_modes() else None


def mt_direction(src_lang: str, tgt_lang: str) -> tuple[int, str] | None:
    """Which side the aligner translates (0 source, 1 target) and with which mode, or None if
    Apertium lacks the pair. Translating into the source language is preferred."""
    if mode := mode_for(tgt_lang, src_lang):
        return 1, mode
    if mode := mode_for(src_lang, tgt_lang):
        return 0, mode
    return None


def cache_key(mode: str, sentence: str) -> str:
    """Key of one translation: mode, data version and a hash of the sentence."""
    digest = hashlib.sha1(sentence.encode("utf-8")).hexdigest()
    return f"{mode}:{apertium_version()}:{digest}"


class Apertium:
    """Translates sentence lists with one process per batch, remembering results in `cache`."""

    def __init__(self, cache: MutableMapping[str, str] | None = None) -> None:
        self.cache: MutableMapping[str, str] = cache if cache is not None else {}

    def translate(self, sentences: list[str], mode: str) -> list[str]:
        """Translations of `sentences`, line for line."""
        keys = [cache_key(mode, s) for s in sentences]
        missing = sorted({s: None for s, k in zip(sentences, keys) if k not in self.cache})
        if missing:
            for sentence, translation in zip(missing, self._run(missing, mode)):
                self.cache[cache_key(mode, sentence)] = translation
        return [self.cache[k] for k in keys]

    @staticmethod
    def _run(sentences: list[str], mode: str) -> list[str]:
        flat = "\n".join(" ".join(s.split()) for s in sentences) + "\n"
        done = subprocess.run(["apertium", "-u", mode], input=flat, capture_output=True,
                              text=True, check=True)
        lines = done.stdout.split("\n")[: len(sentences)]
        if len(lines) != len(sentences):
            raise RuntimeError(f"apertium {mode} returned {len(lines)} lines for {len(sentences)}")
        return lines
