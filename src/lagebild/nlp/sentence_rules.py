"""Rules over the events of one sentence or article, after each trigger is coded: one
event per action, frames (promises, threats) around the events they contain, obligations
in reported speech, and denials linked to the claims they deny."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress

from lagebild.nlp.clauses import Clause
from lagebild.nlp.mentions import ActorMention, PlaceMention, TimeExpression
from lagebild.nlp.triggers import TriggerMatch
from lagebild.nlp.words import between, per_doc


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
    mutual: bool = False  # all sources act together; never split into one event each
    announced: str | None = None  # the type of an act announced, now coded as a threat


def cue_at(doc, lex, clause: Clause, kind: str, skip: int | None = None) -> int | None:
    """The first token of ``clause`` (but ``skip``) whose lemma or form is a ``kind`` cue."""
    if not lex.cues.get(kind):
        return None
    # the Doc's cues of this kind, found once
    at = per_doc(doc, ("cue words", kind, id(lex)), lambda words: list(
        compress(range(len(words)), lex.cue_table(kind).column(words))))
    return next((k for k in between(at, clause.start, clause.end) if k != skip), None)


def obligations_as_requests(doc, lex, found: list[CodedEvent], before: list[CodedEvent]
                             ) -> None:
    """ "Südkorea müsse sich entschuldigen" in reported speech is a demand: REQUEST from
    the speaker (or the last actor who acted) to the one who must act."""
    for e in found:
        clause = e.match.clause
        if e.status != "reported" or cue_at(doc, lex, clause, "obligation") is None:
            continue
        speaker = [e.attributed] if e.attributed is not None and e.attributed.country else (
            before[-1].source[:1] if before and before[-1].source else [])
        if not speaker or not e.source:
            continue
        e.reasons.append(f"an obligation in reported speech: REQUEST from {speaker[0].text!r} "
                         f"(was {e.type})")
        e.type, e.mode, e.target, e.source = "REQUEST", None, e.source, speaker
        e.status = "asserted" if e.attributed is None else e.status


def absorb_rejected_objects(events: list[CodedEvent]) -> list[CodedEvent]:
    """ "rejected an Indian proposal", "wies die Vorwürfe der Türkei zurück": the proposal or
    accusation named as the object of a rejection is what is rejected, part of that event;
    its author becomes the rejection's target."""
    dropped = set()
    for rejection in events:
        if rejection.type != "REJECT" or rejection.match.trigger.pos != "verb":
            continue
        for e in events:
            if e is rejection or e.match.trigger.pos != "noun" or e.match.support_i is not None \
                    or e.match.clause is not rejection.match.clause:
                continue
            if not rejection.target:  # the author of what is rejected, else its addressee
                rejection.target = list(e.source or e.target)
            rejection.reasons.append(f"what is rejected: {e.type} '{e.match.trigger.lemma}'")
            dropped.add(id(e))
    return [e for e in events if id(e) not in dropped]


def accepted_demands(events: list[CodedEvent]) -> list[CodedEvent]:
    """ "accepted demands from striking doctors", "nahm die Forderungen der Opposition an":
    the event coder already made the acceptance a CONCEDE; the demand named as its object
    is part of that event, and the demand's author is its target."""
    dropped = set()
    for acceptance in events:
        if acceptance.type != "CONCEDE" or acceptance.match.trigger.type != "AGREE" \
                or acceptance.match.trigger.pos != "verb":
            continue
        for e in events:
            if e is acceptance or e.type != "REQUEST" or e.match.trigger.pos != "noun" \
                    or e.match.support_i is not None \
                    or e.match.clause is not acceptance.match.clause \
                    or e.match.i < acceptance.match.i:
                continue
            acceptor = {m.start for m in acceptance.source}
            sides = [side for side in (e.source, e.target)
                     if side and not {m.start for m in side} <= acceptor]
            if sides and not acceptance.target:
                acceptance.target = list(sides[0])
            dropped.add(id(e))
    return [e for e in events if id(e) not in dropped]


def condemned_acts(events: list[CodedEvent]) -> None:
    """ "verurteilte die Festnahme des Journalisten durch die russischen Behörden": what is
    condemned is an act, and the one condemned is who did it."""
    for accusation in events:
        if accusation.type != "ACCUSE" or accusation.match.trigger.pos != "verb":
            continue
        for act in events:
            if act is accusation or act.match.trigger.pos != "noun" or not act.source \
                    or act.match.clause is not accusation.match.clause \
                    or act.match.i < accusation.match.i:
                continue
            inside = all(act.match.i <= m.start <= act.match.i + 12 for m in accusation.target)
            if inside:
                accusation.target = list(act.source)
                accusation.reasons.append(f"target: who did what is condemned "
                                          f"({act.type} '{act.match.trigger.lemma}')")
                break


def drop_frames(doc, lex, events: list[CodedEvent], clauses: list[Clause]
                 ) -> list[CodedEvent]:
    """ "versprach, dass die USA Maßnahmen ergreifen würden", "offered to negotiate": a
    promise, offer or threat whose content is itself coded is a frame around that event,
    not an event of its own."""
    def frame_word(e) -> bool:
        words = (doc[e.match.i].lemma_.lower(), e.match.trigger.particle + e.match.trigger.lemma)
        return any(lex.is_cue(kind, w) for kind in ("threat", "commit") for w in words)

    frames = [e for e in events if e.match.trigger.pos == "verb" and frame_word(e)]
    dropped = set()
    for frame in frames:
        k = clauses.index(frame.match.clause)
        dependents = []
        for clause in clauses[k + 1:]:
            if clause.opener not in ("sub", "inf", "purpose"):
                break
            dependents.append(clause)
        content = [e for e in events if e is not frame and e.match.clause in dependents]
        if any(e.type in ("THREATEN", "AGREE") for e in content) or (
                frame.type != "THREATEN" and content):
            dropped.add(id(frame))  # the content, recoded, is the event
        elif frame.type == "THREATEN":
            # "threatened to stop negotiations": the threat is the event, not its content
            dropped.update(id(e) for e in content)
            if not frame.target:  # "threatened to break relations with Russia"
                frame.target = next((e.target for e in content if e.target), [])
    return [e for e in events if id(e) not in dropped]


def codes(actors: list[ActorMention]) -> str:
    return ",".join(sorted(m.country or "-" for m in actors))


def one_per_action(events: list[CodedEvent]) -> list[CodedEvent]:
    """Within a sentence, one event per action: the same type from the same source is
    one action when the targets agree or one of them is unknown ("Unterstützung gewähren"
    and "gewähren" are one act of aid)."""
    kept: list[CodedEvent] = []
    for e in events:
        twin = next((k for k in kept if k.type == e.type and _same_action(k.match, e.match)
                     and (codes(k.source) == codes(e.source) and (
                         not k.target or not e.target or codes(k.target) == codes(e.target))
                          or k.match.clause is e.match.clause and _parties(e) <= _parties(k))),
                    None)
        if twin is None:
            kept.append(e)
            continue
        if not twin.target and e.target:
            twin.target = e.target
        twin.reasons.append(f"also triggered by {e.match.trigger.id} (one action)")
    return kept


def _parties(e: CodedEvent) -> set[str]:
    return {m.country or "-" for m in e.source + e.target}


# prepositions whose noun is the scene of the clause's act, not an act before or after it
SCENE_PREPOSITIONS = frozenset({"bei", "beim", "während", "inmitten", "during", "amid", "amidst"})


def _same_action(a: TriggerMatch, b: TriggerMatch) -> bool:
    """Two triggers name one act: a noun and its support verb ("Unterstützung gewähren"),
    a noun that is the verb's own argument ("die Verhandlungen schreiten voran"), or two
    triggers of one clause. A noun in a prepositional phrase ("nach der Reise") is an
    act of its own, unless the phrase only sets the scene of the verb's act ("bei
    Gefechten ... getötet", "killed during clashes")."""
    if a.support_i == b.i or b.support_i == a.i or a.i == b.i:
        return True
    if a.clause is not b.clause:
        return a.trigger.denial and b.trigger.denial
    nouns = [m for m in (a, b) if m.trigger.pos == "noun" and m.support_i is None]
    return not any(m.in_pp and m.in_pp not in SCENE_PREPOSITIONS for m in nouns)


def link_denials(events: list[CodedEvent]) -> None:
    """A denial denies the earlier claims nearby that involve the denier."""
    for n, denial in enumerate(events):
        if not denial.match.trigger.denial:
            continue
        # "was Washington und Seoul bestreiten": co-deniers deny the same claims
        deniers = {m.country for e in events if e.match.i == denial.match.i
                   for m in e.source if m.country}
        sent_start = denial.match.clause.sentence_start
        for k in range(n - 1, -1, -1):
            claim = events[k]
            if claim.match.trigger.denial:
                continue
            if sent_start - claim.match.clause.sentence_start > 80:
                break
            parties = {m.country for m in claim.source + claim.target}
            # "bestritten die Vorwürfe der USA": the claim named as the denial's object
            named_object = claim.match.clause is denial.match.clause and claim.match.i > \
                denial.match.clause.start
            if deniers & parties or named_object:
                denial.denies.append(k)
                if not denial.target:
                    if named_object or deniers & {m.country for m in claim.target}:
                        denial.target = list(claim.source)
                    elif claim.attributed is not None:
                        denial.target = [claim.attributed]


def one_attack_with_many_harms(events: list[CodedEvent]) -> list[CodedEvent]:
    """ "killed one soldier and wounded two others", "tötete drei und verletzte zehn": the
    verbs after the first in a chain of coordinated clauses name harms of the same attack,
    not attacks of their own; their victims join the first one's targets."""
    kept: list[CodedEvent] = []
    for e in events:
        first = next((k for k in reversed(kept) if k.type == e.type == "ASSAULT"
                      and e.match.clause.opener == "coord" and e.match.trigger.pos == "verb"
                      and k.match.clause.end <= e.match.clause.start
                      # its subject is the first one's, or was taken from its victims
                      and (not e.source or codes(e.source) in (codes(k.source),
                                                               codes(k.target)))), None)
        if first is None:
            kept.append(e)
            continue
        known = {m.start for m in first.source + first.target}
        first.target += [m for m in e.target if m.start not in known]
        first.reasons.append(f"also '{e.match.trigger.lemma}' (one attack, harms listed)")
    return kept


def demands_of_a_protest(events: list[CodedEvent]) -> list[CodedEvent]:
    """ "demonstrated to demand reforms", "protestierten und forderten": what protesters
    demand while they protest is the protest's content (PLOVER codes the protest); the
    demand is kept where it is addressed to someone else than the protest."""
    # also a protest announced ("would blockade Paris to demand"), now a threat
    protests = [e for e in events if "PROTEST" in (e.type, e.announced)]
    kept = []
    for e in events:
        protest = next((p for p in protests if p.match.i < e.match.i
                        and e.match.clause.opener in ("inf", "purpose", "coord", "main")
                        and (not e.source or codes(e.source) == codes(p.source)
                             # "blockade Athens to demand": the infinitive has no subject
                             # of its own, whatever was taken for one
                             or e.match.clause.opener in ("inf", "purpose"))), None) \
            if e.type == "REQUEST" else None
        if protest is None or (e.target and protest.target
                               and codes(e.target) != codes(protest.target)):
            kept.append(e)
            continue
        protest.reasons.append(f"demanding ('{e.match.trigger.lemma}'): the protest's aim")
    return kept
