"""The event coder (``lagebild_events``): triggers from the lexicon, actors from the
clause, status and attribution from the quote layer; one event per action, and denials
linked to the claims they deny.

Reads ``doc._.actors``, ``doc._.times``, ``doc._.places`` and ``doc._.quotes``; writes
``doc._.events``, a list of :class:`CodedEvent`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from lagebild.lexicon import load_lexicon
from lagebild.nlp.arguments import ArgumentFinder
from lagebild.nlp.clauses import Clause, split_clauses
from lagebild.nlp.mentions import ActorMention, PlaceMention, TimeExpression
from lagebild.nlp.status import StatusJudge
from lagebild.nlp.triggers import TriggerMatch, find_triggers

COERCIVE = {"SANCTION", "ASSAULT", "COERCE"}
CONFIDENCE = {"verb": 0.8, "support": 0.75, "noun": 0.6}


@dataclass
class CodedEvent:
    """An event as the coder found it, with the reasons for each decision."""

    match: TriggerMatch
    type: str
    mode: str | None
    source: list[ActorMention]
    target: list[ActorMention]
    status: str
    attributed: ActorMention | None
    time: TimeExpression | None
    place: PlaceMention | None
    confidence: float
    reasons: list[str] = field(default_factory=list)
    denies: list[int] = field(default_factory=list)  # indices into the doc's event list
    key: str = ""


class EventCoder:
    """Codes the events of one language's Docs."""

    def __init__(self, nlp: Language, lexicon_paths: tuple[str, ...] = ()) -> None:
        self.lang = nlp.lang
        self.lex = load_lexicon(lexicon_paths).events[self.lang]

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.code(doc)
        return doc

    def code(self, doc: Doc) -> list[CodedEvent]:
        finder = ArgumentFinder(doc, self.lang, doc._.actors or [])
        judge = StatusJudge(doc, self.lex, finder)
        events: list[CodedEvent] = []
        for sent in doc.sents:
            clauses = split_clauses(doc, sent, self.lang)
            found = []
            matches = {id(c): find_triggers(doc, self.lex, c) for c in clauses}
            for clause in clauses:
                if clause.opener == "purpose":
                    continue  # "um ... zu sanktionieren": an intention, not an event
                governing = _governing(clauses, clause)
                if clause.opener in ("inf", "sub") and governing is not None and any(
                        m.trigger.type == "ACCUSE" or m.trigger.denial
                        for m in matches[id(governing)]):
                    continue  # what someone is accused of is the accusation, not an event
                for match in matches[id(clause)]:
                    event = self._event(doc, match, clauses, finder, judge)
                    if event is not None:
                        found.extend(self._split_sources(event))
            events.extend(_one_per_action(found))
        _link_denials(events)
        for event in events:
            tok = doc[event.match.i]
            event.key = hashlib.sha1(f"{tok.idx}:{event.type}:{_codes(event.source)}".encode()
                                     ).hexdigest()[:12]
        return events

    # -- one trigger ----------------------------------------------------------------------
    def _event(self, doc, match: TriggerMatch, clauses: list[Clause], finder: ArgumentFinder,
               judge: StatusJudge) -> CodedEvent | None:
        trig, clause = match.trigger, match.clause
        reasons = [f"{trig.pos} '{doc[match.i].text}' matched {trig.id} ({trig.rule})"]
        if trig.pos == "noun" and match.support_i is None:
            source, target = self._noun_frame(doc, match, finder)
            if not source and not target:
                return None
            reasons.append("actors from the noun's own frame")
        else:
            verb_i = match.support_i if match.support_i is not None else match.i
            if trig.pos == "verb" and finder.is_passive(clause, verb_i):
                source = finder.agent(clause)
                target = finder.subject(clause, verb_i, clauses)
                reasons.append("passive: source from the agent, target from the subject")
            elif trig.source and trig.source[0].startswith("pp:"):
                source = finder.slot(trig.source, clause, [], verb_i)
                target = finder.subject(clause, verb_i, clauses)
                reasons.append(f"source from {'/'.join(trig.source)}, target the subject")
            else:
                source = finder.subject(clause, verb_i, clauses)
                spec = trig.target
                target = finder.slot(spec, clause, source, verb_i,
                                     after_only=trig.pos == "noun")
                reasons.append(f"source the subject, target from {'/'.join(spec)}")
            if trig.mutual:
                partner = finder.slot(("pp:mit", "pp:with", "pp:zwischen", "pp:between"),
                                      clause, source, verb_i)
                source = source + [p for p in target + partner if p not in source]
                target = []
                reasons.append("mutual: all parties are sources")
        if not source and not target:
            return None
        if not source and trig.pos == "verb":
            return None  # no event without a resolvable source
        governing = _governing(clauses, clause)
        status, attributed, why = judge.judge(match, governing)
        reasons += why
        type_, mode = trig.type, trig.mode
        if type_ in COERCIVE and governing is not None and clause.opener in ("sub", "inf") \
                and _has_cue(doc, self.lex, governing, "threat"):
            type_, mode, status = "THREATEN", None, "asserted"
            attributed = None
            reasons.append("a coercive act promised or threatened: THREATEN")
        kind = "support" if match.support_i is not None else trig.pos
        confidence = CONFIDENCE[kind]
        if any(m.country_from == "default" for m in source):
            confidence -= 0.2
        if not source:
            confidence -= 0.1
        return CodedEvent(match, type_, mode, source, target, status, attributed,
                          _nearest(doc._.times or [], clause, match.i),
                          _nearest(doc._.places or [], clause, match.i), round(confidence, 2),
                          reasons)

    def _noun_frame(self, doc, match: TriggerMatch, finder: ArgumentFinder):
        trig, clause, i = match.trigger, match.clause, match.i
        near = [m for m in finder.in_clause(clause) if i < m.start <= i + 8]
        source: list[ActorMention] = []
        for slot in trig.source:
            if slot == "prefix" and "-" in doc[i].text:
                source = [m for m in finder.mentions if m.start == i]
            elif slot == "adj":
                source = [m for m in finder.mentions if m.end == i or (
                    m.kind == "adj" and m.end <= i and i - m.end <= 1)]
            elif slot == "gen":
                source = [m for m in near if (m.case == "gen" or m.genitive)
                          and m.start <= i + 4][:1]
            elif slot.startswith("pp:"):
                source = [m for m in near if m.prep == slot[3:]][:1]
            if source:
                break
        target = []
        for slot in trig.target:
            if slot.startswith("pp:"):
                target = [m for m in near if m.prep == slot[3:] and m not in source][:1]
            elif slot == "gen":
                target = [m for m in near if (m.case == "gen" or m.genitive)
                          and m not in source][:1]
            if target:
                target = finder.group_of(target[0], clause)
                break
        if trig.mutual and target and not source:
            source, target = target, []  # "Verhandlungen zwischen Russland und Nordkorea"
        return source, target

    @staticmethod
    def _split_sources(event: CodedEvent) -> list[CodedEvent]:
        """ "Iran und Nordkorea bestritten": one event per source unless the act is mutual."""
        if len(event.source) < 2 or event.match.trigger.mutual:
            return [event]
        out = []
        for m in event.source:
            clone = CodedEvent(**{**event.__dict__, "source": [m], "reasons": list(
                event.reasons)})
            out.append(clone)
        return out


def _governing(clauses: list[Clause], clause: Clause) -> Clause | None:
    k = clauses.index(clause)
    for prev in reversed(clauses[:k]):
        if prev.has_verb and prev.opener != "rel":
            return prev
    return None


def _has_cue(doc, lex, clause: Clause, kind: str) -> bool:
    return any(lex.is_cue(kind, doc[k].lemma_.lower()) for k in range(clause.start, clause.end))


def _nearest(items, clause: Clause, i: int):
    inside = [x for x in items if clause.start <= x.start < clause.end]
    if not inside:
        return None
    return min(inside, key=lambda x: abs(x.start - i))


def _codes(actors: list[ActorMention]) -> str:
    return ",".join(sorted(m.country or "-" for m in actors))


def _one_per_action(events: list[CodedEvent]) -> list[CodedEvent]:
    """Within a sentence, one event per action: the same type from the same source is
    one action when the targets agree or one of them is unknown ("Unterstützung gewähren"
    and "gewähren" are one act of aid)."""
    kept: list[CodedEvent] = []
    for e in events:
        twin = next((k for k in kept if k.type == e.type and _codes(k.source) == _codes(
            e.source) and (not k.target or not e.target or _codes(k.target) == _codes(
                e.target)) and _same_action(k.match, e.match)), None)
        if twin is None:
            kept.append(e)
            continue
        if not twin.target and e.target:
            twin.target = e.target
        twin.reasons.append(f"also triggered by {e.match.trigger.id} (one action)")
    return kept


def _same_action(a: TriggerMatch, b: TriggerMatch) -> bool:
    """Two triggers name one act: a noun and its support verb ("Unterstützung gewähren"),
    a noun that is the verb's own argument ("die Verhandlungen schreiten voran"), or two
    triggers of one clause. A noun in a prepositional phrase ("nach der Reise") is an
    act of its own."""
    if a.support_i == b.i or b.support_i == a.i or a.i == b.i:
        return True
    if a.clause is not b.clause:
        return a.trigger.denial and b.trigger.denial
    nouns = [m for m in (a, b) if m.trigger.pos == "noun" and m.support_i is None]
    return not any(m.in_pp for m in nouns)


def _link_denials(events: list[CodedEvent]) -> None:
    """A denial denies the earlier claims nearby that involve the denier."""
    for n, denial in enumerate(events):
        if not denial.match.trigger.denial:
            continue
        deniers = {m.country for m in denial.source if m.country}
        sent_start = denial.match.clause.sentence_start
        for k in range(n - 1, -1, -1):
            claim = events[k]
            if claim.match.trigger.denial:
                continue
            if sent_start - claim.match.clause.sentence_start > 80:
                break
            parties = {m.country for m in claim.source + claim.target}
            if deniers & parties:
                denial.denies.append(k)
                if not denial.target:
                    if deniers & {m.country for m in claim.target}:
                        denial.target = list(claim.source)
                    elif claim.attributed is not None:
                        denial.target = [claim.attributed]


@Language.factory("lagebild_events", default_config={"lexicon_paths": []})
def make_event_coder(nlp: Language, name: str, lexicon_paths: list[str]) -> EventCoder:
    """spaCy factory: the event coder for ``nlp.lang``."""
    return EventCoder(nlp, tuple(lexicon_paths))
