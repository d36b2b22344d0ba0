"""Markers: reported-speech phrases that name a source without a reporting verb of their own.

A marker from the lexicon ("laut Polizei", "so der Minister", "dem Bericht zufolge", "nach
Angaben der Polizei", "wie ein Sprecher mitteilte", "Demnach ...") attributes the rest of its
sentence to a source; where that source stands (after the marker, before it, in the clause
it opens, or in the sentence before) decides the frame. ``marker_frames`` finds the frames
of the markers in one sentence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Doc

if TYPE_CHECKING:
    from lagebild.nlp.quotes import SpeechCues

from lagebild.memo import Memo
from lagebild.nlp.quote_rules import (
    ADVERBS,
    AUXILIARY_LEMMAS,
    CUE_MARKER,
    DETERMINERS,
    GENITIVE_OPENERS,
    POINTING_BACK,
    POSTPOSITIONS,
    PREPOSITIONS,
    RELATIVE_ADVERBS,
    RELATIVE_PRONOUNS,
    SUBORDINATORS,
    is_modifier,
    is_nominal,
    is_verb_like,
    noun_phrase_end,
    noun_phrase_start,
)
from lagebild.nlp.quote_units import Frame, Unit, only_adjuncts, punct
from lagebild.nlp.quote_verbs import find_addressee, verb_cue
from lagebild.nlp.words import per_doc


class MarkerIndex(NamedTuple):
    """Markers indexed by their first word, and the first words long enough to be the head
    of a compound ("Polizeiangaben"): so each token is tried only against its markers."""

    by_first: dict[str, list[tuple[str, ...]]]
    heads: tuple[str, ...]
    order: dict[tuple[str, ...], int]  # a marker's place in the lexicon
    # (lowercase form, lemma, capitalised) -> the markers that may start at such a word
    by_word: Memo


@lru_cache(maxsize=8)
def marker_index(markers: tuple[tuple[str, ...], ...]) -> MarkerIndex:
    """The :class:`MarkerIndex` of a speech lexicon's markers."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for marker in markers:
        by_first.setdefault(marker[0], []).append(marker)
    heads = tuple(w for w in by_first if len(w) > 4)
    order = {m: n for n, m in enumerate(markers)}
    return MarkerIndex(by_first, heads, order,
                       Memo(lambda key: _markers_for(*key, by_first, heads, order)))


def may_start_marker(word, index: MarkerIndex) -> bool:
    """Whether a marker may start at a word, by the word alone: its lowercase form or its
    lemma is a marker's first word, or it is a capitalised compound of one."""
    low = word.text.lower()
    return low in index.by_first or word.lemma_.lower() in index.by_first or (
        word.text[:1].isupper() and low.endswith(index.heads))


def marker_candidates(doc, cues: SpeechCues) -> dict[int, list[tuple[str, ...]]]:
    """The markers that may start at each word of a Doc, for the words where any may
    (``CUE_MARKER``), found once."""
    index = cues.marker_index

    def build(words) -> dict[int, list[tuple[str, ...]]]:
        flags, flagged = cues.flagged(words)
        return {i: found for i in flagged if flags[i] & CUE_MARKER
                and (found := index.by_word[words[i].lower_, words[i].lemma_,
                                            words[i].text[:1].isupper()])}

    return per_doc(doc, ("markers", id(index)), build)


def _markers_for(low: str, lemma: str, capitalised: bool, by_first, heads, order
                 ) -> list[tuple[str, ...]]:
    lemma = lemma.lower()
    found = by_first.get(low, []) + (by_first.get(lemma, []) if lemma != low else [])
    if capitalised and low.endswith(heads):
        found += [m for w in heads if low.endswith(w) and w not in (low, lemma)
                  for m in by_first[w]]
    if len(found) < 2:
        return found
    # keep the lexicon's order: earlier (longer) markers are tried first
    return sorted(set(found), key=order.__getitem__)


def marker_frames(unit: Unit, cues: SpeechCues) -> list[Frame]:
    """The frames of the markers in a sentence, left to right, none inside another."""
    frames: list[Frame] = []
    taken: set[int] = set()
    candidates = marker_candidates(unit.doc, cues)
    for i in [i for i in unit.words(unit.start, unit.end) if i in candidates]:
        if i in taken:
            continue
        for marker in candidates[i]:
            match = _match_marker(unit, i, marker)
            if match is None:
                continue
            frame = _marker_frame(unit, match, marker, cues)
            if frame is not None:
                frames.append(frame)
                taken.update(range(*frame.region))
                break
    return frames


def _match_marker(unit: Unit, i: int, marker: tuple[str, ...]) -> list[int] | None:
    """Token indices of ``marker`` starting at ``i``; a noun in it may be a compound's head,
    and up to two lowercase words may stand before each later word ("nach ersten Angaben")."""
    doc, matched, j = unit.doc, [], i
    for n, word in enumerate(marker):
        gap = 0
        while n and j < unit.end and gap < 2 and not _word_matches(doc[j], word) \
                and (is_modifier(doc[j]) or doc[j].lower_ in DETERMINERS):
            j, gap = j + 1, gap + 1
        if j >= unit.end or unit.in_quote[j] >= 0 or not _word_matches(doc[j], word):
            return None
        matched.append(j)
        j += 1
    return matched


def _word_matches(token, word: str) -> bool:
    """Whether a token is a marker's word: as written, as lemma, or as a compound's head."""
    low = token.lower_
    if low == word or token.lemma_.lower() == word:
        return True
    # compounds: "Polizeiangaben" ends in "angaben", "Medienberichten" in "berichten"
    return len(word) > 4 and token.text[:1].isupper() and low.endswith(word)


def _marker_frame(unit: Unit, match: list[int], marker: tuple[str, ...],
                  cues: SpeechCues) -> Frame | None:
    """The frame of a matched marker: where its source stands decides what it takes."""
    doc = unit.doc
    first, last = match[0], match[-1]
    cs, ce = unit.clause_of[first]
    word = doc[first].lower_
    if word in POINTING_BACK:  # "Demnach ...": the source named before speaks on
        if first != cs:
            return None
        return Frame(match, (first, first + 1), None, (first, first + 1), (unit.start, unit.end),
                     "marker")
    if word in RELATIVE_ADVERBS:  # "Berichte, wonach ...": the noun before the comma
        if first == unit.start or doc[first - 1].text != ",":
            return None
        prev_start = unit.clause_of.get(first - 2, (first - 1, first - 1))[0]
        np_start = noun_phrase_start(doc, first - 1, prev_start)
        speaker = (np_start, first - 1) if np_start is not None else None
        return Frame(match, speaker, None, (first, first + 1), (first + 1, ce), "marker")
    np_end = _phrase_after(doc, last + 1, ce)
    if word in SUBORDINATORS:  # "wie ein Sprecher mitteilte": only with a reporting verb
        verb = _clause_final_cue(unit, last + 1, cues)
        if verb is None:
            return None
        if np_end is None or np_end > verb[0]:
            return None  # "wie folgt zitiert": no source
        start = next(k for k in range(last + 1, np_end) if doc[k].lower_ not in ADVERBS)
        return Frame(match + verb, (start, np_end), None, (first, verb[-1] + 1),
                     (unit.start, unit.end), "marker")
    if doc[unit.end - 1].text == "?":
        return None  # a question attributes nothing
    if len(match) == 1 and word in ADVERBS - PREPOSITIONS:  # "so": only in ", so X", "„…“ so X"
        after_quote = first > unit.start and unit.in_quote[first - 1] >= 0
        if np_end is None or not (first == cs and cs > unit.start or after_quote) \
                or not only_adjuncts(unit, np_end, ce):
            return None
        return Frame(match, (last + 1, np_end), find_addressee(unit, np_end, ce, cues),
                     (first, ce), (unit.start, unit.end), "marker")
    postposed = marker[-1] in POSTPOSITIONS and (len(marker) == 1 or marker[0] not in PREPOSITIONS)
    if np_end is not None and not postposed and (
            len(match) == 1 or doc[last + 1].lower_ in GENITIVE_OPENERS | {"von", "vom"}
            or is_nominal(doc[last + 1])):  # "nach Angaben der Polizei", not "... weitere"
        skip = 1 if doc[last + 1].lower_ in {"von", "vom"} else 0
        return Frame(match, (last + 1 + skip, np_end), None, (first, np_end),
                     (unit.start, unit.end), "marker")
    if len(match) > 1:  # "nach eigenen Angaben", "seiner Meinung nach": the noun speaks
        nouns = [k for k in match if doc[k].text[:1].isupper()]
        start = first - 1 if first > cs and doc[first - 1].lower_ in DETERMINERS else first
        speaker = (start, nouns[-1] + 1) if nouns else None
        return Frame(match, speaker, None, (start, last + 1), (unit.start, unit.end), "marker")
    np_start = noun_phrase_start(doc, first, cs)
    if np_start is None or not unit.words(last + 1, unit.end) or all(
            punct(doc, k) for k in unit.words(last + 1, unit.end)):
        return None  # "... wurden Vorwürfe laut": a marker ends no sentence
    return Frame(match, (np_start, first), None, (np_start, first + 1), (unit.start, unit.end),
                 "marker")


def _clause_final_cue(unit: Unit, i: int, cues: SpeechCues) -> list[int] | None:
    """The reporting verb that ends the subordinate clause opened before ``i``; relative
    clauses in between are skipped ("wie X, der dabei war, feststellte")."""
    doc, own = unit.doc, True
    while i < unit.end:
        cs, ce = unit.clause_of.get(i, (i, i))
        words = [k for k in unit.words(cs, ce) if k >= i and k not in unit.in_brackets]
        while len(words) > 1 and doc[words[-1]].lemma_ in AUXILIARY_LEMMAS:
            words = words[:-1]  # "wie X zitiert wird"
        if words and (cue := verb_cue(unit, words[-1], cues)):
            return cue
        if words and (own and is_verb_like(doc[words[-1]]) or not own
                      and doc[words[0]].lower_ not in RELATIVE_PRONOUNS):
            return None  # "wie sie das Gesetz enthält": the clause ended on another verb
        i, own = ce + 1, False
    return None


def _phrase_after(doc: Doc, i: int, stop: int) -> int | None:
    """The end of the source phrase after a marker ("laut Angaben von X", "wie schon X")."""
    if i < stop and doc[i].lower_ in {"von", "vom"}:
        i += 1
    while i < stop and doc[i].lower_ in ADVERBS:  # "wie schon die WHO sagte"
        i += 1
    return noun_phrase_end(doc, i, stop)
