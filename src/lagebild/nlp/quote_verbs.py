"""Reporting verbs: the frames of "sagte der Minister", "teilte mit", "warnte vor".

A reporting verb from the lexicon (with its separable particle) attributes what was said
before it ("„...“, sagte er"), after it (": „...“", ", dass ...", ", die Lage sei ..."), or
nothing but its speaker ("Er warnte davor."); the speaker is the subject of its clause, the
addressee a dative or "gegenüber" phrase. ``verb_frame`` finds the frame of one verb;
``verb_speaker`` and ``first_subject`` find the subject of a clause for other frames.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    PREPOSITIONS,
    RELATIVE_PRONOUNS,
    SEPARABLE_PARTICLES,
    SUBORDINATORS,
    TIME_WORDS,
    is_konjunktiv,
    is_konjunktiv_ii,
    is_modifier,
    is_nominal,
    is_verb_like,
    noun_phrase_end,
)
from lagebild.nlp.quote_units import Frame, Unit, only_adjuncts


def verb_cue(unit: Unit, i: int, cues: SpeechCues) -> list[int] | None:
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


def verb_frame(unit: Unit, v: int, cues: SpeechCues) -> Frame | None:
    """The frame of a reporting verb at ``v``: inverted after what was said ("..., sagte
    er"), or before it (": „...“", ", dass ...", ", die Lage sei ..."), or with nothing to
    report but its speaker."""
    cue = verb_cue(unit, v, cues)
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
    speaker, addressee, after = verb_speaker(unit, v, head, ce, subordinate, cues, cue)
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
    if any(is_konjunktiv(doc, k) or is_konjunktiv_ii(doc[k]) for k in words):
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
    if any(is_konjunktiv(doc, i) or is_konjunktiv_ii(doc[i]) for i in words):
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
    return only_adjuncts(unit, rest[0], ce) if rest else True


def verb_speaker(unit: Unit, v: int, head: int, ce: int, subordinate: bool, cues: SpeechCues,
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
        return speaker, find_addressee(unit, end or head + 1, v, cues), False
    # main clause: one phrase stands before the finite verb (an auxiliary or the cue itself)
    finite = next((k for k in range(head, v) if doc[k].lemma_ in AUXILIARY_LEMMAS
                   and doc[k].text.islower()), v)
    first = doc[head].lower_
    if head < finite and first not in PREPOSITIONS | ADVERBS | SUBORDINATORS:
        end = noun_phrase_end(doc, head, finite)
        if end == finite and not (end == head + 1 and (
                first in OBJECT_PRONOUNS or ADVERBIAL_ADJECTIVE.search(first))):
            speaker = _split_addressee(doc, (head, finite), cues)
            return speaker, find_addressee(unit, finite + 1, ce, cues), False
    if head == v and head > unit.start and doc[head - 1].lower_ in CONJUNCTIONS:
        subject = first_subject(unit, cues)  # "X dankte ... und ergänzte, ..."
        if subject is not None:
            return subject, find_addressee(unit, v + 1, ce, cues), False
    k = _skip_adjuncts(doc, finite + 1, ce)
    end = noun_phrase_end(doc, k, ce)
    if end is not None and doc[k].lower_ not in OBLIQUE_OPENERS and not (
            doc[k].lower_ in GENITIVE_OPENERS and _audience_head(doc, k, end, cues)):
        speaker = _split_addressee(doc, (k, end), cues)
        return speaker, find_addressee(unit, speaker[1], ce, cues), True
    if head == v and head > unit.start and doc[head - 1].text == ",":
        first = next(k for k in unit.words(unit.start, head)  # "Kirby, Sprecher ..., sagte"
                     if doc[k].lower_ not in ADVERBS and doc[k].lower_ not in CONJUNCTIONS)
        end = noun_phrase_end(doc, first, head)
        if end is not None:
            return (first, end), find_addressee(unit, v + 1, ce, cues), False
    return None, None, False


def first_subject(unit: Unit, cues: SpeechCues) -> tuple[int, int] | None:
    """Token range of the subject of the first verb of a sentence, or None."""
    doc, words = unit.doc, unit.words(unit.start, unit.end)
    verbs = [k for k in words if is_verb_like(doc[k]) or doc[k].lemma_ in AUXILIARY_LEMMAS]
    if not verbs:
        return None
    cs, ce = unit.clause_of[verbs[0]]
    head = next(k for k in unit.words(cs, ce) if doc[k].lower_ not in CONJUNCTIONS)
    if head == verbs[0] and head > unit.start and doc[head - 1].lower_ in CONJUNCTIONS:
        return None
    return verb_speaker(unit, verbs[0], head, ce, False, cues)[0]


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


def find_addressee(unit: Unit, i: int, ce: int, cues: SpeechCues) -> tuple[int, int] | None:
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
