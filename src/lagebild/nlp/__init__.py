"""spaCy components of Lagebild, registered as factories on import:
``lagebild_paragraphs``, ``lagebild_actors``, ``lagebild_time``, ``lagebild_places``,
``lagebild_quotes``, ``lagebild_events``.

The Doc extensions they read and write are registered here, once.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

EXTENSIONS = ("doc_id", "published", "actors", "times", "places", "quotes", "events", "words")

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("lagebild_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs never run together."""
    text = doc.text
    if "\n" not in text:
        return doc
    # only a token with a line break in its text or trailing space starts the next one
    # (the tokens tile the text: each one runs from its offset to the next one's)
    offsets = doc.to_array(IDX).tolist()
    breaks = {bisect_right(offsets, m.start()) - 1 for m in re.finditer("\n", text)}
    for k in sorted(breaks):
        if k + 1 >= len(doc):
            continue
        prev, tok = doc[k], doc[k + 1]
        if not tok.is_space:
            tok.is_sent_start = True
        elif prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


from lagebild.nlp import actors, events, lemmas, places, quotes, quotes_en, time  # noqa: E402,F401
