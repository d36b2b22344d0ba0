"""English quotation attribution and the status it gives events, on sentences written
for the tests."""

from __future__ import annotations

from helpers import codes, events, run


def quotes(text):
    doc = run(text, lang="en").doc
    return [(q.type, " ".join(doc.text[b:e] for b, e in q.quote),
             " ".join(doc.text[b:e] for b, e in q.speaker)) for q in doc._.quotes]


def test_direct_quote_with_speaker_after():
    [(type_, quote, speaker)] = quotes('"We will not attack Israel," the Iranian foreign '
                                       'minister said.')
    assert type_ == "Direct" and "attack Israel" in quote
    assert speaker == "the Iranian foreign minister"


def test_indirect_speech_after_said():
    [(type_, quote, speaker)] = quotes("Western officials said Iran supplied Russia with drones.")
    assert (type_, speaker) == ("Indirect", "Western officials")
    assert quote.startswith("Iran supplied")


def test_speaker_at_the_end():
    [(_, quote, speaker)] = quotes("Iran supplied drones to Russia, U.S. officials said.")
    assert speaker == "U.S. officials" and quote.startswith("Iran supplied drones")


def test_according_to():
    [(type_, _, speaker)] = quotes("Russia attacked Kharkiv overnight, according to Ukrainian "
                                   "officials.")
    assert (type_, speaker) == ("Reported", "Ukrainian officials")


def test_events_in_reported_speech_are_attributed():
    [e] = events("Iran supplied drones to Russia, U.S. officials said on Monday.", lang="en")
    assert (e.type, codes(e.source), codes(e.target)) == ("AID", ("IRN",), ("RUS",))
    assert e.status == "reported" and e.attributed_to.country == "USA"


def test_we_in_a_quote_is_the_speaker_and_will_not_is_no_threat():
    [e] = events('"We will not attack Israel," the Iranian foreign minister said.', lang="en")
    assert (e.type, codes(e.source), codes(e.target), e.status) == (
        "ASSAULT", ("IRN",), ("ISR",), "negated")


def test_plain_sentence_has_no_quotation():
    assert quotes("Russia attacked Ukraine on Monday.") == []


def test_a_speech_verb_with_a_noun_phrase_object_quotes_nothing():
    from helpers import run

    for text in ("Ecuador declared a state of emergency in Guayaquil.",
                 "Sudan's government lifted a state of emergency in Darfur."):
        doc = run(text, lang="en").doc
        assert doc._.quotes == [], text
    doc = run("Officials said Iran supplied drones to Russia.", lang="en").doc
    assert [q.type for q in doc._.quotes] == ["Indirect"]
