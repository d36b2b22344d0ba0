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


def test_word_form_records_are_kept_per_language():
    """A form's lexical flags are its language's: "ten" is a number word in English only."""
    from lagebild.nlp.words import words_of

    german = words_of(build_nlp("de")("Auf Englisch heißt zehn ten und elf eleven."))
    english = words_of(build_nlp("en")("They counted ten boats and eleven trucks."))
    assert [w.like_num for w in german if w.text in ("ten", "eleven")] == [False, False]
    assert [w.like_num for w in english if w.text in ("ten", "eleven")] == [True, True]


def test_no_affix_rule_of_spacy_matches_letters_only():
    """What ``skip_affix_rules_for_letters`` rests on, for spaCy's rules as installed:
    every letter of Unicode, letter pairs and triples, and the words of the lemma tables."""
    import sys

    import spacy

    letters = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isalpha()]
    common = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüÄÖÜßéçñ"
    letters += [a + b for a in common for b in common]
    letters += [a + b + c for a in common for b in common for c in "sSeEnNkmgt"]
    for lang in ("de", "en"):
        tokenizer = spacy.blank(lang).tokenizer
        table = build_nlp(lang).get_pipe("lagebild_lemmas").table
        words = letters + [w for w in (*table.keys(), *table.values()) if w.isalpha()]
        assert len(words) > 200_000
        matched = [w for w in words if tokenizer.prefix_search(w) or tokenizer.suffix_search(w)
                   or list(tokenizer.infix_finditer(w))]
        assert matched == [], lang


def test_the_pipelines_tokenizer_splits_news_as_spacys():
    import pickle

    import spacy

    text = ("Die US-Regierung (Washington) teilte am 3.10. mit: „Nein!“ – 3,5 km², z.B. "
            "hinter'm Haus; Ex-Präsident Müller-Lüdenscheidt sagte: \"Nö\"... E-Mail: a@b.de, "
            "www.example.org/x?y=1 #Ukraine @dpa 20%-Anteil 1990er-Jahre U.S.-led forces' "
            "don't can't O'Neill's 5pm 100km 30kg (AFP) [Zitat] {x} 100$ €50 ¡Hola! Ärzte/Ärztinnen")
    for lang in ("de", "en"):
        nlp = build_nlp(lang)
        expected = [(t.text, t.whitespace_) for t in spacy.blank(lang).tokenizer(text)]
        for _ in range(2):  # new chunks, then the same from the tokenizer's memory
            assert [(t.text, t.whitespace_) for t in nlp.tokenizer(text)] == expected
        # the rules are written as spaCy's own patterns, and the tokenizer pickles
        other = spacy.blank(lang).tokenizer
        other.from_bytes(nlp.tokenizer.to_bytes())
        assert [(t.text, t.whitespace_) for t in other(text)] == expected
        copy = pickle.loads(pickle.dumps(nlp.tokenizer))
        assert [(t.text, t.whitespace_) for t in copy(text)] == expected


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
        assert build_nlp(lang).vocab.lang == lang  # the key of its per-form records
        full = [tuple(getattr(t, a) for a in reads) for t in spacy.blank(lang)(text)]
        assert [tuple(getattr(t, a) for a in reads) for t in build_nlp(lang)(text)] == full
    # attributes spaCy computes per word form and the pipeline does not
    dropped = re.compile(r"\.(is_title|is_upper|is_digit|is_stop|is_ascii|is_quote|is_bracket|"
                         r"is_left_punct|is_right_punct|is_currency|like_url|like_email|"
                         r"shape_|norm_|prefix_|suffix_)\b")
    src = Path(__file__).parents[1] / "src" / "lagebild"
    found = [f"{p.name}: {m.group(0)}" for p in src.rglob("*.py")
             for m in dropped.finditer(p.read_text(encoding="utf-8"))]
    assert found == [], "reads a lexical attribute LEXICAL_ATTRS leaves out"
