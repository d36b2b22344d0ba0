"""Frames: how a reporting cue, its speaker and its quotation stand in a German sentence.

A frame is the part of a sentence that attributes ("sagte der Minister", "laut Polizei",
"wie ein Sprecher mitteilte"); its scope is where the quotation stands (after the colon,
before the comma, or the rest of the sentence). ``framed_quotations`` finds the frames of
one sentence and returns what they attribute.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Doc

if TYPE_CHECKING:
    from lagebild.nlp.quotes import SpeechCues

from lagebild.nlp.quote_rules import (
    ADVERB_SHAPE,
    ADVERBIAL_ADJECTIVE,
    ADVERBS,
    AUXILIARY_LEMMAS,
    COMPLEMENTIZERS,
    CONJUNCTIONS,
    DATIVE_OPENERS,
    DEMONSTRATIVES,
    DETERMINERS,
    GENITIVE_OPENERS,
    NON_REPORTING_SUBORDINATORS,
    OBJECT_PRONOUNS,
    OBLIQUE_OPENERS,
    PASSIVE_FORMS,
    POINTING_BACK,
    POSTPOSITIONS,
    PREPOSITIONS,
    RELATIVE_ADVERBS,
    RELATIVE_PRONOUNS,
    SEPARABLE_PARTICLES,
    SUBORDINATORS,
    TIME_WORDS,
    Spans,
    Unit,
    is_konjunktiv,
    is_konjunktiv_ii,
    is_modifier,
    is_nominal,
    is_statement,
    is_verb_like,
    noun_phrase_end,
    noun_phrase_start,
)


class Found(NamedTuple):
    """A quotation found in a sentence; ``quotes.Quotation`` is built from it."""

    type: str
    quote: Spans
    speaker: Spans
    cue: Spans
    addressee: Spans


@dataclass
class Frame:
    """Where a cue attributes: its token indices, the speaker and addressee phrases (token
    ranges), the region the frame itself takes, the scope where its quotation stands, and
    its kind: "verb", "marker", or "backward" (the quotation is the sentence before)."""

    cue: list[int]
    speaker: tuple[int, int] | None
    addressee: tuple[int, int] | None
    region: tuple[int, int]
    scope: tuple[int, int]
    kind: str


class Reading(NamedTuple):
    """What the frames of a sentence attribute, and the last speaker they name."""

    found: list[Found]
    speaker: Spans
    backward: Found | None = None  # "Das bestätigte X.": X said the sentence before


def framed_quotations(unit: Unit, cues: SpeechCues) -> Reading:
    """The quotations that cues attribute in one sentence.

    Args:
        unit: the sentence.
        cues: a ``quotes.SpeechCues``.
    Returns:
        Direct quotations in marks inside a frame's scope, and the indirect or reported
        content of the scope, each with the frame's speaker, cue and addressee; and the
        last speaker a frame names, even one that frames no quotation ("Er warnte davor.").
    """
    frames = _marker_frames(unit, cues)
    covered = {i for f in frames for i in range(*f.region)}
    reported = set()  # what verbs report: a cue in there is part of the quotation
    for i in unit.words(unit.start, unit.end):
        if i not in covered and i not in reported \
                and (frame := _verb_frame(unit, i, cues)) is not None:
            frames.append(frame)
            covered.update(range(*frame.region))
            reported.update(range(*frame.scope))
    # "Laut X hat Y angekündigt, ...": the marker tells where Y's words come from
    reporting = [unit.clause_of[f.cue[0]] for f in frames
                 if f.kind == "verb" and f.scope[0] < f.scope[1]]
    frames = [f for f in frames if f.kind != "marker" or not any(
        cs <= f.cue[0] < ce for cs, ce in reporting)]
    framed = {i for f in frames for i in range(*f.region)} | {
        i for f in frames for i in range(*f.scope)}
    for start, end in unit.marks:
        if unit.start <= start and end <= unit.end and start not in framed \
                and (frame := _quotation_frame(unit, start, end, cues)) is not None:
            frames.append(frame)
            covered.update(range(*frame.region))
    frames.sort(key=lambda f: f.region)
    found = []
    for n, frame in enumerate(frames):
        found.extend(_attributed(unit, _cut_scope(frame, frames[n - 1] if n else None,
                                                  frames[n + 1] if n + 1 < len(frames)
                                                  else None), covered))
    speakers = [f.speaker for f in frames if f.speaker]
    backward = next((_backward(unit, f) for f in frames if f.kind == "backward"), None)
    return Reading(found, unit.chars(range(*speakers[-1])) if speakers else (), backward)


def _backward(unit: Unit, frame: Frame) -> Found:
    """The frame of "Das bestätigte die Polizei.": the quotation is the sentence before, and
    the pronoun that points back to it."""
    pronoun = unit.chars([unit.words(unit.start, unit.end)[0]])
    return Found("Reported", pronoun, unit.chars(range(*frame.speaker)), unit.chars(frame.cue),
                 unit.chars(range(*frame.addressee)) if frame.addressee else ())


def _cut_scope(frame: Frame, before: Frame | None, after: Frame | None) -> Frame:
    """A frame's quotation ends where the next frame begins ("X sagte, ..., und Y erklärte,")."""
    start, end = frame.scope
    if after is not None and start >= frame.region[1]:
        end = min(end, max(start, after.region[0]))
    if before is not None and end <= frame.region[0]:
        start = max(start, min(end, before.region[1]))
    return Frame(frame.cue, frame.speaker, frame.addressee, frame.region, (start, end),
                 frame.kind)


def _quotation_frame(unit: Unit, start: int, end: int, cues: SpeechCues) -> Frame | None:
    """A frame around a quotation whose verb is not in the lexicon: "„...“, strich X heraus"
    and "X griff ihn an: „...“" attribute the quotation to the subject of that verb."""
    doc = unit.doc
    after = [k for k in range(end, unit.end) if not doc[k].is_space][:2]
    if len(after) == 2 and doc[after[0]].text == "," and is_verb_like(doc[after[1]]):
        v = after[1]
        cs, ce = unit.clause_of[v]
        speaker, addressee, behind = _verb_speaker(unit, v, v, ce, False, cues)
        if speaker is not None and behind:
            return Frame([v], speaker, addressee, (v, ce), (unit.start, v), "verb")
    colon = next((k for k in range(start - 1, unit.start - 1, -1) if not doc[k].is_space), None)
    if colon is None or doc[colon].text != ":" or colon == unit.start:
        return None
    cs, ce = unit.clause_of[colon - 1]
    verbs = [k for k in unit.words(cs, ce) if is_verb_like(doc[k]) and k not in unit.in_brackets]
    if not verbs:  # "BKA-Präsident Ziercke: „...“"
        words = unit.words(cs, ce)
        end = noun_phrase_end(doc, words[0], ce) if words else None
        if end is None:
            return None
        return Frame([colon], (words[0], end), None, (cs, ce), (ce + 1, unit.end), "verb")
    head = next(k for k in unit.words(cs, ce) if doc[k].lower_ not in CONJUNCTIONS)
    speaker, addressee, _ = _verb_speaker(unit, verbs[0], head, ce, False, cues)
    if speaker is None:
        return None
    return Frame([verbs[0]], speaker, addressee, (cs, ce), (ce + 1, unit.end), "verb")


def _attributed(unit: Unit, frame: Frame, covered: set[int]) -> list[Found]:
    """What a frame attributes: the words of its scope that no frame takes (Indirect with
    Konjunktiv or a complementizer, else Reported), and the quotations in marks there."""
    doc = unit.doc
    speaker = unit.chars(range(*frame.speaker)) if frame.speaker else ()
    addressee = unit.chars(range(*frame.addressee)) if frame.addressee else ()
    cue = unit.chars(frame.cue)
    content = [i for i in range(*frame.scope) if i not in covered]
    words = [i for i in content if unit.in_quote[i] < 0 and not _punct(doc, i)]
    found = []
    if words and len(words) >= 2:
        mood = "Indirect" if frame.kind == "verb" and _reported_mood(unit, words) else "Reported"
        found.append(Found(mood, unit.chars(content), speaker, cue, addressee))
    elif frame.kind == "verb" and speaker and frame.scope[0] == frame.scope[1] and any(
            doc[k].lower_ in PREPOSITIONS and k + 1 < unit.end and not _punct(doc, k + 1)
            for k in frame.cue[1:]) and not unit.marks_within(unit.start, unit.end):
        # "X sprach von einem Erfolg", "warnte vor ...": the verb's phrase is what was said
        found.append(Found("Reported", unit.chars(range(unit.start, unit.end)), speaker, cue,
                           addressee))
    named = set(range(*frame.speaker)) if frame.speaker else set()
    named |= set(range(*frame.addressee)) if frame.addressee else set()
    inside = [m for m in unit.marks_within(*frame.region)
              if m[0] > min(frame.cue) and m[0] not in named]
    for start, end in unit.marks_within(*frame.scope) + inside:
        if not words or is_statement(doc, start, end) or end - start >= 5:
            found.append(Found("Direct", unit.chars(range(start, end)), speaker, cue,
                               addressee))
    return found


def subject_of(unit: Unit, cues: SpeechCues) -> Spans:
    """The subject of a sentence's first clause ("Die Polizei warnte", "Am Montag hat die
    Polizei gewarnt"), found as the speaker of its first verb; empty if there is none."""
    subject = _first_subject(unit, cues)
    return unit.chars(range(*subject)) if subject else ()


def _first_subject(unit: Unit, cues: SpeechCues) -> tuple[int, int] | None:
    """Token range of the subject of the first verb of a sentence, or None."""
    doc, words = unit.doc, unit.words(unit.start, unit.end)
    verbs = [k for k in words if is_verb_like(doc[k]) or doc[k].lemma_ in AUXILIARY_LEMMAS]
    if not verbs:
        return None
    cs, ce = unit.clause_of[verbs[0]]
    head = next(k for k in unit.words(cs, ce) if doc[k].lower_ not in CONJUNCTIONS)
    if head == verbs[0] and head > unit.start and doc[head - 1].lower_ in CONJUNCTIONS:
        return None
    return _verb_speaker(unit, verbs[0], head, ce, False, cues)[0]


def nested_direct(unit: Unit, scope: range, speaker: Spans, cue: Spans) -> list[Found]:
    """Quotations in marks inside indirect speech, attributed to its speaker."""
    return [Found("Direct", unit.chars(range(s, e)), speaker, cue, ())
            for s, e in unit.marks_within(scope.start, scope.stop) if e - s >= 5]


def _reported_mood(unit: Unit, words: list[int]) -> bool:
    doc = unit.doc
    return doc[words[0]].lower_ in COMPLEMENTIZERS or any(
        is_konjunktiv(doc[i]) or is_konjunktiv_ii(doc[i]) for i in words)


def _punct(doc: Doc, i: int) -> bool:
    return doc[i].is_punct or doc[i].is_space


# -- markers -----------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _markers_by_first_word(markers: tuple[tuple[str, ...], ...]):
    """Markers indexed by their first word, and the first words long enough to be the head
    of a compound ("Polizeiangaben"): so each token is tried only against its markers."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for marker in markers:
        by_first.setdefault(marker[0], []).append(marker)
    heads = tuple(w for w in by_first if len(w) > 4)
    return by_first, heads


def _candidate_markers(token, markers) -> list[tuple[str, ...]]:
    by_first, heads = _markers_by_first_word(markers)
    low, lemma = token.lower_, token.lemma_.lower()
    found = by_first.get(low, []) + (by_first.get(lemma, []) if lemma != low else [])
    if token.text[:1].isupper():
        found += [m for w in heads if low.endswith(w) and w not in (low, lemma)
                  for m in by_first[w]]
    # keep the lexicon's order: earlier (longer) markers are tried first
    order = {m: n for n, m in enumerate(markers)}
    return sorted(set(found), key=order.__getitem__)


def _marker_frames(unit: Unit, cues: SpeechCues) -> list[Frame]:
    """The frames of the markers in a sentence, left to right, none inside another."""
    frames: list[Frame] = []
    taken: set[int] = set()
    for i in unit.words(unit.start, unit.end):
        if i in taken:
            continue
        for marker in _candidate_markers(unit.doc[i], cues.markers):
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
                or not _only_adjuncts(unit, np_end, ce):
            return None
        return Frame(match, (last + 1, np_end), _addressee(unit, np_end, ce, cues),
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
            _punct(doc, k) for k in unit.words(last + 1, unit.end)):
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
        if words and (cue := _verb_cue(unit, words[-1], cues)):
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


def _only_adjuncts(unit: Unit, i: int, end: int) -> bool:
    """Whether tokens ``i..end`` hold only adverbs and prepositional phrases ("weiter",
    "gegenüber der Zeitung", "am Montag"): no verb of a clause of their own."""
    doc = unit.doc
    while i < end:
        low = doc[i].lower_
        if low in ADVERBS or unit.in_quote[i] >= 0:
            i += 1
        elif low in PREPOSITIONS:
            i = noun_phrase_end(doc, i + 1, end) or i + 1
        else:
            return False
    return True


# -- verbs -------------------------------------------------------------------------------

def _verb_cue(unit: Unit, i: int, cues: SpeechCues) -> list[int] | None:
    """Token indices of a reporting verb at ``i`` (with its particle), or None."""
    doc = unit.doc
    token = doc[i]
    if unit.in_quote[i] >= 0 or i in unit.in_brackets or (
            not token.text[:1].islower() and i != unit.start):
        return None
    particles = cues.verbs.get(token.lemma_.lower())
    if not particles:
        return None
    if i > 0 and doc[i - 1].lower_ in DETERMINERS and i + 1 < len(doc) \
            and is_nominal(doc[i + 1]):
        return None  # "die angekündigte Reform": a participle used as an adjective
    cs, ce = unit.clause_of[i]
    words = [k for k in unit.words(cs, ce) if k not in unit.in_brackets]
    if _is_participle(token) and not any(doc[k].lemma_ in AUXILIARY_LEMMAS for k in words):
        return None  # "so genannt", "wie berichtet": no finite verb, no statement
    final = doc[words[-1]].lower_ if words else ""
    # a separable particle stands last in its clause ("teilte ... mit", "warf ... vor"); a
    # verb that is a cue on its own takes its particle as a preposition ("warnte vor X")
    for particle in sorted(particles, reverse=True):  # "warnte vor" before "warnte"
        if not particle:
            if final in SEPARABLE_PARTICLES and words[-1] > i and final not in particles:
                continue  # "sagte ... ab" is another verb
            return [i]
        hit = next((k for k in words if doc[k].lower_ == particle and (
            particle not in SEPARABLE_PARTICLES
            or k > i and (k == words[-1] or "" in particles))), None)
        if hit is not None:
            return sorted([i, hit])
    return None


def _is_participle(token) -> bool:
    """ "gesagt", "mitgeteilt": a past participle, told apart from "sagt" by its ge-."""
    text, lemma = token.text, token.lemma_
    return text != lemma and text.endswith(("t", "en")) and (
        text.startswith("ge") or "ge" in text[2:5]) and not lemma.startswith("ge")


def _verb_frame(unit: Unit, v: int, cues: SpeechCues) -> Frame | None:
    """The frame of a reporting verb at ``v``: inverted after what was said ("..., sagte
    er"), or before it (": „...“", ", dass ...", ", die Lage sei ..."), or with nothing to
    report but its speaker."""
    cue = _verb_cue(unit, v, cues)
    if cue is None:
        return None
    doc = unit.doc
    cs, ce = unit.clause_of[v]
    head = cs
    while head < v and (unit.in_quote[head] >= 0 or doc[head].is_space
                        or doc[head].lower_ in CONJUNCTIONS):
        head += 1
    last_word = max(unit.words(cs, ce))
    relative = doc[head].lower_ in RELATIVE_PRONOUNS and head > unit.start \
        and doc[head - 1].text == ","  # "ein Junge, der angab, ..."
    subordinate = (doc[head].lower_ in SUBORDINATORS or relative) and head < v and (
        last_word in cue or last_word > v and doc[last_word].lemma_ in AUXILIARY_LEMMAS)
    speaker, addressee, after = _verb_speaker(unit, v, head, ce, subordinate, cues, cue)
    if speaker and doc[v].lemma_.lower() in cues.quoting and not _impersonal(unit, cue, head, ce):
        k = _skip_adjuncts(doc, max(v + 1, speaker[1]), ce)  # "zitierte X den Minister"
        if (end := noun_phrase_end(doc, k, ce)) is not None:
            speaker, after = (k, end), True
    if subordinate and doc[head].lower_ in NON_REPORTING_SUBORDINATORS:
        # "weil er es als „Skandal“ bezeichnete": the quotation in the clause, nothing more
        return Frame(cue, speaker, addressee, (cs, ce), (ce, ce), "verb") if speaker else None
    impersonal = speaker is None and _impersonal(unit, cue, head, ce)
    if speaker is None and not impersonal:
        return None
    finite = next((k for k in range(head, v) if doc[k].lemma_ in AUXILIARY_LEMMAS), v)
    verb_first = all(doc[k].lower_ in ADVERBS for k in range(head, finite))
    colon = ce < unit.end and doc[ce].text == ":"
    if verb_first and (after or impersonal) and head > unit.start and not colon \
            and _said_before(unit, head):
        # "„...“, sagte er" / "Die Lage sei ernst, sagte er": what was said comes first, and
        # goes on after the frame if it is still in Konjunktiv ("A, sagte er, sei B")
        rest = unit.words(ce + 1, unit.end)
        goes_on = rest and doc[rest[0]].lower_ not in SUBORDINATORS | CONJUNCTIONS \
            and doc[ce].text == ","  # "Tatsächlich, so betont die Polizei, ist ..."
        end = unit.end if goes_on else head
        return Frame(cue, speaker, addressee, (head, ce), (unit.start, end), "verb")
    scope = (ce + 1, unit.end) if ce < unit.end else (ce, ce)
    if not _takes_content(unit, scope, ce, v, speaker, addressee):
        scope = (ce, ce)
    region = (unit.start if speaker and speaker[0] < cs else cs, ce)
    if after and head + 1 == finite and doc[head].lower_ in DEMONSTRATIVES \
            and cs == unit.start and scope[0] == scope[1]:
        return Frame(cue, speaker, addressee, region, scope, "backward")
    return Frame(cue, speaker, addressee, region, scope, "verb")


def _said_before(unit: Unit, head: int) -> bool:
    """Whether the words before an inverted frame can be a statement: a quotation, a clause
    in Konjunktiv, or at least no fronted phrase ("Im Brief, den er schrieb, erklärt er:")."""
    doc, words = unit.doc, unit.words(unit.start, head)
    if not words or unit.marks_within(unit.start, head):
        return True
    if any(is_konjunktiv(doc[k]) or is_konjunktiv_ii(doc[k]) for k in words):
        return True
    return doc[words[0]].lower_ not in PREPOSITIONS | SUBORDINATORS


def _impersonal(unit: Unit, cue: list[int], head: int, ce: int) -> bool:
    """Passive or "heißt es": a statement without a named speaker ("wurde mitgeteilt")."""
    words = {unit.doc[k].lower_ for k in unit.words(head, ce)}
    return bool(words & PASSIVE_FORMS) or any(unit.doc[k].lower_ == "es" for k in cue)


def _takes_content(unit: Unit, scope, ce: int, v: int, speaker, addressee) -> bool:
    """Whether the clauses after the reporting clause are what was said."""
    doc = unit.doc
    start, end = scope
    if start >= end:
        return False
    if unit.in_quote[start] >= 0 or doc[ce].text == ":":
        return True
    first = doc[start]
    if first.lower_ in COMPLEMENTIZERS:
        return True
    before = unit.words(unit.clause_of[v][0], ce)
    clause_end = unit.clause_of.get(start, (start, end))[1]
    words = unit.words(start, clause_end)
    if first.lower_ in RELATIVE_PRONOUNS and start + 1 < end and before \
            and is_nominal(doc[before[-1]]) and (
                not (is_nominal(doc[start + 1]) or is_modifier(doc[start + 1]))
                or not any(is_verb_like(doc[k]) for k in words[1:-1])):
        return False  # a relative clause about the noun before the comma: its verb is last
    if any(is_konjunktiv(doc[i]) or is_konjunktiv_ii(doc[i]) for i in words):
        return True
    if any(doc[i].lower_ == "zu" and i + 1 < clause_end and is_verb_like(doc[i + 1])
           for i in words):
        return True
    if first.lower_ in SUBORDINATORS or first.lower_ in PREPOSITIONS:
        return False
    # indicative: only right after the verb and its speaker ("Er sagte, die Lage ist ernst")
    spent = set(range(*speaker)) if speaker else set()
    spent |= set(range(*addressee)) if addressee else set()
    rest = [k for k in range(v + 1, ce) if k not in spent and doc[k].lower_ not in ADVERBS]
    return _only_adjuncts(unit, rest[0], ce) if rest else True


def _verb_speaker(unit: Unit, v: int, head: int, ce: int, subordinate: bool, cues: SpeechCues,
                  cue: list[int] = ()):
    """The speaker and addressee of the reporting verb at ``v`` in the clause from ``head``,
    and whether the speaker stands after the verb ("sagte der Minister")."""
    doc = unit.doc
    if any(doc[k].lower_ == "es" for k in cue):  # "In der Erklärung heißt es": it speaks
        for k in range(unit.start if head == v else head, ce):
            if doc[k].lower_ in {"in", "im", "auf", "aus", "von", "vom", "bei", "beim"}:
                end = noun_phrase_end(doc, k + 1, ce)
                if end is not None:
                    return (k + 1, end), None, False
        return None, None, False
    words = unit.words(head, ce)
    quoting = doc[v].lemma_.lower() in cues.quoting
    if {doc[k].lower_ for k in words} & PASSIVE_FORMS and not quoting:
        for k in words:  # "wurde von der Polizei mitgeteilt"
            if doc[k].lower_ in {"von", "vom", "seitens"} \
                    and (end := noun_phrase_end(doc, k + 1, ce)):
                return (k + 1, end), None, False
        return None, None, False
    if subordinate and doc[head].lower_ in RELATIVE_PRONOUNS \
            and all(doc[k].lower_ in ADVERBS for k in range(head + 1, v)):
        return (head, head + 1), None, False  # "ein Junge, der angab, ...": "der" speaks
    if subordinate:  # "wie ein Sprecher am Montag mitteilte", "dass er gesagt habe"
        end = noun_phrase_end(doc, head + 1, v)
        speaker = (head + 1, end) if end is not None else None
        return speaker, _addressee(unit, end or head + 1, v, cues), False
    # main clause: one phrase stands before the finite verb (an auxiliary or the cue itself)
    finite = next((k for k in range(head, v) if doc[k].lemma_ in AUXILIARY_LEMMAS
                   and doc[k].text.islower()), v)
    first = doc[head].lower_
    if head < finite and first not in PREPOSITIONS | ADVERBS | SUBORDINATORS:
        end = noun_phrase_end(doc, head, finite)
        if end == finite and not (end == head + 1 and (
                first in OBJECT_PRONOUNS or ADVERBIAL_ADJECTIVE.search(first))):
            speaker = _split_addressee(doc, (head, finite), cues)
            return speaker, _addressee(unit, finite + 1, ce, cues), False
    if head == v and head > unit.start and doc[head - 1].lower_ in CONJUNCTIONS:
        subject = _first_subject(unit, cues)  # "X dankte ... und ergänzte, ..."
        if subject is not None:
            return subject, _addressee(unit, v + 1, ce, cues), False
    k = _skip_adjuncts(doc, finite + 1, ce)
    end = noun_phrase_end(doc, k, ce)
    if end is not None and doc[k].lower_ not in OBLIQUE_OPENERS and not (
            doc[k].lower_ in GENITIVE_OPENERS and _audience_head(doc, k, end, cues)):
        speaker = _split_addressee(doc, (k, end), cues)
        return speaker, _addressee(unit, speaker[1], ce, cues), True
    if head == v and head > unit.start and doc[head - 1].text == ",":
        first = next(k for k in unit.words(unit.start, head)  # "Kirby, Sprecher ..., sagte"
                     if doc[k].lower_ not in ADVERBS and doc[k].lower_ not in CONJUNCTIONS)
        end = noun_phrase_end(doc, first, head)
        if end is not None:
            return (first, end), _addressee(unit, v + 1, ce, cues), False
    return None, None, False


def _skip_adjuncts(doc: Doc, k: int, ce: int) -> int:
    """Step over adverbs, times and one prepositional phrase after a verb ("sagte heute
    Abend in Berlin der Minister")."""
    while k < ce and (doc[k].lower_ in ADVERBS or doc[k].lower_ in TIME_WORDS
                      or ADVERB_SHAPE.match(doc[k].lower_) or doc[k].like_num
                      or doc[k].lower_ == "sich" or doc[k].is_space):
        k += 1
    if k < ce and doc[k].lower_ in PREPOSITIONS and doc[k].lower_ != "von":
        end = noun_phrase_end(doc, k + 1, ce)
        if end is not None and end < ce and doc[end].lower_ not in OBLIQUE_OPENERS \
                and noun_phrase_end(doc, end, ce) is not None:
            return _skip_adjuncts(doc, end, ce)
    return k


def _split_addressee(doc: Doc, phrase: tuple[int, int], cues: SpeechCues) -> tuple[int, int]:
    """Cut "der Minister der Nachrichtenagentur Reuters" before the addressee."""
    start, end = phrase
    for k in range(start + 1, end):
        if doc[k].lower_ in GENITIVE_OPENERS and _audience_head(doc, k, end, cues):
            return (start, k)
    return phrase


def _addressee(unit: Unit, i: int, ce: int, cues: SpeechCues) -> tuple[int, int] | None:
    """The addressee in ``i..ce``: "gegenüber X", "vor Journalisten", or a dative phrase
    ("dem Sender", "der Nachrichtenagentur Reuters") right after the verb or speaker."""
    doc = unit.doc
    for k in range(i, ce):
        low = doc[k].lower_
        if low in {"gegenüber", "vor"} and (end := noun_phrase_end(doc, k + 1, ce)):
            if low == "gegenüber" or _audience_head(doc, k + 1, end, cues):
                return (k + 1, end)
    if i < ce and (end := noun_phrase_end(doc, i, ce)):
        low = doc[i].lower_
        if low in DATIVE_OPENERS or _audience_head(doc, i, end, cues):
            return (i, end)
    return None


def _audience_head(doc: Doc, start: int, end: int, cues: SpeechCues) -> bool:
    """Whether a phrase names an audience ("der Nachrichtenagentur", "Journalisten")."""
    for k in range(start, end):
        if doc[k].text[:1].isupper():
            low, lemma = doc[k].lower_, doc[k].lemma_.lower()
            if any(low.endswith(a) or lemma.endswith(a) for a in cues.audience):
                return True
    return False
