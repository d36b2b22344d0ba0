"""``Words`` reads what the rules ask of tokens as spaCy's Token gives it."""

from __future__ import annotations

import pytest

from lagebild.nlp.words import SOURCE_TEXT, Words, words_of
from lagebild.pipeline import build_nlp

TEXTS = {
    "de": "Der Minister sagte am Montag:  „Wir bleiben.“\n\nDie USA verhängten 12 Sanktionen. ",
    "en": "The U.S. imposed twelve sanctions on Monday, officials said.\nTalks resume today.",
}
ATTRS = ("text", "lower_", "lemma_", "idx", "i", "is_space", "is_punct", "like_num",
         "is_alpha", "is_lower", "is_sent_start")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_words_read_what_tokens_say(lang):
    doc = build_nlp(lang)(TEXTS[lang])
    words = words_of(doc)
    assert [[getattr(w, a) for a in ATTRS] for w in words] == [
        [getattr(t, a) for a in ATTRS] for t in doc]
    assert words.text == doc.text
    assert [(s.start, s.end, s.start_char, s.end_char) for s in words.sents] == [
        (s.start, s.end, s.start_char, s.end_char) for s in doc.sents]


def test_a_source_text_that_does_not_fit_the_doc_is_not_taken():
    nlp = build_nlp("de")
    doc = nlp.make_doc(TEXTS["de"])
    doc.user_data[SOURCE_TEXT] = TEXTS["de"]
    assert Words(doc).text == doc.text
    doc.user_data[SOURCE_TEXT] = "something else"
    assert Words(doc).text == doc.text


def test_a_word_form_with_its_lemma_is_one_number_and_a_form_table_answers_for_it(monkeypatch):
    from lagebild.memo import FormTable

    words = words_of(build_nlp("de")("Sie sagte, er sage nichts. Sie sagte es laut."))
    said = [w for w in words if w.text == "sagte"]
    assert said[0].form == said[1].form  # the same form and lemma
    assert len({w.form for w in words}) == len({(w.text, w.lemma_) for w in words})
    asked = []
    table = FormTable(lambda w: asked.append(w.text) or f"{w.text}/{w.lemma_}")
    expected = [f"{w.text}/{w.lemma_}" for w in words]
    assert table.column(words) == expected
    assert sorted(asked) == sorted({w.text for w in words})  # each form worked out once
    assert table.column(words) == expected and len(asked) == len(set(asked))
    asked.clear()
    assert [table.of(w) for w in words] == expected and len(asked) == len(set(asked))
    monkeypatch.setattr("lagebild.memo.CACHE_LIMIT", 1)  # full: starts afresh, still right
    table.clear()
    assert table.column(words) == expected
    table.clear()
    assert [table.of(w) for w in words] == expected and len(table) == 1


def test_form_tables_read_their_own_slot_of_the_form_records():
    from lagebild.memo import FormTable

    words = words_of(build_nlp("de")("Die Regierung wies die Vorwürfe am Montag zurück."))
    first = FormTable(lambda w: len(w.text))
    second = FormTable(lambda w: w.lemma_.upper())
    # the later table first: the records grow past the earlier one's slot, left empty
    assert second.column(words) == [w.lemma_.upper() for w in words]
    assert first.column(words) == [len(w.text) for w in words]
    assert second.column(words) == [w.lemma_.upper() for w in words]
    assert all(r[first.slot] == len(r[0][0]) for r in words.records)


def test_a_column_works_out_a_form_new_to_its_table_once_per_doc():
    from lagebild.memo import FormTable

    asked = []
    table = FormTable(lambda w: asked.append(w.text) or w.text.upper())
    # forms never seen before: their records are made after the table, with its slot empty
    words = words_of(build_nlp("de")("Quibbelwurz Zarflotte Quibbelwurz Quibbelwurz"))
    assert all(len(r) > table.slot and r[table.slot] is None for r in words.records)
    assert table.column(words) == [w.text.upper() for w in words]
    assert sorted(asked) == ["Quibbelwurz", "Zarflotte"]


def test_positions_between_a_start_and_an_end():
    from lagebild.nlp.words import any_between, between

    positions = [2, 5, 5, 9, 14]
    assert between(positions, 5, 10) == [5, 5, 9] and between(positions, 0, 2) == []
    assert between(positions, 14, 15) == [14] and between([], 0, 99) == []
    assert any_between(positions, 3, 6) and not any_between(positions, 10, 14)
    assert not any_between(positions, 9, 9)  # an empty range holds nothing
