"""spaCy components of Lagebild, registered as factories on import:
``lagebild_paragraphs``, ``lagebild_actors``, ``lagebild_time``, ``lagebild_places``,
``lagebild_quotes``, ``lagebild_events``.

The Doc extensions they read and write are registered here, once.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

EXTENSIONS = ("doc_id", "published", "actors", "times", "places", "quotes", "events", "words")

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("lagebild_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs never run together."""
    tokens = list(doc)
    for prev, tok in zip(tokens, tokens[1:]):
        if "\n" in prev.text_with_ws and not tok.is_space:
            tok.is_sent_start = True
        elif prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


from lagebild.nlp import actors, events, lemmas, places, quotes, quotes_en, time  # noqa: E402,F401
