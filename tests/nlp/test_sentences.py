"""Our sentence splitter sets the starts spaCy's sentencizer and the paragraph rule set."""

from __future__ import annotations

import pytest
import spacy

import lagebild.nlp  # noqa: F401  (registers the components)
from lagebild.nlp.words import words_of
from lagebild.pipeline import build_nlp

TEXTS = [
    "Der Minister reiste ab. Er kam nicht wieder!? Dann sprach die Sprecherin...",
    "Kiew – Ein Angriff.\nÜberschrift ohne Punkt\n\nEin neuer Absatz beginnt hier. (Und "
    "eine Klammer.) „Ein Zitat.“ Ende",
    "The ministers met in Geneva. Talks resumed on Monday!\n \nA new paragraph:\nno end",
    "Nur ein Satz ohne Ende",
    "\n\n Leerzeilen am Anfang.  Zwei Leerzeichen. ",
    "",
]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("text", TEXTS)
def test_same_starts_as_sentencizer_and_paragraphs(lang, text):
    reference = spacy.blank(lang)
    reference.add_pipe("sentencizer")
    reference.add_pipe("lagebild_paragraphs")
    ours = spacy.blank(lang)
    ours.add_pipe("lagebild_sentences")
    assert [t.is_sent_start for t in ours(text)] == [t.is_sent_start for t in reference(text)]


def test_line_breaks_end_sentences_in_the_pipeline():
    doc = build_nlp("de")("Waffenruhe hält\nDie Armee zog ab. Die Gespräche gehen weiter.")
    assert [s.text for s in doc.sents] == [
        "Waffenruhe hält\n", "Die Armee zog ab.", "Die Gespräche gehen weiter."]
    assert [w.is_sent_start for w in words_of(doc)][:2] == [True, False]


def test_starts_a_doc_has_already_stay():
    nlp = spacy.blank("de")
    nlp.add_pipe("lagebild_sentences")
    doc = nlp.make_doc("Eins zwei drei. Vier fünf")
    doc[2].is_sent_start = True
    doc = nlp.get_pipe("lagebild_sentences")(doc)
    assert [t.is_sent_start for t in doc] == [True, False, True, False, True, False]


def test_starts_stay_right_when_the_tables_start_afresh(monkeypatch):
    reference = spacy.blank("de")
    reference.add_pipe("sentencizer")
    reference.add_pipe("lagebild_paragraphs")
    nlp = spacy.blank("de")
    nlp.add_pipe("lagebild_sentences")
    nlp(TEXTS[0])
    monkeypatch.setattr("lagebild.memo.CACHE_LIMIT", 0)  # a Doc with new forms clears them
    text = TEXTS[0] + " Ein ganz neues Wort. Und noch eins!"  # old forms and new ones
    assert [t.is_sent_start for t in nlp(text)] == [t.is_sent_start for t in reference(text)]
