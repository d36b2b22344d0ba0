"""Quotation attribution in German news: what was said, who said it, to whom."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import lagebild.nlp.quotes  # noqa: F401  (registers the lagebild_quotes factory)
from lagebild.errors import LexiconError
from lagebild.nlp.quotes import (
    SPEECH_COLUMNS,
    SPEECH_LEXICON,
    Quotation,
    find_quotations,
    load_speech_cues,
)


@pytest.fixture(scope="module")
def nlp(nlp_quotes):
    return nlp_quotes


def quotations(nlp, text: str) -> list[dict]:
    doc = nlp(text)
    return [q.to_gold_shape(doc.text) for q in doc._.quotes]


def text_of(part: dict | None) -> str | None:
    return part["text"] if part else None


def the_one(nlp, text: str, type_: str) -> dict:
    found = [q for q in quotations(nlp, text) if q["type"] == type_]
    assert len(found) == 1, found
    return found[0]


def test_direct_quote_with_the_speaker_after_it(nlp):
    q = the_one(nlp, "„Das ist inakzeptabel“, sagte der Minister.", "Direct")
    assert text_of(q["quote"]) == "„Das ist inakzeptabel“"
    assert text_of(q["speaker"]) == "der Minister"
    assert text_of(q["cue"]) == "sagte"


def test_direct_quote_with_the_speaker_before_it(nlp):
    q = the_one(nlp, "Die Außenministerin sagte: „Wir werden nicht nachgeben.“", "Direct")
    assert text_of(q["quote"]) == "„Wir werden nicht nachgeben.“"
    assert text_of(q["speaker"]) == "Die Außenministerin"


def test_direct_quote_may_run_over_two_sentences(nlp):
    text = "„Wir sind enttäuscht. Die Gespräche gehen trotzdem weiter“, sagte die Gewerkschafterin."
    q = the_one(nlp, text, "Direct")
    assert text_of(q["quote"]) == "„Wir sind enttäuscht. Die Gespräche gehen trotzdem weiter“"
    assert text_of(q["speaker"]) == "die Gewerkschafterin"


def test_so_names_the_speaker_after_a_quotation(nlp):
    text = "„Die Verhandlungen sind gescheitert“, so der Sprecher des Außenministeriums."
    q = the_one(nlp, text, "Direct")
    assert text_of(q["speaker"]) == "der Sprecher des Außenministeriums"
    assert text_of(q["cue"]) == "so"


def test_laut_attributes_the_rest_of_the_sentence(nlp):
    q = the_one(nlp, "Laut Polizei wurden bei dem Angriff drei Menschen verletzt.", "Reported")
    assert text_of(q["quote"]) == "wurden bei dem Angriff drei Menschen verletzt"
    assert text_of(q["speaker"]) == "Polizei"
    assert text_of(q["cue"]) == "Laut"


def test_zufolge_takes_the_source_before_it(nlp):
    q = the_one(nlp, "Dem Bericht zufolge verließen zweihundert Familien das Dorf.", "Reported")
    assert text_of(q["quote"]) == "verließen zweihundert Familien das Dorf"
    assert text_of(q["speaker"]) == "Dem Bericht"
    assert text_of(q["cue"]) == "zufolge"


def test_nach_angaben_names_the_source_in_the_genitive(nlp):
    text = "Nach Angaben der Feuerwehr brach der Brand im Keller aus."
    q = the_one(nlp, text, "Reported")
    assert text_of(q["speaker"]) == "der Feuerwehr"
    assert text_of(q["quote"]) == "brach der Brand im Keller aus"


def test_wie_clause_attributes_the_main_clause(nlp):
    text = "Wie ein Sprecher der Stadtwerke mitteilte, bleibt das Bad bis Montag geschlossen."
    q = the_one(nlp, text, "Reported")
    assert text_of(q["quote"]) == "bleibt das Bad bis Montag geschlossen"
    assert text_of(q["speaker"]) == "ein Sprecher der Stadtwerke"
    assert text_of(q["cue"]) == "Wie mitteilte"


def test_konjunktiv_marks_indirect_speech(nlp):
    q = the_one(nlp, "Der Bürgermeister erklärte, die Lage sei unter Kontrolle.", "Indirect")
    assert text_of(q["quote"]) == "die Lage sei unter Kontrolle"
    assert text_of(q["speaker"]) == "Der Bürgermeister"
    assert text_of(q["cue"]) == "erklärte"


def test_dass_clause_after_a_separable_reporting_verb(nlp):
    text = "Die Regierung teilte am Montag mit, dass die Grenze geschlossen bleibt."
    q = the_one(nlp, text, "Indirect")
    assert text_of(q["quote"]) == "dass die Grenze geschlossen bleibt"
    assert text_of(q["speaker"]) == "Die Regierung"
    assert text_of(q["cue"]) == "teilte mit"
    assert len(q["cue"]["spans"]) == 2


def test_indirect_speech_before_the_reporting_verb(nlp):
    q = the_one(nlp, "Die Waffenruhe gelte weiter, erklärte das Militär.", "Indirect")
    assert text_of(q["quote"]) == "Die Waffenruhe gelte weiter"
    assert text_of(q["speaker"]) == "das Militär"


def test_pronoun_speaker_and_addressee(nlp):
    text = "Die Armee habe sich zurückgezogen, sagte er der Nachrichtenagentur Reuters."
    q = the_one(nlp, text, "Indirect")
    assert text_of(q["speaker"]) == "er"
    assert text_of(q["addressee"]) == "der Nachrichtenagentur Reuters"


def test_addressee_after_gegenueber(nlp):
    text = "Die Ministerin sagte gegenüber der Zeitung, der Haushalt sei gesichert."
    q = the_one(nlp, text, "Indirect")
    assert text_of(q["speaker"]) == "Die Ministerin"
    assert text_of(q["addressee"]) == "der Zeitung"


def test_konjunktiv_sentence_goes_on_with_the_last_speaker(nlp):
    text = ("Der Minister sagte, die Truppen seien abgezogen. "
            "Die Grenze bleibe aber geschlossen.")
    found = quotations(nlp, text)
    assert [text_of(q["quote"]) for q in found] == [
        "die Truppen seien abgezogen", "Die Grenze bleibe aber geschlossen"]
    assert [text_of(q["speaker"]) for q in found] == ["Der Minister", "Der Minister"]


def test_das_bestaetigte_attributes_the_sentence_before(nlp):
    text = "Der Flughafen bleibt bis Freitag geschlossen. Das bestätigte die Betreibergesellschaft."
    q = the_one(nlp, text, "Reported")
    assert text_of(q["quote"]) == "Der Flughafen bleibt bis Freitag geschlossen. Das"
    assert text_of(q["speaker"]) == "die Betreibergesellschaft"


def test_a_verb_with_its_preposition_reports_without_a_clause(nlp):
    q = the_one(nlp, "Die Opposition sprach von einem schwarzen Tag für das Land.", "Reported")
    assert text_of(q["quote"]) == "Die Opposition sprach von einem schwarzen Tag für das Land"
    assert text_of(q["cue"]) == "sprach von"


def test_the_one_quoted_is_the_object_of_zitieren(nlp):
    text = "Die Zeitung zitierte den Trainer mit den Worten: „Wir steigen nicht ab.“"
    q = the_one(nlp, text, "Direct")
    assert text_of(q["speaker"]) == "den Trainer"


def test_plain_sentence_has_no_quotation(nlp):
    assert quotations(nlp, "Der Zug fuhr um acht Uhr in Hamburg ab.") == []


def test_a_name_in_quotation_marks_is_no_quotation(nlp):
    assert quotations(nlp, "Die Zeitung „Neue Presse“ erscheint seit 1946 täglich.") == []


def test_a_separable_verb_is_not_its_base_verb(nlp):
    assert quotations(nlp, "Der Verein sagte das Spiel am Sonntag ab.") == []


def test_quotation_spans_point_into_the_text(nlp):
    doc = nlp("Nach der Sitzung sagte sie: „Wir bleiben dabei.“")
    [q] = doc._.quotes
    assert isinstance(q, Quotation)
    (start, end), = q.quote
    assert doc.text[start:end] == "„Wir bleiben dabei.“"
    assert q.to_gold_shape(doc.text)["addressee"] is None


def test_find_quotations_needs_sentence_boundaries(nlp):
    doc = spacy.blank("de")("Er sagte, es sei spät.")
    with pytest.raises(ValueError, match="sentencizer"):
        find_quotations(doc, load_speech_cues())


def test_shipped_lexicon_is_sorted_with_four_columns():
    lines = [ln for ln in SPEECH_LEXICON.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    assert tuple(lines[0].split("\t")) == SPEECH_COLUMNS
    rows = [ln.split("\t") for ln in lines[1:]]
    assert all(len(row) == 4 for row in rows)
    keys = [row[:2] for row in rows]
    assert keys == sorted(keys)
    assert len(set(map(tuple, keys))) == len(keys)


def test_a_lexicon_with_an_unknown_kind_names_file_and_line(tmp_path: Path):
    path = tmp_path / "speech.tsv"
    path.write_text("lemma\tparticle\tkind\tnote\nsagen\t\tverbum\t\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"speech\.tsv:2: unknown kind 'verbum'"):
        load_speech_cues(path)


def test_factory_reads_the_cues_path_from_its_config(tmp_path: Path):
    path = tmp_path / "only_verkuenden.tsv"
    path.write_text("lemma\tparticle\tkind\tnote\nverkünden\t\tverb\t\n", encoding="utf-8")
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.add_pipe("lagebild_quotes", config={"cues_path": str(path)})
    said = nlp("Der Präsident verkündete, die Wahl finde statt.")._.quotes
    assert [q.type for q in said] == ["Indirect"]
    assert nlp("Der Präsident sagte der Presse nichts.")._.quotes == []


PASSAGE = (
    "Der Minister traf am Morgen in Berlin ein. Die Lage sei ernst, sagte er. Das Treffen "
    "dauerte zwei Stunden. Es gebe keine Einigung. Er soll zuvor gewarnt haben. "
    "Danach fuhr die Delegation weiter. Das bestätigte ein Sprecher. „Wir bleiben hart“, hieß es aus dem Ministerium. "
    "Ein Sprecher bestätigte das. Die Opposition kritisierte den Besuch. Laut Polizei "
    "blieb es ruhig. Am Abend regnete es. Die Gespräche würden fortgesetzt, hieß es.")


def test_sentences_passed_over_change_nothing(nlp, monkeypatch):
    # sentences without a cue word, Konjunktiv or quotation mark are passed over unread;
    # reading every sentence must find the same quotations
    passed = [repr(q) for q in nlp(PASSAGE)._.quotes]
    monkeypatch.setattr(lagebild.nlp.quotes, "_cue_positions",
                        lambda doc, cues: list(range(len(doc))))
    read = [repr(q) for q in nlp(PASSAGE)._.quotes]
    assert passed == read and len(read) >= 4
