"""Multi-word name lookup: lexicon forms tokenised like the text, indexed by first token."""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language

from lagebild.cache import cached, file_digest, versions
from lagebild.lexicon import ActorEntry
from lagebild.lexicon.tables import shipped_paths


class NameIndex:
    """Longest-match lookup of lexicon names over a token sequence."""

    def __init__(self, by_first: dict[str, list[tuple[tuple[str, ...], list[ActorEntry]]]]):
        self.by_first = by_first

    @classmethod
    def build(cls, nlp: Language, lang: str, names: dict[str, list[ActorEntry]],
              lexicon_paths: tuple = ()) -> NameIndex:
        """Tokenise every form with ``nlp``'s tokenizer: once per process, and kept in the
        start-up cache keyed by the lexicon files' contents."""
        memo_key = (id(nlp.tokenizer), lang, id(names), lexicon_paths)
        if memo_key not in _BUILT:
            disk_key = "|".join([lang, versions("spacy", "lagebild"),
                                 file_digest([*shipped_paths(), *lexicon_paths])])
            _BUILT[memo_key] = cached(f"names-{lang}", disk_key,
                                      lambda: _build(nlp.tokenizer, names))
        return _BUILT[memo_key]

    def matches(self, doc, i: int):
        """Yield ``(end, entries)`` for every lexicon name starting at token ``i``,
        longest first."""
        if i >= len(doc):
            return
        for tokens, entries in self.by_first.get(doc[i].text, ()):
            end = i + len(tokens)
            if end <= len(doc) and all(doc[i + k].text == t for k, t in enumerate(tokens)):
                yield end, entries

    def single(self, text: str) -> list[ActorEntry]:
        """Entries whose form is exactly this one token."""
        for tokens, entries in self.by_first.get(text, ()):
            if len(tokens) == 1:
                return entries
        return []


# compiled indexes, per tokenizer and lexicon: building one tokenises every form
_BUILT: dict[tuple, NameIndex] = {}


def _build(tokenizer, names: dict[str, list[ActorEntry]]) -> NameIndex:
    grouped: dict[tuple[str, ...], list[ActorEntry]] = defaultdict(list)
    forms = list(names)
    for form, doc in zip(forms, tokenizer.pipe(forms)):
        tokens = tuple(t.text for t in doc)
        if tokens:
            grouped[tokens].extend(names[form])
    by_first: dict[str, list] = defaultdict(list)
    for tokens, entries in grouped.items():
        by_first[tokens[0]].append((tokens, entries))
    for items in by_first.values():
        items.sort(key=lambda item: -len(item[0]))
    return NameIndex(dict(by_first))
