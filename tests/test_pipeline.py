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


def test_new_word_forms_get_the_lexical_attributes_lagebild_reads():
    """The pipeline's vocabulary computes only ``LEXICAL_ATTRS`` for a new word form; they
    must come out as spaCy's full set has them, and nothing may read one that is dropped."""
    import re
    from pathlib import Path

    import spacy

    from lagebild.pipeline import LEXICAL_ATTRS

    assert set(spacy.blank("de").vocab.lex_attr_getters) > LEXICAL_ATTRS  # spaCy's own kept
    reads = ("lower_", "is_alpha", "is_lower", "is_punct", "is_space", "like_num")
    # forms no test or lexicon has shown the vocabulary before
    text = "Quxbarland meldete 17,5 Zwoggs; qworzig?\n\n  Xylotrupp-Zentrale (QZX) 1.200.000 ¡"
    for lang in ("de", "en"):
        full = [tuple(getattr(t, a) for a in reads) for t in spacy.blank(lang)(text)]
        assert [tuple(getattr(t, a) for a in reads) for t in build_nlp(lang)(text)] == full
    # attributes spaCy computes per word form and the pipeline does not
    dropped = re.compile(r"\.(is_title|is_upper|is_digit|is_stop|is_ascii|is_quote|is_bracket|"
                         r"is_left_punct|is_right_punct|is_currency|like_url|like_email|"
                         r"shape_?|norm_?|prefix_|suffix_)\b")
    src = Path(__file__).parents[1] / "src" / "lagebild"
    found = [f"{p.name}: {m.group(0)}" for p in src.rglob("*.py")
             for m in dropped.finditer(p.read_text(encoding="utf-8"))]
    assert found == [], "reads a lexical attribute LEXICAL_ATTRS leaves out"
