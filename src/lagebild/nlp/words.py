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
from itertools import repeat
from typing import NamedTuple

from spacy.attrs import (
    IDX,
    IS_ALPHA,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    SENT_START,
    SPACY,
)
from spacy.tokens import Doc, Span

ATTRS = [ORTH, LOWER, LEMMA, IDX, IS_SPACE, IS_PUNCT, LIKE_NUM, IS_ALPHA, IS_LOWER, SENT_START,
         SPACY]
# Token.is_sent_start: True at a start, False inside a sentence, None when unset (the array
# holds -1 as an unsigned integer)
SENT_START_VALUES = {1: True, 0: None}


class Word(NamedTuple):
    """One token as the rules read it: the attributes of spaCy's ``Token`` of the same
    names, and no others (``words.doc[i]`` is the spaCy token).

    A tuple of plain values: the garbage collector stops tracking it after its first
    collection, so the tokens of the Docs in work never make its full collections longer
    (as objects with a reference to their Doc did).
    """

    text: str
    lower_: str
    lemma_: str
    idx: int
    i: int
    is_space: bool
    is_punct: bool
    like_num: bool
    is_alpha: bool
    is_lower: bool
    is_sent_start: bool | None


class Words(list):
    """The tokens of a Doc as a list of :class:`Word` objects, standing in for the Doc.

    ``text`` is read once too (``Doc.text`` joins every token on each call). The Doc holds
    its ``Words``; they hold the Doc by weak reference, so no reference cycle keeps a Doc
    alive (it is freed as soon as it is dropped, not by the garbage collector).
    """

    __slots__ = ("doc", "text", "__weakref__")

    def __init__(self, doc: Doc) -> None:
        self.doc = weakref.proxy(doc)
        columns = doc.to_array(ATTRS).T.tolist() if len(doc) else [[]] * len(ATTRS)
        orth, lower, lemma, idx, space, punct, num, alpha, low, sent_start, trailing_space = \
            columns
        strings = doc.vocab.strings
        texts = [strings[h] for h in orth]
        # Doc.text, without a Token for each: every token's text and its trailing space
        self.text = "".join([t + " " if ws else t for t, ws in zip(texts, trailing_space)])
        super().__init__(map(tuple.__new__, repeat(Word), zip(
            texts, [strings[h] for h in lower], [strings[h] for h in lemma], idx,
            range(len(orth)), map(bool, space), map(bool, punct), map(bool, num),
            map(bool, alpha), map(bool, low), [SENT_START_VALUES.get(v, False) for v in sent_start])))

    @property
    def sents(self) -> list[Span]:
        """The Doc's sentences, as ``Doc.sents`` gives them (made on each call: a Span holds
        its Doc, so Spans kept here would tie the Doc into a reference cycle)."""
        return list(self.doc.sents)

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


def words_of(doc: Doc | Words) -> Words:
    """The :class:`Words` of ``doc``, read on first use and then kept on the Doc."""
    if isinstance(doc, Words):
        return doc
    words = doc._.words
    if words is None or len(words) != len(doc):
        words = Words(doc)
        doc._.words = words
    return words
