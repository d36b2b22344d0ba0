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

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc, Span

ATTRS = [ORTH, LOWER, LEMMA, IDX, IS_SPACE, IS_PUNCT, LIKE_NUM, SENT_START, SPACY]
# Token.is_sent_start: True at a start, False inside a sentence, None when unset (the array
# holds -1 as an unsigned integer)
SENT_START_VALUES = {1: True, 0: None}


class Word:
    """One token as the rules read it: the attributes of spaCy's ``Token`` of the same
    names; any other attribute is read from the spaCy token itself."""

    __slots__ = ("text", "lower_", "lemma_", "idx", "i", "is_space", "is_punct", "like_num",
                 "is_sent_start", "doc")

    def __init__(self, text: str, lower_: str, lemma_: str, idx: int, i: int, is_space: bool,
                 is_punct: bool, like_num: bool, is_sent_start: bool | None, doc) -> None:
        self.text, self.lower_, self.lemma_, self.idx, self.i = text, lower_, lemma_, idx, i
        self.is_space, self.is_punct, self.like_num = is_space, is_punct, like_num
        self.is_sent_start, self.doc = is_sent_start, doc

    def __getattr__(self, name: str):
        # only for attributes not read above ("is_alpha", "head", "sent")
        return getattr(self.doc.doc[self.i], name)

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return self.text


class Words(list):
    """The tokens of a Doc as a list of :class:`Word` objects, standing in for the Doc.

    ``text`` and ``sents`` are read once too (``Doc.text`` joins every token on each call,
    ``Doc.sents`` walks them all). The Doc holds its ``Words``; they hold the Doc (and each
    ``Word`` its ``Words``) by weak reference, so no reference cycle keeps a Doc alive.
    """

    __slots__ = ("doc", "text", "_sents", "__weakref__")

    def __init__(self, doc: Doc) -> None:
        self.doc = weakref.proxy(doc)
        self._sents: list[Span] | None = None
        columns = doc.to_array(ATTRS).T.tolist() if len(doc) else [[]] * len(ATTRS)
        orth, lower, lemma, idx, space, punct, num, sent_start, trailing_space = columns
        strings = doc.vocab.strings
        texts = [strings[h] for h in orth]
        # Doc.text, without a Token for each: every token's text and its trailing space
        self.text = "".join([t + " " if ws else t for t, ws in zip(texts, trailing_space)])
        me = weakref.proxy(self)
        super().__init__(map(
            Word, texts, [strings[h] for h in lower],
            [strings[h] for h in lemma], idx, range(len(orth)), map(bool, space),
            map(bool, punct), map(bool, num),
            [SENT_START_VALUES.get(v, False) for v in sent_start], [me] * len(orth)))

    @property
    def sents(self) -> list[Span]:
        """The Doc's sentences, as ``Doc.sents`` gives them."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
        return self._sents

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
