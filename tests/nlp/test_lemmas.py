"""Our lookup lemmatizer gives the lemmas spaCy's lookup lemmatizer gives."""

from __future__ import annotations

import pytest
import spacy

from lagebild.pipeline import build_nlp

TEXTS = {
    "de": "Die Unterhändler haben am Montag ein Abkommen ausgehandelt und versprachen "
          "weitere Gespräche; Moskau sanktionierte die Firmen.",
    "en": "The negotiators were meeting in Geneva and promised further talks; the ministers "
          "had rejected the demands.",
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_same_lemmas_as_spacys_lookup_lemmatizer(lang):
    reference = spacy.blank(lang)
    reference.add_pipe("lemmatizer", config={"mode": "lookup"})
    reference.initialize()
    ours = build_nlp(lang)
    expected = [t.lemma_ for t in reference(TEXTS[lang])]
    got = [t.lemma_ for t in ours(TEXTS[lang])]
    assert got == expected
    assert "aushandeln" in got or "promise" in got
