"""The library entry point: articles in, events out.

``build_nlp(lang)`` makes the spaCy pipeline of one language (cached per process):
``spacy.blank(lang)``, sentence splitting (``lagebild_sentences``), the lookup lemmatizer
and the Lagebild components. ``code(articles)`` yields :class:`~lagebild.schema.Event` records.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.attrs import IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, LANG, LIKE_NUM, LOWER
from spacy.language import Language

import lagebild.nlp  # noqa: F401  (registers the components and Doc extensions)
from lagebild import memo
from lagebild.errors import InputProblem
from lagebild.langid import SUPPORTED, detect_language
from lagebild.nlp.tokenizer import skip_affix_rules_for_letters
from lagebild.nlp.words import SOURCE_TEXT
from lagebild.records import event_records, quote_records
from lagebild.schema import Article, Event

BATCH_SIZE = 64
# the lexical attributes Lagebild reads (the Word records, a few token tests), and the
# language (``vocab.lang`` asks it: the words' per-form records are kept per language); the
# only ones computed for a new word form (tests/test_pipeline.py checks no other is read)
LEXICAL_ATTRS = frozenset({LOWER, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, LIKE_NUM, LANG})
GC_THRESHOLD = 100_000  # allocations between the garbage collector's young collections
T = TypeVar("T")


def build_nlp(lang: str, lexicon_paths: tuple[str, ...] = ()) -> Language:
    """The Lagebild pipeline for ``lang`` ("de" or "en"), built once per process.

    Args:
        lang: ISO 639-1 code of a supported language.
        lexicon_paths: the user's own lexicon files, added to the shipped ones.
    """
    # one pipeline however it is asked for: build_nlp("de") and build_nlp("de", ()) (as
    # ``code`` asks) were two cache entries, and two pipelines
    return _build_nlp(lang, tuple(lexicon_paths))


@lru_cache(maxsize=8)
def _build_nlp(lang: str, lexicon_paths: tuple[str, ...]) -> Language:
    if lang not in SUPPORTED:
        raise ValueError(f"language '{lang}' is not supported (supported: {', '.join(SUPPORTED)})")
    nlp = spacy.blank(lang)
    # a new chunk of letters only ("Regierung") is not searched for affixes it cannot
    # have: a third of the tokenizer's time on new texts (see nlp/tokenizer.py)
    nlp.tokenizer = skip_affix_rules_for_letters(nlp.tokenizer)
    # the tokenizer remembers how it split each whitespace-separated chunk ("Moskau,"), but
    # spaCy stops remembering at 10,000 chunks, which a few hundred articles reach: every
    # chunk after that was split again by regular expressions on each occurrence, most of
    # the tokenizer's time. The same splits, remembered for as many chunks as the other
    # per-word-form tables (the memory stays bounded: spaCy adds none past the limit).
    nlp.tokenizer.max_cache_size = memo.CACHE_LIMIT
    # spaCy works out some twenty attributes for every word form it meets the first time
    # (its shape, whether it looks like a URL or an e-mail address, is a stop word ...), in
    # Python: on a first pass over new texts most of the tokenizer's extra time, for
    # attributes a statistical model's features use and the Lagebild rules do not. This
    # pipeline's vocabulary (its own dict, not spaCy's defaults) computes the ones we read.
    getters = nlp.vocab.lex_attr_getters
    for attr in set(getters) - LEXICAL_ATTRS:
        del getters[attr]
    nlp.add_pipe("lagebild_sentences")  # spaCy's sentencizer and line breaks, in one pass
    nlp.add_pipe("lagebild_lemmas")  # spaCy's lookup lemmatizer, with a faster table
    paths = list(lexicon_paths)
    nlp.add_pipe("lagebild_actors", config={"lexicon_paths": paths})
    nlp.add_pipe("lagebild_time")
    nlp.add_pipe("lagebild_places")
    nlp.add_pipe("lagebild_quotes" if lang == "de" else "lagebild_quotes_en")
    nlp.add_pipe("lagebild_events", config={"lexicon_paths": paths})
    # the lexicons, the lemma table and the city index live as long as the process: taken
    # out of the garbage collector's generations, its full collections stop walking them
    # (about a tenth of the coding time on a corpus). Everything alive at this moment is
    # frozen with them: a program that builds pipelines late keeps what was cyclic garbage
    # then; build them first.
    gc.freeze()
    # coding allocates a few hundred thousand small objects per thousand articles, most of
    # them alive until their Doc or batch is done, and leaves no cyclic garbage (a test
    # checks): the collector only walked them again and again, at Python's default (a
    # collection every 700 allocations) 7 % of the coding time, every 5,000 still 10 %,
    # every 100,000 as little as with the collector off. Only raised, never lowered,
    # should the program have set it higher.
    threshold = gc.get_threshold()
    if threshold[0] < GC_THRESHOLD:
        gc.set_threshold(GC_THRESHOLD, *threshold[1:])
    return nlp


@dataclass
class CodedArticle:
    """One article's outcome: its events, or the problem that stopped it."""

    article: Article
    lang: str | None
    events: list[Event] = field(default_factory=list)
    problem: InputProblem | None = None
    doc: object | None = None
    quotes: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)


def analyse(articles: Iterable[Article], lexicon_paths: tuple[str, ...] = (),
            batch_size: int = BATCH_SIZE, keep_docs: bool = False, workers: int = 1,
            ordered: bool = True, details: bool = False) -> Iterator[CodedArticle]:
    """Analyse and code articles, batched per language.

    Args:
        articles: the articles; those without ``lang`` get one detected.
        lexicon_paths: the user's own lexicon files.
        batch_size: articles per ``nlp.pipe`` batch.
        keep_docs: keep each spaCy Doc on the result (for ``explain`` and ``actors``);
            only in this process (``workers`` must be 1).
        workers: processes that code batches in parallel (1: this process).
        ordered: with several workers, keep the input order (else as batches finish).
        details: also keep each article's quotations and resolved actor mentions as
            plain records (``quotes``, ``mentions``), which cross process boundaries.
    Returns:
        One :class:`CodedArticle` per article.
    """
    batches = batched(articles, batch_size)
    if workers <= 1:
        for batch in batches:
            yield from code_batch(batch, lexicon_paths, keep_docs, details)
        return
    if keep_docs:
        raise ValueError("keep_docs needs workers=1: spaCy Docs stay in their process")
    yield from _code_in_pool(batches, lexicon_paths, workers, ordered, details)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last one shorter), read lazily."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _code_in_pool(batches, lexicon_paths, workers: int, ordered: bool, details: bool):
    """Code batches in a pool of processes; each builds its pipelines once. At most
    ``2 * workers`` batches are in flight, so a long stream is never read into memory."""
    import multiprocessing as mp
    from collections import deque

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(workers, initializer=_warm_worker, initargs=(lexicon_paths,)) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(code_batch, (batch, lexicon_paths, False, details)))
            while len(pending) >= 2 * workers:
                yield from _next_done(pending, ordered)
        while pending:
            yield from _next_done(pending, ordered)


def _next_done(pending, ordered: bool) -> list[CodedArticle]:
    if not ordered:
        for job in list(pending):
            if job.ready():
                pending.remove(job)
                return job.get()
    return pending.popleft().get()


def _warm_worker(lexicon_paths) -> None:
    """Build the German pipeline before the first batch arrives (English on demand)."""
    build_nlp("de", lexicon_paths)


def code_batch(batch: list[Article], lexicon_paths, keep_docs,
                details: bool = False) -> list[CodedArticle]:
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
            doc.user_data[SOURCE_TEXT] = r.article.text  # Doc.text without joining tokens
            doc._.doc_id = r.article.id
            doc._.published = r.article.published
            docs.append(doc)
        for r, doc in zip(todo, nlp.pipe(docs, batch_size=BATCH_SIZE)):
            r.events = event_records(doc, r.article, lang, lexicon_paths)
            if details:
                r.quotes = quote_records(doc, r.article.id, lang)
                r.mentions = [{"doc_id": r.article.id, "kind": m.kind, **m.as_dict()}
                              for m in doc._.actors or [] if m.kind != "modifier"]
            if keep_docs:
                r.doc = doc
    return results


def code(articles: Iterable[Article], lexicon_paths: tuple[str, ...] = (),
         workers: int = 1) -> Iterator[Event]:
    """Code articles into events: the one library entry point.

    Args:
        articles: :class:`Article` records (``lang`` optional, detected when missing).
        lexicon_paths: the user's own lexicon files, added to the shipped lexicon.
        workers: processes to code with (1: this process).
    Returns:
        An iterator of :class:`Event` records, article by article in input order.
        Articles in an unsupported language yield no events.
    """
    for result in analyse(articles, lexicon_paths, workers=workers):
        yield from result.events
