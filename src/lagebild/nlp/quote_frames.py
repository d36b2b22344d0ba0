"""Frames: how a reporting cue, its speaker and its quotation stand in a German sentence.

A frame is the part of a sentence that attributes ("sagte der Minister", "laut Polizei",
"wie ein Sprecher mitteilte"); its scope is where the quotation stands (after the colon,
before the comma, or the rest of the sentence). ``framed_quotations`` finds the frames of
one sentence (those of markers from ``quote_markers``, those of reporting verbs from
``quote_verbs``) and returns what they attribute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from lagebild.nlp.quotes import SpeechCues

from lagebild.nlp.quote_markers import marker_frames
from lagebild.nlp.quote_rules import (
    COMPLEMENTIZERS,
    CONJUNCTIONS,
    CUE_REPORTING,
    PREPOSITIONS,
    is_konjunktiv,
    is_konjunktiv_ii,
    is_statement,
    is_verb_like,
    noun_phrase_end,
)
from lagebild.nlp.quote_units import Frame, Spans, Unit, punct
from lagebild.nlp.quote_verbs import first_subject, verb_frame, verb_speaker
from lagebild.nlp.words import per_doc


class Found(NamedTuple):
    """A quotation found in a sentence; ``quotes.Quotation`` is built from it."""

    type: str
    quote: Spans
    speaker: Spans
    cue: Spans
    addressee: Spans


class Reading(NamedTuple):
    """What the frames of a sentence attribute, and the last speaker they name."""

    found: list[Found]
    speaker: Spans
    backward: Found | None = None  # "Das bestätigte X.": X said the sentence before


def reporting_verbs(doc, cues: SpeechCues) -> set[int]:
    """The positions of the words of a Doc whose lemma is a reporting verb's (found once)."""
    def build(words) -> set[int]:
        flags, flagged = cues.flagged(words)
        return {i for i in flagged if flags[i] & CUE_REPORTING}

    return per_doc(doc, ("reporting verbs", id(cues)), build)


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
    frames = marker_frames(unit, cues)
    covered = {i for f in frames for i in range(*f.region)}
    reported = set()  # what verbs report: a cue in there is part of the quotation
    doc = unit.doc
    # a word whose lemma is no reporting verb frames nothing: those of the Doc found once
    verbs = reporting_verbs(doc, cues)
    for i in [i for i in unit.words(unit.start, unit.end) if i in verbs]:
        if i not in covered and i not in reported \
                and (frame := verb_frame(unit, i, cues)) is not None:
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
        speaker, addressee, behind = verb_speaker(unit, v, v, ce, False, cues)
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
    speaker, addressee, _ = verb_speaker(unit, verbs[0], head, ce, False, cues)
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
    words = [i for i in content if unit.in_quote[i] < 0 and not punct(doc, i)]
    found = []
    if words and len(words) >= 2:
        mood = "Indirect" if frame.kind == "verb" and _reported_mood(unit, words) else "Reported"
        found.append(Found(mood, unit.chars(content), speaker, cue, addressee))
    elif frame.kind == "verb" and speaker and frame.scope[0] == frame.scope[1] and any(
            doc[k].lower_ in PREPOSITIONS and k + 1 < unit.end and not punct(doc, k + 1)
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
    subject = first_subject(unit, cues)
    return unit.chars(range(*subject)) if subject else ()


def nested_direct(unit: Unit, scope: range, speaker: Spans, cue: Spans) -> list[Found]:
    """Quotations in marks inside indirect speech, attributed to its speaker."""
    return [Found("Direct", unit.chars(range(s, e)), speaker, cue, ())
            for s, e in unit.marks_within(scope.start, scope.stop) if e - s >= 5]


def _reported_mood(unit: Unit, words: list[int]) -> bool:
    doc = unit.doc
    return doc[words[0]].lower_ in COMPLEMENTIZERS or any(
        is_konjunktiv(doc, i) or is_konjunktiv_ii(doc[i]) for i in words)
