"""A Doc's tokens read once into plain Python objects (``words_of``), for the rules that
ask the same few questions of every token many times.

spaCy makes a new ``Token`` object on each ``doc[i]`` and reads each attribute through
the vocabulary; the layers ask for the text, lowercase form and lemma of the same tokens
dozens of times per token, which made that most of their work. ``Words`` reads those
attributes for the whole Doc at once (``Doc.to_array``) into a list, which otherwise
stands in for the Doc: ``words[i]`` is a :class:`Word`, ``words[a:b]`` a list of them,
``words.span(a, b)`` the spaCy ``Span``, and any other attribute (``char_span``, ``_``,
``vocab``) is the Doc's own.

The Doc keeps its ``Words`` (``doc._.words``), so the layers share one; read it only after
the lemmatizer, since nothing later changes a token.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left
from collections.abc import Callable
from itertools import repeat
from operator import add, itemgetter
from typing import NamedTuple, TypeVar

import numpy as np
from spacy.attrs import IDX, LEMMA, ORTH, SENT_START, SPACY
from spacy.tokens import Doc, Span

from lagebild import memo

ATTRS = [ORTH, LEMMA, IDX, SENT_START, SPACY]
# Token.is_sent_start: True at a start, False inside a sentence, None when unset (the array
# holds -1 as an unsigned integer)
SENT_START_VALUES = {1: True, 0: None}
# a word form with its lemma, as one number (``Word.form``): hash(text) * 3 + hash(lemma),
# modulo 2**64 (two 64-bit hashes, so two forms share one only by a chance of 2**-64)
FORM_FACTOR = np.uint64(3)
# what a word form and its lemma decide, per language: its ``form`` number -> its record,
# a list: first the tuple (text, lower_, is_space, is_punct, like_num, is_alpha, is_lower,
# lemma_, form), then the answers of the per-form tables (``memo.FormTable``), a slot each
FORMS: dict[str, dict[int, list]] = {}
# where the pipeline keeps the text a Doc was made from (``Doc.user_data``): the same as
# ``Doc.text``, which spaCy would join from the tokens
SOURCE_TEXT = "lagebild.source_text"
T = TypeVar("T")


class Word(NamedTuple):
    """One token as the rules read it: the attributes of spaCy's ``Token`` of the same
    names, and no others (``words.doc[i]`` is the spaCy token).

    A tuple of plain values: the garbage collector stops tracking it after its first
    collection, so the tokens of the Docs in work never make its full collections longer
    (as objects with a reference to their Doc did). The attributes of the word form come
    first, those of this token after them.
    """

    text: str
    lower_: str
    is_space: bool
    is_punct: bool
    like_num: bool
    is_alpha: bool
    is_lower: bool
    lemma_: str
    form: int  # the word form and lemma as one number: the key of per-form tables
    idx: int
    i: int
    is_sent_start: bool | None


class Sentence(NamedTuple):
    """A sentence's bounds: tokens ``start`` to ``end``, characters ``start_char`` to
    ``end_char`` (as the spaCy Span's)."""

    start: int
    end: int
    start_char: int
    end_char: int


class Words(list):
    """The tokens of a Doc as a list of :class:`Word` objects, standing in for the Doc.

    ``text`` is read once too (``Doc.text`` joins every token on each call); ``memo`` keeps
    what the layers work out once per Doc (``per_doc``). The Doc holds
    its ``Words``; they hold the Doc by weak reference, so no reference cycle keeps a Doc
    alive (it is freed as soon as it is dropped, not by the garbage collector).

    The attributes of a word form with its lemma (text, lowercase form, lexical flags,
    lemma) are read from the vocabulary once per process and kept: a Doc costs one lookup
    per token, not a dozen attribute reads.
    """

    __slots__ = ("doc", "text", "memo", "records", "__weakref__")

    def __init__(self, doc: Doc) -> None:
        self.doc = weakref.proxy(doc)
        self.memo: dict = {}  # see ``per_doc``
        self.records: list[list] = []  # each word's form record (``FORMS``), in order
        if not len(doc):
            self.text = ""
            super().__init__()
            return
        array = doc.to_array(ATTRS)
        keys = (array[:, 0] * FORM_FACTOR + array[:, 1]).tolist()
        idx, sent_start, trailing_space = array[:, 2:].T.tolist()
        known = FORMS.setdefault(doc.vocab.lang, {})
        try:
            records = list(map(known.__getitem__, keys))
        except KeyError:
            records = _read_forms(doc, array, keys, known)
        forms = list(map(itemgetter(0), records))
        # Doc.text: the text the pipeline made the Doc from, where it fits the tokens
        text = doc.user_data.get(SOURCE_TEXT)
        last = forms[-1][0]
        if text is None or len(text) != idx[-1] + len(last) + trailing_space[-1] \
                or not text.endswith(last, 0, idx[-1] + len(last)):
            # else joined, without a Token for each: every token's text and trailing space
            text = "".join([f[0] + " " if ws else f[0] for f, ws in zip(forms, trailing_space)])
        self.text = text
        self.records = records
        super().__init__(map(tuple.__new__, repeat(Word), map(add, forms, zip(
            idx, range(len(keys)), map(SENT_START_VALUES.get, sent_start, repeat(False))))))

    @property
    def sents(self) -> list[Sentence]:
        """The Doc's sentences, where ``Doc.sents`` puts them, as :class:`Sentence` tuples
        (token and character bounds; ``span`` makes the spaCy Span), found once per Doc. A
        Span kept here would tie the Doc into a reference cycle."""
        found = self.memo.get("sents")
        if found is None:
            found = self.memo["sents"] = self._sentences()
        return found

    def _sentences(self) -> list[Sentence]:
        doc = self.doc
        if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
            # a pipeline's own sentence hook; or none at all, which spaCy reports
            return [Sentence(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
        starts = [w.i for w in self if w.is_sent_start and w.i] if len(self) else []
        bounds = [0, *starts, len(self)] if len(self) else []
        return [Sentence(a, b, self[a].idx, self[b - 1].idx + len(self[b - 1].text))
                for a, b in zip(bounds, bounds[1:])]

    def span(self, start: int, end: int) -> Span:
        """The Doc's ``Span`` of tokens ``start`` to ``end``."""
        return self.doc[start:end]

    def span_text(self, start: int, end: int) -> str:
        """``span(start, end).text``, cut from the text without making the Span."""
        end = min(end, len(self))
        if start >= end:
            return ""
        last = self[end - 1]
        return self.text[self[start].idx:last.idx + len(last.text)]

    def __getattr__(self, name: str):
        return getattr(self.doc, name)


def per_doc(doc: Doc | Words, key, build: Callable[[Words], T]) -> T:
    """``build(words)``, made once per Doc and kept with its :class:`Words` under ``key``:
    what the layers would otherwise work out again for each sentence (the positions of
    the words that can be a cue, say) is found in one pass over the Doc."""
    words = words_of(doc)
    found = words.memo.get(key, words.memo)
    if found is words.memo:
        found = words.memo[key] = build(words)
    return found


def between(positions: list[int], start: int, end: int) -> list[int]:
    """The positions from ``start`` up to ``end`` of a sorted list of positions (those a
    ``per_doc`` list keeps of a Doc, say), found by bisection."""
    return positions[bisect_left(positions, start):bisect_left(positions, end)]


def any_between(positions: list[int], start: int, end: int) -> bool:
    """Whether a sorted list of positions has any from ``start`` up to ``end``."""
    return bisect_left(positions, start) < bisect_left(positions, end)


def words_of(doc: Doc | Words) -> Words:
    """The :class:`Words` of ``doc``, read on first use and then kept on the Doc."""
    if isinstance(doc, Words):
        return doc
    words = doc._.words
    if words is None or len(words) != len(doc):
        words = Words(doc)
        doc._.words = words
    return words


def _read_forms(doc: Doc, array, keys: list[int], known: dict[int, list]) -> list[list]:
    """The records of the tokens' forms, the lexical part of their :class:`Word` read from
    the vocabulary for the forms not seen before."""
    if memo.full(known):
        known.clear()
    vocab, strings = doc.vocab, doc.vocab.strings
    for key, orth, lemma in zip(keys, array[:, 0].tolist(), array[:, 1].tolist()):
        if key not in known:
            lex = vocab[orth]
            known[key] = memo.new_record((lex.orth_, lex.lower_, lex.is_space, lex.is_punct,
                                          lex.like_num, lex.is_alpha, lex.is_lower,
                                          strings[lemma], key))
    return list(map(known.__getitem__, keys))
