"""Language identification with lingua (models ship in the package; no download)."""

from __future__ import annotations

from functools import lru_cache

from lingua import Language as LinguaLanguage
from lingua import LanguageDetectorBuilder

SUPPORTED = ("de", "en")
# enough rivals that French or Dutch news is named as such rather than forced into de/en
_CANDIDATES = (LinguaLanguage.GERMAN, LinguaLanguage.ENGLISH, LinguaLanguage.FRENCH,
               LinguaLanguage.SPANISH, LinguaLanguage.ITALIAN, LinguaLanguage.DUTCH,
               LinguaLanguage.PORTUGUESE, LinguaLanguage.POLISH, LinguaLanguage.RUSSIAN,
               LinguaLanguage.TURKISH)
SAMPLE_CHARS = 1000


@lru_cache(maxsize=1)
def _detector():
    return LanguageDetectorBuilder.from_languages(*_CANDIDATES).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (from its first 1,000 characters), or None."""
    found = _detector().detect_language_of(text[:SAMPLE_CHARS])
    return found.iso_code_639_1.name.lower() if found is not None else None
