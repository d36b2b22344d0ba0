"""The event coder (``lagebild_events``): triggers from the lexicon, actors from the
clause, status and attribution from the quote layer; one event per action, and denials
linked to the claims they deny.

Reads ``doc._.actors``, ``doc._.times``, ``doc._.places`` and ``doc._.quotes``; writes
``doc._.events``, a list of :class:`CodedEvent`.
"""

from __future__ import annotations

import hashlib
from itertools import compress

from spacy.language import Language
from spacy.tokens import Doc

from lagebild.lexicon import Trigger, load_lexicon
from lagebild.memo import FormTable
from lagebild.nlp.arguments import LOCATIVE_PREPS, ArgumentFinder
from lagebild.nlp.clauses import Clause, condition_kind, split_clauses
from lagebild.nlp.grammar import AGENT_PREPS, PREPOSITIONS
from lagebild.nlp.mentions import ActorMention, PlaceMention
from lagebild.nlp.places import country_records
from lagebild.nlp.sentence_rules import (
    CodedEvent,
    absorb_rejected_objects,
    accepted_demands,
    codes,
    condemned_acts,
    cue_at,
    demands_of_a_protest,
    drop_frames,
    link_denials,
    obligations_as_requests,
    one_attack_with_many_harms,
    one_per_action,
)
from lagebild.nlp.status import StatusJudge
from lagebild.nlp.triggers import TriggerMatch, find_triggers, may_trigger
from lagebild.nlp.words import any_between, between, per_doc, words_of
from lagebild.schema import PSEUDO_COUNTRIES

COERCIVE = {"SANCTION", "ASSAULT", "COERCE"}
ARMED_SECTORS = {"MIL", "REB"}
BLOCK_VERBS = {"block", "blockade", "barricade", "blockieren"}
OBSTRUCTORS = {"CVL", "LAB", "AGR", "OPP", "EDU", "REF", "REB", "REL"}
AUTHORITIES = {"GOV", "MIL", "COP", "JUD", "SPY"}
ADVERSARIAL = {"THREATEN", "SANCTION", "ASSAULT", "COERCE", "PROTEST", "ACCUSE", "REJECT"}
COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
OBLIGATION = Trigger(id="rule.obligation", pos="verb", lemma="müssen", particle="",
                     type="REQUEST", mode=None, source=("subj",), target=("obj",),
                     support=frozenset(), flags=frozenset(),
                     rule="built-in rule: an obligation inside a quotation is a demand")
# events whose dependent clause is their content ("warf X vor, Y getan zu haben";
# "forderte X auf, Y zu tun"; "lehnt es ab, Y zu tun"): part of the event, not one of its own
CONTENT_TAKERS = {"ACCUSE", "REQUEST", "REJECT", "AGREE"}
# acts whose target, when the text names none, is the state where they are done
SCENE_TYPES = {"ASSAULT", "COERCE", "THREATEN", "REJECT"}
SCENE_PREPS = {"in", "im", "at", "inside"}
CONCESSIVE_PREPS = {"despite", "notwithstanding", "trotz", "ungeachtet"}
MAY_TRIGGER, MAY_OBLIGE = 2, 1  # what a word may start (``EventCoder._word_code``)
CONFIDENCE = {"verb": 0.8, "support": 0.75, "noun": 0.6}


class EventCoder:
    """Codes the events of one language's Docs."""

    def __init__(self, nlp: Language, lexicon_paths: tuple[str, ...] = ()) -> None:
        self.lang = nlp.lang
        self.lex = load_lexicon(lexicon_paths).events[self.lang]
        self._clause_matches: dict[int, list[TriggerMatch]] = {}  # of the sentence in work
        # whether a word may trigger or oblige (``_word_code``), by its text and lemma: asked
        # of every token
        self._may_code_word = FormTable(lambda w: self._word_code(w.text, w.lemma_))

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.code(doc)
        return doc

    def code(self, doc: Doc) -> list[CodedEvent]:
        doc = words_of(doc)
        finder = ArgumentFinder(doc, self.lang, doc._.actors or [])
        judge = StatusJudge(doc, self.lex, finder)
        finder.speaker_at = judge.speaker_at
        try:
            return self._code(doc, finder, judge)
        finally:
            # the finder and the judge refer to each other; untied, they and the Doc's
            # words go as soon as the Doc does, not at the garbage collector's next full
            # collection (which otherwise walked tens of thousands of them)
            finder.speaker_at = None

    def _code(self, doc, finder: ArgumentFinder, judge: StatusJudge) -> list[CodedEvent]:
        events: list[CodedEvent] = []
        triggers, codable = per_doc(doc, ("codable", id(self)), self._codable)
        for sent in doc.sents:
            if not any_between(codable, sent.start, sent.end):
                continue  # most sentences: no word that could trigger or oblige
            clauses = split_clauses(doc, sent, self.lang)
            found = []
            matches = {id(c): find_triggers(doc, self.lex, c, between(triggers, c.start, c.end))
                       for c in clauses}
            self._clause_matches = matches
            skip = _clauses_without_events(doc, clauses, matches)
            for clause in clauses:
                if id(clause) in skip:
                    continue
                for n, match in enumerate(matches[id(clause)]):
                    if self._english_content(doc, match, matches[id(clause)][:n]):
                        continue
                    event = self._event(doc, match, clauses, finder, judge)
                    if event is not None:
                        found.extend(self._split_sources(event))
            found += self._obligation_requests(doc, clauses, found, finder, judge)
            found = absorb_rejected_objects(drop_frames(doc, self.lex, found, clauses))
            found = accepted_demands(found)
            found = demands_of_a_protest(one_attack_with_many_harms(found))
            condemned_acts(found)
            obligations_as_requests(doc, self.lex, found, events)
            events.extend(one_per_action(found))
        link_denials(events)
        for event in events:
            tok = doc[event.match.i]
            event.key = hashlib.sha1(f"{tok.idx}:{event.type}:{codes(event.source)}".encode()
                                     ).hexdigest()[:12]
        return events

    def _codable(self, doc) -> tuple[list[int], list[int]]:
        """The positions of a Doc's words that have a trigger entry (``may_trigger``), and
        of those that have one or are an obligation cue: a sentence without any of the
        latter yields no event (a cheap test before splitting and matching)."""
        codes = self._may_code_word.column(doc)
        codable = list(compress(range(len(codes)), codes))
        return [i for i in codable if codes[i] == MAY_TRIGGER], codable

    def _word_code(self, text: str, lemma: str) -> int:
        """MAY_TRIGGER for a word with a trigger entry, MAY_OBLIGE for an obligation cue,
        else 0."""
        if may_trigger(text, lemma, self.lex):
            return MAY_TRIGGER
        obligation = self.lex.cues.get("obligation", ())
        return MAY_OBLIGE if lemma.lower() in obligation or text.lower() in obligation else 0

    # -- one trigger ----------------------------------------------------------------------
    def _event(self, doc, match: TriggerMatch, clauses: list[Clause], finder: ArgumentFinder,
               judge: StatusJudge) -> CodedEvent | None:
        trig, clause = match.trigger, match.clause
        reasons = [f"{trig.pos} '{doc[match.i].text}' matched {trig.id} ({trig.rule})"]
        trig_mutual = trig.mutual
        attacked_place = None
        if trig.pos == "noun" and match.support_i is None:
            source, target = self._noun_frame(doc, match, finder)
            if not source and _possessive_before(doc, match.i, clause.start):
                # "ihr Treffen in Peking", "nach seiner Begegnung mit": the owner is the
                # subject of the clause
                source = finder.subject(clause, match.i, clauses)
                if source and any(t.prep in ("mit", "with") for t in target) and trig.mutual:
                    trig_mutual = False  # as for verbs: the subject meets its partner
            launch_at = None if source or match.in_pp else _light_verb_before(
                doc, self.lex, clause, match.i)
            if launch_at is not None:
                # "launched a mediation effort", "leitete eine Untersuchung ein": a verb
                # that only starts or carries out the act gives it its subject
                source = [m for m in finder.subject(clause, launch_at, clauses)
                          if all(m.start != t.start for t in target)]
                if source:
                    reasons.append(f"source: the subject of '{doc[launch_at].text}'")
            if not source and not target:
                return None
            if match.in_pp and not (source and target or trig.mutual and len(source) > 1) \
                    or match.in_pp in CONCESSIVE_PREPS:
                # "bei einer UN-Konferenz": a background mention, not an act; "despite
                # growing pressure by X", "trotz der Kritik": what the act goes against
                return None
            reasons.append("actors from the noun's own frame")
        else:
            verb_i = match.support_i if match.support_i is not None else match.i
            if trig.pos == "verb" and finder.is_passive(clause, verb_i):
                if "active" in trig.flags:
                    return None  # "the demands could not be met": no meeting
                source = finder.agent(clause)
                target = finder.subject(clause, verb_i, clauses)
                reasons.append("passive: source from the agent, target from the subject")
                if not source:
                    source = self._source_from_noun(doc, match, finder)
                    if source:  # "Bei einem Luftangriff der Armee wurden drei getötet"
                        reasons.append("source from the same act named as a noun")
                if not target:  # "a camp for Congolese refugees was attacked"
                    target = [m for m in finder.in_clause(clause) + finder.modifiers
                              if clause.start <= m.start < verb_i
                              and m.prep not in AGENT_PREPS[self.lang]
                              and m.prep not in LOCATIVE_PREPS][:1]
            elif trig.source and trig.source[0].startswith("pp:"):
                source = finder.slot(trig.source, clause, [], verb_i)
                target = finder.subject(clause, verb_i, clauses)
                reasons.append(f"source from {'/'.join(trig.source)}, target the subject")
            else:
                source = finder.subject(clause, verb_i, clauses)
                spec = trig.target
                if trig.pos == "noun":  # support verb: the noun's frame, then the verb's
                    spec = tuple(spec) + ("dat", "acc")
                target = finder.slot(spec, clause, source, verb_i)
                reasons.append(f"source the subject, target from {'/'.join(spec)}")
            if len(source) >= 2 and not target and finder.reciprocal(clause):
                trig_mutual = True
                reasons.append("a plural subject acting on each other (sich): mutual")
            if trig_mutual:
                partner = finder.slot(("pp:mit", "pp:with", "pp:zwischen", "pp:between"),
                                      clause, source, verb_i)
                partner = [p for p in partner if not _inside_fronted_pp(doc, clause, p, verb_i)]
                others = [p for p in target + partner if all(p.start != q.start for q in source)]
                directed = [p for p in others if p.prep not in ("zwischen", "between")]
                if source and directed:
                    # "Moroccan diplomats met with Obama", "Scholz traf Macron": the subject
                    # acts, the partner is its target (as CAMEO and PLOVER code it); only
                    # parties the text joins ("A und B verhandelten") are mutual
                    target = list({p.start: p for p in directed}.values())
                    trig_mutual = False
                    reasons.append("a mutual act with a named partner: subject -> partner")
                else:
                    source, target = source + others, []
                    reasons.append("mutual: all parties are sources")
        if source and not target and trig.type in ADVERSARIAL | {"MOBILIZE"}:
            # "threatened further action against Russia", "Proteste gegen die Regierung"
            target = finder.slot(("pp:against", "pp:gegen"), clause, source, match.i,
                                 after_only=True)
        if not target and trig.type in ("ASSAULT", "COERCE") and trig.pos == "verb":
            city = _attacked_city(doc, clause, match.i, self.lang,
                                  finder.is_passive(clause, match.i), finder)
            if city is not None:  # "shelled Kharkiv": the city attacked stands for its state
                target = [_place_actor(city, None, "the city attacked stands for its state")]
                attacked_place = city
                reasons.append(f"target: the state of the city attacked ({city.text})")
        if source and not target and trig.type == "REJECT" and trig.pos == "verb":
            target = _object_owner(finder, clause, source, match.i, AUTHOR_PREPS[self.lang])
            if target:  # "denied the accusations by Prague": who made what is rejected
                reasons.append("target: whose claim or proposal is rejected")
        if source and not target and trig.pos == "verb" and trig.type in (
                "ASSAULT", "COERCE", "SUPPORT", "ACCUSE"):
            target = _object_owner(finder, clause, source, match.i, OWNER_PREPS[self.lang])
            if target:  # "shelled positions of the army", "defended the right of Israel",
                # "criticised the policies of Hungary": whose it is
                reasons.append("target: the owner of what the act is about")
        if source and not target and trig.type == "THREATEN":
            target = _condition_subject(finder, clauses, clause, source)
            if target:  # "threatened to halt talks if Australia goes ahead": whom it warns
                reasons.append("target: the subject of the threat's condition")
        if source and not target and trig.type in ("AGREE", "THREATEN") \
                and trig.pos == "verb":
            target = _promised_to(finder, clauses, clause, source)
            if target:  # "promised to continue aid to Mali", "threatened to ban flights to
                # Cyprus", "refused to send troops to Haiti": whom the act is for
                reasons.append("target: whom the promised or threatened act is for")
        if source and not target and trig.type == "RETREAT":
            left = _place_left(doc, clause, match.i)
            if left is not None:  # "withdrew from the town of Gorazde": from that state
                target = [_place_actor(left, None, "the state of the place withdrawn from")]
                reasons.append(f"target: the state of the place withdrawn from ({left.text})")
        if source and not target and trig.type == "REQUEST" and trig.pos == "verb":
            target = _object_owner(finder, clause, source, match.i, AGENT_OF_DEMAND[self.lang],
                                   genitive=False)
            if target:  # "fordert einen stärkeren Schutz durch die NATO": who is to act
                reasons.append("target: who is to do what is demanded")
        if source and not target and trig.type == "REQUEST":
            target = _content_subject(finder, clauses, clause, source)
            if target:
                reasons.append("target: the subject of what is demanded or alleged")
        if not source and not target:
            return None
        unknown_attacker = (trig.type == "ASSAULT" and target and trig.pos == "verb"
                            and finder.is_passive(clause, match.i))
        weapon_at = _weapon_before(doc, self.lex, clause, match.i) \
            if trig.type == "ASSAULT" and trig.pos == "verb" else None
        if weapon_at is not None and self.lang == "de" and source and not target \
                and all(m.start > match.i for m in source):
            # "Eine Autobombe tötete fünf Polizisten": the actors after the verb are victims
            source, target = [], source
        if not source and target and weapon_at is not None:
            unknown_attacker = True  # "a roadside bomb killed three soldiers"
        if source and not target and trig.type in SCENE_TYPES and (
                trig.pos == "verb" or match.support_i is not None):
            target = _condition_subject(finder, clauses, clause, source)
            if target:  # "will ban rallies in Gaza if Hamas takes part": whom it warns
                reasons.append("target: the subject of the act's condition")
            else:  # "fired at targets in Jericho": the state where it is done
                target = _scene_target(doc, clauses, clause, match.i, reasons)
        if not source and trig.pos == "verb" and not unknown_attacker:
            return None  # no event without a resolvable source
        place = attacked_place or _nearest(doc._.places or [], clause, match.i)
        if not source and unknown_attacker:
            # "Three civilians were killed in a bombing": victims known, attacker not
            reasons.append("an attack whose attacker the text does not name")
            if place is not None and place.country:
                # as PLOVER codes it: unnamed attackers of the country where it happened
                k = weapon_at if weapon_at is not None else match.i
                source = [_implied_actor(doc, k, doc[k].text, None, place.country, None,
                                         "unnamed", "unnamed attackers where the attack happened")]
                reasons.append(f"source: unnamed attackers in {place.country} ({place.text})")
        obstruct = trig.lemma in BLOCK_VERBS and trig.pos == "verb" and source and all(
            m.sector in OBSTRUCTORS for m in source)
        if obstruct:
            # "Angry farmers blocked the bridge", "Rebellen blockierten die Zufahrt": people
            # blocking a way protest; it is addressed to a government, not to a road
            target = [m for m in target if m.sector == "GOV"]
            reasons.append("people blocking a way: PROTEST (obstruct)")
        if trig.type == "PROTEST" and trig.mode == "obstruct" and source and all(
                m.sector in AUTHORITIES for m in source):
            return None  # "Police put up barricades": authorities who block a way don't protest
        if (trig.type == "PROTEST" or obstruct) and source and not target and place is not None \
                and place.country:
            # "Prisoners rioted at a jail in northern Israel": a protest is addressed to the
            # government of where it happens
            target = [_place_actor(place, "GOV", "the government where the protest takes place")]
            reasons.append(f"target: the government where it happens ({place.text})")
        if not target and "needs-target" in trig.flags and not (trig_mutual and len(source) > 1
                                                                or obstruct):
            return None  # too vague without whom it is done to ("traf", "unterstützt")
        governing = _governing(clauses, clause)
        status, attributed, why = judge.judge(match, governing)
        reasons += why
        type_, mode = ("PROTEST", "obstruct") if obstruct else (trig.type, trig.mode)
        announced = None
        stop_at = _ordered_to_stop(doc, clauses, clause, match) if type_ == "REQUEST" else None
        if stop_at is not None:
            # "ordered the newspaper to suspend publication", "ordered journalists to leave":
            # an order that stops what someone does coerces (CAMEO 172, 174)
            type_, mode = "COERCE", "restrict"
            reasons.append(f"an order to stop or leave ('{doc[stop_at].text}'): COERCE")
        demand = self._demand_accepted(match)
        if demand is not None:
            # "accepted demands from striking miners": to accept a demand is to yield to it,
            # even where its authors are not an actor the lexicon knows
            type_, mode = "CONCEDE", None
            reasons.append(f"a demand accepted is a concession ('{doc[demand.i].text}'): "
                           "CONCEDE")
        if type_ == "CONSULT" and mode == "visit" and source and all(
                m.sector in ARMED_SECTORS for m in source):
            # "NATO troops arrived in Kosovo": armed forces that arrive are deployed, not
            # visiting; peacekeepers are protection given (PLOVER AID, CAMEO 074)
            words = self.lex.cues.get("peacekeeping", ())
            peace = any(w in m.text.lower() for m in source for w in words)
            type_, mode = ("AID", "peacekeeping") if peace else ("MOBILIZE", "troops")
            reasons.append(f"armed forces arriving: {type_} ({mode})")
        if type_ == "COERCE" and mode == "deport" and target and all(
                m.sector == "GOV" or m.country == "IGO" for m in target):
            # "expelled two Russian diplomats", "wies UN-Inspekteure aus": expelling
            # officials reduces relations (PLOVER SANCTION expel, CAMEO 166)
            type_, mode = "SANCTION", "expel"
            reasons.append("officials expelled: SANCTION (expel)")
        if type_ == "MOBILIZE" and any(m.prep in ("mit", "with") for m in target):
            # "Manöver der USA mit Südkorea": a joint exercise is cooperation
            type_, mode, trig_mutual = "COOPERATE", None, True
            source, target = source + target, []
            reasons.append("a joint exercise with a partner: COOPERATE")
        threat_at = cue_at(doc, self.lex, governing, "threat") if governing else None
        if type_ in COERCIVE and threat_at is not None and clause.opener in ("sub", "inf"):
            threatener = finder.subject(governing, threat_at, clauses)
            if not source or {m.country for m in source} & {m.country for m in threatener}:
                type_, mode, status = "THREATEN", None, "asserted"
                attributed = None
                reasons.append("a coercive act the actor promised or threatened: THREATEN")
        if type_ not in ("THREATEN", "REQUEST", "ACCUSE", "REJECT") and source \
                and status in ("asserted", "hypothetical") and _unless_after(doc, clauses, clause):
            # "will withdraw its troops unless Deby arranges a ceasefire": an act announced
            # on a condition the other side must meet is a threat to that side
            type_, mode, status = "THREATEN", None, "asserted"
            target = target or _condition_subject(finder, clauses, clause, source)
            reasons.append("an act announced unless a condition is met: THREATEN")
        commit_at = cue_at(doc, self.lex, clause, "commit", skip=match.i)
        if commit_at is None and governing is not None and clause.opener in ("sub", "inf"):
            commit_at = cue_at(doc, self.lex, governing, "commit")
        if trig.pos == "noun" and match.support_i is None:
            commit_at = None  # a commitment binds the clause's verb, not a noun it names
        scope_start = governing.start if clause.opener == "inf" and governing is not None \
            else clause.start
        failed = status == "negated" and type_ == "AGREE" and any(
            doc[k].lemma_.lower() == "fail" for k in range(scope_start, match.i))
        if status == "negated" and (commit_at is not None or failed or cue_at(
                doc, self.lex, clause, "modal") is not None) and type_ in COOPERATIVE | {"AGREE"}:
            # "will not accept refugees", "werde keine Waffen liefern": a refusal; "failed
            # to reach agreement": talks that end in no agreement
            reasons.append(f"a cooperative act refused: REJECT (was {type_})")
            type_, mode, status = "REJECT", None, "asserted"
            commit_at = None
        if type_ in COERCIVE | {"PROTEST"} and commit_at is not None and status != "negated":
            # "said they would boycott", "will impose sanctions": a threat
            reasons.append(f"a coercive act announced ('{doc[commit_at].text}'): THREATEN "
                           f"(was {type_})")
            type_, mode, status, attributed, announced = "THREATEN", None, "asserted", None, \
                type_
        if type_ in COOPERATIVE and commit_at is not None:
            # "Finland will give Tanzania a grant", "ist bereit, ... abzuziehen": a pledge
            reasons.append(f"a cooperative act promised or offered ('{doc[commit_at].text}'): "
                           f"AGREE (was {type_})")
            type_, mode, status = "AGREE", None, "asserted" if status == "hypothetical" \
                else status
            if trig_mutual and len(source) > 1:  # "offered to negotiate with Armenia"
                source, target, trig_mutual = source[:1], source[1:], False
        if source and not target and type_ == "THREATEN":
            # "threatened to boycott all contact with the United States": whom it is about
            target = finder.slot(("pp:with", "pp:to", "pp:against", "pp:on", "pp:mit", "pp:nach",
                                  "pp:gegen", "obj"), clause, source, match.i, after_only=True)
            target = target or _threatened_owner(finder, clauses, clause, source, match.i) \
                or _condition_subject(finder, clauses, clause, source)
            # "will impose a curfew in Lagos": on the state it is in
            target = target or _scene_target(doc, clauses, clause, match.i, reasons)
        own = {m.country for m in source if m.country and m.country not in PSEUDO_COUNTRIES}
        if type_ == "PROTEST" and source and not target and len(own) == 1 \
                and all(m.sector != "GOV" for m in source):
            # "Young Tunisians blocked highways": with no other addressee or place, people
            # protest to their own government (PLOVER codes protests with an addressee)
            country = own.pop()
            name = country_records().get(country, {}).get("name") or country
            target = [_implied_actor(doc, match.i, f"(government of {name})", name, country,
                                     "GOV", "implied", "the protesters' own government")]
            reasons.append(f"target: the protesters' own government ({country})")
        if type_ == "MOBILIZE" and target and {m.country for m in target} <= {
                m.country for m in source}:
            # "send more troops": one's own forces are what is moved, not a target; whom they
            # are mobilised against is ("mobilised reservists for a war against Iraq")
            target = finder.slot(("pp:against", "pp:gegen"), clause, source, match.i,
                                 after_only=True)
        if type_ == "AID" and mode is None:
            mode = _aid_mode(doc, self.lex, clause)
        kind = "support" if match.support_i is not None else trig.pos
        confidence = CONFIDENCE[kind]
        if any(m.country_from == "default" for m in source):
            confidence -= 0.2
        if not source:
            confidence -= 0.1
        return CodedEvent(match, type_, mode, source, target, status, attributed,
                          _nearest(doc._.times or [], clause, match.i), place,
                          round(confidence, 2), reasons, mutual=trig_mutual,
                          announced=announced)

    def _demand_accepted(self, match: TriggerMatch) -> TriggerMatch | None:
        """A demand named as the object of an acceptance: a REQUEST noun after an AGREE
        verb in its clause ("accepted demands", "nahm die Forderungen an"), whether or not
        the demand has actors of its own (``accepted_demands`` then folds its event in)."""
        if match.trigger.type != "AGREE" or match.trigger.pos != "verb":
            return None
        return next((m for m in self._clause_matches.get(id(match.clause), ())
                     if m.trigger.type == "REQUEST" and m.trigger.pos == "noun"
                     and m.support_i is None and m.i > match.i), None)

    def _english_content(self, doc, match: TriggerMatch, before: list[TriggerMatch]) -> bool:
        """ "called on both sides to agree", "denied supplying weapons": an English
        infinitive or gerund right after a demand, accusation or denial is its content."""
        verb = match.i if match.trigger.pos == "verb" else match.support_i
        if self.lang != "en" or verb is None or not before:
            return False
        takers = [m for m in before if m.trigger.type in CONTENT_TAKERS or m.trigger.denial]
        if not takers:
            return False
        prev = doc[verb - 1]
        return prev.lower_ == "to" or (doc[verb].lower_.endswith("ing")
                                       and prev.i == takers[-1].i)

    def _obligation_requests(self, doc, clauses, found: list[CodedEvent],
                             finder: ArgumentFinder, judge: StatusJudge) -> list[CodedEvent]:
        """ "Die Türkei muss sicherstellen, ...", said the EU: inside a quotation, an
        obligation laid on an actor is the speaker's demand (REQUEST), even when what
        must be done is in no lexicon."""
        out = []
        for clause in clauses:
            k = cue_at(doc, self.lex, clause, "obligation")
            coded = any(e.match.clause is clause for e in found)
            if k is None or coded or clause.opener not in ("main", "sub"):
                continue
            speaker = judge.speaker_at(doc[k].idx)
            subject = finder.subject(clause, k, clauses)
            if speaker is None or not speaker.country or not subject or \
                    {m.country for m in subject} == {speaker.country}:
                continue
            match = TriggerMatch(OBLIGATION, k, clause)
            out.append(CodedEvent(match, "REQUEST", None, [speaker], subject, "asserted", None,
                                  _nearest(doc._.times or [], clause, k),
                                  _nearest(doc._.places or [], clause, k), 0.5,
                                  [f"'{doc[k].text}': an obligation laid on "
                                   f"{subject[0].text!r} inside {speaker.text!r}'s quotation"]))
        return out

    def _source_from_noun(self, doc, match: TriggerMatch, finder: ArgumentFinder):
        """The source of a noun of the same type in the clause, for a passive verb that
        names no agent."""
        for other in self._clause_matches.get(id(match.clause), ()):
            if other.trigger.pos == "noun" and other.trigger.type == match.trigger.type:
                source, _ = self._noun_frame(doc, other, finder)
                if source:
                    return source
        return []

    def _noun_frame(self, doc, match: TriggerMatch, finder: ArgumentFinder):
        """Actors of a noun event from its own phrase: "russische Angriffe auf Kiew",
        "US-Sanktionen gegen Iran", "der Besuch Obamas in Vietnam"."""
        trig, clause, i = match.trigger, match.clause, match.i
        near = [m for m in finder.in_clause(clause) if i < m.start <= i + 12]
        source: list[ActorMention] = []
        for slot in tuple(trig.source) + ("pp:von", "pp:durch"):
            if slot == "prefix":
                source = [m for m in finder.modifiers if m.start == i]
            elif slot == "adj":
                source = [m for m in finder.modifiers if m.end <= i and i - m.end <= 1
                          and m.start >= clause.start]
                if self.lang == "en":  # "US sanctions"; German writes "US-Sanktionen"
                    source = source or [m for m in finder.mentions if m.end == i]
            elif slot == "gen":
                source = [m for m in near if m.start <= i + 3 and m.prep is None and (
                    m.case == "gen" or m.genitive or doc[m.start - 1].lower_ in ("der", "des"))
                ][:1]
            elif slot.startswith("pp:"):
                source = [m for m in near if m.prep == slot[3:]][:1] or [
                    m for m in finder.modifiers if i < m.start <= i + 5
                    and _prep_before(doc, m.start) == slot[3:]][:1]  # "von US-Waffen"
            if source:
                break
        target = []
        for slot in trig.target:
            if slot.startswith("pp:"):
                target = [m for m in near if m not in source and (
                    m.prep == slot[3:] or m.prep is None and finder.outer_prep(m) == slot[3:])][:1]
                if not target:  # "riots against Israeli policies": the owner of what is opposed
                    target = [m for m in finder.modifiers if i < m.start <= i + 6
                              and _prep_before(doc, m.start, (slot[3:],)) == slot[3:]][:1]
            elif slot == "gen":
                target = [m for m in near if (m.case == "gen" or m.genitive)
                          and m not in source][:1]
            if target:
                target = finder.group_of(target[0], clause)
                break
        if trig.mutual and target and not source and not _possessive_before(
                doc, i, clause.start) and all(t.prep not in ("mit", "with") for t in target):
            source, target = target, []  # "Verhandlungen zwischen Russland und Nordkorea"
        return source, target

    @staticmethod
    def _split_sources(event: CodedEvent) -> list[CodedEvent]:
        """ "Iran und Nordkorea bestritten": one event per source unless the act is mutual."""
        if len(event.source) < 2 or event.mutual:
            return [event]
        out = []
        for m in event.source:
            clone = CodedEvent(**{**event.__dict__, "source": [m], "reasons": list(
                event.reasons)})
            out.append(clone)
        return out


def _content_subject(finder, clauses, clause, source) -> list:
    """ "demanded that the US cancel", "forderte, dass Russland abzieht": the one asked is
    the subject of the clause that says what (a zu-infinitive has no subject of its own)."""
    k = clauses.index(clause)
    if k + 1 < len(clauses) and clauses[k + 1].opener == "sub":
        nxt = clauses[k + 1]
        cands = [m for m in finder.in_clause(nxt) if m.prep is None and not m.genitive
                 and m.kind != "adj" and all(m.start != s.start for s in source)]
        if cands:
            return finder.group_of(cands[0], nxt)
    return []


def _unless_after(doc, clauses, clause) -> bool:
    """An "unless" clause right after ``clause`` in the same sentence."""
    k = clauses.index(clause)
    return any(nxt.sentence_start == clause.sentence_start
               and condition_kind(doc, nxt) == "unless" for nxt in clauses[k + 1:k + 2])


def _condition_subject(finder, clauses, clause, source) -> list:
    """ "threatened to halt the talks if Australia goes ahead", "drohte mit Sanktionen,
    falls Teheran nicht einlenke": a threat warns the subject of its condition."""
    doc = finder.doc
    k = clauses.index(clause)
    for nxt in clauses[k + 1:k + 3]:
        if nxt.sentence_start != clause.sentence_start:
            break
        if condition_kind(doc, nxt) is None:
            continue
        cands = [m for m in finder.in_clause(nxt) if m.prep is None and not m.genitive
                 and m.kind != "adj" and all(m.start != s.start for s in source)]
        if cands:
            return finder.group_of(cands[0], nxt)
    return []


PROMISE_PREPS = ("to", "with", "for", "an", "mit", "für", "nach")


def _promised_to(finder, clauses, clause, source) -> list:
    """ "promised to continue military aid to Mali", "drohte, Flüge nach Zypern zu
    verbieten": a promise or a threat is for whoever the act (the infinitive after it) is
    done to."""
    k = clauses.index(clause)
    if k + 1 >= len(clauses) or clauses[k + 1].opener != "inf":
        return []
    nxt = clauses[k + 1]
    cands = [m for m in finder.in_clause(nxt) if m.kind != "adj" and not m.genitive
             and (m.prep is None or m.prep in PROMISE_PREPS) and finder.usable(m, m.prep)
             and all(m.start != s.start for s in source)]
    # "agreed to send police officers to Haiti": one's own people are what is sent
    own = {m.country for m in source}
    others = [m for m in cands if m.country not in own]
    cands = others or cands
    # "agreed to send troops to Bolivia": what is sent, of a country only guessed, is
    # less likely the one it is for than a state the text names
    named = [m for m in cands if m.country_from != "default"]
    cands = named or cands
    return finder.group_of(cands[0], nxt) if cands else []


def _inside_fronted_pp(doc, clause: Clause, mention: ActorMention, verb_i: int) -> bool:
    """German puts one phrase before the verb: in "Nach dem Treffen mit Macron traf Scholz
    Biden" the "mit" phrase belongs to the fronted "nach" phrase, not to the verb."""
    first = doc[clause.start].lower_
    return (clause.start + 1 < mention.start - 1 and mention.start < verb_i
            and first in PREPOSITIONS["de"] and first not in ("mit", "zwischen"))


def _with_content(clauses: list[Clause], clause: Clause, openers=("inf",)) -> list[Clause]:
    """A clause, and the clause right after it when that says its content ("threatened
    | to impose a curfew", "ordered La Prensa | to suspend publication")."""
    k = clauses.index(clause)
    return [clause] + [c for c in clauses[k + 1:k + 2] if c.opener in openers]


def _threatened_owner(finder, clauses, clause, source, i: int) -> list:
    """ "threatened to block Sweden's bid", "drohte, den Beitritt Schwedens zu blockieren":
    the threat is about the owner of what it names."""
    scope = _with_content(clauses, clause, ("inf", "sub"))
    owners = [m for c in scope for m in finder.in_clause(c) if m.start > i
              and (m.genitive or m.case == "gen" or _possessive(finder.doc, m))
              and m.kind != "adj"
              and all(m.start != s.start for s in source)]
    return finder.group_of(owners[0]) if owners else []


# prepositions that name the owner of what an act is done to, by type of act
AUTHOR_PREPS = {"de": ("von",), "en": ("by", "from")}  # "die Kritik von", "claims by"
OWNER_PREPS = {"de": (), "en": ("of",)}  # "positions of the army"


AGENT_OF_DEMAND = {"de": ("durch",), "en": ("by",)}  # "Schutz durch die NATO"


def _object_owner(finder, clause: Clause, source, i: int, preps: tuple[str, ...],
                  genitive: bool = True) -> list:
    """The owner of what the verb at ``i`` acts on: a genitive, a possessive, or an actor
    after one of ``preps``. "denied the accusations by Prague", "rejected Kyiv's
    proposal", "wies die Kritik von Amnesty zurück": a rejection is aimed at whoever made
    what it rejects; "shelled positions of the army": an attack at whoever holds them."""
    owners = [m for m in finder.in_clause(clause) if m.start > i and m.kind != "adj"
              and (m.prep in preps or genitive and (m.genitive or m.case == "gen"
                                                    or _possessive(finder.doc, m)))
              and all(m.start != s.start for s in source)]
    return finder.group_of(owners[0]) if owners else []


def _possessive(doc, m) -> bool:
    return m.end < len(doc) and doc[m.end].text in ("'s", "’s", "'")


def _place_actor(place: PlaceMention, sector: str | None, rule: str) -> ActorMention:
    """A place standing for the state (or government) it lies in, as an actor."""
    return ActorMention(place.start, place.end, place.start_char, place.end_char, place.text,
                        None, place.name, place.country, sector, "place", rule)


def _place_left(doc, clause: Clause, i: int):
    """A place after "from"/"aus" behind the trigger at ``i``: what is withdrawn from."""
    for p in doc._.places or []:
        if clause.start <= p.start < clause.end and p.start > i and p.country and any(
                doc[k].lower_ in ("from", "aus") for k in range(i + 1, p.start)):
            return p
    return None


def _implied_actor(doc, k: int, text: str, name: str | None, country: str,
                   sector: str | None, kind: str, rule: str) -> ActorMention:
    """An actor the text implies but does not name, placed on the word at ``k`` that
    implies it (the trigger, or the weapon of an unnamed attacker)."""
    return ActorMention(k, k + 1, doc[k].idx, doc[k].idx + len(doc[k].text), text, None,
                        name, country, sector, kind, rule)


def _scene_target(doc, clauses: list[Clause], clause: Clause, i: int,
                  reasons: list[str]) -> list[ActorMention]:
    """The state where the act at ``i`` is done, as its target (see ``_scene_after``)."""
    scene = _scene_after(doc, clauses, clause, i)
    if scene is None:
        return []
    reasons.append(f"target: the state where the act is done ({scene.text})")
    return [_place_actor(scene, None, "the state where the act is done")]


def _scene_after(doc, clauses: list[Clause], clause: Clause, i: int):
    """The place where the act at ``i`` is done, named after it in its clause or in the
    infinitive that says what is threatened or refused: "fired at targets in Jericho",
    "threatened to impose a curfew in Algiers", "refused to deploy troops in Iraq"."""
    scope = _with_content(clauses, clause)
    for p in doc._.places or []:
        if p.country and p.prep in SCENE_PREPS and p.start > i and any(
                c.start <= p.start < c.end for c in scope):
            return p
    return None


def _light_verb_before(doc, lex, clause: Clause, i: int) -> int | None:
    """A verb that only starts, leads or carries out the act the noun at ``i`` names
    ("launched", "conducted", "leitete ... ein"), before it in the clause (the ``light``
    cues)."""
    words = lex.cues.get("light", ())
    for k in range(i - 1, max(clause.start, i - 7) - 1, -1):
        tok = doc[k]
        if tok.text.islower() and tok.text[0].isalpha() and tok.lemma_.lower() in words:
            return k
    return None


def _weapon_before(doc, lex, clause: Clause, i: int) -> int | None:
    """Where a thing that kills by itself stands before the verb: "a roadside bomb
    killed", "eine Autobombe tötete" (word endings from the ``weapon`` cues)."""
    words = lex.cues.get("weapon", ())
    return next((k for k in range(clause.start, i)
                 if any(doc[k].lower_.endswith(w) for w in words)), None)


def _aid_mode(doc, lex, clause: Clause) -> str | None:
    """What is given decides the kind of aid: weapons, relief goods, money."""
    for mode in ("military", "humanitarian", "economic"):
        words = lex.cues.get(f"aid_{mode}", ())
        if any(doc[k].lower_.endswith(w) for k in range(clause.start, clause.end)
               for w in words):
            return mode
    return None


ORDER_VERBS = {"order", "befehlen", "anordnen", "anweisen"}
STOP_VERBS = {"suspend", "stop", "halt", "close", "cease", "shut", "leave", "quit", "vacate",
              "evacuate", "einstellen", "schließen", "verlassen", "räumen", "stoppen"}


def _ordered_to_stop(doc, clauses: list[Clause], clause: Clause, match: TriggerMatch
                     ) -> int | None:
    """Where an order's content is to stop or to leave: a stop verb in the few words after
    the order verb ("ordered La Prensa to suspend publication") or in its infinitive."""
    if match.trigger.lemma not in ORDER_VERBS or match.trigger.pos != "verb":
        return None
    return next((j for c in _with_content(clauses, clause) for j in range(max(c.start, match.i + 1),
                                                  min(c.end, match.i + 12))
                 if doc[j].lemma_.lower() in STOP_VERBS and doc[j].text.islower()), None)


def _clauses_without_events(doc, clauses: list[Clause],
                            matches: dict[int, list[TriggerMatch]]) -> set[int]:
    """The clauses of a sentence that say no event of their own (by ``id``):
    - intentions ("um ... zu sanktionieren", "in order to");
    - what someone is accused of, asked to do, refuses or agrees to, with what is
      coordinated with it ("called on Arabs to unite and mobilize") and, for a demand,
      everything below it ("demanded that the US cancel plans to sell weapons");
    - background in the past perfect ("whom they had kidnapped");
    - conditions and what depends on them ("unless the governor resigns")."""
    skip: set[int] = set()
    content: set[int] = set()
    demanded: set[int] = set()
    conditions: set[int] = set()
    for k, clause in enumerate(clauses):
        if clause.opener == "purpose":
            skip.add(id(clause))
            continue
        governing = _governing(clauses, clause)
        gov = id(governing) if governing is not None else None
        if clause.opener in ("inf", "sub") and governing is not None and any(
                _takes_content(m, matches[id(clause)]) for m in matches[gov]) \
                or clause.opener == "coord" and k and id(clauses[k - 1]) in content \
                or clause.opener == "inf" and gov in demanded:
            if gov in demanded or governing is not None and any(
                    m.trigger.type == "REQUEST" for m in matches[gov]):
                demanded.add(id(clause))
            content.add(id(clause))
        elif clause.opener == "rel" and _pluperfect(doc, clause):
            pass
        elif clause.opener == "sub" and _condition(doc, clause) or \
                clause.opener == "inf" and gov in conditions:
            conditions.add(id(clause))
        else:
            continue
        skip.add(id(clause))
    return skip


def _pluperfect(doc, clause: Clause) -> bool:
    """A relative clause in the past perfect ("whom they had kidnapped", "die sie
    angegriffen hatten"): background to the sentence's own act."""
    words = [doc[k].lower_ for k in range(clause.start, clause.end)]
    return any(w in ("had", "hatte", "hatten") for w in words)


def _condition(doc, clause: Clause) -> bool:
    """A clause that sets a condition ("if", "unless", "until", "falls", "sofern"); German
    "wenn" is also "when" and so is no sure sign."""
    first = doc[clause.start].lower_
    return condition_kind(doc, clause) is not None and first != "wenn" or first == "until"


def _takes_content(governor: TriggerMatch, content: list[TriggerMatch]) -> bool:
    """Whether the clause after ``governor`` says what it is about rather than an event
    of its own: what someone is accused of, asked to do, refuses or agrees to ("agreed
    that they should cooperate"); but a coercive act promised is a threat of its own
    ("versprach, ... zu sanktionieren")."""
    if governor.trigger.denial:
        return True
    if governor.trigger.type == "AGREE":
        return not any(m.trigger.type in COERCIVE | {"PROTEST"} for m in content)
    return governor.trigger.type in CONTENT_TAKERS


def _governing(clauses: list[Clause], clause: Clause) -> Clause | None:
    k = clauses.index(clause)
    for prev in reversed(clauses[:k]):
        if prev.has_verb and prev.opener != "rel":
            return prev
    return None


POSSESSIVES = {"sein", "seine", "seinem", "seinen", "seiner", "seines", "ihr", "ihre",
               "ihrem", "ihren", "ihrer", "ihres", "his", "her", "their", "its"}


def _possessive_before(doc, i: int, start: int) -> bool:
    for k in range(i - 1, max(start - 1, i - 4), -1):
        if doc[k].lower_ in POSSESSIVES:
            return True
        if not doc[k].text.islower():
            return False
    return False


def _prep_before(doc, k: int, preps: tuple[str, ...] = ("von", "vom", "durch", "by", "of")
                 ) -> str | None:
    for j in range(k - 1, max(-1, k - 4), -1):
        low = doc[j].lower_
        if low in preps:
            return {"vom": "von"}.get(low, low)
        if not doc[j].text.islower():
            return None
    return None


def _attacked_city(doc: Doc, clause: Clause, verb_i: int, lang: str, passive: bool,
                   finder: ArgumentFinder) -> PlaceMention | None:
    """A known city named bare as what an attack verb acts on: after the verb in English
    ("shelled Kharkiv"), anywhere but first in a German active clause ("haben Charkiw
    beschossen"), before the verb in a passive one ("Kharkiv was shelled"). A city after a
    preposition is a scene ("in Kharkiv"), and a name the actor layer resolved (a capital
    as its government) is an actor already."""
    from lagebild.nlp.places import PLACE_NOUNS, city_index

    cities = city_index()
    taken = {i for m in finder.mentions for i in range(m.start, m.end)}
    preps = PREPOSITIONS[lang]
    for i in range(clause.start, clause.end):
        if i == verb_i or i in taken or not doc[i].text[:1].isupper():
            continue
        if lang == "en" and not passive and i < verb_i:
            continue
        if lang == "de" and not passive and i == clause.start:
            continue
        if passive and i > verb_i:
            continue
        city_of = i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in PLACE_NOUNS["en"]
        if i > 0 and not city_of and (doc[i - 1].lower_ in preps
                                      or doc[i - 1].lower_ in ("of", "des", "der")):
            continue  # "in Kharkiv" is the scene; "the city of Kharkiv" may be the target
        for width in (2, 1):
            span = doc.span(i, i + width)
            record = cities.get(span.text) if span.end <= clause.end else None
            if record and record.get("country"):
                return PlaceMention(span.start, span.end, span.start_char, span.end_char,
                                    span.text, record["geonames_id"], record["name"],
                                    record["country"], record["lat"], record["lon"])
    return None


def _nearest(items, clause: Clause, i: int):
    inside = [x for x in items if clause.start <= x.start < clause.end]
    if not inside:
        return None
    return min(inside, key=lambda x: abs(x.start - i))


@Language.factory("lagebild_events", default_config={"lexicon_paths": []})
def make_event_coder(nlp: Language, name: str, lexicon_paths: list[str]) -> EventCoder:
    """spaCy factory: the event coder for ``nlp.lang``."""
    return EventCoder(nlp, tuple(lexicon_paths))
