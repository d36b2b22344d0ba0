"""The lookup lemmatizer (``lagebild_lemmas``): a word's lemma from spacy-lookups-data's
table, the word itself when the table lacks it.

It does what spaCy's ``lemmatizer`` does in ``lookup`` mode, with the table as a plain
dict of strings: spaCy's ``Lookups`` object hashes every key on loading, which made
reading it from the start-up cache take most of a second; a dict loads in a tenth of that.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache

from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from lagebild import memo
from lagebild.cache import cached, versions


@lru_cache(maxsize=4)
def lemma_table(lang: str) -> dict[str, str]:
    """The form -> lemma table of ``lang`` (built once, then kept in the start-up cache)."""
    def build() -> dict[str, str]:
        import spacy_lookups_data

        with gzip.open(spacy_lookups_data.get_file(f"{lang}_lemma_lookup.json.gz")) as f:
            return json.load(f)

    return cached(f"lemma-dict-{lang}", versions("spacy-lookups-data"), build)


class LookupLemmatizer:
    """Sets ``token.lemma_`` from the table; unknown words are their own lemma."""

    def __init__(self, lang: str) -> None:
        self.table = lemma_table(lang)
        # the hash of a word form -> the hash of its lemma, for the forms seen so far: one
        # lookup per token instead of two string conversions and a table lookup
        self.by_orth: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        # as ``tok.lemma_ = ...`` for each token, through arrays: no Token object made
        if not len(doc):
            return doc
        column = doc.to_array(ORTH)  # one value per token
        orths = column.tolist()
        by_orth = self.by_orth
        try:
            column[:] = list(map(by_orth.__getitem__, orths))
        except KeyError:  # forms not seen before: look them up once
            if memo.full(by_orth):
                by_orth.clear()
            get, strings = self.table.get, doc.vocab.strings
            for h in set(orths).difference(by_orth):
                text = strings[h]
                by_orth[h] = strings.add(get(text, text))
            column[:] = list(map(by_orth.__getitem__, orths))
        doc.from_array([LEMMA], column)
        return doc


@Language.factory("lagebild_lemmas")
def make_lookup_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    """spaCy factory: the lookup lemmatizer of ``nlp.lang``."""
    return LookupLemmatizer(nlp.lang)
