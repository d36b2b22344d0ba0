"""The library entry point builds one pipeline per language and lexicon files."""

from __future__ import annotations

from lagebild.pipeline import build_nlp


def test_one_pipeline_however_it_is_asked_for():
    assert build_nlp("de") is build_nlp("de", ()) is build_nlp("de", lexicon_paths=[])
    assert build_nlp("en") is not build_nlp("de")


PASSAGE = ("Russland warf der Ukraine am Montag vor, Zivilisten angegriffen zu haben. Der "
           "ukrainische Außenminister wies das zurück. „Das ist eine Lüge“, sagte er in Kiew. "
           "Die Europäische Union verhängte neue Sanktionen gegen Moskau.")


def _coded(text: str) -> list:
    doc = build_nlp("de")(text)
    return [(e.type, e.match.i, repr(e.source), repr(e.target)) for e in doc._.events] + [
        repr(q) for q in doc._.quotes]


def test_per_word_form_tables_starting_afresh_change_nothing(monkeypatch):
    expected = _coded(PASSAGE)
    assert len(expected) >= 4
    monkeypatch.setattr("lagebild.memo.CACHE_LIMIT", 0)  # every table clears on each new form
    assert _coded(PASSAGE + " Ein neues Wort.")[:len(expected)] == expected
    assert _coded(PASSAGE) == expected


def test_the_tokenizer_remembers_more_chunks_and_splits_as_spacys():
    import spacy

    from lagebild import memo

    tokenizer = build_nlp("de").tokenizer
    assert tokenizer.max_cache_size == memo.CACHE_LIMIT > spacy.blank("de").tokenizer.max_cache_size
    # chunks with and without affixes and abbreviations, the first time and from memory
    text = ("„Wir verhandeln nicht“, sagte z. B. der Sprecher (CDU) am 3.10.2023 in Berlin-Mitte; "
            "Dr. Weber: US-Sanktionen, 5 Mio. Euro usw.!\nNeuer Absatz... (dpa)")
    expected = [(t.text, t.whitespace_) for t in spacy.blank("de").tokenizer(text)]
    for _ in range(2):
        assert [(t.text, t.whitespace_) for t in tokenizer(text)] == expected


def test_coding_leaves_no_cyclic_garbage():
    """What coding makes is freed as soon as it is dropped: the pipeline lets the garbage
    collector run rarely (``GC_THRESHOLD``), which is only safe while nothing waits for it."""
    import gc

    from lagebild.pipeline import code
    from lagebild.schema import Article

    articles = [Article(id="de", text=PASSAGE, lang="de"),
                Article(id="en", lang="en", text="Russia accused Ukraine of shelling the plant. "
                        "Kyiv denied the claim, officials said on Monday.")]
    assert list(code(articles))  # the pipelines built, and events coded
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what a collection finds is kept in gc.garbage
    try:
        assert list(code(articles))
        gc.collect()
        garbage = sorted({type(o).__name__ for o in gc.garbage})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert garbage == []
