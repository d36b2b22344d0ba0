"""spaCy components of Lagebild, registered as factories on import:
``lagebild_sentences``, ``lagebild_paragraphs``, ``lagebild_actors``, ``lagebild_time``,
``lagebild_places``, ``lagebild_quotes``, ``lagebild_events``.

The Doc extensions they read and write are registered here, once.
"""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from lagebild import memo

NOT_START = 2**64 - 1  # -1 (inside a sentence) as the unsigned value of a token array
EXTENSIONS = ("doc_id", "published", "actors", "times", "places", "quotes", "events", "words")

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory("lagebild_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    """spaCy factory: sentence boundaries as spaCy's ``sentencizer`` (with its default
    punctuation) and ``lagebild_paragraphs`` together set them, in one pass."""
    return SentenceSplitter()


class SentenceSplitter:
    """Sets sentence starts as ``sentencizer`` followed by ``lagebild_paragraphs`` does:
    a sentence ends after a run of final punctuation ("." "!" "?" and the like), before the
    next token that is no punctuation; and after a line break.

    Those two read every token through a spaCy ``Token``; this reads the token hashes as
    an array, learns once per process what a word form is (final punctuation, other
    punctuation, a line break, a space) and looks only at the tokens where a sentence can
    end. Where a Doc has sentence starts already, they stay.
    """

    def __init__(self) -> None:
        self.punct_chars = set(Sentencizer.default_punct_chars)
        self.known: set[int] = set()  # word forms (hashes) sorted into the sets below
        self.final: set[int] = set()
        self.punct: set[int] = set()  # final or other punctuation
        self.newline: set[int] = set()
        self.space: set[int] = set()

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        orths = doc.to_array(ORTH).tolist()
        present = set(orths)
        if not present <= self.known:
            if memo.full(self.known):  # start afresh (this Doc's forms learnt again)
                for table in (self.known, self.final, self.punct, self.newline, self.space):
                    table.clear()
            self._learn(doc, present - self.known)
        punct, space = self.punct, self.space
        starts = [0]
        after = 0  # the first token not yet passed
        for f in _positions(orths, present & self.final):
            if f < after:
                continue  # in a run of punctuation already passed
            k = f + 1
            while k < n and orths[k] in punct:
                k += 1
            if k < n:
                starts.append(k)
            after = k
        # a line break ends a sentence: headlines and paragraphs never run together
        for k in _positions(orths, present & self.newline):
            if k + 1 < n and (orths[k + 1] not in space or orths[k] in space):
                starts.append(k + 1)
        column = numpy.full(n, NOT_START, dtype="uint64")
        column[starts] = 1
        if doc.has_annotation("SENT_START"):
            given = doc.to_array(SENT_START)
            column = numpy.where(given != 0, given, column)
        doc.from_array([SENT_START], column)
        return doc

    def _learn(self, doc: Doc, hashes: set[int]) -> None:
        for h in hashes:
            lex = doc.vocab[h]
            text = lex.orth_
            if text in self.punct_chars:
                self.final.add(h)
                self.punct.add(h)
            elif lex.is_punct:
                self.punct.add(h)
            if "\n" in text:
                self.newline.add(h)
            if lex.is_space:
                self.space.add(h)
        self.known.update(hashes)


def _positions(items: list, values: set) -> list[int]:
    """The positions of ``values`` in ``items``, in order (``list.index`` scans in C)."""
    found = []
    for value in values:
        k = items.index(value)
        while True:
            found.append(k)
            try:
                k = items.index(value, k + 1)
            except ValueError:
                break
    found.sort()
    return found


@Language.component("lagebild_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs never run together."""
    # only a token with a line break in its text (its trailing space is " " or none) can
    # start the next one: look at those alone, without a Token for every other one
    strings = doc.vocab.strings
    breaks = [k for k, orth in enumerate(doc.to_array(ORTH).tolist()) if "\n" in strings[orth]]
    for k in breaks:
        if k + 1 >= len(doc):
            continue
        prev, tok = doc[k], doc[k + 1]
        if not tok.is_space:
            tok.is_sent_start = True
        elif prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


from lagebild.nlp import actors, events, lemmas, places, quotes, quotes_en, time  # noqa: E402,F401
