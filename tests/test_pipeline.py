"""The library entry point builds one pipeline per language and lexicon files."""

from __future__ import annotations

from lagebild.pipeline import build_nlp


def test_one_pipeline_however_it_is_asked_for():
    assert build_nlp("de") is build_nlp("de", ()) is build_nlp("de", lexicon_paths=[])
    assert build_nlp("en") is not build_nlp("de")
