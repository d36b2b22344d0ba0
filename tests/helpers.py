"""Small helpers shared by the tests: code a text, and read events as plain tuples."""

from __future__ import annotations

from datetime import date

from lagebild.pipeline import analyse
from lagebild.schema import Article

PUB = date(2024, 3, 14)  # a Thursday


def run(text: str, lang: str = "de", published: date | None = PUB):
    """The analysed article: ``result.events`` and ``result.doc``."""
    article = Article(id="t", text=text, lang=lang, published=published)
    return next(iter(analyse([article], keep_docs=True)))


def events(text: str, lang: str = "de", published: date | None = PUB):
    return run(text, lang, published).events


def codes(actors) -> tuple[str, ...]:
    return tuple(a.country or "-" for a in actors)


def triples(text: str, lang: str = "de") -> list[tuple]:
    """(type, source codes, target codes) of every event in ``text``."""
    return [(e.type, codes(e.source), codes(e.target)) for e in events(text, lang)]
