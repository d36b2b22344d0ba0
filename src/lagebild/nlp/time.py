"""The time layer (``lagebild_time``): time expressions on the Doc, resolved against
``doc._.published`` by the rules in :mod:`lagebild.nlp.timex`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from lagebild.nlp.mentions import TimeExpression
from lagebild.nlp.timex import find_times
from lagebild.nlp.words import words_of


class TimeTagger:
    """Adds ``doc._.times``: a list of :class:`TimeExpression` in text order."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        times = []
        text = words_of(doc).text
        for start, end, value, precision, end_value, rule in find_times(
                text, self.lang, doc._.published):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            times.append(TimeExpression(span.start, span.end, start, end, text[start:end],
                                        value, precision, rule, end_value))
        doc._.times = times
        return doc


@Language.factory("lagebild_time")
def make_time_tagger(nlp: Language, name: str) -> TimeTagger:
    """spaCy factory: the time layer for ``nlp.lang``."""
    return TimeTagger(nlp.lang)
