"""spaCy's tokenizer, made faster on words of letters only, with the same splits.

For every whitespace-separated chunk it has not split before, spaCy's tokenizer searches
its prefix, suffix and infix rules: large regular expressions, tried again on what is
left after each cut, most of its time on a first pass over new texts. None of these rules
matches a string of letters only in German or English (every one needs a punctuation
mark, a digit, a symbol or a quote; a test checks every letter of Unicode and a lexicon
of words), and most chunks of news are such words ("Regierung"): for them the answer is
known without the search.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from spacy.tokenizer import Tokenizer


def skip_affix_rules_for_letters(tokenizer: Tokenizer) -> Tokenizer:
    """A copy of ``tokenizer`` that answers "no prefix, suffix or infix" for letters-only
    strings without searching; every other string is searched as before. It pickles, and
    its serialisation writes the original patterns (reachable as ``__self__``). Made anew
    rather than changed in place: spaCy loads the special cases again after each rule is
    set, five times the cost of one new tokenizer."""
    return Tokenizer(
        tokenizer.vocab, rules=tokenizer.rules,
        prefix_search=_unless_letters(tokenizer.prefix_search, None),
        suffix_search=_unless_letters(tokenizer.suffix_search, None),
        infix_finditer=_unless_letters(tokenizer.infix_finditer, ()),
        token_match=tokenizer.token_match, url_match=tokenizer.url_match,
        faster_heuristics=tokenizer.faster_heuristics)


def _unless_letters(search: Callable | None, nothing) -> Callable | None:
    if search is None:
        return None
    rule = partial(_search, search, nothing)
    # spaCy writes a tokenizer's rules as ``rule.__self__.pattern`` (the compiled pattern)
    rule.__self__ = getattr(search, "__self__", None)
    return rule


def _search(search: Callable, nothing, text: str):
    return nothing if text.isalpha() else search(text)
