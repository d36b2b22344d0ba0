"""spaCy components of Lagebild, registered as factories on import:
``lagebild_paragraphs``, ``lagebild_actors``, ``lagebild_time``, ``lagebild_places``,
``lagebild_quotes``, ``lagebild_events``.

The Doc extensions they read and write are registered here, once.
"""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

EXTENSIONS = ("doc_id", "published", "actors", "times", "places", "quotes", "events", "words")

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


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
