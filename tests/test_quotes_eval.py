"""Scoring quotation attribution: overlap of half a gold quotation, speakers by one character."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import lagebild.nlp.quotes  # noqa: F401  (registers the lagebild_quotes factory)
from lagebild.quotes_eval import evaluate_file, predict_document, score_quotations


def part(*spans: tuple[int, int]) -> dict:
    return {"text": "", "spans": [list(s) for s in spans]}


def quote(quote_spans, speaker_spans=()) -> dict:
    return {"type": "Direct", "quote": part(*quote_spans), "speaker": part(*speaker_spans),
            "cue": part(), "addressee": part()}


GOLD = [
    {"id": "a", "text": "x" * 100, "quotes": [
        quote([(0, 10)], [(20, 25)]),   # found by p1, whose speaker overlaps
        quote([(30, 40)]),              # only 4 of its 10 characters predicted: not found
    ]},
    {"id": "b", "text": "y" * 50, "quotes": []},
]
PREDICTED = {
    "a": [quote([(0, 6)], [(22, 30)]),   # covers 6 of 10: correct
          quote([(50, 60)]),             # overlaps nothing
          quote([(32, 36)])],            # covers 4 of 10: not enough
    "b": [quote([(0, 10)])],             # no gold there
}


def test_figures_on_a_small_hand_made_set():
    figures = score_quotations(GOLD, PREDICTED)
    assert figures["documents"] == 2
    assert figures["gold_quotes"] == 2
    assert figures["predicted_quotes"] == 4
    assert figures["precision"] == pytest.approx(0.25)
    assert figures["recall"] == pytest.approx(0.5)
    assert figures["f1"] == pytest.approx(1 / 3)
    assert figures["speaker_accuracy"] == pytest.approx(1.0)
    assert figures["speaker_found"] == 1


def test_half_of_a_gold_quotation_is_enough_across_its_spans():
    gold = [{"id": "a", "quotes": [quote([(0, 4), (10, 16)])]}]  # 10 characters in two spans
    five = {"a": [quote([(10, 15)])]}
    four = {"a": [quote([(10, 14)])]}
    assert score_quotations(gold, five)["recall"] == 1.0
    assert score_quotations(gold, four)["recall"] == 0.0


def test_speaker_is_judged_on_the_prediction_that_overlaps_most():
    gold = [{"id": "a", "quotes": [quote([(0, 10)], [(50, 55)])]}]
    predicted = {"a": [quote([(0, 6)], [(50, 52)]),    # covers 6, right speaker
                       quote([(0, 10)], [(70, 75)])]}  # covers all 10, wrong speaker
    figures = score_quotations(gold, predicted)
    assert figures["precision"] == 1.0
    assert figures["speaker_accuracy"] == 0.0
    assert figures["speaker_found"] == 0


def test_gold_quotations_without_speaker_do_not_count_for_speakers():
    gold = [{"id": "a", "quotes": [quote([(0, 10)])]}]
    figures = score_quotations(gold, {"a": [quote([(0, 10)], [(20, 30)])]})
    assert figures["f1"] == 1.0
    assert figures["speaker_accuracy"] == 0.0
    assert figures["speaker_found"] == 0


def test_no_predictions_score_zero():
    figures = score_quotations(GOLD, {})
    assert (figures["precision"], figures["recall"], figures["f1"]) == (0.0, 0.0, 0.0)


def test_predictions_for_unknown_documents_are_an_error():
    with pytest.raises(ValueError, match="not in the gold: \\['zzz'\\]"):
        score_quotations(GOLD, {"zzz": []})


def test_a_gold_document_without_quotes_is_an_error():
    with pytest.raises(ValueError, match="gold document 0 has no 'id' or 'quotes'"):
        score_quotations([{"id": "a", "text": ""}], {})


@pytest.fixture(scope="module")
def nlp(nlp_quotes):
    return nlp_quotes


def test_predict_document_gives_the_gold_shape(nlp):
    [q] = predict_document(nlp, "t1", "„Wir bleiben“, sagte die Trainerin.")
    assert q["type"] == "Direct"
    assert q["quote"] == {"text": "„Wir bleiben“", "spans": [[0, 13]]}
    assert q["speaker"]["text"] == "die Trainerin"
    assert q["cue"]["text"] == "sagte"
    assert q["addressee"] is None


def test_predict_document_needs_the_quotes_component():
    bare = spacy.blank("de")
    with pytest.raises(ValueError, match="document 't2'.*lagebild_quotes"):
        predict_document(bare, "t2", "Er sagte, es sei spät.")


def test_evaluate_file_runs_the_pipeline_over_a_gold_file(nlp, tmp_path: Path):
    text = "Der Trainer sagte, die Mannschaft sei bereit. Das Spiel beginnt um acht."
    said = text.index("die Mannschaft")
    gold = {"id": "g1", "text": text, "quotes": [
        quote([(said, text.index("."))], [(0, len("Der Trainer"))])]}
    path = tmp_path / "mini.quotes.jsonl"
    path.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    figures = evaluate_file(path, nlp)
    assert figures["documents"] == 1
    assert (figures["precision"], figures["recall"], figures["speaker_accuracy"]) == (1.0, 1.0,
                                                                                      1.0)


def test_evaluate_file_needs_the_quotes_component(tmp_path: Path):
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="has no 'lagebild_quotes'"):
        evaluate_file(path, spacy.blank("de"))
