"""The library entry point: articles in, events out.

``build_nlp(lang)`` makes the spaCy pipeline of one language (cached per process):
``spacy.blank(lang)``, sentence splitting, the lookup lemmatizer and the Lagebild
components. ``code(articles)`` yields :class:`~lagebild.schema.Event` records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.language import Language

import lagebild.nlp  # noqa: F401  (registers the components and Doc extensions)
from lagebild.errors import InputProblem
from lagebild.langid import SUPPORTED, detect_language
from lagebild.records import event_records
from lagebild.schema import Article, Event

BATCH_SIZE = 64


@lru_cache(maxsize=8)
def build_nlp(lang: str, lexicon_paths: tuple[str, ...] = ()) -> Language:
    """The Lagebild pipeline for ``lang`` ("de" or "en"), built once per process.

    Args:
        lang: ISO 639-1 code of a supported language.
        lexicon_paths: the user's own lexicon files, added to the shipped ones.
    """
    if lang not in SUPPORTED:
        raise ValueError(f"language '{lang}' is not supported (supported: {', '.join(SUPPORTED)})")
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lagebild_paragraphs")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    paths = list(lexicon_paths)
    nlp.add_pipe("lagebild_actors", config={"lexicon_paths": paths})
    nlp.add_pipe("lagebild_time")
    nlp.add_pipe("lagebild_places")
    if lang == "de":
        nlp.add_pipe("lagebild_quotes")
    nlp.add_pipe("lagebild_events", config={"lexicon_paths": paths})
    return nlp


@dataclass
class CodedArticle:
    """One article's outcome: its events, or the problem that stopped it."""

    article: Article
    lang: str | None
    events: list[Event] = field(default_factory=list)
    problem: InputProblem | None = None
    doc: object | None = None


def analyse(articles: Iterable[Article], lexicon_paths: tuple[str, ...] = (),
            batch_size: int = BATCH_SIZE, keep_docs: bool = False) -> Iterator[CodedArticle]:
    """Analyse and code articles, in input order, batched per language.

    Args:
        articles: the articles; those without ``lang`` get one detected.
        lexicon_paths: the user's own lexicon files.
        batch_size: articles per ``nlp.pipe`` batch.
        keep_docs: keep each spaCy Doc on the result (for ``explain`` and ``actors``).
    """
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _code_batch(batch, lexicon_paths, keep_docs)
            batch = []
    if batch:
        yield from _code_batch(batch, lexicon_paths, keep_docs)


def _code_batch(batch: list[Article], lexicon_paths, keep_docs) -> list[CodedArticle]:
    results = [CodedArticle(a, a.lang or detect_language(a.text)) for a in batch]
    for lang in {r.lang for r in results}:
        todo = [r for r in results if r.lang == lang]
        if lang not in SUPPORTED:
            for r in todo:
                r.problem = InputProblem(r.article.id, None,
                                         f"language '{lang}' is not supported "
                                         f"(supported: {', '.join(SUPPORTED)}; set --lang)")
            continue
        nlp = build_nlp(lang, lexicon_paths)
        docs = []
        for r in todo:
            doc = nlp.make_doc(r.article.text)
            doc._.doc_id = r.article.id
            doc._.published = r.article.published
            docs.append(doc)
        for r, doc in zip(todo, nlp.pipe(docs, batch_size=BATCH_SIZE)):
            r.events = event_records(doc, r.article, lang)
            if keep_docs:
                r.doc = doc
    return results


def code(articles: Iterable[Article], lexicon_paths: tuple[str, ...] = ()) -> Iterator[Event]:
    """Code articles into events: the one library entry point.

    Args:
        articles: :class:`Article` records (``lang`` optional, detected when missing).
        lexicon_paths: the user's own lexicon files, added to the shipped lexicon.
    Returns:
        An iterator of :class:`Event` records, article by article in input order.
        Articles in an unsupported language yield no events.
    """
    for result in analyse(articles, lexicon_paths):
        yield from result.events
