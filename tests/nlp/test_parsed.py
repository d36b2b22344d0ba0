"""With a dependency parse in the pipeline, the coder takes subjects and objects from it
(a Doc parsed by hand here: no statistical model is downloaded in tests)."""

from __future__ import annotations

from spacy.tokens import Doc

from lagebild.pipeline import build_nlp


def parsed_doc(nlp, words, heads, deps):
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps,
              sent_starts=[True] + [False] * (len(words) - 1))
    for name, proc in nlp.pipeline:
        if name not in ("lagebild_sentences", "sentencizer", "lagebild_paragraphs"):
            doc = proc(doc)
    return doc


def test_parse_decides_subject_and_object_against_word_order():
    nlp = build_nlp("de")
    # object first: "Russland kritisierte Polen" read as OVS: Polen (sb) criticised Russland (oa)
    words = ["Russland", "kritisierte", "Polen", "."]
    doc = parsed_doc(nlp, words, heads=[1, 1, 1, 1], deps=["oa", "ROOT", "sb", "punct"])
    [event] = doc._.events
    assert event.type == "ACCUSE"
    assert [m.country for m in event.source] == ["POL"]
    assert [m.country for m in event.target] == ["RUS"]


def test_without_a_parse_word_order_and_case_decide():
    nlp = build_nlp("de")
    [event] = nlp("Russland kritisierte Polen.")._.events
    assert ([m.country for m in event.source], [m.country for m in event.target]) == (
        ["RUS"], ["POL"])

